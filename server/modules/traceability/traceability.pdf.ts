// 设备追溯档案 (R-REG-5; 医疗器械使用质量监督管理办法§23 如实提供有关情况和资料): the device dossier
// as a Chinese PDF for a regulator's inspection — the unit, sites over time, contracts, every work
// order, parts fitted and removed with lots/serials, every event-like section, and each
// signature's manifestation (R-AU-1). pdfkit with Noto Sans SC, loaded lazily like renewals.pdf.ts.
import { COMPANY_NAME, openPdf } from '../../lib/pdf.ts';
import { cellLines } from './traceability.rules.ts';
import type { Dossier } from './traceability.service.ts';

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
  // Pages are written out as they fill (no bufferPages): holding a ~60-page dossier's drawing
  // operations until the end made the garbage collector copy them again and again. The footer's
  // "第 i / n 页" takes its n from a first pass that lays the dossier out without drawing.
  const { doc, done } = await openPdf({
    size: 'A4',
    margin: M,
    info: { Title: `设备追溯档案 ${d.unit.serialNumber}`, Author: COMPANY_NAME },
  });
  const measured: string[][][] = [];
  const pages = compose(doc, d, timeZone, generatedAt, measured, null);
  compose(doc, d, timeZone, generatedAt, measured, pages);
  doc.end();
  return done;
}

/**
 * Lays the dossier out page by page: with `pages` null it only measures (each table row's cell
 * lines go to `measured`) and returns the page count; with the count it draws the same layout,
 * reusing the measured lines, each page's footer drawn before the next page starts.
 */
function compose(doc: PDFKit.PDFDocument, d: Dossier, timeZone: string, generatedAt: Date, measured: string[][][], pages: number | null): number {
  const draw = pages !== null;
  const u = d.unit;
  let page = 1;
  let rowIndex = 0;
  const footer = () => {
    doc.page.margins.bottom = 0;
    doc
      .font('R')
      .fontSize(7.5)
      .fillColor('#777777')
      .text(`设备追溯档案 ${u.modelName} ${u.serialNumber} · 第 ${page} / ${pages} 页`, M, PAGE_H - M + 8, {
        width: W,
        align: 'center',
        lineBreak: false,
      });
  };
  // The text style in use, set again on a new page (the footer drawn before it changes it).
  let style = { font: 'R', size: 8, color: 'black' };
  const setStyle = (font: 'R' | 'B', size: number, color = style.color) => {
    if (draw && color !== style.color) doc.fillColor(color);
    style = { font, size, color };
    doc.font(font).fontSize(size);
  };
  let y = M;
  const need = (h: number) => {
    if (y + h > PAGE_H - M - 20) {
      if (draw) {
        footer();
        doc.addPage();
        doc.font(style.font).fontSize(style.size).fillColor(style.color);
      }
      page++;
      y = M;
    }
  };
  /** A paragraph the full width of the page at the current font: drawn (when drawing) and stepped over. */
  const paragraph = (text: string, options: PDFKit.Mixins.TextOptions = {}) => {
    const h = doc.heightOfString(text, { width: W, ...options });
    if (draw) doc.text(text, M, y, { width: W, ...options });
    y += h;
  };
  const heading = (title: string) => {
    need(40);
    y += 8;
    setStyle('B', 12, 'black');
    paragraph(title);
    y += 4;
  };
  // A string's width in the table font (8 pt), summed from its characters' widths, each measured
  // once per document: what cellLines needs to break a long cell into lines.
  const charWidths = { R: new Map<string, number>(), B: new Map<string, number>() };
  const table = (widths: number[], head: string[], rows: string[][]) => {
    const cols = widths.map((x) => x * W);
    // The dossier of a unit with 10 years of history has ~2,000 rows (R-REG-5: under 2 s). Each
    // cell is drawn as lines without a width: pdfkit runs its LineWrapper (a Unicode line breaker,
    // every piece measured) for any text given a width, even with lineBreak: false, and again for
    // heightOfString. A cell that fits is one line, measured once; a longer one is broken by
    // cellLines from its characters' widths.
    const linesOf = (cells: string[], font: 'R' | 'B') => {
      const known = charWidths[font];
      const widthOf = (s: string) => {
        let w = 0;
        for (const ch of s) {
          let cw = known.get(ch);
          if (cw === undefined) {
            cw = doc.widthOfString(ch);
            known.set(ch, cw);
          }
          w += cw;
        }
        return w;
      };
      return cells.map((c, i) => {
        const text = c || '—';
        return !/[\r\n]/.test(text) && doc.widthOfString(text) <= cols[i] - 6 ? [text] : cellLines(text, cols[i] - 6, widthOf);
      });
    };
    const row = (cells: string[], bold: boolean) => {
      const font = bold ? 'B' : 'R';
      setStyle(font, 8);
      let lines = measured[rowIndex];
      if (!draw || !lines) {
        lines = linesOf(cells, font);
        measured[rowIndex] = lines;
      }
      rowIndex++;
      const lh = doc.currentLineHeight(true);
      const h = Math.max(14, ...lines.map((l) => (l.length === 1 ? 14 : l.length * lh + 5)));
      need(h);
      if (draw) {
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
        lines.forEach((l, i) => {
          l.forEach((line, k) => {
            if (line) doc.text(line, x + 3, y + 2.5 + k * lh, { lineBreak: false });
          });
          x += cols[i];
        });
      }
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

  setStyle('B', 17, 'black');
  paragraph('医疗器械追溯档案', { align: 'center' });
  y += 2;
  setStyle('R', 8.5, '#555555');
  paragraph(`依据《医疗器械使用质量监督管理办法》第二十三条如实提供 · 生成时间 ${dayOf(generatedAt, timeZone)} · ${COMPANY_NAME}`, { align: 'center' });
  y += 8;
  setStyle('R', 8.5, 'black');

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
    setStyle('R', 8.5);
    paragraph('无');
    y += 4;
  }
  for (const s of d.signatures) {
    setStyle('R', 8);
    const line = `${s.number ? `${s.number} · ` : ''}${s.manifestation}`;
    need(doc.heightOfString(line, { width: W }) + 4);
    paragraph(line);
    y += 3;
  }
  if (draw) footer();
  return page;
}
