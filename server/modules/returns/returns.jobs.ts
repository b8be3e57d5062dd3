// Returns' daily job (经营办法§38, issue 14 §5): a supplier/manufacturer notice — about a return, a
// complaint or an adverse event (one table, migration 0073) — unanswered after its reply-due day is
// chased: quality and the sender told once (overdue_notified_at is the claim, so a late, repeated or
// concurrent run sends nothing twice).
import { job, noPayload } from '../../jobs/define.ts';
import { chaseOverdueNotices } from './returns.notices.ts';

export const returnsJobs = {
  'returns.overdueNotices': job({
    payload: noPayload,
    cron: '20 8 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => chaseOverdueNotices(database.db, timeZone, new Date()),
  }),
};
