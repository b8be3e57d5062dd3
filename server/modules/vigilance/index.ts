// The vigilance module's public face (不良事件, issue 14 §2, R-REG-2): everything other modules,
// server/http, main.ts and the seed use from it. Import from here, never from a file inside the
// folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { REPORT_FORM_FIELDS } from './vigilance.form.ts';
export { vigilanceJobs } from './vigilance.jobs.ts';
export { vigilanceRoutes } from './vigilance.routes.ts';
export { clockOf, dueWarnings, faultKey, findClusters, reportingDeadline } from './vigilance.rules.ts';
export {
  addFollowUp,
  adverseEventsForDevice,
  closeAdverseEvent,
  createAdverseEvent,
  decideReportability,
  openAdverseEventForComplaint,
  submitReport,
  updateAdverseEvent,
} from './vigilance.service.ts';
export { sendClockWarnings, watchClusters } from './vigilance.watch.ts';
