// The renewals module's public face (issue 13 §3, R-CT-1): contract and warranty expiry notices
// and the renewal pipeline. Import from here, never from a file inside the folder; its tables come
// from server/db/schema.ts (server/boundaries.test.ts).
export { renewalsJobs } from './renewals.jobs.ts';
export { renewalsRoutes } from './renewals.routes.ts';
export { noticeDue, noticeKindOf, renewalRate, renewedPeriod } from './renewals.rules.ts';
export { assignOwner, getSettings, moveStage, saveSettings, sendExpiryNotices } from './renewals.service.ts';
