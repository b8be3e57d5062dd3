// The requests module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).

export { lend, loansOfDevice, seedLoaners } from './requests.loans.ts';
export { registerRequest } from './requests.registration.ts';
export { requestsRoutes } from './requests.routes.ts';
export { morningNoticeAt } from './requests.rules.ts';
export { recordResponse } from './requests.service.ts';
