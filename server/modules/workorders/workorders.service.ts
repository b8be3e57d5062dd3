// Work orders through their lifecycle (R-WO-1..5): dispatch and reassignment, status steps
// with their timestamps and SLA effects, the on-site record, parts lines, the customer's
// signature that freezes the content, and the review that archives it.
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { type Actor as AuditActor, canonicalJson, recordAudit } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import { insertAudited, updateAudited } from '../../lib/records.ts';
import { customers } from '../customers/customers.tables.ts';
import { deviceModels, devices } from '../devices/devices.tables.ts';
import { notify } from '../notifications/notifications.service.ts';
import { serviceRequests } from '../requests/requests.tables.ts';
import { cancelClocks, stopClock } from '../sla/sla.service.ts';
import { users } from '../users/users.tables.ts';
import type { addPartBody, contentBody, signBody } from './workorders.dto.ts';
import { actorsFor, checkTransition, FROZEN, missingForReview, nextSteps, type WorkOrderStatus } from './workorders.rules.ts';
import { workOrderEvents, workOrderHelpers, workOrderParts, workOrderReviews, workOrderSignatures, workOrders } from './workorders.tables.ts';

type WorkOrder = typeof workOrders.$inferSelect;
const auditActor = (u: Principal): AuditActor => ({ id: u.id, name: u.displayName });

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

async function helpersOf(ex: Executor, id: string) {
  return (await ex.select({ userId: workOrderHelpers.userId }).from(workOrderHelpers).where(eq(workOrderHelpers.workOrderId, id))).map((h) => h.userId);
}

async function capacities(ex: Executor, user: Principal, wo: WorkOrder) {
  const helpers = await helpersOf(ex, wo.id);
  const assignment = wo.leadEngineerId === user.id ? 'lead' : helpers.includes(user.id) ? 'helper' : null;
  return actorsFor(user.roles, assignment, customerScope(user) === wo.customerId);
}

async function loadFor(ex: Executor, user: Principal, id: string, lock = false): Promise<WorkOrder> {
  const q = ex.select().from(workOrders).where(eq(workOrders.id, id));
  const [wo] = lock ? await q.for('update') : await q;
  const scope = customerScope(user);
  if (!wo || (scope !== null && wo.customerId !== scope)) throw notFound();
  return wo;
}

function assertVersion(wo: WorkOrder, version: number) {
  if (wo.version !== version) throw new AppError(409, 'version_conflict', { current: wo.version }, undefined, { currentVersion: wo.version });
}

function refuse(code: string, from: WorkOrderStatus, to: WorkOrderStatus): never {
  const status = code === 'not_allowed_actor' ? 403 : code === 'reason_required' ? 422 : 409;
  throw new AppError(status, code, { from, to }, code === 'reason_required' ? [{ field: 'reason', code: 'required' }] : undefined);
}

async function applyTransition(
  tx: Executor,
  user: Principal,
  wo: WorkOrder,
  to: WorkOrderStatus,
  reason: string | null,
  now: Date,
  patch: Partial<typeof workOrders.$inferInsert> = {},
  data?: Record<string, unknown>,
): Promise<WorkOrder> {
  const refusal = checkTransition(wo.status, to, await capacities(tx, user, wo), reason);
  if (refusal) refuse(refusal, wo.status, to);
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
  if (reqStatus) await tx.update(serviceRequests).set({ status: reqStatus, updatedAt: now }).where(eq(serviceRequests.id, wo.requestId));
  // SLA effects (R-SLA-2): arrival meets the respond and arrive clocks; resolution meets restore.
  if (to === 'on_site') {
    await stopClock(tx, wo.requestId, 'respond', now);
    await stopClock(tx, wo.requestId, 'arrive', now);
  }
  if (to === 'resolved' && wo.status !== 'signed_off') {
    await stopClock(tx, wo.requestId, 'respond', now);
    await stopClock(tx, wo.requestId, 'restore', now);
    await stopClock(tx, wo.requestId, 'loaner', now);
    await cancelClocks(tx, wo.requestId, now); // e.g. solved by phone: no arrival is owed any more
  }
  if (to === 'cancelled') await cancelClocks(tx, wo.requestId, now);
  return next;
}

