// Read paths at scale (issue 6): the lists, searches, a device's history, the dispatch board
// and the daily reports against a large PostgreSQL database (`npm run seed:large`). Starts
// the real server, times each path over HTTP (sequential requests after a warm-up) and, in a
// second run with LOG_SQL, captures the SQL each path sends and runs EXPLAIN (ANALYZE,
// BUFFERS) on it directly, flagging any sequential scan of a big table.
//   node_modules/.bin/node bench/reads.ts [--database-url URL] [--iterations 200] [--only name,…] [--append]
//     [--server-root DIR --no-plans]   (another checkout's server, e.g. `git archive HEAD` unpacked, for a "before")
//     [--before FILE]                  (an earlier run's printed section: adds its p50 / p95 as a column)
// `runReads()` is exported for bench/run.ts; it returns the Markdown section. READS_VERBOSE=1
// prints every statement with its full plan to stderr.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startServer as startServerProcess } from '../scripts/lib/server-process.ts';
import { settingsOf } from '../server/test/plans.ts';

const root = path.resolve(import.meta.dirname, '..');
export const READS_HEADING = '## Read paths at 1M work orders (bench/reads.ts)';
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/medservice_bench';

export interface ReadsOptions {
  databaseUrl?: string;
  /** Measured requests per light path (heavy paths run a quarter of it); warm-up is a tenth. */
  iterations?: number;
  /** Only the paths whose name contains one of these. */
  only?: string[];
  /** Append the section to bench/RESULTS.md. */
  append?: boolean;
  /** Run the server of another checkout (e.g. an export of the previous commit, for a "before"). */
  serverRoot?: string;
  /** Timings only, no EXPLAIN pass (e.g. for a server without LOG_SQL). */
  plans?: boolean;
  /** A Markdown section an earlier run printed (e.g. of the previous commit): its p50/p95 become a "before" column. */
  before?: string;
  log?: (line: string) => void;
}

type Target = 'list' | 'history' | 'search' | 'board' | 'dashboard';
const TARGET_MS: Record<Target, number> = { list: 25, history: 25, search: 50, board: 50, dashboard: 300 };

export interface Samples {
  customerIds: string[];
  leadIds: string[];
  deviceIds: string[];
  serials: string[];
  customerNames: string[];
  phones: string[];
  days: string[];
  engineerDays: { userId: string; date: string }[];
  /** The busiest engineer's login, for "my work". */
  engineer: string;
}

export interface ReadPath {
  name: string;
  target: Target;
  heavy?: boolean;
  /** Who asks (default: the dispatcher). */
  as?: 'engineer';
  /** The i-th URL (rotating over the samples so caches see more than one key). */
  url: (s: Samples, i: number) => string;
}

const pick = <T>(xs: T[], i: number): T => xs[i % xs.length];
const enc = encodeURIComponent;
const OPEN_WO = 'new,dispatched,accepted,on_the_way,on_site,waiting_parts,taken_back';

