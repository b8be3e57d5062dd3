// KPI stories (R-RP-1, issue 15 §3) on the real database: hand-built work orders in March 2031
// (far from the demo data) are rolled up; the dashboard's numbers match what was worked out by
// hand; every drill-down lists exactly the orders behind the number; the rollup is idempotent,
// also run twice at once; hospital users and field staff are refused; a bad range is a 400/422;
// Excel and the Chinese PDF come out.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKpisDemo } from '../../seed/kpis.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, one, userId } from '../../test/service.ts';
import { addDays, kpiValues, rollupKpis, sumCounters, todayIn } from './index.ts';
import { type Counters, KPI_COUNTERS, snake } from './kpis.rules.ts';

let env: TestEnv;
let manager: Client;
let executive: Client;
let renhe: Client;
let engineerClient: Client;
const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
let engineer: string;
let engineer2: string;
let modelId: string;
let tplWo: string;
const RANGE = 'from=2031-03-01&to=2031-03-31';

const exec = (q: string) => env.database.db.execute(q as never);

/** Clones the template request and work order with new ids, times and lead (Asia/Shanghai). */
async function order(key: 'A' | 'B' | 'C', tplWo: string, lead: string, received: string, resolved: string, steps: string[]) {
  const wo = (await one<{ id: string }>(env, 'select gen_random_uuid()::text id')).id;
  const rq = (await one<{ id: string }>(env, 'select gen_random_uuid()::text id')).id;
  await exec(`create temp table t_rq as select r.* from service_requests r join work_orders w on w.request_id = r.id where w.id = '${tplWo}'`);
  await exec(`update t_rq set id = '${rq}', number = 'KPI-RQ-${key}', received_at = '${received}+08'`);
  await exec('insert into service_requests select * from t_rq');
  await exec('drop table t_rq');
  await exec(`create temp table t_wo as select * from work_orders where id = '${tplWo}'`);
  await exec(`update t_wo set id = '${wo}', number = 'KPI-WO-${key}', request_id = '${rq}', lead_engineer_id = '${lead}', kind = 'repair',
    created_at = '${received}+08', resolved_at = '${resolved}+08', cancelled_at = null, closed_at = null`);
  await exec('insert into work_orders select * from t_wo');
  await exec('drop table t_wo');
  for (const [i, s] of steps.entries()) {
    await exec(`insert into work_order_events (work_order_id, from_status, to_status, at, actor_name)
      values ('${wo}', null, '${s}', '${received}+08'::timestamptz + interval '${i} minutes', 'test')`);
  }
  ids[key] = wo;
  return { wo, rq };
}

async function clock(rq: string, kind: string, outcome: 'met' | 'breached', at: string) {
  await exec(`insert into sla_clocks (request_id, kind, basis, target_minutes, started_at, due_at, warn_at, stopped_at, outcome)
    values ('${rq}', '${kind}', 'calendar', 60, '${at}+08', '${at}+08', '${at}+08', '${at}+08', '${outcome}')`);
}

