// One status step of a work order (R-WO-1), in the caller's transaction: the state machine's
// check, the timestamp, the event row, the request following its work order, the SLA and device
// effects, and the hospital told. Every command that moves a status goes through applyTransition.
import type { Executor } from '../../db/client.ts';
import { serviceRequests } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { AppError } from '../../lib/errors.ts';
import { lockById, updateAudited } from '../../lib/records.ts';
import { markDownAgain, releaseDownDevice } from '../devices/index.ts';
import { tellHospitalOfStep } from '../notifications/index.ts';
import { cancelClocks, reopenClock, stopClock } from '../sla/index.ts';
import { auditActor, capacities, linksOf, type WorkOrder } from './workorders.access.ts';
import { evidenceMissing } from './workorders.evidence.ts';
import { checkTransition, evidenceStageOf, type TransitionRefusal, type WorkOrderLinks, type WorkOrderStatus } from './workorders.rules.ts';
import { workOrderEvents, workOrders } from './workorders.tables.ts';

/** Timestamp column set when a status is entered. */
const STAMP: Partial<Record<WorkOrderStatus, keyof WorkOrder>> = {
  dispatched: 'dispatchedAt',
  accepted: 'acceptedAt',
  on_the_way: 'onTheWayAt',
  on_site: 'arrivedAt',
  resolved: 'resolvedAt',
  signed_off: 'signedAt',
  reviewed: 'reviewedAt',
  closed: 'closedAt',
  cancelled: 'cancelledAt',
};

/** The request's status follows its work order. */
const REQUEST_STATUS: Partial<Record<WorkOrderStatus, 'dispatched' | 'in_progress' | 'resolved' | 'closed' | 'cancelled'>> = {
  dispatched: 'dispatched',
  accepted: 'in_progress',
  on_the_way: 'in_progress',
  on_site: 'in_progress',
  waiting_parts: 'in_progress',
  taken_back: 'in_progress',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
};

/**
 * R-PM-2 (issue 13 §2): a maintenance step refused for missing evidence — 422 naming each missing
 * item as a translated field (field.evidence_*), with the list of codes beside it for the screen.
 */
export function refuseEvidence(from: WorkOrderStatus, to: WorkOrderStatus, links: WorkOrderLinks): never {
  const stage = evidenceStageOf(from, to) ?? 'visit';
  const missing = evidenceMissing(links.maintenance?.evidence ?? null, stage);
  throw new AppError(
    422,
    'maintenance_evidence_missing',
    { count: missing.length },
    missing.map(({ code, ...params }) => ({ field: 'evidence', code, params })),
    { missing },
  );
}

export function refuse(code: TransitionRefusal, from: WorkOrderStatus, to: WorkOrderStatus): never {
  // installation_not_commissioned: 409 like an illegal step (issue 12, workorders.rules linkRefusal).
  const status = code === 'not_allowed_actor' ? 403 : code === 'reason_required' ? 422 : 409;
  throw new AppError(status, code, { from, to }, code === 'reason_required' ? [{ field: 'reason', code: 'required' }] : undefined);
}

export type RequestPatch = Partial<Pick<typeof serviceRequests.$inferInsert, 'status' | 'ownerId' | 'priorityDispatch'>>;

/** The request follows its work order; the change is versioned and audited like any other. */
async function updateRequest(tx: Executor, user: Principal, requestId: string, patch: (r: typeof serviceRequests.$inferSelect) => RequestPatch) {
  const r = await lockById(tx, serviceRequests, requestId);
  const p = patch(r);
  const changed = Object.entries(p).some(([k, v]) => v !== undefined && r[k as keyof typeof r] !== v);
  if (!changed) return r;
  return updateAudited(tx, auditActor(user), 'service_request', serviceRequests, requestId, r.version, p, r);
}

export async function applyTransition(
  tx: Executor,
  user: Principal,
  wo: WorkOrder,
  to: WorkOrderStatus,
  reason: string | null,
  now: Date,
  patch: Partial<typeof workOrders.$inferInsert> = {},
  data?: Record<string, unknown>,
  requestPatch: (r: typeof serviceRequests.$inferSelect) => RequestPatch = () => ({}),
): Promise<WorkOrder> {
  const links = await linksOf(tx, wo);
  const refusal = checkTransition(wo.status, to, await capacities(tx, user, wo), reason, wo.kind, links);
  if (refusal === 'maintenance_evidence_missing') refuseEvidence(wo.status, to, links);
  if (refusal) refuse(refusal, wo.status, to);
  return writeStep(tx, user, wo, to, reason, now, patch, data, requestPatch);
}

