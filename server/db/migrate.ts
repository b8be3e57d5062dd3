// Applies the committed, forward-only migrations. On a PostgreSQL server the start-up lock
// (lock.ts) makes concurrent starts of several instances safe (Drizzle's migrate() takes none).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database } from './client.ts';
import { withStartupLock } from './lock.ts';
import { migrateConcurrently } from './migrate-concurrently.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
export async function migrate(database: Database): Promise<void> {
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
