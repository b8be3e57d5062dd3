// Work orders through their lifecycle (R-WO-1..5): dispatch and reassignment, status steps
// with their timestamps and SLA effects, the on-site record, parts lines, the customer's
// signature that freezes the content, and the review that archives it.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { type Actor as AuditActor, canonicalJson, recordAudit } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import {
  allOf,
  cappedTotal,
  inOrderOf,
  insertAudited,
  likePattern,
  lockById,
  offsetOf,
  pageAndTotal,
  searchCondition,
  serialReads,
  updateAudited,
} from '../../lib/records.ts';
import { customers, sites } from '../customers/customers.tables.ts';
import { deviceModels, devices } from '../devices/devices.tables.ts';
import { markDownAgain, releaseDownDevice } from '../devices/index.ts';
import { checkAppointment } from '../dispatch/dispatch.rules.ts';
import { notify, tellHospitalOfStep, tellHospitalSurvey } from '../notifications/index.ts';
import { serviceRequests } from '../requests/requests.tables.ts';
import { cancelClocks, reopenClock, stopClock } from '../sla/index.ts';
import { slaClocks } from '../sla/sla.tables.ts';
import { openAtSignOff } from '../surveys/index.ts';
import { users } from '../users/users.tables.ts';
import type { addPartBody, contentBody, signBody, workOrderListQuery } from './workorders.dto.ts';
import { feeOf, feeWithPayments } from './workorders.fees.ts';
import { workOrdersPolicy } from './workorders.policy.ts';
import {
  type Actor,
  actionsFor,
  actorsFor,
  checkTransition,
  FROZEN,
  isPngDataUrl,
  missingForReview,
  nextSteps,
  type TransitionRefusal,
  type WorkOrderStatus,
} from './workorders.rules.ts';
import { sameDayOf } from './workorders.sameday.ts';
import { workOrderEvents, workOrderHelpers, workOrderParts, workOrderReviews, workOrderSignatures, workOrders } from './workorders.tables.ts';

export type WorkOrder = typeof workOrders.$inferSelect;
export const auditActor = (u: Principal): AuditActor => ({ id: u.id, name: u.displayName });

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

export async function capacities(ex: Executor, user: Principal, wo: WorkOrder) {
  const helpers = await helpersOf(ex, wo.id);
  const assignment = wo.leadEngineerId === user.id ? 'lead' : helpers.includes(user.id) ? 'helper' : null;
  return actorsFor(user.roles, assignment, customerScope(user) === wo.customerId);
}

export async function loadFor(ex: Executor, user: Principal, id: string, lock = false): Promise<WorkOrder> {
  const q = ex.select().from(workOrders).where(eq(workOrders.id, id));
  const [wo] = lock ? await q.for('update') : await q;
  const scope = customerScope(user);
  if (!wo || (scope !== null && wo.customerId !== scope)) throw notFound();
  return wo;
}

export function assertVersion(wo: WorkOrder, version: number) {
  if (wo.version !== version) throw new AppError(409, 'version_conflict', { current: wo.version }, undefined, { currentVersion: wo.version });
}

function refuse(code: TransitionRefusal, from: WorkOrderStatus, to: WorkOrderStatus): never {
  const status = code === 'not_allowed_actor' ? 403 : code === 'reason_required' ? 422 : 409;
  throw new AppError(status, code, { from, to }, code === 'reason_required' ? [{ field: 'reason', code: 'required' }] : undefined);
}

type RequestPatch = Partial<Pick<typeof serviceRequests.$inferInsert, 'status' | 'ownerId' | 'priorityDispatch'>>;

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

/** Due instant of the request's running arrive clock (R-SLA-2), if one runs. */
async function arriveDueOf(ex: Executor, requestId: string): Promise<Date | null> {
  const [c] = await ex
    .select({ dueAt: slaClocks.dueAt })
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, requestId), eq(slaClocks.kind, 'arrive'), isNull(slaClocks.stoppedAt)))
    .limit(1);
  return c?.dueAt ?? null;
}

