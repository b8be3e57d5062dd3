// The campaigns module's public face (召回 / 现场安全通知 / 技术升级, issue 14 §3, R-REG-3, R-UP-1):
// everything other modules, server/http, the jobs catalogue and the seed use from it. Import from
// here, never from a file inside the folder; its tables come from server/db/schema.ts.
export { campaignsJobs } from './campaigns.jobs.ts';
export { campaignsRoutes } from './campaigns.routes.ts';
export { closeRefusal, DEFAULT_DEADLINE_DAYS, inSerialRange, serialRange } from './campaigns.rules.ts';
export {
  acknowledge,
  campaignsForDevice,
  closeCampaign,
  createCampaign,
  freeze,
  noticeSweep,
  openUnitWorkOrder,
  preview,
  recordConsent,
  resolveUnit,
  startNotifying,
} from './campaigns.service.ts';