export const PATHS: ReadPath[] = [
  { name: 'work orders · default sort (next deadline), page 1', target: 'list', url: () => '/api/v1/work-orders?pageSize=20' },
  { name: 'work orders · newest first, page 1', target: 'list', url: () => '/api/v1/work-orders?pageSize=20&sort=-createdAt' },
  { name: 'work orders · open statuses', target: 'list', url: () => `/api/v1/work-orders?pageSize=20&status=${OPEN_WO}` },
  { name: 'work orders · status=closed, newest', target: 'list', url: () => '/api/v1/work-orders?pageSize=20&status=closed&sort=-createdAt' },
  { name: 'work orders · customer', target: 'list', url: (s, i) => `/api/v1/work-orders?pageSize=20&customerId=${pick(s.customerIds, i)}` },
  { name: 'work orders · engineer, newest', target: 'list', url: (s, i) => `/api/v1/work-orders?pageSize=20&leadId=${pick(s.leadIds, i)}&sort=-createdAt` },
  { name: 'work orders · urgency=emergency', target: 'list', url: () => '/api/v1/work-orders?pageSize=20&urgency=emergency' },
  {
    name: 'work orders · date range (7 days), newest',
    target: 'list',
    url: (s, i) => `/api/v1/work-orders?pageSize=20&sort=-createdAt&from=${shiftDay(pick(s.days, i), -6)}&to=${pick(s.days, i)}`,
  },
  // The list counts to 10,000, so its pager ends at offset 9,980; further pages only through the API.
  {
    name: 'work orders · last page the UI reaches (offset 9,980), newest',
    target: 'list',
    url: () => '/api/v1/work-orders?pageSize=20&page=500&sort=-createdAt',
  },
  { name: 'work orders · last page the UI reaches (offset 9,980), default sort', target: 'list', url: () => '/api/v1/work-orders?pageSize=20&page=500' },
  { name: 'work orders · deep page (offset 50,000, API only), newest', target: 'list', url: () => '/api/v1/work-orders?pageSize=20&page=2501&sort=-createdAt' },
  { name: 'work orders · deep page (offset 50,000, API only), default sort', target: 'list', url: () => '/api/v1/work-orders?pageSize=20&page=2501' },
  {
    name: "work orders · an engineer's “my work” (100 by deadline)",
    target: 'list',
    as: 'engineer',
    url: () => '/api/v1/work-orders?pageSize=100&mine=true&sort=deadline',
  },
  { name: 'requests · newest, page 1', target: 'list', url: () => '/api/v1/requests?pageSize=20' },
  { name: 'requests · open, by urgency', target: 'list', url: () => '/api/v1/requests?pageSize=20&open=true&sort=urgency' },
  { name: 'requests · last page the UI reaches (offset 9,980)', target: 'list', url: () => '/api/v1/requests?pageSize=20&page=500' },
  { name: 'requests · deep page (offset 50,000, API only)', target: 'list', url: () => '/api/v1/requests?pageSize=20&page=2501' },
  { name: 'devices · recently updated, page 1', target: 'list', url: () => '/api/v1/devices?pageSize=20' },
  { name: 'devices · customer', target: 'list', url: (s, i) => `/api/v1/devices?pageSize=20&customerId=${pick(s.customerIds, i)}` },
  { name: 'search · work orders by serial', target: 'search', url: (s, i) => `/api/v1/work-orders?pageSize=20&q=${enc(pick(s.serials, i))}` },
  { name: 'search · work orders by customer name', target: 'search', url: (s, i) => `/api/v1/work-orders?pageSize=20&q=${enc(pick(s.customerNames, i))}` },
  { name: 'search · requests by phone', target: 'search', url: (s, i) => `/api/v1/requests?pageSize=20&q=${enc(pick(s.phones, i))}` },
  { name: 'search · requests by customer name', target: 'search', url: (s, i) => `/api/v1/requests?pageSize=20&q=${enc(pick(s.customerNames, i))}` },
  { name: 'search · devices by serial', target: 'search', url: (s, i) => `/api/v1/devices?pageSize=20&q=${enc(pick(s.serials, i))}` },
  { name: 'history · device page (detail + timeline)', target: 'history', url: (s, i) => `/api/v1/devices/${pick(s.deviceIds, i)}` },
  { name: 'history · device part swaps', target: 'history', url: (s, i) => `/api/v1/parts/device-history/${pick(s.deviceIds, i)}` },
  { name: "history · device's work orders", target: 'history', url: (s, i) => `/api/v1/work-orders?pageSize=20&deviceId=${pick(s.deviceIds, i)}` },
  { name: "history · device's requests", target: 'history', url: (s, i) => `/api/v1/requests?pageSize=20&deviceId=${pick(s.deviceIds, i)}` },
  { name: 'dispatch board', target: 'board', heavy: true, url: () => '/api/v1/dispatch/board' },
  { name: 'dashboard · supervisor daily report', target: 'dashboard', heavy: true, url: (s, i) => `/api/v1/reports/supervisor-daily?date=${pick(s.days, i)}` },
  {
    name: 'dashboard · technician daily report',
    target: 'dashboard',
    heavy: true,
    url: (s, i) => {
      const x = pick(s.engineerDays, i);
      return `/api/v1/reports/technician-daily?date=${x.date}&userId=${x.userId}`;
    },
  },
  {
    name: 'dashboard · home tiles (6 counts)',
    target: 'dashboard',
    heavy: true,
    url: () => 'tiles',
  },
  // Issue 17 item 3: the same screen from one call (every tile the caller may see, one statement).
  { name: 'dashboard · home tiles, one call (GET /home)', target: 'dashboard', url: () => '/api/v1/home' },
  // Issue 12/13 read paths: each list's first page and its customer filter, so a missing index
  // shows up as a scan of a big table in the report even while these tables are small.
  { name: 'installations · newest, page 1', target: 'list', url: () => '/api/v1/installations?pageSize=20' },
  { name: 'installations · customer', target: 'list', url: (s, i) => `/api/v1/installations?pageSize=20&customerId=${pick(s.customerIds, i)}` },
  { name: 'training · sessions, page 1', target: 'list', url: () => '/api/v1/training/sessions?pageSize=20' },
  { name: 'calls · newest, page 1', target: 'list', url: () => '/api/v1/calls?pageSize=20' },
  { name: 'consultations · newest, page 1', target: 'list', url: () => '/api/v1/consultations?pageSize=20' },
  { name: 'instruments · page 1', target: 'list', url: () => '/api/v1/instruments?pageSize=20' },
  { name: 'maintenance templates · page 1', target: 'list', url: () => '/api/v1/maintenance-templates?pageSize=20' },
  { name: "history · device's attachments", target: 'history', url: (s, i) => `/api/v1/attachments?ownerKind=device&ownerId=${pick(s.deviceIds, i)}` },
];