/** Refuses a bad appointment with its fields (422); says whether it lands after the arrive deadline. */
async function vetAppointment(ex: Executor, wo: WorkOrder, at: Date | null, endAt: Date | null, now: Date) {
  const arriveDueAt = await arriveDueOf(ex, wo.requestId);
  const check = checkAppointment(at, endAt, now, arriveDueAt);
  if (check.fields.length) {
    const code = check.fields.some((f) => f.code === 'not_in_past') ? 'appointment_in_past' : 'validation_failed';
    throw new AppError(422, code, {}, check.fields);
  }
  return { arriveDueAt: arriveDueAt?.toISOString() ?? null, afterArriveDeadline: check.afterArriveDeadline };
}

/** Appointments can be agreed or moved until the engineer is on site (issue 10 item 12). */
const BEFORE_ARRIVAL: ReadonlySet<WorkOrderStatus> = new Set(['new', 'dispatched', 'accepted', 'on_the_way']);

export async function dispatch(
  db: Db,
  user: Principal,
  id: string,
  input: {
    version: number;
    leadEngineerId: string;
    helperIds: string[];
    reason?: string | null;
    appointmentAt?: string | null;
    appointmentEndAt?: string | null;
  },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    // Not sent: a reassignment keeps the appointment already agreed with the customer.
    const appointmentAt = input.appointmentAt ? new Date(input.appointmentAt) : input.appointmentAt === undefined ? wo.appointmentAt : null;
    const appointmentEndAt =
      input.appointmentEndAt !== undefined
        ? input.appointmentEndAt
          ? new Date(input.appointmentEndAt)
          : null
        : input.appointmentAt === undefined
          ? wo.appointmentEndAt
          : null;
    const given = input.appointmentAt !== undefined || input.appointmentEndAt !== undefined;
    const planned = given ? await vetAppointment(tx, wo, appointmentAt, appointmentEndAt, now) : null;
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
      { leadEngineerId: input.leadEngineerId, appointmentAt, appointmentEndAt },
      {
        lead: input.leadEngineerId,
        helpers: input.helperIds,
        reassign,
        ...(planned ? { appointmentAt: appointmentAt?.toISOString() ?? null, appointmentEndAt: appointmentEndAt?.toISOString() ?? null, ...planned } : {}),
      },
      // R-REQ-2: a portal report gets its owner when customer service first dispatches it;
      // R-DSP-1: once dispatched it no longer waits for the morning.
      (r) => ({ ownerId: r.ownerId ?? user.id, priorityDispatch: false }),
    );
    await tx.delete(workOrderHelpers).where(eq(workOrderHelpers.workOrderId, id));
    if (input.helperIds.length) await tx.insert(workOrderHelpers).values(input.helperIds.map((userId) => ({ workOrderId: id, userId })));
    await notify(tx, team, 'work_order_assigned', { number: wo.number }, { entity: 'work_order', id });
    return next;
  });
}

/**
 * Agree or move the planned arrival (issue 10 item 12): before the engineer is on site, not in
 * the past, a change of an agreed time with a reason; audited, and a work_order_event
 * (status unchanged) keeps the reason, the old and new time and the arrive deadline it misses.
 */
