// Lists as open work accumulates (issue 10 item 6): a fresh server (PGlite in an empty DATA_DIR,
// and a fresh PostgreSQL database), 1,300 repair requests registered over HTTP as customer
// service does — the product's own write path, nothing analyzed by a generator — then the
// default work-order list and the dispatch board timed; then the server restarted, whose boot
// runs the maintenance pass (ANALYZE of the tables that changed), and timed again.
//
//   node bench/lists.ts [--requests 1300] [--database-url postgres://…/medservice_lists]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { arg, login, machine, ms, percentile, startServer, today } from './lib/common.ts';

async function timed(url: string, cookie: string, p: string, n: number) {
  const t: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    const t0 = performance.now();
    const r = await fetch(`${url}${p}`, { headers: { cookie } });
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    if (i >= 3) t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return `${ms(percentile(t, 50))} / ${ms(percentile(t, 95))}`;
}

async function one(label: string, env: Record<string, string>, requests: number): Promise<string[]> {
  // A throwaway key for channel secrets, so no key file is written outside the scratch directory.
  env = { SECRETS_KEY: 'ab'.repeat(32), ...env };
  let server = await startServer(env, ['--http']);
  const { cookie, csrf } = await login(server.url, 'dispatcher');
  const devs = (await (await fetch(`${server.url}/api/v1/devices?pageSize=100`, { headers: { cookie } })).json()) as {
    items: { id: string; status: string }[];
  };
  const ids = devs.items.filter((d) => d.status !== 'retired').map((d) => d.id);
  const t0 = performance.now();
  let ok = 0;
  for (let i = 0; i < requests; i++) {
    const r = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        deviceId: ids[i % ids.length],
        faultDescription: `报错 E${i}`,
        deviceDown: false,
        channel: 'phone',
        reporterName: '王红',
        reporterPhone: '13801010001',
      }),
    });
    await r.arrayBuffer();
    if (r.status === 201) ok++;
  }
  const regS = ((performance.now() - t0) / 1000).toFixed(0);
  const rows: string[] = [];
  const measure = async (when: string) => {
    const s = await login(server.url, 'dispatcher');
    rows.push(
      `| ${label} | ${when} | ${await timed(server.url, s.cookie, '/api/v1/work-orders?pageSize=50', 20)} | ${await timed(server.url, s.cookie, '/api/v1/work-orders?pageSize=50&status=new,dispatched,accepted', 20)} | ${await timed(server.url, s.cookie, '/api/v1/dispatch/board', 10)} |`,
    );
  };
  await measure(`${ok} registered over HTTP in ${regS} s, nothing analyzed`);
  await server.stop();
  server = await startServer(env, ['--http']);
  await measure('after restart (boot maintenance pass)');
  await server.stop();
  return rows;
}

export async function runLists(opts: { databaseUrl?: string; requests?: number } = {}): Promise<string> {
  const requests = opts.requests ?? 1300;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'medservice-lists-'));
  const rows: string[] = [];
  try {
    rows.push(...(await one('PGlite (embedded)', { DATA_DIR: dir, DATABASE_URL: '', SEED_DEMO: 'auto' }, requests)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (opts.databaseUrl) {
    const admin = new pg.Client({ connectionString: opts.databaseUrl.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    const name = new URL(opts.databaseUrl).pathname.slice(1);
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const { rows: av } = await admin.query('show autovacuum');
    try {
      rows.push(...(await one(`PostgreSQL (autovacuum ${av[0].autovacuum})`, { DATABASE_URL: opts.databaseUrl, SEED_DEMO: 'auto' }, requests)));
    } finally {
      await admin.query(`drop database if exists ${name}`).catch(() => {});
      await admin.end();
    }
  }
  return [
    `### Lists as open work accumulates (bench/lists.ts), ${today()}`,
    '',
    `Machine: ${machine()}. ${requests} repair requests registered through POST /api/v1/requests on a fresh demo install; server \`--http\` (the 10-minute maintenance job does not run during the measurement; its pass at boot does). p50 / p95 of sequential calls as the dispatcher.`,
    '',
    '| database | when | work orders, default sort (next deadline), 50 | open statuses, 50 | dispatch board |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (import.meta.main) {
  const md = await runLists({ databaseUrl: arg('database-url'), requests: Number(arg('requests', '1300')) });
  console.log(md);
}
