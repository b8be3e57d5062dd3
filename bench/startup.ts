// Start-up time and memory of the product on the embedded database (what `npm start` runs
// after the web build): first start (migrations + demo seed), a restart on kept data, and a
// restart after `kill -9` (crash recovery on the same data). Also the latency of a device-list
// page once warm, and where a restart's time and memory go: the server's STARTUP_TRACE lines
// (server/startup-trace.ts), one per phase. Appends to bench/RESULTS.md.
//
//   node bench/startup.ts [--server-root DIR]   (another checkout's server for a "before",
//                                                e.g. `git archive <commit>` unpacked; no trace there)
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, type ServerProcess, sleep, startServer } from '../scripts/lib/server-process.ts';
import { arg } from './lib/common.ts';

const serverRootArg = arg('server-root');
const serverRoot = serverRootArg ? path.resolve(serverRootArg) : undefined;
const port = await freePort();

function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

/** CPU seconds the process has used so far (user + system), from /proc: robust to a busy machine, unlike wall time. */
function cpuMs(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return Math.round(((Number(f[11]) + Number(f[12])) * 1000) / 100);
}

/**
 * RSS once the process is idle: PGlite's WebAssembly is optimised on V8's background threads in
 * the first seconds after it opens, a transient of a few hundred MB that then goes away.
 */
async function settledRssMb(pid: number, maxMs = 30_000) {
  let last = rssMb(pid);
  for (let waited = 0; waited < maxMs; waited += 2000) {
    await sleep(2000);
    const now = rssMb(pid);
    if (Math.abs(now - last) <= 3) return now;
    last = now;
  }
  return last;
}

interface Started {
  server: ServerProcess;
  child: ChildProcess;
  ms: number;
  cpu: number;
  rss: number;
  trace: string[];
}

async function startOnce(dataDir: string): Promise<Started> {
  const trace: string[] = [];
  // Polled every 50 ms: the start-up time is what this measures.
  const server = await startServer({
    port,
    dataDir,
    databaseUrl: '',
    root: serverRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    pollMs: 50,
    env: { STARTUP_TRACE: '1' },
    // A stderr nobody reads would fill its pipe and stall the server.
    detail: () => trace.join('\n'),
  });
  const child = server.process;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    for (const line of s.split('\n')) if (line.startsWith('[startup]')) trace.push(line.slice(10));
  });
  const pid = child.pid as number;
  return { server, child, ms: server.startMs, cpu: cpuMs(pid), rss: rssMb(pid), trace };
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
const load = () => os.loadavg()[0].toFixed(1);
const loadAtStart = load();
try {
  const first = await startOnce(dataDir);
  const firstSettled = await settledRssMb(first.child.pid as number);
  await first.server.stop();
  const second = await startOnce(dataDir);
  const idleRss = await settledRssMb(second.child.pid as number);
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
  // Crash: no shutdown checkpoint, the lock file left behind; the next start recovers.
  second.child.kill('SIGKILL');
  await new Promise((r) => (second.child.exitCode !== null || second.child.signalCode !== null ? r(null) : second.child.once('exit', r)));
  const third = await startOnce(dataDir);
  await third.server.stop();

  const p = (q: number) => times[Math.floor(q * (times.length - 1))].toFixed(1);
  const who = serverRoot ? ` (server: ${path.basename(serverRoot)})` : '';
  const row = `| ${new Date().toISOString().slice(0, 10)}${who} | ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadAtStart} | ${first.ms} ms | ${second.ms} ms | ${third.ms} ms | ${first.rss} / ${firstSettled} MB | ${second.rss} / ${idleRss} MB | ${loadedRss} MB | ${p(0.5)} / ${p(0.95)} ms |`;
  const cpuLine = `CPU used by the server until ready (user + system): first start ${first.cpu} ms, restart ${second.cpu} ms, restart after kill -9 ${third.cpu} ms.`;
  const breakdown = (s: Started, what: string) =>
    s.trace.length ? `\n${what} (STARTUP_TRACE; at = since the process began):\n\`\`\`\n${s.trace.join('\n')}\n\`\`\`\n` : '';
  const md = `\n### Embedded start-up and memory (bench/startup.ts)\n\nRSS as "at ready / settled" (settled: once V8 has finished optimising PGlite's WebAssembly in the background). Load average at the end: ${load()}.\n\n| date | machine | first start | restart | restart after kill -9 | RSS after first start | RSS after restart | RSS after 200 list requests | device list p50 / p95 (50 rows) |\n|---|---|---|---|---|---|---|---|---|\n${row}\n\n${cpuLine}\n${breakdown(second, 'Restart on kept data')}${breakdown(third, 'Restart after kill -9')}`;
  console.log(md);
  appendFileSync(path.join('bench', 'RESULTS.md'), md);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
