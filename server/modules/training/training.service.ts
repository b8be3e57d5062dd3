// Training (issue 12 item 3, R-TR-1; seed 004 §5.2/§8, seed 003 办法§18, seed 001): customer
// sessions with attendees, assessments and certificates; the hospital's training archive; staff
// plans, records and assessments; qualifications and the dispatch check built on them.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, departments, deviceModels, devices, users } from '../../db/schema.ts';
import { can, type Principal } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { numberFromSequence } from '../system/index.ts';
import { trainingPolicy } from './training.policy.ts';
import { CERTIFICATE_PREFIX, dayIn, EXPIRING_WITHIN_DAYS, passes, type QualificationState, qualificationState, sessionCompleted } from './training.rules.ts';
import { qualifications, staffTrainingPlans, staffTrainingRecords, trainingAttendees, trainingSessions } from './training.tables.ts';

type Session = typeof trainingSessions.$inferSelect;
type Attendee = typeof trainingAttendees.$inferSelect;

// ---- customer training -----------------------------------------------------------------

export interface SessionInput {
  customerId: string;
  departmentId?: string | null;
  modelId?: string | null;
  deviceIds?: string[];
  title: string;
  heldOn: string;
  place: string;
  trainerId: string;
  syllabus: string;
  passMark?: number;
}

const sameCustomer = (field: string) => new AppError(422, 'customer_mismatch', { field }, [{ field, code: 'customer_mismatch' }]);

/** The session's references: devices of the hospital and of one model (the model follows them when not given). */
async function vetSession(tx: Executor, s: Omit<SessionInput, 'title' | 'place' | 'syllabus' | 'heldOn'>) {
  const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, s.customerId));
  if (!c) throw invalidField('customerId', 'invalid_reference');
  if (s.departmentId) {
    const [d] = await tx.select({ customerId: departments.customerId }).from(departments).where(eq(departments.id, s.departmentId));
    if (!d) throw invalidField('departmentId', 'invalid_reference');
    if (d.customerId !== s.customerId) throw sameCustomer('departmentId');
  }
  const ids = [...new Set(s.deviceIds ?? [])];
  let modelId = s.modelId ?? null;
  if (ids.length) {
    const ds = await tx.select({ id: devices.id, customerId: devices.customerId, modelId: devices.modelId }).from(devices).where(inArray(devices.id, ids));
    if (ds.length !== ids.length) throw invalidField('deviceIds', 'invalid_reference');
    if (ds.some((d) => d.customerId !== s.customerId)) throw sameCustomer('deviceIds');
    modelId ??= ds[0].modelId;
    if (ds.some((d) => d.modelId !== modelId)) throw invalidField('deviceIds', 'model_mismatch');
  }
  if (!modelId) throw invalidField('modelId', 'required');
  const [m] = await tx.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.id, modelId));
  if (!m) throw invalidField('modelId', 'invalid_reference');
  const [tr] = await tx.select({ id: users.id, active: users.active, roles: users.roles }).from(users).where(eq(users.id, s.trainerId));
  if (!tr?.active || tr.roles.includes('customer_user')) throw invalidField('trainerId', 'invalid_reference');
  return { modelId, deviceIds: ids };
}

export async function createSession(db: Db, actor: Actor, input: SessionInput) {
  return db.transaction((tx) => createSessionIn(tx, actor, input));
}

/** createSession in the caller's transaction (the installations module plans the operator training at acceptance). */
export async function createSessionIn(tx: Executor, actor: Actor, input: SessionInput) {
  const refs = await vetSession(tx, input);
  return insertAudited(tx, actor, 'training_session', trainingSessions, {
    ...input,
    departmentId: input.departmentId ?? null,
    ...refs,
    passMark: input.passMark ?? 60,
  });
}