/**
 * The effects of a step already checked (applyTransition) or decided elsewhere in the same
 * transaction (cancelLinkedWorkOrder: the installation it was opened for was cancelled).
 */
async function writeStep(
  tx: Executor,
  user: Principal,
  wo: WorkOrder,
  to: WorkOrderStatus,
  reason: string | null,
  now: Date,
  patch: Partial<typeof workOrders.$inferInsert> = {},
  data?: Record<string, unknown>,
  requestPatch: (r: typeof serviceRequests.$inferSelect) => RequestPatch = () => ({}),
): Promise<WorkOrder> {
  const stamp = STAMP[to];
  const next = await updateAudited(
    tx,
    auditActor(user),
    'work_order',
    workOrders,
    wo.id,
    wo.version,
    { ...patch, status: to, ...(stamp ? { [stamp]: now } : {}) },
    wo,
  );
  await tx
    .insert(workOrderEvents)
    .values({ workOrderId: wo.id, fromStatus: wo.status, toStatus: to, at: now, actorId: user.id, actorName: user.displayName, reason, data: data ?? null });
  const reqStatus = REQUEST_STATUS[to];
  await updateRequest(tx, user, wo.requestId, (r) => ({ ...(reqStatus ? { status: reqStatus } : {}), ...requestPatch(r) }));
  // SLA effects (R-SLA-2): arrival meets the respond and arrive clocks; resolution meets restore.
  if (to === 'on_site') {
    await stopClock(tx, wo.requestId, 'respond', now);
    await stopClock(tx, wo.requestId, 'arrive', now);
    // Not fixed after all: restoration is owed again, against the original target.
    if (wo.status === 'resolved') {
      await reopenClock(tx, wo.requestId, 'restore', now);
      await markDownAgain(tx, auditActor(user), wo.requestId);
    }
  }
  if (to === 'resolved' && wo.status !== 'signed_off') {
    await stopClock(tx, wo.requestId, 'respond', now);
    await stopClock(tx, wo.requestId, 'restore', now);
    await stopClock(tx, wo.requestId, 'loaner', now);
    await cancelClocks(tx, wo.requestId, now); // e.g. solved by phone: no arrival is owed any more
    // Restored: the unit this request reported down is back in service (issue 10 item 3).
    await releaseDownDevice(tx, auditActor(user), wo.requestId);
  }
  if (to === 'cancelled') {
    await cancelClocks(tx, wo.requestId, now);
    // A withdrawn or duplicate report no longer keeps its unit down (issue 10 item 3).
    await releaseDownDevice(tx, auditActor(user), wo.requestId);
  }
  // R-CN-1: the hospital hears of the step in the same transaction (issue 10 item 8).
  await tellHospitalOfStep(tx, next, wo.status, to, now);
  return next;
}

/**
 * Issue 12 item 2: the installation this job was opened for was cancelled — its work order is
 * cancelled in the same transaction with the same reason, from whatever open step it is in (the
 * installation decision overrides the office's step graph), unless already closed or cancelled.
 * Exported through index.ts for the installations module; audited, with its event row, clocks
 * cancelled and the hospital told like any cancel.
 */
export async function cancelLinkedWorkOrder(tx: Executor, user: Principal, workOrderId: string, reason: string, now: Date): Promise<WorkOrder | null> {
  const wo = await lockById(tx, workOrders, workOrderId);
  if (wo.status === 'closed' || wo.status === 'cancelled') return null;
  return writeStep(tx, user, wo, 'cancelled', reason, now, {}, { cascade: 'installation_cancelled' });
}

/**
 * The installation notice's planned date moved (installations.updateNotice): its open job follows,
 * in the caller's transaction, audited. A closed or cancelled job keeps the date it was done on.
 */
export async function replanLinkedWorkOrder(tx: Executor, user: Principal, workOrderId: string, plannedDate: string): Promise<WorkOrder | null> {
  const wo = await lockById(tx, workOrders, workOrderId);
  if (wo.status === 'closed' || wo.status === 'cancelled' || wo.plannedDate === plannedDate) return null;
  return updateAudited(tx, auditActor(user), 'work_order', workOrders, wo.id, wo.version, { plannedDate }, wo);
}
