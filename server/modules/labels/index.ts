// The labels module's public face (QR labels on devices, 扫码报修, issue 16 §2): everything other
// modules, server/http, main.ts and the seed use from it. Import from here, never from a file
// inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { labelsRoutes } from './labels.routes.ts';
export { ensureLabels, holdReport } from './labels.service.ts';
