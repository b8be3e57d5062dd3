// 保养到期通知书 (R-CT-1; seed 002 part 1 §4: 保养合同到期前一个月书面通知客户): a one-page Chinese
// letter to the hospital naming the contract, its end and the covered devices, asking it to renew.
// Fonts as in the service report (Noto Sans SC from @expo-google-fonts, embedded as a subset).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LetterData } from './renewals.service.ts';

/** Whose letter it is (the same name as on the service report). */
const COMPANY_NAME = 'MedService 医疗器械售后服务中心';
const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

const M = 56;
const W = 595.28 - 2 * M;
const cn = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export async function renderLetter(d: LetterData): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const f = loadFonts();
  const doc = new PDFDocument({ size: 'A4', margin: M, info: { Title: `保养到期通知书 ${d.contractNumber}`, Author: COMPANY_NAME, Creator: 'MedService' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('R', f.regular);
  doc.registerFont('B', f.bold);
  doc.font('B').fontSize(18).text('保养到期通知书', M, M, { width: W, align: 'center' });
  doc.moveDown(0.3);
  doc
    .font('R')
    .fontSize(9)
    .fillColor('#555555')
    .text(`合同编号：${d.contractNumber}    通知日期：${cn(d.sentOn)}`, { width: W, align: 'center' });
  doc.fillColor('black').moveDown(1.5);
  doc.font('B').fontSize(11).text(`${d.customerName}：`);
  doc.moveDown(0.6);
  doc
    .font('R')
    .fontSize(11)
    .text(
      `感谢贵单位一直以来对我们售后服务工作的信任与支持。贵单位与我方签订的保养合同（合同编号：${d.contractNumber}，服务期限 ${cn(d.startDate)} 至 ${cn(d.endDate)}）将于 ${cn(d.endDate)} 到期。`,
      { width: W, lineGap: 4, indent: 22 },
    );
  doc.moveDown(0.5);
  doc.text('为保障下列设备在合同到期后继续得到定期保养、巡检和及时维修，避免因服务中断影响临床使用，请贵单位在合同到期前与我方联系办理续约手续。', {
    width: W,
    lineGap: 4,
    indent: 22,
  });
  doc.moveDown(1);
  doc.font('B').fontSize(10.5).text('合同覆盖设备：');
  doc.moveDown(0.3);
  const cols = [0.45, 0.3, 0.25].map((x) => x * W);
  let y = doc.y;
  const row = (cells: string[], bold: boolean) => {
    const h = Math.max(
      18,
      ...cells.map(
        (c, i) =>
          doc
            .font(bold ? 'B' : 'R')
            .fontSize(9.5)
            .heightOfString(c, { width: cols[i] - 8 }) + 6,
      ),
    );
    if (y + h > 841.89 - M - 120) {
      doc.addPage();
      y = M;
    }
    let x = M;
    cells.forEach((c, i) => {
      if (bold) doc.rect(x, y, cols[i], h).fillAndStroke('#eeeeee', '#999999');
      else doc.rect(x, y, cols[i], h).stroke('#999999');
      doc
        .fillColor('black')
        .font(bold ? 'B' : 'R')
        .fontSize(9.5)
        .text(c, x + 4, y + 3, { width: cols[i] - 8 });
      x += cols[i];
    });
    y += h;
  };
  row(['设备名称/型号', '序列号', '安装位置'], true);
  if (d.devices.length === 0) row(['—', '—', '—'], false);
  for (const dev of d.devices) row([dev.name || '—', dev.serial, dev.location ?? '—'], false);
  doc.y = y + 16;
  doc.x = M;
  doc.font('R').fontSize(11).text('如有疑问，请联系我方销售或售后服务人员。特此通知。', M, doc.y, { width: W, lineGap: 4, indent: 22 });
  doc.moveDown(3);
  doc.text(COMPANY_NAME, M, doc.y, { width: W, align: 'right' });
  doc.moveDown(0.3);
  doc.text(cn(d.sentOn), { width: W, align: 'right' });
  doc.end();
  return done;
}
