// 召回计划实施情况 (issue 14 §3, R-REG-3): the completion report of a campaign — what, why, how many
// units at how many customers, the notices and acknowledgements, the outcome of every unit, and the
// closure signature's manifestation (R-AU-1). Chinese; fonts as in the renewal letter (Noto Sans SC).
import { COMPANY_NAME, gridTable, openPdf } from '../../lib/pdf.ts';

export interface ReportData {
  number: string;
  typeLabel: string;
  title: string;
  reason: string;
  status: string;
  contentVersion: number;
  frozenAt: string | null;
  notifyStartedAt: string | null;
  deadlineDays: number;
  totals: { units: number; done: number; customers: number; acked: number; outcomes: Array<[string, number]> };
  customers: Array<{ name: string; units: number; done: number; sentAt: string; ackAt: string; ackBy: string }>;
  units: Array<{ serial: string; model: string; customer: string; workOrder: string; outcome: string; note: string }>;
  signatures: string[];
  generatedAt: string;
}

const M = 48;
const PAGE_H = 841.89;
const W = 595.28 - 2 * M;

export async function renderReport(d: ReportData): Promise<Buffer> {
  const { doc, done } = await openPdf({ size: 'A4', margin: M, info: { Title: `召回计划实施情况 ${d.number}`, Author: COMPANY_NAME } });
  doc.font('B').fontSize(17).text('召回计划实施情况', M, M, { width: W, align: 'center' });
  doc.moveDown(0.3);
  doc.font('R').fontSize(9).fillColor('#555555').text(`${d.number}    ${d.typeLabel}    生成时间：${d.generatedAt}`, { width: W, align: 'center' });
  doc.fillColor('black').moveDown(1);
  const line = (label: string, value: string) => {
    doc.font('B').fontSize(10).text(`${label}：`, { continued: true }).font('R').text(value, { width: W, lineGap: 2 });
  };
  line('名称', d.title);
  line('原因', d.reason);
  line('状态', d.status);
  line('通知内容版本', `第${d.contentVersion}版`);
  line('锁定受影响设备', d.frozenAt ?? '—');
  line('开始通知', `${d.notifyStartedAt ?? '—'}（期限 ${d.deadlineDays} 天）`);
  line('受影响设备', `${d.totals.units} 台，已处理 ${d.totals.done} 台`);
  line('受影响客户', `${d.totals.customers} 家，已确认收到 ${d.totals.acked} 家`);
  line('处理结果', d.totals.outcomes.map(([k, n]) => `${k} ${n}`).join('；') || '—');
  doc.moveDown(0.8);

  let y = doc.y;
  const table = (widths: number[], header: string[], rows: string[][]) => {
    const t = gridTable(
      doc,
      { left: M, widths: widths.map((x) => x * W), top: M, bottom: PAGE_H - M - 40, fontSize: 8.5, pad: 3, minRowHeight: 16, lineWidth: 0.5 },
      y,
    );
    t.row(header, { head: true });
    for (const r of rows) t.row(r);
    y = t.y + 10;
    doc.y = y;
  };
  doc.font('B').fontSize(11).text('一、客户通知与确认', M, y);
  y = doc.y + 4;
  table(
    [0.3, 0.1, 0.1, 0.17, 0.17, 0.16],
    ['客户', '设备数', '已处理', '通知时间', '确认时间', '确认人'],
    d.customers.map((c) => [c.name, String(c.units), String(c.done), c.sentAt, c.ackAt, c.ackBy]),
  );
  doc.font('B').fontSize(11).text('二、设备处理情况', M, y);
  y = doc.y + 4;
  table(
    [0.16, 0.18, 0.22, 0.14, 0.12, 0.18],
    ['序列号', '型号', '客户', '工单', '结果', '验证/原因'],
    d.units.map((u) => [u.serial, u.model, u.customer, u.workOrder, u.outcome, u.note]),
  );
  if (y > PAGE_H - M - 80) {
    doc.addPage();
    y = M;
  }
  doc.font('B').fontSize(11).text('三、关闭签名', M, y);
  doc.moveDown(0.3);
  doc.font('R').fontSize(9);
  if (d.signatures.length === 0) doc.text('尚未关闭（未签名）', { width: W });
  for (const s of d.signatures) doc.text(s, { width: W });
  doc.end();
  return done;
}
