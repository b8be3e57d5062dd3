// Stories of moving a company's customers and devices in from a spreadsheet: check first,
// then commit all rows or none, with a row-by-row report in the user's language.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type Res, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let dispatcher: Client;

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
});
afterAll(() => env?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one part `file`, written by hand. */
function multipart(file: Buffer, fileName: string, type: string) {
  const boundary = `----medservice-test-${Math.random().toString(36).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(
  client: Client,
  kind: string,
  mode: 'validate' | 'commit',
  file: Buffer,
  fileName = `${kind}.xlsx`,
  type = XLSX,
  headers: Record<string, string> = {},
): Promise<Res> {
  const body = multipart(file, fileName, type);
  return client.raw({ method: 'POST', url: `/api/v1/imports/${kind}?mode=${mode}`, payload: body.payload, headers: { ...body.headers, ...headers } });
}

const count = async (sql: string) => Number((await env.database.query<{ n: number }>(sql)).rows[0].n);
const customerCount = () => count('select count(*)::int as n from customers');
const deviceCount = () => count('select count(*)::int as n from devices');
const auditCount = () => count('select count(*)::int as n from audit_log');
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const customersSheet = () =>
  xlsx([
    ['客户编号', '客户名称', '类型', '城市', '电话'],
    ['IMP-C1', '导入第一医院', '医院', '北京', 13800138000],
    ['IMP-C2', '导入第二诊所', 'clinic', '上海', '021-5555'],
    ['IMP-C3', '导入第三中心', null, null, null],
    ['bj-rh', '与已有客户重复', '医院', null, null],
    [null, '没有编号', '卫生院', null, null],
  ]);

describe('importing customers', () => {
  it('a dispatcher validates a sheet of 3 good and 2 bad rows and sees row numbers and reasons; nothing is written', async () => {
    const [customers, audit] = [await customerCount(), await auditCount()];
    const r = await upload(dispatcher, 'customers', 'validate', await customersSheet(), 'customers.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ kind: 'customers', mode: 'validate', fileName: 'customers.xlsx', totalRows: 5, validRows: 3, rejectedRows: 2 });
    expect(r.data.committed).toBe(false);
    expect(r.data.created).toBe(0);
    expect(r.data.rows.map((x: { row: number; status: string; key: string }) => [x.row, x.status, x.key])).toEqual([
      [2, 'ok', 'IMP-C1'],
      [3, 'ok', 'IMP-C2'],
      [4, 'ok', 'IMP-C3'],
      [5, 'rejected', 'bj-rh'],
      [6, 'rejected', ''],
    ]);
    expect(r.data.rows[3].errors).toEqual([{ field: 'code', code: 'duplicate', message: '客户编号：已存在' }]);
    expect(r.data.rows[4].errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['code', 'required'],
      ['kind', 'invalid_value'],
    ]);
    expect(r.data.rows[4].errors[1].message).toContain('医院(hospital)');
    expect([await customerCount(), await auditCount()]).toEqual([customers, audit]);
  });

  it('committing the same file is refused with 422 import_rejected and the report, and still nothing is written', async () => {
    const [customers, audit] = [await customerCount(), await auditCount()];
    const r = await upload(dispatcher, 'customers', 'commit', await customersSheet());
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('import_rejected');
    expect(r.data.detail).toContain('2 行有错误');
    expect(r.data.report).toMatchObject({ mode: 'commit', totalRows: 5, validRows: 3, rejectedRows: 2, committed: false, created: 0 });
    expect(r.data.report.rows[3].errors[0].code).toBe('duplicate');
    expect([await customerCount(), await auditCount()]).toEqual([customers, audit]);
    expect(await count(`select count(*)::int as n from customers where code like 'IMP-C%'`)).toBe(0);
  });

  it('a CSV with a BOM, Chinese headers, quoted commas and quotes is read and committed, one audit entry per customer', async () => {
    const csv = '\ufeff客户编号,客户名称,类型,地址,备注\r\nCSV-01,"北京朝阳医院, 东院",医院,"朝阳区 ""示例"" 路 1 号",\r\nCSV-02,上海浦东诊所,诊所,,首批\r\n';
    const check = await upload(dispatcher, 'customers', 'validate', Buffer.from(csv), '客户清单.csv', 'text/csv');
    expect(check.statusCode).toBe(200);
    expect(check.data).toMatchObject({ fileName: '客户清单.csv', totalRows: 2, validRows: 2, rejectedRows: 0 });
    const audit = await auditCount();
    const r = await upload(dispatcher, 'customers', 'commit', Buffer.from(csv), 'kehu.csv', 'text/csv');
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ committed: true, created: 2 });
    const rows = (
      await env.database.query<{ code: string; name: string; kind: string; address: string | null; notes: string | null }>(
        `select code, name, kind, address, notes from customers where code like 'CSV-%' order by code`,
      )
    ).rows;
    expect(rows).toEqual([
      { code: 'CSV-01', name: '北京朝阳医院, 东院', kind: 'hospital', address: '朝阳区 "示例" 路 1 号', notes: null },
      { code: 'CSV-02', name: '上海浦东诊所', kind: 'clinic', address: null, notes: '首批' },
    ]);
    expect(await auditCount()).toBe(audit + 2);
    expect(await count(`select count(*)::int as n from audit_log where entity = 'customer' and action = 'create' and after->>'code' like 'CSV-%'`)).toBe(2);
    const again = await upload(dispatcher, 'customers', 'validate', Buffer.from(csv), 'kehu.csv', 'text/csv');
    expect(again.data.rows.map((x: { errors: { code: string }[] }) => x.errors[0]?.code)).toEqual(['duplicate', 'duplicate']);
  });

  it('messages follow Accept-Language: English with en-US', async () => {
    const r = await upload(dispatcher, 'customers', 'commit', await customersSheet(), 'customers.xlsx', XLSX, { 'accept-language': 'en-US' });
    expect(r.statusCode).toBe(422);
    expect(r.data.detail).toBe('Nothing was imported: 2 rows have errors; fix them and import again.');
    expect(r.data.report.rows[3].errors[0].message).toBe('Code: Already exists');
    expect(r.data.report.rows[4].errors[0].message).toBe('Code: Required');
    expect(r.data.report.rows[4].errors[1].message).toBe('Kind: Invalid value; allowed: hospital, clinic, distributor, other');
  });
});

describe('importing devices', () => {
  it('a clean devices sheet commits every row with an audit entry each, and the units show their coverage', async () => {
    const today = shanghaiToday();
    const sheet = await xlsx([
      ['serialNumber', 'Model Code', 'customer code', '科室', '院区/地点', '安装日期', '验收日期', '软件版本', '状态'],
      ['IMP-D-001', 'ST-5020', 'BJ-RH', '病理科', '顺义院区', new Date(`${today}T00:00:00Z`), today, 'V2.1', '在用'],
      ['IMP-D-002', 'sv-600', 'bj-rh', null, null, '2024/3/1', '2024年3月5日', null, null],
      ['IMP-D-003', 'ST-5020', 'SH-RK', null, null, null, null, null, 'down'],
    ]);
    const audit = await auditCount();
    const devices = await deviceCount();
    const r = await upload(dispatcher, 'devices', 'commit', sheet);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ kind: 'devices', mode: 'commit', totalRows: 3, validRows: 3, rejectedRows: 0, committed: true, created: 3 });
    expect(await deviceCount()).toBe(devices + 3);
    expect(await auditCount()).toBe(audit + 3);
    const trail = await env.database.query<{ action: string; actor_name: string }>(
      `select a.action, a.actor_name from audit_log a join devices d on d.id::text = a.entity_id
        where a.entity = 'device' and d.serial_number like 'IMP-D-%'`,
    );
    expect(trail.rows).toHaveLength(3);
    expect(trail.rows.every((x) => x.action === 'create')).toBe(true);

    const list = await dispatcher.get('/api/v1/devices?q=IMP-D-&sort=serialNumber');
    const [a, b, c] = list.data.items;
    expect(a).toMatchObject({
      serialNumber: 'IMP-D-001',
      departmentName: '病理科',
      siteName: '顺义院区',
      installDate: today,
      acceptanceDate: today,
      status: 'in_service',
    });
    // The warranty end was derived from the acceptance date and the model's term, as for a single registration.
    expect(a.warrantyEnd > today).toBe(true);
    expect(a.coverage).toMatchObject({ category: 'warranty', basis: 'factory_warranty', until: a.warrantyEnd });
    expect(b).toMatchObject({ modelCode: 'SV-600', customerName: '北京仁和医院', installDate: '2024-03-01', acceptanceDate: '2024-03-05' });
    expect(c).toMatchObject({ status: 'down', coverage: { category: 'paid', note: 'not_accepted' } });
  });

  it('a serial repeated inside the file and one already registered are both reported, with unknown references and bad dates', async () => {
    const devices = await deviceCount();
    const sheet = await xlsx([
      ['序列号', '型号编码', '客户编号', '科室', '院区', '安装日期', '验收日期', 'UDI'],
      ['DUP-1', 'ST-5020', 'BJ-RH', null, null, null, null, '(01)0694-DUP'],
      ['dup-1', 'ST-5020', 'BJ-RH', null, null, null, null, '(01)0694-DUP'],
      ['ST5020-21-0031', 'ST-5020', 'BJ-RH', null, null, null, null, null],
      ['DUP-1', 'SV-600', 'BJ-RH', null, null, null, null, null],
      ['NEW-2', 'NO-SUCH', 'NOBODY', null, null, null, null, null],
      ['NEW-3', 'ST-5020', 'BJ-RH', '不存在的科室', '火星院区', '2026-02-30', null, null],
      ['NEW-4', 'ST-5020', 'SH-RK', '病理科', null, '2026-05-10', '2026-05-01', null],
      [null, null, 'BJ-RH', null, null, null, null, null],
    ]);
    const r = await upload(dispatcher, 'devices', 'validate', sheet);
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ totalRows: 8, validRows: 2, rejectedRows: 6 });
    const byRow = Object.fromEntries(r.data.rows.map((x: { row: number; errors: { field: string; code: string; message: string }[] }) => [x.row, x.errors]));
    expect(byRow[2]).toEqual([]);
    expect(byRow[3].map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['serialNumber:duplicate_in_file', 'udi:duplicate_in_file']);
    expect(byRow[3][0].message).toBe('序列号：与第 2 行重复');
    expect(byRow[4]).toEqual([{ field: 'serialNumber', code: 'duplicate', message: '序列号：已存在' }]);
    expect(byRow[5]).toEqual([]); // the same serial under another model is another unit
    expect(byRow[6].map((e: { message: string }) => e.message)).toEqual(['型号编码：型号编码“NO-SUCH”不存在', '客户编号：客户编号“NOBODY”不存在']);
    expect(byRow[7].map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'installDate:invalid_format',
      'departmentName:not_found',
      'siteName:not_found',
    ]);
    expect(byRow[8]).toEqual([{ field: 'acceptanceDate', code: 'date_order', message: '验收日期：不能早于安装日期' }]);
    expect(byRow[9].map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['modelCode:required', 'serialNumber:required']);
    expect(await deviceCount()).toBe(devices);

    const en = await upload(dispatcher, 'devices', 'commit', sheet, 'devices.xlsx', XLSX, { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(422);
    const enRows = Object.fromEntries(en.data.report.rows.map((x: { row: number; errors: { message: string }[] }) => [x.row, x.errors.map((e) => e.message)]));
    expect(enRows[3][0]).toBe('Serial number: Same as row 2');
    expect(enRows[7]).toEqual([
      'Install date: Not a valid date; use YYYY-MM-DD or an Excel date',
      'Department: Customer BJ-RH has no department "不存在的科室"',
      'Site: Customer BJ-RH has no site "火星院区"',
    ]);
    expect(enRows[8]).toEqual(['Acceptance date: Cannot be before the install date']);
    expect(await deviceCount()).toBe(devices);
  });
});

describe('files the importer refuses', () => {
  it('PNG bytes, an .xlsx name on garbage, an old .xls are 415 and a broken zip or a missing part 400, all import_invalid_file', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
    const cases: [Buffer, string, string, number][] = [
      [png, 'logo.png', 'image/png', 415],
      [png, 'customers.xlsx', XLSX, 415],
      [Buffer.from('this is not a workbook'), 'customers.xlsx', XLSX, 415],
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'customers.xlsx', XLSX, 400],
      [Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'), 'customers.xls', 'application/vnd.ms-excel', 415],
      [png, 'customers.csv', 'text/csv', 415],
    ];
    for (const [buf, name, type, status] of cases) {
      const r = await upload(dispatcher, 'customers', 'validate', buf, name, type);
      expect(r.statusCode, name).toBe(status);
      expect(r.data.code, name).toBe('import_invalid_file');
    }
    const en = await upload(dispatcher, 'customers', 'validate', png, 'logo.png', 'image/png', { 'accept-language': 'en-US' });
    expect(en.data.detail).toBe('The import file cannot be read: only .xlsx and .csv files are accepted');
    const b = 'x-boundary';
    const wrongPart = await dispatcher.raw({
      method: 'POST',
      url: '/api/v1/imports/customers?mode=validate',
      payload: `--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${b}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    });
    expect(wrongPart.statusCode).toBe(400);
    expect(wrongPart.data.code).toBe('import_invalid_file');
  });

  it('a sheet with only a header is import_empty, missing required columns are named, too many rows and oversize files are refused', async () => {
    const empty = await upload(dispatcher, 'customers', 'validate', await xlsx([['客户编号', '客户名称']]));
    expect([empty.statusCode, empty.data.code]).toEqual([400, 'import_empty']);
    const noName = await upload(dispatcher, 'customers', 'validate', Buffer.from('code,city\nX-1,北京\n'), 'c.csv', 'text/csv');
    expect([noName.statusCode, noName.data.code]).toEqual([400, 'import_missing_columns']);
    expect(noName.data.detail).toContain('客户名称');
    const lines = ['code,name', ...Array.from({ length: 5001 }, (_, i) => `BULK-${i},批量${i}`)].join('\n');
    const many = await upload(dispatcher, 'customers', 'validate', Buffer.from(lines), 'c.csv', 'text/csv');
    expect([many.statusCode, many.data.code]).toEqual([400, 'import_too_many_rows']);
    const huge = await upload(dispatcher, 'customers', 'validate', Buffer.alloc(10 * 1024 * 1024 + 10, 0x41), 'c.csv', 'text/csv');
    expect(huge.statusCode).toBe(413);
  });
});

