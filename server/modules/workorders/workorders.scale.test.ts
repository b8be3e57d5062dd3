// Issue 10 item 6: lists stay fast as open work accumulates. A busy month — 1,300 repair
// requests registered through the registration service, as the API does — on a database that
// has never been analyzed (PGlite runs no autovacuum). The default work-order list (next
// deadline first), its filters and the dispatch board must keep plans that read a page, not the
// open work: asserted on EXPLAIN (ANALYZE, FORMAT JSON) plan shapes, never on timings
// (those are in bench/lists.ts and bench/RESULTS.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/access.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { describePlan, nodes, type PlanNode, plansOfStatements, recordingDb, rowsOf, type Statement } from '../../test/plans.ts';
import { principal } from '../../test/service.ts';
import { board } from '../dispatch/queries/board.ts';
import { registerRequest } from '../requests/requests.registration.ts';
import { pauseRequestClocks, recordResponse, resumeRequestClocks } from '../requests/requests.service.ts';
import { listWorkOrders } from './queries/list.ts';
import { workOrderListQuery } from './workorders.dto.ts';

const OPEN_REQUESTS = 1300;
const TZ = 'Asia/Shanghai';

let env: TestEnv;
let dispatcher: Principal;
let customerId: string;
const registered: { requestId: string; workOrderId: string }[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await principal(env, 'dispatcher');
  const devs = (
    await env.database.query<{ id: string; customer_id: string }>(
      `select d.id, d.customer_id from devices d where d.status <> 'retired'
         and not exists (select 1 from loaner_units l where l.device_id = d.id) order by d.serial_number`,
    )
  ).rows;
  customerId = devs[0].customer_id;
  // Calls over the last three weeks, the way customer service registers them (one transaction each).
  const start = Date.now() - 21 * 86_400_000;
  for (let i = 0; i < OPEN_REQUESTS; i++) {
    const d = devs[i % devs.length];
    const receivedAt = new Date(start + Math.floor((i * 21 * 86_400_000) / OPEN_REQUESTS)).toISOString();
    const input = {
      deviceId: d.id,
      faultDescription: `报错 E${i}`,
      deviceDown: false,
      channel: 'phone' as const,
      reporterName: '王红',
      reporterPhone: '13801010001',
      receivedAt,
      internal: false,
      urgencyReason: undefined,
    };
    registered.push(await registerRequest(env.database.db, dispatcher, input, TZ));
  }
}, 600_000);
afterAll(() => env?.close());

async function plansOf(run: (db: ReturnType<typeof recordingDb>['db']) => Promise<unknown>) {
  const rec = recordingDb(env.database);
  await run(rec.db);
  return plansOfStatements(env.database, rec.statements);
}

const list = (q: Record<string, string>) => (db: ReturnType<typeof recordingDb>['db']) => listWorkOrders(db, dispatcher, workOrderListQuery.parse(q), TZ);

/** A plan's nodes outside the capped total (an Aggregate's subtree: counting the filter's rows is its job). */
function pageNodes(plan: PlanNode): PlanNode[] {
  if (plan['Node Type'] === 'Aggregate') return [];
  return [plan, ...(plan.Plans ?? []).flatMap(pageNodes)];
}

/**
 * The list never touches the clocks; work orders are read a page at a time (the capped total
 * counts the filter's rows, that is its job); no sort takes more than a few pages of rows.
 * (The page's joined rows may come from a hash join over a small table: at 1,300 rows that is
 * the cheaper plan, and the planner knows a table's size from its pages without statistics.)
 */
