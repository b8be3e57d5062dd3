// Job name -> payload schema. Handlers parse their payload with it, so a malformed job fails
// loudly instead of half-running.
import { z } from 'zod';

export const jobCatalog = {
  'system.heartbeat': z.object({}).passthrough(),
  'system.backup': z.object({}).passthrough(),
  'system.sessions.purge': z.object({}).passthrough(),
  /** ANALYZE / VACUUM of the tables that changed materially (issue 10 item 6, maintenance.jobs.ts). */
  'system.maintenance': z.object({}).passthrough(),
  'sla.sweep': z.object({}).passthrough(),
  'care.sweep': z.object({}).passthrough(),
} as const;

export type JobName = keyof typeof jobCatalog;
