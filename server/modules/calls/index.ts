// The calls module's public face (issue 12 item 4, R-CL-1): the call log, missed calls, hotline
// hours, the on-call roster and consultations (技术咨询). Import from here, never from a file
// inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { convertCall } from './calls.convert.ts';
export { callsJobs } from './calls.jobs.ts';
export { callsRoutes } from './calls.routes.ts';
export { callbackDeadline, hotlineCalendar } from './calls.rules.ts';
export { importMissed, logCall, recordMissed, setDuty } from './calls.service.ts';
export { createConsultation, stepConsultation } from './consultations.service.ts';
