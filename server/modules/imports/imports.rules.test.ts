// Table tests of the pure import rules: header mapping, cells to dates and enums, CSV, file
// sniffing and the row verdicts.
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCustomerBody } from '../customers/customers.dto.ts';
import { createDeviceBody } from '../devices/devices.dto.ts';
import {
  COLUMNS,
  cellText,
  checkCustomers,
  checkDevices,
  type DeviceFacts,
  decodeText,
  describeIssue,
  excelSerialToDate,
  locateHeader,
  matchHeader,
  normalizeHeader,
  parseCsv,
  parseDateCell,
  parseEnumCell,
  type RawRecord,
  recordsOf,
  type SheetRow,
  sniffFile,
  zipUnpacksBeyond,
} from './imports.rules.ts';

const rowsOf = (...rows: unknown[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells: cells as SheetRow['cells'] }));

describe('header mapping', () => {
  it.each([
    ['客户编号', 'code'],
    ['客户编号*', 'code'],
    [' 客户 编号 ', 'code'],
    ['CODE', 'code'],
    ['code', 'code'],
    ['客户编号（code）', 'code'],
    ['客户编号(必填)', 'code'],
    ['Name', 'name'],
    ['类型', 'kind'],
    ['Ｃｉｔｙ', 'city'],
    ['联系电话', 'phone'],
    ['Remarks', 'notes'],
  ])('customers: %j names %s', (text, key) => {
    expect(matchHeader('customers', text)).toBe(key);
  });

  it.each([
    ['序列号', 'serialNumber'],
    ['serialNumber', 'serialNumber'],
    ['Serial Number', 'serialNumber'],
    ['serial_number', 'serialNumber'],
    ['SN', 'serialNumber'],
    ['型号编码*', 'modelCode'],
    ['model code', 'modelCode'],
    ['客户编号', 'customerCode'],
    ['customerCode', 'customerCode'],
    ['院区/地点', 'siteName'],
    ['验收合格日期', 'acceptanceDate'],
    ['warranty end', 'warrantyEnd'],
    ['状态', 'status'],
  ])('devices: %j names %s', (text, key) => {
    expect(matchHeader('devices', text)).toBe(key);
  });

  it('unknown headers match nothing', () => {
    expect(matchHeader('customers', '经纬度')).toBeUndefined();
    expect(matchHeader('customers', '')).toBeUndefined();
    expect(normalizeHeader(' Serial-Number * ')).toBe('serialnumber');
  });

  it('every template label and key reads back as its own column', () => {
    for (const kind of ['customers', 'devices'] as const) {
      for (const c of COLUMNS[kind]) {
        expect(matchHeader(kind, `${c.zh}${c.required ? '*' : ''}`)).toBe(c.key);
        expect(matchHeader(kind, c.key)).toBe(c.key);
        expect(matchHeader(kind, c.en)).toBe(c.key);
      }
    }
  });

  it('the columns mirror the create schemas, so the import cannot drift from the API', () => {
    // unitId has no column: a hospital is put into a branch on its page (issue 15 §1), not by a file.
    expect(COLUMNS.customers.map((c) => c.key).sort()).toEqual(
      Object.keys(createCustomerBody.shape)
        .filter((k) => k !== 'unitId')
        .sort(),
    );
    const refs: Record<string, string> = { modelCode: 'modelId', customerCode: 'customerId', departmentName: 'departmentId', siteName: 'siteId' };
    // warrantyOverride has no column: a file's warranty end that differs from the derived one is
    // kept as an override whose reason names the file (issue 10 item 2).
    const apiFields = Object.keys(createDeviceBody.shape).filter((k) => k !== 'warrantyOverride');
    expect(COLUMNS.devices.map((c) => refs[c.key] ?? c.key).sort()).toEqual(apiFields.sort());
  });

  it('finds the header under a title row, and names missing or repeated columns', () => {
    const found = locateHeader('customers', rowsOf(['2026 客户清单'], ['编号', '名称', '经纬度'], ['A-1', '甲']));
    expect(found).toMatchObject({ ok: true, headerRow: 2, ignored: ['经纬度'] });
    if (!found.ok) throw new Error('header not found');
    expect(recordsOf(rowsOf(['2026 客户清单'], ['编号', '名称', '经纬度'], ['A-1', '甲', 'x'], [null, '  ', 'only unknown']), 2, found.columns)).toEqual([
      { row: 3, values: { code: 'A-1', name: '甲' } },
    ]);
    expect(locateHeader('devices', rowsOf(['序列号', '客户编号', '科室']))).toEqual({ ok: false, reason: 'missing_columns', columns: ['modelCode'] });
    expect(locateHeader('customers', rowsOf(['code', '客户编号', 'name']))).toEqual({ ok: false, reason: 'duplicate_columns', columns: ['code'] });
  });
});

