// 技术咨询 (seed 004 §5.1; seed 003 4.4.2; R-ESC-1): a question from a hospital about a device or
// model, answered by customer service or an engineer, or escalated to a technical expert who
// researches it; the answer is timed (plain minutes) and may be flagged for a future knowledge base.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify } from '../notifications/index.ts';
import { nextNumber } from '../system/index.ts';
import { answerMinutes, type ConsultationAction, type ConsultationStatus, nextConsultationStatus, normalizePhone } from './calls.rules.ts';
import { consultations } from './calls.tables.ts';

type Consultation = typeof consultations.$inferSelect;

export interface NewConsultation {
  question: string;
  customerId: string;
  deviceId?: string | null;
  modelId?: string | null;
  askerName?: string | null;
  askerPhone?: string | null;
  askedAt?: Date;
  assigneeId?: string | null;
  callId?: string | null;
}

async function assertRole(ex: Executor, id: string, field: string, roles: string[], code: 'not_expert' | 'not_engineer') {
  const [u] = await ex.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, id));
  if (!u?.active || !u.roles.some((r) => roles.includes(r))) throw invalidField(field, code);
}

/** Inside the caller's transaction (a call turned into a consultation links both in one commit). */
export async function insertConsultation(tx: Executor, actor: Actor, input: NewConsultation, now: Date) {
  const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
  if (!c) throw invalidField('customerId', 'invalid_reference');
  let modelId = input.modelId ?? null;
  if (input.deviceId) {
    const [d] = await tx.select({ customerId: devices.customerId, modelId: devices.modelId }).from(devices).where(eq(devices.id, input.deviceId));
    if (!d) throw invalidField('deviceId', 'invalid_reference');
    if (d.customerId !== input.customerId) throw invalidField('deviceId', 'customer_mismatch');
    modelId = modelId ?? d.modelId;
  }
  if (input.assigneeId) await assertRole(tx, input.assigneeId, 'assigneeId', ['engineer', 'technical_expert', 'dispatcher', 'service_manager'], 'not_engineer');
  const askedAt = input.askedAt ?? now;
  if (askedAt.getTime() > now.getTime() + 60_000) throw invalidField('askedAt', 'invalid');
  return insertAudited(tx, actor, 'consultation', consultations, {
    number: await nextNumber(tx, 'ZX', Number(askedAt.toISOString().slice(0, 4))),
    question: input.question,
    customerId: input.customerId,
    deviceId: input.deviceId ?? null,
    modelId,
    askerName: input.askerName ?? null,
    askerPhone: input.askerPhone ? normalizePhone(input.askerPhone) : null,
    askedAt,
    assigneeId: input.assigneeId ?? null,
    callId: input.callId ?? null,
  });
}

export function createConsultation(db: Db, actor: Actor, input: NewConsultation, now = new Date()) {
  return db.transaction((tx) => insertConsultation(tx, actor, input, now));
}

const MANAGERS = ['admin', 'service_manager'];

/**
 * Engineers and experts handle what is theirs: the assignee (an unassigned one is taken by
 * answering it), or the expert once escalated. Customer service and managers handle any.
 */
function mayHandle(user: Principal, c: Consultation, action: ConsultationAction) {
  if (user.roles.some((r) => MANAGERS.includes(r))) return true;
  if (action === 'research') return c.expertId === user.id;
  if (user.roles.includes('dispatcher')) return true;
  if (c.status === 'escalated' || c.status === 'researched') return c.expertId === user.id;
  return c.assigneeId === null || c.assigneeId === user.id || c.expertId === user.id;
}

export interface StepInput {
  version: number;
  action: ConsultationAction;
  answer?: string | null;
  expertId?: string | null;
  escalationReason?: string | null;
  research?: string | null;
  kbCandidate?: boolean;
}