/** The home screen's counters (web/src/routes/dashboard/DashboardPage.tsx), fetched together as the browser does. */
const TILE_URLS = [
  `/api/v1/work-orders?pageSize=1&status=signed_off`,
  '/api/v1/requests?pageSize=1&status=open',
  '/api/v1/requests?pageSize=1&open=true&urgency=emergency',
  '/api/v1/requests?pageSize=1&open=true',
  '/api/v1/devices?pageSize=1',
  '/api/v1/devices?pageSize=1&status=down',
];

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Server {
  base: string;
  stop: () => Promise<void>;
}

/** The real server (HTTP only: the minute sweeps would compete with what is measured). */
async function startServer(serverRoot: string, databaseUrl: string, dataDir: string, logSql?: string): Promise<Server> {
  const server = await startServerProcess({
    root: serverRoot,
    args: ['--http'],
    databaseUrl,
    dataDir,
    env: { SEED_DEMO: 'never', LOG_SQL: logSql ?? '' },
    // The first start may apply migrations to a million rows (index builds): allow for it.
    timeoutMs: 30 * 60_000,
    pollMs: 200,
  });
  return { base: server.baseUrl, stop: () => server.stop() };
}

export async function login(base: string, username: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'MedService2026' }),
  });
  if (!r.ok) throw new Error(`login as ${username}: HTTP ${r.status} ${await r.text()}`);
  const cookies = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('ms_csrf='))?.slice('ms_csrf='.length) ?? '';
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf };
}

