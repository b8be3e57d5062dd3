// The technical-support ladder's use cases (技术支持升级, issue 15 §2, R-ESC-1): escalate a work order's
// question to an expert tier, the expert's answer and remote guidance (phone / video / on site),
// closing, the list; progress notes during an emergency repair that reach customer service and the
// managers (seed 001: 及时向客服人员和售后服务经理汇报进展情况); the temporary measure (采取临时应急
// 措施) recorded as "degraded" apart from "restored" — the restore clock keeps running; the
// auto-escalation hours per urgency and who is an expert of which tier.
import { and, asc, desc, eq, ilike, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests, users, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { loadFor } from '../workorders/index.ts';
import {
  ANSWER_DUE_HOURS,
  answerOverdue,
  askingTier,
  dueLadderSteps,
  type ExpertTier,
  escalationAbilities,
  type LadderHours,
  ladderHoursRefusal,
  ladderOrderRefusal,
  SETTLED_STATUSES,
  type Tier,
  type Urgency,
} from './escalations.rules.ts';
import { escalationSettings, escalations, expertTiers, workOrderDegradations, workOrderProgressNotes } from './escalations.tables.ts';

export type Escalation = typeof escalations.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const kind = (k: 'escalation_assigned' | 'escalation_auto' | 'escalation_answered' | 'work_order_progress' | 'work_order_degraded') =>
  k as unknown as NotificationKind;
const TIER_WORDS: Record<Tier, string> = { L1: '一线工程师 / L1', L2: '技术专家 / L2', L3: '研发/生产 / L3' };
const URGENCY_WORDS: Record<Urgency, string> = { emergency: '紧急', urgent: '较急', normal: '一般', low: '不急' };
const settled = SETTLED_STATUSES as unknown as (typeof workOrders.$inferSelect)['status'][];

/** The job with what the ladder needs to say about it. */
async function jobOf(ex: Executor, workOrderId: string) {
  const [j] = await ex
    .select({
      id: workOrders.id,
      number: workOrders.number,
      status: workOrders.status,
      leadEngineerId: workOrders.leadEngineerId,
      degradedAt: workOrders.degradedAt,
      urgency: serviceRequests.urgency,
      receivedAt: serviceRequests.receivedAt,
      customer: customers.name,
      device: sql<string>`${deviceModels.name} || ' ' || ${devices.serialNumber}`,
      modelId: devices.modelId,
      category: deviceModels.category,
    })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(workOrders.id, workOrderId));
  if (!j) throw notFound();
  return j;
}
type Job = Awaited<ReturnType<typeof jobOf>>;

export async function expertTierOf(ex: Executor, userId: string): Promise<ExpertTier | null> {
  const [r] = await ex.select({ tier: expertTiers.tier }).from(expertTiers).where(eq(expertTiers.userId, userId));
  return r?.tier ?? null;
}

/** The experts of a tier who cover the job's model or category (an expert with no list covers all); for L2, the technical_expert role when none is flagged. */
async function expertsFor(ex: Executor, tier: ExpertTier, job: Pick<Job, 'modelId' | 'category'>): Promise<string[]> {
  const rows = await ex
    .select({ userId: expertTiers.userId, modelIds: expertTiers.modelIds, categories: expertTiers.categories })
    .from(expertTiers)
    .innerJoin(users, eq(users.id, expertTiers.userId))
    .where(and(eq(expertTiers.tier, tier), eq(users.active, true)));
  const covering = rows.filter(
    (r) => (r.modelIds.length === 0 && r.categories.length === 0) || r.modelIds.includes(job.modelId) || r.categories.includes(job.category),
  );
  const ids = (covering.length ? covering : rows).map((r) => r.userId);
  if (ids.length || tier === 'L3') return ids;
  return staffWithRoles(ex, ['technical_expert']);
}

/** Customer service and the service managers: who hears of progress during an emergency (seed 001). */
const officeOf = (ex: Executor) => staffWithRoles(ex, ['dispatcher', 'service_manager']);

async function capacityOn(ex: Executor, user: Principal, e: Escalation, leadId: string | null) {
  const tier = await expertTierOf(ex, user.id);
  const expert =
    e.assigneeId === user.id ||
    (tier !== null && tier === e.toTier) ||
    (e.toTier === 'L2' && user.roles.includes('technical_expert')) ||
    (e.toTier === 'L3' && tier === 'L3');
  const owner = e.askedBy === user.id || leadId === user.id || user.roles.includes('service_manager');
  return { expert, owner };
}

// ---- escalate, answer, guidance, close ------------------------------------------------------

