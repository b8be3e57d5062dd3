// Renewals' daily job (issue 13 §3, R-CT-1): the contract and warranty expiry notices, each sent
// once per contract and end date (the notice row's unique index makes a re-run or a second worker
// send nothing more), each creating its renewal opportunity.
import { job, noPayload } from '../../jobs/define.ts';
import { sendExpiryNotices } from './renewals.service.ts';

export const renewalsJobs = {
  'renewals.expiryNotices': job({
    payload: noPayload,
    cron: '20 7 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => sendExpiryNotices(database.db, timeZone, new Date()),
  }),
};
