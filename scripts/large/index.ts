// Orchestrates the large data set on an open, migrated, demo-seeded database: one session with
// synchronous_commit off, the bulk SQL steps, the rule-derived rows, the numbering counters,
// ANALYZE, and a row count per table. Used by scripts/seed-large.ts and its test.
import type { Database } from '../../server/db/client.ts';
import { generateCare } from './care.ts';
import { generateDerived } from './derived.ts';
import { type Context, generateBase, generateService, ms, type Plan, sizes } from './generate.ts';
import { openSession, type Session } from './sql.ts';

export interface LargeOptions {
  devices: number;
  workOrders: number;
  seed?: number;
  now?: Date;
  timeZone?: string;
  recentDays?: number;
  chunk?: number;
  log?: (line: string) => void;
}

export const COUNTED_TABLES = [
  'customers',
  'departments',
  'sites',
  'contacts',
  'device_models',
  'devices',
  'contracts',
  'contract_devices',
  'users',
  'engineer_profiles',
  'service_requests',
  'work_orders',
  'work_order_events',
  'sla_clocks',
  'sla_events',
  'work_order_same_day',
  'surveys',
  'followup_plans',
  'followups',
  'notifications',
  'audit_log',
] as const;

export class AlreadyGenerated extends Error {}

/** Tables that receive bulk rows: their secondary indexes are built once after the load. */
const BULK_TABLES = ['devices', 'service_requests', 'work_orders', 'work_order_events', 'sla_events', 'surveys', 'followup_plans', 'followups'];

/**
 * Secondary indexes (whatever the migrations define; constraint-backed ones such as primary
 * keys stay) are dropped before the load and rebuilt from their own definitions afterwards:
 * maintaining the trigram/GiST indexes row by row is most of the insert cost. The definitions
 * are kept in system_state first, so an interrupted run restores them on the next start.
 */
async function dropSecondaryIndexes(s: Session) {
  const defs = await s.q<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
     where i.indrelid = any($1::regclass[]) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [BULK_TABLES],
  );
  await s.q(`insert into system_state (key, value) values ('seed_large_indexes', $1::jsonb)`, [JSON.stringify(defs)]);
  for (const d of defs) await s.exec(`drop index ${d.name}`);
  return defs.length;
}

export async function restoreIndexes(s: Session, log: (line: string) => void) {
  const [row] = await s.q<{ value: { name: string; def: string }[] }>(`select value from system_state where key = 'seed_large_indexes'`);
  if (!row) return;
  const t = Date.now();
  for (const d of row.value) await s.exec(d.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
  await s.exec(`delete from system_state where key = 'seed_large_indexes'`);
  log(`secondary indexes rebuilt: ${row.value.length} (${ms(t)})`);
}

export async function generateLarge(database: Database, opts: LargeOptions) {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const size = sizes(opts.devices, opts.workOrders);
  const plan: Plan = {
    ...size,
    seed: opts.seed ?? 1,
    now: opts.now ?? new Date(),
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
    recentDays: opts.recentDays ?? 60,
    chunk: opts.chunk ?? 100_000,
    log,
  };
  const s = await openSession(database);
  try {
    await restoreIndexes(s, log);
    const done = await s.q(`select value from system_state where key = 'seed_large'`);
    if (done.length) throw new AlreadyGenerated(`this database already holds generated data (${JSON.stringify(done[0].value)}); use --reset`);
    await s.exec(`set synchronous_commit = off; set work_mem = '64MB'; set maintenance_work_mem = '256MB'`);
    const [dispatcher] = await s.q<{ id: string; name: string }>(`select id, display_name as name from users where username = 'dispatcher'`);
    const [policy] = await s.q<{ id: string }>(`select id from sla_policies where is_default order by version_no desc limit 1`);
    if (!dispatcher || !policy) throw new Error('the demo data (dispatcher user, default SLA policy) must be loaded first');
    const ctx: Context = { dispatcherId: dispatcher.id, dispatcherName: dispatcher.name, policyId: policy.id };
    log(
      `generating ${plan.customers} hospitals, ${plan.devices} devices, ${plan.engineers} engineers, ${plan.workOrders} requests/work orders (seed ${plan.seed})`,
    );

    const dropped = await dropSecondaryIndexes(s);
    log(`${dropped} secondary indexes of ${BULK_TABLES.join(', ')} set aside until the load is done`);
    try {
      await generateBase(s, plan);
      await generateService(s, plan, ctx);
      await generateDerived(s, database.db, plan);
      await generateCare(s, plan, ctx);
    } catch (e) {
      await restoreIndexes(s, log).catch((e2: Error) => log(`could not rebuild the indexes now (${e2.message}); the next run does`));
      throw e;
    }
    await restoreIndexes(s, log);

    await s.q(`insert into system_state (key, value) values ('seed_large', $1::jsonb)`, [
      JSON.stringify({ devices: plan.devices, workOrders: plan.workOrders, seed: plan.seed, at: plan.now.toISOString() }),
    ]);
    const t = Date.now();
    await s.exec('drop table if exists sl_req, sl_chunk, sl_dev, sl_cust, sl_model, sl_contract, sl_ccount, sl_eng; analyze');
    log(`analyze (${ms(t)})`);
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) counts[table] = (await s.q<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
    return { counts, seconds: (Date.now() - started) / 1000, plan };
  } finally {
    s.release();
  }
}
