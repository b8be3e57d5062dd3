// The appraisal module's public face (月度考核, R-AP-1, issue 15 §3). Import from here, never from
// a file inside the folder; its tables come from server/db/schema.ts.
export { appraisalsRoutes } from './appraisals.routes.ts';
export { acknowledgeAppraisal, addAppraisalItem, assessAppraisal, generateMonth, listAppraisals } from './appraisals.service.ts';
