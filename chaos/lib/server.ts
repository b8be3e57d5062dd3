// A real MedService server process for the reliability tests: spawned from server/main.ts with
// the project's Node 24 on a fixed free port against a given database (through
// scripts/lib/server-process.ts, like e2e/run.ts and the benchmarks), so the tests can kill -9
// it, restart it on the same data and watch what clients see meanwhile.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, repoRoot, sleep, spawnServer, stopProcess, waitHealthy } from '../../scripts/lib/server-process.ts';

const node = path.join(repoRoot, 'node_modules', '.bin', 'node');

export { freePort, sleep };

export interface Health {
  httpStatus: number;
  status: string;
  body: { status: string; database: { ok: boolean }; queue: { ok: boolean; running: boolean } } | null;
  ms: number;
}

/** One /api/health call; a network error or a hang (>10 s) reads as status 'unreachable'. */
export async function health(url: string): Promise<Health> {
  const t0 = performance.now();
  try {
    const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    const body = (await r.json()) as Health['body'];
    return { httpStatus: r.status, status: body?.status ?? '?', body, ms: performance.now() - t0 };
  } catch {
    return { httpStatus: 0, status: 'unreachable', body: null, ms: performance.now() - t0 };
  }
}

export interface ServerOptions {
  /** Embedded data directory (also where the session secret is kept). */
  dataDir: string;
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  env?: Record<string, string>;
}

export class ChaosServer {
  proc: ChildProcess | null = null;
  readonly url: string;
  /** Every line of the server's stdout/stderr (all starts), prefixed with the pid. */
  readonly output: string[] = [];
  starts = 0;
  kills = 0;

  readonly port: number;
  readonly opts: ServerOptions;

  private constructor(port: number, opts: ServerOptions) {
    this.port = port;
    this.opts = opts;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts a server on a new free port and waits until /api/health answers 200. */
  static async start(opts: ServerOptions, timeoutMs?: number): Promise<ChaosServer> {
    const s = new ChaosServer(await freePort(), opts);
    await s.start(timeoutMs);
    return s;
  }

  get pid() {
    return this.proc?.pid;
  }

  alive() {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** (Re)starts on the same port and data; resolves when healthy. */
  async start(timeoutMs = 240_000) {
    if (this.alive()) throw new Error('server already running');
    const { process: proc } = await spawnServer({
      port: this.port,
      node,
      dataDir: this.opts.dataDir,
      databaseUrl: this.opts.databaseUrl ?? '',
      env: this.opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    this.starts++;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.output.push(`[${proc.pid}] ${line}`);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    // Not startServer: a start that fails here stays inspectable (alive(), output) for the test.
    await waitHealthy(this.url, proc, { timeoutMs, pollMs: 250, isUp: (s) => s === 200, detail: () => this.tail() });
  }

  /** SIGKILL the node process itself: no shutdown hook, no lock release, no flush. */
  async kill9() {
    const proc = this.proc;
    if (!proc || !this.alive()) throw new Error('server is not running');
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(proc.pid as number, 'SIGKILL');
    await exited;
    this.kills++;
  }

  /** Clean stop (SIGTERM), SIGKILL after 20 s. */
  async stop() {
    if (this.proc) await stopProcess(this.proc, 20_000);
  }

  tail(n = 40) {
    return this.output.slice(-n).join('\n');
  }
}
