// Pure rules of the spreadsheet import: which columns a sheet of customers or devices has,
// how header text maps to them, how cells become values (Excel dates, YYYY-MM-DD text, enum
// labels), CSV decoding, file sniffing, and the row-by-row verdict. No I/O here: the service
// reads the file and the database and hands the facts in (ARCHITECTURE: <m>.rules.ts).
//
// Field rules are not repeated: each row is checked with the same Zod schema the create
// endpoint uses (createCustomerBody, createDeviceBody).
import { inflateRawSync } from 'node:zlib';
import type { z } from 'zod';
import { type FieldCode, isFieldCode, type Locale, type MessageKey, t as translate } from '../../lib/i18n.ts';
import { createCustomerBody } from '../customers/index.ts';
import { createDeviceBody } from '../devices/index.ts';

export type ImportKind = 'customers' | 'devices';
export const IMPORT_MAX_ROWS = 5000;

/** A cell as read from xlsx (already unwrapped from formulas, rich text, links) or CSV. */
export type Cell = string | number | boolean | Date | null | undefined;
/** One spreadsheet row; `row` is the 1-based row number shown by Excel. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export interface EnumOption {
  value: string;
  zh: string;
  en: string;
  aliases?: string[];
}

export interface ColumnDef {
  /** The field key: used in the report and accepted as header text. */
  key: string;
  zh: string;
  en: string;
  type: 'text' | 'date' | 'enum';
  required?: boolean;
  options?: readonly EnumOption[];
  /** Other header texts people use for this column. */
  aliases?: string[];
  width: number;
  hint: { zh: string; en: string };
}

const CUSTOMER_KINDS: readonly EnumOption[] = [
  { value: 'hospital', zh: '医院', en: 'Hospital' },
  { value: 'clinic', zh: '诊所', en: 'Clinic', aliases: ['门诊部', '诊断中心'] },
  { value: 'distributor', zh: '经销商', en: 'Distributor', aliases: ['代理商', 'dealer'] },
  { value: 'other', zh: '其他', en: 'Other' },
];

// The glossary's word first (what screens and exports say, so an export imports back); the
// older spellings stay accepted.
const DEVICE_STATUSES: readonly EnumOption[] = [
  { value: 'in_service', zh: '正常使用', en: 'In service', aliases: ['在用', '正常', '使用中'] },
  { value: 'down', zh: '故障停机', en: 'Down', aliases: ['故障', '停机'] },
  { value: 'safety_hold', zh: '安全暂停', en: 'Safety hold', aliases: ['安全停用', '停用'] },
  { value: 'retired', zh: '已报废', en: 'Retired', aliases: ['报废'] },
];

const optional = (zh: string, en: string) => ({ zh, en });
const DATE_HINT = { zh: '日期，格式 YYYY-MM-DD，或 Excel 日期单元格', en: 'Date: YYYY-MM-DD text or an Excel date cell' };

