// Adverse events (不良事件, issue 14 §2, R-REG-2; seed 003: a manufacturer's 不良事件 duties): the
// event with its reporting clock (deadline kept in `report_due_at` from the configured clocks),
// reportability decided by quality, the signed initial report (R-AU-1: password again, meaning,
// content hash), follow-ups, closure with evaluation, notices to the supplier / manufacturer with a
// tracked reply (经营办法§38; the one supplier_notices table, written and read through the returns
// module's notice functions, migration 0073). A complaint decided reportable opens its event in the
// same transaction (`openAdverseEventForComplaint`). Every write is audited (entity `adverse_event`, …).
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { complaints, customers, deviceModels, devices, suppliers, workOrders } from '../../db/schema.ts';
import { can, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import type { Locale } from '../../lib/i18n.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { insertNotice, recordReply } from '../returns/index.ts';
import { reauthenticate, recordSignature } from '../signatures/index.ts';
import { nextNumber } from '../system/index.ts';
import { missingFormFields, prefilledForm, REPORT_FORM_FIELDS, type ReportForm } from './vigilance.form.ts';
import { vigilancePolicy } from './vigilance.policy.ts';
import { aeCloseRefusal, aeSubmitRefusal, type ClockSettings, faultKey, type PatientImpact, reportingDeadline } from './vigilance.rules.ts';
import { adverseEventReports, adverseEventSettings, adverseEvents } from './vigilance.tables.ts';

export type AdverseEvent = typeof adverseEvents.$inferSelect;
export type AeSettings = typeof adverseEventSettings.$inferSelect;
export const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const kind = (k: 'adverse_event_created' | 'adverse_event_clock' | 'adverse_event_cluster') => k as unknown as NotificationKind;

/** The calendar day of `at` in the company's time zone (YYYY-MM-DD). */
export async function settingsOf(ex: Executor): Promise<AeSettings> {
  const [s] = await ex.select().from(adverseEventSettings).limit(1);
  if (!s) throw new Error('adverse_event_settings row missing (migration 0056)');
  return s;
}

const dueOf = (ev: Pick<AdverseEvent, 'awareAt' | 'patientImpact' | 'groupEvent' | 'reportable'>, s: ClockSettings) => reportingDeadline(ev, s);

// ---- create ------------------------------------------------------------------------------------

export interface NewAdverseEvent {
  deviceId?: string | null;
  customerId?: string | null;
  complaintId?: string | null;
  workOrderId?: string | null;
  eventDate: string;
  awareAt: Date;
  patientImpact: PatientImpact;
  groupEvent?: boolean;
  description: string;
  deviceProblem?: string | null;
  actionsTaken?: string | null;
  reportForm?: ReportForm;
}

async function customerOfDevice(tx: Executor, deviceId: string) {
  const [d] = await tx.select({ customerId: devices.customerId }).from(devices).where(eq(devices.id, deviceId));
  return d?.customerId ?? null;
}

async function checkWorkOrder(tx: Executor, workOrderId: string | null | undefined, deviceId: string | null) {
  if (!workOrderId) return;
  const [w] = await tx.select({ deviceId: workOrders.deviceId }).from(workOrders).where(eq(workOrders.id, workOrderId));
  if (!w) throw invalidField('workOrderId', 'not_found');
  if (deviceId && w.deviceId !== deviceId) throw invalidField('workOrderId', 'invalid');
}

/** Inserts the event inside the caller's transaction and tells quality (and the executive) at once. */
export async function insertAdverseEvent(tx: Executor, actor: Actor, input: NewAdverseEvent): Promise<AdverseEvent> {
  let customerId = input.customerId ?? null;
  if (input.deviceId) {
    const c = await customerOfDevice(tx, input.deviceId);
    if (!c) throw invalidField('deviceId', 'not_found');
    if (customerId && customerId !== c) throw invalidField('deviceId', 'customer_mismatch');
    customerId = c;
  }
  if (!customerId) throw invalidField('customerId', 'required');
  const [cust] = await tx.select({ name: customers.name }).from(customers).where(eq(customers.id, customerId));
  if (!cust) throw invalidField('customerId', 'not_found');
  await checkWorkOrder(tx, input.workOrderId, input.deviceId ?? null);
  const s = await settingsOf(tx);
  const base = { awareAt: input.awareAt, patientImpact: input.patientImpact, groupEvent: input.groupEvent ?? false, reportable: null };
  const due = dueOf(base, s);
  const ev = await insertAudited(tx, actor, 'adverse_event', adverseEvents, {
    number: await nextNumber(tx, 'AE', Number(input.awareAt.toISOString().slice(0, 4))),
    deviceId: input.deviceId ?? null,
    customerId,
    complaintId: input.complaintId ?? null,
    workOrderId: input.workOrderId ?? null,
    eventDate: input.eventDate,
    awareAt: input.awareAt,
    patientImpact: input.patientImpact,
    groupEvent: input.groupEvent ?? false,
    description: input.description,
    deviceProblem: input.deviceProblem ?? null,
    faultKey: faultKey(input.deviceProblem),
    actionsTaken: input.actionsTaken ?? null,
    reportForm: input.reportForm ?? {},
    reportDueAt: due,
    createdByName: actor.name,
  });
  await notify(
    tx,
    await staffWithRoles(tx, ['quality', 'executive']),
    kind('adverse_event_created'),
    { number: ev.number, customer: cust.name, description: ev.description.slice(0, 200), due: due ? due.toISOString() : '—' },
    { entity: 'adverse_event', id: ev.id },
  );
  return ev;
}

export async function createAdverseEvent(db: Db, user: Principal, input: NewAdverseEvent): Promise<AdverseEvent> {
  return db.transaction((tx) => insertAdverseEvent(tx, actorOf(user), input));
}

/**
 * Issue 14 §2: a complaint whose reportability decision is "reportable" opens its adverse event in
 * the complaint's own transaction (once per complaint: the unique link). The clock runs from when
 * the complaint was received — the company learned of the event then. Returns the event (new or
 * already linked).
 */
export async function openAdverseEventForComplaint(
  tx: Executor,
  actor: Actor,
  c: {
    id: string;
    customerId: string;
    deviceId: string | null;
    workOrderId: string | null;
    receivedAt: Date;
    matter: string;
    cause: string | null;
    reportabilityReason: string | null;
  },
  timeZone: string,
): Promise<AdverseEvent> {
  const [linked] = await tx.select().from(adverseEvents).where(eq(adverseEvents.complaintId, c.id));
  if (linked) return linked;
  return insertAdverseEvent(tx, actor, {
    deviceId: c.deviceId,
    customerId: c.customerId,
    complaintId: c.id,
    workOrderId: c.workOrderId,
    // The company's calendar day of the receipt (TZ_COMPANY), not a fixed zone's.
    eventDate: dateIn(c.receivedAt, timeZone),
    awareAt: c.receivedAt,
    // The patient impact is not known from the complaint: "other" runs the general clock until quality sets it.
    patientImpact: 'other',
    description: c.matter,
    deviceProblem: c.cause,
    actionsTaken: null,
  });
}

// ---- update, decide --------------------------------------------------------------------------

async function lockEvent(tx: Executor, id: string, version: number): Promise<AdverseEvent> {
  const ev = await lockById(tx, adverseEvents, id);
  if (ev.state === 'closed') throw new AppError(409, 'ae_closed', { number: ev.number });
  if (ev.version !== version) throw versionConflict(ev.version);
  return ev;
}

export type AePatch = Partial<Omit<NewAdverseEvent, 'customerId' | 'complaintId'>> & { version: number };

export async function updateAdverseEvent(db: Db, user: Principal, id: string, patch: AePatch): Promise<AdverseEvent> {
  return db.transaction(async (tx) => {
    const ev = await lockEvent(tx, id, patch.version);
    if (ev.state !== 'draft' && !user.roles.includes('quality')) throw new AppError(403, 'ae_edit_quality_only');
    const { version: _v, ...given } = patch;
    const rest = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as typeof given;
    const next: Partial<AdverseEvent> = { ...rest };
    if (rest.deviceId !== undefined && rest.deviceId !== ev.deviceId && rest.deviceId !== null) {
      const c = await customerOfDevice(tx, rest.deviceId);
      if (!c) throw invalidField('deviceId', 'not_found');
      if (c !== ev.customerId) throw invalidField('deviceId', 'customer_mismatch');
    }
    if (rest.workOrderId !== undefined) await checkWorkOrder(tx, rest.workOrderId, rest.deviceId ?? ev.deviceId);
    if (rest.deviceProblem !== undefined) next.faultKey = faultKey(rest.deviceProblem);
    if (rest.reportForm !== undefined) next.reportForm = { ...ev.reportForm, ...rest.reportForm };
    const merged = { ...ev, ...next };
    if (!ev.submittedAt) next.reportDueAt = dueOf(merged, await settingsOf(tx));
    return updateAudited(tx, actorOf(user), 'adverse_event', adverseEvents, ev.id, ev.version, next, ev);
  });
}

/** Quality's reportability decision with its reason; "not reportable" stops the clock. */
export async function decideReportability(db: Db, user: Principal, id: string, input: { version: number; reportable: boolean; reason: string }) {
  return db.transaction(async (tx) => {
    const ev = await lockEvent(tx, id, input.version);
    if (ev.state !== 'draft') throw new AppError(409, 'ae_bad_state', { number: ev.number, state: ev.state });
    const merged = { ...ev, reportable: input.reportable };
    return updateAudited(
      tx,
      actorOf(user),
      'adverse_event',
      adverseEvents,
      ev.id,
      ev.version,
      {
        reportable: input.reportable,
        reportabilityReason: input.reason,
        decidedBy: user.id,
        decidedByName: user.displayName,
        decidedAt: clockNow(),
        reportDueAt: dueOf(merged, await settingsOf(tx)),
      },
      ev,
    );
  });
}

// ---- submit, follow up, close ------------------------------------------------------------------

/** The initial report, signed (R-AU-1): password again, the meaning and the hash of the report's content. */
export async function submitReport(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; reportNumber: string; reportedOn: string; password: string },
  locale: Locale = 'zh-CN',
) {
  await reauthenticate(db, user, input.password);
  return db.transaction(async (tx) => {
    const ev = await lockEvent(tx, id, input.version);
    const refusal = aeSubmitRefusal(ev);
    const named = refusal === 'ae_device_required' ? [{ field: 'deviceId', code: 'required' as const }] : undefined;
    if (refusal) throw new AppError(422, refusal, { number: ev.number, state: ev.state }, named);
    const form = await formWithPrefill(tx, ev);
    const missing = missingFormFields(form);
    if (missing.length) {
      const labels = formLabels(locale);
      throw new AppError(
        422,
        'ae_form_incomplete',
        { missing: missing.map((k) => labels[k] ?? k).join(locale === 'zh-CN' ? '、' : ', ') },
        missing.map((k) => ({ field: `reportForm.${k}`, code: 'required' })),
        { missing },
      );
    }
    const signature = await recordSignature(tx, user, {
      meaning: 'adverse_event_report',
      entity: 'adverse_event',
      entityId: ev.id,
      content: {
        number: ev.number,
        reportNumber: input.reportNumber,
        reportedOn: input.reportedOn,
        device: ev.deviceId,
        eventDate: ev.eventDate,
        awareAt: ev.awareAt.toISOString(),
        patientImpact: ev.patientImpact,
        description: ev.description,
        deviceProblem: ev.deviceProblem,
        actionsTaken: ev.actionsTaken,
        form,
      },
    });
    const actor = actorOf(user);
    await insertAudited(tx, actor, 'adverse_event_report', adverseEventReports, {
      adverseEventId: ev.id,
      kind: 'initial',
      reportDate: input.reportedOn,
      reportNumber: input.reportNumber,
      content: ev.description,
      submittedByName: user.displayName,
    });
    return updateAudited(
      tx,
      actor,
      'adverse_event',
      adverseEvents,
      ev.id,
      ev.version,
      {
        state: 'reported',
        reportForm: form,
        reportNumber: input.reportNumber,
        reportedOn: input.reportedOn,
        submittedBy: user.id,
        submittedByName: user.displayName,
        submittedAt: signature.signedAt,
        signatureMeaning: signature.meaningText,
        signatureHash: signature.contentHash,
      },
      ev,
    );
  });
}

