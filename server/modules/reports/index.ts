// The reports module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { supervisorDailyDto } from './reports.dto.ts';
export { reportsRoutes } from './reports.routes.ts';
export { formatMinutes } from './reports.rules.ts';
export { supervisorDaily } from './reports.service.ts';