beforeAll(async () => {
  env = await createTestEnv();
  [manager, executive, renhe, engineerClient] = await Promise.all(['manager', 'executive', 'renhe', 'engineer'].map((u) => env.as(u)));
  const dispatcher = await env.as('dispatcher');
  engineer = await userId(env, 'engineer');
  engineer2 = await userId(env, 'engineer2');
  const renheCustomer = (await one<{ id: string }>(env, `select customer_id id from users where username = 'renhe'`)).id;
  const unit = await one<{ id: string; model_id: string }>(
    env,
    `select id, model_id from devices where customer_id = '${renheCustomer}' and status = 'in_service' order by serial_number limit 1`,
  );
  modelId = unit.model_id;
  const req = await dispatcher.post('/api/v1/requests', {
    deviceId: unit.id,
    faultDescription: 'KPI 模板',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (req.statusCode !== 201) throw new Error(req.body);
  const tpl = req.data.workOrderId as string;
  tplWo = tpl;
  // A: fixed on the first visit in 120 min, all three clocks met, 2 × 50 CNY of parts.
  const a = await order('A', tpl, engineer, '2031-03-02 08:00', '2031-03-02 10:00', ['dispatched', 'on_the_way', 'on_site', 'resolved']);
  await clock(a.rq, 'respond', 'met', '2031-03-02 08:10');
  await clock(a.rq, 'arrive', 'met', '2031-03-02 09:00');
  await clock(a.rq, 'restore', 'met', '2031-03-02 10:00');
  await exec(`insert into work_order_parts (work_order_id, name, quantity, unit_price, source) values ('${a.wo}', 'KPI 配件', 2, 50, 'non_stock')`);
  // B: waited for parts (two visits) in 240 min; respond met, arrive and restore breached.
  const b = await order('B', tpl, engineer, '2031-03-05 09:00', '2031-03-05 13:00', ['dispatched', 'on_site', 'waiting_parts', 'on_site', 'resolved']);
  await clock(b.rq, 'respond', 'met', '2031-03-05 09:10');
  await clock(b.rq, 'arrive', 'breached', '2031-03-05 11:00');
  await clock(b.rq, 'restore', 'breached', '2031-03-05 13:00');
  // C: the same unit again on 03-20 (within 30 days of A and B), fixed in 60 min by engineer2.
  await order('C', tpl, engineer2, '2031-03-20 08:00', '2031-03-20 09:00', ['dispatched', 'on_site', 'resolved']);
  // A survey on A: (4 + 3 + 2) / 3 = 3; a missed call called back after 30 min.
  await exec(`insert into surveys (work_order_id, customer_id, device_id, nonce_hash, expires_at, answered_at, channel, attitude, skill, timeliness)
    select id, customer_id, device_id, 'kpi-test', '2031-04-01+08', '2031-03-03 10:00+08', 'phone', 4, 3, 2 from work_orders where id = '${a.wo}'`);
  const call = (await one<{ id: string }>(env, 'select gen_random_uuid()::text id')).id;
  await exec(`insert into calls (id, direction, started_at, phone, topic, handled_by_id)
    values ('${call}', 'outbound', '2031-03-04 09:30+08', '13800000000', '回拨', '${await userId(env, 'dispatcher')}')`);
  await exec(`insert into missed_calls (phone, customer_id, received_at, callback_due_at, source, called_back_at, callback_call_id)
    values ('13800000000', '${renheCustomer}', '2031-03-04 09:00+08', '2031-03-04 09:30+08', 'manual', '2031-03-04 09:30+08', '${call}')`);
  await rollupKpis(env.database.db, { from: '2031-03-01', to: '2031-03-31' }, 'Asia/Shanghai');
}, 300_000);
afterAll(() => env?.close());

describe('the management dashboard sums the daily rollup (R-RP-1)', () => {
  it('the totals match the numbers worked out by hand', async () => {
    const r = await manager.get(`/api/v1/kpis/dashboard?${RANGE}`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.data.totals.values;
    expect(r.data.totals.orders).toBe(3);
    // FTF: A and C of 3 repairs = 66.7 %; MTTR: (120 + 240 + 60) / 3 = 140 min = 2.3 h
    expect(v.firstTimeFixRate).toBe(66.7);
    expect(v.mttrHours).toBe(2.3);
    // respond 2 of 2, arrive 1 of 2, restore 1 of 2
    expect(v.respondAttainment).toBe(100);
    expect(v.arriveAttainment).toBe(50);
    expect(v.restoreAttainment).toBe(50);
    // A and B were followed by C within 30 days: 2 of 3
    expect(v.repeat30Rate).toBe(66.7);
    expect(v.satisfaction).toBe(3);
    expect(v.partsQty).toBe(2);
    expect(v.partsCost).toBe(100);
    expect(v.missedCalls).toBe(1);
    expect(v.callbackRate).toBe(100);
    expect(v.callbackMinutes).toBe(30);
    expect(r.data.trendBy).toBe('day');
    expect(r.data.trend.map((t: { key: string }) => t.key)).toEqual(['2031-03-02', '2031-03-03', '2031-03-04', '2031-03-05', '2031-03-20']);
    // The missed call of Tuesday 2031-03-04 09:00 (weekday 2) lands in the heat map.
    expect(r.data.callsHeatmap).toContainEqual({ weekday: 2, hour: 9, calls: 1 });
  });

  it('by engineer: 张伟 has A and B (FTF 50 %, MTTR 3 h), 刘洋 has C', async () => {
    const r = await executive.get(`/api/v1/kpis/dashboard?${RANGE}`);
    const zhang = r.data.byEngineer.find((g: { key: string }) => g.key === engineer);
    expect(zhang.orders).toBe(2);
    expect(zhang.values.firstTimeFixRate).toBe(50);
    expect(zhang.values.mttrHours).toBe(3);
    expect(zhang.values.repeat30Rate).toBe(100);
    const liu = r.data.byEngineer.find((g: { key: string }) => g.key === engineer2);
    expect(liu.orders).toBe(1);
    expect(liu.values.firstTimeFixRate).toBe(100);
    // The engineer filter gives the same numbers as his row.
    const only = await manager.get(`/api/v1/kpis/dashboard?${RANGE}&engineerId=${engineer}`);
    expect(only.data.totals.values).toEqual(zhang.values);
  });

  it('by model: MTBF = units × 31 days / 3 repairs', async () => {
    const r = await manager.get(`/api/v1/kpis/dashboard?${RANGE}&modelId=${modelId}`);
    const m = r.data.byModel.find((g: { key: string }) => g.key === modelId);
    expect(m.units).toBeGreaterThan(0);
    expect(m.mtbfDays).toBe(Math.round(((m.units * 31) / 3) * 10) / 10);
  });
});

describe('every number drills down to the work orders behind it (R-RP-1)', () => {
  const drill = (q: string) => manager.get(`/api/v1/kpis/drill?${RANGE}&${q}`);
  const orders = (r: { data: { items: { workOrderId: string }[] } }) => r.data.items.map((i) => i.workOrderId).sort();

  it('first-time fix: 3 repairs, the miss is B', async () => {
    const all = await drill('kpi=firstTimeFixRate');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.data.count).toBe(3);
    expect(orders(all)).toEqual([ids.A, ids.B, ids.C].sort());
    const missed = await drill('kpi=firstTimeFixRate&missed=true');
    expect(orders(missed)).toEqual([ids.B]);
  });

  it('repeat repairs within 30 days: A and B; arrival misses: B; the survey: A; one day: A', async () => {
    expect(orders(await drill('kpi=repeat30Rate'))).toEqual([ids.A, ids.B].sort());
    expect(orders(await drill('kpi=arriveAttainment&missed=true'))).toEqual([ids.B]);
    expect(orders(await drill('kpi=satisfaction'))).toEqual([ids.A]);
    expect(orders(await drill('kpi=mttrHours&period=2031-03-02'))).toEqual([ids.A]);
    const mine = await drill(`kpi=mttrHours&engineerId=${engineer2}`);
    expect(orders(mine)).toEqual([ids.C]);
    expect(mine.data.items[0].workOrderNumber).toBe('KPI-WO-C');
  });
});

describe('the rollup is idempotent and runs once at a time (R-RP-1)', () => {
  it('twice, and twice at once, leaves the same facts and daily rows', async () => {
    const facts = () => count(env, `select count(*) n from kpi_facts where day between '2031-03-01' and '2031-03-31'`);
    const daily = () => count(env, `select count(*) n from kpi_daily where day between '2031-03-01' and '2031-03-31'`);
    const before = [await facts(), await daily()];
    const r = await manager.post('/api/v1/kpis/rollup', { from: '2031-03-01', to: '2031-03-31' });
    expect(r.statusCode, r.body).toBe(200);
    await Promise.all([
      rollupKpis(env.database.db, { from: '2031-03-01', to: '2031-03-31' }, 'Asia/Shanghai'),
      rollupKpis(env.database.db, { from: '2031-03-01', to: '2031-03-31' }, 'Asia/Shanghai'),
    ]);
    expect([await facts(), await daily()]).toEqual(before);
    expect(before[0]).toBe(3 + 1 + 1); // three orders, one survey, one missed call
  });
});

describe('a long range sums whole months from the monthly rollup and the edge days from the daily one (issue 15 §3)', () => {
  // 60 repairs resolved every 45 hours from 2031-05-20 to 2031-09-07 over six units (customers and
  // models) and both engineers, with SLA clocks and parts on some; the view 05-25 … 09-05 has
  // partial May and September and whole June to August.
  const FROM = '2031-05-25';
  const TO = '2031-09-05';
  let devices: { id: string; customer_id: string; model_id: string }[];
  let unit: string;

  beforeAll(async () => {
    devices = (
      await env.database.query<{ id: string; customer_id: string; model_id: string }>(
        `select distinct on (customer_id) id, customer_id, model_id from devices where status = 'in_service' order by customer_id, serial_number limit 6`,
      )
    ).rows;
    expect(devices.length).toBeGreaterThanOrEqual(3);
    const devs = `array[${devices.map((d) => `'${d.id}'::uuid`).join(', ')}]`;
    const custs = `array[${devices.map((d) => `'${d.customer_id}'::uuid`).join(', ')}]`;
    const nth = (arr: string) => `(${arr})[1 + kn % ${devices.length}]`;
    const resolved = `('2031-05-20 10:00+08'::timestamptz + kn * interval '45 hours')`;
    await exec(`create temp table t_rq as select r.*, g.n kn from service_requests r join work_orders w on w.request_id = r.id
      cross join generate_series(0, 59) g(n) where w.id = '${tplWo}'`);
    await exec(`update t_rq set id = md5('kpi-m-rq' || kn)::uuid, number = 'KPI-M-RQ-' || kn, device_id = ${nth(devs)}, customer_id = ${nth(custs)},
      received_at = ${resolved} - (1 + kn % 5) * interval '1 hour'`);
    await exec('alter table t_rq drop column kn');
    await exec('insert into service_requests select * from t_rq');
    await exec('drop table t_rq');
    await exec(`create temp table t_wo as select w.*, g.n kn from work_orders w cross join generate_series(0, 59) g(n) where w.id = '${tplWo}'`);
    await exec(`update t_wo set id = md5('kpi-m-wo' || kn)::uuid, number = 'KPI-M-WO-' || kn, request_id = md5('kpi-m-rq' || kn)::uuid,
      device_id = ${nth(devs)}, customer_id = ${nth(custs)}, kind = 'repair',
      lead_engineer_id = case when kn % 3 = 0 then '${engineer2}'::uuid else '${engineer}'::uuid end,
      created_at = ${resolved} - interval '6 hours', resolved_at = ${resolved}, cancelled_at = null, closed_at = null`);
    await exec('alter table t_wo drop column kn');
    await exec('insert into work_orders select * from t_wo');
    await exec('drop table t_wo');
    await exec(`insert into sla_clocks (request_id, kind, basis, target_minutes, started_at, due_at, warn_at, stopped_at, outcome)
      select md5('kpi-m-rq' || n)::uuid, 'restore', 'calendar', 240, t, t, t, t, (case when n % 4 = 0 then 'breached' else 'met' end)::sla_outcome
      from generate_series(0, 59, 2) g(n), lateral (select '2031-05-20 10:00+08'::timestamptz + n * interval '45 hours' t) x`);
    await exec(`insert into work_order_parts (work_order_id, name, quantity, unit_price, source)
      select md5('kpi-m-wo' || n)::uuid, 'KPI 配件', 1 + n % 3, 12.5, 'non_stock' from generate_series(0, 59, 3) g(n)`);
    // A branch serving the first two customers.
    const admin = await env.as('admin');
    const r = await admin.post('/api/v1/units', { code: 'KPI-LONG', name: 'KPI 长区间', kind: 'branch' });
    expect(r.statusCode, r.body).toBe(201);
    unit = r.data.id;
    await exec(`update customers set unit_id = '${unit}' where id in ('${devices[0].customer_id}', '${devices[1].customer_id}')`);
    await rollupKpis(env.database.db, { from: '2031-05-01', to: '2031-09-30' }, 'Asia/Shanghai');
  }, 300_000);

  type Group = { key: string; orders: number; values: Record<string, number | null> };
  const SUMS = KPI_COUNTERS.map((c) => `coalesce(sum(${snake(c)}), 0)::float8 as "${c}"`).join(', ');
  const NONE = '00000000-0000-0000-0000-000000000000';

  /** The same view worked out from the facts themselves. */
  async function fromFacts(where: string) {
    const by = async (key: string) =>
      (
        await env.database.query<Partial<Counters> & { k: string }>(
          `select ${key} k, ${SUMS} from kpi_facts k where k.day between '${FROM}' and '${TO}' ${where} group by 1 order by 1`,
        )
      ).rows.map((r) => ({ key: r.k, orders: Number(r.orders), values: kpiValues(sumCounters([r])) }));
    const trend = await by(`to_char(day, 'YYYY-MM')`);
    const total = sumCounters(
      (await env.database.query<Partial<Counters>>(`select ${SUMS} from kpi_facts k where k.day between '${FROM}' and '${TO}' ${where}`)).rows,
    );
    return {
      totals: { orders: total.orders, values: kpiValues(total) },
      trend,
      byEngineer: await by(`coalesce(engineer_id, '${NONE}')::text`),
      byCustomer: await by(`coalesce(customer_id, '${NONE}')::text`),
      byModel: await by(`coalesce(model_id, '${NONE}')::text`),
    };
  }

  async function view(query: string) {
    const r = await manager.get(`/api/v1/kpis/dashboard?from=${FROM}&to=${TO}${query}`);
    expect(r.statusCode, r.body).toBe(200);
    const pick = (gs: Group[]) => gs.map((g) => ({ key: g.key, orders: g.orders, values: g.values })).sort((a, b) => a.key.localeCompare(b.key));
    return {
      totals: r.data.totals,
      trend: pick(r.data.trend),
      byEngineer: pick(r.data.byEngineer),
      byCustomer: pick(r.data.byCustomer),
      byModel: pick(r.data.byModel),
    };
  }

  it('the monthly rollup holds every day of each month, and the view gives the numbers of the facts', async () => {
    // Each month's total is the sum of its days, and of its facts.
    const months = await env.database.query<{ m: string; daily: number; monthly: number; facts: number }>(`
      select to_char(m, 'YYYY-MM') m,
        (select sum(orders + survey_n + parts_qty + restore_minutes)::float8 from kpi_daily where date_trunc('month', day) = m) daily,
        (select sum(orders + survey_n + parts_qty + restore_minutes)::float8 from kpi_monthly where grp = 'all' and month = m) monthly,
        (select sum(orders + survey_n + parts_qty + restore_minutes)::float8 from kpi_facts where date_trunc('month', day) = m) facts
      from generate_series('2031-05-01'::date, '2031-09-01'::date, interval '1 month') m order by 1`);
    for (const r of months.rows) {
      expect(r.monthly, r.m).toBe(r.daily);
      expect(r.monthly, r.m).toBe(r.facts);
    }
    const v = await view('');
    expect(v.totals.orders).toBeGreaterThan(50);
    expect(v.trend.map((t) => t.key)).toEqual(['2031-05', '2031-06', '2031-07', '2031-08', '2031-09']);
    expect(v).toEqual(await fromFacts(''));
  });

  it('filtered by a branch, an engineer, a customer or a model (and two at once) it still gives the numbers of the facts', async () => {
    const branch = await view(`&unitId=${unit}`);
    expect(branch.byCustomer.map((g) => g.key).sort()).toEqual([devices[0].customer_id, devices[1].customer_id].sort());
    expect(branch).toEqual(await fromFacts(`and k.customer_id in ('${devices[0].customer_id}', '${devices[1].customer_id}')`));
    expect(await view(`&engineerId=${engineer2}`)).toEqual(await fromFacts(`and k.engineer_id = '${engineer2}'`));
    expect(await view(`&customerId=${devices[2].customer_id}`)).toEqual(await fromFacts(`and k.customer_id = '${devices[2].customer_id}'`));
    expect(await view(`&modelId=${devices[0].model_id}`)).toEqual(await fromFacts(`and k.model_id = '${devices[0].model_id}'`));
    // Two dimensions at once: only the daily rollup has both with the third.
    expect(await view(`&engineerId=${engineer}&unitId=${unit}`)).toEqual(
      await fromFacts(`and k.engineer_id = '${engineer}' and k.customer_id in ('${devices[0].customer_id}', '${devices[1].customer_id}')`),
    );
  });

  it('a rollup of a few days inside the months keeps the rest of those months; run twice it leaves the same rows', async () => {
    const snapshot = async () =>
      (
        await env.database.query(
          `select * from kpi_monthly where month between '2031-05-01' and '2031-09-01' order by grp, month, engineer_key, customer_key, model_key`,
        )
      ).rows;
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(5 * 4);
    await rollupKpis(env.database.db, { from: '2031-06-10', to: '2031-07-05' }, 'Asia/Shanghai');
    expect(await snapshot()).toEqual(before);
    await Promise.all([
      rollupKpis(env.database.db, { from: '2031-06-10', to: '2031-07-05' }, 'Asia/Shanghai'),
      rollupKpis(env.database.db, { from: '2031-06-10', to: '2031-07-05' }, 'Asia/Shanghai'),
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await view('')).toEqual(await fromFacts(''));
  });
});

describe('who may read and what is refused (R-RP-1)', () => {
  it('a hospital user and an engineer are refused; the engineer may not refresh either', async () => {
    expect((await renhe.get(`/api/v1/kpis/dashboard?${RANGE}`)).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/kpis/drill?${RANGE}&kpi=mttrHours`)).statusCode).toBe(403);
    expect((await engineerClient.get(`/api/v1/kpis/dashboard?${RANGE}`)).statusCode).toBe(403);
    expect((await engineerClient.post('/api/v1/kpis/rollup', { from: '2031-03-01', to: '2031-03-31' })).statusCode).toBe(403);
  });

  it('a malformed date is 400; a reversed or too long range is 422', async () => {
    expect((await manager.get('/api/v1/kpis/dashboard?from=2031-02-30&to=2031-03-31')).statusCode).toBe(400);
    expect((await manager.get('/api/v1/kpis/drill?from=2031-03-01&to=2031-03-31&kpi=nope')).statusCode).toBe(400);
    const reversed = await manager.get('/api/v1/kpis/dashboard?from=2031-03-31&to=2031-03-01', { 'accept-language': 'en-US' });
    expect(reversed.statusCode).toBe(422);
    expect(reversed.data.code).toBe('kpi_range_reversed');
    expect(reversed.body).toContain('end date is before');
    expect((await manager.get('/api/v1/kpis/dashboard?from=2020-01-01&to=2031-03-31')).data.code).toBe('kpi_range_too_long');
    // A refused rollup changes nothing.
    const facts = await count(env, `select count(*) n from kpi_facts`);
    expect((await manager.post('/api/v1/kpis/rollup', { from: '2031-03-31', to: '2031-03-01' })).statusCode).toBe(422);
    expect(await count(env, `select count(*) n from kpi_facts`)).toBe(facts);
  });
});

describe('a branch sees its own numbers (R-ORG-1, R-RP-1)', () => {
  it('the unit filter sums the customers the unit or a team below it serves; the drill-down follows it', async () => {
    const admin = await env.as('admin');
    const mk = async (code: string, parentId?: string) => {
      const r = await admin.post('/api/v1/units', { code, name: `KPI ${code}`, kind: parentId ? 'team' : 'branch', ...(parentId ? { parentId } : {}) });
      expect(r.statusCode, r.body).toBe(201);
      return r.data.id as string;
    };
    const branch = await mk('KPI-BR');
    const team = await mk('KPI-TM', branch);
    const empty = await mk('KPI-EMPTY');
    // The three March orders are renhe's: put renhe under the team, so the branch counts them.
    const renheCustomer = (await one<{ id: string }>(env, `select customer_id id from users where username = 'renhe'`)).id;
    await exec(`update customers set unit_id = '${team}' where id = '${renheCustomer}'`);
    const mine = await manager.get(`/api/v1/kpis/dashboard?${RANGE}&unitId=${branch}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.data.totals.orders).toBe(3);
    expect(mine.data.byCustomer.map((g: { key: string }) => g.key)).toEqual([renheCustomer]);
    const none = await manager.get(`/api/v1/kpis/dashboard?${RANGE}&unitId=${empty}`);
    expect(none.data.totals.orders).toBe(0);
    expect(none.data.byEngineer).toEqual([]);
    const drill = await manager.get(`/api/v1/kpis/drill?${RANGE}&kpi=firstTimeFixRate&unitId=${empty}`);
    expect(drill.statusCode, drill.body).toBe(200);
    expect(drill.data.count).toBe(0);
    expect((await manager.get(`/api/v1/kpis/drill?${RANGE}&kpi=firstTimeFixRate&unitId=${branch}`)).data.count).toBeGreaterThan(0);
  });
});

describe('exports (R-RP-1)', () => {
  it('the Excel workbook has every table; its engineer sheet matches the dashboard', async () => {
    const r = await manager.raw({ method: 'GET', url: `/api/v1/kpis/dashboard?${RANGE}&format=xlsx` });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '趋势', '按工程师', '按客户', '按型号', '来电时段']);
    const sheet = wb.getWorksheet('按工程师');
    const names = sheet?.getColumn(1).values.slice(2);
    expect(names).toContain('张伟（工程师）');
  });

  it('the monthly report is a Chinese PDF', async () => {
    const r = await executive.raw({ method: 'GET', url: '/api/v1/kpis/monthly-report?month=2031-03' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/pdf');
    expect(r.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await renhe.raw({ method: 'GET', url: '/api/v1/kpis/monthly-report?month=2031-03' })).statusCode).toBe(403);
  });

  it('the definitions are served in both languages', async () => {
    const r = await manager.get('/api/v1/kpis/definitions');
    expect(r.data.items.length).toBe(18);
    expect(r.data.items[0].definition['zh-CN']).toContain('响应');
  });
});

describe('the demo month (issue 15: a month of history that makes the charts meaningful)', () => {
  it('90 closed repairs over 30 days; 张伟 fixes first time more often and faster than 刘洋; a second seed changes nothing', async () => {
    await seedKpisDemo(env.database.db, 'Asia/Shanghai');
    const to = todayIn('Asia/Shanghai');
    const from = addDays(to, -30);
    const r = await manager.get(`/api/v1/kpis/dashboard?from=${from}&to=${to}`);
    expect(r.statusCode, r.body).toBe(200);
    const zhang = r.data.byEngineer.find((g: { key: string }) => g.key === engineer);
    const liu = r.data.byEngineer.find((g: { key: string }) => g.key === engineer2);
    expect(zhang.orders + liu.orders).toBeGreaterThanOrEqual(90);
    expect(zhang.values.firstTimeFixRate).toBeGreaterThan(liu.values.firstTimeFixRate);
    expect(zhang.values.mttrHours).toBeLessThan(liu.values.mttrHours);
    expect(r.data.trend.length).toBeGreaterThanOrEqual(25);
    expect(r.data.callsHeatmap.length).toBeGreaterThan(10);
    const n = await count(env, `select count(*) n from work_orders where number like 'WO-H%'`);
    // Everything is audited, the demo history too: each order and its request has a 'create' entry.
    const unaudited = `select count(*) n from work_orders w where w.number like 'WO-H%' and (
        not exists (select 1 from audit_log a where a.entity = 'work_order' and a.action = 'create' and a.entity_id = w.id::text)
        or not exists (select 1 from audit_log a where a.entity = 'service_request' and a.action = 'create' and a.entity_id = w.request_id::text))`;
    expect(await count(env, unaudited)).toBe(0);
    await seedKpisDemo(env.database.db, 'Asia/Shanghai');
    expect(await count(env, `select count(*) n from work_orders where number like 'WO-H%'`)).toBe(n);
  }, 300_000);
});
