// The large data generator (npm run seed:large) at a tiny size on the test database: the rows
// it writes obey every NOT NULL, CHECK and foreign key (an insert that broke one would have
// failed the generation), belong together, leave the numbering and the schema's indexes as
// the product needs them, and leave nothing for the minute sweeps to catch up on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careSweep, sweep } from '../server/jobs/sweeps.ts';
import { verifyChain } from '../server/lib/audit.ledger.ts';
import { createTestEnv, type TestEnv } from '../server/test/harness.ts';
import { generateLarge } from './large/index.ts';
import { benchId } from './large/sql.ts';

const DEVICES = 200;
const WORK_ORDERS = 2000;

describe('the large data generator at 200 devices and 2,000 work orders', () => {
  let env: TestEnv;
  let result: Awaited<ReturnType<typeof generateLarge>>;
  let auditBefore: number;
  let auditAfter: number;
  let indexesBefore: string[];
  const one = async <T = Record<string, unknown>>(text: string, params?: unknown[]) => (await env.database.query<T>(text, params)).rows[0];
  const indexes = async () =>
    (
      await env.database.query<{ d: string }>(
        `select indexdef as d from pg_indexes where schemaname = 'public' and tablename in ('devices', 'service_requests', 'work_orders', 'followups') order by 1`,
      )
    ).rows.map((r) => r.d);

  beforeAll(async () => {
    env = await createTestEnv();
    auditBefore = Number((await one<{ n: number }>('select count(*)::int as n from audit_log'))?.n);
    indexesBefore = await indexes();
    result = await generateLarge(env.database, { devices: DEVICES, workOrders: WORK_ORDERS, seed: 7 });
    auditAfter = Number((await one<{ n: number }>('select count(*)::int as n from audit_log'))?.n);
  }, 180_000);
  afterAll(() => env?.close());

  it('writes the devices and the requests with their work orders asked for, under ids computable from an integer', async () => {
    const r = await one<{ devices: number; requests: number; orders: number }>(
      `select (select count(*)::int from devices where id in (select overlay(overlay(md5('dev' || n) placing '4' from 13) placing '8' from 17)::uuid from generate_series(1, $1::int) n)) as devices,
              (select count(*)::int from service_requests where id in (select overlay(overlay(md5('sr' || n) placing '4' from 13) placing '8' from 17)::uuid from generate_series(1, $2::int) n)) as requests,
              (select count(*)::int from work_orders where id in (select overlay(overlay(md5('wo' || n) placing '4' from 13) placing '8' from 17)::uuid from generate_series(1, $2::int) n)) as orders`,
      [DEVICES, WORK_ORDERS],
    );
    expect(r).toEqual({ devices: DEVICES, requests: WORK_ORDERS, orders: WORK_ORDERS });
    expect(result.counts.service_requests).toBe(WORK_ORDERS);
    // Scripts compute the same ids in JS; the API accepts them as uuids.
    expect(await one('select id from devices where id = $1', [benchId(`dev${DEVICES}`)])).toEqual({ id: benchId(`dev${DEVICES}`) });
    const admin = await env.as('admin');
    expect((await admin.get(`/api/v1/work-orders/${benchId('wo1')}`)).statusCode).toBe(200);
    expect(result.counts.engineer_profiles).toBeGreaterThan(4);
  });

  it('gives every work order its request, and the device of the request belongs to the same hospital', async () => {
    const r = await one<{ orphans: number; mismatched: number; early: number }>(
      `select count(*) filter (where r.id is null)::int as orphans,
              count(*) filter (where r.id is not null and (d.customer_id <> w.customer_id or r.customer_id <> w.customer_id or r.device_id <> w.device_id))::int as mismatched,
              count(*) filter (where (r.received_at at time zone 'Asia/Shanghai')::date <= d.install_date)::int as early
       from work_orders w left join service_requests r on r.id = w.request_id join devices d on d.id = w.device_id`,
    );
    expect(r).toEqual({ orphans: 0, mismatched: 0, early: 0 });
  });

  it('spreads urgency and status like a real register: mostly closed, a few open ones, emergencies rare', async () => {
    const u = await env.database.query<{ urgency: string; n: number }>(`select urgency, count(*)::int as n from service_requests group by 1`);
    const share = Object.fromEntries(u.rows.map((r) => [r.urgency, r.n / WORK_ORDERS]));
    expect(share.emergency).toBeGreaterThan(0.02);
    expect(share.emergency).toBeLessThan(0.09);
    expect(share.urgent).toBeGreaterThan(0.14);
    expect(share.urgent).toBeLessThan(0.26);
    expect(share.normal).toBeGreaterThan(0.57);
    expect(share.normal).toBeLessThan(0.73);
    expect(share.low).toBeGreaterThan(0.06);
    expect(share.low).toBeLessThan(0.14);
    const s = await one<{ closed: number; open: number; lead_missing: number }>(
      `select count(*) filter (where status in ('closed', 'cancelled'))::int as closed,
              count(*) filter (where status not in ('closed', 'cancelled'))::int as open,
              count(*) filter (where status not in ('new', 'cancelled') and lead_engineer_id is null)::int as lead_missing
       from work_orders`,
    );
    expect(s.closed / WORK_ORDERS).toBeGreaterThan(0.9);
    expect(s.open).toBeGreaterThan(0);
    expect(s.lead_missing).toBe(0);
    const running = await one<{ n: number }>(`select count(*)::int as n from sla_clocks where stopped_at is null`);
    expect(running.n).toBeGreaterThan(0);
  });

  it('moves the numbering past the generated numbers: the next request registered through the API gets a fresh number', async () => {
    const behind = await env.database.query(
      `select y.yr, y.top, c.value from (select split_part(number, '-', 2) as yr, max(split_part(number, '-', 3)::int) as top from service_requests group by 1) y
       left join counters c on c.key = 'BX-' || y.yr where c.value is null or c.value < y.top`,
    );
    expect(behind.rows).toEqual([]);
    const [device] = (
      await env.database.query<{ id: string }>(
        `select id from devices where id in (select overlay(overlay(md5('dev' || n) placing '4' from 13) placing '8' from 17)::uuid from generate_series(1, $1::int) n) and status = 'in_service' order by id limit 1`,
        [DEVICES],
      )
    ).rows;
    const dispatcher = await env.as('dispatcher');
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '开机报错',
      deviceDown: false,
      channel: 'phone',
      reporterName: '王红',
      reporterPhone: '13800000000',
    });
    expect(r.statusCode, r.body).toBe(201);
    const year = r.data.number.split('-')[1];
    const latest = await one<{ max: string }>(`select max(number) as max from service_requests where number like $1 and id <> $2`, [`BX-${year}-%`, r.data.id]);
    // The new number comes after this year's generated ones (none only in the first hours of a year).
    if (latest.max) expect(r.data.number > latest.max).toBe(true);
    expect(r.data.workOrderNumber).toBe(r.data.number.replace('BX', 'WO'));
  });

  it('appends nothing to the audit trail and gives back every index the migrations define', async () => {
    expect(auditAfter).toBe(auditBefore);
    expect((await verifyChain(env.database.db)).ok).toBe(true);
    expect(await indexes()).toEqual(indexesBefore);
  });

  it('leaves nothing for the minute sweeps to catch up on (no alarm storm on a worker start)', async () => {
    const sla = await sweep(env.database.db, result.plan.now);
    expect(sla).toMatchObject({ warned: 0, breached: 0, loanersRaised: 0, flaggedForMorning: 0, morningNotified: 0, sameDayMissed: 0 });
    const care = await careSweep(env.database.db, 'Asia/Shanghai', result.plan.now);
    expect(care).toMatchObject({ planned: 0, standing: 0, surveyed: 0, reminded: 0 });
  });
});
