// Instruments' daily job (issue 13 §5): calibration reminders, due soon and overdue, each once per
// due cycle (the claim column makes a repeated or concurrent run send nothing more).
import { job, noPayload } from '../../jobs/define.ts';
import { sendCalibrationReminders } from './instruments.service.ts';

export const instrumentsJobs = {
  'instruments.calibrationReminders': job({
    payload: noPayload,
    cron: '10 7 * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    run: ({ database, timeZone }) => sendCalibrationReminders(database.db, timeZone, new Date()),
  }),
};
