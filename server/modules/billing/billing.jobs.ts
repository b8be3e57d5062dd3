// Billing jobs (issue 15 §4, R-FE-1): the overdue reminders once a day at 08:10 company time,
// idempotent per invoice and ageing bucket (billing.reminders.ts).
import { job, noPayload } from '../../jobs/define.ts';
import { sendReminders } from './billing.reminders.ts';

export const billingJobs = {
  'billing.reminders': job({
    payload: noPayload,
    cron: '10 8 * * *',
    retryLimit: 1,
    expireInSeconds: 900,
    run: ({ database, timeZone }) => sendReminders(database.db, new Date(), timeZone),
  }),
};
