// The quality module's public face (质量跟踪, issue 14 §5, R-REG-6): everything other modules,
// server/http, the job catalogue and the seed use from it. Import from here, never from a file
// inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).
export { qualityJobs } from './quality.jobs.ts';
export { qualityRoutes } from './quality.routes.ts';
export { trackingReasons } from './quality.rules.ts';
export { changeFlags, checkRateJumps, generateTrackingLines, trackingLines, trends } from './quality.service.ts';
