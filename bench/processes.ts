// One → several HTTP processes (issue 17 item 7): the same server (`--http`, HTTP_PROCESSES=n,
// server/cluster.ts) loaded with autocannon for a registration (POST /api/v1/requests) and a list
// read (work orders, newest first), once per process count, in one run so the ratios compare.
//
//   node bench/processes.ts [--database-url URL] [--processes 1,2] [--duration 15] [--connections 32] [--append]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openPostgres } from '../server/db/client.ts';
import { appendResults, arg, DEFAULT_BENCH_URL, flag, login, machine, ms, rssMb, startServer, today } from './lib/common.ts';

interface Row {
  processes: number;
  load: string;
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  cpu: number;
}

/** CPU seconds (user + system) of a process and its children so far, from /proc. */
function cpuSeconds(pid: number): number {
  const tick = 100;
  let total = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) / tick;
      const kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      for (const k of kids) visit(Number(k));
    } catch {
      /* gone */
    }
  };
  visit(pid);
  return total;
}

async function load(url: string, o: { connections: number; duration: number }, req: autocannon.Request) {
  const r = await autocannon({ url, connections: o.connections, duration: o.duration, requests: [req] });
  return { rate: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts };
}

export async function runProcesses(o: { databaseUrl: string; counts: number[]; duration: number; connections: number }) {
  const database = await openPostgres(o.databaseUrl, 1);
  const ids = (await database.query<{ id: string }>(`select id from devices where status <> 'retired' order by id limit 5000`)).rows.map((r) => r.id);
  const [{ wo }] = (await database.query<{ wo: number }>('select count(*)::int as wo from work_orders')).rows;
  await database.close();
  const loadAvg = os.loadavg().map((v) => v.toFixed(1));
  const rows: Row[] = [];
  let rss = '';
  // Keys (secrets, audit ledger) for the server; one directory for every run.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-processes-'));
  for (const n of o.counts) {
    const server = await startServer({ DATABASE_URL: o.databaseUrl, DATA_DIR: dataDir, SEED_DEMO: 'never', HTTP_PROCESSES: String(n) });
    try {
      const { cookie, csrf } = await login(server.url, 'dispatcher');
      // Health answers as soon as one HTTP process listens: warm up (each connection new, so every
      // process gets some) until 20 list reads in a row answer, the same for every process count.
      for (let ok = 0, tries = 0; ok < 20 && tries < 600; tries++) {
        const r = await fetch(`${server.url}/api/v1/work-orders?pageSize=20&sort=-createdAt`, { headers: { cookie, connection: 'close' } }).catch(() => null);
        await r?.arrayBuffer();
        ok = r?.ok ? ok + 1 : 0;
      }
      await new Promise((r) => setTimeout(r, 3_000));
      let i = 0;
      const pid = server.child.pid as number;
      let cpu0 = cpuSeconds(pid);
      const write = await load(server.url, o, {
        method: 'POST',
        path: '/api/v1/requests',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        setupRequest: (req) => {
          i++;
          const body = {
            deviceId: ids[i % ids.length],
            faultDescription: '开机自检失败',
            deviceDown: false,
            channel: 'phone',
            reporterName: '陈工',
            reporterPhone: '13800000000',
          };
          return { ...req, body: JSON.stringify(body) };
        },
      });
      rows.push({
        processes: n,
        load: 'register a request (POST /api/v1/requests)',
        ...write,
        cpu: (cpuSeconds(pid) - cpu0) / Math.max(1, write.rate * o.duration),
      });
      cpu0 = cpuSeconds(pid);
      const read = await load(server.url, o, { method: 'GET', path: '/api/v1/work-orders?pageSize=20&sort=-createdAt', headers: { cookie } });
      rows.push({ processes: n, load: 'work orders, newest first, 20 (GET)', ...read, cpu: (cpuSeconds(pid) - cpu0) / Math.max(1, read.rate * o.duration) });
      rss += `${n}: ${rssMb(pid)} MB (primary) `;
    } finally {
      await server.stop();
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  const base = (label: string) => rows.find((r) => r.load === label && r.processes === o.counts[0])?.rate ?? Number.NaN;
  return [
    `### Several HTTP processes (bench/processes.ts), ${today()}`,
    '',
    `Machine: ${machine()}; load average at start ${loadAvg.join(' / ')}. Database: PostgreSQL, ${wo.toLocaleString('en')} work orders. Server \`--http\` with HTTP_PROCESSES as below (pool of 10 per process); ${o.connections} connections, ${o.duration} s per row. RSS ${rss.trim()}.`,
    '',
    '| HTTP processes | load | rate (req/s) | × 1 process | p50 | p99 | errors | Node CPU ms per request |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.processes} | ${r.load} | ${r.rate.toFixed(1)} | ${(r.rate / base(r.load)).toFixed(2)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ${(r.cpu * 1000).toFixed(1)} |`,
    ),
  ].join('\n');
}

if (import.meta.main) {
  const md = await runProcesses({
    databaseUrl: arg('database-url', process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL) as string,
    counts: (arg('processes', '1,2') as string).split(',').map(Number),
    duration: Number(arg('duration', '15')),
    connections: Number(arg('connections', '32')),
  });
  console.log(md);
  if (flag('append')) appendResults(md);
}
