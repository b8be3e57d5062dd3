// Read paths on a data set grown through the product's own write path (issue 17 item 8): the
// generator of `seed:large` writes rows and ANALYZEs them, users never do. Here a fresh demo
// install is grown over HTTP only, as the real roles work — customer service registers and
// dispatches, the engineer responds, accepts, travels, arrives, records the work and resolves,
// collects the hospital's signature, the service manager reviews (which closes the order) — into
// a realistic mix (most closed, some in progress, some waiting for an engineer). Nothing is
// ANALYZEd or VACUUMed by hand, and the same server process that grew the data is measured (a
// restart would run the boot maintenance pass). Three databases: PGlite (embedded), PostgreSQL as
// found on this machine (autovacuum off), and a private cluster with PostgreSQL's defaults
// (autovacuum on, as Debian ships it), removed afterwards.
//
// For the plans, the server's LOG_SQL file is a symlink to /dev/null while growing and timing,
// and a real file for one more request per path; those statements are EXPLAINed (ANALYZE, BUFFERS)
// against the grown database — on PGlite after the server stopped, on its data directory.
//
//   node bench/grown.ts [--requests 800] [--grow-seconds 1200] [--iterations 40] [--workers 4] [--only pglite,pg-off,pg-on]
//     [--database-url postgres://postgres@127.0.0.1:5432/medservice_h7]
import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PrivateCluster } from '../chaos/lib/cluster.ts';
import { openPglite } from '../server/db/client.ts';
import { settingsOf } from '../server/test/plans.ts';
import { arg, DEMO_PASSWORD, machine, startServer, today } from './lib/common.ts';
import { explain, get, login, PATHS, type Plan, type ReadPath, readNew, type Samples, type Statement, type Timing, time } from './reads.ts';

type Headers = Record<string, string>;
type Json = Record<string, unknown> & { id: string; version: number };

/** The paths users hit most, from bench/reads.ts (same names, so the 1M figures compare). */
const WANT = [
  'work orders · default sort (next deadline), page 1',
  'work orders · newest first, page 1',
  'work orders · open statuses',
  'work orders · status=closed, newest',
  'work orders · engineer, newest',
  "work orders · an engineer's “my work” (100 by deadline)",
  'requests · newest, page 1',
  'requests · open, by urgency',
  'search · work orders by serial',
  'search · work orders by customer name',
  'search · requests by phone',
  'search · devices by serial',
  'history · device page (detail + timeline)',
  "history · device's work orders",
  "history · device's requests",
  'dispatch board',
  'dashboard · supervisor daily report',
  'dashboard · technician daily report',
  'dashboard · home tiles, one call (GET /home)',
];
const paths: ReadPath[] = WANT.map((n) => {
  const p = PATHS.find((x) => x.name === n);
  if (!p) throw new Error(`bench/reads.ts has no path ${n}`);
  return p;
});

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * Where the i-th request stops (out of 20): 2 wait for an engineer, 1 dispatched, 1 on the way,
 * 1 on site, 1 resolved (signature due), 1 signed (review due), 13 closed.
 */
const STOPS = ['new', 'new', 'dispatched', 'on_the_way', 'on_site', 'resolved', 'signed_off'] as const;
type Stop = (typeof STOPS)[number] | 'closed';
const stopOf = (i: number): Stop => STOPS[i % 20] ?? 'closed';

