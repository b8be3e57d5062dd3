// The holds module's public face (停用, issue 14 §1, R-REG-1): everything other modules,
// server/http, main.ts and the seed use from it. Import from here, never from a file inside the
// folder; its table comes from server/db/schema.ts (server/boundaries.test.ts).
export { holdsRoutes } from './holds.routes.ts';
export { statusAfterRelease, verificationRefusal } from './holds.rules.ts';
export { placeHold, releaseHold, retireHeld } from './holds.service.ts';
export { type HoldSummary, holdSummary, openHoldOf } from './holds.sql.ts';
