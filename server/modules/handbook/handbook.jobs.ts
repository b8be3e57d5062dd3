// Service handbook jobs (issue 15 §5; seed 002 每月底…更新后的售后服务手册): every evening the digest
// job checks whether it is the month's last day (company time) and then tells the engineers once
// what was published or revised — the digest row per month is the once-only key.
import { job, noPayload } from '../../jobs/define.ts';
import { sendMonthlyDigest } from './handbook.service.ts';

export const handbookJobs = {
  'handbook.monthly-digest': job({
    payload: noPayload,
    cron: '0 18 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: async ({ database, timeZone }) => {
      await sendMonthlyDigest(database.db, new Date(), timeZone);
    },
  }),
};
