// The service handbook's public face (售后服务手册, issue 15 §5, R-KB-1; model documents 办法§17):
// everything other modules, server/http, main.ts and the seed use from it. Import from here, never
// from a file inside the folder; its tables come from server/db/schema.ts.
export { createModelDocument } from './handbook.documents.ts';
export { handbookJobs } from './handbook.jobs.ts';
export { handbookRoutes } from './handbook.routes.ts';
export { searchGrams } from './handbook.rules.ts';
export {
  createEntry,
  draftFromWorkOrder,
  publishEntry,
  saveFaultCode,
  sendMonthlyDigest,
  submitEntry,
  suggestEntries,
  updateEntry,
} from './handbook.service.ts';
