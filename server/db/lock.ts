// One lock for what must run once across instances at start-up: migrations and the first-start
// demo seed (issue 17 item 7). On a PostgreSQL server it is a session advisory lock on a
// dedicated connection, so several `npm start` processes on one fresh database take turns: the
// first migrates and seeds, the next ones wait, then find the work done. Embedded PGlite needs
// none: its data directory admits one process (boot.ts lockDataDir).
import type pg from 'pg';
import type { Database } from './client.ts';

const STARTUP_LOCK_KEY = 7_172_000;

export async function withStartupLock<T>(database: Database, fn: (client: pg.PoolClient | null) => Promise<T>): Promise<T> {
  if (!database.pool) return fn(null);
  const client = await database.pool.connect();
  try {
    // Polled, not waited for: a session blocked in pg_advisory_lock holds a snapshot, and a
    // migration's CREATE INDEX CONCURRENTLY waits for every older snapshot — a deadlock.
    while (!(await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [STARTUP_LOCK_KEY])).rows[0].ok) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return await fn(client);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
