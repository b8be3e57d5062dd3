// What every benchmark script shares: the machine line for RESULTS.md, starting our server as
// a child process on a free port, logging in over HTTP, percentiles and appending results.
import { type ChildProcess, execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer as startServerProcess } from '../../scripts/lib/server-process.ts';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const RESULTS = path.join(root, 'bench', 'RESULTS.md');
export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/medservice_bench';
export const DEMO_PASSWORD = 'MedService2026';

export function arg(name: string, fallback?: string): string | undefined {
  const argv = process.argv.slice(2);
  const at = argv.indexOf(`--${name}`);
  if (at >= 0 && argv[at + 1] && !argv[at + 1].startsWith('--')) return argv[at + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}
export const flag = (name: string) => process.argv.slice(2).includes(`--${name}`);

export function today() {
  return new Date().toISOString().slice(0, 10);
}

export function machine(): string {
  let pgVersion = '';
  try {
    pgVersion = execFileSync('psql', ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^psql \(PostgreSQL\) /, 'PostgreSQL ');
  } catch {
    /* no client */
  }
  const gib = Math.round(os.totalmem() / 2 ** 30);
  return [`${os.cpus().length} cores (${os.cpus()[0]?.model.trim()})`, `${gib} GiB`, `Node ${process.version}`, pgVersion].filter(Boolean).join(', ');
}

export interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `server/main.ts` with the given environment and waits until /api/health answers. */
export async function startServer(env: Record<string, string>, args: string[] = ['--http'], serverRoot?: string): Promise<Server & { startMs: number }> {
  // Polled every 100 ms, so startMs measures the start-up itself.
  const server = await startServerProcess({ env, args, pollMs: 100, isUp: (status) => status < 500, ...(serverRoot ? { root: serverRoot } : {}) });
  return { child: server.process, url: server.baseUrl, startMs: server.startMs, stop: () => server.stop() };
}

/** Logs in over HTTP; returns the cookie header and the CSRF token. */
export async function login(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!r.ok) throw new Error(`login as ${username}: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { csrfToken: string };
  const cookie = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: body.csrfToken };
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : '–');

export function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

export function appendResults(markdown: string) {
  appendFileSync(RESULTS, `\n${markdown.trim()}\n`);
}
