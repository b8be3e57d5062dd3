// The instruments module's public face (issue 13 §5): service tools and measuring instruments
// with calibration. Import from here, never from a file inside the folder; its tables come from
// server/db/schema.ts (server/boundaries.test.ts). Inspection readings call assertInstrumentUsable.
export { instrumentsJobs } from './instruments.jobs.ts';
export { instrumentsRoutes } from './instruments.routes.ts';
export { addMonths, DUE_SOON_DAYS, dueState, nextDue, usable } from './instruments.rules.ts';
export { assertInstrumentUsable, createInstrument, handOver, recordCalibration, retireInstrument, sendCalibrationReminders } from './instruments.service.ts';