export async function dispatch(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; leadEngineerId: string; helperIds: string[]; reason?: string | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    const team = [input.leadEngineerId, ...input.helperIds];
    if (new Set(team).size !== team.length) throw new AppError(422, 'validation_failed', {}, [{ field: 'helperIds', code: 'invalid' }]);
    const found = await tx.select({ id: users.id, roles: users.roles, active: users.active }).from(users).where(inArray(users.id, team));
    const ok = (uid: string) =>
      found.some((u) => u.id === uid && u.active && u.roles.some((r) => r === 'engineer' || r === 'technician' || r === 'technical_expert'));
    if (!ok(input.leadEngineerId)) throw new AppError(422, 'not_an_engineer', {}, [{ field: 'leadEngineerId', code: 'invalid' }]);
    if (!input.helperIds.every(ok)) throw new AppError(422, 'not_an_engineer', {}, [{ field: 'helperIds', code: 'invalid' }]);
    const reassign = wo.status !== 'new';
    const next = await applyTransition(
      tx,
      user,
      wo,
      'dispatched',
      input.reason ?? null,
      now,
      { leadEngineerId: input.leadEngineerId },
      { lead: input.leadEngineerId, helpers: input.helperIds, reassign },
    );
    await tx.delete(workOrderHelpers).where(eq(workOrderHelpers.workOrderId, id));
    if (input.helperIds.length) await tx.insert(workOrderHelpers).values(input.helperIds.map((userId) => ({ workOrderId: id, userId })));
    // R-REQ-2: a portal report gets its owner when customer service first dispatches it.
    await tx.execute(sql`update service_requests set owner_id = coalesce(owner_id, ${user.id}), priority_dispatch = false where id = ${wo.requestId}`);
    await notify(tx, team, 'work_order_assigned', { number: wo.number }, { entity: 'work_order', id });
    return next;
  });
}

export async function transition(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; to: WorkOrderStatus; reason?: string | null },
  now = new Date(),
) {
  if (input.to === 'dispatched' || input.to === 'signed_off' || input.to === 'reviewed') {
    // These steps carry data of their own: dispatch, sign, review.
    throw new AppError(422, 'use_dedicated_action', { to: input.to }, [{ field: 'to', code: 'invalid' }]);
  }
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    return applyTransition(tx, user, wo, input.to, input.reason ?? null, now);
  });
}

async function assertEditable(tx: Executor, user: Principal, wo: WorkOrder) {
  if (FROZEN.has(wo.status)) throw new AppError(409, 'work_order_frozen', { status: wo.status });
  if (wo.status === 'cancelled') throw new AppError(409, 'work_order_frozen', { status: wo.status });
  const caps = await capacities(tx, user, wo);
  if (!caps.some((c) => c === 'lead' || c === 'helper' || c === 'manager' || c === 'dispatch')) throw new AppError(403, 'forbidden');
}

/** The on-site record (R-WO-2). Refused once signed: a correction goes through send-back and a new version. */
export async function updateContent(db: Db, user: Principal, id: string, input: z.infer<typeof contentBody>) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    await assertEditable(tx, user, wo);
    const { version, ...patch } = input;
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return updateAudited(tx, auditActor(user), 'work_order', workOrders, id, version, clean, wo);
  });
}

export async function addPart(db: Db, user: Principal, id: string, input: z.infer<typeof addPartBody>) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    await assertEditable(tx, user, wo);
    const row = await insertAudited(tx, auditActor(user), 'work_order_part', workOrderParts, { workOrderId: id, ...input });
    await tx
      .update(workOrders)
      .set({ version: wo.version + 1, updatedAt: new Date() })
      .where(eq(workOrders.id, id));
    return row;
  });
}

