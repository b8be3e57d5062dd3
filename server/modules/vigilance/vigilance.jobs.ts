// Adverse-event jobs (issue 14 §2, R-REG-2): the reporting-clock warnings every five minutes and
// the cluster watch every hour. Each is idempotent — a warning level and an open cluster flag are
// unique rows, so a late, repeated or concurrent run sends nothing twice. (An event's overdue
// supplier notices are chased by returns.overdueNotices, the one job for every subject; 0073.)
import { job, noPayload } from '../../jobs/define.ts';
import { sendClockWarnings, watchClusters } from './vigilance.watch.ts';

export const vigilanceJobs = {
  'vigilance.clockWarnings': job({
    payload: noPayload,
    cron: '*/5 * * * *',
    retryLimit: 0,
    expireInSeconds: 600,
    run: ({ database }) => sendClockWarnings(database.db, new Date()),
  }),
  'vigilance.clusterWatch': job({
    payload: noPayload,
    cron: '17 * * * *',
    retryLimit: 1,
    expireInSeconds: 600,
    run: ({ database }) => watchClusters(database.db, new Date()),
  }),
};
