// Hostile uploads (issue 6, reliability item 4): an oversize body is refused from its declared
// length before the server reads it (so a client cannot make it buffer 1 GB), a body that
// lies about its size still stops at the limit, and a file whose bytes are not what its name
// or declared type claims is refused as the wrong kind — and none of it writes anything.
import { connect } from 'node:net';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT, UPLOAD_LIMIT } from '../server/http/app.ts';
import { signaturePng } from '../server/modules/reports/reports.fixtures.ts';
import { type Client, createTestEnv, type TestEnv } from '../server/test/harness.ts';

let env: TestEnv;
let dispatcher: Client;
let port: number;

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  port = (env.app.server.address() as { port: number }).port;
});
afterAll(() => env?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const count = async (table: string) => Number((await env.database.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0].n);
const snapshot = async () => ({ customers: await count('customers'), audit: await count('audit_log') });

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends only the request head over a real socket — never the body it announces — and reads the
 * answer. A server that waited for the body would never answer; the guard turns that hang into
 * a failure instead of a stuck test.
 */
function headOnly(lines: string[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer while the body was still unsent: the server is waiting to read it [${Buffer.concat(chunks).toString()}]`));
    }, 30_000);
    /** The answer once its head and Content-Length bytes of body are in, else undefined. */
    const parsed = (): RawAnswer | undefined => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = raw.subarray(end + 4);
      if (body.length < Number(headers['content-length'] ?? 0)) return undefined;
      return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
    };
    const done = (answer: RawAnswer) => {
      clearTimeout(guard);
      socket.destroy();
      resolve(answer);
    };
    socket.on('data', (c) => {
      chunks.push(c);
      const answer = parsed();
      if (answer) done(answer);
    });
    socket.on('error', (e) => {
      const answer = parsed();
      if (answer) done(answer);
      else reject(e);
    });
    socket.write(`${[...lines, `Host: 127.0.0.1:${port}`, '', ''].join('\r\n')}`);
  });
}

/** A multipart/form-data body with one part `file`. */
function multipart(file: Buffer, fileName: string, type: string) {
  const boundary = '----medservice-upload-test';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  return {
    payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A minimal zip (deflated entries, honest sizes) written by hand. */
function zipOf(entries: [string, Buffer][]): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const [fileName, data] of entries) {
    const packed = deflateRawSync(data);
    const name = Buffer.from(fileName);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    dir.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const upload = (file: Buffer, fileName: string, type: string, headers: Record<string, string> = {}) => {
  const body = multipart(file, fileName, type);
  return dispatcher.raw({ method: 'POST', url: '/api/v1/imports/customers?mode=commit', payload: body.payload, headers: { ...body.headers, ...headers } });
};

describe('oversize bodies are refused before they are read', () => {
  it('a JSON body announcing more than 1 MB gets 413 body_too_large at once, without the body being sent', async () => {
    const before = await snapshot();
    const session = [`Cookie: ${dispatcher.cookie}`, `X-CSRF-Token: ${dispatcher.csrf}`];
    const r = await headOnly(['POST /api/v1/customers HTTP/1.1', 'Content-Type: application/json', `Content-Length: ${JSON_BODY_LIMIT + 1}`, ...session]);
    expect(r.status).toBe(413);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body)).toMatchObject({ code: 'body_too_large', detail: '请求体过大（上限 1 MB）。' });
    const huge = await headOnly([
      'POST /api/v1/requests HTTP/1.1',
      'Content-Type: application/json',
      'Content-Length: 1073741824',
      'Accept-Language: en-US',
      ...session,
    ]);
    expect([huge.status, JSON.parse(huge.body).detail]).toEqual([413, 'The request body is too large (limit 1 MB).']);
    // Without a session the 401 comes first, also without reading the body.
    const anonymous = await headOnly(['POST /api/v1/customers HTTP/1.1', 'Content-Type: application/json', 'Content-Length: 1073741824']);
    expect([anonymous.status, JSON.parse(anonymous.body).code]).toEqual([401, 'unauthenticated']);
    expect(await snapshot()).toEqual(before);
  });

  it('a JSON body over 1 MB that is actually sent is refused the same way', async () => {
    const r = await dispatcher.post('/api/v1/customers', { code: 'BIG-1', name: 'x'.repeat(JSON_BODY_LIMIT) });
    expect([r.statusCode, r.data.code]).toEqual([413, 'body_too_large']);
    expect(await count(`customers where code = 'BIG-1'`)).toBe(0);
  });

  it('an upload announcing more than 10 MB gets 413 at once, before authentication or the body', async () => {
    const before = await snapshot();
    for (const who of [[], [`Cookie: ${dispatcher.cookie}`, `X-CSRF-Token: ${dispatcher.csrf}`]]) {
      const r = await headOnly([
        'POST /api/v1/imports/customers?mode=commit HTTP/1.1',
        'Content-Type: multipart/form-data; boundary=x',
        `Content-Length: ${UPLOAD_LIMIT + 1024 * 1024}`,
        ...who,
      ]);
      expect(r.status).toBe(413);
      expect(r.headers.connection).toBe('close');
      expect(JSON.parse(r.body)).toMatchObject({ code: 'body_too_large', detail: '请求体过大（上限 10 MB）。' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a file just over 10 MB inside an upload of allowed length still stops at the part limit with 413', async () => {
    const before = await snapshot();
    const csv = Buffer.concat([Buffer.from('code,name\nBIG-2,超大文件\n'), Buffer.alloc(UPLOAD_LIMIT, 0x41)]);
    const r = await upload(csv, 'customers.csv', 'text/csv');
    expect([r.statusCode, r.data.code]).toEqual([413, 'body_too_large']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a file must be what its name and type say', () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(64)]);
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]), Buffer.alloc(120)]);
  const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n');
  const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);

  it.each([
    ['a PNG renamed .xlsx', png, 'customers.xlsx', XLSX],
    ['a PNG renamed .csv', png, 'customers.csv', 'text/csv'],
    ['an .exe', exe, 'setup.exe', 'application/x-msdownload'],
    ['an .exe renamed .xlsx', exe, 'customers.xlsx', XLSX],
    ['an HTML page renamed .xlsx', html, 'customers.xlsx', XLSX],
    ['a CSV-looking file declared as an HTML page', html, 'customers.csv', 'text/html'],
    ['a zip declared as an image', zip, 'customers.xlsx', 'image/png'],
    ['an old binary .xls', Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'), 'customers.xls', 'application/vnd.ms-excel'],
  ])('%s is 415 import_invalid_file, translated, and writes nothing', async (_what, bytes, name, type) => {
    const before = await snapshot();
    const zh = await upload(bytes, name, type);
    expect(zh.statusCode).toBe(415);
    expect(zh.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(zh.data.code).toBe('import_invalid_file');
    expect(zh.data.detail).toMatch(/^无法读取导入文件：/);
    const en = await upload(bytes, name, type, { 'accept-language': 'en-US' });
    expect(en.data.detail).toMatch(/^The import file cannot be read: (only \.xlsx and \.csv files are accepted|the content does not match|the old \.xls)/);
    expect(await snapshot()).toEqual(before);
  });

  it('a small .xlsx that unpacks to 60 MB (a zip bomb) is 422 import_too_large_unpacked, refused before the workbook is read', async () => {
    const before = await snapshot();
    const sheet = Buffer.concat([
      Buffer.from('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
      Buffer.alloc(60 * 1024 * 1024, 0x20),
      Buffer.from('</sheetData></worksheet>'),
    ]);
    const bomb = zipOf([
      ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
      ['xl/worksheets/sheet1.xml', sheet],
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const r = await upload(bomb, 'customers.xlsx', XLSX);
    expect([r.statusCode, r.data.code, r.data.detail]).toEqual([
      422,
      'import_too_large_unpacked',
      '该 .xlsx 文件解压后超过 50 MB，不予读取；请拆分后分批导入。',
    ]);
    const en = await upload(bomb, 'customers.xlsx', XLSX, { 'accept-language': 'en-US' });
    expect(en.data.detail).toBe('The .xlsx file unpacks to more than 50 MB and is not read; split it and import the parts.');
    expect(await snapshot()).toEqual(before);
  });

  it('a drawn signature must be a PNG of sane size: an HTML page or a decompression bomb is refused before any work order is touched', async () => {
    const engineer = await env.as('engineer');
    const bomb = Buffer.from(signaturePng().split(',')[1], 'base64');
    bomb.writeUInt32BE(200_000, 16);
    const id = (await env.database.query<{ id: string }>('select id from work_orders limit 1')).rows[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    for (const signaturePngValue of [
      `data:image/png;base64,${html.toString('base64')}`,
      `data:image/png;base64,${bomb.toString('base64')}`,
      'data:text/html,<b>x</b>',
    ]) {
      const r = await engineer.post(`/api/v1/work-orders/${id}/sign`, { version: 1, signerName: '王红', signaturePng: signaturePngValue });
      expect(r.statusCode).toBe(400);
      expect(r.data.fields.map((f: { field: string }) => f.field)).toContain('signaturePng');
    }
  });
});

// Attachments (issue 12 item 0): the same hostile uploads on POST /attachments, whose own limit
// (ATTACHMENT_MAX_MB, default 20 MB) is read by the same pre-read guard.
describe('attachments: hostile uploads change nothing', () => {
  const attachmentsCount = () => count('attachments');
  const deviceOf = async () => (await env.database.query<{ id: string }>("select id from devices where serial_number = 'ST5020-21-0031'")).rows[0].id;
  const attach = async (file: Buffer, fileName: string, type: string) => {
    const boundary = '----medservice-attachment-chaos';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="ownerKind"\r\n\r\ndevice\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="ownerId"\r\n\r\n${await deviceOf()}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    );
    const payload = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return dispatcher.raw({ method: 'POST', url: '/api/v1/attachments', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };

  it('an attachment announcing more than 20 MB gets 413 at once, without the body being sent', async () => {
    const before = await attachmentsCount();
    const r = await headOnly([
      'POST /api/v1/attachments HTTP/1.1',
      'Content-Type: multipart/form-data; boundary=x',
      `Content-Length: ${21 * 1024 * 1024}`,
      `Cookie: ${dispatcher.cookie}`,
      `X-CSRF-Token: ${dispatcher.csrf}`,
    ]);
    expect([r.status, r.headers.connection, JSON.parse(r.body).detail]).toEqual([413, 'close', '请求体过大（上限 20 MB）。']);
    expect(await attachmentsCount()).toBe(before);
  });

  it.each([
    ['an HTML page named .jpg', Buffer.from('<!doctype html><script>alert(document.cookie)</script>'), 'photo.jpg', 'image/jpeg'],
    ['an SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'scan.svg', 'image/svg+xml'],
    ['an .exe named .pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'manual.pdf', 'application/pdf'],
    ['a bare zip named .docx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'report.docx', 'application/zip'],
  ])('%s is refused by its content (422 attachment_type_not_allowed), nothing stored', async (_what, file, name, type) => {
    const before = await snapshot();
    const n = await attachmentsCount();
    const r = await attach(file, name, type);
    expect([r.statusCode, r.data.code]).toEqual([422, 'attachment_type_not_allowed']);
    expect(await attachmentsCount()).toBe(n);
    expect(await snapshot()).toEqual(before);
  });
});