export async function removePart(db: Db, user: Principal, id: string, partId: string) {
  await db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    await assertEditable(tx, user, wo);
    const [part] = await tx
      .select()
      .from(workOrderParts)
      .where(and(eq(workOrderParts.id, partId), eq(workOrderParts.workOrderId, id)));
    if (!part) throw notFound();
    await tx.delete(workOrderParts).where(eq(workOrderParts.id, partId));
    await recordAudit(tx, { actor: auditActor(user), entity: 'work_order_part', entityId: partId, action: 'delete', before: part });
    await tx
      .update(workOrders)
      .set({ version: wo.version + 1, updatedAt: new Date() })
      .where(eq(workOrders.id, id));
  });
}

/** The content a customer signs and a reviewer approves: exactly what the report shows. */
async function snapshotOf(ex: Executor, wo: WorkOrder) {
  const [ctx] = await ex
    .select({ serial: devices.serialNumber, udi: devices.udi, model: deviceModels.name, customer: customers.name, request: serviceRequests })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .innerJoin(serviceRequests, eq(serviceRequests.id, wo.requestId))
    .where(eq(devices.id, wo.deviceId));
  const parts = await ex
    .select()
    .from(workOrderParts)
    .where(eq(workOrderParts.workOrderId, wo.id))
    .orderBy(asc(workOrderParts.createdAt), asc(workOrderParts.id));
  const helpers = await helpersOf(ex, wo.id);
  return {
    number: wo.number,
    contentVersion: wo.contentVersion,
    requestNumber: ctx.request.number,
    category: ctx.request.category,
    customer: ctx.customer,
    device: { model: ctx.model, serialNumber: ctx.serial, udi: ctx.udi },
    faultDescription: ctx.request.faultDescription,
    leadEngineerId: wo.leadEngineerId,
    helperIds: [...helpers].sort(),
    times: {
      receivedAt: ctx.request.receivedAt.toISOString(),
      arrivedAt: wo.arrivedAt?.toISOString() ?? null,
      resolvedAt: wo.resolvedAt?.toISOString() ?? null,
    },
    phenomenon: wo.phenomenon,
    cause: wo.cause,
    actions: wo.actions,
    testResults: wo.testResults,
    explanation: wo.explanation,
    labourMinutes: wo.labourMinutes,
    travelMinutes: wo.travelMinutes,
    parts: parts.map((p) => ({
      partNo: p.partNo,
      name: p.name,
      quantity: p.quantity,
      unitPrice: p.unitPrice,
      removedSerial: p.removedSerial,
      installedSerial: p.installedSerial,
    })),
  };
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function assertPngDataUrl(dataUrl: string) {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]+=*)$/.exec(dataUrl);
  const bytes = m ? Buffer.from(m[1], 'base64') : null;
  if (!bytes || bytes.length < 67 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) {
    throw new AppError(422, 'signature_invalid', {}, [{ field: 'signaturePng', code: 'invalid' }]);
  }
}

/**
 * R-WO-4: the customer confirms by name, drawn signature and time; the signature records its
 * meaning and the hash of the exact content signed, and the work order is frozen.
 */
export async function sign(db: Db, user: Principal, id: string, input: z.infer<typeof signBody>, now = new Date()) {
  assertPngDataUrl(input.signaturePng);
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    const snapshot = await snapshotOf(tx, wo);
    const contentHash = createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
    const next = await applyTransition(tx, user, wo, 'signed_off', null, now);
    const [signature] = await tx
      .insert(workOrderSignatures)
      .values({
        workOrderId: id,
        contentVersion: wo.contentVersion,
        signerName: input.signerName,
        signerUserId: customerScope(user) !== null ? user.id : null,
        meaning: input.meaning,
        signedAt: now,
        imagePng: input.signaturePng,
        snapshot,
        contentHash,
        recordedBy: user.id,
      })
      .returning();
    const { imagePng: _img, snapshot: _s, ...auditable } = signature;
    await recordAudit(tx, { actor: auditActor(user), entity: 'work_order_signature', entityId: signature.id, action: 'sign', after: auditable });
    return { workOrder: next, signatureId: signature.id, contentHash };
  });
}

