// The label sheet (设备标签, issue 16 §2): per device a QR code of its scan page, the model, the
// serial and the service hotline, laid out on common label stock (labels.rules.ts sheetLayout).
// Set in Noto Sans SC like the other PDFs (subset embedded).
import { openPdf } from '../../lib/pdf.ts';
import { type LabelSize, labelPages, labelSlot, sheetLayout } from './labels.rules.ts';

const MM = 72 / 25.4;

export interface LabelLine {
  url: string;
  modelName: string;
  serialNumber: string;
}

export async function renderLabelSheet(labels: LabelLine[], size: LabelSize, hotline: string | null): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode');
  const l = sheetLayout(size);
  const { doc, done } = await openPdf({
    size: [l.pageW * MM, l.pageH * MM],
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    info: { Title: '设备标签', Author: 'MedService' },
  });
  const pages = labelPages(labels.length, size);
  for (let p = 0; p < pages; p++) doc.addPage();
  if (labels.length === 0) {
    doc.addPage();
    doc
      .font('R')
      .fontSize(10)
      .fillColor('black')
      .text('没有符合条件的设备 / No device matches the filter', 6 * MM, 6 * MM, { width: (l.pageW - 12) * MM });
  }
  const pad = 1.5 * MM;
  for (const [i, label] of labels.entries()) {
    const slot = labelSlot(i, size);
    doc.switchToPage(slot.page);
    const x = slot.x * MM;
    const y = slot.y * MM;
    const w = l.labelW * MM;
    const h = l.labelH * MM;
    const qrSide = h - 2 * pad;
    const png = await QRCode.toBuffer(label.url, { type: 'png', margin: 0, width: 240, errorCorrectionLevel: 'M' });
    doc.image(png, x + pad, y + pad, { width: qrSide, height: qrSide });
    const tx = x + 2 * pad + qrSide;
    const tw = w - qrSide - 3 * pad;
    // Font sizes follow the label's height: 37 mm → 8 pt model, 25.4 mm → 6 pt.
    const base = Math.max(5, Math.min(9, l.labelH / 4.5));
    doc.font('R').fillColor('black');
    doc.fontSize(base).text(label.modelName, tx, y + pad, { width: tw, height: base * 2.6, ellipsis: true });
    doc.fontSize(base * 0.85).text(`SN ${label.serialNumber}`, tx, doc.y + 1, { width: tw, height: base * 1.3, lineBreak: false, ellipsis: true });
    doc.fontSize(base * 0.8).text('扫码报修', tx, doc.y + 1, { width: tw, height: base * 1.3, lineBreak: false });
    if (hotline)
      doc.fontSize(base * 0.8).text(`服务热线 ${hotline}`, tx, y + h - pad - base * 1.2, { width: tw, height: base * 1.3, lineBreak: false, ellipsis: true });
  }
  doc.end();
  return done;
}
