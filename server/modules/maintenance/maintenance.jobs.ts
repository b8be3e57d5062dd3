// Maintenance plans' daily jobs (issue 13 §1, R-PM-1; seed 002 事先告知客户): the advance notice to
// the hospital, the work order of each due visit, and the overdue flag to the service manager. Each
// claims its rows with a conditional update or a row lock, so a repeated or concurrent run sends or
// opens nothing more.
import { job, noPayload } from '../../jobs/define.ts';
import { flagOverdueVisits, openDueWorkOrders, sendAdvanceNotices } from './maintenance.plans.service.ts';

export const maintenancePlanJobs = {
  'maintenance.advanceNotices': job({
    payload: noPayload,
    cron: '0 8 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => sendAdvanceNotices(database.db, timeZone, new Date()),
  }),
  'maintenance.openWorkOrders': job({
    payload: noPayload,
    cron: '15 7 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => openDueWorkOrders(database.db, timeZone, new Date()),
  }),
  'maintenance.flagOverdue': job({
    payload: noPayload,
    cron: '30 7 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => flagOverdueVisits(database.db, timeZone, new Date()),
  }),
};
