// Write path against the database's own limit (issue 6, benchmark 2). Registers repair requests
// over HTTP (autocannon, 64 connections) and, in the same run, replays in pgbench the exact SQL
// statements that one such HTTP request issued — captured from node-postgres, with the
// transaction boundaries and extended protocol the app uses. The ratio API / pgbench says how
// much of what PostgreSQL can do the whole HTTP stack delivers.
//
//   node bench/write.ts [--database-url URL] [--duration 20] [--connections 64] [--append]
//   node bench/write.ts --pglite DIR …   (embedded: HTTP figures only, pgbench cannot reach PGlite)
//   node bench/write.ts --server-root DIR …   (another checkout's server for the HTTP rows, e.g. a "before")
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { prepareDatabase } from '../server/boot.ts';
import { type Database, openPglite, openPostgres } from '../server/db/client.ts';
import { buildApp } from '../server/http/app.ts';
import { hasData, seedDemo } from '../server/seed/demo.ts';
import { captureQueries } from './lib/capture.ts';
import { appendResults, arg, DEFAULT_BENCH_URL, flag, login, machine, ms, percentile, rssMb, startServer, today } from './lib/common.ts';
import { toPgbench } from './lib/pgbench-script.ts';

export interface WriteOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  duration: number;
  connections: number;
  /** Another checkout's server for the HTTP rows (a "before"); its statements are not replayed. */
  serverRoot?: string;
}