export async function get(base: string, headers: Record<string, string>, url: string): Promise<void> {
  const urls = url === 'tiles' ? TILE_URLS : [url];
  await Promise.all(
    urls.map(async (u) => {
      const r = await fetch(base + u, { headers });
      const body = await r.arrayBuffer();
      if (!r.ok) throw new Error(`GET ${u}: HTTP ${r.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    }),
  );
}

// ---- samples ------------------------------------------------------------------------------

async function samples(client: pg.Client): Promise<Samples> {
  const col = async <T = string>(text: string, key = 'v'): Promise<T[]> => (await client.query(text)).rows.map((r) => r[key] as T);
  // The busiest customers, engineers and devices: the worst cases of each filter. Only ids the
  // API accepts (RFC 4122 version and variant), should a generator have made others.
  const valid = (c: string) => `${c}::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'`;
  const customerIds = await col(`select customer_id as v from work_orders where ${valid('customer_id')} group by 1 order by count(*) desc, 1 limit 10`);
  const leadIds = await col(
    `select lead_engineer_id as v from work_orders where lead_engineer_id is not null and ${valid('lead_engineer_id')} group by 1 order by count(*) desc, 1 limit 10`,
  );
  const deviceIds = await col(`select device_id as v from work_orders where ${valid('device_id')} group by 1 order by count(*) desc, 1 limit 20`);
  // A repeatable sample of what people type into the search box.
  const serials = await col(`select serial_number as v from devices order by md5(id::text) limit 20`);
  const customerNames = await col(`select name as v from customers where id in (select customer_id from devices) order by md5(id::text) limit 10`);
  const phones = await col(`select reporter_phone as v from service_requests order by md5(id::text) limit 20`);
  // Company-local days near the end of the data, where the live work is.
  const days = await col(
    `select to_char(((select max(created_at) from work_orders) at time zone 'Asia/Shanghai')::date - g, 'YYYY-MM-DD') as v from generate_series(1, 10) g`,
  );
  const engineerDays = leadIds.map((userId, i) => ({ userId, date: days[i % days.length] }));
  const need = { customerIds, leadIds, deviceIds, serials, customerNames, phones, days };
  for (const [k, v] of Object.entries(need)) if (!v.length) throw new Error(`no sample for ${k}: is the database seeded?`);
  const engineer = (await client.query('select username from users where id = $1', [leadIds[0]])).rows[0]?.username as string;
  return { ...need, engineerDays, engineer };
}

// ---- timing -------------------------------------------------------------------------------

export interface Timing {
  name: string;
  target: Target;
  /** Why the path could not be measured (e.g. an older server refusing a newer filter). */
  error?: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  rate: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

export async function time(base: string, headers: Record<string, string>, p: ReadPath, s: Samples, n: number, warm: number): Promise<Timing> {
  for (let i = 0; i < warm; i++) await get(base, headers, p.url(s, i));
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await get(base, headers, p.url(s, i));
    times.push(performance.now() - t);
  }
  const wall = performance.now() - t0;
  times.sort((a, b) => a - b);
  return { name: p.name, target: p.target, n, p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), rate: (n / wall) * 1000 };
}

// ---- plans --------------------------------------------------------------------------------

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface Plan {
  sql: string;
  ms: number;
  lines: string[];
  fullScans: string[];
}

export function readNew(file: string, from: number): Statement[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file).subarray(from).toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Statement);
}

const BIG_ROWS = 50_000;

export async function bigTables(client: Pick<pg.Client, 'query'>): Promise<Map<string, number>> {
  const r = await client.query(
    `select relname, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace and reltuples >= $1`,
    [BIG_ROWS],
  );
  return new Map(r.rows.map((x) => [x.relname as string, Number(x.n)]));
}

/** The essential lines of a plan: nodes with their timings, conditions, sorts; long lines cut. */
function trimPlan(lines: string[]): string[] {
  const keep =
    /->|^\S|Index Cond|Recheck Cond|Hash Cond|Join Filter|Sort Key|Sort Method|Presorted Key|Heap Fetches|Execution Time|Planning Time|Buffers: shared/;
  const out: string[] = [];
  let buffersShown = false;
  for (const raw of lines) {
    if (!keep.test(raw) || /\(never executed\)|^Planning:/.test(raw)) continue;
    const l = raw.replace(/\(cost=[^)]*\) /, '');
    if (/Buffers: shared/.test(l)) {
      if (buffersShown) continue; // the total is enough
      buffersShown = true;
    }
    out.push(l.length > 170 ? `${l.slice(0, 167)}...` : l);
  }
  return out.length > 45 ? [...out.slice(0, 42), `   ... (${out.length - 42} more lines)`, ...out.slice(-2)] : out;
}

export async function explain(client: Pick<pg.Client, 'query'>, st: Statement, big: Map<string, number>): Promise<Plan | null> {
  if (!/^\s*(select|with)\b/i.test(st.sql) || /\b(insert|update|delete)\b/i.test(st.sql)) return null;
  const r = await client.query(`explain (analyze, buffers) ${st.sql}`, st.params);
  const lines = r.rows.map((x) => x['QUERY PLAN'] as string);
  const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
  // A sequential scan counts when it reads at least half of a big table (one under a LIMIT
  // that stops after a few thousand rows does not): rows returned plus removed, times loops.
  const fullScans = lines.flatMap((l, i) => {
    const m = /Seq Scan on (\w+).*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(l);
    const size = m ? big.get(m[1]) : undefined;
    if (!m || size === undefined) return [];
    const indent = l.search(/\S/);
    let removed = 0;
    for (let j = i + 1; j < lines.length && (lines[j].search(/\S/) > indent || !lines[j].trim()); j++) {
      if (/->/.test(lines[j])) break;
      removed += Number(/Rows Removed by Filter: (\d+)/.exec(lines[j])?.[1] ?? 0);
    }
    const read = (Number(m[2]) + removed) * Number(m[3]);
    return read >= size / 2 ? [`${m[1]} (${read.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} rows)`] : [];
  });
  if (process.env.READS_VERBOSE) console.error(`\n-- ${ms} ms\n${st.sql}\n${JSON.stringify(st.params)}\n${lines.join('\n')}`);
  return { sql: st.sql, ms, lines: trimPlan(lines), fullScans };
}

interface PathPlans {
  name: string;
  statements: number;
  main: Plan | null;
  totalMs: number;
  fullScans: string[];
}

