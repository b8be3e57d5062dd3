// Stories of the SLA clocks at fixed instants (SPEC §3: R-SLA-1..4, R-DSP-1): deadlines in
// working hours of the business calendar, pause and resume, the minute sweep's warnings and
// breaches (each exactly once), the loaner task 12 h after arrival, and requests left
// undispatched at close of business.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../jobs/sweeps.ts';
import type { Principal } from '../../lib/access.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { at, count, deviceId, iso, notified, one, principal } from '../../test/service.ts';
import { pauseRequestClocks, resumeRequestClocks } from '../requests/requests.service.ts';
import { dispatch, transition } from '../workorders/index.ts';

let env: TestEnv;
let dispatcher: Client;
let p: Record<'dispatcher' | 'engineer', Principal>;

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  p = { dispatcher: await principal(env, 'dispatcher'), engineer: await principal(env, 'engineer') };
});
afterAll(() => env?.close());

interface Clock {
  kind: string;
  dueAt: string;
  warnAt: string;
  stoppedAt: string | null;
  outcome: string | null;
  pausedAt: string | null;
}
async function register(serial: string, receivedLocal: string, extra: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '运行中报错',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    receivedAt: iso(receivedLocal),
    ...extra,
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.data as { id: string; workOrderId: string; version: number; clocks: Clock[] };
}
const clocks = async (id: string): Promise<Record<string, Clock>> =>
  Object.fromEntries((await dispatcher.get(`/api/v1/requests/${id}`)).data.clocks.map((c: Clock) => [c.kind, c]));
const requestVersion = async (id: string) => (await one<{ version: number }>(env, `select version from service_requests where id = '${id}'`)).version;
const woVersion = async (id: string) => (await one<{ version: number }>(env, `select version from work_orders where id = '${id}'`)).version;
const db = () => env.database.db;

describe('deadlines in working hours (R-SLA-1, R-SLA-2)', () => {
  it('a call on the eve of National Day: the holiday week does not count', async () => {
    const r = await register('ST5020-21-0031', '2026-09-30 16:30');
    const c = Object.fromEntries(r.clocks.map((k) => [k.kind, k]));
    expect(c.respond.dueAt).toBe(iso('2026-09-30 17:30')); // the last working hour of Wednesday
    expect(c.arrive.dueAt).toBe(iso('2026-10-08 10:30')); // 1 h on 30 Sept, 2 h on 8 Oct
  });

  it('a call late on the Friday before the make-up Saturday (调休) is due that Saturday', async () => {
    const r = await register('TP8000-24-0107', '2026-10-09 17:00');
    const c = Object.fromEntries(r.clocks.map((k) => [k.kind, k]));
    expect(c.respond.dueAt).toBe(iso('2026-10-10 09:00'));
    expect(c.respond.warnAt).toBe(iso('2026-10-10 08:45'));
  });

  it('a remote site gets 48 calendar hours to arrive; an emergency 15 minutes to respond and 2 hours to arrive, day or night', async () => {
    const remote = await register('ST5020-22-0145', '2026-11-20 16:00');
    expect(remote.clocks.find((k) => k.kind === 'arrive')?.dueAt).toBe(iso('2026-11-22 16:00'));
    const night = await register('SV600-24-1733', '2026-11-21 23:50', { deviceDown: true });
    const c = Object.fromEntries(night.clocks.map((k) => [k.kind, k]));
    expect(c.respond.dueAt).toBe(iso('2026-11-22 00:05'));
    expect(c.arrive.dueAt).toBe(iso('2026-11-22 01:50'));
  });
});

describe('pause and resume', () => {
  it('pausing with a reason and resuming next morning gives back exactly the working time that was left', async () => {
    const r = await register('ST5020-23-0220', '2026-11-17 10:00');
    await pauseRequestClocks(db(), p.dispatcher, r.id, r.version, '客户要求下午再联系', at('2026-11-17 10:30'));
    const paused = await clocks(r.id);
    expect(paused.respond).toMatchObject({ pausedAt: iso('2026-11-17 10:30'), dueAt: iso('2026-11-17 11:00') });
    // While paused, the sweep leaves the clocks alone.
    await sweep(db(), at('2026-11-17 15:00'));
    expect(await notified(env, 'sla_breach', r.id)).toEqual([]);
    await resumeRequestClocks(db(), p.dispatcher, r.id, await requestVersion(r.id), at('2026-11-18 09:00'));
    const c = await clocks(r.id);
    expect(c.respond).toMatchObject({ pausedAt: null, dueAt: iso('2026-11-18 09:30'), warnAt: iso('2026-11-18 09:15') });
    expect(c.arrive.dueAt).toBe(iso('2026-11-18 11:30')); // 150 working minutes were left
    expect(c.restore.dueAt).toBe(iso('2026-11-23 10:00')); // 23.5 working hours were left
    const events = await env.database.query<{ kind: string; reason: string | null }>(
      `select kind, data->>'reason' as reason from sla_events where request_id = '${r.id}' and kind in ('paused','resumed') order by id`,
    );
    expect(events.rows.filter((e) => e.kind === 'paused').every((e) => e.reason === '客户要求下午再联系')).toBe(true);
    expect(events.rows.filter((e) => e.kind === 'resumed')).toHaveLength(3);
  });
});

