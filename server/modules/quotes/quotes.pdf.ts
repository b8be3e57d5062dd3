// 报价单 (issue 15 §4, R-FE-1, R-WX-1): a one-page Chinese quote for the hospital — the job, the
// reason it is charged (paid service, or the warranty exclusion: 人为或不可抗力, 最低成本价), the priced
// lines, the total, the validity and the acceptance. Fonts as in the service report (Noto Sans SC).
import type { WarrantyExclusionCategory } from '../../db/enums.ts';
import { A4, COMPANY_NAME, gridTable, openPdf } from '../../lib/pdf.ts';
import type { QuoteLineItem } from './quotes.tables.ts';

export const EXCLUSION_WORDS: Record<WarrantyExclusionCategory, string> = {
  human_damage: '人为损坏',
  misuse: '使用不当',
  natural_disaster: '自然灾害',
  earthquake: '地震',
  lightning: '雷击',
  pests: '虫害',
};

export interface QuotePdfData {
  number: string;
  customerName: string;
  workOrderNumber: string;
  requestNumber: string;
  device: string;
  phenomenon: string | null;
  basis: 'paid' | 'exclusion';
  exclusion: { category: WarrantyExclusionCategory; reason: string } | null;
  lines: QuoteLineItem[];
  labour: string;
  parts: string;
  travel: string;
  callOut: string;
  total: string;
  currency: string;
  validUntil: string;
  createdOn: string;
  createdByName: string;
  status: string;
  acceptance: { signerName: string; via: string; at: string } | null;
  signaturePng: string | null;
}

const M = 50;
const W = 595.28 - 2 * M;
const cn = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export async function renderQuote(d: QuotePdfData): Promise<Buffer> {
  const { doc, done } = await openPdf({ size: 'A4', margin: M, info: { Title: `报价单 ${d.number}`, Author: COMPANY_NAME } });
  doc.font('B').fontSize(18).text('维修服务报价单', M, M, { width: W, align: 'center' });
  doc.moveDown(0.3);
  doc
    .font('R')
    .fontSize(9)
    .fillColor('#555555')
    .text(`报价单号：${d.number}    报价日期：${cn(d.createdOn)}    有效期至：${cn(d.validUntil)}`, { width: W, align: 'center' });
  doc.fillColor('black').moveDown(1.2);
  doc.font('B').fontSize(11).text(`${d.customerName}：`);
  doc.moveDown(0.4);
  doc.font('R').fontSize(10.5);
  doc.text(`工单号：${d.workOrderNumber}    报修单号：${d.requestNumber}`, { width: W });
  doc.text(`设备：${d.device}`, { width: W });
  if (d.phenomenon) doc.text(`故障现象：${d.phenomenon}`, { width: W });
  doc.moveDown(0.5);
  if (d.exclusion) {
    const word = EXCLUSION_WORDS[d.exclusion.category];
    doc.font('B').text(`收费依据：保修除外（${word}）`, { width: W });
    doc
      .font('R')
      .text(
        `经检查，设备损坏原因为${word}：${d.exclusion.reason}。依据保修条款，硬件保修范围不含人为或不可抗力的因素（自然灾害、地震、雷击、虫害等）造成的设备损坏，本公司按最低成本价提供有偿服务${d.exclusion.category === 'misuse' ? '；因使用不当造成的问题，只收取材料成本费' : ''}。`,
        { width: W, lineGap: 3 },
      );
  } else {
    doc.font('B').text('收费依据：有偿服务（保修期外，收取成本费、人工费和差旅费）', { width: W });
  }
  doc.moveDown(0.8);
  const table = gridTable(
    doc,
    {
      left: M,
      widths: [0.38, 0.14, 0.12, 0.17, 0.19].map((x) => x * W),
      top: M,
      bottom: A4.height - M - 140, // room for the signature block below
      fontSize: 9.5,
      pad: 4,
      minRowHeight: 18,
      headFill: '#eeeeee',
      align: ['left', 'right', 'right', 'right', 'right'],
    },
    doc.y,
  );
  table.row(['项目', '数量', '单位', '单价（元）', '金额（元）'], { head: true });
  if (d.lines.length === 0) table.row(['—', '', '', '', '0.00']);
  for (const l of d.lines) table.row([l.description, l.quantity, l.unit, l.unitPrice, l.amount]);
  table.row([`合计（${d.currency}）`, '', '', '', d.total], { head: true });
  doc.y = table.y + 10;
  doc.x = M;
  doc.font('R').fontSize(9.5).text(`其中：人工费 ${d.labour}  配件（成本价）${d.parts}  差旅费 ${d.travel}  上门服务费 ${d.callOut}`, M, doc.y, { width: W });
  doc.moveDown(0.8);
  doc.fontSize(10.5).text('请贵单位确认以上报价。确认后我方将继续维修；本报价在有效期内有效，逾期请重新报价。', { width: W, lineGap: 3, indent: 21 });
  doc.moveDown(1.5);
  const top = doc.y;
  doc.text(`报价人：${d.createdByName}`, M, top, { width: W / 2 });
  doc.text(COMPANY_NAME, M, top + 18, { width: W / 2 });
  doc.text('客户确认：', M + W / 2, top, { width: W / 2 });
  if (d.acceptance) {
    doc.text(`${d.acceptance.signerName}（${d.acceptance.via}）  ${d.acceptance.at}`, M + W / 2, top + 18, { width: W / 2 });
    if (d.signaturePng) {
      const png = Buffer.from(d.signaturePng.replace(/^data:image\/png;base64,/, ''), 'base64');
      doc.image(png, M + W / 2, top + 38, { fit: [160, 60] });
    }
  } else {
    doc.text(`（${d.status}）`, M + W / 2, top + 18, { width: W / 2 });
  }
  doc.end();
  return done;
}