async function plansOf(base: string, headers: Record<string, string>, p: ReadPath, s: Samples, logFile: string, client: pg.Client, big: Map<string, number>) {
  const from = existsSync(logFile) ? statSync(logFile).size : 0;
  await get(base, headers, p.url(s, 0));
  await new Promise((r) => setTimeout(r, 50));
  // Every statement the request sent but BEGIN/COMMIT (a session lookup too: a cached session
  // sends none, issue 17 item 3); the session lookup has no plan worth showing.
  const sent = readNew(logFile, from).filter((x) => !/^\s*(begin|commit)\s*$/i.test(x.sql));
  const statements = sent.filter((x) => !/from "sessions"|"sessions"\s+set/i.test(x.sql));
  const plans: Plan[] = [];
  try {
    for (const st of statements) {
      // Settings the server made for its transaction (e.g. no parallel workers) hold for the plans too.
      const set = settingsOf(st.sql);
      for (const [k, v] of set ?? []) await client.query(`set ${k} = ${v}`);
      const plan = set ? null : await explain(client, st, big);
      if (plan) plans.push(plan);
    }
  } finally {
    await client.query('reset all');
  }
  const main = plans.reduce<Plan | null>((a, b) => (a && a.ms >= b.ms ? a : b), null);
  return {
    name: p.name,
    statements: sent.length,
    main,
    totalMs: plans.reduce((a, b) => a + b.ms, 0),
    fullScans: [...new Set(plans.flatMap((x) => x.fullScans))],
  } satisfies PathPlans;
}

// ---- report -------------------------------------------------------------------------------

const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function environment(client: pg.Client) {
  const version = (await client.query('show server_version')).rows[0].server_version as string;
  const counts = (
    await client.query(`select relname, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace
      and relname in ('work_orders','service_requests','devices','customers','sla_clocks','work_order_events','work_order_parts','loans','audit_log')
      order by reltuples desc`)
  ).rows.map((r) => `${r.relname} ${Number(r.n).toLocaleString('en-US')}`);
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join('/');
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${version} (local); load average at start ${load}`;
  return { machine, counts };
}

/** p50 / p95 by path name from the table of an earlier run's Markdown. */
function parseBefore(md: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 5 && cells[2]?.startsWith('<')) out.set(cells[1], cells[3] === '—' ? 'n/a' : `${cells[3]} / ${cells[4]}`);
  }
  return out;
}

function markdown(env: { machine: string; counts: string[] }, timings: Timing[], plans: PathPlans[], opts: { n: number; before?: Map<string, string> }) {
  const date = new Date().toISOString().slice(0, 10);
  const out: string[] = [];
  out.push(`### ${date} — ${env.machine}`);
  out.push('');
  out.push(`Rows (planner estimates): ${env.counts.join(', ')}.`);
  out.push(
    `Sequential requests through HTTP as the dispatcher, server with \`--http\` only; SQL statements counted per request from the server's statement log, BEGIN/COMMIT excluded, the session lookup included (a session used before); ${opts.n} measured per path after a warm-up (${Math.max(5, Math.round(opts.n / 4))} for the board and reports); parameterised paths rotate over the busiest customers, engineers and devices and a fixed sample of serials, names and phones.`,
  );
  out.push('');
  const before = opts.before;
  out.push(
    `| path | target p95 | ${before ? 'before p50 / p95 ms | ' : ''}p50 ms | p95 ms | p99 ms | req/s | SQL statements per request (slowest, sum ms) | scans of big tables | met |`,
  );
  out.push(`|---|---|${before ? '---|' : ''}---|---|---|---|---|---|---|`);
  for (const t of timings) {
    const was = before ? `${before.get(t.name) ?? 'n/a'} | ` : '';
    if (t.error) {
      out.push(`| ${t.name} | < ${TARGET_MS[t.target]} | ${was}— | — | — | — | — | — | not measured: ${t.error.replace(/\|/g, '/')} |`);
      continue;
    }
    const p = plans.find((x) => x.name === t.name);
    const target = TARGET_MS[t.target];
    const met = t.p95 < target && !(p?.fullScans.length ?? 0);
    out.push(
      `| ${t.name} | < ${target} | ${was}${f1(t.p50)} | ${f1(t.p95)} | ${f1(t.p99)} | ${f1(t.rate)} | ${p ? `${p.statements}: ${f1(p.main?.ms ?? 0)}, ${f1(p.totalMs)}` : '—'} | ${p ? p.fullScans.join(', ') || 'none' : '—'} | ${met ? 'yes' : '**no**'} |`,
    );
  }
  out.push('');
  out.push('EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of each path (essential lines):');
  out.push('');
  for (const p of plans) {
    if (!p.main) continue;
    out.push(`<details><summary>${p.name} — ${f1(p.main.ms)} ms</summary>`);
    out.push('');
    out.push('```');
    out.push(...p.main.lines);
    out.push('```');
    out.push('</details>');
    out.push('');
  }
  return out.join('\n');
}