export interface EscalateInput {
  toTier: Tier;
  question: string;
  assigneeId?: string | null;
}

export async function escalate(db: Db, user: Principal, workOrderId: string, input: EscalateInput): Promise<Escalation> {
  return db.transaction(async (tx) => {
    await loadFor(tx, user, workOrderId, true);
    const job = await jobOf(tx, workOrderId);
    const from = askingTier(await expertTierOf(tx, user.id));
    const refusal = ladderOrderRefusal(from, input.toTier);
    if (refusal) throw new AppError(422, refusal, {}, [{ field: 'toTier', code: 'invalid' }]);
    if (settled.includes(job.status)) throw new AppError(409, 'escalation_job_settled', { number: job.number, status: job.status });
    const experts = await expertsFor(tx, input.toTier as ExpertTier, job);
    let assigneeId = experts[0] ?? null;
    if (input.assigneeId) {
      const tier = await expertTierOf(tx, input.assigneeId);
      const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, input.assigneeId));
      if (!u) throw invalidField('assigneeId', 'not_found');
      const fits = tier === input.toTier || (input.toTier === 'L2' && tier === null && u.roles.includes('technical_expert'));
      if (!fits) throw new AppError(422, 'escalation_assignee_tier', {}, [{ field: 'assigneeId', code: 'invalid' }]);
      assigneeId = input.assigneeId;
    }
    const row = await insertAudited(tx, actorOf(user), 'escalation', escalations, {
      workOrderId,
      fromTier: from,
      toTier: input.toTier,
      question: input.question,
      askedBy: user.id,
      askedByName: user.displayName,
      askedAt: clockNow(),
      assigneeId,
    });
    await notify(
      tx,
      assigneeId ? [assigneeId] : experts,
      kind('escalation_assigned'),
      { number: job.number, tier: TIER_WORDS[input.toTier], customer: job.customer, device: job.device, question: input.question, asker: user.displayName },
      { entity: 'work_order', id: workOrderId },
    );
    return row;
  });
}

async function lockEscalation(tx: Executor, user: Principal, id: string, version: number) {
  const e = await lockById(tx, escalations, id);
  await loadFor(tx, user, e.workOrderId);
  if (e.status === 'closed') throw new AppError(409, 'escalation_closed');
  if (e.version !== version) throw versionConflict(e.version);
  const job = await jobOf(tx, e.workOrderId);
  return { e, job, cap: await capacityOn(tx, user, e, job.leadEngineerId) };
}

export async function answerEscalation(db: Db, user: Principal, id: string, input: { version: number; answer: string }): Promise<Escalation> {
  return db.transaction(async (tx) => {
    const { e, job, cap } = await lockEscalation(tx, user, id, input.version);
    if (!cap.expert) throw new AppError(403, 'escalation_not_expert');
    const row = await updateAudited(
      tx,
      actorOf(user),
      'escalation',
      escalations,
      id,
      input.version,
      { answer: input.answer, answeredAt: clockNow(), answeredByName: user.displayName, status: 'answered', assigneeId: e.assigneeId ?? user.id },
      e,
    );
    const to = [e.askedBy, job.leadEngineerId].filter((x): x is string => !!x && x !== user.id);
    await notify(
      tx,
      to,
      kind('escalation_answered'),
      { number: job.number, expert: user.displayName, answer: input.answer },
      { entity: 'work_order', id: job.id },
    );
    return row;
  });
}

export interface GuidanceInput {
  version: number;
  channel: 'phone' | 'video' | 'on_site';
  minutes: number;
  note?: string | null;
}

export async function recordGuidance(db: Db, user: Principal, id: string, input: GuidanceInput): Promise<Escalation> {
  return db.transaction(async (tx) => {
    const { e, cap } = await lockEscalation(tx, user, id, input.version);
    if (!cap.expert) throw new AppError(403, 'escalation_not_expert');
    return updateAudited(
      tx,
      actorOf(user),
      'escalation',
      escalations,
      id,
      input.version,
      {
        guidanceChannel: input.channel,
        guidanceMinutes: input.minutes,
        guidanceNote: input.note ?? null,
        guidanceAt: clockNow(),
        assigneeId: e.assigneeId ?? user.id,
      },
      e,
    );
  });
}

export async function closeEscalation(db: Db, user: Principal, id: string, input: { version: number; note?: string | null }): Promise<Escalation> {
  return db.transaction(async (tx) => {
    const { e, cap } = await lockEscalation(tx, user, id, input.version);
    if (!escalationAbilities(e.status, cap).close) throw new AppError(403, 'forbidden');
    return updateAudited(
      tx,
      actorOf(user),
      'escalation',
      escalations,
      id,
      input.version,
      { status: 'closed', closedAt: clockNow(), closedByName: user.displayName, closeNote: input.note ?? null },
      e,
    );
  });
}

