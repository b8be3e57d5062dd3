// The escalations module's public face (技术支持升级, issue 15 §2, R-ESC-1): everything other modules,
// server/http, main.ts and the seed use from it. Import from here, never from a file inside the
// folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { escalationsJobs } from './escalations.jobs.ts';
export { escalationsRoutes } from './escalations.routes.ts';
export { dueLadderSteps, ladderOrderRefusal } from './escalations.rules.ts';
export {
  addProgressNote,
  answerEscalation,
  autoEscalate,
  closeEscalation,
  escalate,
  recordDegraded,
  recordGuidance,
  setExpert,
  updateLadderSettings,
} from './escalations.service.ts';
