// Follow-ups' minute jobs (issue 4, R-FU-1, R-FU-2): plan follow-ups for work orders reviewed or
// closed since the last run, plan the standing cadences of devices, and announce follow-ups
// whose window opened. Every step is idempotent (unique indexes, queues filled by triggers), so a
// late, repeated or concurrent run changes nothing. The worker runs each as its own job (issue 11
// item 5); jobs/sweeps.ts runs them in the former after-service sweep's order with the surveys',
// complaints' and channels' concerns, for tests and the demo week.
import { job, minuteSweep } from '../../jobs/define.ts';
import { planClosedWorkOrders, planStandingCadences, remindDue } from './followups.service.ts';

export const followupsJobs = {
  'followups.plan-closed': job({ ...minuteSweep, run: ({ database }) => planClosedWorkOrders(database.db) }),
  'followups.plan-standing': job({ ...minuteSweep, run: ({ database, timeZone }) => planStandingCadences(database.db, timeZone, new Date()) }),
  'followups.remind-due': job({ ...minuteSweep, run: ({ database }) => remindDue(database.db, new Date()) }),
};