interface Rate {
  label: string;
  rate: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

const FAULTS = ['染色机报警，无法启动', '试剂针堵塞', '图像伪影', '开机自检失败', '温控异常，报警E12', '打印模块卡纸'];
const NAMES = ['王护士', '李医生', '张技师', '刘主任', '陈工'];

function requestBody(deviceId: string, i: number) {
  return {
    deviceId,
    faultDescription: FAULTS[i % FAULTS.length],
    deviceDown: false,
    channel: 'phone',
    reporterName: NAMES[i % NAMES.length],
    reporterPhone: `138${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
  };
}

async function ensureData(database: Database) {
  await prepareDatabase(database);
  if (!(await hasData(database.db))) await seedDemo(database.db);
  // The pool both loads pick from: devices a request can be registered on.
  await database.exec(`drop table if exists bench_devices;
    create table bench_devices as select (row_number() over (order by id))::int as n, id from devices where status <> 'retired';
    create unique index on bench_devices (n); analyze bench_devices;`);
  const ids = (await database.query<{ id: string }>('select id from bench_devices order by n')).rows.map((r) => r.id);
  if (ids.length === 0) throw new Error('no devices to register requests on');
  return ids;
}

/** One HTTP request, in-process, with every statement it sends recorded. */
async function captureOne(database: Database, deviceId: string, warmDeviceId: string) {
  const app = await buildApp({
    database,
    queue: null,
    auth: { db: database.db, secret: 'bench-capture-'.padEnd(40, 'x'), ttlHours: 1, secureCookies: false },
    dataDir: os.tmpdir(),
    timeZone: 'Asia/Shanghai',
  });
  await app.ready();
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dispatcher', password: 'MedService2026' } });
  const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = r.json().csrfToken as string;
  // As under load: the session is cached (http/session-cache.ts) and so are the SLA policy and
  // calendar versions (sla.cache.ts) — one registration first, then the captured one.
  const headers = { cookie, 'x-csrf-token': csrf };
  const warm = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: requestBody(warmDeviceId, 1) });
  if (warm.statusCode !== 201) throw new Error(`capture warm-up: ${warm.statusCode} ${warm.body}`);
  const { result, statements } = await captureQueries(() =>
    app.inject({ method: 'POST', url: '/api/v1/requests', headers: { cookie, 'x-csrf-token': csrf }, payload: requestBody(deviceId, 0) }),
  );
  await app.close();
  if (result.statusCode !== 201) throw new Error(`capture: ${result.statusCode} ${result.body}`);
  return statements;
}

async function httpLoad(url: string, deviceIds: string[], o: WriteOptions, overallRate?: number): Promise<Rate> {
  const { cookie, csrf } = await login(url, 'dispatcher');
  let i = 0;
  const result = await autocannon({
    url,
    connections: o.connections,
    duration: o.duration,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/v1/requests',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        setupRequest: (req) => {
          i++;
          return { ...req, body: JSON.stringify(requestBody(deviceIds[Math.floor(Math.random() * deviceIds.length)], i)) };
        },
      },
    ],
  });
  return {
    label: overallRate
      ? `HTTP POST /api/v1/requests, ${o.connections} connections, paced at ${overallRate}/s (half the maximum)`
      : `HTTP POST /api/v1/requests, ${o.connections} connections, as fast as it goes`,
    // Only answered 2xx count as throughput; errors are reported apart.
    rate: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

function pgbench(url: string, scriptFile: string, defines: Record<string, string>, clients: number, duration: number, what = 'same statements'): Rate {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'ms-pgbench-'));
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(duration),
    '-f',
    scriptFile,
    '-l',
    '--log-prefix',
    path.join(logDir, 'tx'),
  ];
  for (const [k, v] of Object.entries(defines)) args.push('-D', `${k}=${v}`);
  args.push(url);
  let out: string;
  try {
    out = execFileSync('pgbench', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
  } catch (e) {
    // Reported as a row, so the rows already measured are not lost.
    const err = e as { stdout?: string; stderr?: string };
    console.error(`pgbench failed:\n${err.stderr?.slice(-3000)}\n${err.stdout?.slice(-2000)}`);
    rmSync(logDir, { recursive: true, force: true });
    const first = /ERROR: .*/.exec(err.stderr ?? '')?.[0] ?? 'see stderr';
    return { label: `pgbench, ${what}, ${clients} clients — FAILED: ${first}`, rate: Number.NaN, p50: Number.NaN, p99: Number.NaN, ok: 0, errors: 0 };
  }
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? Number.NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  const done = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? 0);
  const lat: number[] = [];
  for (const f of readdirSync(logDir)) {
    for (const line of readFileSync(path.join(logDir, f), 'utf8').split('\n')) {
      const cols = line.split(' ');
      if (cols.length > 3) lat.push(Number(cols[2]) / 1000);
    }
  }
  rmSync(logDir, { recursive: true, force: true });
  lat.sort((a, b) => a - b);
  return { label: `pgbench, ${what}, ${clients} clients`, rate: tps, p50: percentile(lat, 50), p99: percentile(lat, 99), ok: done, errors: failed };
}

export async function runWrite(o: WriteOptions): Promise<string> {
  const embedded = Boolean(o.pgliteDir);
  const database = embedded ? await openPglite(path.join(path.resolve(o.pgliteDir as string), 'pgdata')) : await openPostgres(o.databaseUrl as string);
  const deviceIds = await ensureData(database);
  const counts = (
    await database.query<{ wo: number; dev: number }>('select (select count(*) from work_orders)::int as wo, (select count(*) from devices)::int as dev')
  ).rows[0];
  let script: ReturnType<typeof toPgbench> | null = null;
  if (!embedded && !o.serverRoot) script = toPgbench(await captureOne(database, deviceIds[0], deviceIds[1] ?? deviceIds[0]), deviceIds[0]);
  const reference = embedded
    ? null
    : {
        policy: (await database.query<{ id: string }>('select id from sla_policies where is_default order by version_no desc limit 1')).rows[0].id,
        year: String(new Date().getUTCFullYear()),
      };
  await database.close();

  const env: Record<string, string> = embedded
    ? { DATABASE_URL: '', DATA_DIR: path.resolve(o.pgliteDir as string) }
    : { DATABASE_URL: o.databaseUrl as string, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ms-write-data-')) };
  const server = await startServer({ ...env, SEED_DEMO: 'never' }, ['--http'], o.serverRoot);
  let api: Rate;
  let paced: Rate;
  let rss = Number.NaN;
  try {
    api = await httpLoad(server.url, deviceIds, o);
    rss = rssMb(server.child.pid as number);
    // Latency at a sustainable load: with 64 clients always waiting, latency is just 64 / rate (Little's law).
    paced = await httpLoad(server.url, deviceIds, o, Math.max(1, Math.round(api.rate / 2)));
  } finally {
    await server.stop();
  }
  const rows: Rate[] = [api, paced];
  let scriptFile = '';
  if (script) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ms-write-'));
    scriptFile = path.join(dir, 'register-request.sql');
    writeFileSync(scriptFile, script.script);
    const defines = { ...script.defines, ndev: String(deviceIds.length) };
    rows.push(pgbench(o.databaseUrl as string, scriptFile, defines, o.connections, o.duration));
    rows.push(pgbench(o.databaseUrl as string, scriptFile, defines, 10, o.duration));
    writeFileSync(path.join(import.meta.dirname, 'register-request.pgbench.sql'), script.script);
  }
  let ref: Rate | null = null;
  if (reference) {
    const refFile = path.join(import.meta.dirname, 'register-reference.pgbench.sql');
    ref = pgbench(
      o.databaseUrl as string,
      refFile,
      { ...reference, ndev: String(deviceIds.length) },
      o.connections,
      o.duration,
      'minimal reference transaction (bench/register-reference.pgbench.sql)',
    );
    rows.push(ref);
  }
  const replays = script ? rows.slice(2, 4) : [];
  const best = Math.max(...replays.map((r) => r.rate));
  const where = embedded ? 'embedded PGlite' : 'PostgreSQL server';
  const lines = [
    `### Write path: register a repair request (bench/write.ts), ${today()}`,
    '',
    `Machine: ${machine()}. Database: ${where}, ${counts.dev.toLocaleString('en')} devices, ${counts.wo.toLocaleString('en')} work orders at start. ${o.duration} s per row; server \`--http\` only (${embedded ? 'one embedded connection' : 'pool of 10'}), RSS after the load ${rss} MB.`,
    '',
    '| load | rate (req/s or tx/s) | p50 | p99 | ok | errors |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.rate.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.ok} | ${r.errors} |`),
  ];
  lines.push('');
  if (ref) lines.push(`**Ratio API / minimal reference transaction: ${(api.rate / ref.rate).toFixed(2)}** (target ≥ 0.2).`);
  if (script) {
    lines.push(
      `**Ratio API / pgbench replaying the app's statements (best of the two replay rows): ${(api.rate / best).toFixed(2)}** (target ≥ 0.6).`,
      `One request = ${script.statements} statements as captured, BEGIN/COMMIT included (see bench/register-request.pgbench.sql, regenerated each run); ${script.wired.length} parameters wired from earlier results or made fresh, the rest passed as captured.`,
    );
  }
  lines.push(`API p99 at half the maximum rate: ${ms(paced.p99)} (target < 100 ms).`);
  return lines.join('\n');
}

if (import.meta.main) {
  const md = await runWrite({
    databaseUrl: arg('database-url', process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL),
    pgliteDir: arg('pglite'),
    duration: Number(arg('duration', '20')),
    connections: Number(arg('connections', '64')),
    serverRoot: arg('server-root'),
  });
  console.log(md);
  if (flag('append')) appendResults(md);
}
