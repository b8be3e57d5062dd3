// KPIs and the management dashboard (管理驾驶舱, R-RP-1, issue 15 §3): definitions, the dashboard
// (JSON or an Excel workbook with every table), the drill-down to the work orders behind a
// number, a refresh of the rollup, and the monthly Chinese PDF report.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { type ExportColumn, newWorkbook, sendXlsx } from '../../lib/excel.ts';
import { dashboardDto, dashboardQuery, drillDto, drillQuery, kpiDefinitionsDto, monthlyPdfQuery, rollupBody, rollupDto } from './kpis.dto.ts';
import { renderKpiReport } from './kpis.pdf.ts';
import { kpisPolicy } from './kpis.policy.ts';
import { rollupKpis } from './kpis.rollup.ts';
import { KPI_DEFINITIONS, type KpiValues } from './kpis.rules.ts';
import { checkFilters, dashboard, drill } from './kpis.service.ts';

const COMPANY = 'MedService 医疗器械售后服务中心';

export function kpisRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['kpis'];

  app.get(
    '/kpis/definitions',
    {
      schema: {
        tags,
        summary: 'Every KPI with its written definition (zh-CN and en-US), shown next to the number (R-RP-1)',
        response: { 200: kpiDefinitionsDto },
      },
    },
    async (req) => {
      authorize(req, kpisPolicy, 'read');
      return { items: [...KPI_DEFINITIONS] };
    },
  );

  app.get(
    '/kpis/dashboard',
    {
      schema: {
        tags,
        summary:
          '管理驾驶舱: KPIs over a date range from the daily rollup — totals, trend (per day or month), by engineer, customer and model (MTBF), calls by weekday/hour; ?format=xlsx for every table in Excel',
        querystring: dashboardQuery,
        response: { 200: dashboardDto },
      },
    },
    async (req, reply) => {
      authorize(req, kpisPolicy, 'read');
      const { format, ...f } = req.query;
      const d = await dashboard(db, f, tz);
      if (format !== 'xlsx') return d;
      const en = req.locale === 'en-US';
      const L = en ? 'en-US' : 'zh-CN';
      type G = { name: string; orders: number; values: KpiValues; units?: number; mtbfDays?: number | null };
      const wb = await newWorkbook();
      const sheet = <T>(name: string, columns: ExportColumn<T>[], rows: T[]) => {
        const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
        ws.columns = columns.map((c) => ({ header: en ? c.en : c.zh, key: c.key, width: c.width ?? 14 }));
        ws.getRow(1).font = { bold: true };
        for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(r) ?? null])));
        ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
      };
      const kpiCols = KPI_DEFINITIONS.map(
        (k): ExportColumn<{ values: KpiValues }> => ({ key: k.key, zh: k.name['zh-CN'], en: k.name['en-US'], value: (g) => g.values[k.key] }),
      );
      sheet(
        en ? 'Summary' : '汇总',
        [
          { key: 'name', zh: '指标', en: 'KPI', width: 24, value: (k: (typeof KPI_DEFINITIONS)[number]) => k.name[L] },
          { key: 'value', zh: `${d.from} 至 ${d.to}`, en: `${d.from} to ${d.to}`, width: 16, value: (k) => d.totals.values[k.key] },
          { key: 'def', zh: '定义', en: 'Definition', width: 90, value: (k) => k.definition[L] },
        ],
        [...KPI_DEFINITIONS],
      );
      const groupSheet = (name: string, head: [string, string], rows: G[], extra: ExportColumn<G>[] = []) =>
        sheet<G>(
          name,
          [
            { key: 'name', zh: head[0], en: head[1], width: 24, value: (g) => g.name },
            { key: 'orders', zh: '工单数', en: 'Orders', value: (g) => g.orders },
            ...extra,
            ...(kpiCols as ExportColumn<G>[]),
          ],
          rows,
        );
      groupSheet(en ? 'Trend' : '趋势', d.trendBy === 'day' ? ['日期', 'Day'] : ['月份', 'Month'], d.trend);
      groupSheet(en ? 'By engineer' : '按工程师', ['工程师', 'Engineer'], d.byEngineer);
      groupSheet(en ? 'By customer' : '按客户', ['客户', 'Customer'], d.byCustomer);
      groupSheet(en ? 'By model' : '按型号', ['型号', 'Model'], d.byModel, [
        { key: 'units', zh: '在用台数', en: 'Units', value: (g) => g.units ?? null },
        { key: 'mtbf', zh: 'MTBF（天）', en: 'MTBF (days)', value: (g) => g.mtbfDays ?? null },
      ]);
      sheet(
        en ? 'Calls by hour' : '来电时段',
        [
          { key: 'weekday', zh: '星期（0=周日）', en: 'Weekday (0 = Sunday)', value: (h: (typeof d.callsHeatmap)[number]) => h.weekday },
          { key: 'hour', zh: '小时', en: 'Hour', value: (h) => h.hour },
          { key: 'calls', zh: '来电数', en: 'Calls', value: (h) => h.calls },
        ],
        d.callsHeatmap,
      );
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return sendXlsx(reply, `${en ? 'kpi-dashboard' : '管理驾驶舱'}_${d.from}_${d.to}`, buf);
    },
  );

  app.get(
    '/kpis/drill',
    {
      schema: {
        tags,
        summary: 'The records behind one KPI number (drill-down): each with its work order where there is one; ?missed=true lists only the misses',
        querystring: drillQuery,
        response: { 200: drillDto },
      },
    },
    async (req) => {
      authorize(req, kpisPolicy, 'read');
      return drill(db, req.query);
    },
  );

  app.post(
    '/kpis/rollup',
    {
      schema: {
        tags,
        summary:
          'Rebuild the KPI facts and daily sums of a date range, and the monthly sums of the months it touches, now (the hourly job does the last 100 days)',
        body: rollupBody,
        response: { 200: rollupDto },
      },
    },
    async (req) => {
      authorize(req, kpisPolicy, 'rollup');
      checkFilters(req.body);
      return rollupKpis(db, req.body, tz);
    },
  );

  app.get(
    '/kpis/monthly-report',
    {
      schema: {
        tags,
        summary: '售后服务月度KPI报告: the month’s KPIs with definitions, by engineer, model (MTBF) and customer, as a Chinese PDF',
        querystring: monthlyPdfQuery,
      },
    },
    async (req, reply) => {
      authorize(req, kpisPolicy, 'read');
      const { month, ...rest } = req.query;
      const [y, m] = month.split('-').map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const d = await dashboard(db, { ...rest, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }, tz);
      const generatedAt = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(new Date());
      const pdf = await renderKpiReport({
        month,
        companyName: COMPANY,
        generatedAt,
        filterText: '',
        totals: d.totals,
        byEngineer: d.byEngineer,
        byModel: d.byModel,
        byCustomer: d.byCustomer,
      });
      const file = `${month}-售后服务月度KPI报告.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="kpi-report-${month}.pdf"; filename*=UTF-8''${encodeURIComponent(file)}`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