function formLabels(locale: Locale): Record<string, string> {
  return Object.fromEntries(REPORT_FORM_FIELDS.map((f) => [f.key, locale === 'zh-CN' ? f.zh : f.en]));
}

export async function addFollowUp(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; kind: 'follow_up' | 'final'; reportDate: string; reportNumber?: string | null; content: string },
) {
  return db.transaction(async (tx) => {
    const ev = await lockEvent(tx, id, input.version);
    if (ev.state !== 'reported' && ev.state !== 'follow_up') throw new AppError(409, 'ae_bad_state', { number: ev.number, state: ev.state });
    if (ev.reportedOn && input.reportDate < ev.reportedOn) throw invalidField('reportDate', 'date_order', { earlier: 'reportedOn' });
    const actor = actorOf(user);
    await insertAudited(tx, actor, 'adverse_event_report', adverseEventReports, {
      adverseEventId: ev.id,
      kind: input.kind,
      reportDate: input.reportDate,
      reportNumber: input.reportNumber ?? null,
      content: input.content,
      submittedByName: user.displayName,
    });
    return updateAudited(tx, actor, 'adverse_event', adverseEvents, ev.id, ev.version, { state: 'follow_up' }, ev);
  });
}

export async function closeAdverseEvent(db: Db, user: Principal, id: string, input: { version: number; evaluation: string }) {
  return db.transaction(async (tx) => {
    const ev = await lockEvent(tx, id, input.version);
    const refusal = aeCloseRefusal(ev);
    if (refusal) throw new AppError(refusal === 'ae_bad_state' ? 409 : 422, refusal, { number: ev.number, state: ev.state });
    return updateAudited(
      tx,
      actorOf(user),
      'adverse_event',
      adverseEvents,
      ev.id,
      ev.version,
      { state: 'closed', evaluation: input.evaluation, closedAt: clockNow(), closedByName: user.displayName },
      ev,
    );
  });
}

