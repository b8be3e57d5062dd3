// Stories of the repair register (SPEC §3: R-REQ-1..3, R-SLA-1/2): customer service takes a
// call, the server derives coverage and urgency, the caller owns the case, a work order and
// its SLA clocks start; hospitals report in the portal and see only their own cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, iso, notified, one, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let dev: Record<string, string>;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  dev = {};
  for (const s of [
    'ST5020-21-0031',
    'SV600-25-2201',
    'UCT760-23-1009',
    'TP8000-24-0107',
    'PM9000-26-0301',
    'ST5020-23-0220',
    'ST5020-22-0145',
    'SV600-22-0815',
  ]) {
    dev[s] = await deviceId(env, s);
  }
});
afterAll(() => env?.close());

const call = (serial: string, extra: Record<string, unknown> = {}) => ({
  deviceId: dev[serial],
  faultDescription: '开机后报错 E102，无法染色',
  deviceDown: false,
  channel: 'phone',
  reporterName: '王红',
  reporterPhone: '13801010001',
  receivedAt: iso('2026-11-17 10:00'),
  ...extra,
});
const requestCount = () => count(env, 'select count(*)::int as n from service_requests');

describe('registering a call (R-REQ-1..3)', () => {
  it('a dispatcher registers a call on a unit under contract: category, urgency, owner, work order and working-hour clocks', async () => {
    const r = await dispatcher.post('/api/v1/requests', call('ST5020-21-0031'));
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({
      serialNumber: 'ST5020-21-0031',
      customerName: '北京仁和医院',
      regionClass: 'urban',
      category: 'contract', // R-REQ-1 / seed 002 §1: derived from HT-2026-014, in force on the day received
      proposedUrgency: 'normal',
      urgency: 'normal',
      urgencyReason: null,
      ownerId: await userId(env, 'dispatcher'), // R-REQ-2 首问负责制
      status: 'open',
      channel: 'phone',
      workOrderStatus: 'new',
      flags: { safetyHold: false, openRequestNumbers: [], notAccepted: false },
    });
    expect(r.data.number).toMatch(/^BX-2026-\d{6}$/);
    expect(r.data.workOrderNumber).toBe(r.data.number.replace('BX', 'WO'));
    expect(r.data.contractId).not.toBeNull();
    // R-SLA-1/2: Tuesday 10:00, office hours 08:30–12:00 and 13:30–17:30.
    const byKind = Object.fromEntries(r.data.clocks.map((c: { kind: string }) => [c.kind, c]));
    expect(byKind.respond).toMatchObject({ basis: 'working', targetMinutes: 60, dueAt: iso('2026-11-17 11:00'), warnAt: iso('2026-11-17 10:45') });
    // 3 working hours: two before lunch, one after.
    expect(byKind.arrive).toMatchObject({ basis: 'working', targetMinutes: 180, dueAt: iso('2026-11-17 14:30'), warnAt: iso('2026-11-17 13:45') });
    // 24 working hours = the rest of Tuesday (6 h), Wednesday and Thursday (7.5 h each), 3 h on Friday.
    expect(byKind.restore).toMatchObject({ basis: 'working', targetMinutes: 1440, dueAt: iso('2026-11-20 11:30') });
    expect(r.data.nextDueAt).toBe(iso('2026-11-17 11:00'));
  });

  it('R-REQ-3: a ventilator down is an emergency and notifies the service manager and the technical experts at once', async () => {
    const r = await dispatcher.post('/api/v1/requests', call('SV600-25-2201', { deviceDown: true, faultDescription: '呼吸机停机，报警 A31' }));
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ urgency: 'emergency', proposedUrgency: 'emergency', category: 'paid' }); // warranty ended 2026-10-08, no contract
    const byKind = Object.fromEntries(r.data.clocks.map((c: { kind: string }) => [c.kind, c]));
    expect(byKind.respond).toMatchObject({ basis: 'calendar', targetMinutes: 15, dueAt: iso('2026-11-17 10:15') });
    expect(byKind.arrive).toMatchObject({ basis: 'calendar', targetMinutes: 120, dueAt: iso('2026-11-17 12:00') });
    expect(await notified(env, 'emergency_request', r.data.id)).toEqual(['expert', 'manager']);
    expect((await one<{ status: string }>(env, `select status from devices where id = '${dev['SV600-25-2201']}'`)).status).toBe('down');
    const manager = await env.as('manager');
    const inbox = await manager.get('/api/v1/notifications?unread=true', EN);
    expect(inbox.data.items[0]).toMatchObject({ kind: 'emergency_request', title: `Emergency request ${r.data.number}`, refId: r.data.id });
    expect(inbox.data.items[0].body).toContain('SV600-25-2201');
  });

  it('R-REQ-3: a CT unable to scan is proposed as an emergency; choosing another urgency needs a reason', async () => {
    const before = await requestCount();
    const bare = await dispatcher.post('/api/v1/requests', call('UCT760-23-1009', { deviceDown: true, urgency: 'urgent' }), EN);
    expect(bare.statusCode).toBe(422);
    expect(bare.data).toMatchObject({ code: 'urgency_reason_required', detail: 'Changing the proposed urgency needs a reason.' });
    expect(bare.data.fields).toEqual([expect.objectContaining({ field: 'urgencyReason', code: 'required' })]);
    expect(await requestCount()).toBe(before);
    const r = await dispatcher.post(
      '/api/v1/requests',
      call('UCT760-23-1009', { deviceDown: true, urgency: 'urgent', urgencyReason: '医院另有一台 CT 可用，患者已分流' }),
    );
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ urgency: 'urgent', proposedUrgency: 'emergency', urgencyReason: '医院另有一台 CT 可用，患者已分流' });
    expect(await notified(env, 'emergency_request', r.data.id)).toEqual([]);
  });

  it('a second call on a unit with an open request, or on a unit on safety hold, is flagged', async () => {
    const first = (await dispatcher.get(`/api/v1/requests?deviceId=${dev['ST5020-21-0031']}`)).data.items[0];
    const again = await dispatcher.post('/api/v1/requests', call('ST5020-21-0031', { receivedAt: iso('2026-11-17 11:00') }));
    expect(again.statusCode).toBe(201);
    expect(again.data.flags.openRequestNumbers).toEqual([first.number]);
    await env.database.exec(`update devices set status = 'safety_hold' where id = '${dev['TP8000-24-0107']}'`);
    const held = await dispatcher.post('/api/v1/requests', call('TP8000-24-0107'));
    expect(held.statusCode).toBe(201);
    expect(held.data.flags).toMatchObject({ safetyHold: true, openRequestNumbers: [] });
  });

  it('bad input is refused with a specific message and changes nothing', async () => {
    const before = await requestCount();
    const future = await dispatcher.post('/api/v1/requests', call('PM9000-26-0301', { receivedAt: new Date(Date.now() + 3600_000).toISOString() }), EN);
    expect(future.statusCode).toBe(422);
    expect(future.data).toMatchObject({ code: 'received_in_future', detail: 'The time received cannot be in the future.' });
    const ghost = await dispatcher.post('/api/v1/requests', call('PM9000-26-0301', { deviceId: '00000000-0000-4000-8000-000000000009' }));
    expect(ghost.statusCode).toBe(422);
    expect(ghost.data.fields[0]).toMatchObject({ field: 'deviceId', code: 'not_found' });
    const noText = await dispatcher.post('/api/v1/requests', call('PM9000-26-0301', { faultDescription: '   ' }));
    expect(noText.statusCode).toBe(400);
    expect(noText.data.fields[0].field).toBe('faultDescription');
    const badChannel = await dispatcher.post('/api/v1/requests', call('PM9000-26-0301', { channel: 'fax', extra: 1 }));
    expect(badChannel.statusCode).toBe(400);
    const badTime = await dispatcher.post('/api/v1/requests', call('PM9000-26-0301', { receivedAt: '2026-13-45T99:00:00+08:00' }));
    expect(badTime.statusCode).toBe(400);
    await env.database.exec(`update devices set status = 'retired' where serial_number = 'PM9000-LOANER-01'`);
    const retired = await dispatcher.post('/api/v1/requests', call('PM9000-26-0301', { deviceId: await deviceId(env, 'PM9000-LOANER-01') }));
    expect(retired.statusCode).toBe(422);
    expect(retired.data.code).toBe('device_retired');
    expect(await requestCount()).toBe(before);
  });

  it('an engineer may register a call; finance may not', async () => {
    const finance = await env.as('finance');
    const r = await finance.post('/api/v1/requests', call('PM9000-26-0301'));
    expect(r.statusCode).toBe(403);
  });
});

