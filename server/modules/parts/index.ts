// The parts module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).

export { partsRoutes } from './parts.routes.ts';
export { seedParts } from './parts.seed.ts';
export { issueToWorkOrder, quarantineReturnedPart, scrapQuarantinedPart } from './parts.service.ts';