export const COLUMNS: Record<ImportKind, readonly ColumnDef[]> = {
  customers: [
    {
      key: 'code',
      zh: '客户编号',
      en: 'Code',
      type: 'text',
      required: true,
      aliases: ['编号', '客户代码', '客户编码', 'customer code'],
      width: 16,
      hint: { zh: '必填，唯一（不区分大小写），最长 50 字', en: 'Required, unique (any case), up to 50 characters' },
    },
    {
      key: 'name',
      zh: '客户名称',
      en: 'Name',
      type: 'text',
      required: true,
      aliases: ['名称', '客户名', '医院名称', 'customer name'],
      width: 28,
      hint: { zh: '必填，最长 200 字', en: 'Required, up to 200 characters' },
    },
    {
      key: 'kind',
      zh: '类型',
      en: 'Kind',
      type: 'enum',
      options: CUSTOMER_KINDS,
      aliases: ['客户类型', 'type'],
      width: 12,
      hint: { zh: '医院 / 诊所 / 经销商 / 其他，留空为医院', en: 'hospital / clinic / distributor / other; empty means hospital' },
    },
    { key: 'grade', zh: '等级', en: 'Grade', type: 'text', aliases: ['医院等级'], width: 12, hint: optional('例如 三级甲等', 'e.g. 三级甲等 (tier 3A)') },
    { key: 'province', zh: '省份', en: 'Province', type: 'text', aliases: ['省'], width: 10, hint: optional('省份', 'Province') },
    { key: 'city', zh: '城市', en: 'City', type: 'text', aliases: ['市'], width: 10, hint: optional('城市', 'City') },
    { key: 'address', zh: '地址', en: 'Address', type: 'text', aliases: ['详细地址'], width: 36, hint: optional('最长 300 字', 'Up to 300 characters') },
    { key: 'phone', zh: '电话', en: 'Phone', type: 'text', aliases: ['联系电话', 'tel', 'telephone'], width: 16, hint: optional('电话', 'Phone') },
    {
      key: 'notes',
      zh: '备注',
      en: 'Notes',
      type: 'text',
      aliases: ['note', 'remark', 'remarks'],
      width: 30,
      hint: optional('最长 2000 字', 'Up to 2000 characters'),
    },
  ],
  devices: [
    {
      key: 'serialNumber',
      zh: '序列号',
      en: 'Serial number',
      type: 'text',
      required: true,
      aliases: ['serial', 'sn', 's/n', '设备序列号', '出厂编号'],
      width: 20,
      hint: { zh: '必填，同一型号内唯一（不区分大小写）', en: 'Required, unique within the model (any case)' },
    },
    {
      key: 'udi',
      zh: 'UDI',
      en: 'UDI',
      type: 'text',
      aliases: ['唯一标识', '器械唯一标识'],
      width: 28,
      hint: optional('唯一，可留空', 'Unique; may be empty'),
    },
    {
      key: 'modelCode',
      zh: '型号编码',
      en: 'Model code',
      type: 'text',
      required: true,
      aliases: ['型号', '型号代码', 'model'],
      width: 14,
      hint: { zh: '必填，系统中已有的型号编码', en: 'Required: the code of a model already in the system' },
    },
    {
      key: 'customerCode',
      zh: '客户编号',
      en: 'Customer code',
      type: 'text',
      required: true,
      aliases: ['客户代码', '客户编码', 'customer'],
      width: 14,
      hint: { zh: '必填，系统中已有的客户编号', en: 'Required: the code of a customer already in the system' },
    },
    {
      key: 'departmentName',
      zh: '科室',
      en: 'Department',
      type: 'text',
      aliases: ['科室名称', 'department name'],
      width: 14,
      hint: optional('该客户下已有的科室名称', "The name of one of the customer's departments"),
    },
    {
      key: 'siteName',
      zh: '院区/地点',
      en: 'Site',
      type: 'text',
      aliases: ['院区', '地点', '院区名称', 'site name'],
      width: 14,
      hint: optional('该客户下已有的院区/地点名称', "The name of one of the customer's sites"),
    },
    {
      key: 'location',
      zh: '安装位置',
      en: 'Location',
      type: 'text',
      aliases: ['位置'],
      width: 18,
      hint: optional('例如 3 楼病理实验室', 'e.g. 3rd floor lab'),
    },
    { key: 'installDate', zh: '安装日期', en: 'Install date', type: 'date', width: 13, hint: DATE_HINT },
    {
      key: 'acceptanceDate',
      zh: '验收日期',
      en: 'Acceptance date',
      type: 'date',
      aliases: ['验收合格日期'],
      width: 13,
      hint: { zh: '保修自此日起算；不早于安装日期', en: 'Warranty starts here; not before the install date' },
    },
    {
      key: 'warrantyEnd',
      zh: '保修截止日期',
      en: 'Warranty end',
      type: 'date',
      aliases: ['保修截止', '保修到期', '保修到期日'],
      width: 13,
      hint: { zh: '留空时按型号保修期自验收日期推算', en: "Empty: derived from the acceptance date and the model's warranty term" },
    },
    {
      key: 'softwareVersion',
      zh: '软件版本',
      en: 'Software version',
      type: 'text',
      aliases: ['software', '版本'],
      width: 14,
      hint: optional('软件版本', 'Software version'),
    },
    {
      key: 'status',
      zh: '状态',
      en: 'Status',
      type: 'enum',
      options: DEVICE_STATUSES,
      aliases: ['设备状态'],
      width: 12,
      hint: { zh: '在用 / 故障停机 / 安全停用 / 报废，留空为在用', en: 'in_service / down / safety_hold / retired; empty means in service' },
    },
    {
      key: 'notes',
      zh: '备注',
      en: 'Notes',
      type: 'text',
      aliases: ['note', 'remark', 'remarks'],
      width: 30,
      hint: optional('最长 2000 字', 'Up to 2000 characters'),
    },
  ],
};

