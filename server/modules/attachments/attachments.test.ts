// Attachments (issue 12 item 0), told as stories: an engineer photographs the on-site step of a
// work order — the photo keeps its EXIF time and gets a thumbnail; the hospital that owns the order
// can see it, another hospital cannot; an HTML page named .jpg and an oversize file are refused
// with translated errors and change nothing; withdrawing keeps the row, its history and its audit.
// The same upload also runs against S3-compatible storage (s3rver) with a small size limit.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.ts';
import type { Api } from '../../http/context.ts';
import { type Client, createTestEnv, type Res, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, one, userId } from '../../test/service.ts';
import { closedRepair } from '../followups/followups.fixtures.ts';
import { type BlobStore, fileBlobStore, s3BlobStore } from './attachments.store.ts';
import { verifyBlobs } from './attachments.verify.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let manager: Client;
let renhe: Client; // hospital user of BJ-RH, which owns ST5020-21-0031
let ruikang: Client; // hospital user of SH-RK
let workOrderId: string;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, manager, renhe, ruikang] = await Promise.all(['dispatcher', 'engineer', 'manager', 'renhe', 'ruikang'].map((u) => env.as(u)));
  ({ workOrderId } = await closedRepair(env, dispatcher, 'ST5020-21-0031', new Date('2026-11-03T02:00:00Z')));
});
afterAll(() => env?.close());

type Part = { name: string; value: string } | { name: string; file: Buffer; fileName: string; type?: string };
function form(parts: Part[]) {
  const boundary = '----medservice-attachment-test';
  const chunks = parts.map((p) =>
    'file' in p
      ? Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
          ),
          p.file,
          Buffer.from('\r\n'),
        ])
      : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
function uploadAs(
  c: Client,
  fields: Record<string, string>,
  file: Buffer,
  fileName: string,
  type = 'image/jpeg',
  headers: Record<string, string> = {},
): Promise<Res> {
  const f = form([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', file, fileName, type }]);
  return c.raw({ method: 'POST', url: '/api/v1/attachments', payload: f.payload, headers: { 'content-type': f.contentType, ...headers } });
}
const photo = (taken = '2026:12:01 09:30:00', colour = '#88aa55') =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Make: 'MedService test' }, IFD2: { DateTimeOriginal: taken } })
    .toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const snapshot = async () => ({
  attachments: await count(env, 'select count(*) as n from attachments'),
  audit: await count(env, 'select count(*) as n from audit_log'),
});