// ---- reads ----------------------------------------------------------------------------------

export interface EscalationFilters {
  q?: string;
  sort?: string;
  tier?: Tier;
  status?: 'open' | 'answered' | 'closed' | 'active';
  overdue?: boolean;
  workOrderId?: string;
  mine?: boolean;
}

const assignee = sql<string | null>`(select u.display_name from users u where u.id = ${escalations.assigneeId})`;
function joined(ex: Executor) {
  return ex
    .select({
      e: escalations,
      workOrderNumber: workOrders.number,
      workOrderStatus: workOrders.status,
      degradedAt: workOrders.degradedAt,
      urgency: serviceRequests.urgency,
      customerName: customers.name,
      modelName: deviceModels.name,
      serialNumber: devices.serialNumber,
      assigneeName: assignee,
    })
    .from(escalations)
    .innerJoin(workOrders, eq(workOrders.id, escalations.workOrderId))
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId));
}
export type EscalationRow = Awaited<ReturnType<ReturnType<typeof joined>['execute']>>[number];

function whereOf(user: Principal, f: EscalationFilters, now: Date): SQL | undefined {
  const scope = customerScope(user);
  const overdueSince = new Date(now.getTime() - ANSWER_DUE_HOURS * 3_600_000);
  return allOf(
    scope ? eq(workOrders.customerId, scope) : undefined,
    f.tier ? eq(escalations.toTier, f.tier) : undefined,
    f.status === 'active' ? inArray(escalations.status, ['open', 'answered']) : f.status ? eq(escalations.status, f.status) : undefined,
    f.overdue ? and(eq(escalations.status, 'open'), sql`${escalations.askedAt} < ${overdueSince}`) : undefined,
    f.workOrderId ? eq(escalations.workOrderId, f.workOrderId) : undefined,
    f.mine ? or(eq(escalations.assigneeId, user.id), eq(escalations.askedBy, user.id)) : undefined,
    f.q
      ? or(
          ilike(workOrders.number, likePattern(f.q)),
          ilike(customers.name, likePattern(f.q)),
          ilike(escalations.question, likePattern(f.q)),
          ilike(devices.serialNumber, likePattern(f.q)),
        )
      : undefined,
  );
}
const orderOf = (sort?: string) => {
  const dir = sort?.startsWith('-') ? desc : asc;
  const key = sort?.replace(/^-/, '');
  if (key === 'askedAt') return [dir(escalations.askedAt), dir(escalations.id)];
  if (key === 'tier') return [dir(escalations.toTier), desc(escalations.askedAt), desc(escalations.id)];
  return [desc(escalations.askedAt), desc(escalations.id)];
};

