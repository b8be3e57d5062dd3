// The system module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { nextNumber, numberFromSequence } from './counters.ts';
export { analyzeTables, maintainTables, maintenanceJobs } from './maintenance.jobs.ts';
export { systemJobs } from './system.jobs.ts';
export { systemRoutes } from './system.routes.ts';
