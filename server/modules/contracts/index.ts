// The contracts module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).

export { contractsRoutes } from './contracts.routes.ts';
export { type CoverageContract, coverageAt, defaultWarrantyEnd, localDate } from './contracts.rules.ts';
export { createContract, insertContract } from './contracts.service.ts';
