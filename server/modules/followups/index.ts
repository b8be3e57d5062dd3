// The followups module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { followupsJobs } from './followups.jobs.ts';
export { followupsRoutes } from './followups.routes.ts';
export { answer, careDone, createPlan, planClosedWorkOrders, planStandingCadences, recordExtraVisit, remindDue } from './followups.service.ts';
