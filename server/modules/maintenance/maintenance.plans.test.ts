// Yearly maintenance plan story (issue 13 §1, R-PM-1; seed 002 事先告知客户…影响范围和影响时间): a
// maintenance contract → its year plan (every device, working days, engineers) → the advance notice
// to the hospital, sent exactly once (two sweeps racing, a re-run) → the hospital confirms or asks
// another date in the portal, another hospital gets 404 → the planner moves the visit (a holiday is
// refused with a translated 422) → the job opens exactly one work order per due visit, dispatched to
// the planned engineer (an unqualified one or one on leave: undispatched, the manager told once) → plan vs done
// shows the visit done once its work order is resolved; overdue visits are flagged to the manager once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { at, count, deviceId, notified, one } from '../../test/service.ts';
import { createContract } from '../contracts/index.ts';
import { flagOverdueVisits, openDueWorkOrders, sendAdvanceNotices } from './maintenance.plans.service.ts';

let env: TestEnv;
let manager: Client;
let dispatcher: Client;
let engineer: Client;
let renhe: Client;
let ruikang: Client;
let contractId: string;
const EN = { 'accept-language': 'en-US' };
const TZ = 'Asia/Shanghai';
const YEAR = 2028;

type Visit = { id: string; version: number; plannedDate: string; serialNumber: string; status: string; engineerId: string | null; workOrderId: string | null };
const visits = async (c: Client, query = '') =>
  (await c.get(`/api/v1/maintenance-visits?year=${YEAR}&pageSize=200&contractId=${contractId}${query}`)).data.items as Visit[];

beforeAll(async () => {
  env = await createTestEnv();
  [manager, dispatcher, engineer, renhe, ruikang] = await Promise.all(['manager', 'dispatcher', 'engineer', 'renhe', 'ruikang'].map((u) => env.as(u)));
  const customer = await one<{ id: string }>(env, `select id from customers where code = 'BJ-RH'`);
  const c = await createContract(
    env.database.db,
    { id: null, name: 'test' },
    {
      number: 'HT-2028-PM',
      customerId: customer.id,
      kind: 'maintenance',
      startDate: '2028-01-01',
      endDate: '2028-12-31',
      deviceIds: [await deviceId(env, 'ST5020-21-0031'), await deviceId(env, 'TP8000-24-0107')],
      slaPolicy: '标准服务',
      visitsPerYear: 4,
      price: '50000.00',
      currency: 'CNY',
      notes: null,
    },
    TZ,
  );
  contractId = c.id;
});
afterAll(() => env?.close());