async function call(base: string, h: Headers, method: string, url: string, body?: unknown): Promise<Json> {
  const r = await fetch(base + url, {
    method,
    headers: body === undefined ? h : { ...h, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url}: HTTP ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Json;
}

interface World {
  dispatcher: Headers;
  manager: Headers;
  engineers: { headers: Headers; id: string }[];
  devices: { id: string; serialNumber: string; customerId: string; customerName: string }[];
}

async function world(base: string): Promise<World> {
  const [dispatcher, manager, e1, e2] = await Promise.all(['dispatcher', 'manager', 'engineer', 'engineer2'].map((u) => login(base, u)));
  const engineers = await Promise.all(
    [e1, e2].map(async (headers) => ({ headers, id: ((await call(base, headers, 'GET', '/api/v1/auth/me')).user as { id: string }).id })),
  );
  const list = (await call(base, dispatcher, 'GET', '/api/v1/devices?pageSize=100')) as unknown as { items: (World['devices'][number] & { status: string })[] };
  const devices = list.items.filter((d) => d.status !== 'retired');
  return { dispatcher, manager, engineers, devices };
}

/** One request's life over HTTP, as far as `stop`. */
async function life(base: string, w: World, i: number, stop: Stop) {
  const dev = w.devices[i % w.devices.length];
  const reg = await call(base, w.dispatcher, 'POST', '/api/v1/requests', {
    deviceId: dev.id,
    faultDescription: `开机自检报错 E${100 + (i % 57)}，第 ${i} 次报修`,
    deviceDown: i % 10 === 9,
    channel: (['phone', 'portal', 'email'] as const)[i % 3],
    reporterName: `报修人 ${i % 97}`,
    reporterPhone: `138${String(i).padStart(8, '0')}`,
  });
  if (stop === 'new') return;
  const woId = reg.workOrderId as string;
  const eng = w.engineers[i % w.engineers.length];
  const wo0 = await call(base, w.dispatcher, 'GET', `/api/v1/work-orders/${woId}`);
  let wo = await call(base, w.dispatcher, 'POST', `/api/v1/work-orders/${woId}/dispatch`, { version: wo0.version, leadEngineerId: eng.id });
  if (stop === 'dispatched') return;
  const req = await call(base, eng.headers, 'GET', `/api/v1/requests/${reg.id}`);
  await call(base, eng.headers, 'POST', `/api/v1/requests/${reg.id}/respond`, { version: req.version });
  const step = async (to: string) => {
    wo = await call(base, eng.headers, 'POST', `/api/v1/work-orders/${woId}/transition`, { version: wo.version, to });
  };
  await step('accepted');
  await step('on_the_way');
  if (stop === 'on_the_way') return;
  await step('on_site');
  if (stop === 'on_site') return;
  wo = await call(base, eng.headers, 'PATCH', `/api/v1/work-orders/${woId}`, {
    version: wo.version,
    phenomenon: '开机自检报错，无法进入工作界面',
    cause: '电源板电容老化',
    actions: '更换电源板滤波电容，清洁散热风道',
    testResults: '自检通过，连续运行 30 分钟无报错',
    labourMinutes: 30 + (i % 90),
    travelMinutes: 20 + (i % 60),
  });
  await step('resolved');
  if (stop === 'resolved') return;
  wo = await call(base, eng.headers, 'POST', `/api/v1/work-orders/${woId}/sign`, {
    version: wo.version,
    signerName: '科室负责人',
    meaning: '确认服务已完成，结果满意',
    signaturePng: PNG,
  });
  if (stop === 'signed_off') return;
  wo = await call(base, w.manager, 'POST', `/api/v1/work-orders/${woId}/review`, {
    version: wo.version,
    verdict: 'approved',
    password: DEMO_PASSWORD, // the review is an e-signature (R-AU-1): the reviewer's password again
  });
  if (wo.status !== 'closed') throw new Error(`work order ${woId} is ${wo.status} after review, expected closed`);
}

/**
 * Grows the data set: `workers` lives at a time (a service desk has several people at once). No
 * new life starts after `seconds` (PGlite on a loaded machine may manage only ~15 a minute).
 */
async function grow(base: string, w: World, requests: number, workers: number, seconds: number, log: (l: string) => void) {
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < requests && performance.now() - t0 < seconds * 1000) {
        const i = next++;
        await life(base, w, i, stopOf(i));
        if (++done % 250 === 0) log(`  grown ${done}/${requests} in ${Math.round((performance.now() - t0) / 1000)} s`);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, done };
}

function samplesOf(w: World): Samples {
  // Company-local today (Asia/Shanghai): all the work happened today.
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const customers = [...new Map(w.devices.map((d) => [d.customerId, d.customerName])).entries()];
  return {
    customerIds: customers.map(([id]) => id),
    leadIds: w.engineers.map((e) => e.id),
    deviceIds: w.devices.slice(0, 10).map((d) => d.id),
    serials: w.devices.slice(0, 10).map((d) => d.serialNumber),
    customerNames: customers.map(([, n]) => n),
    phones: Array.from({ length: 20 }, (_, k) => `138${String(k * 97).padStart(8, '0')}`),
    days: [day],
    engineerDays: w.engineers.map((e) => ({ userId: e.id, date: day })),
    engineer: 'engineer',
  };
}

interface Outcome {
  label: string;
  grownS: number;
  grown: number;
  timings: Timing[];
  plans: { name: string; statements: number; main: Plan | null }[];
  stats: string;
}

type Query = Pick<pg.Client, 'query'>;

async function explainAll(q: Query, captured: { name: string; sent: Statement[] }[]) {
  const out: Outcome['plans'] = [];
  for (const c of captured) {
    const plans: Plan[] = [];
    try {
      for (const st of c.sent) {
        if (/from "sessions"|"sessions"\s+set/i.test(st.sql)) continue;
        const set = settingsOf(st.sql);
        for (const [k, v] of set ?? []) await q.query(`set ${k} = ${v}`);
        // Twice, the second counted: the first warms the caches (on PGlite, a process just opened).
        if (!set) await explain(q, st, new Map());
        const plan = set ? null : await explain(q, st, new Map());
        if (plan) plans.push(plan);
      }
    } finally {
      await q.query('reset all');
    }
    out.push({ name: c.name, statements: c.sent.length, main: plans.reduce<Plan | null>((a, b) => (a && a.ms >= b.ms ? a : b), null) });
  }
  return out;
}

/** What the planner knew: each big table's rows against its estimate, and whether anything analyzed it since the demo seed. */
async function statsLine(q: Query) {
  const out: string[] = [];
  for (const t of ['work_orders', 'service_requests', 'sla_clocks', 'work_order_events', 'audit_log']) {
    const n = Number((await q.query(`select count(*)::int as n from ${t}`)).rows[0].n);
    const x = (
      await q.query(
        `select c.reltuples::bigint as est, coalesce(s.autoanalyze_count, 0) as auto, coalesce(s.autovacuum_count, 0) as autovac
         from pg_class c left join pg_stat_user_tables s on s.relid = c.oid where c.oid = $1::regclass`,
        [t],
      )
    ).rows[0] as Record<string, string | number>;
    out.push(`${t} ${n.toLocaleString('en-US')} rows (estimate ${Number(x.est).toLocaleString('en-US')}, autoanalyzed ${x.auto}×, autovacuumed ${x.autovac}×)`);
  }
  return out.join('; ');
}

async function one(
  label: string,
  env: Record<string, string>,
  opts: { requests: number; iterations: number; workers: number; growSeconds: number; pgUrl?: string; pgliteDir?: string },
  log: (l: string) => void,
): Promise<Outcome> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ms-grown-'));
  const logFile = path.join(scratch, 'sql.jsonl');
  symlinkSync('/dev/null', logFile);
  try {
    const server = await startServer({ SECRETS_KEY: 'ab'.repeat(32), SEED_DEMO: 'auto', LOG_SQL: logFile, ...env }, ['--http']);
    const timings: Timing[] = [];
    const captured: { name: string; sent: Statement[] }[] = [];
    let grownS = 0;
    let grown = 0;
    try {
      const w = await world(server.url);
      log(`${label}: growing ${opts.requests} requests over HTTP (${w.devices.length} devices, ${opts.workers} at a time)`);
      ({ seconds: grownS, done: grown } = await grow(server.url, w, opts.requests, opts.workers, opts.growSeconds, log));
      const s = samplesOf(w);
      const as = { dispatcher: w.dispatcher, engineer: w.engineers[0].headers };
      for (const p of paths) {
        const n = p.heavy ? Math.max(5, Math.round(opts.iterations / 4)) : opts.iterations;
        const t = await time(server.url, as[p.as ?? 'dispatcher'], p, s, n, 2);
        log(`  ${p.name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);
        timings.push(t);
      }
      // One more request per path with its statements written down.
      rmSync(logFile);
      writeFileSync(logFile, '');
      for (const p of paths) {
        const from = statSync(logFile).size;
        await get(server.url, as[p.as ?? 'dispatcher'], p.url(s, 0));
        await new Promise((r) => setTimeout(r, 50));
        captured.push({ name: p.name, sent: readNew(logFile, from).filter((x) => !/^\s*(begin|commit)\s*$/i.test(x.sql)) });
      }
    } finally {
      if (!opts.pgUrl) await server.stop();
    }
    let plans: Outcome['plans'] = [];
    let stats = '';
    if (opts.pgUrl) {
      const client = new pg.Client({ connectionString: opts.pgUrl });
      await client.connect();
      try {
        stats = await statsLine(client);
        plans = await explainAll(client, captured);
      } finally {
        await client.end();
        await server.stop();
      }
    } else if (opts.pgliteDir) {
      const database = await openPglite(path.join(opts.pgliteDir, 'pgdata'));
      try {
        stats = await statsLine(database as unknown as Query);
        plans = await explainAll(database as unknown as Query, captured);
      } finally {
        await database.close();
      }
    }
    return { label, grownS, grown, timings, plans, stats };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function markdown(outcomes: Outcome[], opts: { requests: number; iterations: number; workers: number; growSeconds: number; load: string }) {
  const out: string[] = [];
  out.push(`### Read paths on data grown through the product's write path (bench/grown.ts), ${today()}`);
  out.push('');
  out.push(
    `Machine: ${machine()}; load average at start ${opts.load}. Each database: a fresh demo install, then up to ${opts.requests} repair requests (growth bounded at ${opts.growSeconds} s) lived through over HTTP (${opts.workers} at a time): registered and dispatched by customer service, responded/accepted/on the way/on site/content/resolved by the engineer, signed (engineer collecting the hospital's signature), reviewed and closed by the service manager. Mix of 20: 2 waiting for an engineer, 1 dispatched, 1 on the way, 1 on site, 1 resolved, 1 signed, 13 closed. No manual ANALYZE/VACUUM; the server that grew the data is the one measured (\`--http\`, so the 10-minute maintenance job does not run). p50 / p95 ms of sequential calls after 2 warm-ups, ${opts.iterations} per path (a quarter for the board and reports).`,
  );
  out.push('');
  for (const o of outcomes)
    out.push(
      `- **${o.label}**: ${o.grown} requests grown in ${Math.round(o.grownS)} s (${((o.grown / o.grownS) * 60).toFixed(0)} requests/min). Planner's view afterwards: ${o.stats || 'n/a'}.`,
    );
  out.push('');
  out.push(`| path | ${outcomes.map((o) => `${o.label} p50 / p95`).join(' | ')} | ${outcomes.map((o) => `${o.label}: statements, slowest ms`).join(' | ')} |`);
  out.push(`|---|${outcomes.map(() => '---|').join('')}${outcomes.map(() => '---|').join('')}`);
  for (const p of paths) {
    const cells = outcomes.map((o) => {
      const t = o.timings.find((x) => x.name === p.name);
      return t ? `${f1(t.p50)} / ${f1(t.p95)}` : '—';
    });
    const plans = outcomes.map((o) => {
      const x = o.plans.find((y) => y.name === p.name);
      return x ? `${x.statements}, ${f1(x.main?.ms ?? 0)}` : '—';
    });
    out.push(`| ${p.name} | ${cells.join(' | ')} | ${plans.join(' | ')} |`);
  }
  out.push('');
  out.push('EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of each path whose slowest statement took ≥ 5 ms (essential lines):');
  out.push('');
  for (const o of outcomes) {
    for (const x of o.plans) {
      if (!x.main || x.main.ms < 5) continue;
      out.push(`<details><summary>${o.label} · ${x.name} — ${f1(x.main.ms)} ms</summary>`, '', '```', ...x.main.lines, '```', '</details>', '');
    }
  }
  return out.join('\n');
}

export async function runGrown(
  opts: { requests?: number; iterations?: number; workers?: number; growSeconds?: number; databaseUrl?: string; only?: string[] } = {},
) {
  const requests = opts.requests ?? 800;
  const iterations = opts.iterations ?? 40;
  const workers = opts.workers ?? 4;
  const want = (n: string) => !opts.only || opts.only.includes(n);
  const log = (l: string) => console.error(l);
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join('/');
  const outcomes: Outcome[] = [];
  const o = { requests, iterations, workers, growSeconds: opts.growSeconds ?? 1200 };
  if (want('pglite')) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ms-grown-pglite-'));
    try {
      outcomes.push(await one('PGlite', { DATA_DIR: dir, DATABASE_URL: '' }, { ...o, pgliteDir: dir }, log));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // A database of our own on a server: created empty, dropped afterwards.
  const onServer = async (label: string, url: string) => {
    const admin = new pg.Client({ connectionString: url.replace(/\/[^/?]+(\?.*)?$/, '/postgres') });
    await admin.connect();
    const name = new URL(url).pathname.slice(1);
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const av = (await admin.query('show autovacuum')).rows[0].autovacuum as string;
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-grown-data-'));
      try {
        outcomes.push(await one(`${label} (autovacuum ${av})`, { DATABASE_URL: url, DATA_DIR: dataDir }, { ...o, pgUrl: url }, log));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    } finally {
      await admin.query(`drop database if exists ${name}`).catch(() => {});
      await admin.end();
    }
  };
  if (want('pg-off')) await onServer('PostgreSQL here', opts.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/medservice_h7');
  if (want('pg-on')) {
    // PostgreSQL's own defaults (autovacuum on, as in Debian's postgresql.conf); fsync off as in chaos/.
    const cluster = await PrivateCluster.create();
    try {
      await cluster.start();
      await onServer('PostgreSQL defaults', cluster.url('medservice_h7'));
    } finally {
      await cluster.destroy();
    }
  }
  return markdown(outcomes, { ...o, load });
}

if (import.meta.main) {
  const md = await runGrown({
    requests: Number(arg('requests', '800')),
    iterations: Number(arg('iterations', '40')),
    workers: Number(arg('workers', '4')),
    growSeconds: Number(arg('grow-seconds', '1200')),
    databaseUrl: arg('database-url'),
    only: arg('only')?.split(','),
  });
  console.log(md);
}
