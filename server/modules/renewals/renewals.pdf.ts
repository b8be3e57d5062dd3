// 保养到期通知书 (R-CT-1; seed 002 part 1 §4: 保养合同到期前一个月书面通知客户): a one-page Chinese
// letter to the hospital naming the contract, its end and the covered devices, asking it to renew.
// Fonts as in the service report (Noto Sans SC from @expo-google-fonts, embedded as a subset).
import { A4, COMPANY_NAME, gridTable, openPdf } from '../../lib/pdf.ts';
import type { LetterData } from './renewals.service.ts';

const M = 56;
const W = 595.28 - 2 * M;
const cn = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export async function renderLetter(d: LetterData): Promise<Buffer> {
  const { doc, done } = await openPdf({ size: 'A4', margin: M, info: { Title: `保养到期通知书 ${d.contractNumber}`, Author: COMPANY_NAME } });
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
  const table = gridTable(
    doc,
    {
      left: M,
      widths: [0.45, 0.3, 0.25].map((x) => x * W),
      top: M,
      bottom: A4.height - M - 120, // room for the closing lines below
      fontSize: 9.5,
      pad: 4,
      minRowHeight: 18,
      headFill: '#eeeeee',
      empty: '—',
    },
    doc.y,
  );
  table.row(['设备名称/型号', '序列号', '安装位置'], { head: true });
  if (d.devices.length === 0) table.row(['—', '—', '—']);
  for (const dev of d.devices) table.row([dev.name, dev.serial, dev.location ?? '']);
  doc.y = table.y + 16;
  doc.x = M;
  doc.font('R').fontSize(11).text('如有疑问，请联系我方销售或售后服务人员。特此通知。', M, doc.y, { width: W, lineGap: 4, indent: 22 });
  doc.moveDown(3);
  doc.text(COMPANY_NAME, M, doc.y, { width: W, align: 'right' });
  doc.moveDown(0.3);
  doc.text(cn(d.sentOn), { width: W, align: 'right' });
  doc.end();
  return done;
}
