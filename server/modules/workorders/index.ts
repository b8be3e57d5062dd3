// The workorders module's public face (issue 11 item 5): everything other modules, server/http, main.ts
// and the seed use from it — use cases, routes, jobs, pure rules. Import from here, never from a
// file inside the folder; its tables come from server/db/schema.ts (server/boundaries.test.ts).

export { type CreateOfKindInput, createWorkOrderOfKind } from './commands/create.ts';
export { dispatch } from './commands/dispatch.ts';
export { review } from './commands/review.ts';
export { sign } from './commands/sign.ts';
export { transition } from './commands/transition.ts';
export { updateContent } from './commands/update-content.ts';
export { abilitiesOf } from './workorders.abilities.ts';
export { assertEditable, capacities, loadFor, MAINTENANCE_PHOTO_PART, visitEvidenceOf, type WorkOrder } from './workorders.access.ts';
export { type EvidenceItem, evidenceMissing, photosInWindow, type VisitEvidence } from './workorders.evidence.ts';
export { type Category, computeFee, EXCLUSION_CHARGES, exclusionOf, type Fee, formatCents, type RegionClass, toUnits } from './workorders.fee.rules.ts';
export { feeOf, feeWithPayments, priceListAt } from './workorders.fees.ts';
export { flagSameDayMisses, workOrdersJobs } from './workorders.jobs.ts';
export { categoryForKind, REPORT_VARIANTS, WORK_ORDER_KINDS, type WorkOrderKind } from './workorders.kinds.ts';
export { partLineCoverage } from './workorders.partcoverage.ts';
export { workOrderPdfRoutes } from './workorders.pdf.routes.ts';
export { workOrdersPolicy } from './workorders.policy.ts';
export { workOrdersRoutes } from './workorders.routes.ts';
export { actorsFor, FROZEN, linkRefusal, WORK_ORDER_STATUSES, type WorkOrderStatus } from './workorders.rules.ts';
export { cancelLinkedWorkOrder, replanLinkedWorkOrder } from './workorders.step.ts';