function expectPageSized(plans: { s: Statement; plan: PlanNode }[], pageSize: number, sortLimit = pageSize * 4) {
  for (const { s, plan } of plans) {
    const why = `${s.sql}\n${describePlan(plan)}`;
    for (const n of nodes(plan)) expect(n['Relation Name'], why).not.toBe('sla_clocks');
    for (const n of pageNodes(plan)) {
      if (n['Relation Name'] === 'work_orders') expect(rowsOf(n), why).toBeLessThanOrEqual(pageSize * 4);
      if (n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort') expect(rowsOf(n.Plans?.[0] ?? n), why).toBeLessThanOrEqual(sortLimit);
    }
  }
}

describe('1,300 open requests on a database never analyzed (issue 10 item 6)', () => {
  it('the tables have no fresh statistics: nothing analyzed them after the load', async () => {
    const r = await env.database.query<{ relname: string; last_analyze: unknown }>(
      `select relname, last_analyze from pg_stat_user_tables where relname in ('work_orders', 'sla_clocks')`,
    );
    expect(r.rows.map((x) => x.last_analyze)).toEqual([null, null]);
    expect(await env.database.query(`select 1 from work_orders where next_due_at is not null`).then((x) => x.rows.length)).toBeGreaterThanOrEqual(
      OPEN_REQUESTS,
    );
  });

  it('the default list (next deadline first) reads one index range of work orders: no scan of the open work, no sort of it', async () => {
    const plans = await plansOf(list({ pageSize: '50' }));
    expectPageSized(plans, 50);
    const page = plans.find((p) => /next_due_at/.test(p.s.sql) && /order by/i.test(p.s.sql));
    expect(page, 'the page statement orders by next_due_at').toBeDefined();
    // The running jobs from the next-due index; the jobs without a clock not read while those fill the page.
    const scans = pageNodes(page!.plan).filter((n) => n['Relation Name'] === 'work_orders');
    expect(scans[0]?.['Index Name'], describePlan(page!.plan)).toBe('work_orders_next_due_idx');
    expect(scans.slice(1).map(rowsOf), describePlan(page!.plan)).toEqual(scans.slice(1).map(() => 0));
  });

  it('a page by deadline is three statements: the settings (sorting off among them), its ids with the total, its rows (issue 17 item 3)', async () => {
    const rec = recordingDb(env.database);
    await list({ pageSize: '50' })(rec.db);
    const sent = rec.statements.map((s) => s.sql).filter((s) => !/^\s*(begin|commit)\b/i.test(s));
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/set_config\('enable_sort', 'off', true\)/);
    expect(sent[1]).toMatch(/next_due_at/);
    expect(sent[1]).toMatch(/count\(/);
  });

  it('the same list sorted latest deadline first, and a later page, stay page-sized', async () => {
    expectPageSized(await plansOf(list({ pageSize: '50', sort: '-deadline' })), 50);
    expectPageSized(await plansOf(list({ pageSize: '50', page: '5' })), 50 * 5);
  });

  it('its filters (open statuses, a hospital, my work) stay page-sized too', async () => {
    expectPageSized(await plansOf(list({ pageSize: '50', status: 'new' })), 50);
    expectPageSized(await plansOf(list({ pageSize: '50', status: 'new,dispatched,accepted,on_the_way,on_site' })), 50);
    expectPageSized(await plansOf(list({ pageSize: '50', customerId })), 50);
    expectPageSized(await plansOf(list({ pageSize: '50', mine: 'true' })), 50);
  });

  it('the dispatch board reads its lanes without scanning the clocks or work orders whole', async () => {
    const plans = await plansOf((db) => board(db, dispatcher));
    for (const { s, plan } of plans) {
      for (const n of nodes(plan)) {
        // The next deadline comes with the work order: the clocks are read for the cards shown only.
        if (n['Relation Name'] === 'sla_clocks') expect(n['Node Type'], `${s.sql}\n${describePlan(plan)}`).not.toBe('Seq Scan');
        if (n['Relation Name'] === 'sla_clocks') expect(rowsOf(n), `${s.sql}\n${describePlan(plan)}`).toBeLessThanOrEqual(3 * 300);
      }
    }
  });

  it('the list order follows the clocks: answering, pausing and resuming move a job to its new next deadline', async () => {
    const [a, b] = registered.slice(-2);
    const version = async (id: string) =>
      (await env.database.query<{ version: number }>(`select version from service_requests where id = $1`, [id])).rows[0].version;
    await recordResponse(env.database.db, dispatcher, a.requestId, await version(a.requestId));
    await pauseRequestClocks(env.database.db, dispatcher, b.requestId, await version(b.requestId), '等待医院确认停机时间');
    // The order's next deadline is always its request's running clock due first (or none).
    const drift = await env.database.query(
      `select w.id from work_orders w left join lateral (select c.due_at, c.kind from sla_clocks c
         where c.request_id = w.request_id and c.stopped_at is null and c.paused_at is null order by c.due_at, c.kind limit 1) c on true
       where w.next_due_at is distinct from c.due_at or w.next_due_kind is distinct from c.kind`,
    );
    expect(drift.rows).toEqual([]);
    const kinds = await env.database.query<{ id: string; next_due_kind: string | null }>(
      `select id, next_due_kind from work_orders where id = any($1::uuid[]) order by id`,
      [[a.workOrderId, b.workOrderId]],
    );
    expect(Object.fromEntries(kinds.rows.map((r) => [r.id, r.next_due_kind]))).toEqual({ [a.workOrderId]: 'arrive', [b.workOrderId]: null });
    await resumeRequestClocks(env.database.db, dispatcher, b.requestId, await version(b.requestId));
    const resumed = await env.database.query<{ next_due_kind: string }>(`select next_due_kind from work_orders where id = $1`, [b.workOrderId]);
    expect(resumed.rows[0].next_due_kind).toBe('respond');
  });
});