export async function runReads(opts: ReadsOptions = {}): Promise<string> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const databaseUrl = opts.databaseUrl ?? DEFAULT_URL;
  const n = opts.iterations ?? 200;
  const paths = opts.only?.length ? PATHS.filter((p) => opts.only?.some((o) => p.name.includes(o))) : PATHS;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-bench-reads-'));
  const logFile = path.join(dataDir, 'sql.jsonl');
  try {
    const env = await environment(client);
    const s = await samples(client);
    const big = await bigTables(client);
    log(`reads: ${env.counts.join(', ')}`);

    const timings: Timing[] = [];
    const serverRoot = opts.serverRoot ? path.resolve(opts.serverRoot) : root;
    let server = await startServer(serverRoot, databaseUrl, dataDir);
    try {
      const as = { dispatcher: await login(server.base, 'dispatcher'), engineer: await login(server.base, s.engineer) };
      for (const p of paths) {
        const count = p.heavy ? Math.max(5, Math.round(n / 4)) : n;
        try {
          const t = await time(server.base, as[p.as ?? 'dispatcher'], p, s, count, Math.max(2, Math.round(count / 10)));
          log(`  ${p.name}: p50 ${f1(t.p50)} ms, p95 ${f1(t.p95)} ms, p99 ${f1(t.p99)} ms, ${f1(t.rate)} req/s`);
          timings.push(t);
        } catch (e) {
          log(`  ${p.name}: ${(e as Error).message}`);
          timings.push({ name: p.name, target: p.target, error: (e as Error).message.slice(0, 120), n: 0, p50: NaN, p95: NaN, p99: NaN, rate: NaN });
        }
      }
    } finally {
      await server.stop();
    }

    // Second run with every statement logged: the plans, without the logging in the timings.
    const plans: PathPlans[] = [];
    if (opts.plans !== false) {
      writeFileSync(logFile, '');
      server = await startServer(serverRoot, databaseUrl, dataDir, logFile);
      try {
        const as = { dispatcher: await login(server.base, 'dispatcher'), engineer: await login(server.base, s.engineer) };
        // As in use: a session has made a request before the one counted.
        for (const h of Object.values(as)) await get(server.base, h, '/api/v1/auth/me');
        for (const p of paths) {
          if (timings.find((t) => t.name === p.name)?.error) continue;
          const pp = await plansOf(server.base, as[p.as ?? 'dispatcher'], p, s, logFile, client, big);
          log(`  plan ${p.name}: ${pp.statements} statements, slowest ${f1(pp.main?.ms ?? 0)} ms; full scans: ${pp.fullScans.join(', ') || 'none'}`);
          plans.push(pp);
        }
      } finally {
        await server.stop();
      }
    }

    const md = markdown(env, timings, plans, { n, before: opts.before ? parseBefore(readFileSync(opts.before, 'utf8')) : undefined });
    if (opts.append) {
      const file = path.join(root, 'bench', 'RESULTS.md');
      const current = readFileSync(file, 'utf8');
      const intro = current.includes(READS_HEADING)
        ? ''
        : `\n${READS_HEADING}\nTargets: p95 < 25 ms for lists and a device's history, < 50 ms for search and the dispatch board, < 300 ms for the dashboard aggregates; no plan scans a whole big table (≥ ${BIG_ROWS.toLocaleString('en-US')} rows). Data: \`npm run seed:large\`.\n`;
      appendFileSync(file, `${intro}\n${md}\n`);
    }
    return md;
  } finally {
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      iterations: { type: 'string' },
      only: { type: 'string' },
      append: { type: 'boolean', default: false },
      'server-root': { type: 'string' },
      'no-plans': { type: 'boolean', default: false },
      before: { type: 'string' },
    },
  });
  const md = await runReads({
    databaseUrl: values['database-url'],
    iterations: values.iterations ? Number(values.iterations) : undefined,
    only: values.only?.split(',').map((x) => x.trim()),
    append: values.append,
    serverRoot: values['server-root'],
    plans: !values['no-plans'],
    before: values.before,
  });
  console.log(md);
}