export function columnOf(kind: ImportKind, key: string): ColumnDef | undefined {
  return COLUMNS[kind].find((c) => c.key === key);
}

export function columnLabel(kind: ImportKind, key: string, locale: Locale): string {
  const c = columnOf(kind, key);
  return c ? (locale === 'en-US' ? c.en : c.zh) : key;
}

// ---- headers ---------------------------------------------------------------------------

/** Header text compared loosely: full-width forms, case, spaces, `*` marks, `_`/`-` ignored. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*_\-:]/g, '')
    .replace(/[(（[【]?(必填|required|选填|optional)[)）\]】]?$/, '');
}

function headerIndex(kind: ImportKind): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of COLUMNS[kind]) for (const name of [c.key, c.zh, c.en, ...(c.aliases ?? [])]) index.set(normalizeHeader(name), c.key);
  return index;
}
const HEADER_INDEX: Record<ImportKind, Map<string, string>> = { customers: headerIndex('customers'), devices: headerIndex('devices') };

/** The column a header cell names, or undefined. `客户编号 (code)` style headers match either part. */
export function matchHeader(kind: ImportKind, text: string): string | undefined {
  const index = HEADER_INDEX[kind];
  const whole = normalizeHeader(text);
  if (!whole) return undefined;
  const hit = index.get(whole);
  if (hit) return hit;
  const m = /^(.*?)[(（[](.*?)[)）\]]$/.exec(text.normalize('NFKC').trim());
  if (m) return index.get(normalizeHeader(m[1])) ?? index.get(normalizeHeader(m[2]));
  return undefined;
}

export type HeaderResult =
  | { ok: true; headerRow: number; columns: Map<number, string>; ignored: string[] }
  | { ok: false; reason: 'missing_columns' | 'duplicate_columns'; columns: string[] };

/**
 * Finds the header: the first of the first ten rows naming at least two known columns (a
 * title row above the header is tolerated). Every required column must be present, and no
 * column may appear twice.
 */
export function locateHeader(kind: ImportKind, rows: readonly SheetRow[]): HeaderResult {
  const candidate = rows.slice(0, 10).find((r) => r.cells.filter((c) => matchHeader(kind, cellText(c) ?? '')).length >= 2) ?? rows[0];
  const columns = new Map<number, string>();
  const ignored: string[] = [];
  const seen = new Set<string>();
  const dupes = new Set<string>();
  (candidate?.cells ?? []).forEach((cell, i) => {
    const text = cellText(cell);
    if (!text) return;
    const key = matchHeader(kind, text);
    if (!key) ignored.push(text);
    else if (seen.has(key)) dupes.add(key);
    else {
      seen.add(key);
      columns.set(i, key);
    }
  });
  if (dupes.size) return { ok: false, reason: 'duplicate_columns', columns: [...dupes] };
  const missing = COLUMNS[kind].filter((c) => c.required && !seen.has(c.key)).map((c) => c.key);
  if (missing.length) return { ok: false, reason: 'missing_columns', columns: missing };
  return { ok: true, headerRow: candidate.row, columns, ignored };
}

export interface RawRecord {
  row: number;
  values: Record<string, Cell>;
}

/** The data rows below the header, keyed by column; rows with nothing in a known column are skipped. */
export function recordsOf(rows: readonly SheetRow[], headerRow: number, columns: ReadonlyMap<number, string>): RawRecord[] {
  const out: RawRecord[] = [];
  for (const r of rows) {
    if (r.row <= headerRow) continue;
    const values: Record<string, Cell> = {};
    let any = false;
    for (const [i, key] of columns) {
      const v = r.cells[i];
      values[key] = v;
      if (!isBlank(v)) any = true;
    }
    if (any) out.push({ row: r.row, values });
  }
  return out;
}

// ---- cells -----------------------------------------------------------------------------

function isBlank(v: Cell): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function ymd(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** A JS Date read from a workbook: exceljs builds it in UTC from the serial, so UTC parts are the sheet's day. */
function dateOfDate(d: Date): string | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  // A serial with a time of day just under midnight can come back as 23:59:59.999 of the day before.
  const t = new Date(d.getTime() + 500);
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Excel's 1900 date system, including its fictitious 1900-02-29 (serial 60, refused). */
export function excelSerialToDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined;
  const day = Math.floor(serial + 1e-9);
  if (day === 60) return undefined;
  const offset = day < 60 ? day - 1 : day - 2;
  return dateOfDate(new Date(Date.UTC(1900, 0, 1) + offset * 86_400_000));
}

