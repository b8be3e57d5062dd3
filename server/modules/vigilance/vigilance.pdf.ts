// 可疑医疗器械不良事件报告表 (issue 14 §2, R-REG-2) as a Chinese PDF: the event's fields, the
// national form's fields (vigilance.form.ts), the reports filed, and the signature manifestation
// lines (R-AU-1, `manifestationLine`). Fonts as in the renewal letter (Noto Sans SC, subset).
import { COMPANY_NAME, openPdf } from '../../lib/pdf.ts';
import { REPORT_FORM_FIELDS, type ReportForm } from './vigilance.form.ts';

export interface AePdfData {
  number: string;
  customerName: string;
  serialNumber: string | null;
  modelName: string | null;
  eventDate: string;
  awareAt: string;
  patientImpact: string;
  groupEvent: boolean;
  description: string;
  deviceProblem: string | null;
  actionsTaken: string | null;
  reportable: string;
  reportDueAt: string;
  reportNumber: string | null;
  reportedOn: string | null;
  submittedByName: string | null;
  form: ReportForm;
  reports: { kind: string; reportDate: string; reportNumber: string | null; content: string; submittedByName: string }[];
  signatureLines: string[];
}

const M = 48;
const W = 595.28 - 2 * M;
const H = 841.89;

export async function renderAdverseEventPdf(d: AePdfData): Promise<Buffer> {
  const { doc, done } = await openPdf({
    size: 'A4',
    margin: M,
    info: { Title: `可疑医疗器械不良事件报告表 ${d.number}`, Author: COMPANY_NAME },
  });
  doc.font('B').fontSize(17).text('可疑医疗器械不良事件报告表', M, M, { width: W, align: 'center' });
  doc.moveDown(0.3);
  doc
    .font('R')
    .fontSize(9)
    .fillColor('#555555')
    .text(`事件编号：${d.number}    报告编号：${d.reportNumber ?? '（未提交）'}    报告日期：${d.reportedOn ?? '—'}`, { width: W, align: 'center' });
  doc.fillColor('black').moveDown(0.8);
  let y = doc.y;
  const labelW = W * 0.3;
  const row = (label: string, value: string) => {
    const v = value.trim() || '—';
    const h = Math.max(
      18,
      doc
        .font('R')
        .fontSize(9.5)
        .heightOfString(v, { width: W - labelW - 8 }) + 6,
      doc
        .font('B')
        .fontSize(9.5)
        .heightOfString(label, { width: labelW - 8 }) + 6,
    );
    if (y + h > H - M - 20) {
      doc.addPage();
      y = M;
    }
    doc.rect(M, y, labelW, h).fillAndStroke('#f2f2f2', '#999999');
    doc.rect(M + labelW, y, W - labelW, h).stroke('#999999');
    doc
      .fillColor('black')
      .font('B')
      .fontSize(9.5)
      .text(label, M + 4, y + 3, { width: labelW - 8 });
    doc
      .font('R')
      .fontSize(9.5)
      .text(v, M + labelW + 4, y + 3, { width: W - labelW - 8 });
    y += h;
  };
  const section = (title: string) => {
    if (y + 40 > H - M) {
      doc.addPage();
      y = M;
    }
    doc
      .font('B')
      .fontSize(11)
      .text(title, M, y + 8, { width: W });
    y = doc.y + 4;
  };
  section('一、事件情况');
  row('使用单位', d.customerName);
  row('事件发生日期', d.eventDate);
  row('发现或获知日期', d.awareAt);
  row('伤害', d.patientImpact);
  row('群体不良事件', d.groupEvent ? '是' : '否');
  row('事件陈述', d.description);
  row('器械故障表现', d.deviceProblem ?? '');
  row('已采取的措施', d.actionsTaken ?? '');
  row('是否需上报及理由', d.reportable);
  row('报告时限', d.reportDueAt);
  section('二、报告表内容');
  for (const field of REPORT_FORM_FIELDS) {
    const raw = d.form[field.key];
    const value = field.options ? (field.options.find((o) => o.value === raw)?.zh ?? '') : String(raw ?? '');
    row(field.zh, value);
  }
  if (d.reports.length) {
    section('三、报告记录');
    const KIND: Record<string, string> = { initial: '首次报告', follow_up: '补充报告', final: '最终报告' };
    for (const r of d.reports)
      row(`${KIND[r.kind] ?? r.kind} ${r.reportDate}`, `${r.reportNumber ? `编号 ${r.reportNumber}：` : ''}${r.content}（${r.submittedByName}）`);
  }
  section('电子签名');
  doc.font('R').fontSize(9);
  if (!d.signatureLines.length) doc.text('（报告尚未签名提交）', M, y, { width: W });
  for (const line of d.signatureLines) doc.text(line, M, doc.y, { width: W });
  doc.moveDown(1.5);
  doc.text(COMPANY_NAME, M, doc.y, { width: W, align: 'right' });
  doc.end();
  return done;
}
