// Complaints (R-CP-1..5): registered from any channel (hotline, email, portal, survey,
// follow-up), linked to device / work order / follow-up / survey; severity, owner, deadline;
// a major one notifies the executive at once; the file moves through investigation, reply,
// verification and closure, and closes only when complete (R-CP-4); a repeat of the same
// cause for the same customer is linked to the first and counts double (R-CP-3).
import { and, asc, desc, eq, gte, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, type surveys, users, workOrders } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { dateIn } from '../../lib/calendar.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { fieldLabel, type Locale } from '../../lib/i18n.ts';
import { lockById, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { nextNumber } from '../system/index.ts';
import { openAdverseEventForComplaint } from '../vigilance/index.ts';
import { type ComplaintStatus, complaintEditable, deadlineFor, missingForClosure, type Severity, TRANSITIONS, weightOf } from './complaints.rules.ts';
import { complaints } from './complaints.tables.ts';

const kind = (k: 'complaint_major' | 'complaint_assigned') => k as unknown as NotificationKind;
type Complaint = typeof complaints.$inferSelect;

async function number(tx: Executor, at: Date) {
  return nextNumber(tx, 'TS', Number(at.toISOString().slice(0, 4)));
}

/** A survey's low rating or complaint-like comment opens a draft for customer service (R-SV-1). */
export async function createComplaintDraft(tx: Executor, actor: Actor, input: { survey: typeof surveys.$inferSelect; flag: string; now: Date }) {
  const s = input.survey;
  const [d] = await tx.select({ serial: devices.serialNumber, udi: devices.udi }).from(devices).where(eq(devices.id, s.deviceId));
  const ratings = `服务态度 ${s.attitude} / 技术水平 ${s.skill} / 到达及时 ${s.timeliness} / 信守承诺 ${s.promise}`;
  const [row] = await tx
    .insert(complaints)
    .values({
      number: await number(tx, input.now),
      status: 'draft',
      channel: 'survey',
      receivedAt: input.now,
      customerId: s.customerId,
      complainantName: s.respondentName ?? '调查问卷',
      deviceId: s.deviceId,
      deviceIdentifier: d?.udi ?? d?.serial ?? null,
      workOrderId: s.workOrderId,
      surveyId: s.id,
      matter: s.comments ? `${s.comments}（${ratings}）` : `满意度调查低分：${ratings}`,
    })
    .returning();
  await recordAudit(tx, { actor, entity: 'complaint', entityId: row.id, action: 'create', after: row });
  return row;
}

export interface NewComplaint {
  channel: Complaint['channel'];
  receivedAt?: Date;
  customerId: string;
  complainantName: string;
  complainantPhone?: string | null;
  deviceId?: string | null;
  workOrderId?: string | null;
  followupId?: string | null;
  surveyId?: string | null;
  matter: string;
  cause?: Complaint['cause'];
  severity: Severity;
  ownerId?: string | null;
  deadline?: string | null;
}

async function deviceIdentifierOf(tx: Executor, deviceId: string | null | undefined, customerId: string) {
  if (!deviceId) return null;
  const [d] = await tx.select().from(devices).where(eq(devices.id, deviceId));
  if (!d) throw invalidField('deviceId', 'invalid_reference');
  if (d.customerId !== customerId) throw new AppError(422, 'customer_mismatch', { field: 'deviceId' }, [{ field: 'deviceId', code: 'customer_mismatch' }]);
  return d.udi ?? d.serialNumber;
}

/** The earliest other complaint of the same customer with the same cause (R-CP-3). */
async function firstOfSameCause(tx: Executor, c: { id?: string; customerId: string; cause: string | null }) {
  if (!c.cause) return null;
  const [first] = await tx
    .select({ id: complaints.id })
    .from(complaints)
    .where(
      and(eq(complaints.customerId, c.customerId), eq(complaints.cause, c.cause), ne(complaints.status, 'draft'), c.id ? ne(complaints.id, c.id) : undefined),
    )
    .orderBy(asc(complaints.receivedAt), asc(complaints.id))
    .limit(1);
  return first?.id ?? null;
}

async function defaultOwner(tx: Executor) {
  // With no direct owner a complaint falls to the team lead (R-CP-3): the service manager.
  const [m] = await staffWithRoles(tx, ['service_manager']);
  return m ?? null;
}

async function announce(tx: Executor, c: Complaint, before: Complaint | null, timeZone: string) {
  if (c.status === 'draft') return;
  const [cust] = await tx.select({ name: customers.name }).from(customers).where(eq(customers.id, c.customerId));
  if (c.severity === 'major' && (before?.severity !== 'major' || before?.status === 'draft')) {
    // R-CP-2: a major complaint goes to the executive at once.
    const to = [...(await staffWithRoles(tx, ['executive'])), ...(await staffWithRoles(tx, ['service_manager']))];
    await notify(
      tx,
      to,
      kind('complaint_major'),
      { number: c.number, customer: cust?.name ?? '', matter: c.matter.slice(0, 200) },
      { entity: 'complaint', id: c.id },
    );
  }
  if (c.ownerId && (c.ownerId !== before?.ownerId || before?.status === 'draft')) {
    await notify(tx, [c.ownerId], kind('complaint_assigned'), { number: c.number, deadline: c.deadline ?? '' }, { entity: 'complaint', id: c.id });
  }
  void timeZone;
}

export async function createComplaint(db: Db, actor: Actor, input: NewComplaint, timeZone: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const receivedAt = input.receivedAt ?? now;
    const deviceIdentifier = await deviceIdentifierOf(tx, input.deviceId, input.customerId);
    if (input.workOrderId) {
      const [wo] = await tx.select({ customerId: workOrders.customerId }).from(workOrders).where(eq(workOrders.id, input.workOrderId));
      if (!wo) throw invalidField('workOrderId', 'invalid_reference');
      if (wo.customerId !== input.customerId)
        throw new AppError(422, 'customer_mismatch', { field: 'workOrderId' }, [{ field: 'workOrderId', code: 'customer_mismatch' }]);
    }
    const repeatOfId = await firstOfSameCause(tx, { customerId: input.customerId, cause: input.cause ?? null });
    const [row] = await tx
      .insert(complaints)
      .values({
        number: await number(tx, receivedAt),
        status: 'open',
        channel: input.channel,
        receivedAt,
        customerId: input.customerId,
        complainantName: input.complainantName,
        complainantPhone: input.complainantPhone ?? null,
        deviceId: input.deviceId ?? null,
        deviceIdentifier,
        workOrderId: input.workOrderId ?? null,
        followupId: input.followupId ?? null,
        surveyId: input.surveyId ?? null,
        matter: input.matter,
        cause: input.cause ?? null,
        severity: input.severity,
        ownerId: input.ownerId ?? (await defaultOwner(tx)),
        deadline: input.deadline ?? deadlineFor(input.severity, receivedAt, timeZone),
        repeatOfId,
      })
      .returning();
    await recordAudit(tx, { actor, entity: 'complaint', entityId: row.id, action: 'create', after: row });
    await announce(tx, row, null, timeZone);
    return row;
  });
}

