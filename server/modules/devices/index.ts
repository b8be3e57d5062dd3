// The devices module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).

export { createDeviceBody } from './devices.dto.ts';
export { devicesRoutes } from './devices.routes.ts';
export { createDeviceIn, updateDeviceIn } from './devices.service.ts';
export { markDownAgain, releaseDownDevice } from './devices.status.ts';