describe('the hospital portal', () => {
  it('a hospital user reports a fault: portal channel, no owner until dispatched, customer service is told', async () => {
    const renhe = await env.as('renhe');
    const r = await renhe.post('/api/v1/requests', call('PM9000-26-0301', { channel: 'phone', receivedAt: undefined }));
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ channel: 'portal', ownerId: null, category: 'warranty' });
    expect(await notified(env, 'request_registered', r.data.id)).toEqual(['dispatcher']);
  });

  it('a hospital user sees only its own requests; another hospital’s answer 404 and cannot be reported on', async () => {
    const ruikang = await env.as('ruikang');
    const theirs = await dispatcher.post('/api/v1/requests', call('ST5020-23-0220'));
    expect(theirs.statusCode).toBe(201);
    const renhe = await env.as('renhe');
    const list = await renhe.get('/api/v1/requests?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.data.total).toBeGreaterThan(0);
    expect(list.data.items.every((i: { customerName: string }) => i.customerName === '北京仁和医院')).toBe(true);
    expect((await renhe.get(`/api/v1/requests/${theirs.data.id}`)).statusCode).toBe(404);
    expect((await renhe.get(`/api/v1/work-orders/${theirs.data.workOrderId}`)).statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/requests/${theirs.data.id}`)).statusCode).toBe(200);
    const foreign = await renhe.post('/api/v1/requests', call('ST5020-23-0220', { receivedAt: undefined }));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.data.fields[0]).toMatchObject({ field: 'deviceId', code: 'not_found' });
    const pause = await renhe.post(`/api/v1/requests/${theirs.data.id}/pause`, { version: 1, reason: 'x' });
    expect(pause.statusCode).toBe(403);
  });
});

describe('working the case', () => {
  it('the response is recorded once; pause needs a reason and the right version; resume gives the time back', async () => {
    const r = (await dispatcher.post('/api/v1/requests', call('ST5020-22-0145', { receivedAt: undefined }))).data;
    expect(r.regionClass).toBe('remote');
    expect(r.clocks.find((c: { kind: string }) => c.kind === 'arrive')).toMatchObject({ basis: 'calendar', targetMinutes: 48 * 60 });
    const engineer = await env.as('engineer');
    const responded = await engineer.post(`/api/v1/requests/${r.id}/respond`, { version: r.version });
    expect(responded.statusCode).toBe(200);
    expect(responded.data.clocks.find((c: { kind: string }) => c.kind === 'respond').outcome).not.toBeNull();
    const twice = await engineer.post(`/api/v1/requests/${r.id}/respond`, { version: responded.data.version }, EN);
    expect(twice.statusCode).toBe(409);
    expect(twice.data.code).toBe('already_responded');

    const v = responded.data.version;
    expect((await dispatcher.post(`/api/v1/requests/${r.id}/pause`, { version: v })).statusCode).toBe(400);
    expect((await dispatcher.post(`/api/v1/requests/${r.id}/pause`, { version: v, reason: '  ' })).statusCode).toBe(400);
    const stale = await dispatcher.post(`/api/v1/requests/${r.id}/pause`, { version: v - 1, reason: '医院要求下周再来' });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.currentVersion).toBe(v);
    const paused = await dispatcher.post(`/api/v1/requests/${r.id}/pause`, { version: v, reason: '医院要求下周再来' });
    expect(paused.statusCode).toBe(200);
    const running = paused.data.clocks.filter((c: { stoppedAt: string | null }) => !c.stoppedAt);
    expect(running.every((c: { pausedAt: string; pauseReason: string }) => c.pausedAt && c.pauseReason === '医院要求下周再来')).toBe(true);
    const again = await dispatcher.post(`/api/v1/requests/${r.id}/pause`, { version: paused.data.version, reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('sla_nothing_to_pause');
    const resumed = await dispatcher.post(`/api/v1/requests/${r.id}/resume`, { version: paused.data.version });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.data.clocks.every((c: { pausedAt: string | null }) => c.pausedAt === null)).toBe(true);
    const notPaused = await dispatcher.post(`/api/v1/requests/${r.id}/resume`, { version: resumed.data.version }, EN);
    expect(notPaused.statusCode).toBe(409);
    expect(notPaused.data.detail).toBe('The SLA clocks are not paused.');
  });

  it('the register lists, filters and searches; unknown filters are refused', async () => {
    const emergencies = await dispatcher.get('/api/v1/requests?urgency=emergency');
    expect(emergencies.data.items.map((i: { serialNumber: string }) => i.serialNumber)).toEqual(['SV600-25-2201']);
    const bySerial = await dispatcher.get('/api/v1/requests?q=UCT760');
    expect(bySerial.data.total).toBe(1);
    const open = await dispatcher.get('/api/v1/requests?open=true&sort=urgency&pageSize=200');
    expect(open.data.items[0].urgency).toBe('emergency');
    expect((await dispatcher.get('/api/v1/requests?colour=red')).statusCode).toBe(400);
    expect((await dispatcher.get('/api/v1/requests?sort=owner')).statusCode).toBe(400);
  });

  it("issue 12 item 1: the register shows each request's kind of job and filters by it; an unknown kind is refused", async () => {
    const created = await dispatcher.post('/api/v1/work-orders', {
      kind: 'training',
      deviceId: dev['ST5020-22-0145'],
      description: '病理科新入职技师操作培训',
      plannedDate: '2026-12-10',
    });
    expect(created.statusCode, created.body).toBe(201);
    const training = await dispatcher.get('/api/v1/requests?kind=training&pageSize=200');
    expect(training.statusCode).toBe(200);
    expect(training.data.items.map((i: { id: string; kind: string }) => [i.id, i.kind])).toEqual([[created.data.requestId, 'training']]);
    const repairs = await dispatcher.get('/api/v1/requests?kind=repair&pageSize=200');
    expect(repairs.data.total).toBeGreaterThan(0);
    expect(repairs.data.items.every((i: { kind: string }) => i.kind === 'repair')).toBe(true);
    expect(repairs.data.items.map((i: { id: string }) => i.id)).not.toContain(created.data.requestId);
    const all = await dispatcher.get('/api/v1/requests?pageSize=200');
    expect(all.data.total).toBe(repairs.data.total + 1);
    expect((await dispatcher.get('/api/v1/requests?kind=installation')).data.total).toBe(0);
    const bad = await dispatcher.get('/api/v1/requests?kind=spaceship', EN);
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields.map((f: { field: string }) => f.field)).toEqual(['querystring.kind']);
  });

  it('every registration is in the audit trail and the chain verifies', async () => {
    const admin = await env.as('admin');
    const r = (await dispatcher.get('/api/v1/requests?q=UCT760')).data.items[0];
    const trail = await admin.get(`/api/v1/audit?entity=service_request&entityId=${r.id}`);
    expect(trail.data.items.map((e: { action: string }) => e.action)).toContain('create');
    const wo = await admin.get(`/api/v1/audit?entity=work_order&entityId=${r.workOrderId}`);
    expect(wo.data.total).toBeGreaterThan(0);
    const verify = await admin.get('/api/v1/audit/verify');
    expect(verify.data.ok).toBe(true);
  });
});
