// Spreadsheet import of customers and devices: reads the upload (xlsx via exceljs, or CSV),
// gathers from the database the facts the pure rules need (existing codes, serials, models,
// customers with their departments and sites), and either reports or writes. A commit
// re-checks inside its transaction and writes every row there with an audit entry each, or
// nothing at all.

import { asc, inArray, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { Db, Executor } from '../../db/client.ts';
import { customers, departments, deviceModels, devices, sites } from '../../db/schema.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { loadExcelJs, newWorkbook } from '../../lib/excel.ts';
import { type Locale, t } from '../../lib/i18n.ts';
import { insertAudited } from '../../lib/records.ts';
import { createDeviceIn } from '../devices/index.ts';
import { analyzeTables } from '../system/index.ts';
import type { ImportReport } from './imports.dto.ts';
import {
  type Cell,
  COLUMNS,
  type CustomerRefs,
  checkCustomers,
  checkDevices,
  columnLabel,
  customerCodesOf,
  decodeText,
  describeIssue,
  deviceRefsOf,
  IMPORT_MAX_ROWS,
  IMPORT_MAX_UNPACKED,
  type ImportKind,
  locateHeader,
  parseCsv,
  type RawRecord,
  type RowOutcome,
  recordsOf,
  type SheetRow,
  sniffFile,
  zipUnpacksBeyond,
} from './imports.rules.ts';

export interface Upload {
  buffer: Buffer;
  fileName: string;
  mimetype: string;
}

/** Refusals of the file's kind (its bytes are not a spreadsheet, or not the one its name or type claims). */
const WRONG_KIND = new Set(['not_spreadsheet', 'xls', 'mismatch']);

/** 415 when the file is of the wrong kind, 400 when it is missing, damaged or badly encoded. */
export const invalidFile = (reason: string, locale: Locale) =>
  new AppError(WRONG_KIND.has(reason) ? 415 : 400, 'import_invalid_file', { detail: t(`import.file.${reason}`, locale) });

// ---- reading ---------------------------------------------------------------------------

function unwrap(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return unwrap(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return unwrap((v.result ?? null) as ExcelJS.CellValue);
  if ('error' in v) return v.error;
  return null;
}

async function xlsxRows(buffer: Buffer, locale: Locale): Promise<SheetRow[]> {
  const wb = new (await loadExcelJs()).Workbook();
  try {
    await wb.xlsx.load(buffer as never);
  } catch {
    throw invalidFile('corrupt', locale);
  }
  // The first visible sheet with anything on it (the template's second sheet is the guide).
  const ws = wb.worksheets.find((s) => s.state !== 'hidden' && s.actualRowCount > 0);
  if (!ws) throw new AppError(400, 'import_empty');
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells[i - 1] = unwrap(values[i]);
    rows.push({ row: n, cells });
  });
  return rows;
}

/** The upload as spreadsheet rows; 400 import_invalid_file when it is not an xlsx or a CSV. */
export async function readUpload(upload: Upload, locale: Locale): Promise<SheetRow[]> {
  const sniff = sniffFile(upload.buffer, upload.fileName, upload.mimetype);
  if (!sniff.ok) throw invalidFile(sniff.reason, locale);
  if (sniff.format === 'xlsx') {
    if (zipUnpacksBeyond(upload.buffer)) throw new AppError(422, 'import_too_large_unpacked', { limit: `${IMPORT_MAX_UNPACKED / 1024 / 1024} MB` });
    return xlsxRows(upload.buffer, locale);
  }
  const text = decodeText(upload.buffer);
  if (text === undefined) throw invalidFile('encoding', locale);
  return parseCsv(text);
}

/** Header located and data rows collected, with the file-level refusals (400). */
export function recordsFromRows(kind: ImportKind, rows: SheetRow[], locale: Locale): RawRecord[] {
  const header = locateHeader(kind, rows);
  if (!header.ok) {
    const columns = header.columns.map((k) => columnLabel(kind, k, locale)).join(locale === 'zh-CN' ? '、' : ', ');
    throw new AppError(400, header.reason === 'missing_columns' ? 'import_missing_columns' : 'import_duplicate_columns', { columns });
  }
  const records = recordsOf(rows, header.headerRow, header.columns);
  if (records.length === 0) throw new AppError(400, 'import_empty');
  if (records.length > IMPORT_MAX_ROWS) throw new AppError(400, 'import_too_many_rows', { count: records.length, limit: IMPORT_MAX_ROWS });
  return records;
}

