// Several HTTP processes on one port (issue 17 item 7), with node:cluster. The primary does the
// start-up once (migrations and seed under the start-up lock) and keeps what must run once: the
// job worker, the audit sealer, the maintenance passes. Then it forks HTTP_PROCESSES processes
// that only serve HTTP; the primary accepts the connections and hands them out round-robin.
// Each HTTP process has its own pool and its own LISTEN for session revocations; everything
// they share (sessions, rate limits, jobs) is in PostgreSQL — which is why PGlite gets one.
import cluster, { type Worker } from 'node:cluster';

export type ClusterRole =
  /** Everything in this one process (HTTP_PROCESSES=1, or `--worker` alone). */
  | { kind: 'single' }
  /** Start-up and singletons here; HTTP in `processes` forked processes. */
  | { kind: 'primary'; processes: number }
  /** A forked HTTP process: no migrations, seed, sealer or jobs. */
  | { kind: 'http' };

export function clusterRole(httpProcesses: number, runHttp: boolean): ClusterRole {
  if (cluster.isWorker) {
    return { kind: 'http' };
  }
  return runHttp && httpProcesses > 1 ? { kind: 'primary', processes: httpProcesses } : { kind: 'single' };
}

/** Restart backoff: 1 s, doubling to 30 s; a process that served a minute counts as healthy again. */
export function restartDelay(failures: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
}
const HEALTHY_AFTER_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export interface HttpProcesses {
  /** SIGTERM to every HTTP process; resolves when all have exited (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/**
 * Forks the HTTP processes and resolves once each listens. A process that dies while we are not
 * stopping is logged and forked again after a growing pause; a start that fails (it never
 * listens) rejects, so a broken configuration stops the whole server instead of looping; a
 * restarted one that dies again is retried with the longer pause.
 */
export async function forkHttpProcesses(n: number, log: (m: string) => void): Promise<HttpProcesses> {
  let stopping = false;
  const current = new Map<number, Worker>();
  const failures = new Map<number, number>();

  const fork = (index: number, first: boolean) =>
    new Promise<void>((resolve, reject) => {
      // Same argv and environment as the primary; `index` (1..n) names the slot in the logs.
      const worker = cluster.fork();
      const born = Date.now();
      let listening = false;
      current.set(index, worker);
      worker.once('listening', () => {
        listening = true;
        resolve();
      });
      worker.once('exit', (code, signal) => {
        if (current.get(index) === worker) current.delete(index);
        if (stopping) return;
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        if (first && !listening) {
          reject(new Error(`HTTP process ${index} stopped during start (${how})`));
          return;
        }
        const n = Date.now() - born > HEALTHY_AFTER_MS ? 1 : (failures.get(index) ?? 0) + 1;
        failures.set(index, n);
        const wait = restartDelay(n);
        log(`HTTP process ${index} (pid ${worker.process.pid}) ended (${how}); starting it again in ${wait / 1000} s`);
        // Not unref'd: with `--http` the primary may have nothing else keeping it alive meanwhile.
        setTimeout(() => {
          if (!stopping) void fork(index, false);
        }, wait);
      });
    });

  try {
    await Promise.all(Array.from({ length: n }, (_, i) => fork(i + 1, true)));
  } catch (e) {
    stopping = true;
    for (const w of current.values()) w.process.kill('SIGTERM');
    throw e;
  }

  return {
    async stop() {
      stopping = true;
      const exits = [...current.values()].map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            const kill = setTimeout(() => w.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
            w.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            w.process.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
    },
  };
}

/** In an HTTP process: the primary is gone (killed, crashed) — stop rather than serve orphaned. */
export function onPrimaryGone(stop: () => void) {
  if (cluster.isWorker) process.on('disconnect', stop);
}