// ---- supplier / manufacturer notices -------------------------------------------------------------

export async function notifySupplier(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; supplierId?: string | null; recipient?: string | null; content: string; replyDue: string },
  timeZone: string,
) {
  return db.transaction(async (tx) => {
    const ev = await lockEvent(tx, id, input.version);
    let recipient = input.recipient?.trim() || null;
    if (input.supplierId) {
      const [s] = await tx.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, input.supplierId));
      if (!s) throw invalidField('supplierId', 'not_found');
      recipient ??= s.name;
    }
    recipient ??= (await manufacturerOf(tx, ev.deviceId)) ?? null;
    if (!recipient) throw invalidField('recipient', 'required');
    const at = clockNow();
    const today = dateIn(at, timeZone);
    if (input.replyDue < today) throw invalidField('replyDue', 'not_in_past');
    // One notice table for every subject (migration 0073); the event's page records the moment of
    // sending and no channel (channel 'other').
    const notice = await insertNotice(tx, user, {
      subject: 'adverse_event',
      subjectId: ev.id,
      supplierId: input.supplierId ?? null,
      manufacturer: input.supplierId ? null : recipient,
      recipientName: recipient,
      sentOn: today,
      sentAt: at,
      channel: 'other',
      content: input.content,
      replyDueOn: input.replyDue,
    });
    // The event's version moves so a stale screen learns of the notice.
    await updateAudited(tx, actorOf(user), 'adverse_event', adverseEvents, ev.id, ev.version, {}, ev);
    return notice;
  });
}