describe('dates', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['２０２４－０３－０５', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['2024-03-05 08:30:00', '2024-03-05'],
    ['2024-03-05T00:00:00+08:00', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
    [20240305, '2024-03-05'],
    [45000, '2023-03-15'],
    [45000.75, '2023-03-15'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [new Date(Date.UTC(2025, 11, 31)), '2025-12-31'],
    [new Date(Date.UTC(2025, 11, 31, 23, 59, 59, 999)), '2026-01-01'],
  ])('%j is %s', (cell, want) => {
    expect(parseDateCell(cell as never)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['2023-02-29'],
    ['2026-02-30'],
    ['2026-13-01'],
    ['03/05/2024'],
    ['5 March 2024'],
    ['yesterday'],
    ['45000'],
    [60],
    [0],
    [-3],
    [3e6],
    [Number.NaN],
    [true],
    [new Date('nope')],
    ['1899-12-31'],
  ])('%j is no date', (cell) => {
    expect(parseDateCell(cell as never)).toEqual({ ok: false });
  });

  it('blank cells are no value, not an error', () => {
    for (const blank of [null, undefined, '', '   ']) expect(parseDateCell(blank)).toEqual({ ok: true, value: undefined });
    expect(excelSerialToDate(60)).toBeUndefined();
  });
});

describe('cells', () => {
  it('text cells are trimmed; numbers, dates and booleans become text', () => {
    expect(cellText('  甲  ')).toBe('甲');
    expect(cellText('   ')).toBeUndefined();
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(new Date(Date.UTC(2024, 0, 2)))).toBe('2024-01-02');
    expect(cellText(false)).toBe('FALSE');
  });

  it('enum cells accept the key, the Chinese or English label and aliases, in any case', () => {
    const kinds = COLUMNS.customers.find((c) => c.key === 'kind')?.options ?? [];
    const status = COLUMNS.devices.find((c) => c.key === 'status')?.options ?? [];
    expect(parseEnumCell('医院', kinds)).toBe('hospital');
    expect(parseEnumCell('Distributor', kinds)).toBe('distributor');
    expect(parseEnumCell('代理商', kinds)).toBe('distributor');
    expect(parseEnumCell('In Service', status)).toBe('in_service');
    expect(parseEnumCell('SAFETY-HOLD', status)).toBe('safety_hold');
    expect(parseEnumCell('故障停机', status)).toBe('down');
    expect(parseEnumCell('卫生院', kinds)).toBe('卫生院');
    expect(parseEnumCell(null, kinds)).toBeUndefined();
  });
});

