// Complaints' minute job: announce complaint deadlines reached (once each).
import { job, minuteSweep } from '../../jobs/define.ts';
import { remindDeadlines } from './complaints.service.ts';

export const complaintsJobs = {
  'complaints.deadlines': job({ ...minuteSweep, run: ({ database, timeZone }) => remindDeadlines(database.db, new Date(), timeZone) }),
};