export async function reschedule(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; appointmentAt: string | null; appointmentEndAt?: string | null; reason?: string | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    if (!BEFORE_ARRIVAL.has(wo.status)) throw new AppError(409, 'appointment_closed', { status: wo.status });
    const at = input.appointmentAt ? new Date(input.appointmentAt) : null;
    const endAt = input.appointmentEndAt ? new Date(input.appointmentEndAt) : null;
    const planned = await vetAppointment(tx, wo, at, endAt, now);
    const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
    if (same(at, wo.appointmentAt) && same(endAt, wo.appointmentEndAt)) return wo;
    const reason = input.reason?.trim() || null;
    // Moving a time the customer already agreed to needs a why; the first one does not.
    if (wo.appointmentAt && !reason) throw new AppError(422, 'reason_required', {}, [{ field: 'reason', code: 'required' }]);
    const next = await updateAudited(tx, auditActor(user), 'work_order', workOrders, id, wo.version, { appointmentAt: at, appointmentEndAt: endAt }, wo);
    await tx.insert(workOrderEvents).values({
      workOrderId: id,
      fromStatus: wo.status,
      toStatus: wo.status,
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      reason,
      data: {
        appointment: true,
        previousAppointmentAt: wo.appointmentAt?.toISOString() ?? null,
        appointmentAt: at?.toISOString() ?? null,
        appointmentEndAt: endAt?.toISOString() ?? null,
        ...planned,
      },
    });
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
  if (input.to === 'dispatched' || input.to === 'signed_off' || input.to === 'reviewed' || input.to === 'taken_back') {
    // These steps carry data of their own: dispatch, sign, review, the take-back receipt.
    throw new AppError(422, 'use_dedicated_action', { to: input.to }, [{ field: 'to', code: 'invalid' }]);
  }
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    // Sending a signed report back opens a new content version (R-WO-5): only the review does that.
    if (wo.status === 'signed_off') throw new AppError(422, 'use_dedicated_action', { to: input.to }, [{ field: 'to', code: 'invalid' }]);
    // A unit taken back comes back through the return, which closes its receipt (R-WO-3).
    if (wo.status === 'taken_back') throw new AppError(422, 'use_dedicated_action', { to: input.to }, [{ field: 'to', code: 'invalid' }]);
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
    // A typed line must not stand in for stock (issue 10 item 9): a catalogue part number is drawn
    // from the van through the ledger, unless the customer supplied the unit themselves.
    if (input.partNo && input.source !== 'customer_supplied') {
      const [known] = await tx
        .execute(sql`select code from parts where lower(code) = lower(${input.partNo}) limit 1`)
        .then((r) => r.rows as { code: string }[]);
      if (known) throw new AppError(422, 'part_in_catalogue', { code: known.code }, [{ field: 'partNo', code: 'invalid' }]);
    }
    if (input.source === 'customer_supplied' && !input.sourceNote?.trim())
      throw new AppError(422, 'part_source_note_required', {}, [{ field: 'sourceNote', code: 'required' }]);
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

/** The steps the user may take and how to show them, primary first (issue 10 item 10). */
function stepsOf(status: WorkOrderStatus, actors: Actor[]) {
  return { nextSteps: nextSteps(status, actors), nextActions: actionsFor(status, actors) };
}

/**
 * What this caller may do on this work order (issue 11 item 3): the module policy for their roles,
 * the order's state, and their capacities on it (lead, helper, office, its hospital — actorsFor),
 * the same checks the actions below make. The web shows its buttons by these alone.
 */
export function abilitiesOf(user: Principal, status: WorkOrderStatus, actors: readonly Actor[]) {
  const may = (a: keyof typeof workOrdersPolicy) => can(user, workOrdersPolicy, a);
  const steps = nextSteps(status, actors);
  const transitions = actionsFor(status, actors).filter((a) => a.via === 'transition');
  // assertEditable: not signed or cancelled, and on the job or in the office.
  const editable =
    may('act') && !FROZEN.has(status) && status !== 'cancelled' && actors.some((c) => c === 'lead' || c === 'helper' || c === 'manager' || c === 'dispatch');
  return {
    update: editable,
    addParts: editable,
    transition: may('act') && transitions.some((a) => a.to !== 'cancelled'),
    cancel: may('act') && transitions.some((a) => a.to === 'cancelled'),
    dispatch: may('dispatch') && steps.includes('dispatched'),
    reschedule: may('dispatch') && BEFORE_ARRIVAL.has(status),
    sign: may('sign') && steps.includes('signed_off'),
    review: may('review') && steps.includes('reviewed'),
    correct: may('correct') && (status === 'reviewed' || status === 'closed'),
    takeBack: may('act') && steps.includes('taken_back'),
  };
}

/** The content a customer signs and a reviewer approves: exactly what the report shows. */
export async function snapshotOf(ex: Executor, wo: WorkOrder) {
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
  const fee = await feeOf(ex, wo);
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
    travelKm: wo.travelKm,
    // R-WO-4: the customer signs the fee of a paid job along with the work.
    fee: fee.chargeable
      ? {
          currency: fee.currency,
          priceListVersion: fee.priceListVersion,
          labour: fee.labour,
          parts: fee.parts,
          travel: fee.travel,
          callOut: fee.callOut,
          total: fee.total,
        }
      : null,
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

/** The DTO refuses a bad image with 400; callers that bypass HTTP are held to the same rule. */
export function assertPngDataUrl(dataUrl: string) {
  if (!isPngDataUrl(dataUrl)) throw new AppError(400, 'signature_invalid', {}, [{ field: 'signaturePng', code: 'invalid' }]);
}

/**
 * R-WO-4: the customer confirms by name, drawn signature and time; the signature records its
 * meaning and the hash of the exact content signed, and the work order is frozen.
 */
export async function sign(db: Db, user: Principal, id: string, input: z.infer<typeof signBody>, now = new Date(), opts: { surveySecret?: string } = {}) {
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
    // Right after signing, the survey and its link (R-SV-1, R-CN-1).
    const survey = await openAtSignOff(tx, auditActor(user), next, opts.surveySecret ?? null, now);
    if (survey) await tellHospitalSurvey(tx, next, survey);
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
      // Where the engineer goes and whom to call (issue 10 item 15): the device's site, else the hospital.
      siteName: sites.name,
      siteAddress: sql<string | null>`coalesce(nullif(${sites.address}, ''), ${customers.address})`,
      deviceLocation: devices.location,
      customerPhone: customers.phone,
    })
    .from(serviceRequests)
    .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
    .leftJoin(sites, eq(sites.id, devices.siteId))
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
  const actors = await capacities(ex, user, wo);
  // The team by name (issue 10 item 7): engineers and hospital users cannot read engineer
  // profiles, so the names travel with the work order itself.
  const team = [wo.leadEngineerId, ...helperIds].filter((x): x is string => Boolean(x));
  const names = new Map(
    team.length ? (await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, team))).map((u) => [u.id, u.name]) : [],
  );
  return {
    ...plain(wo),
    ...ctx,
    receivedAt: ctx.receivedAt.toISOString(),
    helperIds,
    leadName: wo.leadEngineerId ? (names.get(wo.leadEngineerId) ?? null) : null,
    helpers: helperIds.map((h) => ({ id: h, name: names.get(h) ?? '' })),
    ...stepsOf(wo.status, actors),
    abilities: abilitiesOf(user, wo.status, actors),
    reviewMissing: missingForReview({ ...wo, category: ctx.category }),
    fee: await feeWithPayments(ex, wo),
    sameDay: await sameDayOf(ex, wo.id),
    parts: parts.map((p) => plain(p)),
    arriveDueAt: (await arriveDueOf(ex, wo.requestId))?.toISOString() ?? null,
    events: events.map((e) => ({ ...e, at: e.at.toISOString(), ...appointmentOfEvent(e.data) })),
    signatures: signatures.map((s) => ({ ...s, signedAt: s.signedAt.toISOString() })),
    reviews: reviews.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}