// ---- facts -----------------------------------------------------------------------------

async function customerFacts(ex: Executor, records: RawRecord[]) {
  const codes = customerCodesOf(records);
  const rows = codes.length
    ? await ex
        .select({ code: sql<string>`lower(${customers.code})` })
        .from(customers)
        .where(inArray(sql`lower(${customers.code})`, codes))
    : [];
  return { existingCodes: new Set(rows.map((r) => r.code)) };
}

async function deviceFacts(ex: Executor, records: RawRecord[]) {
  const refs = deviceRefsOf(records);
  const models = await ex.select({ id: deviceModels.id, code: deviceModels.code }).from(deviceModels);
  const customerRows = refs.customerCodes.length
    ? await ex
        .select({ id: customers.id, code: customers.code })
        .from(customers)
        .where(inArray(sql`lower(${customers.code})`, refs.customerCodes))
    : [];
  const ids = customerRows.map((c) => c.id);
  const deptRows = ids.length
    ? await ex
        .select({ id: departments.id, customerId: departments.customerId, name: departments.name })
        .from(departments)
        .where(inArray(departments.customerId, ids))
    : [];
  const siteRows = ids.length
    ? await ex.select({ id: sites.id, customerId: sites.customerId, name: sites.name }).from(sites).where(inArray(sites.customerId, ids))
    : [];
  const serialRows = refs.serials.length
    ? await ex
        .select({ modelId: devices.modelId, serial: sql<string>`lower(${devices.serialNumber})` })
        .from(devices)
        .where(inArray(sql`lower(${devices.serialNumber})`, refs.serials))
    : [];
  const udiRows = refs.udis.length ? await ex.select({ udi: devices.udi }).from(devices).where(inArray(devices.udi, refs.udis)) : [];

  const byCustomer = new Map<string, CustomerRefs>();
  for (const c of customerRows) {
    byCustomer.set(c.code.normalize('NFKC').toLowerCase(), {
      id: c.id,
      departments: new Map(deptRows.filter((d) => d.customerId === c.id).map((d) => [d.name, d.id])),
      sites: new Map(siteRows.filter((s) => s.customerId === c.id).map((s) => [s.name, s.id])),
    });
  }
  return {
    models: new Map(models.map((m) => [m.code.normalize('NFKC').toLowerCase(), m.id])),
    customers: byCustomer,
    existingSerials: new Set(serialRows.map((r) => `${r.modelId}|${r.serial}`)),
    existingUdis: new Set(udiRows.map((r) => r.udi).filter((u): u is string => !!u)),
  };
}

async function check(ex: Executor, kind: ImportKind, records: RawRecord[]): Promise<RowOutcome<unknown>[]> {
  return kind === 'customers' ? checkCustomers(records, await customerFacts(ex, records)) : checkDevices(records, await deviceFacts(ex, records));
}

// ---- running ---------------------------------------------------------------------------

function reportOf(
  kind: ImportKind,
  mode: 'validate' | 'commit',
  fileName: string,
  outcomes: RowOutcome<unknown>[],
  locale: Locale,
  created?: number,
): ImportReport {
  const rows = outcomes.map((o) => ({
    row: o.row,
    status: o.errors.length ? ('rejected' as const) : ('ok' as const),
    key: o.key,
    errors: o.errors.map((e) => ({ field: e.field, code: e.code, message: describeIssue(kind, e, locale) })),
  }));
  const rejectedRows = rows.filter((r) => r.status === 'rejected').length;
  return {
    kind,
    mode,
    fileName,
    totalRows: rows.length,
    validRows: rows.length - rejectedRows,
    rejectedRows,
    committed: created !== undefined,
    created: created ?? 0,
    rows,
  };
}

/**
 * Validates every row; in commit mode writes them all in one transaction (each through the
 * same audited insert the create endpoint uses), or refuses with 422 import_rejected and the
 * report when any row is wrong.
 */
