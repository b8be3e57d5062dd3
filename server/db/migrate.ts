// Applies the committed, forward-only migrations. On a PostgreSQL server the start-up lock
// (lock.ts) makes concurrent starts of several instances safe (Drizzle's migrate() takes none).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';
import { withStartupLock } from './lock.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite' && database.pglite) {
    await migratePglite(drizzlePglite(database.pglite), { migrationsFolder });
    return;
  }
  if (!database.pool) throw new Error('no pool');
  await withStartupLock(database, async (client) => {
    await migratePg(drizzlePg(client as NonNullable<typeof client>), { migrationsFolder });
  });
}
