// The traceability module's public face (追溯, issue 14 §5, R-REG-5): everything other modules,
// server/http and the bench use from it. Import from here, never from a file inside the folder.

export { traceabilityRoutes } from './traceability.routes.ts';
export { placementsFrom } from './traceability.rules.ts';
export { DOSSIER_SECTIONS, type DossierEntry, type DossierScope, type DossierSection } from './traceability.sections.ts';
export { dossierOf, unitsOfModel, unitsWithPart } from './traceability.service.ts';
