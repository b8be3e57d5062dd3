// pg-boss on the same database as the data: the PGlite adapter in embedded mode, its own
// small pool on a PostgreSQL server. Several app instances can share it (SKIP LOCKED).
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { type JobName, jobCatalog } from './catalog.ts';

export interface Queue {
  boss: PgBoss;
  started: boolean;
  /** Registers a handler; the payload is parsed by the catalog schema first. */
  work<N extends JobName>(name: N, handler: (data: unknown) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
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
    async work(name, handler) {
      await boss.createQueue(name);
      await boss.work(name, async (jobs) => {
        for (const job of jobs) await handler(jobCatalog[name].parse(job.data ?? {}));
      });
    },
    async stop() {
      queue.started = false;
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
  return queue;
}
