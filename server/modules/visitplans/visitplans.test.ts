// Visit-plan stories (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行; seed 003 §6):
// a customer flagged key account gets its quarter planned month by month from its device's standing
// cadence plus its own frequency; follow-ups answered through the R-FU flow mark the lines of their
// month and kind done; regenerating keeps what was done; a missed month is told to the managers
// exactly once, even with two workers; plan vs done by customer and by person; the Excel export;
// bad input is a translated 400/422; hospital users see nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/audit.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { at, count, principal, userId } from '../../test/service.ts';
import { answer, createPlan } from '../followups/index.ts';
import { notifyMissed, quarterOf } from './index.ts';
import { quarterPlans } from './visitplans.service.ts';

let env: TestEnv;
let manager: Client;
let dispatcher: Client;
let engineer: Client;
let sales: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const TZ = 'Asia/Shanghai';
const Q3 = { year: 2026, quarter: 3 };
let customerId: string;
let device: string;
let planId: string;

const put = (c: Client, url: string, body: unknown, headers?: Record<string, string>) => c.raw({ method: 'PUT', url, payload: body as object, headers });

beforeAll(async () => {
  env = await createTestEnv();
  [manager, dispatcher, engineer, sales, renhe] = await Promise.all(['manager', 'dispatcher', 'engineer', 'sales', 'renhe'].map((u) => env.as(u)));
  const c = await manager.post('/api/v1/customers', { code: 'VP-KEY', name: '北京协和回访测试医院', kind: 'hospital' });
  if (c.statusCode !== 201) throw new Error(c.body);
  customerId = c.data.id;
  // One stainer accepted 15 May 2026, under warranty to 14 May 2027: phone monthly, on site every 3 months (15 Aug).
  const d = await env.database.query<{ id: string }>(
    `insert into devices (serial_number, model_id, customer_id, install_date, acceptance_date, warranty_end)
     select 'VP-ST-0001', id, '${customerId}', '2026-05-08', '2026-05-15', '2027-05-14' from device_models where code = 'ST-5020' returning id`,
  );
  device = d.rows[0].id;
});
afterAll(() => env?.close());

const lines = async (now: Date) => {
  const [p] = await quarterPlans(env.database.db, Q3, { customerId }, TZ, now);
  return p.lines.map((l) => `${l.month.slice(5)} ${l.kind}${l.seq}${l.source === 'key_account' ? '*' : ''} ${l.state}`);
};