/** An appointment change recorded on an event (issue 10 item 12), for the step history. */
function appointmentOfEvent(data: unknown): { appointmentAt?: string | null } {
  const d = data as { appointment?: boolean; appointmentAt?: string | null } | null;
  return d?.appointment ? { appointmentAt: d.appointmentAt ?? null } : {};
}

/**
 * The list's filters over work_orders alone (joined tables only through indexed subqueries),
 * so a page is chosen from one table's index and the joins run for its rows only.
 */
async function listWhere(db: Executor, user: Principal, q: z.infer<typeof workOrderListQuery>, timeZone: string): Promise<SQL | undefined> {
  const scope = customerScope(user);
  const text = q.q?.trim();
  const p = text ? likePattern(text) : '';
  const day = (d: string, plus: number) => DateTime.fromISO(d, { zone: timeZone }).plus({ days: plus }).startOf('day').toJSDate();
  return allOf(
    scope === null ? undefined : eq(workOrders.customerId, scope),
    // A union, each branch served by a trigram index (an OR across the joined tables could
    // only be checked row by row over the whole table), resolved once for the page's queries.
    text
      ? await searchCondition(
          db,
          workOrders.id,
          sql`select w.id from work_orders w where w.number ilike ${p}
            union all select w.id from work_orders w join service_requests r on r.id = w.request_id where r.number ilike ${p}
            union all select w.id from work_orders w join devices d on d.id = w.device_id where d.serial_number ilike ${p}
            union all select w.id from work_orders w join customers cu on cu.id = w.customer_id where cu.name ilike ${p}`,
        )
      : undefined,
    q.status ? inArray(workOrders.status, q.status) : undefined,
    // Lead or helper: the helper's orders fetched once as an array, so both sides of the OR are
    // index lookups (an OR with a correlated subquery would be checked row by row).
    q.mine === 'true'
      ? sql`(${workOrders.leadEngineerId} = ${user.id}
          or ${workOrders.id} = any(array(select h.work_order_id from work_order_helpers h where h.user_id = ${user.id})))`
      : undefined,
    q.leadId ? eq(workOrders.leadEngineerId, q.leadId) : undefined,
    q.customerId ? eq(workOrders.customerId, q.customerId) : undefined,
    q.deviceId ? eq(workOrders.deviceId, q.deviceId) : undefined,
    q.requestId ? eq(workOrders.requestId, q.requestId) : undefined,
    q.urgency ? sql`exists (select 1 from service_requests r where r.id = ${workOrders.requestId} and r.urgency = ${q.urgency})` : undefined,
    q.from ? gte(workOrders.createdAt, day(q.from, 0)) : undefined,
    q.to ? lt(workOrders.createdAt, day(q.to, 1)) : undefined,
  );
}

