// The workorders module's public face (issue 11 item 5): the use cases, routes and jobs that other
// modules, server/http, main.ts and the seed call. Import those from here, never from a file
// inside the folder. Leaf files (<m>.tables/.dto/.rules/.labels/.policy/.messages.ts: data and
// pure functions with no module code behind them) are imported directly, so that a cycle through
// index files can never leave a schema or table undefined at load (server/boundaries.test.ts).

export { flagSameDayMisses, workOrdersJobs } from './workorders.jobs.ts';
export { workOrderPdfRoutes } from './workorders.pdf.routes.ts';
export { workOrdersRoutes } from './workorders.routes.ts';
export { abilitiesOf, capacities, dispatch, loadFor, review, sign, transition, updateContent, type WorkOrder } from './workorders.service.ts';