describe('a key account → its quarter plan → visits recorded → missed months flagged once (issue 13 §4)', () => {
  it('sales flag the customer key account, one on-site visit a month; audited; shown on its page', async () => {
    const r = await put(sales, `/api/v1/customers/${customerId}/key-account`, {
      keyAccount: true,
      period: 'month',
      visits: 1,
      method: 'onsite',
      note: '年采购额前十',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ keyAccount: true, period: 'month', visits: 1, method: 'onsite', version: 1 });
    expect((await dispatcher.get(`/api/v1/customers/${customerId}/key-account`)).data.keyAccount).toBe(true);
    expect(await count(env, `select count(*)::int as n from audit_log where entity = 'key_account' and entity_id = '${r.data.id}'`)).toBe(1);
  });

  it('a frequency out of bounds is a translated 422 naming visits; a bad shape is a 400; others may not flag', async () => {
    const zero = await put(
      manager,
      `/api/v1/customers/${customerId}/key-account`,
      { keyAccount: true, period: 'month', visits: 0, method: 'onsite', version: 1 },
      EN,
    );
    expect(zero.statusCode).toBe(422);
    expect(zero.data.fields).toEqual([expect.objectContaining({ field: 'visits', code: 'too_small' })]);
    expect(zero.data.fields[0].message).toMatch(/[a-z]/i);
    const zh = await put(manager, `/api/v1/customers/${customerId}/key-account`, {
      keyAccount: true,
      period: 'month',
      visits: 11,
      method: 'onsite',
      version: 1,
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.data.fields[0]).toMatchObject({ field: 'visits', code: 'too_big' });
    const shape = await put(manager, `/api/v1/customers/${customerId}/key-account`, { keyAccount: true, period: 'week', visits: 1, method: 'onsite' }, EN);
    expect(shape.statusCode).toBe(400);
    expect(shape.data.fields.map((f: { field: string }) => f.field)).toContain('period');
    const noPeriod = await put(manager, `/api/v1/customers/${customerId}/key-account`, { keyAccount: true, visits: 1, method: 'onsite', version: 1 }, EN);
    expect(noPeriod.statusCode).toBe(422);
    expect(noPeriod.data.fields[0]).toMatchObject({ field: 'period', code: 'required' });
    expect((await put(engineer, `/api/v1/customers/${customerId}/key-account`, { keyAccount: false })).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/customers/${customerId}/key-account`)).statusCode).toBe(403);
    const badQuarter = await dispatcher.post('/api/v1/visit-plans/generate', { year: 2026, quarter: 5, customerId }, EN);
    expect(badQuarter.statusCode).toBe(400);
    expect(badQuarter.data.fields.map((f: { field: string }) => f.field)).toEqual(['quarter']);
    const noCustomer = await dispatcher.post(
      '/api/v1/visit-plans/generate',
      { year: 2026, quarter: 3, customerId: '00000000-0000-4000-8000-000000000000' },
      EN,
    );
    expect(noCustomer.statusCode).toBe(422);
    expect(noCustomer.data.fields[0]).toMatchObject({ field: 'customerId' });
  });

  it('customer service generates Q3: phone monthly and on site in August from the cadence, July and September on site for the key account', async () => {
    const r = await dispatcher.post('/api/v1/visit-plans/generate', { ...Q3, customerId, assigneeId: await userId(env, 'dispatcher') });
    expect(r.statusCode, r.body).toBe(200);
    planId = r.data.planId;
    expect(await lines(at('2026-07-01 09:00'))).toEqual([
      '07 onsite1* due',
      '07 phone1 due',
      '08 onsite1 planned',
      '08 phone1 planned',
      '09 onsite1* planned',
      '09 phone1 planned',
    ]);
    // Generating again changes nothing: one plan per customer and quarter.
    await dispatcher.post('/api/v1/visit-plans/generate', { ...Q3, customerId });
    expect(await count(env, `select count(*)::int as n from visit_plans where customer_id = '${customerId}'`)).toBe(1);
    expect(await count(env, `select count(*)::int as n from visit_plan_lines where plan_id = '${planId}'`)).toBe(6);
  });

  it('follow-ups answered in July (a call, and the on-site visit made early) mark the July lines done', async () => {
    // The device's standing cadence, planned by the follow-up machinery from July.
    const db = env.database.db;
    await db.transaction((tx) =>
      createPlan(tx, systemActor, {
        deviceId: device,
        customerId,
        serviceType: 'warranty_period',
        completedAt: at('2026-05-15 09:00'),
        endsAt: at('2027-05-14 23:59'),
        since: at('2026-07-01 00:00'),
      }),
    );
    const pending = async (track: string) =>
      (
        await env.database.query<{ id: string; version: number }>(
          `select f.id, f.version from followups f join followup_plans p on p.id = f.plan_id where p.device_id = '${device}' and f.track = '${track}' and f.status = 'pending'`,
        )
      ).rows[0];
    const who = await principal(env, 'dispatcher');
    const call = await pending('phone');
    await answer(db, who, call.id, { version: call.version, answers: {}, outcome: 'no_problem', record: '设备运行正常' }, at('2026-07-16 10:00'));
    const visit = await pending('onsite');
    await answer(db, who, visit.id, { version: visit.version, answers: {}, outcome: 'no_problem', record: '上门巡视，染色效果正常' }, at('2026-07-20 15:00'));
    expect(await lines(at('2026-08-20 09:00'))).toEqual([
      '07 onsite1* done',
      '07 phone1 done',
      '08 onsite1 due',
      '08 phone1 due',
      '09 onsite1* planned',
      '09 phone1 planned',
    ]);
  });

  it('the key account is dropped and the quarter regenerated: the done July visit stays, the September extra goes', async () => {
    const ka = (await manager.get(`/api/v1/customers/${customerId}/key-account`)).data;
    const off = await put(manager, `/api/v1/customers/${customerId}/key-account`, { keyAccount: false, version: ka.version });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.data.keyAccount).toBe(false);
    await dispatcher.post('/api/v1/visit-plans/generate', { ...Q3, customerId });
    expect(await lines(at('2026-10-02 09:00'))).toEqual(['07 onsite1* done', '07 phone1 done', '08 onsite1 missed', '08 phone1 missed', '09 phone1 missed']);
  });

  it('the missed visits go to the service managers once, however often and however many workers run', async () => {
    const now = at('2026-10-02 07:20');
    const runs = await Promise.all([notifyMissed(env.database.db, TZ, now), notifyMissed(env.database.db, TZ, now)]);
    const again = await notifyMissed(env.database.db, TZ, at('2026-10-03 07:20'));
    expect(runs[0] + runs[1]).toBe(3);
    expect(again).toBe(0);
    const managers = await count(env, `select count(*)::int as n from users where 'service_manager' = any(roles) and active`);
    expect(await count(env, `select count(*)::int as n from notifications where ref_id = '${planId}' and kind like 'visit_missed_%'`)).toBe(3 * managers);
    const missed = await manager.get(`/api/v1/visit-plans/missed?year=2026&quarter=3`);
    expect(
      missed.data.items
        .filter((m: { planId: string }) => m.planId === planId)
        .map((m: { month: string; kind: string; missedNotifiedAt: string | null }) => [m.month, m.kind, !!m.missedNotifiedAt]),
    ).toEqual([
      ['2026-08', 'onsite', true],
      ['2026-08', 'phone', true],
      ['2026-09', 'phone', true],
    ]);
  });

  it('the quarter screen: rows per customer, cells per month; plan vs done by customer and by person', async () => {
    const list = await manager.get(`/api/v1/visit-plans?year=2026&quarter=3&customerId=${customerId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.data.months).toEqual(['2026-07', '2026-08', '2026-09']);
    const [row] = list.data.items;
    expect(row).toMatchObject({ customerName: '北京协和回访测试医院', keyAccount: null, total: { planned: 5, done: 2, missed: 3, due: 0 } });
    expect(row.months.map((c: { planned: number; done: number }) => [c.planned, c.done])).toEqual([
      [2, 2],
      [2, 0],
      [1, 0],
    ]);
    expect((await manager.get(`/api/v1/visit-plans?year=2026&quarter=3&state=missed`)).data.items.map((p: { id: string }) => p.id)).toContain(planId);
    const byCustomer = await manager.get('/api/v1/visit-plans/summary?year=2026&quarter=3&by=customer');
    expect(byCustomer.data.rows.find((r: { id: string }) => r.id === customerId).total).toEqual({ planned: 5, done: 2, missed: 3, due: 0 });
    const byPerson = await manager.get('/api/v1/visit-plans/summary?year=2026&quarter=3&by=person');
    const disp = await userId(env, 'dispatcher');
    expect(byPerson.data.rows.find((r: { id: string }) => r.id === disp).total.planned).toBeGreaterThanOrEqual(5);
    const detail = await engineer.get(`/api/v1/visit-plans/${planId}`);
    expect(detail.data.lines[0]).toMatchObject({ month: '2026-07', kind: 'onsite', state: 'done', followupId: expect.any(String) });
    expect((await renhe.get('/api/v1/visit-plans?year=2026&quarter=3')).statusCode).toBe(403);
  });

  it('the quarter plan exports to Excel with Chinese headings and words', async () => {
    const r = await manager.get(`/api/v1/visit-plans/export?year=2026&quarter=3&customerId=${customerId}`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('2026年第3季度回访计划');
    expect(ws.getRow(1).getCell(5).value).toBe('回访方式');
    expect(ws.getRow(2).getCell(5).value).toBe('上门回访');
    expect(ws.getRow(2).getCell(9).value).toBe('已完成');
    expect(ws.rowCount).toBe(6);
  });

  it('a new responsible person takes the lines not done; a stale version is a 409', async () => {
    const p = (await manager.get(`/api/v1/visit-plans/${planId}`)).data;
    const eng = await userId(env, 'engineer');
    const r = await manager.patch(`/api/v1/visit-plans/${planId}`, { version: p.version, assigneeId: eng });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.lines.map((l: { state: string; assigneeId: string }) => [l.state, l.assigneeId === eng])).toEqual([
      ['done', false],
      ['done', false],
      ['missed', true],
      ['missed', true],
      ['missed', true],
    ]);
    const stale = await manager.patch(`/api/v1/visit-plans/${planId}`, { version: p.version, assigneeId: null });
    expect(stale.statusCode).toBe(409);
  });
});

describe("recording a key account's extra visit this month (issue 13 §4)", () => {
  const now = quarterOf(new Date(), TZ);
  const month = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit' }).format(new Date());
  type Line = { id: string; month: string; kind: string; source: string; state: string; followupId: string | null };

  it("the visit is recorded as a done follow-up of the customer's standing plan and the line is done; twice is a 409", async () => {
    const on = await put(manager, `/api/v1/customers/${customerId}/key-account`, { keyAccount: true, period: 'month', visits: 2, method: 'phone' });
    expect(on.statusCode, on.body).toBe(200);
    const g = await dispatcher.post('/api/v1/visit-plans/generate', { ...now, customerId });
    const plan = (await dispatcher.get(`/api/v1/visit-plans/${g.data.planId}`)).data;
    const extra = plan.lines.find((l: Line) => l.month === month && l.kind === 'phone' && l.source === 'key_account' && l.state === 'due');
    expect(extra).toBeTruthy();
    const r = await engineer.post(`/api/v1/visit-plans/lines/${extra.id}/visit`, { record: '重点客户电话回访：科室使用正常', contactName: '黄伟' });
    expect(r.statusCode, r.body).toBe(200);
    const phoneLines = r.data.lines.filter((l: Line) => l.month === month && l.kind === 'phone');
    expect(phoneLines.filter((l: Line) => l.state === 'done').length).toBeGreaterThanOrEqual(1);
    const f = phoneLines.find((l: Line) => l.state === 'done').followupId;
    const row = await env.database.query<{ number: string; status: string; visitor_name: string; key: string }>(
      `select number, status, visitor_name, key from followups where id = '${f}'`,
    );
    expect(row.rows[0]).toMatchObject({ status: 'done', number: expect.stringMatching(/HF/) });
    const again = await engineer.post(`/api/v1/visit-plans/lines/${extra.id}/visit`, { record: '再登记一次' }, EN);
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('visit_line_done');
    expect(again.data.detail).toBe('This planned visit is already done.');
  });

  it('a line of another month is a translated 422; an empty record a 400; a customer without a standing plan a 422', async () => {
    const plan = (await dispatcher.get(`/api/v1/visit-plans?year=${now.year}&quarter=${now.quarter}&customerId=${customerId}`)).data.items[0];
    const other = plan.lines.find((l: Line) => l.month !== month && l.state !== 'done');
    const r = await engineer.post(`/api/v1/visit-plans/lines/${other.id}/visit`, { record: '补登' }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('visit_not_this_month');
    expect(r.data.detail).toContain(other.month);
    const empty = await engineer.post(`/api/v1/visit-plans/lines/${other.id}/visit`, { record: '' }, EN);
    expect(empty.statusCode).toBe(400);
    expect(empty.data.fields.map((f: { field: string }) => f.field)).toEqual(['record']);
    const c = await manager.post('/api/v1/customers', { code: 'VP-NODEV', name: '无设备重点客户', kind: 'hospital' });
    await put(sales, `/api/v1/customers/${c.data.id}/key-account`, { keyAccount: true, period: 'month', visits: 1, method: 'onsite' });
    const g = await dispatcher.post('/api/v1/visit-plans/generate', { ...now, customerId: c.data.id });
    const line = (await dispatcher.get(`/api/v1/visit-plans/${g.data.planId}`)).data.lines.find((l: Line) => l.month === month);
    const none = await engineer.post(`/api/v1/visit-plans/lines/${line.id}/visit`, { record: '上门' });
    expect(none.statusCode).toBe(422);
    expect(none.data.code).toBe('visit_no_standing_plan');
    expect(none.data.detail).toMatch(/回访计划/);
    expect((await sales.post(`/api/v1/visit-plans/lines/${line.id}/visit`, { record: '上门' })).statusCode).toBe(403);
  });
});
