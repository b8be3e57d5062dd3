// The training module's public face (issue 12 item 3): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { trainingRoutes } from './training.routes.ts';
export { dayIn, isQualified, type QualificationState, qualificationState } from './training.rules.ts';
export {
  addAttendee,
  createPlan,
  createRecord,
  createSession,
  createSessionIn,
  grantQualification,
  qualificationStates,
  vetLeadQualification,
  vetTeamQualification,
} from './training.service.ts';
