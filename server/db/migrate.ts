// Applies the committed, forward-only migrations. On a PostgreSQL server the start-up lock
// (lock.ts) makes concurrent starts of several instances safe (Drizzle's migrate() takes none).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database } from './client.ts';
import { withStartupLock } from './lock.ts';
import { migrateConcurrently } from './migrate-concurrently.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The newest migration's `when` in the journal (Drizzle records it as the applied row's created_at). */
export function newestMigration(folder = migrationsFolder): number {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/**
 * True when the database has the journal's newest migration already: Drizzle's migrator would then
 * apply nothing, but it still reads and hashes every SQL file and runs four statements in a
 * transaction first. One read instead makes a restart on kept data cheaper (issue 17 item 5).
 */
export async function isMigrated(database: Database, newest = newestMigration()): Promise<boolean> {
  // Two reads: a statement naming a missing table fails at parse time, whatever its CASE says.
  const exists = await database.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists.rows[0]?.t) return false;
  const { rows } = await database.query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations');
  const last = rows[0]?.last;
  return last != null && Number(last) >= newest;
}

export async function migrate(database: Database): Promise<void> {
  if (await isMigrated(database)) return;
  if (database.kind === 'pglite' && database.pglite) {
    await migrateConcurrently(drizzlePglite(database.pglite), null, migrationsFolder);
    return;
  }
  if (!database.pool) throw new Error('no pool');
  await withStartupLock(database, async (client) => {
    const c = client as NonNullable<typeof client>;
    // CREATE INDEX CONCURRENTLY in a migration runs outside its transaction (migrate-concurrently.ts).
    await migrateConcurrently(drizzlePg(c), c, migrationsFolder);
  });
}
