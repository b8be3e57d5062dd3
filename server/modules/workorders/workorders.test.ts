// Stories of the work order (SPEC §3: R-DSP-1, R-WO-1, R-WO-2, R-WO-4, R-WO-5): dispatch and
// reassignment, the lifecycle from new to closed with its SLA effects, the customer's
// signature freezing the content, review with send-back as a new version, hospital scope,
// and the audit trail of it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, iso, notified, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let engineer2: Client;
let technician: Client;
let renhe: Client;
let ids: Record<string, string>;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, engineer2, technician, renhe] = await Promise.all(
    ['dispatcher', 'engineer', 'engineer2', 'technician', 'renhe'].map((u) => env.as(u)),
  );
  ids = {
    engineer: await userId(env, 'engineer'),
    engineer2: await userId(env, 'engineer2'),
    technician: await userId(env, 'technician'),
    manager: await userId(env, 'manager'),
  };
});
afterAll(() => env?.close());

async function newCase(serial: string, extra: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '仪器无法开机',
    deviceDown: true,
    reporterName: '王红',
    reporterPhone: '13801010001',
    ...extra,
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.data as { id: string; workOrderId: string; number: string; version: number };
}
const wo = async (id: string, as = dispatcher) => (await as.get(`/api/v1/work-orders/${id}`)).data;
const step = async (as: Client, id: string, to: string, reason?: string, headers?: Record<string, string>) =>
  as.post(`/api/v1/work-orders/${id}/transition`, { version: (await wo(id)).version, to, ...(reason ? { reason } : {}) }, headers);
const clock = async (requestId: string, kind: string) =>
  (await dispatcher.get(`/api/v1/requests/${requestId}`)).data.clocks.find((c: { kind: string }) => c.kind === kind);

