// How a module declares a job (issue 11 item 5): its payload schema, its retry and timeout
// policy, when it runs by itself (cron, company time zone) and what it does. Each module lists
// its jobs in `<m>.jobs.ts`; server/jobs/catalog.ts merges the lists into the one typed catalogue
// that queue.ts registers with pg-boss.
import { z } from 'zod';
import type { Database } from '../db/client.ts';

/** What a running job may use: the process's database and settings. */
export interface JobContext {
  database: Database;
  timeZone: string;
  /** Absolute base of links in emails (PUBLIC_URL, default http://localhost:PORT). */
  publicUrl: string;
  dataDir: string;
  backupKeep: number;
}

export interface JobSpec<P extends z.ZodType = z.ZodType> {
  /** The payload, parsed before the handler runs: a malformed job fails loudly instead of half-running. */
  payload: P;
  /** Retries after a failed run (pg-boss retryLimit). */
  retryLimit: number;
  /** Seconds a run may stay active before pg-boss counts it failed (expireInSeconds). */
  expireInSeconds: number;
  /** Runs by itself on this cron (company time zone); without one only when sent. */
  cron?: string;
  /** Whether this process runs it at all (default: yes). */
  enabled?: (ctx: JobContext) => boolean;
  run: (ctx: JobContext, data: z.output<P>) => Promise<unknown>;
}

/** Declares one job; the handler's payload type comes from its schema. */
export const job = <P extends z.ZodType>(spec: JobSpec<P>): JobSpec<P> => spec;

/** No payload: a scheduled job is sent `{}`. */
export const noPayload = z.strictObject({});

/**
 * A minute sweep concern: one indexed query for what is due, each step idempotent, so a late,
 * repeated or concurrent run changes nothing. No retry: the next minute's run is the retry.
 */
export const minuteSweep = { payload: noPayload, cron: '* * * * *', retryLimit: 0, expireInSeconds: 600 } as const;
