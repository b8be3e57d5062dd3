// QR label stories (扫码报修, issue 16 §2): a device's label carries a signed random token, never
// the database id; revoking issues a new one and the old QR says "label revoked"; an anonymous
// visitor sees model, serial tail, status and the hold banner only, and his report is held for a
// dispatcher's call-back, then converted into a repair request (or dismissed); the device's
// hospital user registers a request directly; another hospital's user is treated as anonymous;
// an engineer scanning gets the device and his open work order; label sheets have a page per
// label on roll stock; reports are rate-limited with a translated 429.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, one, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let renhe: Client;
let ruikang: Client;
let anon: Client;
let unit: { id: string; serial_number: string; customer_id: string };
let token: string;
const EN = { 'accept-language': 'en-US' };
/** Each anonymous story from its own address (X-Forwarded-For from loopback is believed), so the per-address limit stays out of the way. */
let ipCounter = 10;
const fromNewAddress = () => ({ 'x-forwarded-for': `203.0.113.${ipCounter++}` });
const report = (over: Record<string, unknown> = {}) => ({
  faultDescription: '开机后屏幕黑屏，无法染色',
  deviceDown: true,
  reporterName: '李护士',
  reporterPhone: '13900001111',
  ...over,
});

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, renhe, ruikang] = await Promise.all(['dispatcher', 'engineer', 'renhe', 'ruikang'].map((u) => env.as(u)));
  anon = env.anonymous();
  unit = await one(
    env,
    `select d.id, d.serial_number, d.customer_id from devices d join users u on u.customer_id = d.customer_id
     where u.username = 'renhe' and d.status = 'in_service' order by d.serial_number limit 1`,
  );
  const res = await dispatcher.get(`/api/v1/devices/${unit.id}/label`);
  expect(res.statusCode, res.body).toBe(200);
  token = res.data.token;
});
afterAll(() => env?.close());

