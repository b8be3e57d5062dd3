// Heartbeat (proves a worker is consuming jobs) and, in embedded mode, the nightly backup.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { purgeIdempotencyKeys } from '../../http/idempotency.ts';
import { purgeRateLimits } from '../../http/rate-limit-store.ts';
import type { Queue } from '../../jobs/queue.ts';
import { scheduledBackup } from '../../lib/backup.ts';

async function setState(database: Database, key: string, value: unknown) {
  await database.db.execute(
    sql`insert into system_state (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, now())
        on conflict (key) do update set value = excluded.value, updated_at = now()`,
  );
}

export async function registerSystemJobs(queue: Queue, database: Database, opts: { dataDir: string; backupKeep: number; timeZone: string }) {
  await queue.work('system.heartbeat', async () => setState(database, 'heartbeat', { at: new Date().toISOString() }));
  await queue.boss.schedule('system.heartbeat', '* * * * *', {}, { tz: opts.timeZone });
  // Expired sessions, Idempotency-Keys older than a day and run-out rate-limit windows are
  // useless rows; drop them hourly.
  await queue.work('system.sessions.purge', async () => {
    await database.db.execute(sql`delete from sessions where expires_at < now()`);
    await purgeIdempotencyKeys(database.db);
    await purgeRateLimits(database.db);
  });
  await queue.boss.schedule('system.sessions.purge', '17 * * * *', {}, { tz: opts.timeZone });
  if (database.kind === 'pglite' && database.pglite && opts.backupKeep > 0) {
    const pglite = database.pglite;
    await queue.work('system.backup', async () => {
      const r = await scheduledBackup(pglite, opts.dataDir, opts.backupKeep);
      await setState(database, 'backup', { at: new Date().toISOString(), file: r.file, bytes: r.bytes });
    });
    await queue.boss.schedule('system.backup', '30 2 * * *', {}, { tz: opts.timeZone });
  }
}
