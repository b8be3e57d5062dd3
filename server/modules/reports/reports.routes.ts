// Daily reports (R-WO-7): 技术员工作日报表 and 服务主任日报表, as JSON or Excel.
import type ExcelJS from 'exceljs';
import { authorize, requireUser } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { type ExportColumn, newWorkbook, sendXlsx } from '../../lib/excel.ts';
import type { Locale } from '../../lib/i18n.ts';
import { homeDto, supervisorDailyDto, supervisorDailyQuery, technicianDailyDto, technicianDailyQuery } from './reports.dto.ts';
import { homeTiles } from './reports.home.ts';
import { reportsPolicy } from './reports.policy.ts';
import { CATEGORIES, CATEGORY_LABELS, formatMinutes, labelOf, STATUS_LABELS, URGENCY_LABELS } from './reports.rules.ts';
import * as svc from './reports.service.ts';

type Cell = string | number | boolean | null | undefined;

/** One sheet in the style of lib/excel.ts (bold, frozen header row, filter). */
function addSheet<T>(wb: ExcelJS.Workbook, name: string, columns: ExportColumn<T>[], rows: T[], locale: Locale, extra: Cell[][] = []) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: locale === 'en-US' ? c.en : c.zh, key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(row) ?? null])));
  for (const line of extra) ws.addRow(line).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

