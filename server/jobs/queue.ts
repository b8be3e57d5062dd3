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
   * Runs a catalogue job in this process: creates its queue with the job's retry and timeout
   * policy (an existing queue takes the current one), parses each payload by the job's schema
   * before its handler, and schedules it when it has a cron. `known` is what the database already
   * holds for it (see registerJobs); what already matches is not written again.
   */
  work(name: JobName, ctx: JobContext, known?: Known): Promise<void>;
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
    async work(name, ctx, known = {}) {
      const spec = jobCatalog[name] as JobSpec;
      const policy = { retryLimit: spec.retryLimit, expireInSeconds: spec.expireInSeconds };
      const q = known.queue;
      if (q === undefined || q === null) await boss.createQueue(name, policy);
      if (q === undefined || q?.retryLimit !== policy.retryLimit || q?.expireInSeconds !== policy.expireInSeconds) {
        await boss.updateQueue(name, policy);
      }
      await boss.work(name, async (jobs) => {
        for (const job of jobs) await spec.run(ctx, spec.payload.parse(job.data ?? {}));
      });
      const s = known.schedule;
      if (spec.cron && (s?.cron !== spec.cron || s?.timezone !== ctx.timeZone)) await boss.schedule(name, spec.cron, {}, { tz: ctx.timeZone });
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
 * The worker half: every catalogue job this process runs (or the ones named), and the retired
 * schedules gone. The queues and schedules are read first, in two statements, and only what
 * differs from the catalogue is written: a restart wrote ~80 statements of no change before
 * (issue 17 item 5).
 */
export async function registerJobs(queue: Queue, ctx: JobContext, names: readonly JobName[] = JOB_NAMES) {
  const [queues, schedules] = await Promise.all([queue.boss.getQueues(), queue.boss.getSchedules()]);
  const queueOf = new Map(queues.map((q) => [q.name, q]));
  const scheduleOf = new Map(schedules.filter((s) => s.key === '').map((s) => [s.name, s]));
  for (const name of RETIRED_JOBS) if (scheduleOf.has(name)) await queue.boss.unschedule(name).catch(() => {});
  for (const name of names) {
    const spec = jobCatalog[name] as JobSpec;
    if (spec.enabled && !spec.enabled(ctx)) continue;
    await queue.work(name, ctx, { queue: queueOf.get(name) ?? null, schedule: scheduleOf.get(name) ?? null });
  }
}
