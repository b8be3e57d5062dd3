// 设备追溯档案 (R-REG-5; 医疗器械使用质量监督管理办法§23 如实提供有关情况和资料): the device dossier
// as a Chinese PDF for a regulator's inspection — the unit, sites over time, contracts, every work
// order, parts fitted and removed with lots/serials, every event-like section, and each
// signature's manifestation (R-AU-1). pdfkit with Noto Sans SC, loaded lazily like renewals.pdf.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Dossier } from './traceability.service.ts';

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

const M = 40;
const PAGE_H = 841.89;
const W = 595.28 - 2 * M;

// One formatter per time zone: building an Intl.DateTimeFormat per cell cost seconds on ~2,000 rows.
const formatters = new Map<string, Intl.DateTimeFormat>();
const dayOf = (d: Date | string | null | undefined, timeZone: string) => {
  if (!d) return '—';
  if (typeof d === 'string') return d.slice(0, 10);
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(d);
};

const STATUS_ZH: Record<string, string> = {
  in_service: '在用',
  down: '故障停机',
  safety_hold: '停用',
  retired: '报废',
};

export async function renderDossier(d: Dossier, timeZone: string, generatedAt: Date): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: { Title: `设备追溯档案 ${d.unit.serialNumber}`, Author: COMPANY_NAME, Creator: 'MedService' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('R', f.regular);
  doc.registerFont('B', f.bold);

  let y = M;
  const need = (h: number) => {
    if (y + h > PAGE_H - M - 20) {
      doc.addPage();
      y = M;
    }
  };
  const heading = (title: string) => {
    need(40);
    y += 8;
    doc.font('B').fontSize(12).fillColor('black').text(title, M, y, { width: W });
    y = doc.y + 4;
  };
  const table = (widths: number[], head: string[], rows: string[][]) => {
    const cols = widths.map((x) => x * W);
    // Most cells are one short line: measured by width alone (cheap), wrapped and measured only
    // when longer than the column — the dossier of a unit with 10 years of history has ~2,000 rows.
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'B' : 'R').fontSize(8);
      const texts = cells.map((c) => c || '—');
      const oneLine = texts.map((c, i) => doc.widthOfString(c) <= cols[i] - 6);
      const h = Math.max(14, ...texts.map((c, i) => (oneLine[i] ? 14 : doc.heightOfString(c, { width: cols[i] - 6 }) + 5)));
      need(h);
      let x = M;
      // The row's frame in one path, then its texts (colour set once per row, not per cell).
      if (bold) doc.rect(M, y, W, h).fillAndStroke('#eeeeee', '#999999');
      else doc.rect(M, y, W, h).stroke('#999999');
      for (const w of cols.slice(0, -1)) {
        x += w;
        doc.moveTo(x, y).lineTo(x, y + h);
      }
      doc.stroke('#999999');
      x = M;
      doc.fillColor('black');
      texts.forEach((c, i) => {
        doc.text(c, x + 3, y + 2.5, oneLine[i] ? { width: cols[i] - 6, lineBreak: false } : { width: cols[i] - 6 });
        x += cols[i];
      });
      y += h;
    };
    row(head, true);
    if (rows.length === 0)
      row(
        head.map((_, i) => (i === 0 ? '无记录' : '')),
        false,
      );
    for (const r of rows) row(r, false);
    y += 4;
  };

  const u = d.unit;
  doc.font('B').fontSize(17).text('医疗器械追溯档案', M, y, { width: W, align: 'center' });
  y = doc.y + 2;
  doc
    .font('R')
    .fontSize(8.5)
    .fillColor('#555555')
    .text(`依据《医疗器械使用质量监督管理办法》第二十三条如实提供 · 生成时间 ${dayOf(generatedAt, timeZone)} · ${COMPANY_NAME}`, M, y, {
      width: W,
      align: 'center',
    });
  y = doc.y + 8;
  doc.fillColor('black');

  heading('一、设备基本信息');
  table(
    [0.18, 0.32, 0.18, 0.32],
    ['项目', '内容', '项目', '内容'],
    [
      ['型号', `${u.modelName}（${u.modelCode}）`, '序列号', u.serialNumber],
      ['生产企业', u.manufacturer ?? '', 'UDI', u.udi ?? ''],
      ['管理类别', `${u.regulatoryClass}类${u.implantable ? '（植入）' : ''}`, '软件版本', u.softwareVersion ?? ''],
      ['客户', u.customerName, '状态', STATUS_ZH[u.status] ?? u.status],
      ['地点', [u.siteName, u.departmentName, u.location].filter(Boolean).join(' · '), '安装/验收', `${u.installDate ?? '—'} / ${u.acceptanceDate ?? '—'}`],
      ['保修截止', u.warrantyEnd ?? '', '', ''],
    ],
  );

  heading('二、使用地点变更');
  table(
    [0.15, 0.15, 0.25, 0.3, 0.15],
    ['起', '止', '客户', '院区/科室/位置', '记录人'],
    d.placements.map((p) => [
      dayOf(p.from, timeZone),
      p.to ? dayOf(p.to, timeZone) : '至今',
      p.customerName ?? '',
      [p.siteName, p.departmentName, p.location].filter(Boolean).join(' · '),
      p.actorName ?? '',
    ]),
  );

  heading('三、服务合同');
  table(
    [0.25, 0.15, 0.2, 0.2, 0.2],
    ['合同编号', '类型', '起始', '截止', '年保养次数'],
    d.contracts.map((c) => [c.number, c.kind, c.startDate, c.endDate, String(c.visitsPerYear)]),
  );

  heading('四、工单（全部类型）');
  table(
    [0.13, 0.09, 0.09, 0.1, 0.1, 0.1, 0.39],
    ['工单号', '类型', '状态', '创建', '完成', '工程师', '故障 / 处理结果'],
    d.workOrders.map((w) => [
      w.number,
      w.kind,
      w.status,
      dayOf(w.createdAt, timeZone),
      dayOf(w.resolvedAt, timeZone),
      w.engineerName ?? '',
      [w.fault, w.actions, w.testResults].filter(Boolean).join(' / ').slice(0, 160),
    ]),
  );

  heading('五、更换备件（批次号/序列号）');
  table(
    [0.11, 0.13, 0.12, 0.2, 0.08, 0.12, 0.12, 0.12],
    ['日期', '工单号', '备件编号', '名称', '数量', '批次号', '装上序列号', '拆下序列号'],
    d.parts.map((p) => [
      dayOf(p.at, timeZone),
      p.workOrderNumber,
      p.partNo ?? '',
      p.name,
      p.quantity,
      p.lot ?? '',
      p.installedSerial ?? '',
      p.removedSerial ?? '',
    ]),
  );

  const numerals = ['六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
  d.sections.forEach((s, i) => {
    heading(`${numerals[i] ?? String(i + 6)}、${s.titleZh}`);
    table(
      [0.13, 0.17, 0.55, 0.15],
      ['日期', '编号', '内容', '状态'],
      s.entries.map((e) => [dayOf(e.at, timeZone), e.number ?? '', e.title, e.status]),
    );
  });

  heading('电子签名记录');
  if (d.signatures.length === 0) {
    need(16);
    doc.font('R').fontSize(8.5).text('无', M, y, { width: W });
    y = doc.y + 4;
  }
  for (const s of d.signatures) {
    doc.font('R').fontSize(8);
    const line = `${s.number ? `${s.number} · ` : ''}${s.manifestation}`;
    need(doc.heightOfString(line, { width: W }) + 4);
    doc.text(line, M, y, { width: W });
    y = doc.y + 3;
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc
      .font('R')
      .fontSize(7.5)
      .fillColor('#777777')
      .text(`设备追溯档案 ${u.modelName} ${u.serialNumber} · 第 ${i + 1} / ${range.count} 页`, M, PAGE_H - M + 8, {
        width: W,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