export async function updateSession(db: Db, actor: Actor, id: string, version: number, patch: Partial<SessionInput>) {
  return db.transaction(async (tx) => {
    const s = await lockById(tx, trainingSessions, id);
    // R-TR-1: a completed session (assessment recorded) is read-only — the rule behind abilities.update.
    const scored = await tx.select({ score: trainingAttendees.score }).from(trainingAttendees).where(eq(trainingAttendees.sessionId, id));
    if (sessionCompleted(scored)) throw new AppError(409, 'session_completed');
    const merged = { ...s, ...patch };
    const refs = await vetSession(tx, { ...merged, modelId: patch.deviceIds && !patch.modelId ? null : merged.modelId });
    if (patch.passMark !== undefined && patch.passMark !== s.passMark) {
      // A new pass mark re-decides the assessments, but a certificate once issued stands (R-TR-1).
      const certified = await tx
        .select({ id: trainingAttendees.id })
        .from(trainingAttendees)
        .where(
          and(
            eq(trainingAttendees.sessionId, id),
            sql`${trainingAttendees.certificateNumber} is not null`,
            sql`${trainingAttendees.score} < ${patch.passMark}`,
          ),
        );
      if (certified.length) throw invalidField('passMark', 'invalid');
    }
    const row = await updateAudited(tx, actor, 'training_session', trainingSessions, id, version, { ...patch, ...refs }, s);
    if (patch.passMark !== undefined)
      await tx
        .update(trainingAttendees)
        .set({ passed: sql`${trainingAttendees.score} >= ${row.passMark}` })
        .where(and(eq(trainingAttendees.sessionId, id), sql`${trainingAttendees.score} is not null`));
    return row;
  });
}

const sessionCols = {
  s: trainingSessions,
  customerName: customers.name,
  departmentName: departments.name,
  modelCode: deviceModels.code,
  modelName: deviceModels.name,
  trainerName: users.displayName,
};
const sessionQuery = (ex: Executor) =>
  ex
    .select(sessionCols)
    .from(trainingSessions)
    .innerJoin(customers, eq(customers.id, trainingSessions.customerId))
    .innerJoin(deviceModels, eq(deviceModels.id, trainingSessions.modelId))
    .innerJoin(users, eq(users.id, trainingSessions.trainerId))
    .leftJoin(departments, eq(departments.id, trainingSessions.departmentId));
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

export async function listSessions(ex: Executor, q: { scope: string | null; customerId?: string; page: number; pageSize: number }) {
  const where = and(q.scope ? eq(trainingSessions.customerId, q.scope) : undefined, q.customerId ? eq(trainingSessions.customerId, q.customerId) : undefined);
  const rows = await sessionQuery(ex)
    .where(where)
    .orderBy(desc(trainingSessions.heldOn), desc(trainingSessions.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(trainingSessions).where(where);
  const counts = await attendeeCounts(
    ex,
    rows.map((r) => r.s.id),
  );
  return { rows: rows.map((r) => ({ ...r, ...(counts.get(r.s.id) ?? { attendees: 0, passed: 0 }) })), total: Number(n) };
}

async function attendeeCounts(ex: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, { attendees: number; passed: number }>();
  const r = await ex
    .select({
      id: trainingAttendees.sessionId,
      attendees: sql<number>`count(*)::int`,
      passed: sql<number>`count(*) filter (where ${trainingAttendees.passed})::int`,
    })
    .from(trainingAttendees)
    .where(inArray(trainingAttendees.sessionId, ids))
    .groupBy(trainingAttendees.sessionId);
  return new Map(r.map((x) => [x.id, { attendees: Number(x.attendees), passed: Number(x.passed) }]));
}

/** A session with its attendees; a hospital user sees only their own hospital's (404 otherwise). */
export async function getSession(ex: Executor, id: string, scope: string | null) {
  const [r] = await sessionQuery(ex).where(and(eq(trainingSessions.id, id), scope ? eq(trainingSessions.customerId, scope) : undefined));
  if (!r) throw notFound();
  const attendees = await ex
    .select()
    .from(trainingAttendees)
    .where(eq(trainingAttendees.sessionId, id))
    .orderBy(asc(trainingAttendees.createdAt), asc(trainingAttendees.id));
  const ds = r.s.deviceIds.length
    ? await ex.select({ id: devices.id, serialNumber: devices.serialNumber }).from(devices).where(inArray(devices.id, r.s.deviceIds))
    : [];
  return { ...r, attendees, devices: ds };
}

export interface AttendeeInput {
  name: string;
  department?: string | null;
  jobTitle?: string | null;
  phone?: string | null;
  score?: number | null;
}

/** Assessment → passed/failed by the session's pass mark; a pass gets its numbered certificate (R-TR-1). */
function assess(s: Session, a: Pick<Attendee, 'certificateNumber'> | null, score: number | null | undefined, at: Date) {
  if (score === undefined) return {};
  if (a?.certificateNumber && (score === null || !passes(score, s.passMark))) throw invalidField('score', 'invalid');
  const passed = score === null ? null : passes(score, s.passMark);
  if (!passed || a?.certificateNumber) return { score, passed };
  const year = Number(s.heldOn.slice(0, 4));
  return {
    score,
    passed,
    certificateNumber: numberFromSequence(CERTIFICATE_PREFIX, year) as unknown as string,
    certificateToken: randomBytes(18).toString('base64url'),
    certificateIssuedAt: at,
  };
}

export async function addAttendee(db: Db, actor: Actor, sessionId: string, input: AttendeeInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const s = await lockById(tx, trainingSessions, sessionId);
    const { score, ...rest } = input;
    return insertAudited(tx, actor, 'training_attendee', trainingAttendees, { ...rest, sessionId, ...assess(s, null, score ?? null, now) });
  });
}