describe('the sweep (R-SLA-4)', () => {
  let r: Awaited<ReturnType<typeof register>>;
  beforeAll(async () => {
    r = await register('MT2255-24-0901', '2026-11-17 10:00');
  });
  const sent = async (kind: string, clock: string) =>
    (
      await env.database.query<{ username: string }>(
        `select u.username from notifications n join users u on u.id = n.user_id where n.kind = '${kind}' and n.ref_id = '${r.id}' and n.params->>'clock' = '${clock}' order by u.username`,
      )
    ).rows.map((x) => x.username);

  it('nothing fires before 75 % of the window', async () => {
    await sweep(db(), at('2026-11-17 10:44'));
    expect(await sent('sla_warning', 'respond')).toEqual([]);
  });

  it('the warning at 75 % notifies the owner and the service manager once, however often the sweep runs', async () => {
    await sweep(db(), at('2026-11-17 10:45'));
    await Promise.all([sweep(db(), at('2026-11-17 10:50')), sweep(db(), at('2026-11-17 10:50'))]);
    expect(await sent('sla_warning', 'respond')).toEqual(['dispatcher', 'manager']);
    expect((await clocks(r.id)).respond.outcome).toBeNull();
  });

  it('the breach after the due time notifies them once as well, and both are kept for KPIs', async () => {
    await sweep(db(), at('2026-11-17 11:00')); // due is the last moment still in time
    expect(await sent('sla_breach', 'respond')).toEqual([]);
    await sweep(db(), at('2026-11-17 11:01'));
    await sweep(db(), at('2026-11-17 11:30'));
    expect(await sent('sla_breach', 'respond')).toEqual(['dispatcher', 'manager']);
    expect(await sent('sla_warning', 'respond')).toEqual(['dispatcher', 'manager']);
    const events = await env.database.query<{ kind: string; n: number }>(
      `select e.kind, count(*)::int as n from sla_events e join sla_clocks c on c.id = e.clock_id where c.request_id = '${r.id}' and c.kind = 'respond' and e.kind in ('warning','breach') group by e.kind order by e.kind::text`,
    );
    expect(events.rows).toEqual([
      { kind: 'breach', n: 1 },
      { kind: 'warning', n: 1 },
    ]);
  });

  it('a sweep that comes late records the warning and the breach in one go, and sends only the breach', async () => {
    const res = await sweep(db(), at('2026-11-17 16:00'));
    expect(res).toMatchObject({ warned: 1, breached: 1 });
    // Both events are kept for KPIs; only the breach is sent (a warning arriving with it would be noise).
    const kinds = await env.database.query<{ kind: string }>(
      `select e.kind::text from sla_events e join sla_clocks c on c.id = e.clock_id where c.request_id = '${r.id}' and c.kind = 'arrive' and e.kind in ('warning','breach') order by e.id`,
    );
    expect(kinds.rows.map((k) => k.kind)).toEqual(['warning', 'breach']);
    expect(await sent('sla_warning', 'arrive')).toEqual([]);
    expect(await sent('sla_breach', 'arrive')).toEqual(['dispatcher', 'manager']);
    const manager = await env.as('manager');
    const inbox = await manager.get('/api/v1/notifications?limit=200', { 'accept-language': 'en-US' });
    const breach = inbox.data.items.find((n: { kind: string; refId: string; title: string }) => n.kind === 'sla_breach' && n.title.includes('arrival'));
    expect(breach.title).toMatch(/^BX-2026-\d{6}: arrival breached$/);
  });
});

