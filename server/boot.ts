// Start-up pieces shared by the server and the CLI: open the configured database (taking the
// embedded data directory's lock), apply migrations, and find or create the session secret.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Database, openPglite, openPostgres } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import type { Env } from './env.ts';
import { ensureSlaDefaults } from './modules/sla/index.ts';
import { maintainTables } from './modules/system/index.ts';
import type { StartupTrace } from './startup-trace.ts';

export class StartupError extends Error {}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When the process started (Linux clock ticks since boot), to tell a reused pid apart; null where /proc is missing. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The lock file holds "pid start"; it is held while that very process lives (a pid reused after kill -9 does not count). */
function lockHolder(content: string): number | null {
  const [pidText, start] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  const now = processStart(pid);
  return start && now && start !== now ? null : pid;
}

/**
 * PGlite has no lock of its own (pglite #1106): two processes on one data directory corrupt
 * it. We hold a pid file and refuse to start while another live process holds it. After a
 * crash (kill -9, power loss) the file stays behind; it is taken over once its process is gone.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'medservice.lock');
  if (existsSync(file)) {
    const pid = lockHolder(readFileSync(file, 'utf8'));
    if (pid !== null) {
      throw new StartupError(
        `The embedded database in ${dir} is in use by process ${pid}. Stop it first (only one MedService process may open an embedded database), or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
  }
  writeFileSync(file, [process.pid, processStart(process.pid)].filter(Boolean).join(' '));
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim().split(/\s+/)[0] === String(process.pid)) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}

export async function openDatabase(env: Env, opts: { lock?: boolean } = {}): Promise<{ database: Database; release: () => void }> {
  if (env.DATABASE_URL) {
    const database = await openPostgres(env.DATABASE_URL, 10, { logSql: env.LOG_SQL });
    try {
      await database.query('select 1');
    } catch (e) {
      await database.close();
      throw new StartupError(`Cannot reach DATABASE_URL (${redact(env.DATABASE_URL)}): ${(e as Error).message}`);
    }
    return { database, release: () => {} };
  }
  const release = opts.lock === false ? () => {} : lockDataDir(env.DATA_DIR);
  const database = await openPglite(path.join(path.resolve(env.DATA_DIR), 'pgdata'), undefined, {
    logSql: env.LOG_SQL,
    sharedBuffers: env.PGLITE_SHARED_BUFFERS,
  });
  return { database, release };
}

export function redact(url: string) {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/**
 * Migrations, then the reference data every company needs (default calendar and SLA policy).
 * `maintain: false` leaves the boot pass of table maintenance to the caller: the server runs it
 * 5 s after it listens (main.ts, issue 17 item 5), since the hot reads do not depend on statistics.
 */
export async function prepareDatabase(database: Database, trace?: StartupTrace, opts: { maintain?: boolean } = {}) {
  await migrate(database);
  trace?.mark('migrations');
  await ensureSlaDefaults(database.db);
  if (opts.maintain === false) return;
  await bootMaintenance(database);
  trace?.mark('table maintenance');
}

/**
 * PGlite forgets its change counters on restart and runs no autovacuum: catch up on the tables
 * that grew or were never analyzed since the last run (issue 10 item 6). On a restart with
 * nothing to do this is still ~150–300 ms of cold catalogue reads (pg_relation_size per table).
 */
export function bootMaintenance(database: Database) {
  return maintainTables(database, { budgetMs: 5_000 });
}

/** SESSION_SECRET, or one generated once and kept in DATA_DIR (mode 600). */
export function sessionSecret(env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const dir = path.resolve(env.DATA_DIR);
  const file = path.join(dir, 'session-secret');
  if (existsSync(file)) {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length >= 32) return s;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
