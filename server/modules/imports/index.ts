// The imports module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { importsRoutes } from './imports.routes.ts';
export type { SheetRow } from './imports.rules.ts';
// The upload reader (sniff, xlsx/csv rows, translated 400/415 for a bad file): campaigns read a
// list of serials from an uploaded sheet with it (R-REG-3).
export { IMPORT_MAX_ROWS } from './imports.rules.ts';
export { readUpload } from './imports.service.ts';
