// Start-up pieces shared by the server and the CLI: open the configured database (taking the
// embedded data directory's lock), apply migrations, and find or create the session secret.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Database, openPglite, openPostgres } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import type { Env } from './env.ts';
import { ensureSlaDefaults } from './modules/sla/sla.service.ts';

export class StartupError extends Error {}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own (pglite #1106): two processes on one data directory corrupt
 * it. We hold a pid file and refuse to start while another live process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'medservice.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new StartupError(
        `The embedded database in ${dir} is in use by process ${pid}. Stop it first (only one MedService process may open an embedded database), or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}

export async function openDatabase(env: Env, opts: { lock?: boolean } = {}): Promise<{ database: Database; release: () => void }> {
  if (env.DATABASE_URL) {
    const database = await openPostgres(env.DATABASE_URL);
    try {
      await database.query('select 1');
    } catch (e) {
      await database.close();
      throw new StartupError(`Cannot reach DATABASE_URL (${redact(env.DATABASE_URL)}): ${(e as Error).message}`);
    }
    return { database, release: () => {} };
  }
  const release = opts.lock === false ? () => {} : lockDataDir(env.DATA_DIR);
  const database = await openPglite(path.join(path.resolve(env.DATA_DIR), 'pgdata'));
  return { database, release };
}

export function redact(url: string) {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/** Migrations, then the reference data every company needs (default calendar and SLA policy). */
export async function prepareDatabase(database: Database) {
  await migrate(database);
  await ensureSlaDefaults(database.db);
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
