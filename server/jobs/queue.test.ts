// Registering the job catalogue at start (issue 17 item 5): a restart reads the queues and
// schedules and writes only what differs from the catalogue, so a changed policy, cron or zone
// still reaches the database, and a retired schedule still goes. The server prepares the queues
// before it listens and starts the handlers after: a job sent in between waits and then runs.
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { openTestDatabase } from '../test/harness.ts';
import { prepareJobs, registerJobs, startQueue, startWorkers } from './queue.ts';

const names = ['system.heartbeat', 'system.sessions.purge'] as const;

async function queueUrl(database: Database) {
  if (database.kind !== 'postgres') return undefined;
  const d = (await database.query<{ d: string }>('select current_database() as d')).rows[0].d;
  return process.env.DATABASE_URL?.replace(/\/[^/]*$/, `/${d}`);
}

async function state(database: Database) {
  const queues = await database.query<{ name: string; retry_limit: number; expire_seconds: number; updated_on: Date }>(
    `select name, retry_limit, expire_seconds, updated_on from pgboss.queue where name = any($1) order by name`,
    [[...names]],
  );
  const schedules = await database.query<{ name: string; cron: string; timezone: string; updated_on: Date }>(
    `select name, cron, timezone, updated_on from pgboss.schedule order by name`,
  );
  return { queues: queues.rows, schedules: schedules.rows };
}

/** The policies and schedules, without the times. */
const catalogued = ({ queues, schedules }: Awaited<ReturnType<typeof state>>) => ({
  queues: queues.map((q) => [q.name, q.retry_limit, q.expire_seconds]),
  schedules: schedules.map((s) => [s.name, s.cron, s.timezone]),
});

/** What the catalogue (system.jobs.ts) says for the two jobs, in the company's zone. */
const asCatalogued = {
  queues: [
    ['system.heartbeat', 0, 60],
    ['system.sessions.purge', 2, 300],
  ],
  schedules: [
    ['system.heartbeat', '* * * * *', 'Asia/Shanghai'],
    ['system.sessions.purge', '17 * * * *', 'Asia/Shanghai'],
  ],
};

describe('the job catalogue at start', () => {
  it('a restart with the catalogue unchanged rewrites nothing; a drifted policy, cron or zone is put back and a retired schedule removed', async () => {
    const { database, drop } = await openTestDatabase();
    const url = await queueUrl(database);
    const ctx = { database, dataDir: '.tmp', backupKeep: 0, timeZone: 'Asia/Shanghai', publicUrl: 'http://localhost' };
    let queue = await startQueue(database, url);
    try {
      await registerJobs(queue, ctx, names);
      const first = await state(database);
      expect(catalogued(first)).toEqual(asCatalogued);

      // A restart on the same catalogue: same rows, not even touched.
      await queue.stop();
      queue = await startQueue(database, url);
      await registerJobs(queue, ctx, names);
      expect(await state(database)).toEqual(first);

      // Drift: an older release's policy and schedule, and a schedule of a retired job.
      await queue.stop();
      await database.query(`update pgboss.queue set retry_limit = 5 where name = 'system.heartbeat'`);
      await database.query(`update pgboss.schedule set cron = '0 0 * * *' where name = 'system.sessions.purge'`);
      await database.query(`update pgboss.schedule set timezone = 'UTC' where name = 'system.heartbeat'`);
      queue = await startQueue(database, url);
      await queue.boss.createQueue('sla.sweep');
      await queue.boss.schedule('sla.sweep', '* * * * *', {}, { tz: 'UTC' });
      await registerJobs(queue, ctx, names);
      expect(catalogued(await state(database))).toEqual(asCatalogued);
    } finally {
      await queue.stop();
      await drop();
    }
  }, 120_000); // Three queue starts: slow when the machine is shared.

  it('a job sent after the queues are prepared but before the handlers start (a request in the first moments after listening) waits, then runs once they start', async () => {
    const { database, drop } = await openTestDatabase();
    const ctx = { database, dataDir: '.tmp', backupKeep: 0, timeZone: 'Asia/Shanghai', publicUrl: 'http://localhost' };
    const queue = await startQueue(database, await queueUrl(database));
    const heartbeat = async () => (await database.query<{ value: unknown }>(`select value from system_state where key = 'heartbeat'`)).rows[0]?.value ?? null;
    try {
      const jobs = await prepareJobs(queue, ctx, names);
      expect(jobs).toEqual([...names]);
      expect(await queue.send('system.heartbeat', {})).toEqual(expect.any(String));
      await new Promise((r) => setTimeout(r, 300));
      expect(await heartbeat()).toBeNull();

      await startWorkers(queue, ctx, jobs);
      for (let waited = 0; (await heartbeat()) === null && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(await heartbeat()).toMatchObject({ at: expect.any(String) });
    } finally {
      await queue.stop();
      await drop();
    }
  }, 60_000);
});
