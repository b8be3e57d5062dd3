// 月度巡检报告 story (issue 13 §1; seed 002 每个系统形成一份月度巡检报告): a maintenance work order on the
// pathology stainer with its record — tasks, readings (one out of range), a finding that opened a
// repair request. The monthly report of the hospital is a Chinese PDF and its summary JSON holds
// the visit, the out-of-range reading and the open finding; the hospital reads its own report,
// another hospital gets 404; a malformed month is a 400 naming the field, a month to come a 422.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate, deviceId, one, userId } from '../../test/service.ts';

let env: TestEnv;
let manager: Client;
let engineer: Client;
let dispatcher: Client;
let renhe: Client;
let ruikang: Client;
const SERIAL = 'ST5020-21-0031';
const EN = { 'accept-language': 'en-US' };
const put = (c: Client, url: string, body: unknown) => c.raw({ method: 'PUT', url, payload: body as object });
const arrivedAt = new Date(Date.now() - 100 * 60_000);
const monthOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(d).slice(0, 7);
let customerId: string;
let otherCustomerId: string;
let month: string;
let workOrderNumber: string;

beforeAll(async () => {
  env = await createTestEnv();
  [manager, engineer, dispatcher, renhe, ruikang] = await Promise.all(['manager', 'engineer', 'dispatcher', 'renhe', 'ruikang'].map((u) => env.as(u)));
  month = monthOf(arrivedAt);
  customerId = (await one<{ id: string }>(env, `select customer_id id from devices where serial_number = '${SERIAL}'`)).id;
  otherCustomerId = (await one<{ id: string }>(env, `select customer_id id from users where username = 'ruikang'`)).id;
  expect((await one<{ id: string }>(env, `select customer_id id from users where username = 'renhe'`)).id).toBe(customerId);

  const inst = await manager.post('/api/v1/instruments', {
    code: 'YQ-R01',
    name: '温度计',
    kind: 'thermometer',
    holderKind: 'engineer',
    holderUserId: await userId(env, 'engineer'),
    calibrationIntervalMonths: 12,
    lastCalibratedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
  });
  expect(inst.statusCode, inst.body).toBe(201);
  const created = await dispatcher.post('/api/v1/work-orders', {
    kind: 'maintenance',
    deviceId: await deviceId(env, SERIAL),
    description: '染色机月度巡检',
    plannedDate: businessDate(),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.data.id as string;
  workOrderNumber = created.data.number;
  let v = (await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: created.data.version, leadEngineerId: await userId(env, 'engineer') })).data
    .version;
  for (const to of ['accepted', 'on_site']) v = (await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: v, to })).data.version;
  const url = `/api/v1/work-orders/${id}/maintenance-record`;
  let rv = (await engineer.post(url)).data.record.version;
  rv = (await engineer.post(`${url}/arrival`, { version: rv, at: arrivedAt.toISOString() })).data.record.version;
  const take = async (checkKey: string, value: string) => {
    const r = await engineer.post(`${url}/readings`, { checkKey, value, instrumentId: inst.data.id });
    expect(r.statusCode, r.body).toBe(200);
  };
  await take('oven_temp', '60.5');
  await take('reagent_volume', '7.2'); // above its range: 超出范围
  rv = (await engineer.get(url)).data.record.version;
  rv = (await put(engineer, `${url}/tasks/clean_tanks`, { version: rv, done: true })).data.record.version;
  const nd = await put(engineer, `${url}/tasks/pump_check`, { version: rv, done: false, note: '泵管无磨损，本次不更换' });
  expect(nd.statusCode, nd.body).toBe(200);
  const f = await engineer.post(`${url}/findings`, { description: '试剂加注量偏高，需更换计量泵', fixedOnSpot: false });
  expect(f.statusCode, f.body).toBe(200);
});
afterAll(() => env?.close());

const q = (c: string, m: string) => `customerId=${c}&month=${m}`;