/** Text of a cell for a text field; dates become YYYY-MM-DD, blanks undefined. */
export function cellText(v: Cell): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return dateOfDate(v) ?? undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const s = v.trim();
  return s === '' ? undefined : s;
}

export type DateParse = { ok: true; value: string | undefined } | { ok: false };

/**
 * A date cell: an Excel date, an Excel serial number, or text as YYYY-MM-DD (also / . and
 * 年月日 separators, one-digit month and day, YYYYMMDD, or with a time of day after it).
 */
export function parseDateCell(v: Cell): DateParse {
  if (isBlank(v)) return { ok: true, value: undefined };
  let value: string | undefined;
  if (v instanceof Date) value = dateOfDate(v);
  else if (typeof v === 'number') {
    value = Number.isInteger(v) && v >= 19000101 && v <= 29991231 ? ymd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100) : excelSerialToDate(v);
  } else if (typeof v === 'string') {
    const s = v.normalize('NFKC').trim();
    const m =
      /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s) ??
      /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ??
      /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (m) value = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return value ? { ok: true, value } : { ok: false };
}

/** Normalised text for enum matching: `In Service`, `in-service` and `IN_SERVICE` are one. */
const enumKey = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** The enum value a cell names (its key, Chinese or English label, or an alias), else the text as given. */
export function parseEnumCell(v: Cell, options: readonly EnumOption[]): string | undefined {
  const text = cellText(v);
  if (text === undefined) return undefined;
  const k = enumKey(text);
  const hit = options.find((o) => [o.value, o.zh, o.en, ...(o.aliases ?? [])].some((name) => enumKey(name) === k));
  return hit ? hit.value : text;
}

// ---- files -----------------------------------------------------------------------------

export type FileFormat = 'xlsx' | 'csv';
export type SniffResult = { ok: true; format: FileFormat } | { ok: false; reason: 'no_file' | 'xls' | 'not_spreadsheet' | 'mismatch' };

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIMES = new Set(['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel', 'text/x-csv']);
/** What browsers and operating systems declare for an .xlsx (some call it a zip, old Windows an Excel file). */
const XLSX_MIMES = new Set([XLSX_MIME, 'application/zip', 'application/x-zip-compressed', 'application/vnd.ms-excel']);
/** Declared types that say nothing about the content. */
const VAGUE_MIMES = new Set(['', 'application/octet-stream']);

function looksLikeText(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  return control <= n / 100;
}

/**
 * What an upload is, judged by its bytes (an xlsx is a zip: `PK\x03\x04`) and then checked
 * against its name and declared type: a `.xlsx` must be a zip, a `.csv` must be text, any
 * other extension is refused, and a declared type naming another kind of file is a mismatch.
 */
export function sniffFile(buf: Uint8Array, fileName: string, mimetype: string): SniffResult {
  if (buf.length === 0) return { ok: false, reason: 'no_file' };
  const isZip = buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
  const isOle = buf.length >= 8 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const mime = mimetype.split(';')[0].trim().toLowerCase();
  if (isOle || ext === 'xls') return { ok: false, reason: isOle ? 'xls' : 'mismatch' };
  const content: FileFormat | null = isZip ? 'xlsx' : looksLikeText(buf) ? 'csv' : null;
  if (!content) return { ok: false, reason: 'not_spreadsheet' };
  if (ext === 'xlsx' || ext === 'csv') {
    if (ext !== content) return { ok: false, reason: 'mismatch' };
    // The declared type may be vague, but must not name another kind of file (an image as c.xlsx).
    const declared = content === 'xlsx' ? XLSX_MIMES : CSV_MIMES;
    return declared.has(mime) || VAGUE_MIMES.has(mime) ? { ok: true, format: content } : { ok: false, reason: 'mismatch' };
  }
  if (ext !== '') return { ok: false, reason: 'not_spreadsheet' };
  // No extension: the declared type must not contradict the bytes.
  if (mime === XLSX_MIME) return content === 'xlsx' ? { ok: true, format: content } : { ok: false, reason: 'mismatch' };
  if (CSV_MIMES.has(mime)) return content === 'csv' ? { ok: true, format: content } : { ok: false, reason: 'mismatch' };
  if (VAGUE_MIMES.has(mime)) return { ok: true, format: content };
  return { ok: false, reason: 'not_spreadsheet' };
}

