// Follow-up plans and the work on them (R-FU-1..4). Plans copy the rule set in force when the
// service was completed; after every answer the engine (followups.rules.ts) is asked what is
// due next and the result is inserted under a unique (plan, key), so scheduling is idempotent.
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Executor } from '../../db/client.ts';
import { businessCalendars, customers, deviceModels, devices, serviceRequests, workOrders } from '../../db/schema.ts';
import { actorOf } from '../../http/auth.ts';
import type { Principal } from '../../lib/access.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { nextNumber } from '../system/index.ts';
import {
  type CadenceRules,
  DEFAULT_RULES,
  DEFAULT_TIME_ZONE,
  followUpAccepts,
  nextFollowUps,
  type Outcome,
  type Quality,
  SERVICE_TYPES,
  type ServiceType,
  statusAfterAnswer,
  type Track,
  versionInForce,
} from './followups.rules.ts';
import { followupPlans, followupRuleSets, followups, type QuestionItem, questionnaires } from './followups.tables.ts';

// The in-app inbox renders `notify.<kind>.*` messages; these kinds are this module's own.
const kind = (k: 'followup_escalated' | 'followup_approved' | 'followup_due') => k as unknown as NotificationKind;

// ---- rule sets ----------------------------------------------------------------------------

export async function ruleSetInForce(ex: Executor, type: ServiceType, at: Date) {
  const versions = await ex.select().from(followupRuleSets).where(eq(followupRuleSets.serviceType, type));
  const v = versionInForce(versions, at);
  return v ? { id: v.id, versionNo: v.versionNo, rules: v.rules } : { id: null, versionNo: 0, rules: DEFAULT_RULES[type] };
}

