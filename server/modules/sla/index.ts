// The sla module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).

export { calendarAt, forgetSlaCache, type PolicyRow, policyById } from './sla.cache.ts';
export { fireDueClocks, raiseLoanerTasks, slaJobs } from './sla.jobs.ts';
export { slaRoutes } from './sla.routes.ts';
export type { Basis, RegionClass } from './sla.rules.ts';
export { INSTALLATION_WORKING_DAYS, installationDue } from './sla.rules.ts';
export {
  type Clock,
  cancelClocks,
  clocksOf,
  ensureSlaDefaults,
  insertClock,
  loadCalendar,
  pauseClocks,
  policyInForce,
  reopenClock,
  resumeClocks,
  startClocks,
  stopClock,
} from './sla.service.ts';
