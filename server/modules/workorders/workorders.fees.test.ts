// Stories of paid jobs (SPEC R-WO-4, R-FE-1): finance keeps a versioned price list, a paid
// work order is priced from its recorded time, parts and travel by the version in force when
// the call came in, the customer signs the fee, and finance records it collected or invoiced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, iso, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let finance: Client;
let dispatcher: Client;
let engineer: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [finance, dispatcher, engineer] = await Promise.all(['finance', 'dispatcher', 'engineer'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const prices = {
  currency: 'CNY',
  labourPerHour: '360.00',
  callOutFee: 150,
  travelMode: 'per_km',
  travelPerKm: '4',
  travelZones: { urban: '120', suburban: '320', remote: '900' },
  note: '2027 年价格',
};

async function job(serial: string, extra: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '无法开机',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    ...extra,
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: 1, leadEngineerId: await userId(env, 'engineer') });
  for (const to of ['accepted', 'on_site']) await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to });
  return id;
}
const wo = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data;
const v = async (id: string) => (await wo(id)).version as number;

describe('the price list', () => {
  it('staff read the price list in force; hospitals and non-finance staff cannot change it', async () => {
    const r = await dispatcher.get('/api/v1/price-list');
    expect(r.statusCode).toBe(200);
    expect(r.data.current).toMatchObject({
      versionNo: 1,
      labourPerHour: '300.00',
      callOutFee: '200.00',
      travelMode: 'per_zone',
      travelZones: { urban: '100.00' },
    });
    expect((await (await env.as('renhe')).get('/api/v1/price-list')).statusCode).toBe(403);
    expect((await dispatcher.raw({ method: 'PUT', url: '/api/v1/price-list', payload: { ...prices, version: 1 } })).statusCode).toBe(403);
  });

  it('bad prices are refused and nothing is saved', async () => {
    const put = (body: Record<string, unknown>, headers = {}) => finance.raw({ method: 'PUT', url: '/api/v1/price-list', payload: body, headers });
    for (const bad of [
      { labourPerHour: '-5' },
      { labourPerHour: '12.345' },
      { callOutFee: 'free' },
      { travelMode: 'per_mile' },
      { travelZones: { urban: '1', suburban: '2' } },
      { currency: 'rmb' },
      { effectiveFrom: 'tomorrow' },
    ]) {
      const r = await put({ ...prices, version: 1, ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const past = await put({ ...prices, version: 1, effectiveFrom: '2026-01-01T00:00:00+08:00' }, EN);
    expect(past.statusCode).toBe(422);
    expect(past.data).toMatchObject({ code: 'price_effective_in_past', fields: [expect.objectContaining({ field: 'effectiveFrom' })] });
    expect(await count(env, 'select count(*)::int as n from price_lists')).toBe(1);
  });

  it('finance saves a new version effective now; editing from a stale version gets 409; two at once, one wins', async () => {
    const r = await finance.raw({ method: 'PUT', url: '/api/v1/price-list', payload: { ...prices, version: 1 } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ versionNo: 2, labourPerHour: '360.00', callOutFee: '150.00', travelPerKm: '4.00', createdByName: '郑芳（财务）' });
    const stale = await finance.raw({ method: 'PUT', url: '/api/v1/price-list', payload: { ...prices, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    const admin = await env.as('admin');
    const future = { ...prices, labourPerHour: '999', effectiveFrom: '2030-01-01T00:00:00+08:00' };
    const [a, b] = await Promise.all([
      finance.raw({ method: 'PUT', url: '/api/v1/price-list', payload: { ...future, version: 2 } }),
      admin.raw({ method: 'PUT', url: '/api/v1/price-list', payload: { ...future, version: 2 } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const list = (await finance.get('/api/v1/price-list')).data;
    expect(list.current.versionNo).toBe(2); // version 3 is not in force before 2030
    expect(list.versions.map((x: { versionNo: number }) => x.versionNo)).toEqual([3, 2, 1]);
    await expect(env.database.exec(`update price_lists set labour_per_hour = 1`)).rejects.toThrow();
  });
});

describe('the fee of a paid job (R-WO-4)', () => {
  let paid: string;
  let old: string;

  it('labour + parts + travel + call-out, from the recorded time, part lines and distance', async () => {
    paid = await job('ST5020-25-0412'); // out of warranty, no contract
    const bad = await engineer.patch(`/api/v1/work-orders/${paid}`, { version: await v(paid), travelKm: '12.34' });
    expect(bad.statusCode).toBe(400);
    expect((await engineer.patch(`/api/v1/work-orders/${paid}`, { version: await v(paid), travelKm: -1 })).statusCode).toBe(400);
    await engineer.patch(`/api/v1/work-orders/${paid}`, {
      version: await v(paid),
      phenomenon: '染色缸不加热',
      cause: '加热管断路',
      actions: '更换加热管',
      testResults: '试运行正常',
      labourMinutes: 90,
      travelKm: '25.5',
    });
    await engineer.post(`/api/v1/work-orders/${paid}/parts`, { partNo: 'HT-01', name: '加热管', quantity: 2, unitPrice: '120.50' });
    await engineer.post(`/api/v1/work-orders/${paid}/parts`, { name: '密封圈', quantity: 1 });
    const w = await wo(paid);
    expect(w.travelKm).toBe('25.5');
    expect(w.fee).toMatchObject({
      chargeable: true,
      priceListVersion: 2,
      labour: '540.00', // 1.5 h × 360
      parts: '241.00',
      travel: '102.00', // 25.5 km × 4
      callOut: '150.00',
      total: '1033.00',
      travelBasis: 'per_km',
      unpricedParts: 1,
      paid: '0.00',
      balance: '1033.00',
      payments: [],
    });
  });

  it('a job received before the new prices keeps the version then in force', async () => {
    old = await job('UCT760-23-1009', { receivedAt: iso('2026-11-17 10:00') });
    await engineer.patch(`/api/v1/work-orders/${old}`, { version: await v(old), labourMinutes: 60, travelKm: 30 });
    expect((await wo(old)).fee).toMatchObject({
      priceListVersion: 1,
      labour: '300.00',
      travel: '100.00',
      travelBasis: 'per_zone',
      callOut: '200.00',
      total: '600.00',
    });
  });

  it('the customer signs the fee with the work: it is part of the signed content', async () => {
    await engineer.post(`/api/v1/work-orders/${paid}/transition`, { version: await v(paid), to: 'resolved' });
    const signed = await engineer.post(`/api/v1/work-orders/${paid}/sign`, { version: await v(paid), signerName: '王红', signaturePng: PNG_DATA_URL });
    expect(signed.statusCode).toBe(200);
    const snap = await env.database.query<{ fee: { total: string; labour: string } }>(
      `select snapshot->'fee' as fee from work_order_signatures where work_order_id = '${paid}'`,
    );
    expect(snap.rows[0].fee).toMatchObject({ total: '1033.00', labour: '540.00', travel: '102.00', parts: '241.00', callOut: '150.00' });
  });

  it('a contract job is not billed', async () => {
    const contract = await job('ST5020-21-0031');
    expect((await wo(contract)).fee).toMatchObject({ chargeable: false, total: '0.00', balance: '0.00' });
    const r = await finance.post(`/api/v1/work-orders/${contract}/payment`, { method: 'collected', reference: 'SK-1', amount: '10' }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data).toMatchObject({ code: 'not_chargeable', detail: 'This is not a paid job; there is no fee to record.' });
  });

  it('the form to record a payment is offered exactly where the payment would be accepted', async () => {
    const as = async (c: Client, id: string) => (await c.get(`/api/v1/work-orders/${id}`)).data;
    // A paid job still on site: its fee is provisional and finance is not offered the form (409).
    const early = await as(finance, old);
    expect(early.fee).toMatchObject({ chargeable: true, final: false });
    expect(early.abilities.pay).toBe(false);
    // A contract job: nothing to record (422 above).
    const contract = await job('ST5020-21-0031');
    expect((await as(finance, contract)).abilities.pay).toBe(false);
    expect((await finance.post(`/api/v1/work-orders/${contract}/payment`, { method: 'collected', reference: 'SK-1', amount: '1' })).statusCode).toBe(422);
    // The signed paid job with its balance owed: finance and admin are offered it, and the engineer on
    // the job for the cash he collected (seed 002 §5; billing.test.ts); others are not, and are refused.
    const owed = await as(finance, paid);
    expect(owed.fee).toMatchObject({ final: true, balance: '1033.00' });
    expect(owed.abilities.pay).toBe(true);
    expect((await as(await env.as('admin'), paid)).abilities.pay).toBe(true);
    expect((await as(engineer, paid)).abilities.pay).toBe(true);
    const renhe = await env.as('renhe');
    for (const c of [dispatcher, await env.as('engineer2'), renhe]) {
      expect((await as(c, paid)).abilities.pay).toBe(false);
      expect((await c.post(`/api/v1/work-orders/${paid}/payment`, { method: 'collected', reference: 'x', amount: '1' })).statusCode).toBe(403);
    }
  });

  it('finance records the fee collected or invoiced, never more than owed and only once the job is done', async () => {
    const early = await finance.post(`/api/v1/work-orders/${old}/payment`, { method: 'collected', reference: 'SK-0', amount: '100' });
    expect(early.statusCode).toBe(409);
    expect(early.data.code).toBe('fee_not_final');
    for (const bad of [
      { method: 'cash', reference: 'x', amount: '1' },
      { method: 'collected', reference: '', amount: '1' },
      { method: 'collected', reference: 'x', amount: '0' },
      { method: 'collected', reference: 'x', amount: '-3' },
      { method: 'collected', reference: 'x', amount: '1.001' },
      { method: 'collected', reference: 'x' },
    ]) {
      expect((await finance.post(`/api/v1/work-orders/${paid}/payment`, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await dispatcher.post(`/api/v1/work-orders/${paid}/payment`, { method: 'collected', reference: 'x', amount: '1' })).statusCode).toBe(403);
    expect((await (await env.as('renhe')).post(`/api/v1/work-orders/${paid}/payment`, { method: 'collected', reference: 'x', amount: '1' })).statusCode).toBe(
      403,
    );

    const cash = await finance.post(`/api/v1/work-orders/${paid}/payment`, { method: 'collected', reference: 'SK-2026-0001', amount: 500 });
    expect(cash.statusCode).toBe(200);
    expect(cash.data.fee).toMatchObject({ paid: '500.00', balance: '533.00' });
    const over = await finance.post(`/api/v1/work-orders/${paid}/payment`, { method: 'invoiced', reference: 'FP-1', amount: '533.01' }, EN);
    expect(over.statusCode).toBe(422);
    expect(over.data).toMatchObject({ code: 'payment_exceeds_balance', detail: 'The amount is more than the balance still owed (533.00).' });
    // Two clerks settling the rest at once: one succeeds, the other finds nothing owed.
    const [a, b] = await Promise.all([
      finance.post(`/api/v1/work-orders/${paid}/payment`, { method: 'invoiced', reference: 'FP-2026-0001', amount: '533.00' }),
      (await env.as('admin')).post(`/api/v1/work-orders/${paid}/payment`, { method: 'invoiced', reference: 'FP-2026-0002', amount: '533.00' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 422]);
    const w = await wo(paid);
    expect(w.fee).toMatchObject({ paid: '1033.00', balance: '0.00' });
    // Settled: nothing owed, no form offered, and any amount is refused.
    expect((await finance.get(`/api/v1/work-orders/${paid}`)).data.abilities.pay).toBe(false);
    expect((await finance.post(`/api/v1/work-orders/${paid}/payment`, { method: 'collected', reference: 'x', amount: '0.01' })).statusCode).toBe(422);
    expect(w.fee.payments.map((p: { method: string; amount: string }) => [p.method, p.amount])).toEqual([
      ['collected', '500.00'],
      ['invoiced', '533.00'],
    ]);
    await expect(env.database.exec(`delete from work_order_payments`)).rejects.toThrow();
    const admin = await env.as('admin');
    expect((await admin.get('/api/v1/audit?entity=work_order_payment')).data.total).toBe(2);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});