/**
 * Ids of one page in next-deadline order (soonest first, jobs without a running clock last in
 * either direction, then oldest first), from two index ranges of work_orders alone: the jobs with
 * a running clock by `next_due_at` (kept by triggers on sla_clocks, migration 0031), then the rest
 * in creation order. No join and no correlated subquery, so the plan is the same with fresh,
 * stale or no statistics (issue 10 item 6: the old clocks-to-orders join took seconds at 1,300
 * open requests on a database never analyzed). Cost ∝ the page's offset, not the table.
 */
async function deadlinePage(ex: Executor, where: SQL | undefined, descending: boolean, limit: number, offset: number): Promise<string[]> {
  const running = isNotNull(workOrders.nextDueAt);
  // The page walks a next-due index in order and stops after it. Without statistics the planner
  // may guess a filter keeps few rows and sort them all instead (seen at 1,300 open requests):
  // sorting is switched off for this one statement (listWorkOrders runs in a transaction).
  await ex.execute(sql`set local enable_sort = off`);
  const first = (
    await ex
      .select({ id: workOrders.id })
      .from(workOrders)
      .where(allOf(running, where))
      .orderBy(descending ? desc(workOrders.nextDueAt) : asc(workOrders.nextDueAt), asc(workOrders.createdAt), asc(workOrders.id))
      .limit(limit)
      .offset(offset)
  ).map((r) => r.id);
  await ex.execute(sql`set local enable_sort = on`);
  if (first.length === limit) return first;
  // Past the running jobs: where the page starts among the others depends on how many run.
  let skip = 0;
  if (first.length === 0 && offset > 0) {
    const [c] = await ex.select({ n: sql<number>`count(*)::int` }).from(workOrders).where(allOf(running, where));
    skip = Math.max(0, offset - Number(c.n));
  }
  const rest = await ex
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(allOf(isNull(workOrders.nextDueAt), where))
    .orderBy(asc(workOrders.createdAt), asc(workOrders.id))
    .limit(limit - first.length)
    .offset(skip);
  return [...first, ...rest.map((r) => r.id)];
}

