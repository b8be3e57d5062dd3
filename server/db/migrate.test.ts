// Restarts skip Drizzle's migrator when the journal's newest migration is already applied
// (issue 17 item 5); a database that lacks it is still migrated.
import { describe, expect, it } from 'vitest';
import { openPglite } from './client.ts';
import { isMigrated, migrate, newestMigration } from './migrate.ts';

describe('migrations at start', () => {
  it('a fresh database is migrated; a restart on it finds nothing new; a newer journal entry is still applied', async () => {
    const database = await openPglite(undefined);
    try {
      expect(await isMigrated(database)).toBe(false);
      await migrate(database);
      expect(await isMigrated(database)).toBe(true);
      const { rows } = await database.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      // A second start applies nothing and records nothing.
      await migrate(database);
      expect((await database.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0].n).toBe(rows[0].n);
      // A journal one migration ahead of the database is not skipped.
      expect(await isMigrated(database, newestMigration() + 1)).toBe(false);
    } finally {
      await database.close();
    }
  }, 300_000);
});