export async function listEscalations(ex: Executor, user: Principal, f: EscalationFilters, page: number, pageSize: number) {
  const now = clockNow();
  const where = whereOf(user, f, now);
  const rows = await joined(ex)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(escalations)
    .innerJoin(workOrders, eq(workOrders.id, escalations.workOrderId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .where(where);
  return { rows, total: Number(n) };
}

export const exportEscalations = (ex: Executor, user: Principal, f: EscalationFilters, limit: number) =>
  joined(ex)
    .where(whereOf(user, f, clockNow()))
    .orderBy(...orderOf(f.sort))
    .limit(limit);

export async function getEscalation(ex: Executor, user: Principal, id: string): Promise<EscalationRow> {
  const [row] = await joined(ex).where(allOf(eq(escalations.id, id), whereOf(user, {}, clockNow())));
  if (!row) throw notFound();
  return row;
}

/** What the caller may do on an escalation (for buttons). */
export async function abilitiesOn(ex: Executor, user: Principal, e: Escalation) {
  const [wo] = await ex.select({ leadId: workOrders.leadEngineerId }).from(workOrders).where(eq(workOrders.id, e.workOrderId));
  return escalationAbilities(e.status, await capacityOn(ex, user, e, wo?.leadId ?? null));
}

export const isOverdue = (e: Escalation, now = clockNow()) => answerOverdue(e, now);

/** The work order's section: the Q/A timeline, progress notes and the temporary measure. */
export async function ladderOf(ex: Executor, user: Principal, workOrderId: string) {
  await loadFor(ex, user, workOrderId);
  const list = await joined(ex).where(eq(escalations.workOrderId, workOrderId)).orderBy(asc(escalations.askedAt), asc(escalations.id));
  const notes = await ex
    .select()
    .from(workOrderProgressNotes)
    .where(eq(workOrderProgressNotes.workOrderId, workOrderId))
    .orderBy(asc(workOrderProgressNotes.at), asc(workOrderProgressNotes.id));
  const [degraded] = await ex.select().from(workOrderDegradations).where(eq(workOrderDegradations.workOrderId, workOrderId));
  return { escalations: list, notes, degraded: degraded ?? null };
}

// ---- progress notes, the temporary measure ----------------------------------------------------

export async function addProgressNote(db: Db, user: Principal, workOrderId: string, input: { note: string }) {
  return db.transaction(async (tx) => {
    await loadFor(tx, user, workOrderId, true);
    const job = await jobOf(tx, workOrderId);
    const row = await insertAudited(tx, actorOf(user), 'work_order_progress_note', workOrderProgressNotes, {
      workOrderId,
      note: input.note,
      byId: user.id,
      byName: user.displayName,
      at: clockNow(),
    });
    const to = (await officeOf(tx)).filter((id) => id !== user.id);
    await notify(
      tx,
      to,
      kind('work_order_progress'),
      { number: job.number, customer: job.customer, device: job.device, by: user.displayName, note: input.note },
      { entity: 'work_order', id: workOrderId },
    );
    return row;
  });
}

/**
 * 采取临时应急措施: the device runs again in a temporary way. Recorded once, with its time, on the
 * work order (`degraded_at`, the tag in lists) and as its own record; the SLA restore clock is
 * NOT stopped — by the seeds the clock is for restoration, so it keeps running until restored.
 */
export async function recordDegraded(db: Db, user: Principal, workOrderId: string, input: { measure: string }) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, workOrderId, true);
    const job = await jobOf(tx, workOrderId);
    if (wo.degradedAt) throw new AppError(409, 'degraded_recorded', { number: wo.number, at: wo.degradedAt.toISOString() });
    if (settled.includes(wo.status)) throw new AppError(409, 'degraded_job_settled', { number: wo.number });
    const at = clockNow();
    const row = await insertAudited(tx, actorOf(user), 'work_order_degradation', workOrderDegradations, {
      workOrderId,
      degradedAt: at,
      measure: input.measure,
      byName: user.displayName,
    });
    // Only this column of the work order: no status step, no version bump of the report content.
    await tx.update(workOrders).set({ degradedAt: at }).where(eq(workOrders.id, workOrderId));
    await recordAudit(tx, {
      actor: actorOf(user),
      entity: 'work_order',
      entityId: workOrderId,
      action: 'update',
      before: { degradedAt: null },
      after: { degradedAt: at, measure: input.measure },
    });
    await notify(
      tx,
      (await officeOf(tx)).filter((id) => id !== user.id),
      kind('work_order_degraded'),
      { number: job.number, customer: job.customer, device: job.device, measure: input.measure },
      { entity: 'work_order', id: workOrderId },
    );
    return row;
  });
}

// ---- settings and experts --------------------------------------------------------------------

export const listLadderSettings = (ex: Executor) =>
  ex.select().from(escalationSettings).orderBy(sql`array_position(array['emergency','urgent','normal','low'], ${escalationSettings.urgency})`);

export async function updateLadderSettings(db: Db, user: Principal, urgency: Urgency, input: LadderHours & { version: number }) {
  const refusal = ladderHoursRefusal(input);
  if (refusal) throw new AppError(422, refusal, {}, [{ field: 'l3AfterHours', code: 'invalid' }]);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(escalationSettings).where(eq(escalationSettings.urgency, urgency)).for('update');
    if (!row) throw notFound();
    return updateAudited(
      tx,
      actorOf(user),
      'escalation_settings',
      escalationSettings,
      row.id,
      input.version,
      {
        l2AfterHours: input.l2AfterHours,
        l3AfterHours: input.l3AfterHours,
      },
      row,
    );
  });
}

export const listExperts = (ex: Executor) =>
  ex
    .select({ x: expertTiers, displayName: users.displayName, username: users.username })
    .from(expertTiers)
    .innerJoin(users, eq(users.id, expertTiers.userId))
    .orderBy(asc(expertTiers.tier), asc(users.displayName));

export interface ExpertInput {
  userId: string;
  tier: ExpertTier;
  modelIds?: string[];
  categories?: string[];
}

