// Crash safety (issue 6, reliability 1): a busy service desk keeps registering calls while the
// server is killed with SIGKILL five times and restarted on the same data. Afterwards, read
// straight from the database: no acknowledged call is lost, no request or work order exists
// without its audit entry (or the other way round), and the audit chain still verifies.
// Runs on a fresh PostgreSQL database and on embedded PGlite (whose lock file goes stale on kill -9).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, openPostgres } from '../server/db/client.ts';
import { Load, tally } from './lib/load.ts';
import { ChaosServer, type ServerOptions, sleep } from './lib/server.ts';
import { verifyWrites } from './lib/verify.ts';

const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const FAULTS = 5;
const CLIENTS = 16;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch((e) => console.error('cleanup:', e));
});

async function crashUnderLoad(label: string, opts: ServerOptions, open: () => Promise<Database>) {
  const server = await ChaosServer.start(opts);
  cleanups.push(() => server.stop());
  const load = new Load({ baseUrl: server.url, clients: CLIENTS });
  await load.prepare();
  const phases: { phase: string; sent: number; acked: number; outcomes: string }[] = [];
  let faults = 0;
  let ackedAfterLastRestart = 0;
  load.start();
  try {
    for (let i = 0; i < FAULTS; i++) {
      const m = load.mark();
      await sleep(1000 + Math.random() * 3000);
      await server.kill9();
      faults++;
      await server.start(); // must work on the crashed data without manual cleanup
      const p = load.since(m);
      phases.push({ phase: `until restart ${i + 1}`, sent: p.sent, acked: p.acked, outcomes: JSON.stringify(tally(p.outcomes)) });
    }
    const m = load.mark();
    await sleep(3000);
    const p = load.since(m);
    ackedAfterLastRestart = p.acked;
    phases.push({ phase: 'after last restart', sent: p.sent, acked: p.acked, outcomes: JSON.stringify(tally(p.outcomes)) });
  } finally {
    await load.stop();
    await server.stop();
  }
  expect(server.alive()).toBe(false);

  const database = await open();
  let findings: Awaited<ReturnType<typeof verifyWrites>>;
  try {
    findings = await verifyWrites(database, load.acked, { dataDir: opts.dataDir });
  } finally {
    await database.close();
  }
  console.log(`\n[crash ${label}] ${CLIENTS} clients, kill -9 ×${faults}`);
  console.table(phases);
  console.log(
    `[crash ${label}] requests sent ${load.sent}, acknowledged ${load.acked.length}, faults injected ${faults}, ` +
      `records checked ${findings.checked} (audit chain ${findings.chain.checked} entries in ${findings.chain.batches} signed batches, ${findings.chain.unsealed} unsealed), failures found ${findings.failures.length}`,
  );
  for (const f of findings.failures.slice(0, 20)) console.log(`  FAILURE: ${f}`);

  expect(faults).toBe(FAULTS);
  expect(load.acked.length).toBeGreaterThan(0);
  expect(ackedAfterLastRestart, 'the restarted server takes calls again').toBeGreaterThan(0);
  expect(findings.failures).toEqual([]);
  expect(findings.chain.ok).toBe(true);
}

describe('kill -9 under write load', () => {
  it('on PostgreSQL: every acknowledged call survives five crashes, with its work order and audit entry', async () => {
    const name = `medservice_chaos_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(PG_ADMIN, 1);
    await admin.exec(`create database ${name}`);
    cleanups.push(async () => {
      // Bounded: a DROP DATABASE waits for every backend of the shared server to answer a barrier.
      await admin.exec(`set statement_timeout = '60s'`);
      await admin.exec(`drop database if exists ${name} with (force)`).catch((e) => console.error(`could not drop ${name}: ${(e as Error).message}`));
      await admin.close();
    });
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-chaos-pg-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    await crashUnderLoad('PostgreSQL', { dataDir, databaseUrl: url }, () => openPostgres(url, 2));
  }, 600_000);

  it('on embedded PGlite: restarts over the stale lock and loses no acknowledged call', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-chaos-pglite-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    await crashUnderLoad('PGlite', { dataDir }, () => openPglite(path.join(dataDir, 'pgdata')));
  }, 900_000);
});
