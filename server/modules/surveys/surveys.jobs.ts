// Surveys' minute job (R-SV-1): every work order reviewed or closed gets its satisfaction survey
// (one per work order, unique index; usually opened already at sign-off).
import { job, minuteSweep } from '../../jobs/define.ts';
import { ensureSurveys } from './surveys.service.ts';

export const surveysJobs = {
  'surveys.open': job({ ...minuteSweep, run: ({ database }) => ensureSurveys(database.db, new Date()) }),
};
