// The maintenance job keeps statistics fresh where nothing else does (issue 10 item 6): after
// registrations fill a table it is analyzed; a table nobody wrote to is left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { maintainTables, tableStats } from './maintenance.jobs.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

/** The statistics collector publishes a backend's counts when it goes idle, at most once a second. */
async function settle() {
  await env.database.query('select pg_stat_force_next_flush()');
  await new Promise((r) => setTimeout(r, 1200));
  await env.database.query('select 1');
  await env.database.query('select pg_stat_clear_snapshot()');
}

const lastAnalyze = async (table: string) =>
  (await env.database.query<{ t: unknown }>(`select coalesce(last_analyze, last_autoanalyze) as t from pg_stat_user_tables where relname = $1`, [table]))
    .rows[0]?.t ?? null;

describe('table maintenance (issue 10 item 6)', () => {
  it('analyzes a table that changed materially and leaves an unchanged one alone', async () => {
    // Bring everything up to date first, so only what happens next counts.
    await env.database.exec('vacuum analyze');
    await settle();
    await maintainTables(env.database);
    await settle();
    const before = { sessions: await lastAnalyze('sessions'), contracts: await lastAnalyze('contracts') };
    // 400 sessions: far past 50 + 10 % of what the table held.
    await env.database.exec(
      `insert into sessions (id, user_id, expires_at)
       select md5(g::text), (select id from users order by username limit 1), now() + interval '1 hour' from generate_series(1, 400) g`,
    );
    await settle();
    const stats = await tableStats(env.database);
    expect(stats.find((s) => s.name === 'public.sessions')?.modSinceAnalyze).toBeGreaterThanOrEqual(400);
    const run = await maintainTables(env.database);
    expect(run.done.map((d) => d.name)).toContain('public.sessions');
    expect(run.done.map((d) => d.name)).not.toContain('public.contracts');
    expect(await lastAnalyze('sessions')).not.toEqual(before.sessions);
    expect(await lastAnalyze('contracts')).toEqual(before.contracts);
    // Done: the next run has nothing to do for it.
    expect((await maintainTables(env.database)).done.map((d) => d.name)).not.toContain('public.sessions');
  });

  it('vacuums a table with many dead rows', async () => {
    await env.database.exec(`delete from sessions`);
    await settle();
    const run = await maintainTables(env.database);
    expect(run.done.find((d) => d.name === 'public.sessions')).toMatchObject({ vacuum: true });
  });
});
