// Migrations that build or drop an index on a big table with CONCURRENTLY (issue 17: no table
// locked for the minutes a rebuild takes at 1M rows). Drizzle's migrator runs every pending
// migration in one transaction, where CONCURRENTLY is refused; so, on a PostgreSQL server, each
// such statement of a pending migration runs first on its own (the migrations before it applied
// first), and inside the migration's transaction it becomes its IF [NOT] EXISTS form without
// CONCURRENTLY — then a no-op. Embedded PGlite (one connection, small tables) runs that plain form.
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type pg from 'pg';

type MigrationMeta = ReturnType<typeof readMigrationFiles>[number];
interface Migrating {
  dialect: PgDialect;
  session: PgSession;
}

const CONCURRENT = /^\s*(create\s+(?:unique\s+)?index|drop\s+index)\s+concurrently\s+(?:if\s+(?:not\s+)?exists\s+)?("?[\w]+"?)([\s\S]*)$/i;

/** `CREATE INDEX CONCURRENTLY x …` → the statement to run on its own and the one for the transaction. */
export function splitConcurrent(stmt: string): { alone: string; inTransaction: string; index: string; create: boolean } | null {
  const m = CONCURRENT.exec(stmt.replace(/^(\s*--[^\n]*\n)+/, ''));
  if (!m) return null;
  const create = /^create/i.test(m[1]);
  const exists = create ? 'if not exists' : 'if exists';
  const rest = m[3].replace(/;\s*$/, '');
  return {
    alone: `${m[1]} concurrently ${exists} ${m[2]}${rest}`,
    inTransaction: `${m[1]} ${exists} ${m[2]}${rest}`,
    index: m[2].replace(/"/g, ''),
    create,
  };
}

/** Applies the migrations in `folder`; `client` is the PostgreSQL connection holding the start-up lock (null on PGlite). */
export async function migrateConcurrently(db: unknown, client: pg.PoolClient | null, migrationsFolder: string): Promise<void> {
  const { dialect, session } = db as Migrating;
  const all = readMigrationFiles({ migrationsFolder });
  const plain: MigrationMeta[] = all.map((m) => ({ ...m, sql: m.sql.map((s) => splitConcurrent(s)?.inTransaction ?? s) }));
  if (client) {
    for (let i = 0; i < all.length; i++) {
      const alone = all[i].sql.map(splitConcurrent).filter((s) => s !== null);
      if (!alone.length) continue;
      await dialect.migrate(plain.slice(0, i), session, { migrationsFolder });
      const last = await client.query<{ at: string | null }>('select max(created_at)::text as at from drizzle.__drizzle_migrations');
      if (last.rows[0]?.at !== null && Number(last.rows[0]?.at) >= all[i].folderMillis) continue;
      for (const s of alone) {
        // A build that died half-way leaves an invalid index that IF NOT EXISTS would keep.
        if (s.create) {
          const invalid = await client.query('select 1 from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = $1 and not i.indisvalid', [
            s.index,
          ]);
          if (invalid.rows.length) await client.query(`drop index concurrently if exists "${s.index}"`);
        }
        await client.query(s.alone);
      }
    }
  }
  await dialect.migrate(plain, session, { migrationsFolder });
}
