// Visit plans' daily job (issue 13 §4): a planned visit whose month is over without its follow-up is
// told to the service managers once (the claim column makes a repeated or concurrent run send nothing).
import { job, noPayload } from '../../jobs/define.ts';
import { notifyMissed } from './visitplans.service.ts';

export const visitPlansJobs = {
  'visitplans.notifyMissed': job({
    payload: noPayload,
    cron: '20 7 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => notifyMissed(database.db, timeZone, new Date()),
  }),
};