/**
 * Most an .xlsx may unpack to. A 5000-row sheet is a few MB of XML; a zip bomb (1 MB of
 * upload unpacking to 1 GB) would otherwise hold the server for half a minute and a gigabyte
 * of memory per request, or end the process.
 */
export const IMPORT_MAX_UNPACKED = 50 * 1024 * 1024;

/**
 * Whether a zip unpacks to more than `limit` bytes: the sizes its central directory declares,
 * then each deflated entry actually inflated with the remaining budget as a hard cap (so a
 * directory that lies is caught too, without ever holding more than `limit`). A zip whose
 * structure cannot be read answers false and is left to the xlsx reader, which calls it damaged.
 */
export function zipUnpacksBeyond(buf: Uint8Array, limit = IMPORT_MAX_UNPACKED): boolean {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return false;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return true; // zip64: no spreadsheet we accept needs it
  let budget = limit;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return false;
    const method = b.readUInt16LE(p + 10);
    const packed = b.readUInt32LE(p + 20);
    const declared = b.readUInt32LE(p + 24);
    const local = b.readUInt32LE(p + 42);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (declared === 0xffffffff || declared > budget) return true;
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) return false;
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    let size = packed;
    if (method === 8) {
      try {
        size = inflateRawSync(b.subarray(start, start + packed), { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return true;
        return false;
      }
    }
    budget -= Math.max(size, declared);
    if (budget < 0) return true;
  }
  return false;
}

/** CSV bytes as text: UTF-8 with or without BOM; GB18030 (what Chinese Excel writes) when not valid UTF-8. */
export function decodeText(buf: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(buf);
    } catch {
      return undefined;
    }
  }
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks; comma, semicolon or tab, chosen from the first line. */
export function parseCsv(text: string): SheetRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r|\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.map((cells, n) => ({ row: n + 1, cells }));
}

// ---- rows ------------------------------------------------------------------------------

export interface Issue {
  field: string;
  code: FieldCode;
  params?: Record<string, unknown>;
  /** i18n key when the message is more specific than `field.<code>`. */
  messageKey?: MessageKey;
}

export interface RowOutcome<V> {
  row: number;
  key: string;
  errors: Issue[];
  value?: V;
}

export type CustomerInput = z.infer<typeof createCustomerBody>;
export type DeviceInput = z.infer<typeof createDeviceBody>;

/** Zod issues of one row as column issues; `fieldOf` maps schema paths back to columns. */
function zodIssues(error: z.ZodError, raw: Record<string, unknown>, fieldOf: (path: string) => string): Issue[] {
  const out: Issue[] = [];
  for (const issue of error.issues) {
    const path = String(issue.path[0] ?? '');
    const field = fieldOf(path);
    if (issue.code === 'invalid_type' && raw[path] === undefined) out.push({ field, code: 'required' });
    else if (issue.code === 'too_small')
      out.push({ field, code: raw[path] === undefined || raw[path] === '' ? 'required' : 'too_small', params: { minimum: String(issue.minimum) } });
    else if (issue.code === 'too_big') out.push({ field, code: 'too_big', params: { maximum: String(issue.maximum) } });
    else if (issue.code === 'invalid_value') out.push({ field, code: 'invalid_value', params: { options: issue.values.map(String) } });
    else if (issue.code === 'invalid_format' && issue.format === 'regex' && !/date/i.test(field)) out.push({ field, code: 'invalid_characters' });
    else if (issue.code === 'invalid_format') out.push({ field, code: 'invalid_format', params: { format: 'YYYY-MM-DD' } });
    // A refinement's own code is a runtime string: one without a message reads as `invalid` (issue 11 item 4).
    else if (issue.code === 'custom' && issue.params?.code) {
      const own = String(issue.params.code);
      out.push({ field, code: isFieldCode(own) ? own : 'invalid', params: { format: 'YYYY-MM-DD' } });
    } else out.push({ field, code: 'invalid' });
  }
  // One message per column is enough (a union can report the same cell twice).
  return out.filter((x, i) => out.findIndex((y) => y.field === x.field) === i);
}

