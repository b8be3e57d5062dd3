// pg-boss on the same database as the data: the PGlite adapter in embedded mode, its own
// small pool on a PostgreSQL server. Several app instances can share it (SKIP LOCKED).
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { JOB_NAMES, type JobName, type JobPayload, jobCatalog, RETIRED_JOBS } from './catalog.ts';
import type { JobContext, JobSpec } from './define.ts';

export interface Queue {
  boss: PgBoss;
  started: boolean;
  /**
   * Makes a catalogue job ready to be sent: creates its queue with the job's retry and timeout
   * policy (an existing queue takes the current one) and schedules it when it has a cron.
   * `known` is what the database already holds for it (see prepareJobs); what already matches is
   * not written again.
   */
  prepare(name: JobName, ctx: JobContext, known?: Known): Promise<void>;
  /** Runs a prepared job in this process, each payload parsed by the job's schema before its handler. */
  work(name: JobName, ctx: JobContext): Promise<void>;
  send<N extends JobName>(name: N, data: JobPayload<N>): Promise<string | null>;
  stop(): Promise<void>;
}

/** A job's queue and schedule as the database holds them; null = none, undefined = not looked up. */
export interface Known {
  queue?: { retryLimit?: number; expireInSeconds?: number } | null;
  schedule?: { cron: string; timezone?: string | null } | null;
}

export async function startQueue(database: Database, url: string | undefined): Promise<Queue> {
  const boss =
    database.kind === 'pglite' && database.pglite
      ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema: 'pgboss' } as ConstructorParameters<typeof PgBoss>[0])
      : new PgBoss({ connectionString: url, schema: 'pgboss', max: 4 });
  boss.on('error', (err) => console.error('[queue]', err.message));
  await boss.start();
  const queue: Queue = {
    boss,
    started: true,
    async prepare(name, ctx, known = {}) {
      const spec = jobCatalog[name] as JobSpec;
      const policy = { retryLimit: spec.retryLimit, expireInSeconds: spec.expireInSeconds };
      const q = known.queue;
      if (q === undefined || q === null) await boss.createQueue(name, policy);
      if (q === undefined || q?.retryLimit !== policy.retryLimit || q?.expireInSeconds !== policy.expireInSeconds) {
        await boss.updateQueue(name, policy);
      }
      const s = known.schedule;
      if (spec.cron && (s?.cron !== spec.cron || s?.timezone !== ctx.timeZone)) await boss.schedule(name, spec.cron, {}, { tz: ctx.timeZone });
    },
    async work(name, ctx) {
      const spec = jobCatalog[name] as JobSpec;
      await boss.work(name, async (jobs) => {
        for (const job of jobs) await spec.run(ctx, spec.payload.parse(job.data ?? {}));
      });
    },
    async send(name, data) {
      return boss.send(name, jobCatalog[name].payload.parse(data) as object);
    },
    async stop() {
      queue.started = false;
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
  return queue;
}

/**
 * The worker half: every catalogue job this process runs (or the ones named) prepared, the
 * retired schedules gone, and the handlers running.
 */
export async function registerJobs(queue: Queue, ctx: JobContext, names: readonly JobName[] = JOB_NAMES) {
  await startWorkers(queue, ctx, await prepareJobs(queue, ctx, names));
}

/**
 * Queues and schedules as the catalogue has them, so a request may send any job; returns the
 * jobs this process is to run. The queues and schedules are read first, in two statements, and
 * only what differs is written: a restart wrote ~80 statements of no change before (issue 17
 * item 5).
 */
export async function prepareJobs(queue: Queue, ctx: JobContext, names: readonly JobName[] = JOB_NAMES): Promise<JobName[]> {
  const [queues, schedules] = await Promise.all([queue.boss.getQueues(), queue.boss.getSchedules()]);
  const queueOf = new Map(queues.map((q) => [q.name, q]));
  const scheduleOf = new Map(schedules.filter((s) => s.key === '').map((s) => [s.name, s]));
  for (const name of RETIRED_JOBS) if (scheduleOf.has(name)) await queue.boss.unschedule(name).catch(() => {});
  const run: JobName[] = [];
  for (const name of names) {
    const spec = jobCatalog[name] as JobSpec;
    if (spec.enabled && !spec.enabled(ctx)) continue;
    await queue.prepare(name, ctx, { queue: queueOf.get(name) ?? null, schedule: scheduleOf.get(name) ?? null });
    run.push(name);
  }
  return run;
}

/**
 * The handlers of prepared jobs. The server starts them once it listens: their first polls, and
 * the sweeps a restart finds due, then no longer compete with building the HTTP app.
 */
export async function startWorkers(queue: Queue, ctx: JobContext, names: readonly JobName[]) {
  for (const name of names) await queue.work(name, ctx);
}