describe('月度巡检报告 (issue 13 §1, seed 002)', () => {
  it("the summary JSON holds the month's visit with its tasks, the out-of-range reading and the open finding with its repair request", async () => {
    const r = await manager.get(`/api/v1/maintenance-reports/monthly/summary?${q(customerId, month)}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.month).toBe(month);
    const dev = r.data.devices.find((d: { serialNumber: string }) => d.serialNumber === SERIAL);
    expect(dev.visits).toHaveLength(1);
    const visit = dev.visits[0];
    expect(visit).toMatchObject({ workOrderNumber, engineerName: expect.any(String), signerName: null });
    expect(visit.tasks.find((t: { key: string }) => t.key === 'pump_check')).toMatchObject({ done: false, note: '泵管无磨损，本次不更换' });
    expect(visit.readings.find((x: { checkKey: string }) => x.checkKey === 'reagent_volume')).toMatchObject({
      outOfRange: true,
      status: 'high',
      instrumentCode: 'YQ-R01',
    });
    expect(visit.findings).toEqual([
      { description: '试剂加注量偏高，需更换计量泵', fixedOnSpot: false, requestNumber: expect.stringMatching(/^BX/), open: true },
    ]);
    expect(r.data.summary).toMatchObject({ recordedVisits: 1, readings: 2, outOfRange: 1, findings: 1, openFindings: 1 });
    expect(r.data.summary.systems).toBeGreaterThanOrEqual(1);
    // The trend of each check of the device carries this month's value.
    expect(dev.trends.find((t: { checkKey: string }) => t.checkKey === 'reagent_volume').points.at(-1)).toMatchObject({ value: '7.2', outOfRange: true });
  });

  it('the PDF is produced: application/pdf, a %PDF file, named after the customer and month', async () => {
    const r = await manager.get(`/api/v1/maintenance-reports/monthly?${q(customerId, month)}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('application/pdf');
    expect(String(r.headers['content-disposition'])).toContain(`${month}.pdf`);
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('月度巡检报告'));
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.rawPayload.length).toBeGreaterThan(2000);
    // Its text (Chinese, from the embedded font): the title, the customer, the visit, the flagged reading, the finding's repair request.
    const text = (await extractText(await getDocumentProxy(new Uint8Array(r.rawPayload)), { mergePages: true })).text.replace(/\s+/g, '');
    const summary = (await manager.get(`/api/v1/maintenance-reports/monthly/summary?${q(customerId, month)}`)).data;
    const visit = summary.devices.find((d: { serialNumber: string }) => d.serialNumber === SERIAL).visits[0];
    for (const s of [
      '月度巡检报告',
      summary.customerName,
      '本月概况',
      SERIAL,
      workOrderNumber,
      '超出范围（偏高）',
      '7.2',
      visit.findings[0].requestNumber,
      '泵管无磨损，本次不更换',
      '近6个月读数趋势',
    ]) {
      expect(text, s).toContain(s.replace(/\s+/g, ''));
    }
  });

  it('one device only: deviceId narrows the report to it', async () => {
    const r = await manager.get(`/api/v1/maintenance-reports/monthly/summary?${q(customerId, month)}&deviceId=${await deviceId(env, SERIAL)}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.devices.map((d: { serialNumber: string }) => d.serialNumber)).toEqual([SERIAL]);
  });

  it('the hospital reads its own report; another hospital gets 404 for it (JSON and PDF)', async () => {
    expect((await renhe.get(`/api/v1/maintenance-reports/monthly/summary?${q(customerId, month)}`)).statusCode).toBe(200);
    expect((await renhe.get(`/api/v1/maintenance-reports/monthly?${q(customerId, month)}`)).statusCode).toBe(200);
    expect((await ruikang.get(`/api/v1/maintenance-reports/monthly/summary?${q(customerId, month)}`)).statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/maintenance-reports/monthly?${q(customerId, month)}`)).statusCode).toBe(404);
    // Its own report holds none of the other hospital's visits.
    const own = await ruikang.get(`/api/v1/maintenance-reports/monthly/summary?${q(otherCustomerId, month)}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.data.devices.flatMap((d: { visits: unknown[] }) => d.visits).map((v: { workOrderNumber?: string }) => v.workOrderNumber)).not.toContain(
      workOrderNumber,
    );
  });

  it('bad input: a malformed month is a 400 naming the field (translated); an unknown customer 404; a month to come 422', async () => {
    for (const m of ['2026-13', '2026-3', 'march', '']) {
      const r = await manager.get(`/api/v1/maintenance-reports/monthly?${q(customerId, m)}`, EN);
      expect(r.statusCode, m).toBe(400);
      expect(r.data.fields.map((f: { field: string }) => f.field)).toContain('querystring.month');
    }
    const zh = await manager.get(`/api/v1/maintenance-reports/monthly/summary?${q(customerId, '2026-13')}`);
    expect(zh.data.fields.find((f: { field: string }) => f.field === 'querystring.month').message).toContain('YYYY-MM');
    expect((await manager.get(`/api/v1/maintenance-reports/monthly/summary?customerId=nope&month=${month}`)).statusCode).toBe(400);
    expect((await manager.get(`/api/v1/maintenance-reports/monthly/summary?${q('00000000-0000-4000-8000-000000000000', month)}`)).statusCode).toBe(404);
    const future = await manager.get(`/api/v1/maintenance-reports/monthly/summary?${q(customerId, '2099-01')}`, EN);
    expect(future.statusCode).toBe(422);
    expect(future.data.code).toBe('maintenance_report_future_month');
    expect(future.data.detail).toContain('2099-01');
  });
});
