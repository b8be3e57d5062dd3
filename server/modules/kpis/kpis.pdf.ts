// 服务月度KPI报告 as a Chinese PDF (R-RP-1, issue 15 §3): the month's KPIs with their written
// definitions, then the tables by engineer, by model (with MTBF) and by customer. Pure rendering
// of the dashboard's data; fonts as in the maintenance monthly report (Noto Sans SC, embedded as a
// subset by pdfkit).
import { gridTable, openPdf } from '../../lib/pdf.ts';
import { KPI_DEFINITIONS, type KpiKey, type KpiValues } from './kpis.rules.ts';

const M = 40;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const W = PAGE_W - 2 * M;
const BOTTOM = PAGE_H - M - 30;

interface Group {
  name: string;
  orders: number;
  values: KpiValues;
  mtbfDays?: number | null;
  units?: number;
}
export interface KpiReportData {
  month: string;
  companyName: string;
  generatedAt: string;
  filterText: string;
  totals: { orders: number; values: KpiValues };
  byEngineer: Group[];
  byModel: Group[];
  byCustomer: Group[];
}

export const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const cnMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
};

export async function renderKpiReport(d: KpiReportData): Promise<Buffer> {
  const title = `售后服务月度KPI报告 ${cnMonth(d.month)}`;
  const { doc, done } = await openPdf({ size: 'A4', margin: M, bufferPages: true, info: { Title: title, Author: d.companyName } });
  let y = M;
  const heading = (text: string, size = 12) => {
    if (y + size + 30 > BOTTOM) {
      doc.addPage();
      y = M;
    }
    y += 6;
    doc.font('B').fontSize(size).fillColor('black').text(text, M, y, { width: W });
    y = doc.y + 4;
  };
  const table = (widths: number[], head: string[], rows: string[][]) => {
    const t = gridTable(doc, { left: M, widths: widths.map((x) => x * W), top: M, bottom: BOTTOM, fontSize: 8.5, pad: 3, minRowHeight: 16, empty: '—' }, y);
    t.row(head, { head: true });
    for (const r of rows) t.row(r);
    y = t.y + 6;
  };

  heading(title, 16);
  doc
    .font('R')
    .fontSize(9)
    .text(`${d.companyName} · 生成时间 ${d.generatedAt}${d.filterText ? ` · ${d.filterText}` : ''}`, M, y, { width: W });
  y = doc.y + 8;

  heading('一、本月指标汇总');
  table(
    [0.22, 0.13, 0.65],
    ['指标', '本月', '定义'],
    KPI_DEFINITIONS.map((k) => [k.name['zh-CN'], fmt(d.totals.values[k.key]), k.definition['zh-CN']]),
  );

  const cols: KpiKey[] = ['respondAttainment', 'arriveAttainment', 'firstTimeFixRate', 'mttrHours', 'repeat30Rate', 'satisfaction', 'complaintsPer100'];
  const colHead = cols.map((k) => KPI_DEFINITIONS.find((x) => x.key === k)?.name['zh-CN'] ?? k);
  const share = 0.72 / cols.length;
  heading('二、按工程师');
  table(
    [0.18, 0.1, ...cols.map(() => share)],
    ['工程师', '工单数', ...colHead],
    d.byEngineer.map((g) => [g.name, String(g.orders), ...cols.map((k) => fmt(g.values[k]))]),
  );
  heading('三、按型号（MTBF）');
  table(
    [0.3, 0.1, 0.1, 0.15, 0.15, 0.2],
    ['型号', '工单数', '在用台数', 'MTBF（天）', '一次修复率', '平均修复时间（小时）'],
    d.byModel.map((g) => [g.name, String(g.orders), fmt(g.units), fmt(g.mtbfDays), fmt(g.values.firstTimeFixRate), fmt(g.values.mttrHours)]),
  );
  heading('四、按客户');
  table(
    [0.34, 0.12, 0.18, 0.18, 0.18],
    ['客户', '工单数', '客户满意度', '百单投诉数', '保养计划完成率'],
    d.byCustomer.map((g) => [g.name, String(g.orders), fmt(g.values.satisfaction), fmt(g.values.complaintsPer100), fmt(g.values.maintenanceDoneRate)]),
  );

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('R')
      .fontSize(8)
      .fillColor('#666')
      .text(`${title} · 第 ${i + 1} 页 / 共 ${range.count} 页`, M, PAGE_H - M - 20, { width: W, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
