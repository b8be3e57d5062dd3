// Heartbeat (proves a worker is consuming jobs), the hourly purge of expired sessions,
// Idempotency-Keys and rate-limit windows, and, in embedded mode, the nightly backup.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { purgeIdempotencyKeys } from '../../http/idempotency.ts';
import { purgeRateLimits } from '../../http/rate-limit-store.ts';
import { job, noPayload } from '../../jobs/define.ts';
import { auditLedger, sealAudit } from '../../lib/audit.ledger.ts';
import { scheduledBackup } from '../../lib/backup.ts';

async function setState(database: Database, key: string, value: unknown) {
  await database.db.execute(
    sql`insert into system_state (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, now())
        on conflict (key) do update set value = excluded.value, updated_at = now()`,
  );
}

export const systemJobs = {
  'system.heartbeat': job({
    payload: noPayload,
    cron: '* * * * *',
    retryLimit: 0,
    expireInSeconds: 60,
    run: ({ database }) => setState(database, 'heartbeat', { at: new Date().toISOString() }),
  }),
  /**
   * The audit ledger's sealing (issue 17 item 2). Each process seals every AUDIT_SEAL_SECONDS
   * on its own (main.ts; cron has minutes only); this is the backstop, and can be sent.
   */
  'system.audit.seal': job({
    payload: noPayload,
    cron: '* * * * *',
    retryLimit: 0,
    expireInSeconds: 120,
    enabled: () => auditLedger()?.privateKey != null,
    run: async ({ database }) => {
      const ledger = auditLedger();
      if (ledger) await sealAudit(database.db, ledger);
    },
  }),
  /** Expired sessions, Idempotency-Keys older than a day and run-out rate-limit windows are useless rows; dropped hourly. */
  'system.sessions.purge': job({
    payload: noPayload,
    cron: '17 * * * *',
    retryLimit: 2,
    expireInSeconds: 300,
    run: async ({ database }) => {
      await database.db.execute(sql`delete from sessions where expires_at < now()`);
      await purgeIdempotencyKeys(database.db);
      await purgeRateLimits(database.db);
    },
  }),
  /** Embedded mode only (a PostgreSQL server has its own backups), when BACKUP_KEEP > 0. */
  'system.backup': job({
    payload: noPayload,
    cron: '30 2 * * *',
    retryLimit: 2,
    expireInSeconds: 3600,
    enabled: ({ database, backupKeep }) => database.kind === 'pglite' && !!database.pglite && backupKeep > 0,
    run: async ({ database, dataDir, backupKeep }) => {
      if (!database.pglite) return;
      const r = await scheduledBackup(database.pglite, dataDir, backupKeep);
      await setState(database, 'backup', { at: new Date().toISOString(), file: r.file, bytes: r.bytes });
    },
  }),
};