describe('dispatch (R-DSP-1)', () => {
  let c: Awaited<ReturnType<typeof newCase>>;
  beforeAll(async () => {
    c = await newCase('ST5020-21-0031', { deviceDown: false });
  });

  it('only engineers can be assigned, each once; an engineer cannot dispatch', async () => {
    const w = await wo(c.workOrderId);
    const manager = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, { version: w.version, leadEngineerId: ids.manager }, EN);
    expect(manager.statusCode).toBe(422);
    expect(manager.data).toMatchObject({ code: 'not_an_engineer', fields: [expect.objectContaining({ field: 'leadEngineerId' })] });
    const twice = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, {
      version: w.version,
      leadEngineerId: ids.engineer,
      helperIds: [ids.engineer],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.data.fields[0].field).toBe('helperIds');
    const ghost = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, { version: w.version, leadEngineerId: 'nope' });
    expect(ghost.statusCode).toBe(400);
    const self = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, { version: w.version, leadEngineerId: ids.engineer });
    expect(self.statusCode).toBe(403);
    expect((await wo(c.workOrderId)).status).toBe('new');
  });

  it('the dispatcher assigns a lead and a helper; both are told; a stale version gets 409', async () => {
    const w = await wo(c.workOrderId);
    const r = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, {
      version: w.version,
      leadEngineerId: ids.engineer,
      helperIds: [ids.technician],
    });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'dispatched', leadEngineerId: ids.engineer, helperIds: [ids.technician] });
    expect(r.data.dispatchedAt).not.toBeNull();
    expect(await notified(env, 'work_order_assigned', c.workOrderId)).toEqual(['engineer', 'technician']);
    const req = (await dispatcher.get(`/api/v1/requests/${c.id}`)).data;
    expect(req.status).toBe('dispatched');
    expect(req.ownerId).toBe(await userId(env, 'dispatcher'));
    const stale = await dispatcher.post(
      `/api/v1/work-orders/${c.workOrderId}/dispatch`,
      { version: w.version, leadEngineerId: ids.engineer2, reason: '换人' },
      EN,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.data).toMatchObject({ code: 'version_conflict', currentVersion: r.data.version });
    expect(stale.data.detail).toContain('changed by someone else');
  });

  it('the engineer and the hospital read the team by name from the work order, without engineer profiles (issue 10 item 7)', async () => {
    for (const reader of [engineer, technician, renhe]) {
      const r = await reader.get(`/api/v1/work-orders/${c.workOrderId}`);
      expect(r.statusCode).toBe(200);
      expect(r.data).toMatchObject({ leadName: '张伟（工程师）', helpers: [{ id: ids.technician, name: '陈磊（维修技师）' }] });
      expect((await reader.get('/api/v1/engineer-profiles')).statusCode).toBe(403);
    }
  });

  it('reassigning needs a reason; the new lead replaces the old team', async () => {
    const w = await wo(c.workOrderId);
    const bare = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, { version: w.version, leadEngineerId: ids.engineer2 }, EN);
    expect(bare.statusCode).toBe(422);
    expect(bare.data).toMatchObject({ code: 'reason_required', detail: 'This step needs a reason.' });
    const r = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, {
      version: w.version,
      leadEngineerId: ids.engineer2,
      reason: '张伟请病假',
    });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ leadEngineerId: ids.engineer2, helperIds: [] });
    expect(r.data.events.at(-1)).toMatchObject({ fromStatus: 'dispatched', toStatus: 'dispatched', reason: '张伟请病假' });
    // The old lead can no longer accept it.
    const old = await step(engineer, c.workOrderId, 'accepted');
    expect(old.statusCode).toBe(403);
    expect(old.data.code).toBe('not_allowed_actor');
  });

  it('two dispatchers assigning at once: one wins, the other gets 409', async () => {
    const d = await newCase('TP8000-24-0107', { deviceDown: false });
    const manager = await env.as('manager');
    const w = await wo(d.workOrderId);
    const [a, b] = await Promise.all([
      dispatcher.post(`/api/v1/work-orders/${d.workOrderId}/dispatch`, { version: w.version, leadEngineerId: ids.engineer }),
      manager.post(`/api/v1/work-orders/${d.workOrderId}/dispatch`, { version: w.version, leadEngineerId: ids.engineer2 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = await wo(d.workOrderId);
    expect(after.events.filter((e: { toStatus: string }) => e.toStatus === 'dispatched')).toHaveLength(1);
  });
});

describe('the lifecycle (R-WO-1)', () => {
  let c: Awaited<ReturnType<typeof newCase>>;
  beforeAll(async () => {
    c = await newCase('PM9000-26-0301');
    const w = await wo(c.workOrderId);
    await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, { version: w.version, leadEngineerId: ids.engineer, helperIds: [ids.technician] });
  });

  it('illegal steps are refused with a translated reason and change nothing', async () => {
    const before = await wo(c.workOrderId);
    const jump = await step(engineer, c.workOrderId, 'resolved', undefined, EN);
    expect(jump.statusCode).toBe(409);
    expect(jump.data).toMatchObject({ code: 'illegal_transition', detail: 'A work order cannot go from "Dispatched" to "Resolved".' });
    const zh = await step(engineer, c.workOrderId, 'closed');
    expect(zh.data.detail).toBe('工单不能从“已派工”变为“已归档”。'); // glossary words, not codes
    const helper = await step(technician, c.workOrderId, 'accepted');
    expect(helper.statusCode).toBe(403);
    const sign = await step(engineer, c.workOrderId, 'signed_off');
    expect(sign.statusCode).toBe(422);
    expect(sign.data.code).toBe('use_dedicated_action');
    const unknown = await step(engineer, c.workOrderId, 'teleported');
    expect(unknown.statusCode).toBe(400);
    const cancelBare = await step(dispatcher, c.workOrderId, 'cancelled');
    expect(cancelBare.statusCode).toBe(422);
    const after = await wo(c.workOrderId);
    expect(after).toMatchObject({ status: 'dispatched', version: before.version });
    expect(after.events).toHaveLength(before.events.length);
  });

  it('accept → on the way → on site: arrival meets the respond and arrive clocks', async () => {
    expect(okData(await step(engineer, c.workOrderId, 'accepted'))).toMatchObject({ status: 'accepted' });
    expect(okData(await step(technician, c.workOrderId, 'on_the_way'))).toMatchObject({ status: 'on_the_way' });
    expect((await clock(c.id, 'arrive')).stoppedAt).toBeNull();
    const onSite = okData(await step(engineer, c.workOrderId, 'on_site'));
    expect(onSite.arrivedAt).not.toBeNull();
    expect(onSite.nextSteps).toEqual(expect.arrayContaining(['waiting_parts', 'taken_back', 'resolved']));
    const arrive = await clock(c.id, 'arrive');
    expect(arrive).toMatchObject({ stoppedAt: onSite.arrivedAt, outcome: 'met' });
    expect((await clock(c.id, 'respond')).outcome).toBe('met');
    expect((await clock(c.id, 'restore')).stoppedAt).toBeNull();
    expect((await dispatcher.get(`/api/v1/requests/${c.id}`)).data.status).toBe('in_progress');
  });

  it('the engineer records diagnosis, actions, tests, times and parts (R-WO-2); bad input is refused', async () => {
    const w = await wo(c.workOrderId);
    const r = await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, {
      version: w.version,
      phenomenon: '开机自检失败，屏幕黑屏',
      cause: '电源板电容老化',
      actions: '更换电源板',
      testResults: '连续运行 2 小时，各参数正常',
      explanation: '已向科室说明日常保养要点',
      labourMinutes: 90,
      travelMinutes: 40,
    });
    expect(r.statusCode).toBe(200);
    const negative = await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, { version: r.data.version, labourMinutes: -5 });
    expect(negative.statusCode).toBe(400);
    const stale = await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, { version: w.version, cause: 'x' });
    expect(stale.statusCode).toBe(409);
    const part = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/parts`, { partNo: 'PWR-9000', name: '电源板', quantity: 1, unitPrice: '680.00' });
    expect(part.statusCode).toBe(200);
    expect(part.data.parts).toEqual([expect.objectContaining({ name: '电源板', quantity: '1.000', unitPrice: '680.00' })]);
    expect((await engineer.post(`/api/v1/work-orders/${c.workOrderId}/parts`, { name: '螺丝', quantity: 0 })).statusCode).toBe(400);
    expect((await engineer.post(`/api/v1/work-orders/${c.workOrderId}/parts`, { name: '螺丝', quantity: '1,5' })).statusCode).toBe(400);
    const spare = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/parts`, { name: '保险丝', quantity: '2' });
    const spareId = spare.data.parts.find((p: { name: string }) => p.name === '保险丝').id;
    expect((await engineer.delete(`/api/v1/work-orders/${c.workOrderId}/parts/${spareId}`)).statusCode).toBe(204);
    expect((await engineer.delete(`/api/v1/work-orders/${c.workOrderId}/parts/${spareId}`)).statusCode).toBe(404);
    const stranger = await engineer2.patch(`/api/v1/work-orders/${c.workOrderId}`, { version: (await wo(c.workOrderId)).version, cause: 'x' });
    expect(stranger.statusCode).toBe(403);
  });

  it('resolved meets the restore clock; the customer signs with a drawn PNG, which freezes the content', async () => {
    const resolved = okData(await step(engineer, c.workOrderId, 'resolved'));
    expect(resolved.resolvedAt).not.toBeNull();
    expect((await clock(c.id, 'restore')).outcome).toBe('met');
    expect((await dispatcher.get(`/api/v1/requests/${c.id}`)).data.status).toBe('resolved');

    const bad = await renhe.post(`/api/v1/work-orders/${c.workOrderId}/sign`, {
      version: resolved.version,
      signerName: '王红',
      signaturePng: 'data:image/jpeg;base64,AAAA',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields[0]).toMatchObject({ field: 'signaturePng', code: 'invalid_format' });
    const notPng = await renhe.post(`/api/v1/work-orders/${c.workOrderId}/sign`, {
      version: resolved.version,
      signerName: '王红',
      signaturePng: `data:image/png;base64,${Buffer.from('x'.repeat(80)).toString('base64')}`,
    });
    expect(notPng.statusCode).toBe(400);
    const byDispatcher = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/sign`, {
      version: resolved.version,
      signerName: '王红',
      signaturePng: PNG_DATA_URL,
    });
    expect(byDispatcher.statusCode).toBe(403);
    expect((await wo(c.workOrderId)).status).toBe('resolved');

    const signed = await renhe.post(`/api/v1/work-orders/${c.workOrderId}/sign`, { version: resolved.version, signerName: '王红', signaturePng: PNG_DATA_URL });
    expect(signed.statusCode).toBe(200);
    expect(signed.data).toMatchObject({ status: 'signed_off', contentVersion: 1 });
    expect(signed.data.signatures).toEqual([expect.objectContaining({ contentVersion: 1, signerName: '王红', meaning: '确认服务已完成，结果满意' })]);
    expect(signed.data.signatures[0].contentHash).toMatch(/^[0-9a-f]{64}$/);

    const edit = await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, { version: signed.data.version, cause: '改口' }, EN);
    expect(edit.statusCode).toBe(409);
    expect(edit.data.code).toBe('work_order_frozen');
    expect((await engineer.post(`/api/v1/work-orders/${c.workOrderId}/parts`, { name: '螺丝', quantity: 1 })).statusCode).toBe(409);
    // Only the review sends a signed report back (it opens a new content version).
    const back = await step(dispatcher, c.workOrderId, 'resolved', '缺少照片');
    expect(back.statusCode).toBe(422);
    // The signed record itself is append-only in the database.
    await expect(env.database.exec(`update work_order_signatures set signer_name = 'x' where work_order_id = '${c.workOrderId}'`)).rejects.toThrow();
  });

  it('customer service approves a complete report: reviewed and closed, the request closes', async () => {
    const w = await wo(c.workOrderId);
    const byEngineer = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/review`, { version: w.version, verdict: 'approved', password: DEMO_PASSWORD });
    expect(byEngineer.statusCode).toBe(403);
    const r = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/review`, { version: w.version, verdict: 'approved', password: DEMO_PASSWORD });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'closed', nextSteps: [] });
    expect(r.data.reviewedAt).not.toBeNull();
    expect(r.data.closedAt).not.toBeNull();
    expect(r.data.reviews).toEqual([expect.objectContaining({ verdict: 'approved', contentVersion: 1, missing: [] })]);
    expect(r.data.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'dispatched',
      'accepted',
      'on_the_way',
      'on_site',
      'resolved',
      'signed_off',
      'reviewed',
      'closed',
    ]);
    expect(r.data.events[1]).toMatchObject({ actorName: '张伟（工程师）' });
    expect((await dispatcher.get(`/api/v1/requests/${c.id}`)).data.status).toBe('closed');
    const reopen = await step(engineer, c.workOrderId, 'on_site', '再看看');
    expect(reopen.statusCode).toBe(409);
    expect((await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, { version: r.data.version, cause: 'x' })).statusCode).toBe(409);
  });

  it('every change is in the audit trail, request included, and the chain verifies', async () => {
    const admin = await env.as('admin');
    const trail = await admin.get(`/api/v1/audit?entity=work_order&entityId=${c.workOrderId}&pageSize=100`);
    expect(trail.data.items.length).toBeGreaterThanOrEqual(10);
    const reqTrail = await admin.get(`/api/v1/audit?entity=service_request&entityId=${c.id}&pageSize=100`);
    const statuses = reqTrail.data.items.map((e: { after: { status: string } }) => e.after?.status);
    expect(statuses).toEqual(expect.arrayContaining(['open', 'dispatched', 'in_progress', 'resolved', 'closed']));
    expect(await count(env, `select count(*)::int as n from audit_log where entity = 'work_order_signature'`)).toBe(1);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});

describe('review (R-WO-5)', () => {
  it('a paid job lacking tests and labour time cannot be approved; it goes back with comments and is signed anew as version 2', async () => {
    const c = await newCase('ST5020-25-0412'); // out of warranty, no contract: paid
    expect((await dispatcher.get(`/api/v1/requests/${c.id}`)).data.category).toBe('paid');
    let w = await wo(c.workOrderId);
    await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, { version: w.version, leadEngineerId: ids.engineer });
    for (const to of ['accepted', 'on_site']) expect((await step(engineer, c.workOrderId, to)).statusCode).toBe(200);
    w = await wo(c.workOrderId);
    await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, { version: w.version, phenomenon: '染色不均', cause: '加热板故障', actions: '更换加热板' });
    await step(engineer, c.workOrderId, 'resolved');
    w = await wo(c.workOrderId);
    // The lead may record the customer's signature on the phone.
    const signed = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/sign`, { version: w.version, signerName: '王红', signaturePng: PNG_DATA_URL });
    expect(signed.statusCode).toBe(200);
    const firstHash = signed.data.signatures[0].contentHash;

    const approve = await dispatcher.post(
      `/api/v1/work-orders/${c.workOrderId}/review`,
      { version: signed.data.version, verdict: 'approved', password: DEMO_PASSWORD },
      EN,
    );
    expect(approve.statusCode).toBe(422);
    expect(approve.data).toMatchObject({ code: 'report_incomplete', missing: ['testResults', 'labourMinutes'] });
    expect(approve.data.detail).toBe('The service report is incomplete; missing: testResults, labourMinutes');
    const noComment = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/review`, {
      version: signed.data.version,
      verdict: 'returned',
      password: DEMO_PASSWORD,
    });
    expect(noComment.statusCode).toBe(422);
    expect((await wo(c.workOrderId)).reviews).toEqual([]);

    const back = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/review`, {
      version: signed.data.version,
      verdict: 'returned',
      comments: '请补充维修验证结果和工时',
      password: DEMO_PASSWORD,
    });
    expect(back.statusCode).toBe(200);
    expect(back.data).toMatchObject({ status: 'resolved', contentVersion: 2 });
    expect(back.data.reviews).toEqual([expect.objectContaining({ verdict: 'returned', missing: ['testResults', 'labourMinutes'], contentVersion: 1 })]);
    expect(await notified(env, 'work_order_returned', c.workOrderId)).toEqual(['dispatcher', 'engineer']);

    const fixed = await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, {
      version: back.data.version,
      testResults: '试染 20 张切片，均匀',
      labourMinutes: 120,
    });
    expect(fixed.statusCode).toBe(200);
    const again = await renhe.post(`/api/v1/work-orders/${c.workOrderId}/sign`, {
      version: fixed.data.version,
      signerName: '王红',
      signaturePng: PNG_DATA_URL,
    });
    expect(again.statusCode).toBe(200);
    expect(again.data.signatures.map((s: { contentVersion: number }) => s.contentVersion)).toEqual([1, 2]);
    expect(again.data.signatures[0].contentHash).toBe(firstHash);
    expect(again.data.signatures[1].contentHash).not.toBe(firstHash);
    const snap = await env.database.query<{ v: number; tests: string | null }>(
      `select content_version as v, snapshot->>'testResults' as tests from work_order_signatures where work_order_id = '${c.workOrderId}' order by content_version`,
    );
    expect(snap.rows).toEqual([
      { v: 1, tests: null },
      { v: 2, tests: '试染 20 张切片，均匀' },
    ]);
    const ok = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/review`, {
      version: again.data.version,
      verdict: 'approved',
      password: DEMO_PASSWORD,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.status).toBe('closed');
  });

  it('cancelling needs a reason and stops the clocks', async () => {
    const c = await newCase('MT2255-24-0901', { deviceDown: false });
    const w = await wo(c.workOrderId);
    const r = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/transition`, { version: w.version, to: 'cancelled', reason: '客户自行解决' });
    expect(r.statusCode).toBe(200);
    expect(r.data.cancelledAt).not.toBeNull();
    const req = (await dispatcher.get(`/api/v1/requests/${c.id}`)).data;
    expect(req.status).toBe('cancelled');
    expect(req.clocks.every((k: { outcome: string }) => k.outcome === 'cancelled')).toBe(true);
  });
});

