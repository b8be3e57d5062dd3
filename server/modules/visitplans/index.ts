// The visitplans module's public face (issue 13 §4): quarterly visit plans kept and key accounts.
// Import from here, never from a file inside the folder; its tables come from server/db/schema.ts
// (server/boundaries.test.ts).
export { visitPlansJobs } from './visitplans.jobs.ts';
export { visitPlansRoutes } from './visitplans.routes.ts';
export { quarterMonths, quarterOf, quarterPlan } from './visitplans.rules.ts';
export { generatePlan, generateQuarter, notifyMissed, setKeyAccount } from './visitplans.service.ts';
