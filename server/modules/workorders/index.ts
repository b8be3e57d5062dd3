// The workorders module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).

export { flagSameDayMisses, workOrdersJobs } from './workorders.jobs.ts';
export { workOrderPdfRoutes } from './workorders.pdf.routes.ts';
export { workOrdersRoutes } from './workorders.routes.ts';
export { FROZEN, type WorkOrderStatus } from './workorders.rules.ts';
export { capacities, dispatch, loadFor, review, sign, transition, updateContent, type WorkOrder } from './workorders.service.ts';