export async function updateAttendee(db: Db, actor: Actor, sessionId: string, id: string, version: number, patch: Partial<AttendeeInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const s = await lockById(tx, trainingSessions, sessionId);
    const a = await lockById(tx, trainingAttendees, id);
    if (a.sessionId !== s.id) throw notFound();
    const { score, ...rest } = patch;
    return updateAudited(tx, actor, 'training_attendee', trainingAttendees, id, version, { ...rest, ...assess(s, a, score, now) }, a);
  });
}

/** One attendee's certificate facts (the PDF's content); scoped like the session. */
export async function certificateOf(ex: Executor, sessionId: string, attendeeId: string, scope: string | null) {
  const s = await getSession(ex, sessionId, scope);
  const a = s.attendees.find((x) => x.id === attendeeId);
  if (!a?.certificateNumber) throw notFound();
  return { session: s, attendee: a };
}

/** Public verification (no login): only the certificate's own facts, by its unguessable token. */
export async function verifyCertificate(ex: Executor, token: string) {
  const [r] = await ex
    .select({
      number: trainingAttendees.certificateNumber,
      name: trainingAttendees.name,
      issuedAt: trainingAttendees.certificateIssuedAt,
      passed: trainingAttendees.passed,
      heldOn: trainingSessions.heldOn,
      modelCode: deviceModels.code,
      modelName: deviceModels.name,
      customerName: customers.name,
    })
    .from(trainingAttendees)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendees.sessionId))
    .innerJoin(deviceModels, eq(deviceModels.id, trainingSessions.modelId))
    .innerJoin(customers, eq(customers.id, trainingSessions.customerId))
    .where(eq(trainingAttendees.certificateToken, token));
  if (!r?.number) throw notFound();
  return { number: r.number, name: r.name, hospital: r.customerName, model: `${r.modelName}（${r.modelCode}）`, heldOn: r.heldOn, valid: r.passed === true };
}

/** The hospital's training archive: every session and attendee (seed 003 办法§18). */
export async function archiveOf(ex: Executor, customerId: string) {
  return ex
    .select({
      sessionId: trainingSessions.id,
      title: trainingSessions.title,
      heldOn: trainingSessions.heldOn,
      place: trainingSessions.place,
      modelCode: deviceModels.code,
      modelName: deviceModels.name,
      trainerName: users.displayName,
      passMark: trainingSessions.passMark,
      attendeeId: trainingAttendees.id,
      name: trainingAttendees.name,
      department: trainingAttendees.department,
      jobTitle: trainingAttendees.jobTitle,
      score: trainingAttendees.score,
      passed: trainingAttendees.passed,
      certificateNumber: trainingAttendees.certificateNumber,
    })
    .from(trainingSessions)
    .innerJoin(deviceModels, eq(deviceModels.id, trainingSessions.modelId))
    .innerJoin(users, eq(users.id, trainingSessions.trainerId))
    .leftJoin(trainingAttendees, eq(trainingAttendees.sessionId, trainingSessions.id))
    .where(eq(trainingSessions.customerId, customerId))
    .orderBy(desc(trainingSessions.heldOn), asc(trainingSessions.id), asc(trainingAttendees.createdAt));
}

