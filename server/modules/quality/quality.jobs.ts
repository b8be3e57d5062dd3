// Quality tracking's daily jobs (issue 14 §5, R-REG-6): the tracking-visit lines of the current
// period for every unit of a tracked model (unique per unit and period: a re-run adds nothing),
// and the rate-jump check (one alert row per model and month: quality is told exactly once).
import { job, noPayload } from '../../jobs/define.ts';
import { checkRateJumps, generateTrackingLines } from './quality.service.ts';

export const qualityJobs = {
  'quality.trackingLines': job({
    payload: noPayload,
    cron: '35 6 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => generateTrackingLines(database.db, timeZone, new Date()),
  }),
  'quality.rateJumps': job({
    payload: noPayload,
    cron: '40 7 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => checkRateJumps(database.db, timeZone, new Date()),
  }),
};
