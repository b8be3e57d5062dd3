// Calls' minute job: missed calls past their call-back deadline tell customer service once (R-CL-1).
import { job, minuteSweep } from '../../jobs/define.ts';
import { flagOverdueMissed } from './calls.service.ts';

export const callsJobs = {
  'calls.missedOverdue': job({ ...minuteSweep, run: ({ database, timeZone }) => flagOverdueMissed(database.db, timeZone, new Date()) }),
};