// ---- staff training ----------------------------------------------------------------------

async function vetStaff(tx: Executor, field: string, ids: string[]) {
  if (!ids.length) return;
  const found = await tx.select({ id: users.id, roles: users.roles }).from(users).where(inArray(users.id, ids));
  if (found.length !== new Set(ids).size || found.some((u) => u.roles.includes('customer_user'))) throw invalidField(field, 'invalid_reference');
}
async function vetModel(tx: Executor, modelId: string | null | undefined) {
  if (!modelId) return;
  const [m] = await tx.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.id, modelId));
  if (!m) throw invalidField('modelId', 'invalid_reference');
}

export interface PlanInput {
  year: number;
  topic: string;
  modelId?: string | null;
  skill?: string | null;
  plannedMonth: number;
  traineeIds: string[];
}
export async function createPlan(db: Db, actor: Actor, input: PlanInput) {
  return db.transaction(async (tx) => {
    await vetModel(tx, input.modelId);
    await vetStaff(tx, 'traineeIds', input.traineeIds);
    return insertAudited(tx, actor, 'staff_training_plan', staffTrainingPlans, { ...input, traineeIds: [...new Set(input.traineeIds)] });
  });
}
export async function listPlans(ex: Executor, year: number) {
  return ex
    .select({ p: staffTrainingPlans, modelCode: deviceModels.code })
    .from(staffTrainingPlans)
    .leftJoin(deviceModels, eq(deviceModels.id, staffTrainingPlans.modelId))
    .where(eq(staffTrainingPlans.year, year))
    .orderBy(asc(staffTrainingPlans.plannedMonth), asc(staffTrainingPlans.topic));
}

export interface RecordInput {
  planId?: string | null;
  traineeId: string;
  topic: string;
  modelId?: string | null;
  skill?: string | null;
  heldOn: string;
  hours: number;
  trainer: string;
  selfScore?: number | null;
  supervisorScore?: number | null;
  customerScore?: number | null;
  assessmentComment?: string | null;
}
export async function createRecord(db: Db, actor: Actor, input: RecordInput) {
  return db.transaction(async (tx) => {
    await vetModel(tx, input.modelId);
    await vetStaff(tx, 'traineeId', [input.traineeId]);
    if (input.planId) {
      const [p] = await tx.select({ id: staffTrainingPlans.id }).from(staffTrainingPlans).where(eq(staffTrainingPlans.id, input.planId));
      if (!p) throw invalidField('planId', 'invalid_reference');
    }
    return insertAudited(tx, actor, 'staff_training_record', staffTrainingRecords, { ...input, hours: String(input.hours) });
  });
}
export async function assessRecord(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  patch: Pick<RecordInput, 'selfScore' | 'supervisorScore' | 'customerScore' | 'assessmentComment'>,
) {
  return db.transaction(async (tx) => updateAudited(tx, actor, 'staff_training_record', staffTrainingRecords, id, version, patch));
}
export async function listRecords(ex: Executor, q: { traineeId?: string; year?: number }) {
  return ex
    .select({ r: staffTrainingRecords, traineeName: users.displayName, modelCode: deviceModels.code })
    .from(staffTrainingRecords)
    .innerJoin(users, eq(users.id, staffTrainingRecords.traineeId))
    .leftJoin(deviceModels, eq(deviceModels.id, staffTrainingRecords.modelId))
    .where(
      and(
        q.traineeId ? eq(staffTrainingRecords.traineeId, q.traineeId) : undefined,
        q.year ? sql`extract(year from ${staffTrainingRecords.heldOn}) = ${q.year}` : undefined,
      ),
    )
    .orderBy(desc(staffTrainingRecords.heldOn), asc(staffTrainingRecords.id))
    .limit(500);
}

// ---- qualifications -------------------------------------------------------------------------

