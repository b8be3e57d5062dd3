// What every Chinese PDF of the product shares (service report, certificates, letters, reports,
// labels, dossiers): the company's name, the A4 page, the fonts and a document whose bytes are
// collected into one Buffer. Fonts: Noto Sans SC from @expo-google-fonts, read once per process
// and registered as 'R' (regular) and 'B' (bold); pdfkit embeds only the glyphs a document uses.
// pdfkit is imported at first use (issue 17 item 5: it is not loaded at start-up).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Whose documents they are (the service report, letters, certificates and reports print it). */
export const COMPANY_NAME = 'MedService 医疗器械售后服务中心';
/** A4 in PDF points (portrait). */
export const A4 = { width: 595.28, height: 841.89 } as const;

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

export type PdfDoc = PDFKit.PDFDocument;

/**
 * A new document with the fonts 'R' and 'B' registered (Creator: MedService unless given);
 * `done` resolves to the whole file once `doc.end()` has been called.
 */
export async function openPdf(options: PDFKit.PDFDocumentOptions): Promise<{ doc: PdfDoc; done: Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const f = loadFonts();
  const doc = new PDFDocument({ ...options, info: { Creator: 'MedService', ...options.info } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('R', f.regular);
  doc.registerFont('B', f.bold);
  return { doc, done };
}

export interface GridStyle {
  /** Left edge and column widths, in points. */
  left: number;
  widths: number[];
  /** A row that would end below `bottom` starts a new page, at `top`. */
  top: number;
  bottom: number;
  fontSize: number;
  /** Inner padding of a cell (left/right and top). */
  pad: number;
  minRowHeight: number;
  /** Background of header rows; none when absent. */
  headFill?: string;
  border?: string;
  lineWidth?: number;
  /** Per column; left when absent. */
  align?: ('left' | 'right' | 'center')[];
  /** Shown for an empty cell (e.g. '—'). */
  empty?: string;
  /** Drawn again at the top of every page the table continues on. */
  repeatHead?: string[];
}

/**
 * A bordered table drawn row by row from `y`: each row as tall as its tallest wrapped cell,
 * moved whole to a new page when it does not fit. Header rows are bold (and filled when the style
 * says so); a row may be coloured (e.g. a reading out of range in red). `y` is where the next
 * row would go.
 */
export function gridTable(doc: PdfDoc, style: GridStyle, startY: number) {
  const { left, widths, pad, fontSize } = style;
  const border = style.border ?? '#999999';
  let y = startY;
  const row = (raw: string[], opts: { head?: boolean; color?: string } = {}) => {
    const head = opts.head ?? false;
    const cells = raw.map((c) => c || style.empty || '');
    doc.font(head ? 'B' : 'R').fontSize(fontSize);
    const h = Math.max(style.minRowHeight, ...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }) + 2 * pad));
    if (y + h > style.bottom) {
      doc.addPage();
      y = style.top;
      if (!head && style.repeatHead) row(style.repeatHead, { head: true });
      doc.font(head ? 'B' : 'R').fontSize(fontSize);
    }
    let x = left;
    doc.lineWidth(style.lineWidth ?? 1);
    cells.forEach((c, i) => {
      if (head && style.headFill) doc.rect(x, y, widths[i], h).fillAndStroke(style.headFill, border);
      else doc.rect(x, y, widths[i], h).stroke(border);
      doc.fillColor(opts.color ?? 'black').text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: style.align?.[i] ?? 'left' });
      x += widths[i];
    });
    doc.fillColor('black').lineWidth(1);
    y += h;
  };
  return {
    row,
    get y() {
      return y;
    },
  };
}
