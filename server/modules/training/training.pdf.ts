// 培训合格证书 (R-TR-1, seed 004 §8): the certificate of one attendee who passed, in Chinese, with
// a QR code to the public verification page. Set in Noto Sans SC like the service report
// (workorders.pdf.ts), embedded as a subset.
import { COMPANY_NAME, openPdf } from '../../lib/pdf.ts';
import type { certificateOf } from './training.service.ts';

type Certificate = Awaited<ReturnType<typeof certificateOf>>;

export async function renderCertificate(c: Certificate, verifyUrl: string): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode');
  const a = c.attendee;
  const s = c.session;
  const number = a.certificateNumber ?? '';
  // A4 landscape.
  const { doc, done } = await openPdf({
    size: 'A4',
    layout: 'landscape',
    margin: 50,
    info: { Title: `培训合格证书 ${number}`, Author: COMPANY_NAME, Subject: '培训合格证书', Keywords: number },
  });
  const W = doc.page.width;
  const H = doc.page.height;
  doc
    .lineWidth(3)
    .rect(25, 25, W - 50, H - 50)
    .stroke('#1f4e79');
  doc
    .lineWidth(1)
    .rect(33, 33, W - 66, H - 66)
    .stroke('#1f4e79');
  doc.fillColor('#1f4e79').font('B').fontSize(34).text('培训合格证书', 0, 80, { width: W, align: 'center' });
  doc.fillColor('#555555').font('R').fontSize(11).text(`证书编号：${number}`, 0, 130, { width: W, align: 'center' });
  const body = `${a.name}${a.department ? `（${a.department}${a.jobTitle ? `，${a.jobTitle}` : ''}）` : ''}于 ${s.s.heldOn} 参加了 ${s.modelName}（${s.modelCode}）的操作培训，经考核成绩合格（${a.score} 分，合格线 ${s.s.passMark} 分），特发此证。`;
  doc
    .fillColor('black')
    .font('R')
    .fontSize(15)
    .text(body, 90, 185, { width: W - 180, align: 'left', lineGap: 8 });
  const rows: [string, string][] = [
    ['学员', a.name],
    ['医院', s.customerName],
    ['设备型号', `${s.modelName}（${s.modelCode}）`],
    ['培训主题', s.s.title],
    ['培训日期', s.s.heldOn],
    ['培训讲师', s.trainerName],
  ];
  let y = 290;
  for (const [k, v] of rows) {
    doc.fillColor('#555555').font('R').fontSize(11).text(`${k}：`, 90, y, { width: 80 });
    doc.fillColor('black').font('R').fontSize(11).text(v, 170, y, { width: 380 });
    y += 22;
  }
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 220, errorCorrectionLevel: 'M' });
  doc.image(qr, W - 230, 280, { width: 130 });
  doc
    .fillColor('#555555')
    .font('R')
    .fontSize(8)
    .text('扫码核验证书真伪', W - 230, 414, { width: 130, align: 'center' });
  doc
    .fillColor('black')
    .font('B')
    .fontSize(12)
    .text(COMPANY_NAME, W - 400, H - 120, { width: 330, align: 'right' });
  const issued = a.certificateIssuedAt ? a.certificateIssuedAt.toISOString().slice(0, 10) : s.s.heldOn;
  doc
    .font('R')
    .fontSize(10)
    .text(`发证日期：${issued}`, W - 400, H - 100, { width: 330, align: 'right' });
  doc
    .fillColor('#777777')
    .fontSize(7.5)
    .text(`核验：${verifyUrl}`, 50, H - 60, { width: W - 100, align: 'left' });
  doc.end();
  return done;
}