/** Values of the text, enum and date columns of one record; date cells that are no date become issues. */
function readValues(kind: ImportKind, rec: RawRecord, keys: readonly string[]): { values: Record<string, string | undefined>; issues: Issue[] } {
  const values: Record<string, string | undefined> = {};
  const issues: Issue[] = [];
  for (const key of keys) {
    const col = columnOf(kind, key);
    const cell = rec.values[key];
    if (!col) continue;
    if (col.type === 'date') {
      const d = parseDateCell(cell);
      if (d.ok) values[key] = d.value;
      else issues.push({ field: key, code: 'invalid_format', params: { format: 'YYYY-MM-DD' }, messageKey: 'import.invalid_date' });
    } else if (col.type === 'enum') values[key] = parseEnumCell(cell, col.options ?? []);
    else values[key] = cellText(cell);
  }
  return { values, issues };
}

const lower = (s: string) => s.normalize('NFKC').toLowerCase();

export interface CustomerFacts {
  /** Lower-cased codes of customers already in the database. */
  existingCodes: ReadonlySet<string>;
}

/** Customer codes a file mentions, lower-cased, for the database lookup. */
export function customerCodesOf(records: readonly RawRecord[]): string[] {
  return [
    ...new Set(
      records
        .map((r) => cellText(r.values.code))
        .filter((c): c is string => !!c)
        .map(lower),
    ),
  ];
}

export function checkCustomers(records: readonly RawRecord[], facts: CustomerFacts): RowOutcome<CustomerInput>[] {
  const keys = COLUMNS.customers.map((c) => c.key);
  const firstRowOf = new Map<string, number>();
  return records.map((rec) => {
    const { values, issues } = readValues('customers', rec, keys);
    const key = values.code ?? '';
    const raw = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const parsed = createCustomerBody.safeParse(raw);
    if (!parsed.success) issues.push(...zodIssues(parsed.error, raw, (p) => p));
    if (key) {
      const k = lower(key);
      const first = firstRowOf.get(k);
      if (first !== undefined) issues.push({ field: 'code', code: 'duplicate_in_file', params: { row: first } });
      else {
        firstRowOf.set(k, rec.row);
        if (facts.existingCodes.has(k)) issues.push({ field: 'code', code: 'duplicate', params: { value: key } });
      }
    }
    return { row: rec.row, key, errors: issues, value: issues.length === 0 && parsed.success ? parsed.data : undefined };
  });
}

export interface CustomerRefs {
  id: string;
  /** Department name -> id. */
  departments: ReadonlyMap<string, string>;
  /** Site name -> id. */
  sites: ReadonlyMap<string, string>;
}

export interface DeviceFacts {
  /** Lower-cased model code -> model id. */
  models: ReadonlyMap<string, string>;
  /** Lower-cased customer code -> the customer and its departments and sites. */
  customers: ReadonlyMap<string, CustomerRefs>;
  /** `${modelId}|${lower-cased serial}` of devices already registered. */
  existingSerials: ReadonlySet<string>;
  /** UDIs already registered (they are unique as written). */
  existingUdis: ReadonlySet<string>;
}

/** What a devices file refers to, for the database lookups. */
export function deviceRefsOf(records: readonly RawRecord[]) {
  const set = (key: string, norm: (s: string) => string) => [
    ...new Set(
      records
        .map((r) => cellText(r.values[key]))
        .filter((c): c is string => !!c)
        .map(norm),
    ),
  ];
  return { modelCodes: set('modelCode', lower), customerCodes: set('customerCode', lower), serials: set('serialNumber', lower), udis: set('udi', (s) => s) };
}

const REF_FIELD: Record<string, string> = { modelId: 'modelCode', customerId: 'customerCode', departmentId: 'departmentName', siteId: 'siteName' };
const deviceShape = createDeviceBody.omit({ modelId: true, customerId: true, departmentId: true, siteId: true });