/** R-WO-5: customer service approves (archived, immutable) or sends back with comments. */
export async function review(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; verdict: 'approved' | 'returned'; comments?: string | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    if (wo.status !== 'signed_off') refuse('illegal_transition', wo.status, input.verdict === 'approved' ? 'reviewed' : 'resolved');
    const [req] = await tx.select({ category: serviceRequests.category }).from(serviceRequests).where(eq(serviceRequests.id, wo.requestId));
    const missing = missingForReview({ ...wo, category: req.category });
    if (input.verdict === 'approved' && missing.length) {
      throw new AppError(
        422,
        'report_incomplete',
        { missing: missing.join(', ') },
        missing.map((field) => ({ field, code: 'required' })),
        { missing },
      );
    }
    await tx.insert(workOrderReviews).values({
      workOrderId: id,
      contentVersion: wo.contentVersion,
      verdict: input.verdict,
      comments: input.comments ?? null,
      missing,
      reviewerId: user.id,
      reviewerName: user.displayName,
      at: now,
    });
    if (input.verdict === 'returned') {
      if (!input.comments?.trim()) throw new AppError(422, 'reason_required', {}, [{ field: 'comments', code: 'required' }]);
      // A new content version: the signed one stays as signed, the correction is signed anew.
      const back = await applyTransition(tx, user, wo, 'resolved', input.comments, now, { contentVersion: wo.contentVersion + 1 });
      const [r] = await tx.select({ ownerId: serviceRequests.ownerId }).from(serviceRequests).where(eq(serviceRequests.id, wo.requestId));
      await notify(
        tx,
        [wo.leadEngineerId, r?.ownerId].filter((x): x is string => Boolean(x)),
        'work_order_returned',
        { number: wo.number, comments: input.comments },
        { entity: 'work_order', id },
      );
      return back;
    }
    const reviewed = await applyTransition(tx, user, wo, 'reviewed', null, now);
    return applyTransition(tx, user, reviewed, 'closed', null, now); // archived
  });
}

export async function getWorkOrder(ex: Executor, user: Principal, id: string) {
  const wo = await loadFor(ex, user, id);
  const [ctx] = await ex
    .select({
      requestNumber: serviceRequests.number,
      category: serviceRequests.category,
      urgency: serviceRequests.urgency,
      faultDescription: serviceRequests.faultDescription,
      receivedAt: serviceRequests.receivedAt,
      reporterName: serviceRequests.reporterName,
      reporterPhone: serviceRequests.reporterPhone,
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      customerName: customers.name,
    })
    .from(serviceRequests)
    .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
    .where(eq(serviceRequests.id, wo.requestId));
  const parts = await ex.select().from(workOrderParts).where(eq(workOrderParts.workOrderId, id)).orderBy(asc(workOrderParts.createdAt));
  const events = await ex.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, id)).orderBy(asc(workOrderEvents.id));
  const signatures = await ex
    .select({
      id: workOrderSignatures.id,
      contentVersion: workOrderSignatures.contentVersion,
      signerName: workOrderSignatures.signerName,
      meaning: workOrderSignatures.meaning,
      signedAt: workOrderSignatures.signedAt,
      contentHash: workOrderSignatures.contentHash,
    })
    .from(workOrderSignatures)
    .where(eq(workOrderSignatures.workOrderId, id))
    .orderBy(asc(workOrderSignatures.contentVersion));
  const reviews = await ex.select().from(workOrderReviews).where(eq(workOrderReviews.workOrderId, id)).orderBy(asc(workOrderReviews.at));
  const helperIds = await helpersOf(ex, id);
  return {
    ...plain(wo),
    ...ctx,
    receivedAt: ctx.receivedAt.toISOString(),
    helperIds,
    nextSteps: nextSteps(wo.status, await capacities(ex, user, wo)),
    parts: parts.map((p) => plain(p)),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    signatures: signatures.map((s) => ({ ...s, signedAt: s.signedAt.toISOString() })),
    reviews: reviews.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}
