// Start-up time and memory of the product on the embedded database (what `npm start` runs
// after the web build): first start (migrations + demo seed) and a restart on kept data.
// Also the latency of a device-list page once warm. Appends to bench/RESULTS.md.
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServer } from '../scripts/lib/server-process.ts';

const port = await freePort();

function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

async function startOnce(dataDir: string): Promise<{ child: ChildProcess; ms: number; stop: () => Promise<void> }> {
  // Polled every 50 ms: the start-up time is what this measures.
  const server = await startServer({ port, dataDir, databaseUrl: '', stdio: 'ignore', pollMs: 50 });
  return { child: server.process, ms: server.startMs, stop: () => server.stop() };
}

async function login() {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'MedService2026' }),
  });
  return (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ms-bench-'));
try {
  const first = await startOnce(dataDir);
  const firstRss = rssMb(first.child.pid as number);
  await first.stop();
  const second = await startOnce(dataDir);
  const idleRss = rssMb(second.child.pid as number);
  const cookie = await login();
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/devices?pageSize=50&sort=-updatedAt`, { headers: { cookie } });
    await r.arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const loadedRss = rssMb(second.child.pid as number);
  await second.stop();
  const p = (q: number) => times[Math.floor(q * (times.length - 1))].toFixed(1);
  const line = `| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version} | ${first.ms} ms | ${second.ms} ms | ${firstRss} MB | ${idleRss} MB | ${loadedRss} MB | ${p(0.5)} / ${p(0.95)} ms |`;
  console.log(
    `first start (migrate + seed): ${first.ms} ms, RSS ${firstRss} MB\nrestart on kept data: ${second.ms} ms, RSS ${idleRss} MB\nGET /devices?pageSize=50 ×200: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms; RSS after ${loadedRss} MB`,
  );
  // Its own small table, so the row reads right wherever the run's other sections land.
  appendFileSync(
    path.join('bench', 'RESULTS.md'),
    `\n### Embedded start-up and memory (bench/startup.ts)\n\n| date | machine | first start | restart | RSS after first start | RSS after restart | RSS after 200 list requests | device list p50 / p95 (50 rows) |\n|---|---|---|---|---|---|---|---|\n${line}\n`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