/** Flags a staff member as an expert of a tier (or changes the tier or coverage). */
export async function setExpert(db: Db, user: Principal, input: ExpertInput) {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, input.userId));
    if (!u) throw invalidField('userId', 'not_found');
    if (!u.active || u.roles.includes('customer_user')) throw new AppError(422, 'expert_tier_role', {}, [{ field: 'userId', code: 'invalid' }]);
    const values = { tier: input.tier, modelIds: input.modelIds ?? [], categories: input.categories ?? [] };
    const [cur] = await tx.select().from(expertTiers).where(eq(expertTiers.userId, input.userId)).for('update');
    if (cur) return updateAudited(tx, actorOf(user), 'expert_tier', expertTiers, cur.id, cur.version, values, cur);
    return insertAudited(tx, actorOf(user), 'expert_tier', expertTiers, { userId: input.userId, ...values });
  });
}

// ---- the auto-escalation job ---------------------------------------------------------------

/**
 * `escalations.auto` (every minute): each unresolved repair whose urgency has hours set and whose
 * time is up gets the due step — L2 to the covering experts, L3 to R&D/production and the
 * executive — each step ONCE per work order: the step is an escalation row with `auto_step`, and
 * the partial unique index (work_order_id, auto_step) makes a second worker's insert do nothing
 * (ON CONFLICT DO NOTHING), so it neither audits nor notifies twice.
 */
export async function autoEscalate(db: Db, now: Date = clockNow()): Promise<number> {
  const fired = sql<
    ExpertTier[]
  >`coalesce((select array_agg(e.auto_step) from escalations e where e.work_order_id = ${workOrders.id} and e.auto_step is not null), '{}')`;
  const hoursAgo = (col: typeof escalationSettings.l2AfterHours | typeof escalationSettings.l3AfterHours) =>
    sql`${serviceRequests.receivedAt} <= ${now}::timestamptz - make_interval(hours => ${col})`;
  const candidates = await db
    .select({
      id: workOrders.id,
      urgency: serviceRequests.urgency,
      receivedAt: serviceRequests.receivedAt,
      l2AfterHours: escalationSettings.l2AfterHours,
      l3AfterHours: escalationSettings.l3AfterHours,
      fired,
    })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .innerJoin(escalationSettings, sql`${escalationSettings.urgency} = ${serviceRequests.urgency}::text`)
    .where(
      and(
        notInArray(workOrders.status, settled),
        eq(workOrders.kind, 'repair'),
        or(
          and(
            sql`${escalationSettings.l2AfterHours} is not null`,
            hoursAgo(escalationSettings.l2AfterHours),
            sql`not exists (select 1 from escalations e where e.work_order_id = ${workOrders.id} and e.auto_step = 'L2')`,
          ),
          and(
            sql`${escalationSettings.l3AfterHours} is not null`,
            hoursAgo(escalationSettings.l3AfterHours),
            sql`not exists (select 1 from escalations e where e.work_order_id = ${workOrders.id} and e.auto_step = 'L3')`,
          ),
        ),
      ),
    )
    .limit(500);
  let sent = 0;
  for (const c of candidates) {
    const steps = dueLadderSteps({ l2AfterHours: c.l2AfterHours, l3AfterHours: c.l3AfterHours }, new Date(c.receivedAt), now, c.fired ?? []);
    for (const step of steps) {
      const done = await db.transaction(async (tx) => {
        const job = await jobOf(tx, c.id);
        const experts = await expertsFor(tx, step, job);
        const hours = step === 'L2' ? c.l2AfterHours : c.l3AfterHours;
        const [row] = await tx
          .insert(escalations)
          .values({
            workOrderId: c.id,
            fromTier: step === 'L2' ? 'L1' : 'L2',
            toTier: step,
            autoStep: step,
            question: `超时未修复自动升级：${URGENCY_WORDS[c.urgency as Urgency]}报修已超过 ${hours} 小时 / unresolved after ${hours} h`,
            askedBy: null,
            askedByName: 'system',
            askedAt: now,
            assigneeId: experts[0] ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return false;
        await recordAudit(tx, { actor: systemActor, entity: 'escalation', entityId: row.id, action: 'create', after: row });
        const extra = step === 'L3' ? await staffWithRoles(tx, ['executive']) : [];
        const to = [...experts, ...extra, ...(job.leadEngineerId ? [job.leadEngineerId] : []), ...(await staffWithRoles(tx, ['service_manager']))];
        await notify(
          tx,
          to,
          kind('escalation_auto'),
          { number: job.number, tier: TIER_WORDS[step], customer: job.customer, device: job.device, urgency: URGENCY_WORDS[c.urgency as Urgency], hours },
          { entity: 'work_order', id: c.id },
        );
        return true;
      });
      if (done) sent += 1;
    }
  }
  return sent;
}