describe('the label token (issue 16 §2)', () => {
  it('is issued once per device, is not the database id and the same on each ask (audited)', async () => {
    const label = await one<{ id: string }>(env, `select id from device_labels where device_id = '${unit.id}' and revoked_at is null`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{38}$/);
    for (const id of [unit.id, label.id]) {
      expect(token).not.toContain(id);
      expect(Buffer.from(token, 'base64url').toString('hex')).not.toContain(id.replaceAll('-', ''));
    }
    const again = await dispatcher.get(`/api/v1/devices/${unit.id}/label`);
    expect(again.data.token).toBe(token);
    expect(again.data.path).toBe(`/d/${token}`);
    expect(await count(env, `select count(*) n from device_labels where device_id = '${unit.id}'`)).toBe(1);
    expect(await count(env, `select count(*) n from audit_log where entity = 'device_label' and entity_id = '${label.id}'`)).toBe(1);
  });

  it('an anonymous visitor sees model, serial tail, status and hotline — no device id, no customer', async () => {
    const res = await anon.get(`/api/v1/public/labels/${token}`, fromNewAddress());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ viewer: 'anonymous', status: 'in_service', hold: null, deviceId: null, myWorkOrders: [], hotline: '400-800-1234' });
    expect(res.data.serial).toBe(`…${unit.serial_number.slice(-4)}`);
    const customer = await one<{ name: string }>(env, `select name from customers where id = '${unit.customer_id}'`);
    expect(res.body).not.toContain(customer.name);
    expect(res.body).not.toContain(unit.id);
    expect(res.body).not.toContain(unit.serial_number);
  });

  it('a forged, altered or unknown token answers 404, as does the device id itself', async () => {
    const altered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    for (const t of [altered, unit.id, 'x'.repeat(38), 'abc']) {
      const res = await anon.get(`/api/v1/public/labels/${t}`, fromNewAddress());
      expect(res.statusCode, t).toBe(404);
      const post = await anon.post(`/api/v1/public/labels/${t}/reports`, report(), fromNewAddress());
      expect(post.statusCode, t).toBe(404);
    }
  });

  it('the device’s hospital user and staff see the whole serial and the device; the hold banner shows with its reason', async () => {
    const other = await one<{ id: string }>(
      env,
      `select id from devices where customer_id = '${unit.customer_id}' and id <> '${unit.id}' and status = 'in_service' limit 1`,
    );
    const placed = await engineer.post('/api/v1/device-holds', { deviceId: other.id, reason: '机壳漏电，漏电流超标' });
    expect(placed.statusCode, placed.body).toBe(201);
    const held = { device_id: other.id, reason: '机壳漏电，漏电流超标' };
    const heldToken = (await dispatcher.get(`/api/v1/devices/${held.device_id}/label`)).data.token;
    const a = await anon.get(`/api/v1/public/labels/${heldToken}`, fromNewAddress());
    expect(a.data.status).toBe('safety_hold');
    expect(a.data.hold).toMatchObject({ reason: null });
    const s = await dispatcher.get(`/api/v1/public/labels/${heldToken}`);
    expect(s.data).toMatchObject({ viewer: 'staff', deviceId: held.device_id, hold: { reason: held.reason } });
    const mine = await renhe.get(`/api/v1/public/labels/${token}`);
    expect(mine.data).toMatchObject({ viewer: 'customer', deviceId: unit.id, serial: unit.serial_number });
  });

  it('another hospital’s user is treated as anonymous (sees the tail only)', async () => {
    const res = await ruikang.get(`/api/v1/public/labels/${token}`);
    expect(res.data).toMatchObject({ viewer: 'anonymous', deviceId: null });
  });

  it('an engineer scanning gets the device and his open work order on it', async () => {
    const device = await one<{ id: string }>(
      env,
      `select id from devices where customer_id = '${unit.customer_id}' and status = 'in_service' order by serial_number desc limit 1`,
    );
    const reg = await dispatcher.post('/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '切片厚度不均',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const sent = await dispatcher.post(`/api/v1/work-orders/${reg.data.workOrderId}/dispatch`, { version: 1, leadEngineerId: await userId(env, 'engineer') });
    expect(sent.statusCode, sent.body).toBe(200);
    const wo = await one<{ id: string; number: string; device_id: string }>(
      env,
      `select id, number, device_id from work_orders where id = '${reg.data.workOrderId}'`,
    );
    const t = (await engineer.get(`/api/v1/devices/${wo.device_id}/label`)).data.token;
    const res = await engineer.get(`/api/v1/public/labels/${t}`);
    expect(res.data.viewer).toBe('staff');
    expect(res.data.deviceId).toBe(wo.device_id);
    expect(res.data.myWorkOrders).toContainEqual(expect.objectContaining({ id: wo.id, number: wo.number }));
    const other = await dispatcher.get(`/api/v1/public/labels/${t}`);
    expect(other.data.myWorkOrders).toEqual([]);
  });
});