export function checkDevices(records: readonly RawRecord[], facts: DeviceFacts): RowOutcome<DeviceInput>[] {
  const keys = COLUMNS.devices.map((c) => c.key);
  const firstSerial = new Map<string, number>();
  const firstUdi = new Map<string, number>();
  return records.map((rec) => {
    const { values, issues } = readValues('devices', rec, keys);
    const { modelCode, customerCode, departmentName, siteName, ...fields } = values;
    const key = values.serialNumber ?? '';

    let modelId: string | undefined;
    let customerId: string | undefined;
    let departmentId: string | null = null;
    let siteId: string | null = null;
    if (!modelCode) issues.push({ field: 'modelCode', code: 'required' });
    else {
      modelId = facts.models.get(lower(modelCode));
      if (!modelId) issues.push({ field: 'modelCode', code: 'not_found', params: { value: modelCode }, messageKey: 'import.unknown_model' });
    }
    if (!customerCode) issues.push({ field: 'customerCode', code: 'required' });
    else {
      const customer = facts.customers.get(lower(customerCode));
      if (!customer) issues.push({ field: 'customerCode', code: 'not_found', params: { value: customerCode }, messageKey: 'import.unknown_customer' });
      else {
        customerId = customer.id;
        if (departmentName) {
          departmentId = customer.departments.get(departmentName) ?? null;
          if (!departmentId) {
            issues.push({
              field: 'departmentName',
              code: 'not_found',
              params: { value: departmentName, customer: customerCode },
              messageKey: 'import.unknown_department',
            });
          }
        }
        if (siteName) {
          siteId = customer.sites.get(siteName) ?? null;
          if (!siteId)
            issues.push({ field: 'siteName', code: 'not_found', params: { value: siteName, customer: customerCode }, messageKey: 'import.unknown_site' });
        }
      }
    }

    const raw = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const parsed = deviceShape.safeParse(raw);
    if (!parsed.success) issues.push(...zodIssues(parsed.error, raw, (p) => REF_FIELD[p] ?? p));
    else {
      // The same date order the device service enforces.
      const d = parsed.data;
      if (d.installDate && d.acceptanceDate && d.acceptanceDate < d.installDate) {
        issues.push({ field: 'acceptanceDate', code: 'date_order', params: { earlier: 'installDate' } });
      }
      if (d.acceptanceDate && d.warrantyEnd && d.warrantyEnd < d.acceptanceDate) {
        issues.push({ field: 'warrantyEnd', code: 'date_order', params: { earlier: 'acceptanceDate' } });
      }
    }

    if (key && modelCode) {
      const k = `${lower(modelCode)}|${lower(key)}`;
      const first = firstSerial.get(k);
      if (first !== undefined) issues.push({ field: 'serialNumber', code: 'duplicate_in_file', params: { row: first } });
      else {
        firstSerial.set(k, rec.row);
        if (modelId && facts.existingSerials.has(`${modelId}|${lower(key)}`)) issues.push({ field: 'serialNumber', code: 'duplicate', params: { value: key } });
      }
    }
    if (values.udi) {
      const first = firstUdi.get(values.udi);
      if (first !== undefined) issues.push({ field: 'udi', code: 'duplicate_in_file', params: { row: first } });
      else {
        firstUdi.set(values.udi, rec.row);
        if (facts.existingUdis.has(values.udi)) issues.push({ field: 'udi', code: 'duplicate', params: { value: values.udi } });
      }
    }

    if (issues.length || !parsed.success || !modelId || !customerId) return { row: rec.row, key, errors: issues };
    const full = createDeviceBody.safeParse({ ...parsed.data, modelId, customerId, departmentId, siteId });
    if (!full.success) return { row: rec.row, key, errors: zodIssues(full.error, {}, (p) => REF_FIELD[p] ?? p) };
    return { row: rec.row, key, errors: [], value: full.data };
  });
}

// ---- messages --------------------------------------------------------------------------

/** One issue as the user reads it: `序列号：已存在`. */
export function describeIssue(kind: ImportKind, issue: Issue, locale: Locale): string {
  const params: Record<string, unknown> = { ...issue.params };
  const col = columnOf(kind, issue.field);
  if (Array.isArray(params.options)) {
    const opts = params.options as string[];
    params.options = opts
      .map((v) => {
        const o = col?.options?.find((x) => x.value === v);
        return o && locale === 'zh-CN' ? `${o.zh}(${v})` : v;
      })
      .join(locale === 'zh-CN' ? '、' : ', ');
  }
  if (typeof params.earlier === 'string') {
    const label = columnLabel(kind, params.earlier, locale);
    params.earlier = locale === 'en-US' ? label.toLowerCase() : label;
  }
  const text = translate(issue.messageKey ?? `field.${issue.code}`, locale, params);
  return `${columnLabel(kind, issue.field, locale)}${locale === 'zh-CN' ? '：' : ': '}${text}`;
}