export async function stepConsultation(db: Db, user: Principal, id: string, input: StepInput, now = new Date()) {
  const actor: Actor = { id: user.id, name: user.displayName };
  return db.transaction(async (tx) => {
    const before = await lockById(tx, consultations, id);
    if (before.version !== input.version) throw versionConflict(before.version);
    const to = nextConsultationStatus(before.status as ConsultationStatus, input.action);
    if (!to) throw new AppError(409, 'consultation_bad_step', { from: before.status, action: input.action });
    if (!mayHandle(user, before, input.action)) throw new AppError(403, 'consultation_not_yours');
    const patch: Partial<Consultation> = { status: to };
    if (input.action === 'answer') {
      if (!input.answer) throw invalidField('answer', 'required');
      patch.answer = input.answer;
      patch.answeredById = user.id;
      patch.answeredAt = now;
      patch.answerMinutes = answerMinutes(before.askedAt, now);
      if (!before.assigneeId && user.roles.some((r) => r === 'engineer' || r === 'technical_expert')) patch.assigneeId = user.id;
    } else if (input.action === 'escalate') {
      if (!input.expertId) throw invalidField('expertId', 'required');
      if (!input.escalationReason) throw invalidField('escalationReason', 'required');
      await assertRole(tx, input.expertId, 'expertId', ['technical_expert'], 'not_expert');
      Object.assign(patch, { expertId: input.expertId, escalationReason: input.escalationReason, escalatedAt: now });
    } else if (input.action === 'research') {
      if (!input.research) throw invalidField('research', 'required');
      Object.assign(patch, { research: input.research, researchedAt: now });
    } else if (input.action === 'close') {
      patch.closedAt = now;
    }
    if (input.kbCandidate !== undefined) patch.kbCandidate = input.kbCandidate;
    const row = await updateAudited(tx, actor, 'consultation', consultations, id, input.version, patch, before);
    if (input.action === 'escalate') {
      await notify(
        tx,
        [input.expertId as string],
        'consultation_escalated' as unknown as NotificationKind,
        { number: row.number, reason: input.escalationReason ?? '' },
        {
          entity: 'consultation',
          id: row.id,
        },
      );
    }
    return row;
  });
}

export async function updateConsultation(db: Db, actor: Actor, id: string, version: number, patch: { kbCandidate?: boolean; assigneeId?: string | null }) {
  return db.transaction(async (tx) => {
    const before = await lockById(tx, consultations, id);
    if (patch.assigneeId)
      await assertRole(tx, patch.assigneeId, 'assigneeId', ['engineer', 'technical_expert', 'dispatcher', 'service_manager'], 'not_engineer');
    return updateAudited(tx, actor, 'consultation', consultations, id, version, patch, before);
  });
}

const name = (col: unknown) => sql<string | null>`(select display_name from users u where u.id = ${col})`;
export const consultationSelect = {
  c: consultations,
  customerName: customers.name,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  assigneeName: name(consultations.assigneeId),
  expertName: name(consultations.expertId),
  answeredByName: name(consultations.answeredById),
};
const joined = (ex: Executor) =>
  ex
    .select(consultationSelect)
    .from(consultations)
    .innerJoin(customers, eq(customers.id, consultations.customerId))
    .leftJoin(devices, eq(devices.id, consultations.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, consultations.modelId));

export async function listConsultations(
  ex: Executor,
  q: { q?: string; status?: ConsultationStatus; mine?: string; customerId?: string; scope: string | null; page: number; pageSize: number },
) {
  const pattern = q.q?.trim() ? likePattern(q.q.trim()) : null;
  const where = allOf(
    q.scope ? eq(consultations.customerId, q.scope) : undefined,
    q.customerId ? eq(consultations.customerId, q.customerId) : undefined,
    q.status ? eq(consultations.status, q.status) : undefined,
    q.mine ? sql`(${consultations.assigneeId} = ${q.mine} or ${consultations.expertId} = ${q.mine})` : undefined,
    pattern
      ? (sql`(${consultations.question} ilike ${pattern} or ${consultations.number} ilike ${pattern} or ${customers.name} ilike ${pattern})` as SQL)
      : undefined,
  );
  const rows = await joined(ex)
    .where(where)
    .orderBy(desc(consultations.askedAt), desc(consultations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(consultations)
    .innerJoin(customers, eq(customers.id, consultations.customerId))
    .where(where);
  return { rows, total: Number(n) };
}

export async function getConsultation(ex: Executor, id: string, scope: string | null) {
  const [row] = await joined(ex).where(and(eq(consultations.id, id), scope ? eq(consultations.customerId, scope) : undefined));
  if (!row) throw notFound();
  return row;
}