/** The reply to one of this event's notices (another record's notice is a 404). */
export const recordNoticeReply = (db: Db, user: Principal, id: string, noticeId: string, input: { version: number; replyText: string; repliedOn: string }) =>
  recordReply(db, user, noticeId, input, { subject: 'adverse_event', subjectId: id });

async function manufacturerOf(ex: Executor, deviceId: string | null): Promise<string | null> {
  if (!deviceId) return null;
  const [m] = await ex
    .select({ manufacturer: deviceModels.manufacturer })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(devices.id, deviceId));
  return m?.manufacturer ?? null;
}

/** The stored form with the record's model, serial, UDI and manufacturer filled where empty. */
export async function formWithPrefill(ex: Executor, ev: AdverseEvent): Promise<ReportForm> {
  const form = (ev.reportForm ?? {}) as ReportForm;
  if (!ev.deviceId) return form;
  const [d] = await ex
    .select({ serial: devices.serialNumber, udi: devices.udi, model: deviceModels.name, code: deviceModels.code, manufacturer: deviceModels.manufacturer })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(devices.id, ev.deviceId));
  if (!d) return form;
  return prefilledForm(form, { productName: d.model, model: d.code, serialNumber: d.serial, udi: d.udi, manufacturer: d.manufacturer });
}

// ---- settings ----------------------------------------------------------------------------------