describe('an engineer photographs the on-site step of a work order (issue 12 item 0)', () => {
  let first: { id: string; version: number };

  it('keeps the photo with its EXIF time as evidence, a thumbnail, the sanitised name and who uploaded it', async () => {
    const r = await uploadAs(
      engineer,
      { ownerKind: 'work_order', ownerId: workOrderId, ownerPart: 'step:on_site', caption: '维修前' },
      await photo(),
      '../../现场<照片>.jpg',
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({
      ownerKind: 'work_order',
      ownerId: workOrderId,
      ownerPart: 'step:on_site',
      mime: 'image/jpeg',
      fileName: '现场_照片_.jpg',
      caption: '维修前',
      width: 1600,
      height: 1200,
      // EXIF DateTimeOriginal carries no zone: read as the company's (Asia/Shanghai) wall clock.
      takenAt: '2026-12-01T01:30:00.000Z',
      status: 'active',
      uploadedByName: expect.any(String),
    });
    expect(r.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.data.thumbnailUrl).toBe(`/api/v1/attachments/${r.data.id}/thumbnail`);
    first = r.data;
    const audit = await count(env, `select count(*) as n from audit_log where entity = 'attachment' and entity_id = '${first.id}' and action = 'create'`);
    expect(audit).toBe(1);
  });

  it('serves the content and a 320 px webp thumbnail with safe headers', async () => {
    const c = await engineer.get(`/api/v1/attachments/${first.id}/content`);
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toBe('image/jpeg');
    expect(c.headers['x-content-type-options']).toBe('nosniff');
    expect(c.headers['content-disposition']).toBe(`inline; filename="______.jpg"; filename*=UTF-8''${encodeURIComponent('现场_照片_.jpg')}`);
    expect(c.rawPayload.length).toBe(Number((await engineer.get(`/api/v1/attachments/${first.id}`)).data.size));
    const t = await engineer.get(`/api/v1/attachments/${first.id}/thumbnail`);
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toBe('image/webp');
    const meta = await sharp(t.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    const d = await engineer.get(`/api/v1/attachments/${first.id}/content?download=1`);
    expect(String(d.headers['content-disposition'])).toMatch(/^attachment;/);
  });

  it('the hospital that owns the work order sees it; another hospital gets 404, for the list, the meta and the bytes', async () => {
    const list = await renhe.get(`/api/v1/attachments?ownerKind=work_order&ownerId=${workOrderId}`);
    expect(list.statusCode).toBe(200);
    expect(list.data.items.map((a: { id: string }) => a.id)).toEqual([first.id]);
    expect((await renhe.get(`/api/v1/attachments/${first.id}/content`)).statusCode).toBe(200);
    for (const url of [
      `/api/v1/attachments?ownerKind=work_order&ownerId=${workOrderId}`,
      `/api/v1/attachments/${first.id}`,
      `/api/v1/attachments/${first.id}/content`,
      `/api/v1/attachments/${first.id}/thumbnail`,
    ]) {
      const r = await ruikang.get(url, EN);
      expect(r.statusCode, url).toBe(404);
      expect(r.data.code).toBe('not_found');
    }
    // Nor can it add to another hospital's record.
    expect((await uploadAs(ruikang, { ownerKind: 'work_order', ownerId: workOrderId }, PDF, 'x.pdf')).statusCode).toBe(404);
  });

  it('a hospital user may not read a kind outside its role (complaints are internal)', async () => {
    const customerId = (await env.database.query<{ customer_id: string }>(`select customer_id from work_orders where id = '${workOrderId}'`)).rows[0]
      .customer_id;
    const c = await dispatcher.post('/api/v1/complaints', {
      channel: 'hotline',
      customerId,
      complainantName: '王红',
      matter: '维修后仍有异响',
      severity: 'normal',
      deviceId: await deviceId(env, 'ST5020-21-0031'),
    });
    expect(c.statusCode, c.body).toBe(201);
    const up = await uploadAs(dispatcher, { ownerKind: 'complaint', ownerId: c.data.id }, PDF, '投诉函.pdf', 'application/pdf');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.data).toMatchObject({ mime: 'application/pdf', thumbnailUrl: null, takenAt: null, fileName: '投诉函.pdf' });
    expect((await renhe.get(`/api/v1/attachments?ownerKind=complaint&ownerId=${c.data.id}`)).statusCode).toBe(404);
    expect((await renhe.get(`/api/v1/attachments/${up.data.id}/content`)).statusCode).toBe(404);
  });

  it('an HTML page named .jpg (or an SVG) is refused by its content with a translated 422, and nothing is written', async () => {
    const before = await snapshot();
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const r = await uploadAs(engineer, { ownerKind: 'work_order', ownerId: workOrderId }, html, 'photo.jpg', 'image/jpeg', EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('attachment_type_not_allowed');
    expect(r.data.detail).toMatch(/Only JPEG, PNG, WebP and HEIC images/);
    expect(r.data.fields[0].field).toBe('file');
    const zh = await uploadAs(
      engineer,
      { ownerKind: 'work_order', ownerId: workOrderId },
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'a.png',
      'image/png',
    );
    expect(zh.statusCode).toBe(422);
    expect(zh.data.detail).toMatch(/不支持该文件类型/);
    expect(await snapshot()).toEqual(before);
  });

  it('an oversize upload is refused with 413 before it is read, and nothing is written', async () => {
    const before = await snapshot();
    const big = Buffer.alloc(21 * 1024 * 1024, 1);
    const r = await uploadAs(engineer, { ownerKind: 'work_order', ownerId: workOrderId }, big, 'big.jpg', 'image/jpeg', EN);
    expect(r.statusCode).toBe(413);
    expect(r.data.detail).toMatch(/20 MB/);
    expect(await snapshot()).toEqual(before);
  });

  it('an upload the multipart parser cannot frame (no boundary, a part cut short) is a translated 400, not a 500, and writes nothing — here and on the import', async () => {
    const before = await snapshot();
    const cut = '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc';
    for (const [url, type, payload] of [
      ['/api/v1/attachments', 'multipart/form-data', 'x'.repeat(140)],
      ['/api/v1/attachments', 'multipart/form-data; boundary=xyz', cut],
      ['/api/v1/imports/customers?mode=validate', 'multipart/form-data', 'x'.repeat(140)],
    ]) {
      const r = await dispatcher.raw({ method: 'POST', url, payload, headers: { 'content-type': type, ...EN } });
      expect([r.statusCode, r.data.code], `${url} ${type}`).toEqual([400, 'multipart_malformed']);
      expect(r.data.detail).toMatch(/malformed/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('bad fields get a 4xx naming them: unknown owner kind, missing owner id, missing file', async () => {
    const k = await uploadAs(engineer, { ownerKind: 'spaceship', ownerId: workOrderId }, PDF, 'a.pdf', 'application/pdf', EN);
    expect([k.statusCode, k.data.code]).toEqual([422, 'attachment_owner_unknown']);
    const id = await uploadAs(engineer, { ownerKind: 'work_order' }, PDF, 'a.pdf', 'application/pdf', EN);
    expect(id.statusCode).toBe(400);
    expect(id.data.fields.map((f: { field: string }) => f.field)).toEqual(['ownerId']);
    const f = form([
      { name: 'ownerKind', value: 'work_order' },
      { name: 'ownerId', value: workOrderId },
    ]);
    const nf = await engineer.raw({ method: 'POST', url: '/api/v1/attachments', payload: f.payload, headers: { 'content-type': f.contentType, ...EN } });
    expect([nf.statusCode, nf.data.code]).toEqual([422, 'attachment_no_file']);
  });

  it('replacing a photo is a new row superseding the old; withdrawing keeps the row (hidden from the list, in the history) and its audit', async () => {
    const r = await uploadAs(
      engineer,
      { ownerKind: 'work_order', ownerId: workOrderId, supersedes: first.id, caption: '维修前（清晰）' },
      await photo('2026:12:01 09:31:00', '#77aa66'),
      'IMG_0002.JPG',
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data.ownerPart).toBe('step:on_site'); // taken over from the photo it replaces
    const old = (await engineer.get(`/api/v1/attachments/${first.id}`)).data;
    expect(old).toMatchObject({ status: 'superseded', supersededById: r.data.id });
    // Superseding twice is refused.
    const again = await uploadAs(engineer, { ownerKind: 'work_order', ownerId: workOrderId, supersedes: first.id }, PDF, 'a.pdf');
    expect([again.statusCode, again.data.code]).toEqual([409, 'attachment_not_active']);

    // The engineer may not withdraw evidence; the manager may, with a reason.
    expect((await engineer.post(`/api/v1/attachments/${r.data.id}/withdraw`, { version: r.data.version, reason: '拍错设备' })).statusCode).toBe(403);
    const noReason = await manager.post(`/api/v1/attachments/${r.data.id}/withdraw`, { version: r.data.version, reason: ' ' }, EN);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.data.fields[0].field).toBe('reason');
    const w = await manager.post(`/api/v1/attachments/${r.data.id}/withdraw`, { version: r.data.version, reason: '拍错设备' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.data).toMatchObject({ status: 'withdrawn', withdrawReason: '拍错设备', withdrawnByName: expect.any(String) });
    const stale = await manager.post(`/api/v1/attachments/${r.data.id}/withdraw`, { version: r.data.version, reason: '再次' });
    expect(stale.statusCode).toBe(409);

    const list = await engineer.get(`/api/v1/attachments?ownerKind=work_order&ownerId=${workOrderId}`);
    expect(list.data.items).toEqual([]);
    const history = await engineer.get(`/api/v1/attachments?ownerKind=work_order&ownerId=${workOrderId}&history=true`);
    expect(history.data.items.map((a: { status: string }) => a.status)).toEqual(['superseded', 'withdrawn']);
    // Withdrawn is not gone: the evidence is still served to those who may read the record.
    expect((await engineer.get(`/api/v1/attachments/${r.data.id}/content`)).statusCode).toBe(200);
    const actions = (
      await env.database.query<{ action: string }>(
        `select action from audit_log where entity = 'attachment' and entity_id in ('${first.id}', '${r.data.id}') order by seq`,
      )
    ).rows.map((x) => x.action);
    expect(actions).toEqual(['create', 'create', 'supersede', 'withdraw']);
  });

  it('the database refuses to delete an attachment, whoever asks', async () => {
    await expect(env.database.exec(`delete from attachments where id = '${first.id}'`)).rejects.toThrow(/never deleted/);
  });
});

describe('site-check photos on an installation and the sign-in sheet of a training session (issue 12 items 0, 2, 3; R-IN-1, R-TR-1)', () => {
  let installationId: string;
  let sessionId: string;

  beforeAll(async () => {
    const sales = await env.as('sales');
    const c = await one<{ id: string }>(env, `select id from customers where code = 'BJ-RH'`);
    const m = await one<{ id: string }>(env, `select id from device_models where code = 'ST-5020'`);
    const n = await sales.post('/api/v1/installations', {
      device: { serialNumber: 'ST5020-26-9301', udi: '(01)06940000009301(21)ST5020-26-9301', modelId: m.id },
      customerId: c.id,
      siteAddress: '北京市东城区帅府园1号 病理科',
      plannedDate: '2026-12-10',
      salesContact: '吴刚 13900000000',
    });
    expect(n.statusCode, n.body).toBe(201);
    installationId = n.data.id;
    const s = await engineer.post('/api/v1/training/sessions', {
      customerId: c.id,
      modelId: m.id,
      title: '操作培训',
      heldOn: '2026-11-20',
      place: '病理科',
      trainerId: await userId(env, 'engineer'),
      syllabus: '开关机',
    });
    expect(s.statusCode, s.body).toBe(201);
    sessionId = s.data.id;
  });

  it('an engineer attaches a photo to a site-check item (ownerPart = site_check:<item key>), listed under that item only', async () => {
    const r = await uploadAs(
      engineer,
      { ownerKind: 'installation', ownerId: installationId, ownerPart: 'site_check:power', caption: '配电箱' },
      await photo('2026:12:09 10:00:00'),
      'power.jpg',
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ ownerKind: 'installation', ownerPart: 'site_check:power', mime: 'image/jpeg' });
    const item = await engineer.get(`/api/v1/attachments?ownerKind=installation&ownerId=${installationId}&ownerPart=site_check:power`);
    expect(item.data.items.map((a: { id: string }) => a.id)).toEqual([r.data.id]);
    const own = await engineer.get(`/api/v1/attachments?ownerKind=installation&ownerId=${installationId}&ownerPart=`);
    expect(own.data.items).toEqual([]);
    expect(await count(env, `select count(*) n from audit_log where entity = 'attachment' and entity_id = '${r.data.id}'`)).toBe(1);
  });

  it("the hospital reads its own installation's photos; another hospital gets 404 for the list and the bytes, and cannot add", async () => {
    const list = await renhe.get(`/api/v1/attachments?ownerKind=installation&ownerId=${installationId}`);
    expect(list.statusCode).toBe(200);
    expect(list.data.items).toHaveLength(1);
    expect((await renhe.get(list.data.items[0].contentUrl)).statusCode).toBe(200);
    for (const url of [`/api/v1/attachments?ownerKind=installation&ownerId=${installationId}`, list.data.items[0].contentUrl]) {
      const r = await ruikang.get(url, EN);
      expect([r.statusCode, r.data.code], url).toEqual([404, 'not_found']);
    }
    const before = await snapshot();
    expect((await uploadAs(ruikang, { ownerKind: 'installation', ownerId: installationId }, PDF, 'x.pdf')).statusCode).toBe(404);
    // The own hospital reads but does not add site photos (R-IN-1: the hospital signs, the service works).
    expect((await uploadAs(renhe, { ownerKind: 'installation', ownerId: installationId }, PDF, 'x.pdf')).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("a training session's sign-in sheet: the trainer files it, the hospital reads it, another hospital gets 404", async () => {
    const r = await uploadAs(engineer, { ownerKind: 'training_session', ownerId: sessionId, caption: '签到表' }, PDF, '签到表.pdf', 'application/pdf');
    expect(r.statusCode, r.body).toBe(201);
    expect((await renhe.get(`/api/v1/attachments?ownerKind=training_session&ownerId=${sessionId}`)).data.items).toHaveLength(1);
    expect((await ruikang.get(`/api/v1/attachments/${r.data.id}/content`)).statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/attachments?ownerKind=training_session&ownerId=${sessionId}`)).statusCode).toBe(404);
  });
});

describe('the same upload against S3-compatible storage with a 1 MB limit (ATTACHMENT_MAX_MB)', () => {
  let tmp: string;
  let s3rver: S3rver;
  let app: Api;
  let store: BlobStore;
  const inject = (c: Client, o: InjectOptions) => app.inject({ ...o, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...(o.headers ?? {}) } });

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'att-s3-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: tmp, configureBuckets: [{ name: 'evidence' }] });
    const { port } = await s3rver.run();
    store = s3BlobStore({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: 'evidence',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: '',
    });
    app = await buildApp({ ...env.ctx, attachments: { store, maxBytes: 1024 * 1024 } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await s3rver?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('stores and serves the photo and its thumbnail from the bucket', async () => {
    const f = form([
      { name: 'ownerKind', value: 'device' },
      { name: 'ownerId', value: await deviceId(env, 'ST5020-21-0031') },
      { name: 'file', file: await photo('2026:11:30 16:00:00'), fileName: 'nameplate.jpg', type: 'image/jpeg' },
    ]);
    const r = await inject(engineer, { method: 'POST', url: '/api/v1/attachments', payload: f.payload, headers: { 'content-type': f.contentType } });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    expect(a.takenAt).toBe('2026-11-30T08:00:00.000Z');
    expect((await inject(renhe, { method: 'GET', url: a.contentUrl })).statusCode).toBe(200);
    const t = await inject(renhe, { method: 'GET', url: a.thumbnailUrl });
    expect([t.statusCode, t.headers['content-type']]).toEqual([200, 'image/webp']);
  });

  it('the blob check (cli verify-blobs, run after every restore) names the bytes a store lacks: the bucket lacks the photos kept on disk, the disk lacks the one in the bucket', async () => {
    const db = env.ctx.database.db;
    const rows = await db.execute<{ sha: string; s3: boolean }>(
      "select sha256 as sha, owner_kind = 'device' and file_name = 'nameplate.jpg' as s3 from attachments",
    );
    const onS3 = new Set(rows.rows.filter((r) => r.s3).map((r) => r.sha));
    expect(onS3.size).toBe(1);
    const s3Check = await verifyBlobs(db, store);
    expect(s3Check.missing.map((m) => m.sha256)).not.toContain([...onS3][0]);
    expect(s3Check.missing.length).toBeGreaterThan(0);
    const diskCheck = await verifyBlobs(db, fileBlobStore(path.join(env.ctx.dataDir, 'blobs')));
    expect(diskCheck.missing.map((m) => m.sha256)).toContain([...onS3][0]);
    expect(diskCheck.checked).toBe(s3Check.checked);
  });

  it('a body over the limit that does not declare its length stops at the limit: 413 attachment_too_large, nothing written', async () => {
    const before = await snapshot();
    const f = form([
      { name: 'ownerKind', value: 'device' },
      { name: 'ownerId', value: await deviceId(env, 'ST5020-21-0031') },
      { name: 'file', file: Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 32)]), fileName: 'manual.pdf', type: 'application/pdf' },
    ]);
    const r = await inject(engineer, {
      method: 'POST',
      url: '/api/v1/attachments',
      payload: Readable.from([f.payload]),
      headers: { 'content-type': f.contentType, 'accept-language': 'en-US' },
    });
    expect(r.statusCode, r.body).toBe(413);
    expect(r.json()).toMatchObject({ code: 'attachment_too_large' });
    expect(r.json().detail).toMatch(/1 MB/);
    expect(await snapshot()).toEqual(before);
  });
});
