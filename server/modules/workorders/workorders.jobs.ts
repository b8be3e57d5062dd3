// Work orders' minute job (R-WO-6): a job taken today and not solved by the close of business
// owes a reason and a promised date (workorders.sameday.ts; idempotent).
import { job, minuteSweep } from '../../jobs/define.ts';
import { flagSameDayMisses } from './workorders.sameday.ts';

export { flagSameDayMisses };

export const workOrdersJobs = {
  'workorders.same-day-misses': job({ ...minuteSweep, run: ({ database }) => flagSameDayMisses(database.db, new Date()) }),
};