async function bufferOf(wb: ExcelJS.Workbook) {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['reports'];
  // The home screen (issue 17 item 3): every tile the caller may see, one request, one statement.
  app.get(
    '/home',
    { schema: { tags, summary: "The home screen's tiles the caller may see (each the total of the list it opens)", response: { 200: homeDto } } },
    async (req) => homeTiles(db, requireUser(req), tz),
  );

  const time = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  app.get(
    '/reports/technician-daily',
    {
      schema: {
        tags,
        summary: '技术员工作日报表: one person’s day from recorded work (orders, steps, time by category); ?format=xlsx for Excel',
        querystring: technicianDailyQuery,
        response: { 200: technicianDailyDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, reportsPolicy, 'technicianDaily');
      const r = await svc.technicianDaily(db, user, req.query, tz);
      if (req.query.format !== 'xlsx') return r;
      const L = req.locale;
      type Row = (typeof r.orders)[number];
      const columns: ExportColumn<Row>[] = [
        { key: 'number', zh: '工单号', en: 'Work order', width: 18, value: (o) => o.number },
        { key: 'customer', zh: '客户', en: 'Customer', width: 22, value: (o) => o.customerName },
        { key: 'department', zh: '科室', en: 'Department', value: (o) => o.departmentName },
        { key: 'device', zh: '设备', en: 'Device', width: 28, value: (o) => `${o.modelName} ${o.serialNumber}` },
        { key: 'category', zh: '服务类别', en: 'Category', value: (o) => labelOf(CATEGORY_LABELS[o.category], L) },
        {
          key: 'steps',
          zh: '当日状态变化',
          en: 'Steps this day',
          width: 48,
          value: (o) => o.steps.map((s) => `${time(s.at)} ${labelOf(STATUS_LABELS[s.toStatus], L)}（${s.actorName}）`).join('；'),
        },
        { key: 'status', zh: '日终状态', en: 'Status at end', value: (o) => labelOf(STATUS_LABELS[o.statusAtEnd], L) },
        { key: 'travel', zh: '在途（分钟）', en: 'Travel (min)', value: (o) => o.travelMinutes },
        { key: 'onsite', zh: '现场（分钟）', en: 'On site (min)', value: (o) => o.onSiteMinutes },
        { key: 'labour', zh: '登记工时（分钟）', en: 'Recorded labour (min)', value: (o) => o.recordedLabourMinutes },
        { key: 'rtravel', zh: '登记路程（分钟）', en: 'Recorded travel (min)', value: (o) => o.recordedTravelMinutes },
        { key: 'parts', zh: '更换配件', en: 'Parts', width: 30, value: (o) => o.parts.map((p) => `${p.name}×${Number(p.quantity)}`).join('；') },
      ];
      const t = r.totals;
      const wb = await newWorkbook();
      addSheet(wb, L === 'en-US' ? 'Technician daily' : '技术员工作日报表', columns, r.orders, L, [
        [
          L === 'en-US' ? `Total: ${t.orders} orders` : `合计：${t.orders} 单`,
          '',
          '',
          '',
          '',
          '',
          '',
          t.travelMinutes,
          t.onSiteMinutes,
          t.recordedLabourMinutes,
          t.recordedTravelMinutes,
          t.partLines,
        ],
        [`${r.user.name} · ${r.date} (${tz})`],
      ]);
      addSheet(
        wb,
        L === 'en-US' ? 'By category' : '按类别',
        [
          { key: 'category', zh: '服务类别', en: 'Category', value: (c) => labelOf(CATEGORY_LABELS[c], L) },
          { key: 'orders', zh: '工单数', en: 'Orders', value: (c) => t.byCategory[c].orders },
          { key: 'minutes', zh: '耗用时间（分钟）', en: 'Time (min)', value: (c) => t.byCategory[c].minutes },
          { key: 'hours', zh: '耗用时间', en: 'Time', value: (c) => formatMinutes(t.byCategory[c].minutes, L) },
        ],
        [...CATEGORIES],
        L,
      );
      return sendXlsx(reply, `${L === 'en-US' ? 'technician-daily' : '技术员工作日报表'}_${r.date}`, await bufferOf(wb));
    },
  );

  app.get(
    '/reports/supervisor-daily',
    {
      schema: {
        tags,
        summary: '服务主任日报表: per engineer totals, requests, emergencies, SLA warnings/breaches, same-day misses; ?format=xlsx for Excel',
        querystring: supervisorDailyQuery,
        response: { 200: supervisorDailyDto },
      },
    },
    async (req, reply) => {
      authorize(req, reportsPolicy, 'supervisorDaily');
      const r = await svc.supervisorDaily(db, req.query, tz);
      if (req.query.format !== 'xlsx') return r;
      const L = req.locale;
      const en = L === 'en-US';
      type Eng = (typeof r.engineers)[number];
      const wb = await newWorkbook();
      addSheet<Eng>(
        wb,
        en ? 'By engineer' : '人员汇总',
        [
          { key: 'name', zh: '人员', en: 'Engineer', width: 24, value: (e) => e.name },
          { key: 'orders', zh: '工单数', en: 'Orders', value: (e) => e.orders },
          { key: 'steps', zh: '操作步骤', en: 'Steps', value: (e) => e.steps },
          { key: 'resolved', zh: '修复', en: 'Resolved', value: (e) => e.resolved },
          { key: 'travel', zh: '在途（分钟）', en: 'Travel (min)', value: (e) => e.travelMinutes },
          { key: 'onsite', zh: '现场（分钟）', en: 'On site (min)', value: (e) => e.onSiteMinutes },
          ...CATEGORIES.map(
            (c): ExportColumn<Eng> => ({
              key: `cat_${c}`,
              zh: `${CATEGORY_LABELS[c][0]}（分钟）`,
              en: `${CATEGORY_LABELS[c][1]} (min)`,
              value: (e) => e.byCategory[c].minutes,
            }),
          ),
          { key: 'labour', zh: '登记工时（分钟）', en: 'Recorded labour (min)', value: (e) => e.recordedLabourMinutes },
          { key: 'orders_list', zh: '工单号', en: 'Work orders', width: 40, value: (e) => e.orderNumbers.join(', ') },
        ],
        r.engineers,
        L,
        [[en ? 'Total' : '合计', r.totals.orders, r.totals.steps, '', r.totals.travelMinutes, r.totals.onSiteMinutes]],
      );
      const q = r.requests;
      addSheet<[string, Cell]>(
        wb,
        en ? 'Summary' : '当日概况',
        [
          { key: 'k', zh: '项目', en: 'Item', width: 30, value: (x) => x[0] },
          { key: 'v', zh: '数量', en: 'Count', value: (x) => x[1] },
        ],
        [
          [en ? 'Date' : '日期', `${r.date} (${tz})`],
          [en ? 'Requests received' : '受理报修', q.received],
          ...(['emergency', 'urgent', 'normal', 'low'] as const).map((u): [string, Cell] => [`  ${labelOf(URGENCY_LABELS[u], L)}`, q.receivedByUrgency[u]]),
          [en ? 'Dispatched' : '派工', q.dispatched],
          [en ? 'Reassigned' : '改派', q.reassigned],
          [en ? 'Resolved' : '修复', q.resolved],
          [en ? 'Open emergencies' : '未结紧急报修', r.openEmergencies.length],
          [en ? 'SLA warnings' : '时限预警', r.sla.warnings],
          [en ? 'SLA breaches' : '时限超时', r.sla.breaches],
          [en ? 'Not solved the same day' : '当天未解决', r.sameDayMisses.length],
        ],
        L,
      );
      type Brief = (typeof r.sameDayMisses)[number] & { list: string };
      const briefs: Brief[] = [
        ...r.openEmergencies.map((o) => ({ ...o, list: en ? 'Open emergency' : '未结紧急报修' })),
        ...r.sameDayMisses.map((o) => ({ ...o, list: en ? 'Not solved the same day' : '当天未解决' })),
      ];
      addSheet<Brief>(
        wb,
        en ? 'Open items' : '未结事项',
        [
          { key: 'list', zh: '类别', en: 'List', width: 16, value: (o) => o.list },
          { key: 'number', zh: '工单号', en: 'Work order', width: 18, value: (o) => o.number },
          { key: 'customer', zh: '客户', en: 'Customer', width: 22, value: (o) => o.customerName },
          { key: 'device', zh: '设备', en: 'Device', width: 28, value: (o) => `${o.modelName} ${o.serialNumber}` },
          { key: 'urgency', zh: '紧急程度', en: 'Urgency', value: (o) => labelOf(URGENCY_LABELS[o.urgency], L) },
          { key: 'status', zh: '状态', en: 'Status', value: (o) => labelOf(STATUS_LABELS[o.status], L) },
        ],
        briefs,
        L,
      );
      return sendXlsx(reply, `${en ? 'supervisor-daily' : '服务主任日报表'}_${r.date}`, await bufferOf(wb));
    },
  );
}