describe('CSV and file sniffing', () => {
  it('parses quotes, escaped quotes, line breaks inside quotes, CRLF, a BOM and a last line without newline', () => {
    const rows = parseCsv('\ufeffcode,name\r\n"A,1","say ""hi"""\r\nB,"two\nlines"\nC,');
    expect(rows).toEqual([
      { row: 1, cells: ['code', 'name'] },
      { row: 2, cells: ['A,1', 'say "hi"'] },
      { row: 3, cells: ['B', 'two\nlines'] },
      { row: 4, cells: ['C', ''] },
    ]);
  });

  it('takes semicolons or tabs when the header is split by them', () => {
    expect(parseCsv('code;name\nA;甲\n')[1].cells).toEqual(['A', '甲']);
    expect(parseCsv('code\tname\nA,1\t甲\n')[1].cells).toEqual(['A,1', '甲']);
  });

  it('decodes UTF-8 (with or without BOM) and falls back to GB18030, which Chinese Excel writes', () => {
    expect(decodeText(Buffer.from('\ufeff客户编号'))).toBe('客户编号');
    expect(decodeText(Buffer.from('客户编号'))).toBe('客户编号');
    expect(decodeText(Buffer.from('bfcdbba7b1e0bac5', 'hex'))).toBe('客户编号');
  });

  const zip = Buffer.from('504b030414000000', 'hex');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const csv = Buffer.from('code,name\nA,B\n');
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  it.each([
    [zip, 'a.xlsx', XLSX, { ok: true, format: 'xlsx' }],
    [zip, 'A.XLSX', 'application/octet-stream', { ok: true, format: 'xlsx' }],
    [zip, 'upload', XLSX, { ok: true, format: 'xlsx' }],
    [csv, 'a.csv', 'text/csv', { ok: true, format: 'csv' }],
    [csv, 'a.csv', 'application/vnd.ms-excel', { ok: true, format: 'csv' }],
    [csv, 'upload', '', { ok: true, format: 'csv' }],
    [csv, 'a.xlsx', XLSX, { ok: false, reason: 'mismatch' }],
    [zip, 'a.csv', 'text/csv', { ok: false, reason: 'mismatch' }],
    [csv, 'upload', XLSX, { ok: false, reason: 'mismatch' }],
    [png, 'a.xlsx', XLSX, { ok: false, reason: 'not_spreadsheet' }],
    [png, 'a.png', 'image/png', { ok: false, reason: 'not_spreadsheet' }],
    [csv, 'a.txt', 'text/plain', { ok: false, reason: 'not_spreadsheet' }],
    [csv, 'upload', 'image/png', { ok: false, reason: 'not_spreadsheet' }],
    [Buffer.from('d0cf11e0a1b11ae1', 'hex'), 'a.xls', 'application/vnd.ms-excel', { ok: false, reason: 'xls' }],
    [Buffer.alloc(0), 'a.csv', 'text/csv', { ok: false, reason: 'no_file' }],
    // the declared type must not name another kind of file, whatever the name says
    [zip, 'a.xlsx', 'application/zip', { ok: true, format: 'xlsx' }],
    [zip, 'a.xlsx', 'image/png', { ok: false, reason: 'mismatch' }],
    [csv, 'a.csv', 'text/html', { ok: false, reason: 'mismatch' }],
    [csv, 'a.csv', 'application/x-msdownload', { ok: false, reason: 'mismatch' }],
    [Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), 'setup.exe', 'application/x-msdownload', { ok: false, reason: 'not_spreadsheet' }],
    [Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), 'a.csv', 'text/csv', { ok: false, reason: 'not_spreadsheet' }],
  ])('%#: %s as %s', (buf, name, type, want) => {
    expect(sniffFile(buf, name, type)).toEqual(want);
  });
});

/** A zip written by hand, so a test can make its central directory declare a size of its choosing. */
function zipOf(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(e.data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(e.declared ?? e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.declared ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    centrals.push(central, name);
    offset += head.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('zip bombs', () => {
  const MB = 1024 * 1024;
  const sheet = (size: number) => Buffer.alloc(size, 0x20);

  it('a workbook within the limit passes, whatever its entries', () => {
    expect(
      zipUnpacksBeyond(
        zipOf([
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
          { name: 'xl/worksheets/sheet1.xml', data: sheet(MB) },
        ]),
        2 * MB,
      ),
    ).toBe(false);
  });

  it('declared sizes over the limit are refused before anything is inflated', () => {
    expect(zipUnpacksBeyond(zipOf([{ name: 'a.xml', data: sheet(10), declared: 3 * MB }]), 2 * MB)).toBe(true);
    expect(zipUnpacksBeyond(zipOf([{ name: 'a.xml', data: sheet(10), declared: 0xffffffff }]), 2 * MB)).toBe(true);
  });

  it('many entries that each fit but together exceed the limit are refused', () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: sheet(MB / 2) }));
    expect(zipUnpacksBeyond(zipOf(entries), 2 * MB)).toBe(true);
  });

  it('a central directory that lies about the size is caught by inflating with a hard cap', () => {
    expect(zipUnpacksBeyond(zipOf([{ name: 'xl/worksheets/sheet1.xml', data: sheet(5 * MB), declared: 1000 }]), 2 * MB)).toBe(true);
  });

  it('bytes that only start like a zip are left to the xlsx reader', () => {
    expect(zipUnpacksBeyond(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]))).toBe(false);
  });
});

