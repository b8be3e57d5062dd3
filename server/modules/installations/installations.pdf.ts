// The acceptance certificate 验收报告 (seed 003: 产品验收证明书…做好保修时间登记) and the handover
// list 移交清单 (seed 002: 项目验收后两周内完成项目移交) as PDFs in Chinese. Noto Sans SC from
// @expo-google-fonts/noto-sans-sc, embedded as a subset (like workorders.pdf.ts); pdfkit is
// loaded at the first document, not at start-up.
import { COMPANY_NAME, openPdf } from '../../lib/pdf.ts';
import { manifestationLine } from '../signatures/index.ts';
import { SIGNATURE_MEANING } from './installations.rules.ts';

export interface DocData {
  number: string;
  customerName: string;
  siteAddress: string;
  modelName: string;
  serialNumber: string;
  udi: string | null;
  engineerName: string | null;
  acceptanceDate: string | null;
  warrantyEnd: string | null;
  trainingDueAt: Date | string | null;
  handoverDueOn: string | null;
  siteCheck: { label: string; result: 'pass' | 'fail'; note: string | null; waiver: { reason: string } | null }[];
  commissioning: { label: string; expected: string | null; measured: string; passed: boolean }[];
  consentName: string | null;
  consentAt: Date | string | null;
  handover: { label: string; done: boolean; note: string | null }[];
  accessories: { name: string; months: number; consumable: boolean; warrantyEnd: string | null }[];
  signatures: { party: string; meaning: string; signerName: string; signedAt: Date; imagePng: string; contentHash: string | null }[];
  /** The staff parties' electronic signatures (R-AU-1), matched to a party by the content hash. */
  eSignatures: { signerName: string; signedAt: string; meaningText: string; contentHash: string }[];
}

const M = 48;

async function open(title: string) {
  const { doc, done } = await openPdf({ size: 'A4', margin: M, info: { Title: title, Author: COMPANY_NAME } });
  return { doc, done };
}

type Doc = Awaited<ReturnType<typeof open>>['doc'];

function header(doc: Doc, title: string, d: DocData, timeZone: string) {
  doc.font('B').fontSize(16).text(COMPANY_NAME, { align: 'center' });
  doc.moveDown(0.2).fontSize(18).text(title, { align: 'center' });
  doc.moveDown(0.5).font('R').fontSize(10).text(`编号：${d.number}`, { align: 'right' });
  doc.moveDown(0.3);
  const line = (k: string, v: string | null | undefined) =>
    doc
      .font('B')
      .text(`${k}：`, { continued: true })
      .font('R')
      .text(v || '—');
  line('客户（使用单位）', d.customerName);
  line('安装地点', d.siteAddress);
  line('设备型号', d.modelName);
  line('序列号', d.serialNumber);
  line('UDI', d.udi);
  line('安装工程师', d.engineerName);
  line('验收日期', d.acceptanceDate);
  line('保修截止日期', d.warrantyEnd);
  void timeZone;
}

const fmt = (v: Date | string | null | undefined, timeZone: string) =>
  v
    ? new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(
        typeof v === 'string' ? new Date(v) : v,
      )
    : '—';

function heading(doc: Doc, s: string) {
  doc.moveDown(0.6).font('B').fontSize(12).text(s).moveDown(0.2).font('R').fontSize(10);
}

/** 验收报告: the site check, the commissioning results and the customer's consent, the three signatures, the warranty registered. */
export async function renderAcceptance(d: DocData, timeZone: string): Promise<Buffer> {
  const { doc, done } = await open(`验收报告 ${d.number}`);
  header(doc, '产品安装验收报告（验收证明书）', d, timeZone);
  heading(doc, '一、安装前现场检查');
  for (const i of d.siteCheck)
    doc.text(
      `${i.result === 'pass' ? '【合格】' : '【不合格】'}  ${i.label}${i.note ? `：${i.note}` : ''}${i.waiver ? `（经理豁免：${i.waiver.reason}）` : ''}`,
    );
  heading(doc, '二、安装调试测试结果');
  for (const i of d.commissioning) doc.text(`${i.passed ? '【合格】' : '【不合格】'}  ${i.label}　标准：${i.expected ?? '—'}　实测：${i.measured}`);
  doc.text(`测试结果已书面提供给用户，用户同意：${d.consentName ?? '—'}　${fmt(d.consentAt, timeZone)}`);
  if (d.accessories.length) {
    heading(doc, '三、配件保修');
    for (const a of d.accessories)
      doc.text(`${a.name}　${a.consumable ? '易耗品，不在保修范围' : `保修 ${a.months} 个月，至 ${a.warrantyEnd ?? '—'}（更换新品质保不延长）`}`);
  }
  heading(doc, d.accessories.length ? '四、验收签字' : '三、验收签字');
  doc.text(`操作培训应于 ${fmt(d.trainingDueAt, timeZone)} 前完成；项目移交应于 ${d.handoverDueOn ?? '—'} 前完成。`);
  for (const party of ['service', 'customer', 'quality'] as const) {
    const s = d.signatures.find((x) => x.party === party);
    const who = { service: '服务方', customer: '用户方', quality: '质量控制' }[party];
    doc.moveDown(0.4).font('B').text(`${who}（${SIGNATURE_MEANING[party]}）`).font('R');
    if (!s) {
      doc.text('未签字');
      continue;
    }
    doc.text(`签字人：${s.signerName}　时间：${fmt(s.signedAt, timeZone)}`);
    // R-AU-1 (issue 14 §6): the manifestation — the staff party's e-signature (password confirmed),
    // or the customer's drawn one with the hash of the same acceptance facts it is bound to.
    const e = s.contentHash ? d.eSignatures.find((x) => x.contentHash === s.contentHash) : undefined;
    if (e)
      doc
        .fontSize(8)
        .text(manifestationLine({ ...e, signedAt: new Date(e.signedAt) }, timeZone))
        .fontSize(10);
    else if (s.contentHash)
      doc
        .fontSize(8)
        .text(manifestationLine({ signerName: s.signerName, signedAt: s.signedAt, meaningText: s.meaning, contentHash: s.contentHash }, timeZone))
        .fontSize(10);
    const png = Buffer.from(s.imagePng.replace(/^data:image\/png;base64,/, ''), 'base64');
    const y = doc.y;
    doc.image(png, M, y, { fit: [160, 50] });
    doc.y = y + 54;
  }
  doc.end();
  return done;
}

/** 移交清单: the handover checklist with its due date and each item done / not with its note. */
export async function renderHandover(d: DocData, timeZone: string): Promise<Buffer> {
  const { doc, done } = await open(`移交清单 ${d.number}`);
  header(doc, '项目移交清单', d, timeZone);
  doc.text(`移交期限（验收后两周内）：${d.handoverDueOn ?? '—'}`);
  heading(doc, '移交内容');
  for (const h of d.handover) doc.text(`${h.done ? '【已完成】' : '【未完成】'}  ${h.label}${h.note ? `：${h.note}` : ''}`);
  heading(doc, '保修');
  doc.text(`整机保修至 ${d.warrantyEnd ?? '—'}；保修期满后按维修合同或有偿服务提供。`);
  for (const a of d.accessories) if (!a.consumable) doc.text(`${a.name}：保修至 ${a.warrantyEnd ?? '—'}（更换新品质保不延长）`);
  doc.end();
  return done;
}
