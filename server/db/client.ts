// One database handle for the whole app: embedded PGlite (default, data in DATA_DIR) or a
// PostgreSQL server (DATABASE_URL). Both speak the same SQL and share one Drizzle schema, so
// no code path above this file knows which one it runs on.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { withAuditAtCommit } from '../lib/audit.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Drizzle database. Typed as node-postgres; the PGlite driver has the same query surface. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run Drizzle queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL for the few places that need it (pg-boss, migrations, health). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Multi-statement SQL without parameters. */
  exec(text: string): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
  /** Calls `fn` with every statement sent through `db` (tests and benches count what a request costs); returns the off switch. */
  tap(fn: StatementTap): () => void;
  close(): Promise<void>;
}

export type StatementTap = (sql: string, params: unknown[]) => void;

// Dates stay strings ('2026-01-31') end to end: a calendar date has no time zone, and
// converting it to a JS Date shifts it by the server's offset.
pg.types.setTypeParser(1082, (v: string) => v);

/**
 * Drizzle's logger: LOG_SQL (benchmarks) appends every statement and its parameters as one JSON
 * line, so its plan can be examined; taps (tests) see each statement. Costs nothing without either.
 */
function statementLogger(file: string | undefined, taps: Set<StatementTap>): Logger {
  return {
    logQuery: (query, params) => {
      if (file) appendFileSync(file, `${JSON.stringify({ sql: query, params })}\n`);
      for (const t of taps) t(query, params);
    },
  };
}

function tapOf(taps: Set<StatementTap>) {
  return (fn: StatementTap) => {
    taps.add(fn);
    return () => void taps.delete(fn);
  };
}

export async function openPostgres(url: string, max = 10, opts: { logSql?: string } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // Nor a checked-out one between two statements of a transaction (the pool listens only to idle
  // clients; an unheard 'error' is an uncaught exception). Its next query fails, the request
  // answers 503, and the pool discards the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const taps = new Set<StatementTap>();
  const db = withAuditAtCommit(drizzlePg(pool, { schema, logger: statementLogger(opts.logSql, taps) }) as Db);
  return {
    kind: 'postgres',
    db,
    pool,
    tap: tapOf(taps),
    query: async (text, params) => {
      const r = await pool.query(text, params as unknown[]);
      return { rows: r.rows };
    },
    exec: async (text) => {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}

export async function openPglite(
  dataDir: string | undefined,
  loadDataDir?: Blob | File,
  opts: { logSql?: string; sharedBuffers?: string } = {},
): Promise<Database> {
  if (dataDir) mkdirSync(path.resolve(dataDir), { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dataDir ? path.resolve(dataDir) : undefined,
    loadDataDir,
    parsers: { 1082: (v: string) => v },
    // Trigram indexes back the substring searches (`ilike '%…%'`) of the big lists.
    extensions: { pg_trgm },
    // The data directory's postgresql.conf says 128MB; the cache lives in the process's memory
    // (issue 17 item 5: ~120 MB less RSS at 64MB). A command-line setting wins over the file.
    ...(opts.sharedBuffers ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffers}`] } : {}),
  });
  return fromPglite(pglite, opts);
}

export function fromPglite(pglite: PGlite, opts: { logSql?: string } = {}): Database {
  const taps = new Set<StatementTap>();
  const db = withAuditAtCommit(drizzlePglite(pglite, { schema, logger: statementLogger(opts.logSql, taps) }) as unknown as Db);
  return {
    kind: 'pglite',
    db,
    pglite,
    tap: tapOf(taps),
    query: async (text, params) => {
      const r = await pglite.query(text, params as unknown[]);
      return { rows: r.rows as never[] };
    },
    exec: async (text) => {
      await pglite.exec(text);
    },
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