export async function updateSettings(db: Db, user: Principal, input: Omit<AeSettings, 'id' | 'createdAt' | 'updatedAt' | 'singleton'>) {
  return db.transaction(async (tx) => {
    const s = await settingsOf(tx);
    const locked = await lockById(tx, adverseEventSettings, s.id);
    if (locked.version !== input.version) throw versionConflict(locked.version);
    const { version: _v, ...values } = input;
    const actor = actorOf(user);
    const next = await updateAudited(tx, actor, 'adverse_event_settings', adverseEventSettings, locked.id, locked.version, values, locked);
    // The clocks follow the regulation: every deadline not yet met is recomputed.
    const open = await tx
      .select()
      .from(adverseEvents)
      .where(and(isNull(adverseEvents.submittedAt), sql`${adverseEvents.state} <> 'closed'`));
    for (const ev of open) {
      const due = dueOf(ev, next);
      if ((due?.getTime() ?? null) !== (ev.reportDueAt?.getTime() ?? null)) {
        await updateAudited(tx, actor, 'adverse_event', adverseEvents, ev.id, ev.version, { reportDueAt: due }, ev);
      }
    }
    return next;
  });
}

// ---- reading -----------------------------------------------------------------------------------

const columns = {
  e: adverseEvents,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  manufacturer: deviceModels.manufacturer,
  customerName: customers.name,
  complaintNumber: complaints.number,
  workOrderNumber: workOrders.number,
};
const joined = (ex: Executor) =>
  ex
    .select(columns)
    .from(adverseEvents)
    .innerJoin(customers, eq(customers.id, adverseEvents.customerId))
    .leftJoin(devices, eq(devices.id, adverseEvents.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .leftJoin(complaints, eq(complaints.id, adverseEvents.complaintId))
    .leftJoin(workOrders, eq(workOrders.id, adverseEvents.workOrderId));
export type AeRow = Awaited<ReturnType<typeof joined>>[number];

export interface AeFilters {
  q?: string;
  sort?: string;
  state?: AdverseEvent['state'];
  patientImpact?: PatientImpact;
  overdue?: 'true' | 'false';
  deviceId?: string;
  customerId?: string;
}

function whereOf(f: AeFilters, now: Date): SQL | undefined {
  const text = f.q?.trim();
  const overdue = sql`(${adverseEvents.submittedAt} is null and ${adverseEvents.reportDueAt} < ${now.toISOString()}::timestamptz and ${adverseEvents.state} <> 'closed')`;
  return allOf(
    f.state ? eq(adverseEvents.state, f.state) : undefined,
    f.patientImpact ? eq(adverseEvents.patientImpact, f.patientImpact) : undefined,
    f.overdue === 'true' ? overdue : f.overdue === 'false' ? sql`not ${overdue}` : undefined,
    f.deviceId ? eq(adverseEvents.deviceId, f.deviceId) : undefined,
    f.customerId ? eq(adverseEvents.customerId, f.customerId) : undefined,
    text
      ? sql`(${adverseEvents.number} ilike ${likePattern(text)} or ${devices.serialNumber} ilike ${likePattern(text)} or ${deviceModels.name} ilike ${likePattern(text)} or ${customers.name} ilike ${likePattern(text)} or ${adverseEvents.description} ilike ${likePattern(text)} or ${adverseEvents.reportNumber} ilike ${likePattern(text)})`
      : undefined,
  );
}

function orderOf(sort: string | undefined): SQL[] {
  const descending = !sort || sort.startsWith('-');
  const k = sort?.replace(/^-/, '');
  const key = k === 'reportDueAt' ? adverseEvents.reportDueAt : k === 'number' ? adverseEvents.number : adverseEvents.awareAt;
  return [descending ? sql`${key} desc nulls last` : sql`${key} asc nulls last`, desc(adverseEvents.id)];
}

export async function listAdverseEvents(ex: Executor, f: AeFilters, page: number, pageSize: number, now = clockNow()) {
  const where = whereOf(f, now);
  const rows = await joined(ex)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(adverseEvents)
    .innerJoin(customers, eq(customers.id, adverseEvents.customerId))
    .leftJoin(devices, eq(devices.id, adverseEvents.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(where);
  return { rows, total: Number(n) };
}

export const exportAdverseEvents = (ex: Executor, f: AeFilters, limit: number, now = clockNow()) =>
  joined(ex)
    .where(whereOf(f, now))
    .orderBy(...orderOf(f.sort))
    .limit(limit);

export async function getAdverseEvent(ex: Executor, id: string): Promise<AeRow> {
  const [row] = await joined(ex).where(eq(adverseEvents.id, id));
  if (!row) throw notFound();
  return row;
}

export const reportsOf = (ex: Executor, id: string) =>
  ex
    .select()
    .from(adverseEventReports)
    .where(eq(adverseEventReports.adverseEventId, id))
    .orderBy(asc(adverseEventReports.reportDate), asc(adverseEventReports.createdAt));

/** What the reader may do on this event (one rule shared by the buttons and the checks). */
export function abilitiesOf(user: Principal, ev: Pick<AdverseEvent, 'state' | 'reportable' | 'deviceId'>) {
  const open = ev.state !== 'closed';
  return {
    edit: open && can(user, vigilancePolicy, 'edit') && (ev.state === 'draft' || user.roles.includes('quality')),
    decide: ev.state === 'draft' && can(user, vigilancePolicy, 'decide'),
    submit: can(user, vigilancePolicy, 'submit') && aeSubmitRefusal(ev) === null,
    followUp: (ev.state === 'reported' || ev.state === 'follow_up') && can(user, vigilancePolicy, 'followUp'),
    close: can(user, vigilancePolicy, 'close') && aeCloseRefusal(ev) === null,
    notifySupplier: open && can(user, vigilancePolicy, 'notifySupplier'),
  };
}

/** For the traceability page (issue 14 §5, R-REG-5): a unit's adverse events, newest first. */
export async function adverseEventsForDevice(
  ex: Executor,
  deviceId: string,
): Promise<Array<{ at: Date; kind: 'adverse_event'; number: string; title: string; status: string; link: string }>> {
  const rows = await ex
    .select({
      id: adverseEvents.id,
      number: adverseEvents.number,
      awareAt: adverseEvents.awareAt,
      description: adverseEvents.description,
      state: adverseEvents.state,
    })
    .from(adverseEvents)
    .where(eq(adverseEvents.deviceId, deviceId))
    .orderBy(desc(adverseEvents.awareAt));
  return rows.map((r) => ({
    at: r.awareAt,
    kind: 'adverse_event' as const,
    number: r.number,
    title: r.description.slice(0, 120),
    status: r.state,
    link: `/adverse-events/${r.id}`,
  }));
}
