// Excel export of a list as the user filtered it (exceljs; the `xlsx` package is frozen with
// known CVEs). Column titles follow the user's language.
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { type GlossaryGroup, term } from './glossary.ts';
import type { Locale } from './i18n.ts';

export const EXPORT_MAX_ROWS = 50_000;

export interface ExportColumn<T> {
  key: string;
  zh: string;
  en: string;
  width?: number;
  value: (row: T) => string | number | boolean | null | undefined;
  /** The value is an enum of this glossary group: the cell shows its word in the user's language. */
  term?: GlossaryGroup;
}

function cellOf<T>(c: ExportColumn<T>, row: T, locale: Locale) {
  const v = c.value(row);
  return c.term && typeof v === 'string' ? term(c.term, v, locale) : (v ?? null);
}

/**
 * exceljs (~160 modules, ~35 MB) is loaded at the first spreadsheet, not at start-up (issue 17
 * item 5); every user of the library goes through here.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** An empty workbook signed as ours. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = 'MedService';
  wb.created = new Date();
  return wb;
}

export async function xlsxBuffer<T>(sheetName: string, columns: ExportColumn<T>[], rows: T[], locale: Locale): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: locale === 'en-US' ? c.en : c.zh, key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, cellOf(c, row, locale)])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sendXlsx(reply: FastifyReply, baseName: string, buf: Buffer) {
  const stamp = new Date().toISOString().slice(0, 10);
  const file = `${baseName}-${stamp}.xlsx`;
  // Header values must be Latin-1: an ASCII fallback name, and the real one RFC 5987-encoded.
  const ascii = /^[\x20-\x7e]*$/.test(file) ? file : `export-${stamp}.xlsx`;
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`)
    .send(buf);
}
