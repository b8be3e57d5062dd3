// The installations module's public face (issue 12 item 2): everything other modules, server/http,
// main.ts and the seed use from it. Import from here, never from a file inside the folder; its
// tables come from server/db/schema.ts (server/boundaries.test.ts).

export { accessoryCoverageForPart } from './installations.coverage.ts';
export { installationsRoutes } from './installations.routes.ts';
export { accessoryCovered } from './installations.rules.ts';
export {
  addAccessoryTerm,
  commission,
  createNotice,
  recordSiteCheck,
  signAcceptance,
  startInstallation,
} from './installations.service.ts';
