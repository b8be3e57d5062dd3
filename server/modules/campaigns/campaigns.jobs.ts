// Recall notices' sweep (issue 14 §3, R-REG-3): sends every notice not yet sent (exactly once per
// customer: the notice row is claimed by `sent_at is null`) and escalates unacknowledged customers
// past the class deadline to the service managers and quality, once (escalated_at).
import { job, minuteSweep } from '../../jobs/define.ts';
import { noticeSweep } from './campaigns.service.ts';

export const campaignsJobs = {
  'campaigns.notices': job({
    ...minuteSweep,
    cron: '*/10 * * * *',
    run: ({ database }) => noticeSweep(database.db),
  }),
};
