// The real server as a child process, for the browser flows (e2e/run.ts), the reliability tests
// (chaos/lib/server.ts) and the benchmarks (bench/): find a free port, spawn the server as
// `npm start` runs it (dist/server/main.mjs, built from server/main.ts when stale),
// poll /api/health until it answers, stop it. One copy instead of four (issue 11 item 8); each
// caller keeps its own timeouts, poll interval and output handling through the options.
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port nobody listens on right now (the OS picks it; released before returning). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface WaitOptions {
  /** Give up after this long (default: never — a benchmark on a big database may migrate for minutes). */
  timeoutMs?: number;
  /** Pause between two health probes (default 250 ms). */
  pollMs?: number;
  /** Which /api/health status counts as up (default 2xx; 503 means "answers, but no database"). */
  isUp?: (status: number) => boolean;
  /** A probe that hangs longer than this counts as not up (default 10 s). */
  requestTimeoutMs?: number;
  /** Appended to the error when the server exits or never comes up (e.g. its last log lines). */
  detail?: () => string;
}

/** Polls `${baseUrl}/api/health` until it is up; throws if the process exits first or time runs out. */
export async function waitHealthy(baseUrl: string, proc: ChildProcess, opts: WaitOptions = {}): Promise<void> {
  const { timeoutMs = Number.POSITIVE_INFINITY, pollMs = 250, isUp = (s) => s >= 200 && s < 300, requestTimeoutMs = 10_000 } = opts;
  const more = () => (opts.detail ? `:\n${opts.detail()}` : '');
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}) during start${more()}`);
    }
    if (Date.now() > until) throw new Error(`server did not become healthy in ${timeoutMs} ms${more()}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(requestTimeoutMs) });
      await r.arrayBuffer();
      if (isUp(r.status)) return;
    } catch {
      /* not up yet */
    }
    await sleep(pollMs);
  }
}

export interface SpawnOptions {
  /** Extra environment, applied last (over process.env and the defaults below). */
  env?: Record<string, string>;
  /** Arguments to server/main.ts, e.g. ['--http'] (default: none = HTTP and worker in one process). */
  args?: string[];
  /** DATA_DIR (embedded database, session secret, uploads); left as inherited when absent. */
  dataDir?: string;
  /** DATABASE_URL; '' means embedded PGlite; left as inherited when absent. */
  databaseUrl?: string;
  /** A fixed port (to restart on the same address); default a free one. */
  port?: number;
  /** The checkout whose server/main.ts runs (cwd too); default this repository. */
  root?: string;
  /** The node binary (default the one running this script). */
  node?: string;
  /** Default: stdout ignored, stderr shown. */
  stdio?: StdioOptions;
}

export interface ServerProcess {
  baseUrl: string;
  port: number;
  process: ChildProcess;
  /** From spawn to healthy (startServer only; 0 after spawnServer). */
  startMs: number;
  /** SIGTERM and wait for the exit; SIGKILL after killAfterMs if given. No-op when already gone. */
  stop(killAfterMs?: number): Promise<void>;
}

/**
 * The node arguments `npm start` uses: the one-file build (scripts/lib/server-build.ts, built
 * first when stale), which holds drizzle-orm and needs no preload. An older checkout without the
 * builder (bench --server-root) runs its sources, with server/preload.ts when it has one.
 */
async function serverEntry(root: string): Promise<string[]> {
  const builder = path.join(root, 'scripts/lib/server-build.ts');
  if (existsSync(builder)) {
    const { ensureServerBuild } = (await import(pathToFileURL(builder).href)) as typeof import('./server-build.ts');
    const bundle = await ensureServerBuild(root);
    // The launcher turns on Node's compile cache before it loads the bundle (scripts/serve.mjs).
    const launcher = path.join(root, 'scripts/serve.mjs');
    return [existsSync(launcher) ? launcher : bundle];
  }
  const preload = path.join(root, 'server/preload.ts');
  return [...(existsSync(preload) ? ['--import', pathToFileURL(preload).href] : []), path.join(root, 'server/main.ts')];
}

/** Spawns the server without waiting for it (for callers that attach to its output first). */
export async function spawnServer(opts: SpawnOptions = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const root = opts.root ?? repoRoot;
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  if (opts.databaseUrl !== undefined) env.DATABASE_URL = opts.databaseUrl;
  if (opts.dataDir !== undefined) env.DATA_DIR = opts.dataDir;
  Object.assign(env, opts.env);
  const entry = await serverEntry(root);
  const proc = spawn(opts.node ?? process.execPath, [...entry, ...(opts.args ?? [])], {
    cwd: root,
    env,
    stdio: opts.stdio ?? ['ignore', 'ignore', 'inherit'],
  });
  return { baseUrl: `http://127.0.0.1:${port}`, port, process: proc, startMs: 0, stop: (killAfterMs) => stopProcess(proc, killAfterMs) };
}

/** Spawns the server and resolves once /api/health is up; a failed start kills the process. */
export async function startServer(opts: SpawnOptions & WaitOptions = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const t0 = performance.now();
  const server = await spawnServer({ ...opts, port });
  try {
    await waitHealthy(server.baseUrl, server.process, opts);
  } catch (e) {
    await server.stop(5_000);
    throw e;
  }
  server.startMs = Math.round(performance.now() - t0);
  return server;
}

export async function stopProcess(proc: ChildProcess, killAfterMs?: number): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r).once('error', r));
  proc.kill('SIGTERM');
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}
