// Escalation jobs (issue 15 §2, R-ESC-1): the time-based ladder every minute. Idempotent — each
// step is a unique (work order, step) row, so a late, repeated or concurrent run fires it once.
import { job, minuteSweep } from '../../jobs/define.ts';
import { autoEscalate } from './escalations.service.ts';

export const escalationsJobs = {
  'escalations.auto': job({
    ...minuteSweep,
    run: ({ database }) => autoEscalate(database.db, new Date()),
  }),
};