/** The work-order list (dispatch board, "my jobs", a device's or customer's jobs). */
export async function listWorkOrders(db: Db, user: Principal, q: z.infer<typeof workOrderListQuery>, timeZone = 'Asia/Shanghai') {
  return serialReads(db, (tx) => listIn(tx, user, q, timeZone));
}

async function listIn(db: Executor, user: Principal, q: z.infer<typeof workOrderListQuery>, timeZone: string) {
  const where = await listWhere(db, user, q, timeZone);
  const sort = q.sort ?? 'deadline';
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const dir = (c: SQL | typeof workOrders.number) => (descending ? desc(c) : asc(c));
  const matching = db.select({ id: workOrders.id }).from(workOrders).where(where);
  // By deadline: two index walks (deadlinePage), then the total. Otherwise the page's ids and its
  // total in one statement (issue 17 item 3).
  const paged =
    key === 'deadline'
      ? null
      : await pageAndTotal(
          db,
          db
            .select({ id: workOrders.id })
            .from(workOrders)
            .where(where)
            .orderBy(key === 'number' ? dir(workOrders.number) : dir(sql`${workOrders.createdAt}`), asc(workOrders.id))
            .limit(q.pageSize)
            .offset(offsetOf(q)),
          matching,
        );
  const ids = paged ? paged.ids : await deadlinePage(db, where, descending, q.pageSize, offsetOf(q));
  const found = ids.length
    ? await db
        .select({
          wo: workOrders,
          requestNumber: serviceRequests.number,
          urgency: serviceRequests.urgency,
          serviceCategory: serviceRequests.category,
          regionClass: serviceRequests.regionClass,
          serialNumber: devices.serialNumber,
          modelName: deviceModels.name,
          customerName: customers.name,
          siteName: sites.name,
          leadName: users.displayName,
          nextDeadlineAt: workOrders.nextDueAt,
          nextDeadlineKind: workOrders.nextDueKind,
        })
        .from(workOrders)
        .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
        .innerJoin(devices, eq(devices.id, workOrders.deviceId))
        .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
        .innerJoin(customers, eq(customers.id, workOrders.customerId))
        .leftJoin(sites, eq(sites.id, serviceRequests.siteId))
        .leftJoin(users, eq(users.id, workOrders.leadEngineerId))
        .where(inArray(workOrders.id, ids))
    : [];
  const rows = inOrderOf(ids, found, (r) => r.wo.id);
  const count = paged ? { total: paged.total, totalExact: paged.totalExact } : await cappedTotal(db, matching);
  return {
    items: rows.map((r) => ({
      id: r.wo.id,
      number: r.wo.number,
      version: r.wo.version,
      status: r.wo.status,
      requestId: r.wo.requestId,
      requestNumber: r.requestNumber,
      urgency: r.urgency,
      serviceCategory: r.serviceCategory,
      deviceId: r.wo.deviceId,
      serialNumber: r.serialNumber,
      modelName: r.modelName,
      customerId: r.wo.customerId,
      customerName: r.customerName,
      siteName: r.siteName,
      regionClass: r.regionClass,
      leadId: r.wo.leadEngineerId,
      leadName: r.leadName,
      appointmentAt: r.wo.appointmentAt?.toISOString() ?? null,
      nextDeadlineAt: r.nextDeadlineAt ? r.nextDeadlineAt.toISOString() : null,
      nextDeadlineKind: r.nextDeadlineKind,
      createdAt: r.wo.createdAt.toISOString(),
      updatedAt: r.wo.updatedAt.toISOString(),
    })),
    ...count,
    page: q.page,
    pageSize: q.pageSize,
  };
}
