// The KPI rollup job (R-RP-1, issue 15 §3): every hour it rebuilds the facts and daily sums of
// the last `days` days (100 by default: a repair's 90-day repeat window still moves its fact).
// Idempotent and serialised by an advisory lock, so two workers or a late run change nothing more.
import { z } from 'zod';
import { job } from '../../jobs/define.ts';
import { rollupRecent } from './kpis.rollup.ts';

export const kpisJobs = {
  'kpis.rollup': job({
    payload: z.strictObject({ days: z.number().int().min(1).max(3660).default(100) }),
    cron: '7 * * * *',
    retryLimit: 1,
    expireInSeconds: 1800,
    run: ({ database, timeZone }, { days }) => rollupRecent(database.db, timeZone, days),
  }),
};