describe('row verdicts', () => {
  const rec = (row: number, values: RawRecord['values']): RawRecord => ({ row, values });

  it('customers: the create schema decides field rules; codes repeat neither in the file nor against the database', () => {
    const out = checkCustomers(
      [
        rec(2, { code: 'A-1', name: '甲医院', kind: '诊所' }),
        rec(3, { code: 'a-1', name: '重复' }),
        rec(4, { code: 'OLD', name: '已有' }),
        rec(5, { code: 'X'.repeat(51), name: '', kind: 'spa' }),
        rec(6, { code: 'C-1', name: 'bad\u0001name' }),
      ],
      { existingCodes: new Set(['old']) },
    );
    expect(out[0]).toMatchObject({ row: 2, key: 'A-1', errors: [], value: { code: 'A-1', name: '甲医院', kind: 'clinic' } });
    expect(out[1].errors).toEqual([{ field: 'code', code: 'duplicate_in_file', params: { row: 2 } }]);
    expect(out[2].errors).toEqual([{ field: 'code', code: 'duplicate', params: { value: 'OLD' } }]);
    expect(out[3].errors.map((e) => `${e.field}:${e.code}`)).toEqual(['code:too_big', 'name:required', 'kind:invalid_value']);
    expect(out[4].errors.map((e) => `${e.field}:${e.code}`)).toEqual(['name:invalid_characters']);
    expect(out.slice(1).every((o) => o.value === undefined)).toBe(true);
  });

  const MODEL = '33333333-3333-4333-8333-333333333333';
  const facts: DeviceFacts = {
    models: new Map([['st-5020', MODEL]]),
    customers: new Map([
      ['bj-rh', { id: '11111111-1111-4111-8111-111111111111', departments: new Map([['病理科', '22222222-2222-4222-8222-222222222222']]), sites: new Map() }],
    ]),
    existingSerials: new Set([`${MODEL}|old-1`]),
    existingUdis: new Set(['UDI-OLD']),
  };

  it('devices: codes and names resolve to ids; unknowns, repeats, bad dates and reversed dates are reported per cell', () => {
    const out = checkDevices(
      [
        rec(2, { serialNumber: 'N-1', modelCode: 'st-5020', customerCode: 'BJ-RH', departmentName: '病理科', acceptanceDate: 45000, status: '在用' }),
        rec(3, { serialNumber: 'OLD-1', modelCode: 'ST-5020', customerCode: 'BJ-RH', udi: 'UDI-OLD' }),
        rec(4, { serialNumber: 'n-1', modelCode: 'ST-5020', customerCode: 'BJ-RH', siteName: '本部' }),
        rec(5, { serialNumber: 'N-5', modelCode: 'ST-5020', customerCode: 'BJ-RH', acceptanceDate: '2025-01-10', warrantyEnd: '2024-01-10' }),
        rec(6, { serialNumber: 'N-6', modelCode: 'ST-5020', customerCode: 'BJ-RH', installDate: 'soon', status: 'broken' }),
      ],
      facts,
    );
    expect(out[0]).toMatchObject({
      errors: [],
      value: {
        serialNumber: 'N-1',
        modelId: MODEL,
        customerId: '11111111-1111-4111-8111-111111111111',
        departmentId: '22222222-2222-4222-8222-222222222222',
        siteId: null,
        acceptanceDate: '2023-03-15',
        status: 'in_service',
      },
    });
    expect(out[1].errors.map((e) => `${e.field}:${e.code}`)).toEqual(['serialNumber:duplicate', 'udi:duplicate']);
    expect(out[2].errors.map((e) => `${e.field}:${e.code}`)).toEqual(['siteName:not_found', 'serialNumber:duplicate_in_file']);
    expect(out[3].errors.map((e) => `${e.field}:${e.code}`)).toEqual(['warrantyEnd:date_order']);
    expect(out[4].errors.map((e) => `${e.field}:${e.code}`)).toEqual(['installDate:invalid_format', 'status:invalid_value']);
  });

  it('issues read as "column: reason" in either language', () => {
    expect(describeIssue('devices', { field: 'serialNumber', code: 'duplicate_in_file', params: { row: 4 } }, 'zh-CN')).toBe('序列号：与第 4 行重复');
    expect(describeIssue('devices', { field: 'warrantyEnd', code: 'date_order', params: { earlier: 'acceptanceDate' } }, 'en-US')).toBe(
      'Warranty end: Cannot be before the acceptance date',
    );
    expect(describeIssue('devices', { field: 'status', code: 'invalid_value', params: { options: ['in_service', 'down'] } }, 'zh-CN')).toBe(
      '状态：取值无效，可选：正常使用(in_service)、故障停机(down)',
    );
  });
});