describe('hospital scope', () => {
  it('a hospital sees its own work orders and cannot touch another hospital’s (404)', async () => {
    const rk = await newCase('ST5020-23-0220', { deviceDown: false });
    const mine = await newCase('SV600-25-2201', { deviceDown: false });
    expect((await renhe.get(`/api/v1/work-orders/${mine.workOrderId}`)).statusCode).toBe(200);
    expect((await renhe.get(`/api/v1/work-orders/${rk.workOrderId}`)).statusCode).toBe(404);
    const sign = await renhe.post(`/api/v1/work-orders/${rk.workOrderId}/sign`, { version: 1, signerName: 'x', signaturePng: PNG_DATA_URL });
    expect(sign.statusCode).toBe(404);
    const step2 = await renhe.post(`/api/v1/work-orders/${rk.workOrderId}/transition`, { version: 1, to: 'cancelled', reason: 'x' });
    expect(step2.statusCode).toBe(403);
  });
});

describe('the work-order list', () => {
  const cd: Record<string, Awaited<ReturnType<typeof newCase>>> = {};
  let hb: string;
  const list = async (query: string, as = dispatcher) => {
    const r = await as.get(`/api/v1/work-orders?${query}`);
    if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
    return r.data as { total: number; items: Record<string, unknown>[] };
  };
  const numbers = (items: Record<string, unknown>[]) => items.map((i) => i.number);

  beforeAll(async () => {
    hb = (await env.database.query<{ id: string }>(`select id from customers where code = 'HB-CD'`)).rows[0].id;
    cd.a = await newCase('ST5020-22-0145', { deviceDown: false, receivedAt: iso('2026-11-20 09:00') });
    cd.b = await newCase('SV600-24-1733', { receivedAt: iso('2026-11-20 09:00') }); // a ventilator down: emergency
    cd.c = await newCase('TP8000-22-0046', { deviceDown: false, receivedAt: iso('2026-11-19 09:00') });
    cd.d = await newCase('ST5020-22-0145', { deviceDown: false, receivedAt: iso('2026-11-20 08:00') });
    await dispatcher.post(`/api/v1/work-orders/${cd.a.workOrderId}/dispatch`, { version: 1, leadEngineerId: ids.engineer, helperIds: [ids.technician] });
    await dispatcher.post(`/api/v1/work-orders/${cd.b.workOrderId}/dispatch`, { version: 1, leadEngineerId: ids.engineer2 });
    await engineer.post(`/api/v1/requests/${cd.c.id}/respond`, { version: cd.c.version });
    await dispatcher.post(`/api/v1/work-orders/${cd.d.workOrderId}/transition`, { version: 1, to: 'cancelled', reason: '重复报修' });
  });

  it('items carry what a board needs: request, device, customer, site, lead and the next SLA deadline', async () => {
    const r = await list(`requestId=${cd.a.id}`);
    expect(r.total).toBe(1);
    expect(r.items[0]).toEqual({
      id: cd.a.workOrderId,
      number: cd.a.number.replace('BX', 'WO'),
      version: expect.any(Number),
      status: 'dispatched',
      kind: 'repair', // issue 12: a job from a repair request
      plannedDate: null,
      requestId: cd.a.id,
      requestNumber: cd.a.number,
      urgency: 'normal',
      serviceCategory: 'paid', // FW-2026-003, a paid-service contract
      deviceId: await deviceId(env, 'ST5020-22-0145'),
      serialNumber: 'ST5020-22-0145',
      modelName: '全自动染色机 ST-5020',
      customerId: hb,
      customerName: '承德市中心医院',
      siteName: '本部',
      regionClass: 'remote',
      leadId: ids.engineer,
      leadName: '张伟（工程师）',
      appointmentAt: null, // none agreed at dispatch (issue 10 item 12)
      degradedAt: null, // no temporary measure (issue 15 §2)
      nextDeadlineAt: iso('2026-11-20 10:00'),
      nextDeadlineKind: 'respond',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('sorted by the next deadline by default, soonest first, jobs without a running clock last either way', async () => {
    const w = (k: string) => cd[k].number.replace('BX', 'WO');
    const asc = await list(`customerId=${hb}`);
    expect(numbers(asc.items)).toEqual([w('b'), w('a'), w('c'), w('d')]);
    expect(asc.items.map((i) => i.nextDeadlineKind)).toEqual(['respond', 'respond', 'arrive', null]);
    expect(asc.items[2].nextDeadlineAt).toBe(iso('2026-11-21 09:00')); // remote: 48 calendar hours
    expect(numbers((await list(`customerId=${hb}&sort=-deadline`)).items)).toEqual([w('c'), w('a'), w('b'), w('d')]);
    expect(numbers((await list(`customerId=${hb}&sort=-number`)).items)).toEqual([w('d'), w('c'), w('b'), w('a')]);
    expect(numbers((await list(`customerId=${hb}&sort=number&pageSize=2&page=2`)).items)).toEqual([w('c'), w('d')]);
    expect((await list(`customerId=${hb}&sort=createdAt`)).items[0].number).toBe(w('a'));
  });

  it('filters: several statuses, mine (lead or helper), lead, device, urgency, and search by number, serial or customer', async () => {
    const w = (k: string) => cd[k].number.replace('BX', 'WO');
    expect(numbers((await list(`customerId=${hb}&status=new,dispatched`)).items).sort()).toEqual([w('a'), w('b'), w('c')].sort());
    expect(numbers((await list(`customerId=${hb}&status=cancelled`)).items)).toEqual([w('d')]);
    expect(numbers((await list(`customerId=${hb}&mine=true`, technician)).items)).toEqual([w('a')]);
    expect(numbers((await list(`customerId=${hb}&mine=true`, engineer)).items)).toEqual([w('a')]);
    expect(numbers((await list(`customerId=${hb}&leadId=${ids.engineer2}`)).items)).toEqual([w('b')]);
    expect((await list(`deviceId=${await deviceId(env, 'ST5020-22-0145')}`)).total).toBe(2);
    expect(numbers((await list(`customerId=${hb}&urgency=emergency`)).items)).toEqual([w('b')]);
    expect(numbers((await list('q=SV600-24-1733')).items)).toEqual([w('b')]);
    expect(numbers((await list(`q=${cd.c.number}`)).items)).toEqual([w('c')]);
    expect(numbers((await list(`q=${w('c')}`)).items)).toEqual([w('c')]);
    expect((await list('q=承德')).total).toBe(4);
    expect((await list('q=%25_')).total).toBe(0);
  });

  it('paging by deadline keeps the order of one long page across jobs with and without a running clock; small totals are exact', async () => {
    for (const sort of ['deadline', '-deadline']) {
      const whole = await list(`customerId=${hb}&sort=${sort}&pageSize=200`);
      expect(whole).toMatchObject({ total: 4, totalExact: true });
      for (const size of [1, 2, 3]) {
        const paged: unknown[] = [];
        for (let page = 1; page <= Math.ceil(4 / size) + 1; page++)
          paged.push(...numbers((await list(`customerId=${hb}&sort=${sort}&pageSize=${size}&page=${page}`)).items));
        expect(paged, `${sort} by ${size}`).toEqual(numbers(whole.items));
      }
    }
  });

  it('a date range keeps the jobs opened on those company-local days', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
    expect((await list(`customerId=${hb}&from=${today}&to=${today}`)).total).toBe(4);
    expect((await list(`customerId=${hb}&from=${today}`)).total).toBe(4);
    expect((await list(`customerId=${hb}&to=${yesterday}`)).total).toBe(0);
    expect((await dispatcher.get(`/api/v1/work-orders?from=2026-02-30`)).statusCode).toBe(400);
  });

  it('bad filters are refused with 400', async () => {
    for (const q of ['status=bogus', 'status=new,bogus', 'status=', 'sort=urgency', 'mine=yes', 'leadId=x', 'pageSize=0', 'colour=red']) {
      const r = await dispatcher.get(`/api/v1/work-orders?${q}`);
      expect(r.statusCode, q).toBe(400);
    }
  });

  it('a hospital user lists only its own work orders', async () => {
    const all = await list('pageSize=200', renhe);
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((i) => i.customerName === '北京仁和医院')).toBe(true);
    expect((await list(`customerId=${hb}`, renhe)).total).toBe(0);
    expect((await list('q=承德', renhe)).total).toBe(0);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the JSON the endpoint answered.
function okData(r: { statusCode: number; body: string; data: any }) {
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.data;
}
