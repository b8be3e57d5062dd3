// Quotes' daily job (issue 15 §4): sent quotes past their validity date expire. The status
// condition (sent → expired only) and the skipped locks make a re-run or a second worker change nothing.
import { job, noPayload } from '../../jobs/define.ts';
import { expireQuotes } from './quotes.service.ts';

export const quotesJobs = {
  'quotes.expire': job({
    payload: noPayload,
    cron: '5 0 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => expireQuotes(database.db, timeZone, new Date()),
  }),
};