export async function runImport(db: Db, actor: Actor, kind: ImportKind, mode: 'validate' | 'commit', upload: Upload, locale: Locale): Promise<ImportReport> {
  const records = recordsFromRows(kind, await readUpload(upload, locale), locale);
  const fileName = upload.fileName.slice(0, 255);
  if (mode === 'validate') return reportOf(kind, mode, fileName, await check(db, kind, records), locale);
  const report = await db.transaction(async (tx) => {
    const outcomes = await check(tx, kind, records);
    const rejected = outcomes.filter((o) => o.errors.length).length;
    if (rejected) {
      throw new AppError(422, 'import_rejected', { count: rejected }, undefined, { report: reportOf(kind, mode, fileName, outcomes, locale) });
    }
    for (const o of outcomes) {
      if (kind === 'customers') await insertAudited(tx, actor, 'customer', customers, o.value as typeof customers.$inferInsert);
      // A warranty end in the file that differs from the derived one is kept as an override (issue 10 item 2).
      else await createDeviceIn(tx, actor, o.value as Parameters<typeof createDeviceIn>[2], t('device.warranty_imported', locale, { file: fileName }));
    }
    return reportOf(kind, mode, fileName, outcomes, locale, outcomes.length);
  });
  // A bulk load changes a table's size at once: fresh statistics now, not at the next maintenance run (issue 10 item 6).
  await analyzeTables(db, kind === 'customers' ? ['customers'] : ['devices']);
  return report;
}

// ---- template --------------------------------------------------------------------------

const TEMPLATE_ROWS = 1000;

async function exampleRow(db: Db, kind: ImportKind): Promise<Record<string, string | Date>> {
  if (kind === 'customers') {
    return {
      code: 'KH-0001',
      name: '示例市第一人民医院',
      kind: '医院',
      grade: '三级甲等',
      province: '北京市',
      city: '北京市',
      address: '东城区示例路 1 号',
      phone: '010-12345678',
      notes: '示例行，导入前请删除',
    };
  }
  // Real codes where there are some, so that filling in the serial is all a first try needs.
  const [model] = await db.select({ code: deviceModels.code }).from(deviceModels).orderBy(asc(deviceModels.code)).limit(1);
  const [customer] = await db.select({ code: customers.code }).from(customers).orderBy(asc(customers.code)).limit(1);
  return {
    serialNumber: 'SN-EXAMPLE-0001',
    modelCode: model?.code ?? 'ST-5020',
    customerCode: customer?.code ?? 'KH-0001',
    location: '3 楼实验室',
    installDate: new Date(Date.UTC(2025, 2, 10)),
    acceptanceDate: new Date(Date.UTC(2025, 2, 15)),
    softwareVersion: 'V1.0',
    status: '在用',
    notes: '示例行，导入前请删除',
  };
}

/**
 * The import template: Chinese headers (required ones marked `*`), each with a note giving
 * its English key and what it takes, one example row, drop-downs for the enum columns, date
 * formats, and a second sheet explaining the columns.
 */
export async function templateBuffer(db: Db, kind: ImportKind): Promise<Buffer> {
  const columns = COLUMNS[kind];
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(kind === 'customers' ? '客户导入' : '设备导入', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: `${c.zh}${c.required ? '*' : ''}`, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    cell.note = `${c.key}${c.required ? ' (required / 必填)' : ''}\n${c.hint.zh}\n${c.hint.en}`;
    const col = ws.getColumn(i + 1);
    if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
    else col.numFmt = '@';
  });
  const example = ws.addRow(Object.fromEntries(Object.entries(await exampleRow(db, kind)).filter(([, v]) => v !== '')));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  columns.forEach((c, i) => {
    if (c.type !== 'enum') return;
    const list = (c.options ?? []).map((o) => o.zh).join(',');
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      ws.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list}"`], showErrorMessage: false };
    }
  });

  const guide = wb.addWorksheet('说明 Guide');
  guide.columns = [
    { header: '列 Column', key: 'zh', width: 16 },
    { header: '字段 Key', key: 'key', width: 16 },
    { header: '必填 Required', key: 'required', width: 14 },
    { header: '说明', key: 'hintZh', width: 48 },
    { header: 'Notes', key: 'hintEn', width: 56 },
    { header: '可选值 Values', key: 'values', width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of columns) {
    guide.addRow({
      zh: c.zh,
      key: c.key,
      required: c.required ? '是 Yes' : '',
      hintZh: c.hint.zh,
      hintEn: c.hint.en,
      values: (c.options ?? []).map((o) => `${o.zh} = ${o.value}`).join('; '),
    });
  }
  guide.addRow({});
  guide.addRow({ zh: '说明', hintZh: `第 1 行为表头，可用中文列名或英文字段名；每次最多 ${IMPORT_MAX_ROWS} 行；示例行导入前请删除。` });
  guide.addRow({ zh: 'Notes', hintEn: `Row 1 is the header (Chinese label or English key); up to ${IMPORT_MAX_ROWS} rows per file; delete the example row.` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