export interface QualificationInput {
  userId: string;
  modelId?: string | null;
  skill?: string | null;
  grantedOn: string;
  expiresOn: string;
  basisRecordId?: string | null;
  basis: string;
}
export async function grantQualification(db: Db, actor: Actor & { id: string }, input: QualificationInput) {
  return db.transaction(async (tx) => {
    if (!input.modelId === !input.skill) throw invalidField('modelId', 'subject_required');
    if (input.expiresOn <= input.grantedOn) throw invalidField('expiresOn', 'date_order', { earlier: 'grantedOn' });
    await vetModel(tx, input.modelId);
    const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, input.userId));
    if (!u || u.roles.includes('customer_user')) throw invalidField('userId', 'invalid_reference');
    if (input.basisRecordId) {
      const [r] = await tx
        .select({ traineeId: staffTrainingRecords.traineeId })
        .from(staffTrainingRecords)
        .where(eq(staffTrainingRecords.id, input.basisRecordId));
      if (!r || r.traineeId !== input.userId) throw invalidField('basisRecordId', 'invalid_reference');
    }
    return insertAudited(tx, actor, 'qualification', qualifications, {
      ...input,
      modelId: input.modelId ?? null,
      skill: input.skill ?? null,
      grantedBy: actor.id,
    });
  });
}

export async function updateQualification(db: Db, actor: Actor, id: string, version: number, patch: { expiresOn?: string; basis?: string }) {
  return db.transaction(async (tx) => {
    const q = await lockById(tx, qualifications, id);
    if (patch.expiresOn && patch.expiresOn <= q.grantedOn) throw invalidField('expiresOn', 'date_order', { earlier: 'grantedOn' });
    return updateAudited(tx, actor, 'qualification', qualifications, id, version, patch, q);
  });
}

export async function listQualifications(ex: Executor, q: { userId?: string; expiringBefore?: string; validOn?: string } = {}) {
  return ex
    .select({ q: qualifications, userName: users.displayName, modelCode: deviceModels.code, modelName: deviceModels.name })
    .from(qualifications)
    .innerJoin(users, eq(users.id, qualifications.userId))
    .leftJoin(deviceModels, eq(deviceModels.id, qualifications.modelId))
    .where(
      and(
        q.userId ? eq(qualifications.userId, q.userId) : undefined,
        q.expiringBefore ? lte(qualifications.expiresOn, q.expiringBefore) : undefined,
        q.validOn
          ? and(lte(qualifications.grantedOn, q.validOn), gte(qualifications.expiresOn, q.validOn), sql`${qualifications.expiresOn} > ${q.validOn}`)
          : undefined,
      ),
    )
    .orderBy(asc(qualifications.expiresOn), asc(users.displayName));
}