export async function createRuleSetVersion(db: Db, user: Principal, type: ServiceType, rules: CadenceRules, effectiveFrom: Date | null, note: string | null) {
  const now = new Date();
  const from = effectiveFrom ?? now;
  // Past services keep the rules they were planned with: a version cannot start in the past.
  if (from.getTime() < now.getTime() - 60_000) throw invalidField('effectiveFrom', 'not_in_past');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7172401)`);
    const [{ n }] = await tx
      .select({ n: sql<number>`coalesce(max(${followupRuleSets.versionNo}), 0)::int` })
      .from(followupRuleSets)
      .where(eq(followupRuleSets.serviceType, type));
    const [row] = await tx
      .insert(followupRuleSets)
      .values({ serviceType: type, versionNo: Number(n) + 1, effectiveFrom: from, rules, note, createdById: user.id, createdByName: user.displayName })
      .returning();
    await recordAudit(tx, { actor: actorOf(user), entity: 'followup_rule_set', entityId: row.id, action: 'create', after: row });
    return row;
  });
}

/** Every version per service type, newest first, then the built-in defaults as version 0 (row null); which one is in force now. */
export async function listRuleSets(ex: Executor, now = new Date()) {
  const rows = await ex.select().from(followupRuleSets).orderBy(asc(followupRuleSets.serviceType), desc(followupRuleSets.versionNo));
  const out: { serviceType: ServiceType; row: typeof followupRuleSets.$inferSelect | null; inForce: boolean }[] = [];
  for (const type of SERVICE_TYPES) {
    const versions = rows.filter((r) => r.serviceType === type);
    const current = versionInForce(versions, now);
    for (const v of versions) out.push({ serviceType: type, row: v, inForce: current?.id === v.id });
    out.push({ serviceType: type, row: null, inForce: !current });
  }
  return out;
}

// ---- plans and scheduling -----------------------------------------------------------------

export interface NewPlan {
  deviceId: string;
  customerId: string;
  workOrderId?: string | null;
  serviceType: ServiceType;
  completedAt: Date;
  endsAt?: Date | null;
  since?: Date | null;
  ownerId?: string | null;
}

/** Creates a plan (the rules as they stood at completion) and its first follow-ups; null if it exists. */
export async function createPlan(tx: Executor, actor: Actor, p: NewPlan): Promise<string | null> {
  const rs = await ruleSetInForce(tx, p.serviceType, p.completedAt);
  const [plan] = await tx
    .insert(followupPlans)
    .values({
      deviceId: p.deviceId,
      customerId: p.customerId,
      workOrderId: p.workOrderId ?? null,
      serviceType: p.serviceType,
      completedAt: p.completedAt,
      endsAt: p.endsAt ?? null,
      since: p.since ?? null,
      ruleSetId: rs.id,
      ruleVersionNo: rs.versionNo,
      rules: rs.rules,
      ownerId: p.ownerId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!plan) return null;
  await recordAudit(tx, { actor, entity: 'followup_plan', entityId: plan.id, action: 'create', after: plan });
  await schedule(tx, plan.id);
  return plan.id;
}

/**
 * Plans follow-ups for a completed service or a standing cadence of one device (R-FU-1). A
 * standing cadence exists once per device (the sweep may have planned it already): refused inside
 * the transaction, so the refusal commits nothing.
 */
export async function planForDevice(
  db: Db,
  user: Principal,
  input: { deviceId: string; serviceType: ServiceType; completedAt: string; endsAt?: string | null; ownerId?: string | null },
): Promise<string> {
  const [device] = await db.select().from(devices).where(eq(devices.id, input.deviceId));
  if (!device) throw invalidField('deviceId', 'invalid_reference');
  return db.transaction(async (tx) => {
    const planned = await createPlan(tx, actorOf(user), {
      deviceId: device.id,
      customerId: device.customerId,
      serviceType: input.serviceType,
      completedAt: new Date(input.completedAt),
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      ownerId: input.ownerId ?? user.id,
    });
    if (!planned) throw new AppError(409, 'followup_plan_exists');
    return planned;
  });
}

/** The company's zone: that of its default business calendar (the one SLA clocks run on). */
async function companyTimeZone(ex: Executor): Promise<string> {
  const [c] = await ex.select({ tz: businessCalendars.timeZone }).from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1);
  return c?.tz ?? DEFAULT_TIME_ZONE;
}

/** Inserts whatever the engine says is due next and is not there yet. Returns the keys added. */
export async function schedule(tx: Executor, planId: string): Promise<string[]> {
  const [plan] = await tx.select().from(followupPlans).where(eq(followupPlans.id, planId));
  if (!plan?.active) return [];
  const done = await tx
    .select({ key: followups.key, track: followups.track, doneAt: followups.doneAt, quality: followups.quality })
    .from(followups)
    .where(and(eq(followups.planId, planId), isNotNull(followups.doneAt)));
  // Only the poor-quality loop counts local days (next calendar day, R-FU-1), so only then is the zone read.
  const timeZone = done.some((d) => d.quality === 'poor') ? await companyTimeZone(tx) : DEFAULT_TIME_ZONE;
  const due = nextFollowUps(
    plan.rules,
    {
      completedAt: plan.completedAt,
      endsAt: plan.endsAt,
      since: plan.since,
      done: done.map((d) => ({ key: d.key, track: d.track as Track, doneAt: d.doneAt as Date, quality: d.quality })),
    },
    timeZone,
  );
  if (due.length === 0) return [];
  const rows = await tx
    .insert(followups)
    .values(due.map((f) => ({ planId, key: f.key, track: f.track, method: f.method, earliestAt: f.earliestAt, dueAt: f.dueAt, assigneeId: plan.ownerId })))
    .onConflictDoNothing()
    .returning({ key: followups.key });
  return rows.map((r) => r.key);
}

/**
 * The integration with work orders (R-FU-1): every work order closed or reviewed without a
 * plan gets a repair plan from its completion (resolved) time, owned by the request's first
 * responder (R-REQ-2). Safe to run twice or concurrently: the unique work-order index wins.
 * Candidates come from the care_pending queue (a trigger notes each work order that becomes
 * reviewed/closed, migration 0024), so an idle run costs nothing however long the history.
 */
export async function planClosedWorkOrders(db: Db, limit = 500): Promise<number> {
  const rows = await db
    .select({ wo: workOrders, ownerId: serviceRequests.ownerId })
    .from(workOrders)
    .innerJoin(sql`care_pending`, sql`care_pending.work_order_id = ${workOrders.id}`)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .where(and(sql`care_pending.needs_plan`, inArray(workOrders.status, ['reviewed', 'closed'])))
    .orderBy(sql`care_pending.queued_at`, asc(workOrders.id))
    .limit(limit);
  let created = 0;
  for (const { wo, ownerId } of rows) {
    const completedAt = wo.resolvedAt ?? wo.closedAt ?? wo.reviewedAt ?? wo.updatedAt;
    const id = await db.transaction(async (tx) => {
      const planned = await createPlan(tx, systemActor, {
        deviceId: wo.deviceId,
        customerId: wo.customerId,
        workOrderId: wo.id,
        serviceType: 'repair',
        completedAt,
        ownerId,
      });
      await careDone(tx, wo.id, 'plan');
      return planned;
    });
    if (id) created++;
  }
  return created;
}

/**
 * Clears one flag of a work order's care_pending entry, in the transaction that made (or found)
 * its plan or survey; the entry goes once both are done. Updating first takes the row lock, so
 * of two concurrent callers the second sees the first's flag and deletes the row.
 */
export async function careDone(tx: Executor, workOrderId: string, what: 'plan' | 'survey') {
  const flag = what === 'plan' ? sql`needs_plan` : sql`needs_survey`;
  await tx.execute(sql`update care_pending set ${flag} = false where work_order_id = ${workOrderId}`);
  await tx.execute(sql`delete from care_pending where work_order_id = ${workOrderId} and not needs_plan and not needs_survey`);
}

/**
 * A visit made outside the cadence (a key account's extra visit, issue 13 §4): recorded as a done
 * follow-up of one of the customer's active standing plans, numbered and kept like any other, so it
 * forms the 跟踪回访单 (R-FU-4). `key` makes it idempotent. Null when the customer has no standing plan.
 */
export async function recordExtraVisit(
  tx: Executor,
  user: Principal,
  input: { customerId: string; method: 'onsite' | 'phone'; key: string; record: string; contactName?: string | null; remarks?: string | null },
  now = new Date(),
): Promise<string | null> {
  const [plan] = await tx
    .select({ id: followupPlans.id })
    .from(followupPlans)
    .where(
      and(
        eq(followupPlans.customerId, input.customerId),
        eq(followupPlans.active, true),
        inArray(followupPlans.serviceType, ['warranty_period', 'post_warranty']),
      ),
    )
    .orderBy(asc(followupPlans.completedAt), asc(followupPlans.id))
    .limit(1);
  if (!plan) return null;
  const number = await nextNumber(tx, 'HF', Number(now.toISOString().slice(0, 4)));
  const [row] = await tx
    .insert(followups)
    .values({
      planId: plan.id,
      number,
      key: input.key,
      track: input.method,
      method: input.method,
      earliestAt: now,
      dueAt: now,
      assigneeId: user.id,
      status: 'done',
      outcome: 'no_problem',
      record: input.record,
      contactName: input.contactName ?? null,
      remarks: input.remarks ?? null,
      doneAt: now,
      visitorId: user.id,
      visitorName: user.displayName,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await recordAudit(tx, { actor: actorOf(user), entity: 'followup', entityId: row.id, action: 'create', after: row });
  return row.id;
}

// ---- questionnaires -----------------------------------------------------------------------

/** The questionnaire for a device category and service type: the most specific active one. */
export async function questionnaireFor(ex: Executor, category: string, type: ServiceType) {
  const all = await ex.select().from(questionnaires).where(eq(questionnaires.active, true)).orderBy(asc(questionnaires.code));
  const score = (q: (typeof all)[number]) => {
    if (q.deviceCategories.length && !q.deviceCategories.includes(category)) return -1;
    if (q.serviceTypes.length && !q.serviceTypes.includes(type)) return -1;
    return (q.deviceCategories.length ? 2 : 0) + (q.serviceTypes.length ? 1 : 0);
  };
  return (
    all
      .map((q) => ({ q, s: score(q) }))
      .filter((x) => x.s >= 0)
      .sort((a, b) => b.s - a.s)[0]?.q ?? null
  );
}

/** The questionnaire of a follow-up: the one it was answered with, else the one for its device and service now. */
export async function questionnaireOf(ex: Executor, r: Awaited<ReturnType<typeof getFollowUp>>) {
  if (!r.f.questionnaireId) return questionnaireFor(ex, r.category, r.plan.serviceType);
  const [q] = await ex.select().from(questionnaires).where(eq(questionnaires.id, r.f.questionnaireId));
  return q ?? null;
}

export async function listQuestionnaires(ex: Executor) {
  return ex.select().from(questionnaires).orderBy(asc(questionnaires.code));
}

export async function addQuestionnaire(db: Db, user: Principal, values: typeof questionnaires.$inferInsert) {
  return db.transaction((tx) => insertAudited(tx, actorOf(user), 'followup_questionnaire', questionnaires, values));
}

export async function changeQuestionnaire(db: Db, user: Principal, id: string, version: number, patch: Partial<typeof questionnaires.$inferInsert>) {
  return db.transaction((tx) => updateAudited(tx, actorOf(user), 'followup_questionnaire', questionnaires, id, version, patch));
}

// ---- the R-FU-3 flow ----------------------------------------------------------------------

export interface AnswerInput {
  version: number;
  questionnaireId?: string | null;
  answers: Record<string, string>;
  quality?: Quality | null;
  outcome: Outcome;
  record: string;
  remarks?: string | null;
  contactName?: string | null;
  problem?: string | null;
  proposedPlan?: string | null;
}

async function lockFollowUp(tx: Executor, id: string, version: number) {
  const f = await lockById(tx, followups, id);
  if (f.version !== version) throw versionConflict(f.version);
  return f;
}

export async function answer(db: Db, user: Principal, id: string, input: AnswerInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const f = await lockFollowUp(tx, id, input.version);
    if (!followUpAccepts(f.status, 'answer')) throw new AppError(409, 'followup_not_pending');
    let quality = input.quality ?? null;
    if (input.questionnaireId) {
      const [q] = await tx.select().from(questionnaires).where(eq(questionnaires.id, input.questionnaireId));
      if (!q) throw invalidField('questionnaireId', 'invalid_reference');
      const missing = q.items.filter((i: QuestionItem) => i.required && !input.answers[i.key]?.trim()).map((i) => `answers.${i.key}`);
      if (missing.length)
        throw new AppError(
          422,
          'validation_failed',
          {},
          missing.map((field) => ({ field, code: 'required' })),
        );
      const qi = q.items.find((i) => i.kind === 'quality');
      const v = qi ? input.answers[qi.key] : undefined;
      if (!quality && (v === 'normal' || v === 'poor')) quality = v;
    }
    if (input.outcome === 'escalated' && !input.problem) throw invalidField('problem', 'required');
    const number = await nextNumber(tx, 'HF', Number(now.toISOString().slice(0, 4)));
    const row = await updateAudited(
      tx,
      actorOf(user),
      'followup',
      followups,
      id,
      input.version,
      {
        number,
        questionnaireId: input.questionnaireId ?? null,
        answers: input.answers,
        quality,
        outcome: input.outcome,
        record: input.record,
        remarks: input.remarks ?? null,
        contactName: input.contactName ?? null,
        problem: input.outcome === 'escalated' ? (input.problem ?? null) : null,
        proposedPlan: input.outcome === 'escalated' ? (input.proposedPlan ?? null) : null,
        doneAt: now,
        visitorId: user.id,
        visitorName: user.displayName,
        status: statusAfterAnswer(input.outcome),
      },
      f,
    );
    if (input.outcome === 'escalated') {
      // R-FU-3: not solvable by phone → the manager approves a handling plan.
      const managers = await staffWithRoles(tx, ['service_manager']);
      await notify(tx, managers, kind('followup_escalated'), { number, problem: input.problem ?? '' }, { entity: 'followup', id });
    }
    await schedule(tx, f.planId);
    return row;
  });
}

export async function approve(db: Db, user: Principal, id: string, input: { version: number; approvedPlan: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const f = await lockFollowUp(tx, id, input.version);
    if (!followUpAccepts(f.status, 'approve')) throw new AppError(409, 'followup_not_escalated');
    const row = await updateAudited(
      tx,
      actorOf(user),
      'followup',
      followups,
      id,
      input.version,
      { status: 'approved', approvedPlan: input.approvedPlan, approvedAt: now, approvedById: user.id, approvedByName: user.displayName },
      f,
    );
    if (f.visitorId) await notify(tx, [f.visitorId], kind('followup_approved'), { number: f.number ?? '' }, { entity: 'followup', id });
    return row;
  });
}

/** The customer was told the approved plan (R-FU-3); optionally the work order opened for it. */
export async function inform(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; requestId?: string | null; note?: string | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const f = await lockFollowUp(tx, id, input.version);
    if (!followUpAccepts(f.status, 'inform')) throw new AppError(409, 'followup_not_approved');
    if (input.requestId) {
      const [r] = await tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.id, input.requestId));
      if (!r) throw invalidField('requestId', 'invalid_reference');
    }
    const remarks = input.note ? [f.remarks, input.note].filter(Boolean).join('\n') : f.remarks;
    return updateAudited(
      tx,
      actorOf(user),
      'followup',
      followups,
      id,
      input.version,
      { status: 'done', customerInformedAt: now, requestId: input.requestId ?? f.requestId, remarks },
      f,
    );
  });
}

/** 部门主管审查《跟踪回访单》并提出指导意见 (R-FU-4). */
export async function review(db: Db, user: Principal, id: string, input: { version: number; guidance: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const f = await lockFollowUp(tx, id, input.version);
    if (!followUpAccepts(f.status, 'review')) throw new AppError(409, 'followup_not_answered');
    return updateAudited(
      tx,
      actorOf(user),
      'followup',
      followups,
      id,
      input.version,
      { guidance: input.guidance, reviewedAt: now, reviewedById: user.id, reviewedByName: user.displayName },
      f,
    );
  });
}

// ---- reads --------------------------------------------------------------------------------

export const followupSelect = {
  f: followups,
  plan: {
    id: followupPlans.id,
    serviceType: followupPlans.serviceType,
    completedAt: followupPlans.completedAt,
    ruleVersionNo: followupPlans.ruleVersionNo,
    workOrderId: followupPlans.workOrderId,
    deviceId: followupPlans.deviceId,
    customerId: followupPlans.customerId,
  },
  customerName: customers.name,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  category: deviceModels.category,
};

export interface ListFilter {
  scope: 'mine' | 'all';
  status?: 'open' | 'pending' | 'escalated' | 'approved' | 'done';
  reviewed?: boolean;
  page: number;
  pageSize: number;
}

export async function listFollowUps(ex: Executor, user: Principal, q: ListFilter, now = new Date()) {
  const conds: (SQL | undefined)[] = [];
  if (q.scope === 'mine') conds.push(or(eq(followups.assigneeId, user.id), isNull(followups.assigneeId)));
  if (q.status === 'open') conds.push(inArray(followups.status, ['pending', 'escalated', 'approved']));
  else if (q.status) conds.push(eq(followups.status, q.status));
  if (q.reviewed === false) conds.push(and(isNull(followups.reviewedAt), isNotNull(followups.doneAt)));
  if (q.reviewed === true) conds.push(isNotNull(followups.reviewedAt));
  const where = conds.length ? and(...conds) : undefined;
  const overdue = sql`case when ${followups.status} = 'pending' and ${followups.dueAt} < ${now} then 0 else 1 end`;
  const base = () =>
    ex
      .select(followupSelect)
      .from(followups)
      .innerJoin(followupPlans, eq(followupPlans.id, followups.planId))
      .innerJoin(customers, eq(customers.id, followupPlans.customerId))
      .innerJoin(devices, eq(devices.id, followupPlans.deviceId))
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId));
  const rows = await base()
    .where(where)
    .orderBy(...(q.status === 'done' ? [desc(followups.doneAt)] : [overdue, asc(followups.dueAt)]), asc(followups.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(followups).where(where);
  return { rows, total: Number(n) };
}

export async function getFollowUp(ex: Executor, id: string) {
  const [row] = await ex
    .select(followupSelect)
    .from(followups)
    .innerJoin(followupPlans, eq(followupPlans.id, followups.planId))
    .innerJoin(customers, eq(customers.id, followupPlans.customerId))
    .innerJoin(devices, eq(devices.id, followupPlans.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(followups.id, id));
  if (!row) throw notFound();
  return row;
}

/** Reminders (R-FU-2): the assignee (or customer service) hears of a follow-up once its window opens. */
export async function remindDue(db: Db, now = new Date()) {
  const rows = await db
    .select({ f: followups })
    .from(followups)
    .where(
      and(
        eq(followups.status, 'pending'),
        sql`${followups.earliestAt} <= ${now}`,
        sql`not exists (select 1 from notifications n where n.ref_id = ${followups.id}::text and n.kind = 'followup_due')`,
      ),
    )
    .limit(500);
  for (const { f } of rows) {
    await db.transaction(async (tx) => {
      const to = f.assigneeId ? [f.assigneeId] : await staffWithRoles(tx, ['dispatcher']);
      await notify(tx, to, kind('followup_due'), { key: f.key, dueAt: f.dueAt.toISOString() }, { entity: 'followup', id: f.id });
    });
  }
  return rows.length;
}

/**
 * Standing cadences (R-FU-1, seed 003 §6): every accepted device gets its warranty-period plan
 * (on site every 3 months, phone monthly, until the warranty ends) and, once the warranty has
 * ended, its post-warranty plan. Planned from now on: slots before today are not owed.
 * The devices to look at come from care_pending_devices (migration 0024): a trigger queues a
 * device when it starts to qualify or its warranty end changes, and a device under warranty
 * waits there until the day after its warranty ends; so an idle run reads no device at all.
 */
export async function planStandingCadences(db: Db, timeZone: string, now = new Date(), limit = 500): Promise<number> {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate() as string;
  const at9 = (d: string) => DateTime.fromISO(d, { zone: timeZone }).set({ hour: 9 }).toJSDate();
  const endOf = (d: string) => DateTime.fromISO(d, { zone: timeZone }).endOf('day').toJSDate();
  const due = await db.execute<{ device_id: string }>(
    sql`select device_id from care_pending_devices where due_on <= ${today}::date order by due_on, device_id limit ${limit}`,
  );
  let n = 0;
  for (const { device_id: deviceId } of due.rows) {
    const id = await db.transaction(async (tx) => {
      // The queue entry's lock first: a change of the device meanwhile waits for this
      // transaction and queues the device again. Gone or not due: another sweep did it.
      const entry = await tx.execute(sql`select 1 from care_pending_devices where device_id = ${deviceId} and due_on <= ${today}::date for update`);
      if (entry.rows.length === 0) return null;
      const [d] = await tx.select().from(devices).where(eq(devices.id, deviceId));
      if (!d?.acceptanceDate || !d.warrantyEnd || d.status === 'retired') {
        await tx.execute(sql`delete from care_pending_devices where device_id = ${deviceId}`);
        return null;
      }
      const under = d.warrantyEnd >= today;
      const type: ServiceType = under ? 'warranty_period' : 'post_warranty';
      const [has] = await tx
        .select({ id: followupPlans.id })
        .from(followupPlans)
        .where(and(eq(followupPlans.deviceId, d.id), eq(followupPlans.serviceType, type)));
      let planned: string | null = null;
      if (under) {
        if (!has)
          planned = await createPlan(tx, systemActor, {
            deviceId: d.id,
            customerId: d.customerId,
            serviceType: 'warranty_period',
            completedAt: at9(d.acceptanceDate),
            endsAt: endOf(d.warrantyEnd),
            since: now,
          });
        // Looked at again the day after the warranty ends, for the post-warranty plan.
        await tx.execute(sql`update care_pending_devices set due_on = ${d.warrantyEnd}::date + 1 where device_id = ${deviceId}`);
        return planned;
      }
      if (!has) {
        const end = DateTime.fromISO(d.warrantyEnd).plus({ days: 1 }).toISODate() as string;
        await tx
          .update(followupPlans)
          .set({ active: false, updatedAt: new Date() })
          .where(and(eq(followupPlans.deviceId, d.id), eq(followupPlans.serviceType, 'warranty_period'), eq(followupPlans.active, true)));
        planned = await createPlan(tx, systemActor, {
          deviceId: d.id,
          customerId: d.customerId,
          serviceType: 'post_warranty',
          completedAt: at9(end),
          since: now,
        });
      }
      await tx.execute(sql`delete from care_pending_devices where device_id = ${deviceId}`);
      return planned;
    });
    if (id) n++;
  }
  return n;
}