describe('who may import', () => {
  it('a hospital user and an engineer get 403; sales may import customers but not devices', async () => {
    const file = Buffer.from('code,name\nPERM-1,权限测试医院\n');
    for (const username of ['renhe', 'engineer']) {
      const c = await env.as(username);
      expect((await upload(c, 'customers', 'validate', file, 'c.csv', 'text/csv')).statusCode, username).toBe(403);
      expect((await upload(c, 'devices', 'validate', file, 'd.csv', 'text/csv')).statusCode, username).toBe(403);
      expect((await c.get('/api/v1/imports/templates/customers')).statusCode, username).toBe(403);
    }
    const sales = await env.as('sales');
    expect((await upload(sales, 'customers', 'validate', file, 'c.csv', 'text/csv')).statusCode).toBe(200);
    expect((await upload(sales, 'devices', 'validate', file, 'd.csv', 'text/csv')).statusCode).toBe(403);
    expect((await upload(env.anonymous(), 'customers', 'validate', file, 'c.csv', 'text/csv')).statusCode).toBe(401);
    expect((await dispatcher.get('/api/v1/imports/templates/contracts')).statusCode).toBe(400);
  });
});

describe('templates', () => {
  const load = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    return wb;
  };

  it('a dispatcher downloads the customers template, replaces the example row with a real one, and it validates', async () => {
    const t = await dispatcher.raw({ method: 'GET', url: '/api/v1/imports/templates/customers' });
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toContain('spreadsheetml');
    expect(t.headers['content-disposition']).toBe('attachment; filename="customers-import-template.xlsx"');
    const wb = await load(t.rawPayload);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['客户编号*', '客户名称*', '类型']);
    expect(String(ws.getCell('A1').note)).toContain('code');
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    expect(ws.getCell('A2').value).toBe('KH-0001');
    ws.getRow(2).values = ['TPL-001', '模板往返测试医院', '诊所', '三级甲等', '河北省', '承德市'];
    const r = await upload(dispatcher, 'customers', 'validate', Buffer.from(await wb.xlsx.writeBuffer()), 'filled.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ totalRows: 1, validRows: 1 });
    expect(r.data.rows[0]).toEqual({ row: 2, status: 'ok', key: 'TPL-001', errors: [] });
  });

  it('the devices template carries real model and customer codes in its example, so changing the serial is enough', async () => {
    const t = await dispatcher.raw({ method: 'GET', url: '/api/v1/imports/templates/devices' });
    expect(t.headers['content-disposition']).toBe('attachment; filename="devices-import-template.xlsx"');
    const wb = await load(t.rawPayload);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('序列号*');
    ws.getCell('A2').value = 'TPL-SN-0001';
    const r = await upload(dispatcher, 'devices', 'validate', Buffer.from(await wb.xlsx.writeBuffer()), 'devices.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.rows).toEqual([{ row: 2, status: 'ok', key: 'TPL-SN-0001', errors: [] }]);
  });
});