export type ComplaintPatch = Partial<
  Pick<
    Complaint,
    | 'complainantName'
    | 'complainantPhone'
    | 'deviceId'
    | 'deviceIdentifier'
    | 'workOrderId'
    | 'matter'
    | 'cause'
    | 'severity'
    | 'ownerId'
    | 'deadline'
    | 'reportable'
    | 'reportabilityReason'
    | 'investigationStartedOn'
    | 'investigationEndedOn'
    | 'investigationResult'
    | 'noInvestigationReason'
    | 'rootCause'
    | 'correctiveAction'
    | 'reply'
    | 'verification'
    | 'substantiated'
    | 'responsibleId'
  >
>;

export async function updateComplaint(db: Db, actor: Actor, id: string, version: number, patch: ComplaintPatch, timeZone: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const before = await lockById(tx, complaints, id);
    if (before.version !== version) throw versionConflict(before.version);
    if (!complaintEditable(before.status)) throw new AppError(409, 'complaint_bad_transition', { from: before.status, to: before.status });
    const next: Partial<Complaint> = { ...patch };
    if (patch.deviceId !== undefined && patch.deviceId !== before.deviceId && patch.deviceIdentifier === undefined) {
      next.deviceIdentifier = await deviceIdentifierOf(tx, patch.deviceId, before.customerId);
    }
    if (patch.reply && !before.repliedAt) next.repliedAt = now;
    if (patch.cause !== undefined && patch.cause !== before.cause) {
      next.repeatOfId = await firstOfSameCause(tx, { id, customerId: before.customerId, cause: patch.cause });
    }
    if (patch.responsibleId) {
      const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, patch.responsibleId));
      if (!u) throw invalidField('responsibleId', 'invalid_reference');
    }
    const row = await updateAudited(tx, actor, 'complaint', complaints, id, version, next, before);
    // Issue 14 §2 (R-REG-2): decided reportable → the adverse event opens in this same transaction.
    if (row.reportable === true && before.reportable !== true) await openAdverseEventForComplaint(tx, actor, row, timeZone);
    await announce(tx, row, before, timeZone);
    return row;
  });
}

