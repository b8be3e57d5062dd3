// The maintenance module's public face (issue 13): everything other modules, server/http, main.ts
// and the seed use from it. Import from here, never from a file inside the folder; its tables come
// from server/db/schema.ts (server/boundaries.test.ts).
export { maintenancePlanJobs } from './maintenance.jobs.ts';
export { maintenancePlansRoutes } from './maintenance.plans.routes.ts';
export { flagOverdueVisits, generatePlan, moveVisit, openDueWorkOrders, respondToVisit, sendAdvanceNotices } from './maintenance.plans.service.ts';
export { addFinding, markPresence, openRecord, recordReading, setTask } from './maintenance.records.service.ts';
export { maintenanceReportRoutes } from './maintenance.report.routes.ts';
export { loadMonthlyReport, monthlySummary } from './maintenance.report.service.ts';
export { maintenanceRoutes } from './maintenance.routes.ts';
export { readingStatus, templateFor } from './maintenance.rules.ts';
export { createTemplate, templateForModel } from './maintenance.service.ts';
