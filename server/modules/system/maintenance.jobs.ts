// Table maintenance (issue 10 item 6): keeps the planner's statistics fresh and dead rows
// vacuumed on both databases — on PGlite nothing else does (it runs no autovacuum), and on a
// PostgreSQL server with autovacuum off neither. Reads pg_stat_user_tables and pg_class, decides
// with the pure maintenance.rules, then ANALYZEs / VACUUMs one table per statement: on PGlite's
// single connection requests queue between two tables, never behind the whole pass, and a run
// stops at its time budget (the rest waits for the next run). SKIP_LOCKED: a table someone holds
// a conflicting lock on is left for the next run instead of waited for.
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { job, noPayload } from '../../jobs/define.ts';
import { type Decision, plan, type TableStats } from './maintenance.rules.ts';

const SCHEMAS = ['public', 'pgboss'];

export async function tableStats(database: Database): Promise<TableStats[]> {
  await database.query('select pg_stat_clear_snapshot()');
  const r = await database.query<Record<string, string | number>>(
    `select quote_ident(s.schemaname) || '.' || quote_ident(s.relname) as name, c.reltuples, c.relpages,
       (pg_relation_size(s.relid) / current_setting('block_size')::int)::int as pages,
       s.n_mod_since_analyze, s.n_dead_tup, s.n_ins_since_vacuum
     from pg_stat_user_tables s join pg_class c on c.oid = s.relid
     where s.schemaname = any($1::text[]) and c.relkind = 'r'`,
    [SCHEMAS],
  );
  return r.rows.map((x) => ({
    name: String(x.name),
    reltuples: Number(x.reltuples),
    relpages: Number(x.relpages),
    pages: Number(x.pages),
    modSinceAnalyze: Number(x.n_mod_since_analyze),
    deadTuples: Number(x.n_dead_tup),
    insSinceVacuum: Number(x.n_ins_since_vacuum),
  }));
}

export interface MaintenanceRun {
  at: string;
  done: (Decision & { ms: number })[];
  left: number;
}

/** One pass: the tables that changed materially, most changed first, within `budgetMs`. */
export async function maintainTables(database: Database, opts: { budgetMs?: number } = {}): Promise<MaintenanceRun> {
  const budget = opts.budgetMs ?? 10_000;
  const t0 = performance.now();
  const todo = plan(await tableStats(database));
  const done: MaintenanceRun['done'] = [];
  for (const d of todo) {
    if (performance.now() - t0 > budget) break;
    const t = performance.now();
    // The name comes from the catalogue, already quoted by quote_ident.
    const options = [d.vacuum ? 'ANALYZE' : null, 'SKIP_LOCKED'].filter(Boolean).join(', ');
    await database.exec(d.vacuum ? `VACUUM (${options}) ${d.name}` : `ANALYZE (SKIP_LOCKED) ${d.name}`);
    done.push({ ...d, analyze: true, ms: Math.round(performance.now() - t) });
    // Let queued requests run between two tables (PGlite serves one statement at a time).
    await new Promise((r) => setImmediate(r));
  }
  return { at: new Date().toISOString(), done, left: todo.length - done.length };
}

/** After a bulk write (an import, the demo seed): the tables it filled get statistics now, not at the next run. */
export async function analyzeTables(db: Db, tables: string[]) {
  for (const t of tables) await db.execute(sql`analyze ${sql.identifier(t)}`);
}

export const maintenanceJobs = {
  /** Every ten minutes: a pass with nothing to do is one catalogue read; a pass stops at its 10 s budget. */
  'system.maintenance': job({
    payload: noPayload,
    cron: '*/10 * * * *',
    retryLimit: 0,
    expireInSeconds: 300,
    run: async ({ database }) => {
      const run = await maintainTables(database);
      await database.db.execute(
        sql`insert into system_state (key, value, updated_at) values ('maintenance', ${JSON.stringify(run)}::jsonb, now())
            on conflict (key) do update set value = excluded.value, updated_at = now()`,
      );
    },
  }),
};