/** A step of the lifecycle; closing an incomplete file is refused with what is missing (R-CP-4). */
export async function transition(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  to: ComplaintStatus,
  timeZone: string,
  locale: Locale = 'zh-CN',
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const before = await lockById(tx, complaints, id);
    if (before.version !== version) throw versionConflict(before.version);
    if (!TRANSITIONS[before.status].includes(to)) throw new AppError(409, 'complaint_bad_transition', { from: before.status, to });
    const patch: Partial<Complaint> = { status: to };
    if (to === 'open') {
      // A draft accepted: the repeat check, owner and deadline as for a fresh registration.
      patch.repeatOfId = await firstOfSameCause(tx, { id, customerId: before.customerId, cause: before.cause });
      patch.ownerId = before.ownerId ?? (await defaultOwner(tx));
      patch.deadline = before.deadline ?? deadlineFor(before.severity, now, timeZone);
    }
    if (to === 'closed') {
      const missing = missingForClosure(before);
      if (missing.length) {
        throw new AppError(
          422,
          'complaint_incomplete',
          { missing: missing.map((f) => fieldLabel(f, locale)).join(locale === 'zh-CN' ? '、' : ', ') },
          missing.map((field) => ({ field, code: 'required' })),
          { missing },
        );
      }
      patch.closedAt = now;
    }
    const row = await updateAudited(tx, actor, 'complaint', complaints, id, version, patch, before);
    await announce(tx, row, before, timeZone);
    return row;
  });
}

// ---- reads and statistics -----------------------------------------------------------------

export const complaintSelect = {
  c: complaints,
  customerName: customers.name,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  ownerName: sql<string | null>`(select display_name from users u where u.id = ${complaints.ownerId})`,
  responsibleName: sql<string | null>`(select display_name from users u where u.id = ${complaints.responsibleId})`,
  workOrderNumber: sql<string | null>`(select number from work_orders w where w.id = ${complaints.workOrderId})`,
  /** Issue 14 §2: the adverse event opened by the reportable decision. */
  adverseEventId: sql<string | null>`(select a.id from adverse_events a where a.complaint_id = ${complaints.id})`,
  adverseEventNumber: sql<string | null>`(select a.number from adverse_events a where a.complaint_id = ${complaints.id})`,
};
const joined = (ex: Executor) =>
  ex
    .select(complaintSelect)
    .from(complaints)
    .innerJoin(customers, eq(customers.id, complaints.customerId))
    .leftJoin(devices, eq(devices.id, complaints.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId));

