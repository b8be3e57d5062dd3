// Large data set for the benchmarks (issue 6):
//   npm run seed:large -- [--devices 100000] [--work-orders 1000000] [--seed 1] [--reset]
//                         [--database-url URL | --pglite DIR]
// Target: --database-url, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/medservice_bench
// (created if missing); --pglite DIR writes an embedded database instead (use smaller sizes).
// The schema comes from the app's migrations and the demo data (users, SLA policy, calendar,
// models, warehouses; demo logins work) is loaded when the database is empty; then ~2,000
// hospitals, devices, contracts, engineers and five years of requests + work orders are
// generated with set-based SQL (scripts/large/). Bulk rows get NO audit entries — nothing is
// appended to audit_log, so the demo's audit hash chain stays valid. Device n (1..devices) has the
// id overlay(overlay(md5('dev' || n) placing '4' from 13) placing '8' from 17)::uuid — md5 made
// v4-shaped, since the API's z.uuid() refuses most bare md5(...)::uuid values — so other scripts
// can pick an existing device from an integer (benchId('dev' + n) in scripts/large/sql.ts;
// requests 'sr' || n, work orders 'wo' || n, n = 1..work orders, in order of receipt).
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { lockDataDir, prepareDatabase, redact } from '../server/boot.ts';
import { type Database, openPglite, openPostgres } from '../server/db/client.ts';
import { hasData, seedDemo } from '../server/seed/demo.ts';
import { AlreadyGenerated, generateLarge } from './large/index.ts';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/medservice_bench';

function withDb(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '100000' },
    'work-orders': { type: 'string', default: '1000000' },
    'database-url': { type: 'string' },
    pglite: { type: 'string' },
    reset: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    'recent-days': { type: 'string', default: '60' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('npm run seed:large -- [--devices N] [--work-orders M] [--seed K] [--reset] [--database-url URL | --pglite DIR] [--recent-days D]');
  process.exit(0);
}

function int(name: string, v: string, min: number) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min} (got ${v})`);
    process.exit(2);
  }
  return n;
}
const devices = int('devices', values.devices, 10);
const workOrders = int('work-orders', values['work-orders'], 1);
const seed = int('seed', values.seed, 0);
const recentDays = int('recent-days', values['recent-days'], 1);

async function open(): Promise<{ database: Database; target: string; release: () => void }> {
  if (values.pglite) {
    const dir = path.resolve(values.pglite);
    if (values.reset && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    const release = lockDataDir(dir);
    return { database: await openPglite(path.join(dir, 'pgdata')), target: `PGlite ${dir}`, release };
  }
  const url = values['database-url'] ?? process.env.DATABASE_URL ?? DEFAULT_URL;
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unsupported database name ${name}`);
  const admin = await openPostgres(withDb(url, 'postgres'), 1);
  try {
    if (values.reset) await admin.exec(`drop database if exists ${name} with (force)`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rows.length === 0) await admin.exec(`create database ${name}`);
  } finally {
    await admin.close();
  }
  return { database: await openPostgres(url, 2), target: redact(url), release: () => {} };
}

const t0 = Date.now();
const { database, target, release } = await open();
try {
  console.log(`seed:large → ${target}`);
  await prepareDatabase(database);
  if (!(await hasData(database.db))) {
    await seedDemo(database.db);
    console.log(`demo data loaded (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const r = await generateLarge(database, { devices, workOrders, seed, recentDays, log: (line) => console.log(`  ${line}`) });
  console.log('\nrows per table:');
  for (const [table, n] of Object.entries(r.counts)) console.log(`  ${table.padEnd(22)} ${n.toLocaleString('en-US').padStart(12)}`);
  console.log(`\ndone in ${((Date.now() - t0) / 1000).toFixed(1)} s (generation ${r.seconds.toFixed(1)} s) → ${target}`);
} catch (e) {
  if (e instanceof AlreadyGenerated) {
    console.error(e.message);
    process.exitCode = 1;
  } else throw e;
} finally {
  await database.close();
  release();
}
