// Stories of records that are never edited once settled: a reviewed service report is corrected
// by a new content version that is reviewed again, the reviewed one kept intact and readable
// (SPEC R-WO-5); a payment recorded in error is reversed by a negative line, never changed
// (R-WO-4, R-FE-1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, notified, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let renhe: Client;
let finance: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, renhe, finance] = await Promise.all(['dispatcher', 'engineer', 'renhe', 'finance'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const wo = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data;
const v = async (id: string) => (await wo(id)).version as number;

/** A job of a 仁和 unit taken to `resolved` with a complete report. */
async function resolvedJob(serial: string, content: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '仪器无法开机',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: 1, leadEngineerId: await userId(env, 'engineer') });
  for (const to of ['accepted', 'on_site']) await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to });
  const patched = await engineer.patch(`/api/v1/work-orders/${id}`, {
    version: await v(id),
    phenomenon: '开机无显示',
    cause: '电源板保险丝熔断',
    actions: '更换保险丝',
    testResults: '连续运行 2 小时正常',
    labourMinutes: 60,
    ...content,
  });
  if (patched.statusCode !== 200) throw new Error(patched.body);
  await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to: 'resolved' });
  return id;
}

describe('correcting a reviewed report (R-WO-5)', () => {
  let id: string;
  let signedHash: string;
  const correction = (body: Record<string, unknown>, as = dispatcher) => as.post(`/api/v1/work-orders/${id}/corrections`, body, EN);

  beforeAll(async () => {
    id = await resolvedJob('SV600-25-2201');
  });

  it('before review a report is not corrected, it is sent back', async () => {
    const r = await correction({ version: await v(id), reason: '笔误', changes: { cause: '电源模块老化' } });
    expect(r.statusCode).toBe(409);
    expect(r.data).toMatchObject({ code: 'correction_not_allowed', detail: expect.stringContaining('send it back') });
    const signed = await renhe.post(`/api/v1/work-orders/${id}/sign`, { version: await v(id), signerName: '王红', signaturePng: PNG_DATA_URL });
    expect(signed.statusCode).toBe(200);
    signedHash = signed.data.signatures[0].contentHash;
    const approved = await dispatcher.post(`/api/v1/work-orders/${id}/review`, { version: await v(id), verdict: 'approved', password: DEMO_PASSWORD });
    expect(approved.data).toMatchObject({ status: 'closed', contentVersion: 1 });
  });

  it('bad corrections are refused: stale version, no reason, nothing changed, unknown field, wrong role', async () => {
    const version = await v(id);
    expect((await correction({ version: version - 1, reason: '笔误', changes: { cause: 'x' } })).statusCode).toBe(409);
    expect((await correction({ version, changes: { cause: 'x' } })).statusCode).toBe(400);
    expect((await correction({ version, reason: '笔误', changes: { colour: 'red' } })).statusCode).toBe(400);
    expect((await correction({ version, reason: '笔误', changes: { labourMinutes: -5 } })).statusCode).toBe(400);
    const same = await correction({ version, reason: '笔误', changes: { cause: '电源板保险丝熔断' } });
    expect(same.statusCode).toBe(422);
    expect(same.data).toMatchObject({ code: 'correction_no_changes', fields: [expect.objectContaining({ field: 'changes' })] });
    expect((await correction({ version, reason: '笔误', changes: { cause: 'x' } }, engineer)).statusCode).toBe(403);
    expect((await correction({ version, reason: '笔误', changes: { cause: 'x' } }, renhe)).statusCode).toBe(403);
    expect((await wo(id)).status).toBe('closed');
    expect(await count(env, `select count(*)::int as n from work_order_corrections`)).toBe(0);
  });

  it('a correction opens version 2 for review; version 1 stays exactly as signed and reviewed', async () => {
    const r = await correction({
      version: await v(id),
      reason: '原因分析写错，经技术专家复核更正',
      changes: { cause: '电源模块老化导致保险丝熔断', labourMinutes: 90 },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ status: 'signed_off', contentVersion: 2, cause: '电源模块老化导致保险丝熔断', labourMinutes: 90 });
    expect(r.data.events.at(-1)).toMatchObject({ fromStatus: 'closed', toStatus: 'signed_off', reason: '原因分析写错，经技术专家复核更正' });
    // Still frozen: the correction is the change; nobody edits it further before review.
    expect((await engineer.patch(`/api/v1/work-orders/${id}`, { version: await v(id), cause: '再改' })).statusCode).toBe(409);

    const list = await dispatcher.get(`/api/v1/work-orders/${id}/versions`);
    expect(list.statusCode).toBe(200);
    expect(list.data.items).toEqual([
      expect.objectContaining({
        n: 1,
        current: false,
        source: 'signature',
        contentHash: signedHash,
        signature: expect.objectContaining({ signerName: '王红' }),
        reviews: [expect.objectContaining({ verdict: 'approved' })],
        correction: null,
      }),
      expect.objectContaining({
        n: 2,
        current: true,
        source: 'correction',
        signature: null,
        reviews: [],
        correction: expect.objectContaining({
          reason: '原因分析写错，经技术专家复核更正',
          changes: { cause: { before: '电源板保险丝熔断', after: '电源模块老化导致保险丝熔断' }, labourMinutes: { before: 60, after: 90 } },
        }),
      }),
    ]);
    const v1 = (await dispatcher.get(`/api/v1/work-orders/${id}/versions/1`)).data;
    expect(v1).toMatchObject({
      n: 1,
      contentHash: signedHash,
      snapshot: expect.objectContaining({ cause: '电源板保险丝熔断', labourMinutes: 60, contentVersion: 1 }),
    });
    const v2 = (await dispatcher.get(`/api/v1/work-orders/${id}/versions/2`)).data;
    expect(v2.snapshot).toMatchObject({ cause: '电源模块老化导致保险丝熔断', labourMinutes: 90, contentVersion: 2 });
    expect(v2.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v2.contentHash).not.toBe(signedHash);
    expect((await dispatcher.get(`/api/v1/work-orders/${id}/versions/3`)).statusCode).toBe(404);
    expect((await dispatcher.get(`/api/v1/work-orders/${id}/versions/abc`)).statusCode).toBe(400);
    // The hospital reads its own report's versions; another hospital gets 404.
    expect((await renhe.get(`/api/v1/work-orders/${id}/versions`)).statusCode).toBe(200);
    expect((await (await env.as('ruikang')).get(`/api/v1/work-orders/${id}/versions/1`)).statusCode).toBe(404);
    expect(await notified(env, 'correction_to_review', id)).toEqual(['manager']);
  });

  it('customer service reviews the corrected version again; both reviews and both contents remain', async () => {
    const ok = await dispatcher.post(`/api/v1/work-orders/${id}/review`, { version: await v(id), verdict: 'approved', password: DEMO_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.data).toMatchObject({ status: 'closed', contentVersion: 2 });
    expect(ok.data.reviews.map((r: { contentVersion: number; verdict: string }) => [r.contentVersion, r.verdict])).toEqual([
      [1, 'approved'],
      [2, 'approved'],
    ]);
    const v1 = (await dispatcher.get(`/api/v1/work-orders/${id}/versions/1`)).data;
    expect(v1.snapshot.cause).toBe('电源板保险丝熔断');
    expect(v1.contentHash).toBe(signedHash);
    expect((await dispatcher.get(`/api/v1/work-orders/${id}/versions`)).data.items[1].reviews).toEqual([expect.objectContaining({ verdict: 'approved' })]);
  });

  it('each correction and its review are audited; corrections are append-only; the chain verifies', async () => {
    const admin = await env.as('admin');
    expect((await admin.get('/api/v1/audit?entity=work_order_correction')).data.total).toBe(1);
    const trail = (await admin.get(`/api/v1/audit?entity=work_order&entityId=${id}&pageSize=100`)).data.items as {
      after: { status: string; contentVersion: number };
    }[];
    expect(trail.some((e) => e.after?.status === 'signed_off' && e.after?.contentVersion === 2)).toBe(true);
    await expect(env.database.exec(`update work_order_corrections set reason = 'x'`)).rejects.toThrow();
    await expect(env.database.exec(`delete from work_order_corrections`)).rejects.toThrow();
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});

describe('reversing a payment (R-WO-4, R-FE-1)', () => {
  let paid: string;
  let cashId: string;
  const reverse = (paymentId: string, body: Record<string, unknown>, as = finance, job = paid) =>
    as.post(`/api/v1/work-orders/${job}/payments/${paymentId}/reversal`, body, EN);

  beforeAll(async () => {
    paid = await resolvedJob('ST5020-25-0412', { travelKm: '10' }); // out of warranty, no contract: a paid job
    const r = await finance.post(`/api/v1/work-orders/${paid}/payment`, { method: 'collected', reference: 'SK-2026-0100', amount: '200' });
    if (r.statusCode !== 200) throw new Error(r.body);
    cashId = r.data.fee.payments[0].id;
  });

  it('a payment in error is cancelled by a negative line naming it; the balance is recomputed', async () => {
    const before = (await wo(paid)).fee;
    expect(before.paid).toBe('200.00');
    const r = await reverse(cashId, { reason: '收款金额登记错误', reference: 'HZ-2026-0001' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.fee.paid).toBe('0.00');
    expect(r.data.fee.balance).toBe(before.total);
    expect(r.data.fee.payments).toEqual([
      expect.objectContaining({ id: cashId, method: 'collected', amount: '200.00', reversedById: expect.any(String), reversesId: null }),
      expect.objectContaining({ method: 'reversal', amount: '-200.00', reversesId: cashId, reason: '收款金额登记错误', reference: 'HZ-2026-0001' }),
    ]);
    // The full amount can be recorded again.
    const again = await finance.post(`/api/v1/work-orders/${paid}/payment`, { method: 'invoiced', reference: 'FP-2026-0100', amount: before.total });
    expect(again.statusCode).toBe(200);
    expect(again.data.fee).toMatchObject({ paid: before.total, balance: '0.00' });
  });

  it('a payment is reversed once; a reversal is not reversed; bad requests are refused', async () => {
    const twice = await reverse(cashId, { reason: '再次冲销' });
    expect(twice.statusCode).toBe(409);
    expect(twice.data).toMatchObject({ code: 'payment_already_reversed', detail: 'This payment has already been reversed.' });
    const reversalId = (await wo(paid)).fee.payments.find((p: { method: string }) => p.method === 'reversal').id;
    expect((await reverse(reversalId, { reason: 'x' })).data.code).toBe('reversal_not_reversible');
    expect((await reverse(cashId, {})).statusCode).toBe(400);
    expect((await reverse(cashId, { reason: 'x' }, dispatcher)).statusCode).toBe(403);
    expect((await reverse(cashId, { reason: 'x' }, renhe)).statusCode).toBe(403);
    expect((await reverse('00000000-0000-4000-8000-000000000000', { reason: 'x' })).statusCode).toBe(404);
    expect((await finance.post(`/api/v1/work-orders/${paid}/payments/nope/reversal`, { reason: 'x' })).statusCode).toBe(400);
  });

  it('two clerks reversing the same payment at once: one line only', async () => {
    const invoice = (await wo(paid)).fee.payments.find((p: { method: string }) => p.method === 'invoiced').id;
    const [a, b] = await Promise.all([reverse(invoice, { reason: '发票作废' }), reverse(invoice, { reason: '发票作废' }, await env.as('admin'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await count(env, `select count(*)::int as n from work_order_payments where reverses_id = '${invoice}'`)).toBe(1);
  });

  it('lines are never updated or deleted, and a reversal must be negative and name its payment; all audited', async () => {
    await expect(env.database.exec(`update work_order_payments set amount = 1`)).rejects.toThrow();
    await expect(env.database.exec(`delete from work_order_payments`)).rejects.toThrow();
    await expect(
      env.database.exec(
        `insert into work_order_payments (work_order_id, method, reference, amount, at, recorded_by_name) values ('${paid}', 'reversal', 'x', 5, now(), 'x')`,
      ),
    ).rejects.toThrow();
    await expect(
      env.database.exec(
        `insert into work_order_payments (work_order_id, method, reference, amount, at, recorded_by_name) values ('${paid}', 'collected', 'x', -5, now(), 'x')`,
      ),
    ).rejects.toThrow();
    const admin = await env.as('admin');
    const trail = (await admin.get('/api/v1/audit?entity=work_order_payment&pageSize=50')).data.items as { action: string }[];
    expect(trail.filter((e) => e.action === 'reverse')).toHaveLength(2);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});