export async function listComplaints(ex: Executor, q: { status?: ComplaintStatus; scope: string | null; page: number; pageSize: number }) {
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(complaints.status, q.status));
  if (q.scope) conds.push(eq(complaints.customerId, q.scope));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await joined(ex)
    .where(where)
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(complaints).where(where);
  return { rows, total: Number(n) };
}

export async function getComplaint(ex: Executor, id: string, scope: string | null) {
  const [row] = await joined(ex).where(and(eq(complaints.id, id), scope ? eq(complaints.customerId, scope) : undefined));
  if (!row) throw notFound();
  return row;
}

/** Active staff (everyone but hospital users), for choosing an owner or the responsible person. */
export function listStaff(ex: Executor) {
  return ex
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.active, true), sql`not ('customer_user' = any(${users.roles}))`))
    .orderBy(asc(users.displayName));
}

export interface StatLine {
  key: string;
  label: string;
  complaints: number;
  weighted: number;
  repeats: number;
}

/**
 * Monthly statistics (R-CP-5) by cause, model, customer and staff (the responsible person of a
 * verified complaint, else its owner); a repeat counts double in `weighted` (R-CP-3).
 */
export async function monthlyStats(ex: Executor, month: string, timeZone: string) {
  const [y, m] = month.split('-').map(Number);
  const startLocal = `${month}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const from = sql`(${startLocal}::date::timestamp at time zone ${timeZone})`;
  const to = sql`(${next}::date::timestamp at time zone ${timeZone})`;
  const rows = await joined(ex).where(and(ne(complaints.status, 'draft'), gte(complaints.receivedAt, from as never), lt(complaints.receivedAt, to as never)));
  const group = (keyOf: (r: (typeof rows)[number]) => [string, string]) => {
    const map = new Map<string, StatLine>();
    for (const r of rows) {
      const [key, label] = keyOf(r);
      const line = map.get(key) ?? { key, label, complaints: 0, weighted: 0, repeats: 0 };
      line.complaints += 1;
      line.weighted += weightOf(r.c.repeatOfId);
      if (r.c.repeatOfId) line.repeats += 1;
      map.set(key, line);
    }
    return [...map.values()].sort((a, b) => b.weighted - a.weighted || a.label.localeCompare(b.label));
  };
  return {
    month,
    total: rows.length,
    weighted: rows.reduce((s, r) => s + weightOf(r.c.repeatOfId), 0),
    byCause: group((r) => [r.c.cause ?? 'unknown', r.c.cause ?? 'unknown']),
    byModel: group((r) => [r.modelName ?? '-', r.modelName ?? '-']),
    byCustomer: group((r) => [r.c.customerId, r.customerName]),
    byStaff: group((r) => {
      const id = (r.c.substantiated ? r.c.responsibleId : null) ?? r.c.ownerId;
      const name = (r.c.substantiated ? r.responsibleName : null) ?? r.ownerName;
      return [id ?? '-', name ?? '-'];
    }),
    rows,
  };
}

/** Reminders of complaint deadlines: the owner hears once when the deadline day has come. */
export async function remindDeadlines(db: Db, now: Date, timeZone: string) {
  const today = dateIn(now, timeZone);
  const rows = await db
    .select()
    .from(complaints)
    .where(
      and(
        sql`${complaints.status} not in ('draft', 'closed')`,
        sql`${complaints.deadline} <= ${today}`,
        sql`${complaints.ownerId} is not null`,
        sql`not exists (select 1 from notifications n where n.ref_id = ${complaints.id}::text and n.kind = 'complaint_deadline')`,
      ),
    )
    .limit(500);
  for (const c of rows) {
    await notify(
      db,
      [c.ownerId as string],
      'complaint_deadline' as unknown as NotificationKind,
      { number: c.number, deadline: c.deadline ?? '' },
      {
        entity: 'complaint',
        id: c.id,
      },
    );
  }
  return rows.length;
}
