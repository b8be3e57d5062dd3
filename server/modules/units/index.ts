// The units module's public face (issue 15 §1, R-ORG-1: branches, service centres, teams; branch
// daily reports, seed 002 §12): everything other modules, server/http, main.ts and the seed use
// from it. Import from here, never from a file inside the folder; its tables come from
// server/db/schema.ts.
export { prepareBranchReport, receiveBranchReport, signBranchReport } from './units.reports.ts';
export { unitsRoutes } from './units.routes.ts';
export type { UnitEvent } from './units.rules.ts';
export { customerInUnit, unitSubtree } from './units.scope.ts';
export { recipientsForUnit, unitsManagedBy } from './units.service.ts';