/** Valid on `day` and expiring within 30 days: the manager's list. */
export async function expiringQualifications(ex: Executor, day: string, days = EXPIRING_WITHIN_DAYS) {
  const limit = new Date(`${day}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return listQualifications(ex, { validOn: day, expiringBefore: limit.toISOString().slice(0, 10) });
}

// ---- dispatch (seed 001 经过严格的培训和考核后上岗; seed 003 维修人员必须经培训合格后方可上岗) ----

/** Each person's standing for the model on the day of `at`: qualified / expired / none. */
export async function qualificationStates(
  ex: Executor,
  userIds: string[],
  modelId: string | null,
  at: Date,
  timeZone: string,
): Promise<Map<string, QualificationState>> {
  const out = new Map<string, QualificationState>();
  if (!userIds.length) return out;
  if (!modelId) {
    for (const id of userIds) out.set(id, 'qualified');
    return out;
  }
  const qs = await ex
    .select({ userId: qualifications.userId, modelId: qualifications.modelId, grantedOn: qualifications.grantedOn, expiresOn: qualifications.expiresOn })
    .from(qualifications)
    .where(and(inArray(qualifications.userId, userIds), eq(qualifications.modelId, modelId)));
  const day = dayIn(at, timeZone);
  for (const id of userIds) out.set(id, qualificationState(qs, id, modelId, day));
  return out;
}

/**
 * The dispatch rule (R-TR-1; seed 003 维修人员必须经培训合格后方可上岗, dealers' staff too): the lead
 * AND every helper must hold a valid qualification for the device's model; otherwise a service
 * manager (or admin) may override with one reason covering the named people, audited here on the
 * work order. Throws the translated 422 naming the field (leadEngineerId / helperIds) and the
 * people (or 403 for an override by someone else).
 */
export async function vetTeamQualification(
  ex: Executor,
  user: Principal,
  input: {
    workOrderId: string;
    leadId: string;
    helperIds?: readonly string[];
    deviceId: string | null;
    overrideReason?: string | null;
    at: Date;
    timeZone: string;
  },
): Promise<{
  state: QualificationState;
  overridden: boolean;
  modelId: string | null;
  unqualified: { userId: string; role: 'lead' | 'helper'; qualification: QualificationState }[];
}> {
  const helpers = [...new Set(input.helperIds ?? [])].filter((h) => h !== input.leadId);
  if (!input.deviceId) return { state: 'qualified', overridden: false, modelId: null, unqualified: [] };
  const [d] = await ex
    .select({ modelId: devices.modelId, code: deviceModels.code, name: deviceModels.name })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(devices.id, input.deviceId));
  if (!d) return { state: 'qualified', overridden: false, modelId: null, unqualified: [] };
  const states = await qualificationStates(ex, [input.leadId, ...helpers], d.modelId, input.at, input.timeZone);
  const state = states.get(input.leadId) ?? 'none';
  const unqualified = [
    ...(state === 'qualified' ? [] : [{ userId: input.leadId, role: 'lead' as const, qualification: state }]),
    ...helpers
      .map((userId) => ({ userId, role: 'helper' as const, qualification: states.get(userId) ?? ('none' as QualificationState) }))
      .filter((h) => h.qualification !== 'qualified'),
  ];
  if (!unqualified.length) return { state, overridden: false, modelId: d.modelId, unqualified };
  if (input.overrideReason?.trim()) {
    if (!can(user, trainingPolicy, 'overrideDispatch')) throw new AppError(403, 'override_not_allowed');
    await recordAudit(ex, {
      actor: { id: user.id, name: user.displayName },
      entity: 'work_order',
      entityId: input.workOrderId,
      action: 'qualification_override',
      after: {
        leadEngineerId: input.leadId,
        modelId: d.modelId,
        qualification: state,
        helperIds: helpers,
        unqualified,
        reason: input.overrideReason.trim(),
      },
    });
    return { state, overridden: true, modelId: d.modelId, unqualified };
  }
  const ids = unqualified.map((u) => u.userId);
  const names = await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? '';
  const fields = [
    ...(state === 'qualified' ? [] : [{ field: 'leadEngineerId', code: 'not_qualified' as const }]),
    ...(unqualified.some((u) => u.role === 'helper') ? [{ field: 'helperIds', code: 'not_qualified' as const }] : []),
  ];
  throw new AppError(422, 'engineer_not_qualified', { engineer: ids.map(nameOf).join('、'), model: `${d.name}（${d.code}）` }, fields, {
    qualification: state === 'qualified' ? unqualified[0].qualification : state,
    unqualified: unqualified.map((u) => ({ ...u, name: nameOf(u.userId) })),
  });
}

/** The lead alone (kept for callers that set no helpers). */
export async function vetLeadQualification(
  ex: Executor,
  user: Principal,
  input: { workOrderId: string; leadId: string; deviceId: string | null; overrideReason?: string | null; at: Date; timeZone: string },
) {
  return vetTeamQualification(ex, user, input);
}

/** Qualifications of everyone for the matrix: engineer × model with the latest expiry. */
export async function qualificationMatrix(ex: Executor) {
  const people = await ex
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.roles} && array['engineer','technician','technical_expert']::text[]`))
    .orderBy(asc(users.displayName));
  const models = await ex.select({ id: deviceModels.id, code: deviceModels.code, name: deviceModels.name }).from(deviceModels).orderBy(asc(deviceModels.code));
  const qs = await ex
    .select({ userId: qualifications.userId, modelId: qualifications.modelId, grantedOn: qualifications.grantedOn, expiresOn: qualifications.expiresOn })
    .from(qualifications)
    .where(and(isNull(qualifications.skill)));
  return { people, models, qualifications: qs };
}