describe('R-PM-1 yearly maintenance plan: contract → plan → notice → work order → done', () => {
  it('generating the plan: 4 visits per device on working days, spread over the year, each with an engineer; audited', async () => {
    const r = await dispatcher.post('/api/v1/maintenance-plans/generate', { contractId, year: YEAR });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ plans: 2, created: 8, kept: 0, cancelled: 0, skippedDevices: [] });
    const all = await visits(manager);
    expect(all).toHaveLength(8);
    const st = all.filter((v) => v.serialNumber === 'ST5020-21-0031').map((v) => v.plannedDate);
    expect(st.map((d) => d.slice(5, 7))).toEqual(['02', '05', '08', '11']);
    for (const v of all) {
      const dow = new Date(`${v.plannedDate}T00:00:00Z`).getUTCDay();
      expect(dow, v.plannedDate).not.toBe(0);
      expect(dow, v.plannedDate).not.toBe(6);
      expect(v.engineerId).not.toBeNull();
      expect(v.status).toBe('planned');
    }
    expect(await count(env, `select count(*) n from audit_log where entity = 'maintenance_visit' and action = 'create'`)).toBe(8);
    expect(await count(env, `select count(*) n from audit_log where entity = 'maintenance_plan'`)).toBe(2);
  });

  it('the week view asks a date range (from/to inclusive): only the visits planned in it; a bad date is a 400 naming the field', async () => {
    const all = await visits(manager);
    const first = all.map((v) => v.plannedDate).sort()[0];
    const inQ1 = all.filter((v) => v.plannedDate >= `${YEAR}-01-01` && v.plannedDate <= `${YEAR}-03-31`);
    const q1 = await visits(manager, `&from=${YEAR}-01-01&to=${YEAR}-03-31`);
    expect(q1.map((v) => v.id).sort()).toEqual(inQ1.map((v) => v.id).sort());
    expect((await visits(manager, `&from=${first}&to=${first}`)).every((v) => v.plannedDate === first)).toBe(true);
    const bad = await manager.get(`/api/v1/maintenance-visits?from=${YEAR}-13-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields.map((f: { field: string }) => f.field)).toContain('querystring.from');
  });

  it('the engineer reads the plan but cannot generate; hospital users cannot generate', async () => {
    expect((await engineer.get(`/api/v1/maintenance-visits?year=${YEAR}`)).statusCode).toBe(200);
    expect((await engineer.post('/api/v1/maintenance-plans/generate', { contractId, year: YEAR })).statusCode).toBe(403);
    expect((await renhe.post('/api/v1/maintenance-plans/generate', { contractId, year: YEAR })).statusCode).toBe(403);
  });

  it('a year the contract does not cover: a translated 422', async () => {
    const r = await manager.post('/api/v1/maintenance-plans/generate', { contractId, year: 2030 }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('maintenance_plan_outside_contract');
    expect(r.data.detail).toMatch(/HT-2028-PM does not cover 2030/);
  });

  it('the advance notice is sent exactly once: two sweeps racing and a re-run tell the hospital one time', async () => {
    const [first] = (await visits(manager)).sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
    const now = at(`${addDays(first.plannedDate, -6)} 08:00`);
    const [a, b] = await Promise.all([sendAdvanceNotices(env.database.db, TZ, now), sendAdvanceNotices(env.database.db, TZ, now)]);
    const again = await sendAdvanceNotices(env.database.db, TZ, now);
    expect(again).toBe(0);
    const sentIds = (await env.database.query<{ id: string }>(`select id from maintenance_visits where notice_sent_at is not null`)).rows.map((r) => r.id);
    expect(a + b).toBe(sentIds.length);
    expect(sentIds).toContain(first.id);
    expect(await notified(env, 'maintenance_notice', first.id)).toEqual(['renhe']);
    // What the hospital reads: the tasks of the template, the device, the time it is out of use.
    const n = (await renhe.get('/api/v1/notifications')).data;
    const items = (n.items ?? n) as { kind: string; title: string; body: string }[];
    const notice = items.find((i) => i.kind === 'maintenance_notice');
    expect(notice?.body).toMatch(/预防性保养/);
    expect(notice?.body).toMatch(/分钟/);
    const row = (await visits(renhe)).find((v) => v.id === first.id);
    expect(row?.status).toBe('notified');
  });

  it("the hospital confirms in the portal; another hospital's user gets 404 and sees none of it", async () => {
    const [first] = (await visits(manager)).sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
    const other = await ruikang.post(`/api/v1/maintenance-visits/${first.id}/respond`, { version: first.version, response: 'confirm' });
    expect(other.statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/maintenance-visits/${first.id}`)).statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/maintenance-visits?year=${YEAR}`)).data.total).toBe(0);
    const r = await renhe.post(`/api/v1/maintenance-visits/${first.id}/respond`, { version: first.version, response: 'confirm' });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'confirmed', customerResponse: 'confirmed' });
  });

  it('the hospital asks another date with a reason; the planners are told; without a reason it is a 422 naming the field', async () => {
    const second = (await visits(renhe)).sort((a, b) => a.plannedDate.localeCompare(b.plannedDate))[2];
    const bad = await renhe.post(`/api/v1/maintenance-visits/${second.id}/respond`, {
      version: second.version,
      response: 'reschedule',
      requestedDate: '2028-06-07',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.data.fields).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
    const r = await renhe.post(`/api/v1/maintenance-visits/${second.id}/respond`, {
      version: second.version,
      response: 'reschedule',
      requestedDate: '2028-06-07',
      reason: '当天科室有重要手术安排',
    });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'reschedule_requested', requestedDate: '2028-06-07', flag: 'requested' });
    expect(await notified(env, 'maintenance_reschedule', second.id)).toEqual(expect.arrayContaining(['dispatcher', 'manager']));
  });

  it('moving a visit to a holiday or a weekend is refused with a translated 422; to a working day it moves, audited, to be announced again', async () => {
    const requested = (await visits(manager, '&status=reschedule_requested'))[0];
    const holiday = await dispatcher.patch(`/api/v1/maintenance-visits/${requested.id}`, { version: requested.version, plannedDate: '2028-10-02' }, EN);
    expect(holiday.statusCode).toBe(422);
    expect(holiday.data.code).toBe('maintenance_visit_not_working_day');
    expect(holiday.data.detail).toMatch(/2028-10-02 is not a working day/);
    expect(holiday.data.fields).toEqual([expect.objectContaining({ field: 'plannedDate', code: 'not_working_day' })]);
    const weekend = await dispatcher.patch(`/api/v1/maintenance-visits/${requested.id}`, { version: requested.version, plannedDate: '2028-06-10' });
    expect(weekend.statusCode).toBe(422);
    expect(weekend.data.detail).toMatch(/不是工作日/);
    const audits = await count(env, `select count(*) n from audit_log where entity = 'maintenance_visit' and entity_id = '${requested.id}'`);
    const moved = await dispatcher.patch(`/api/v1/maintenance-visits/${requested.id}`, { version: requested.version, plannedDate: '2028-06-07' });
    expect(moved.statusCode).toBe(200);
    expect(moved.data).toMatchObject({ plannedDate: '2028-06-07', status: 'planned', requestedDate: null, noticeSentAt: null });
    expect(await count(env, `select count(*) n from audit_log where entity = 'maintenance_visit' and entity_id = '${requested.id}'`)).toBe(audits + 1);
    const stale = await dispatcher.patch(`/api/v1/maintenance-visits/${requested.id}`, { version: requested.version, plannedDate: '2028-06-08' });
    expect(stale.statusCode).toBe(409);
    expect((await engineer.patch(`/api/v1/maintenance-visits/${requested.id}`, { version: moved.data.version, plannedDate: '2028-06-08' })).statusCode).toBe(
      403,
    );
  });

  it('the job opens one maintenance work order per due visit; two runs racing and a re-run open no more', async () => {
    const [first] = (await visits(manager)).sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
    const now = at(`${addDays(first.plannedDate, -6)} 07:15`);
    const before = await count(env, `select count(*) n from work_orders where kind = 'maintenance'`);
    const [a, b] = await Promise.all([openDueWorkOrders(env.database.db, TZ, now), openDueWorkOrders(env.database.db, TZ, now)]);
    expect(await openDueWorkOrders(env.database.db, TZ, now)).toBe(0);
    const linked = await count(env, `select count(*) n from maintenance_visits where work_order_id is not null`);
    expect(a + b).toBe(linked);
    expect(linked).toBeGreaterThanOrEqual(1);
    expect(await count(env, `select count(*) n from work_orders where kind = 'maintenance'`)).toBe(before + linked);
    const v = (await visits(manager)).find((x) => x.id === first.id) as Visit;
    expect(v).toMatchObject({ status: 'ordered' });
    const wo = await one<{ planned_date: string; kind: string; device_id: string }>(
      env,
      `select planned_date::text, kind, device_id from work_orders where id = '${v.workOrderId}'`,
    );
    expect(wo).toMatchObject({ planned_date: first.plannedDate, kind: 'maintenance' });
    // Issue 13 §1: it went to the planned engineer, dispatched by the planner (audited), in their 我的工单.
    const sent = await one<{ status: string; lead_engineer_id: string }>(env, `select status, lead_engineer_id from work_orders where id = '${v.workOrderId}'`);
    expect(sent).toEqual({ status: 'dispatched', lead_engineer_id: first.engineerId });
    expect(await count(env, `select count(*) n from work_order_events where work_order_id = '${v.workOrderId}' and to_status = 'dispatched'`)).toBe(1);
    expect(await notified(env, 'maintenance_dispatch_refused', first.id)).toEqual([]);
    const planned = await one<{ username: string }>(env, `select username from users where id = '${first.engineerId}'`);
    expect(await notified(env, 'work_order_assigned', v.workOrderId as string)).toEqual([planned.username]);
    const mine = (await (await env.as(planned.username)).get('/api/v1/work-orders?mine=true&pageSize=100')).data.items as { id: string }[];
    expect(mine.map((w) => w.id)).toContain(v.workOrderId);
    // An ordered visit is no longer moved on the plan (the work order carries it).
    const locked = await dispatcher.patch(`/api/v1/maintenance-visits/${v.id}`, { version: v.version, plannedDate: addDays(first.plannedDate, 1) });
    expect(locked.statusCode).toBe(409);
    // Nor is its engineer: the work order is already theirs (a reassignment is the dispatch board's).
    const other = await one<{ id: string }>(env, `select id from users where username = 'engineer2'`);
    const moveEngineer = await dispatcher.patch(`/api/v1/maintenance-visits/${v.id}`, { version: v.version, engineerId: other.id });
    expect(moveEngineer.statusCode).toBe(409);
    expect(moveEngineer.data.code).toBe('maintenance_visit_locked');
  });

  it('a planned engineer who is not qualified for the model, or on leave: the work order stays undispatched and the manager is told once, with the reason', async () => {
    const open = (await visits(manager))
      .filter((v) => !v.workOrderId && ['planned', 'notified', 'confirmed'].includes(v.status))
      .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
    const [x, y] = open;
    const ids = await env.database.query<{ id: string; username: string }>(`select id, username from users where username in ('engineer', 'engineer2')`);
    const idOf = (u: string) => ids.rows.find((r) => r.username === u)?.id as string;
    // x goes to engineer2, who loses the qualification for x's model (R-TR-1); y to engineer, whose dispatch profile is off (leave).
    const mx = await dispatcher.patch(`/api/v1/maintenance-visits/${x.id}`, { version: x.version, engineerId: idOf('engineer2') });
    expect(mx.statusCode).toBe(200);
    const my = await dispatcher.patch(`/api/v1/maintenance-visits/${y.id}`, { version: y.version, engineerId: idOf('engineer') });
    expect(my.statusCode).toBe(200);
    await env.database.query(`delete from qualifications where user_id = $1 and model_id = (select model_id from devices where serial_number = $2)`, [
      idOf('engineer2'),
      x.serialNumber,
    ]);
    await env.database.query(`insert into engineer_profiles (user_id, active) values ($1, false) on conflict (user_id) do update set active = false`, [
      idOf('engineer'),
    ]);
    const now = at(`${addDays(y.plannedDate, -6)} 07:15`);
    const opened = await openDueWorkOrders(env.database.db, TZ, now);
    expect(opened).toBeGreaterThanOrEqual(2);
    expect(await openDueWorkOrders(env.database.db, TZ, now)).toBe(0);
    for (const v of [x, y]) {
      const row = (await visits(manager)).find((r) => r.id === v.id) as Visit;
      expect(row.status).toBe('ordered');
      expect(await count(env, `select count(*) n from maintenance_visits where id = '${v.id}' and work_order_id is not null`)).toBe(1);
      const wo = await one<{ status: string; lead_engineer_id: string | null }>(
        env,
        `select status, lead_engineer_id from work_orders where id = '${row.workOrderId}'`,
      );
      expect(wo).toEqual({ status: 'new', lead_engineer_id: null });
      expect(await notified(env, 'maintenance_dispatch_refused', v.id)).toEqual(['manager']);
    }
    const items = (await manager.get('/api/v1/notifications', EN)).data.items as { kind: string; refId: string; body: string }[];
    expect(items.find((i) => i.kind === 'maintenance_dispatch_refused' && i.refId === x.id)?.body).toMatch(/holds no valid qualification/);
    expect(items.find((i) => i.kind === 'maintenance_dispatch_refused' && i.refId === y.id)?.body).toMatch(/not available for dispatch/);
    // A later run does not come back to them: still one work order each, one notice each.
    expect(await openDueWorkOrders(env.database.db, TZ, at(`${addDays(y.plannedDate, -5)} 07:15`))).toBeGreaterThanOrEqual(0);
    for (const v of [x, y]) expect(await notified(env, 'maintenance_dispatch_refused', v.id)).toEqual(['manager']);
    await env.database.query(`update engineer_profiles set active = true where user_id = $1`, [idOf('engineer')]);
  });

  it('plan vs done shows the visit done once its work order is resolved (per month, per engineer, per customer; Excel too)', async () => {
    const [first] = (await visits(manager)).sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
    const month = first.plannedDate.slice(0, 7);
    const before = (await manager.get(`/api/v1/maintenance-plans/report?year=${YEAR}&by=month`)).data.find((r: { key: string }) => r.key === month);
    expect(before.done).toBe(0);
    // The visit's work order is resolved (the work-order flow itself is tested in its module).
    await env.database.query(
      `update work_orders set status = 'resolved', lead_engineer_id = (select id from users where username = 'engineer') where id = '${first.workOrderId}'`,
    );
    const r = await manager.get(`/api/v1/maintenance-plans/report?year=${YEAR}&by=month`);
    expect(r.data).toHaveLength(12);
    expect(r.data.find((x: { key: string }) => x.key === month)).toMatchObject({ done: 1 });
    expect((await visits(manager)).find((x) => x.id === first.id)?.status).toBe('done');
    const byCustomer = (await manager.get(`/api/v1/maintenance-plans/report?year=${YEAR}&by=customer`)).data;
    expect(byCustomer).toEqual([expect.objectContaining({ planned: 8, done: 1 })]);
    const byEngineer = (await manager.get(`/api/v1/maintenance-plans/report?year=${YEAR}&by=engineer`)).data;
    expect(byEngineer.reduce((n: number, x: { planned: number }) => n + x.planned, 0)).toBe(8);
    const xlsx = await manager.get(`/api/v1/maintenance-plans/report?year=${YEAR}&by=month&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(String(xlsx.headers['content-type'])).toMatch(/spreadsheet/);
  });

  it('overdue visits (day passed, not done) are flagged to the service manager once and listed', async () => {
    const sorted = (await visits(manager)).sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
    const now = at(`${addDays(sorted[1].plannedDate, 1)} 07:30`);
    const flagged = await flagOverdueVisits(env.database.db, TZ, now);
    expect(flagged).toBeGreaterThanOrEqual(1);
    expect(await flagOverdueVisits(env.database.db, TZ, now)).toBe(0);
    expect(await notified(env, 'maintenance_overdue', sorted[1].id)).toEqual(['manager']);
    // The done visit is not overdue.
    expect(await notified(env, 'maintenance_overdue', sorted[0].id)).toEqual([]);
  });

  it('regenerating after the contract changes keeps the done and ordered visits and replans the rest', async () => {
    await env.database.query(`update contracts set visits_per_year = 6 where id = '${contractId}'`);
    const r = await manager.post('/api/v1/maintenance-plans/generate', { contractId, year: YEAR });
    expect(r.statusCode).toBe(200);
    // Generated "today" (before 2028): nothing is in the past, so only the ordered/done visits are kept.
    const kept = await count(env, `select count(*) n from maintenance_visits where status in ('ordered', 'done')`);
    expect(r.data.kept).toBe(kept);
    expect(r.data.created + r.data.kept).toBe(12);
    const live = await visits(manager);
    expect(live).toHaveLength(12);
    expect(live.filter((v) => v.workOrderId).length).toBe(kept);
  });

  it('the notice and work-order lead days are a setting of the service manager', async () => {
    expect((await manager.get('/api/v1/maintenance-settings')).data).toMatchObject({ noticeDays: 7, orderDays: 7 });
    const r = await manager.raw({ method: 'PUT', url: '/api/v1/maintenance-settings', payload: { version: 0, noticeDays: 10, orderDays: 3 } });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ noticeDays: 10, orderDays: 3, version: 1 });
    expect(
      (await dispatcher.raw({ method: 'PUT', url: '/api/v1/maintenance-settings', payload: { version: 1, noticeDays: 5, orderDays: 3 } })).statusCode,
    ).toBe(403);
  });
});

function addDays(d: string, n: number) {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
}