describe('reporting a fault from the label', () => {
  it('anonymous: held for a call-back, seen by the dispatcher in 扫码报修待回拨, converted into a request on the right device', async () => {
    const requestsBefore = await count(env, `select count(*) n from service_requests where device_id = '${unit.id}'`);
    const res = await anon.post(`/api/v1/public/labels/${token}/reports`, report(), fromNewAddress());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toEqual({ outcome: 'held', requestId: null, requestNumber: null });
    expect(await count(env, `select count(*) n from service_requests where device_id = '${unit.id}'`)).toBe(requestsBefore);

    const queue = await dispatcher.get('/api/v1/scan-reports?status=held');
    expect(queue.statusCode, queue.body).toBe(200);
    const held = queue.data.items.find((r: { deviceId: string }) => r.deviceId === unit.id);
    expect(held).toMatchObject({ status: 'held', reporterPhone: '13900001111', serialNumber: unit.serial_number, deviceDown: true });

    const conv = await dispatcher.post(`/api/v1/scan-reports/${held.id}/convert`, { version: held.version });
    expect(conv.statusCode, conv.body).toBe(200);
    const req = await one<{ device_id: string; channel: string; reporter_phone: string; fault_description: string; number: string }>(
      env,
      `select device_id, channel, reporter_phone, fault_description, number from service_requests where id = '${conv.data.requestId}'`,
    );
    expect(req).toMatchObject({ device_id: unit.id, channel: 'phone', reporter_phone: '13900001111', fault_description: '开机后屏幕黑屏，无法染色' });
    expect(conv.data.requestNumber).toBe(req.number);
    const after = await dispatcher.get(`/api/v1/scan-reports/${held.id}`);
    expect(after.data).toMatchObject({ status: 'converted', requestId: conv.data.requestId, requestNumber: req.number });
    expect(await count(env, `select count(*) n from audit_log where entity = 'scan_report' and entity_id = '${held.id}'`)).toBe(2);

    const twice = await dispatcher.post(`/api/v1/scan-reports/${held.id}/convert`, { version: after.data.version }, EN);
    expect(twice.statusCode).toBe(409);
    expect(twice.data.code).toBe('scan_report_handled');
    expect(await count(env, `select count(*) n from service_requests where device_id = '${unit.id}'`)).toBe(requestsBefore + 1);
  });

  it('a held report can be dismissed with a reason (a reason is required)', async () => {
    await anon.post(`/api/v1/public/labels/${token}/reports`, report({ reporterPhone: '13900002222' }), fromNewAddress());
    const held = (await dispatcher.get('/api/v1/scan-reports?status=held')).data.items.find(
      (r: { reporterPhone: string }) => r.reporterPhone === '13900002222',
    );
    const bad = await dispatcher.post(`/api/v1/scan-reports/${held.id}/dismiss`, { version: held.version, reason: '' });
    expect(bad.statusCode).toBe(400);
    const ok = await dispatcher.post(`/api/v1/scan-reports/${held.id}/dismiss`, { version: held.version, reason: '回拨确认为操作问题，已电话指导' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.data).toMatchObject({ status: 'dismissed', dismissReason: '回拨确认为操作问题，已电话指导' });
  });

  it('the device’s hospital user registers a normal repair request on that device', async () => {
    const res = await renhe.post(`/api/v1/public/labels/${token}/reports`, report({ reporterName: '王红' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.outcome).toBe('request');
    const req = await one<{ device_id: string; channel: string; customer_id: string }>(
      env,
      `select device_id, channel, customer_id from service_requests where id = '${res.data.requestId}'`,
    );
    expect(req).toEqual({ device_id: unit.id, channel: 'portal', customer_id: unit.customer_id });
  });

  it('another hospital’s user is held for a call-back like anyone, no request created', async () => {
    const before = await count(env, `select count(*) n from service_requests`);
    const res = await ruikang.post(`/api/v1/public/labels/${token}/reports`, report({ reporterPhone: '13900003333' }));
    expect(res.data.outcome).toBe('held');
    expect(await count(env, `select count(*) n from service_requests`)).toBe(before);
  });

  it('bad input: 400 for a missing fault, 422 for a phone nobody can call back — nothing stored', async () => {
    const before = await count(env, `select count(*) n from scan_reports`);
    const empty = await anon.post(`/api/v1/public/labels/${token}/reports`, report({ faultDescription: '' }), fromNewAddress());
    expect(empty.statusCode).toBe(400);
    const phone = await anon.post(`/api/v1/public/labels/${token}/reports`, report({ reporterPhone: 'call me' }), { ...fromNewAddress(), ...EN });
    expect(phone.statusCode).toBe(422);
    expect(phone.data.code).toBe('scan_phone_invalid');
    expect(phone.data.detail).toBe('Enter a phone number we can call back.');
    expect(await count(env, `select count(*) n from scan_reports`)).toBe(before);
  });

  it('only dispatchers, service managers and admins read the call-back queue', async () => {
    expect((await renhe.get('/api/v1/scan-reports')).statusCode).toBe(403);
    expect((await engineer.get('/api/v1/scan-reports')).statusCode).toBe(403);
    expect((await anon.get('/api/v1/scan-reports')).statusCode).toBe(401);
  });
});

describe('revoking a label', () => {
  it('issues a new token; the old one answers 410 “label revoked” in the reader’s language (audited)', async () => {
    const old = token;
    expect((await engineer.post(`/api/v1/devices/${unit.id}/label/revoke`, { reason: '标签损坏' })).statusCode).toBe(403);
    const res = await dispatcher.post(`/api/v1/devices/${unit.id}/label/revoke`, { reason: '标签损坏' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.token).not.toBe(old);
    const gone = await anon.get(`/api/v1/public/labels/${old}`, { ...fromNewAddress(), ...EN });
    expect(gone.statusCode).toBe(410);
    expect(gone.data.detail).toMatch(/revoked/);
    const zh = await anon.get(`/api/v1/public/labels/${old}`, fromNewAddress());
    expect(zh.data.detail).toContain('已作废');
    expect((await anon.post(`/api/v1/public/labels/${old}/reports`, report(), fromNewAddress())).statusCode).toBe(410);
    expect((await anon.get(`/api/v1/public/labels/${res.data.token}`, fromNewAddress())).statusCode).toBe(200);
    expect(
      await count(
        env,
        `select count(*) n from audit_log a join device_labels l on l.id::text = a.entity_id where a.entity = 'device_label' and l.device_id = '${unit.id}'`,
      ),
    ).toBe(3);
    token = res.data.token;
  });
});

describe('label sheets (PDF)', () => {
  const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

  it('one page per label on 50×30 roll stock; an A4 3×8 sheet holds 24', async () => {
    const ids = (await env.database.db.execute<{ id: string }>(sql`select id from devices order by serial_number limit 30`)).rows.map((r) => r.id);
    const roll = await dispatcher.raw({ method: 'GET', url: `/api/v1/device-labels.pdf?size=single_50x30&ids=${ids.slice(0, 3).join(',')}` });
    expect(roll.statusCode, roll.body).toBe(200);
    expect(roll.headers['content-type']).toBe('application/pdf');
    expect(pages(roll.rawPayload)).toBe(3);
    const a4 = await dispatcher.raw({ method: 'GET', url: `/api/v1/device-labels.pdf?size=a4_3x8&ids=${ids.join(',')}` });
    // Every selected unit gets its label (the test database holds fewer than 30 units: all of them).
    expect(ids.length).toBeGreaterThan(3);
    expect(a4.headers['x-label-count']).toBe(String(ids.length));
    expect(pages(a4.rawPayload)).toBe(Math.ceil(ids.length / 24));
  });

  it('prints the device list’s filter too; neither ids nor a filter is a 422; a hospital prints only its own devices', async () => {
    const byFilter = await dispatcher.raw({ method: 'GET', url: `/api/v1/device-labels.pdf?all=true&customerId=${unit.customer_id}&size=a4_4x10` });
    expect(byFilter.statusCode).toBe(200);
    const n = await count(env, `select count(*) n from devices where customer_id = '${unit.customer_id}'`);
    expect(byFilter.headers['x-label-count']).toBe(String(n));
    const neither = await dispatcher.get('/api/v1/device-labels.pdf', EN);
    expect(neither.statusCode).toBe(422);
    expect(neither.data.code).toBe('label_selection_required');
    const foreign = await ruikang.raw({ method: 'GET', url: `/api/v1/device-labels.pdf?ids=${unit.id}` });
    expect(foreign.statusCode).toBe(404);
    // A filter that matches nothing is answered like an export: a one-page sheet saying so, no labels issued.
    const before = await count(env, 'select count(*) n from device_labels');
    const none = await dispatcher.raw({ method: 'GET', url: '/api/v1/device-labels.pdf?all=true&q=NO-SUCH-SERIAL-XYZ' });
    expect(none.statusCode).toBe(200);
    expect(none.headers['x-label-count']).toBe('0');
    expect(none.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await count(env, 'select count(*) n from device_labels')).toBe(before);
  });
});

describe('rate limits', () => {
  it('a label takes 10 reports an hour from any addresses, then 429 with a translated message', async () => {
    const t = (await dispatcher.get(`/api/v1/devices/${unit.id}/label`)).data.token;
    const statuses: number[] = [];
    let last: Awaited<ReturnType<Client['post']>> | undefined;
    for (let i = 0; i < 12; i++) {
      last = await anon.post(`/api/v1/public/labels/${t}/reports`, report({ reporterPhone: `1390000${String(4000 + i)}` }), { ...fromNewAddress(), ...EN });
      statuses.push(last.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(last?.statusCode).toBe(429);
    expect(last?.data.code).toBe('scan_rate_limited');
    expect(last?.data.detail).toMatch(/Too many reports; try again in \d+ s/);
  });

  it('one address gets 5 reports per 10 minutes', async () => {
    const held = await one<{ device_id: string }>(
      env,
      `select id as device_id from devices where id <> '${unit.id}' and status <> 'retired' order by serial_number desc limit 1`,
    );
    const t = (await dispatcher.get(`/api/v1/devices/${held.device_id}/label`)).data.token;
    const addr = fromNewAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await anon.post(`/api/v1/public/labels/${t}/reports`, report(), addr)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