describe('the loaner (R-SLA-3)', () => {
  it('still not restored 12 h after arrival: a loaner task is raised once, due 24 h after the call; restoring stops it', async () => {
    const r = await register('UCT760-23-1009', '2026-11-17 10:00');
    const wo = r.workOrderId;
    await dispatch(db(), p.dispatcher, wo, { version: await woVersion(wo), leadEngineerId: p.engineer.id, helperIds: [] }, at('2026-11-17 10:10'));
    await transition(db(), p.engineer, wo, { version: await woVersion(wo), to: 'accepted' }, at('2026-11-17 10:15'));
    await transition(db(), p.engineer, wo, { version: await woVersion(wo), to: 'on_site' }, at('2026-11-17 11:00'));
    const arrived = await clocks(r.id);
    expect(arrived.arrive).toMatchObject({ stoppedAt: iso('2026-11-17 11:00'), outcome: 'met' });
    await transition(db(), p.engineer, wo, { version: await woVersion(wo), to: 'waiting_parts', reason: '等待球管' }, at('2026-11-17 15:00'));

    expect((await sweep(db(), at('2026-11-17 22:59'))).loanersRaised).toBe(0);
    const raised = await sweep(db(), at('2026-11-17 23:00'));
    expect(raised.loanersRaised).toBe(1);
    await sweep(db(), at('2026-11-17 23:05'));
    const loaner = (await clocks(r.id)).loaner;
    expect(loaner).toMatchObject({ startedAt: iso('2026-11-17 23:00'), dueAt: iso('2026-11-18 10:00'), stoppedAt: null });
    expect(await notified(env, 'loaner_needed', r.id)).toEqual(['dispatcher', 'manager']);
    expect(await count(env, `select count(*)::int as n from sla_clocks where request_id = '${r.id}' and kind = 'loaner'`)).toBe(1);

    await transition(db(), p.engineer, wo, { version: await woVersion(wo), to: 'resolved' }, at('2026-11-18 09:00'));
    expect((await clocks(r.id)).loaner).toMatchObject({ stoppedAt: iso('2026-11-18 09:00'), outcome: 'met' });
    expect((await clocks(r.id)).restore).toMatchObject({ outcome: 'met', dueAt: iso('2026-11-20 11:30') });
  });

  it('a repair that does not hold reopens the restore clock against its original target (R-SLA-2)', async () => {
    const r = (await dispatcher.get(`/api/v1/requests?q=UCT760-23-1009`)).data.items[0];
    const wo = r.workOrderId;
    await expect(transition(db(), p.engineer, wo, { version: await woVersion(wo), to: 'on_site' }, at('2026-11-19 10:00'))).rejects.toMatchObject({
      code: 'reason_required',
    });
    await transition(db(), p.engineer, wo, { version: await woVersion(wo), to: 'on_site', reason: '客户反馈故障复现' }, at('2026-11-19 10:00'));
    expect((await clocks(r.id)).restore).toMatchObject({ stoppedAt: null, outcome: null, dueAt: iso('2026-11-20 11:30') });
    expect((await dispatcher.get(`/api/v1/requests/${r.id}`)).data.status).toBe('in_progress');
    await sweep(db(), at('2026-11-20 11:31'));
    const breach = await env.database.query<{ username: string }>(
      `select u.username from notifications n join users u on u.id = n.user_id where n.kind = 'sla_breach' and n.ref_id = '${r.id}' and n.params->>'clock' = 'restore' order by 1`,
    );
    expect(breach.rows.map((x) => x.username)).toEqual(['dispatcher', 'manager']);
    await transition(db(), p.engineer, wo, { version: await woVersion(wo), to: 'resolved' }, at('2026-11-20 15:00'));
    expect((await clocks(r.id)).restore).toMatchObject({ stoppedAt: iso('2026-11-20 15:00'), outcome: 'breached' });
  });
});

describe('close of business (R-DSP-1)', () => {
  it('a request still undispatched when the working day closes is flagged for the morning; dispatching clears it', async () => {
    const r = await register('SV600-25-2201', '2026-11-17 15:00');
    const late = await register('PM9000-26-0301', '2026-11-17 18:00');
    const flag = async (id: string) => (await dispatcher.get(`/api/v1/requests/${id}`)).data.priorityDispatch;
    await sweep(db(), at('2026-11-17 17:29'));
    expect(await flag(r.id)).toBe(false);
    await sweep(db(), at('2026-11-17 17:30'));
    expect(await flag(r.id)).toBe(true);
    expect(await flag(late.id)).toBe(false); // arrived after close: its day is Wednesday
    await sweep(db(), at('2026-11-18 09:00'));
    expect(await flag(late.id)).toBe(false);
    await sweep(db(), at('2026-11-18 17:30'));
    expect(await flag(late.id)).toBe(true);
    const flagged = await dispatcher.get('/api/v1/requests?open=true&pageSize=200');
    expect(flagged.data.items.filter((i: { priorityDispatch: boolean }) => i.priorityDispatch).length).toBeGreaterThanOrEqual(2);
    await dispatch(
      db(),
      p.dispatcher,
      r.workOrderId,
      { version: await woVersion(r.workOrderId), leadEngineerId: p.engineer.id, helperIds: [] },
      at('2026-11-18 08:40'),
    );
    expect(await flag(r.id)).toBe(false);
    const admin = await env.as('admin');
    const trail = await admin.get(`/api/v1/audit?entity=service_request&entityId=${r.id}&pageSize=50`);
    expect(
      trail.data.items.some((e: { actorName: string; after: { priorityDispatch: boolean } }) => e.actorName === 'system' && e.after.priorityDispatch),
    ).toBe(true);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});
