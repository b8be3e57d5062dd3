// Call log, missed calls, hotline hours and the on-call roster (R-CL-1; seed 003 §11: every call
// and visit is logged; seed 002: the hotline is kept answered 9:00–22:00; seed 003: a 24 h line).
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { contacts, customers, departments, deviceModels, devices, users } from '../../db/schema.ts';
import { type Actor, systemActor } from '../../lib/audit.ts';
import { chinaHolidays } from '../../lib/calendar.cn.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { type Locale, t } from '../../lib/i18n.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, orderFrom, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { callbackDeadline, dutyDateAt, type HotlineHours, hotlineCalendar, hotlineOpenAt, normalizePhone, readPbxCsv } from './calls.rules.ts';
import { calls, hotlineSettings, missedCalls, onCallRoster } from './calls.tables.ts';

export type Call = typeof calls.$inferSelect;
export type MissedCall = typeof missedCalls.$inferSelect;

// ---- hotline hours ------------------------------------------------------------------------

export async function hotline(ex: Executor) {
  const [h] = await ex.select().from(hotlineSettings).limit(1);
  if (!h) throw new AppError(500, 'internal');
  return h;
}

export async function hotlineCal(ex: Executor, timeZone: string) {
  return hotlineCalendar(await hotline(ex), timeZone, chinaHolidays);
}

export async function updateHotline(db: Db, actor: Actor, version: number, patch: Partial<HotlineHours>) {
  return db.transaction(async (tx) => {
    const h = await hotline(tx);
    const before = await lockById(tx, hotlineSettings, h.id);
    return updateAudited(tx, actor, 'hotline_settings', hotlineSettings, h.id, version, patch, before);
  });
}

// ---- on-call roster -----------------------------------------------------------------------

const rosterSelect = {
  r: onCallRoster,
  engineerName: users.displayName,
};

export function listRoster(ex: Executor, from: string, to: string) {
  return ex
    .select(rosterSelect)
    .from(onCallRoster)
    .innerJoin(users, eq(users.id, onCallRoster.engineerId))
    .where(and(gte(onCallRoster.dutyDate, from), lte(onCallRoster.dutyDate, to)))
    .orderBy(asc(onCallRoster.dutyDate));
}

async function assertEngineer(ex: Executor, id: string) {
  const [u] = await ex.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, id));
  if (!u?.active || !u.roles.some((r) => r === 'engineer' || r === 'technical_expert' || r === 'technician')) throw invalidField('engineerId', 'not_engineer');
}

/** One night's or holiday's duty engineer; a date already planned is replaced (send its version). */
export async function setDuty(db: Db, actor: Actor, input: { dutyDate: string; engineerId: string; phone: string; note?: string | null; version?: number }) {
  return db.transaction(async (tx) => {
    await assertEngineer(tx, input.engineerId);
    const [existing] = await tx.select().from(onCallRoster).where(eq(onCallRoster.dutyDate, input.dutyDate)).for('update');
    const values = { engineerId: input.engineerId, phone: normalizePhone(input.phone), note: input.note ?? null };
    if (existing) {
      if (input.version === undefined) throw invalidField('version', 'required');
      return updateAudited(tx, actor, 'on_call_duty', onCallRoster, existing.id, input.version, values, existing);
    }
    return insertAudited(tx, actor, 'on_call_duty', onCallRoster, { dutyDate: input.dutyDate, ...values });
  });
}

/** Who answers now: the hotline staff while it is open, else the roster's duty engineer (R-CL-1). */
export async function onDutyNow(ex: Executor, timeZone: string, now = new Date()) {
  const cal = await hotlineCal(ex, timeZone);
  const open = hotlineOpenAt(cal, now);
  const dutyDate = dutyDateAt(cal, now);
  const [duty] = await ex
    .select(rosterSelect)
    .from(onCallRoster)
    .innerJoin(users, eq(users.id, onCallRoster.engineerId))
    .where(eq(onCallRoster.dutyDate, dutyDate));
  return { hotlineOpen: open, dutyDate, duty: duty ?? null };
}

// ---- phone lookup -------------------------------------------------------------------------

/** Who is calling: hospital contacts (and customers) with this number, and the last calls from it. */
export async function lookupPhone(ex: Executor, phone: string) {
  const p = normalizePhone(phone);
  const norm = (col: unknown) => sql`regexp_replace(coalesce(${col}, ''), '[\\s()-]', '', 'g')`;
  const matches = await ex
    .select({
      contactName: contacts.name,
      customerId: contacts.customerId,
      customerName: customers.name,
      departmentId: contacts.departmentId,
      departmentName: departments.name,
    })
    .from(contacts)
    .innerJoin(customers, eq(customers.id, contacts.customerId))
    .leftJoin(departments, eq(departments.id, contacts.departmentId))
    .where(sql`${norm(contacts.phone)} = ${p}`)
    .limit(10);
  const byCustomer = await ex
    .select({ customerId: customers.id, customerName: customers.name })
    .from(customers)
    .where(sql`${norm(customers.phone)} = ${p}`)
    .limit(5);
  const recent = await ex
    .select({ customerId: calls.customerId, departmentId: calls.departmentId, deviceId: calls.deviceId, callerName: calls.callerName })
    .from(calls)
    .where(eq(calls.phone, p))
    .orderBy(sql`${calls.startedAt} desc`)
    .limit(1);
  const devicesOf = async (customerId: string | null | undefined) =>
    customerId
      ? ex
          .select({ id: devices.id, serialNumber: devices.serialNumber, modelName: deviceModels.name, departmentId: devices.departmentId })
          .from(devices)
          .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
          .where(eq(devices.customerId, customerId))
          .orderBy(asc(devices.serialNumber))
          .limit(50)
      : [];
  const first = matches[0] ?? byCustomer[0] ?? null;
  const customerId = first?.customerId ?? recent[0]?.customerId ?? null;
  return {
    phone: p,
    contacts: matches.map((m) => ({ ...m, departmentName: m.departmentName ?? null })),
    customers: byCustomer,
    guess: {
      customerId,
      departmentId: matches[0]?.departmentId ?? recent[0]?.departmentId ?? null,
      deviceId: recent[0]?.deviceId ?? null,
      callerName: matches[0]?.contactName ?? recent[0]?.callerName ?? null,
    },
    devices: await devicesOf(customerId),
  };
}

// ---- the call log -------------------------------------------------------------------------

export interface NewCall {
  direction: Call['direction'];
  startedAt?: Date;
  durationSeconds?: number;
  callerName?: string | null;
  phone: string;
  customerId?: string | null;
  departmentId?: string | null;
  deviceId?: string | null;
  topic: string;
  outcome?: Call['outcome'];
  notes?: string | null;
  /** An outbound call returning this missed call marks it called back. */
  missedCallId?: string | null;
}

/** Device and department must belong to the call's customer; the customer follows from the device. */
async function checkRefs(ex: Executor, input: { customerId?: string | null; departmentId?: string | null; deviceId?: string | null }) {
  let customerId = input.customerId ?? null;
  if (input.deviceId) {
    const [d] = await ex.select({ customerId: devices.customerId }).from(devices).where(eq(devices.id, input.deviceId));
    if (!d) throw invalidField('deviceId', 'invalid_reference');
    if (customerId && d.customerId !== customerId) throw invalidField('deviceId', 'customer_mismatch');
    customerId = d.customerId;
  }
  if (input.departmentId) {
    const [dep] = await ex.select({ customerId: departments.customerId }).from(departments).where(eq(departments.id, input.departmentId));
    if (!dep) throw invalidField('departmentId', 'invalid_reference');
    if (customerId && dep.customerId !== customerId) throw invalidField('departmentId', 'customer_mismatch');
    customerId = dep.customerId;
  }
  if (customerId && !input.deviceId && !input.departmentId) {
    const [c] = await ex.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
    if (!c) throw invalidField('customerId', 'invalid_reference');
  }
  return customerId;
}

export async function insertCall(tx: Executor, actor: Actor, handledById: string, input: NewCall, now: Date) {
  const customerId = await checkRefs(tx, input);
  const startedAt = input.startedAt ?? now;
  if (startedAt.getTime() > now.getTime() + 60_000) throw invalidField('startedAt', 'invalid');
  const call = await insertAudited(tx, actor, 'call', calls, {
    direction: input.direction,
    startedAt,
    durationSeconds: input.durationSeconds ?? 0,
    callerName: input.callerName ?? null,
    phone: normalizePhone(input.phone),
    customerId,
    departmentId: input.departmentId ?? null,
    deviceId: input.deviceId ?? null,
    topic: input.topic,
    outcome: input.outcome ?? 'resolved',
    handledById,
    notes: input.notes ?? null,
  });
  if (input.missedCallId) {
    if (input.direction !== 'outbound') throw invalidField('direction', 'invalid');
    const m = await lockById(tx, missedCalls, input.missedCallId).catch(() => {
      throw invalidField('missedCallId', 'invalid_reference');
    });
    if (m.calledBackAt) throw new AppError(409, 'missed_call_returned');
    await updateAudited(tx, actor, 'missed_call', missedCalls, m.id, m.version, { calledBackAt: startedAt, callbackCallId: call.id }, m);
  }
  return call;
}

export function logCall(db: Db, actor: Actor & { id: string }, input: NewCall, now = new Date()) {
  return db.transaction((tx) => insertCall(tx, actor, actor.id, input, now));
}

export interface CallFilter {
  q?: string;
  from?: string;
  to?: string;
  direction?: Call['direction'];
  outcome?: Call['outcome'];
  handledById?: string;
  customerId?: string;
  linked?: boolean;
  sort?: string;
  page: number;
  pageSize: number;
}

export const callSelect = {
  c: calls,
  customerName: customers.name,
  departmentName: departments.name,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  handledByName: users.displayName,
  linkedNumber: sql<string | null>`case ${calls.linkedKind}
    when 'request' then (select number from service_requests r where r.id = ${calls.linkedId})
    when 'complaint' then (select number from complaints x where x.id = ${calls.linkedId})
    when 'consultation' then (select number from consultations x where x.id = ${calls.linkedId}) end`,
};
const joinedCalls = (ex: Executor) =>
  ex
    .select(callSelect)
    .from(calls)
    .innerJoin(users, eq(users.id, calls.handledById))
    .leftJoin(customers, eq(customers.id, calls.customerId))
    .leftJoin(departments, eq(departments.id, calls.departmentId))
    .leftJoin(devices, eq(devices.id, calls.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId));

/** From/to are company-local dates, both inclusive. */
function dayBounds(from: string | undefined, to: string | undefined, timeZone: string, col: typeof calls.startedAt) {
  const conds: SQL[] = [];
  if (from) conds.push(sql`${col} >= (${from}::date::timestamp at time zone ${timeZone})`);
  if (to) conds.push(sql`${col} < ((${to}::date + 1)::timestamp at time zone ${timeZone})`);
  return conds;
}

function callWhere(f: CallFilter, timeZone: string) {
  const text = f.q?.trim();
  const pattern = text ? likePattern(text) : null;
  return allOf(
    pattern
      ? or(
          sql`${calls.phone} ilike ${likePattern(normalizePhone(text as string))}`,
          sql`${calls.callerName} ilike ${pattern}`,
          sql`${calls.topic} ilike ${pattern}`,
          sql`${calls.notes} ilike ${pattern}`,
          sql`${customers.name} ilike ${pattern}`,
        )
      : undefined,
    ...dayBounds(f.from, f.to, timeZone, calls.startedAt),
    f.direction ? eq(calls.direction, f.direction) : undefined,
    f.outcome ? eq(calls.outcome, f.outcome) : undefined,
    f.handledById ? eq(calls.handledById, f.handledById) : undefined,
    f.customerId ? eq(calls.customerId, f.customerId) : undefined,
    f.linked === undefined ? undefined : f.linked ? isNotNull(calls.linkedId) : isNull(calls.linkedId),
  );
}

const CALL_SORTS = { startedAt: calls.startedAt, duration: calls.durationSeconds, phone: calls.phone, customer: customers.name };

export async function listCalls(ex: Executor, f: CallFilter, timeZone: string, limit?: number) {
  const where = callWhere(f, timeZone);
  const rows = await joinedCalls(ex)
    .where(where)
    .orderBy(...orderFrom(f.sort, CALL_SORTS, '-startedAt', calls.id))
    .limit(limit ?? f.pageSize)
    .offset(limit ? 0 : offsetOf(f));
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(calls).leftJoin(customers, eq(customers.id, calls.customerId)).where(where);
  return { rows, total: Number(n) };
}

export async function getCall(ex: Executor, id: string) {
  const [row] = await joinedCalls(ex).where(eq(calls.id, id));
  if (!row) throw notFound();
  return row;
}

// ---- missed calls -------------------------------------------------------------------------

export const missedSelect = {
  m: missedCalls,
  customerName: customers.name,
  callbackByName: sql<string | null>`(select u.display_name from calls c join users u on u.id = c.handled_by_id where c.id = ${missedCalls.callbackCallId})`,
};

export async function listMissed(
  ex: Executor,
  q: { state?: 'open' | 'overdue' | 'returned'; from?: string; to?: string; page: number; pageSize: number },
  timeZone: string,
  now = new Date(),
) {
  const where = allOf(
    q.state === 'open' ? isNull(missedCalls.calledBackAt) : undefined,
    q.state === 'overdue' ? and(isNull(missedCalls.calledBackAt), lt(missedCalls.callbackDueAt, now)) : undefined,
    q.state === 'returned' ? isNotNull(missedCalls.calledBackAt) : undefined,
    ...dayBounds(q.from, q.to, timeZone, missedCalls.receivedAt as never),
  );
  const rows = await ex
    .select(missedSelect)
    .from(missedCalls)
    .leftJoin(customers, eq(customers.id, missedCalls.customerId))
    .where(where)
    // Open ones first, the most urgent on top; then the returned ones, newest first.
    .orderBy(
      sql`${missedCalls.calledBackAt} is not null`,
      sql`case when ${missedCalls.calledBackAt} is null then ${missedCalls.callbackDueAt} end asc`,
      sql`${missedCalls.receivedAt} desc`,
      asc(missedCalls.id),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(missedCalls).where(where);
  return { rows, total: Number(n) };
}

export async function getMissed(ex: Executor, id: string) {
  const [row] = await ex.select(missedSelect).from(missedCalls).leftJoin(customers, eq(customers.id, missedCalls.customerId)).where(eq(missedCalls.id, id));
  if (!row) throw notFound();
  return row;
}

/** The customer a number belongs to, when exactly one hospital has a contact with it. */
async function customerOfPhone(ex: Executor, phones: string[]) {
  if (!phones.length) return new Map<string, string>();
  const rows = await ex
    .select({ phone: sql<string>`regexp_replace(${contacts.phone}, '[\\s()-]', '', 'g')`, customerId: contacts.customerId })
    .from(contacts)
    .where(inArray(sql`regexp_replace(${contacts.phone}, '[\\s()-]', '', 'g')`, phones));
  const by = new Map<string, Set<string>>();
  for (const r of rows) by.set(r.phone, (by.get(r.phone) ?? new Set()).add(r.customerId));
  return new Map([...by].filter(([, s]) => s.size === 1).map(([p, s]) => [p, [...s][0]]));
}

export async function recordMissed(
  db: Db,
  actor: Actor,
  input: { phone: string; callerName?: string | null; receivedAt: Date; customerId?: string | null; note?: string | null },
  timeZone: string,
  now = new Date(),
) {
  if (input.receivedAt.getTime() > now.getTime() + 60_000) throw invalidField('receivedAt', 'invalid');
  return db.transaction(async (tx) => {
    const cal = await hotlineCal(tx, timeZone);
    const h = await hotline(tx);
    const phone = normalizePhone(input.phone);
    const customerId = input.customerId ?? (await customerOfPhone(tx, [phone])).get(phone) ?? null;
    if (input.customerId) await checkRefs(tx, { customerId: input.customerId });
    return insertAudited(tx, actor, 'missed_call', missedCalls, {
      phone,
      callerName: input.callerName ?? null,
      customerId,
      receivedAt: input.receivedAt,
      callbackDueAt: callbackDeadline(cal, input.receivedAt, h.callbackMinutes),
      source: 'manual',
      note: input.note ?? null,
    });
  });
}

/**
 * A PBX CSV export (columns in calls.rules.ts PBX_COLUMNS): every line checked first; one bad line
 * refuses the whole file with each bad line named (nothing half-imported); calls whose PBX id was
 * imported before are skipped, so importing the same export twice adds nothing.
 */
export async function importMissed(db: Db, actor: Actor, csv: string, timeZone: string, locale: Locale, now = new Date()) {
  const { rows, skipped, issues } = readPbxCsv(csv, timeZone);
  for (const r of rows) if (r.receivedAt.getTime() > now.getTime() + 60_000) issues.push({ line: r.line, field: 'time', code: 'invalid' });
  if (issues.length) {
    issues.sort((a, b) => a.line - b.line);
    const lines = issues
      .slice(0, 20)
      .map((i) => t('pbx.line', locale, { line: i.line, field: t(`pbx.col.${i.field}`, locale), problem: t(`pbx.problem.${i.code}`, locale) }))
      .join(locale === 'zh-CN' ? '；' : '; ');
    throw new AppError(
      422,
      'missed_calls_import_invalid',
      { lines },
      issues.map((i) => ({ field: `rows.${i.line}.${i.field}`, code: i.code === 'required' ? 'required' : i.code === 'invalid' ? 'invalid' : 'duplicate' })),
      { lines: issues },
    );
  }
  return db.transaction(async (tx) => {
    const cal = await hotlineCal(tx, timeZone);
    const h = await hotline(tx);
    const refs = rows.map((r) => r.callId).filter((x): x is string => !!x);
    const known = new Set(
      refs.length ? (await tx.select({ ref: missedCalls.pbxRef }).from(missedCalls).where(inArray(missedCalls.pbxRef, refs))).map((r) => r.ref) : [],
    );
    const owners = await customerOfPhone(tx, [...new Set(rows.map((r) => r.phone))]);
    let imported = 0;
    let repeated = 0;
    for (const r of rows) {
      if (r.callId && known.has(r.callId)) {
        repeated++;
        continue;
      }
      await insertAudited(tx, actor, 'missed_call', missedCalls, {
        phone: r.phone,
        callerName: r.name,
        customerId: owners.get(r.phone) ?? null,
        receivedAt: r.receivedAt,
        callbackDueAt: callbackDeadline(cal, r.receivedAt, h.callbackMinutes),
        source: 'pbx',
        pbxRef: r.callId,
      });
      imported++;
    }
    return { imported, skippedAnswered: skipped, skippedKnown: repeated };
  });
}

/**
 * Overdue call-backs (R-CL-1): each missed call past its deadline and not returned tells customer
 * service and the service manager once (the job runs every minute; the stamp makes it idempotent).
 */
export async function flagOverdueMissed(db: Db, timeZone: string, now = new Date()) {
  const due = await db
    .select()
    .from(missedCalls)
    .where(and(isNull(missedCalls.calledBackAt), isNull(missedCalls.overdueNotifiedAt), lt(missedCalls.callbackDueAt, now)))
    .limit(200);
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  for (const m of due) {
    await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(missedCalls).where(eq(missedCalls.id, m.id)).for('update');
      if (!locked || locked.calledBackAt || locked.overdueNotifiedAt) return;
      await updateAudited(tx, systemActor, 'missed_call', missedCalls, m.id, locked.version, { overdueNotifiedAt: now }, locked);
      await notify(
        tx,
        await staffWithRoles(tx, ['dispatcher', 'service_manager']),
        'missed_call_overdue' as unknown as NotificationKind,
        { phone: m.phone, caller: m.callerName ?? m.phone, receivedAt: fmt.format(m.receivedAt), due: fmt.format(m.callbackDueAt) },
        { entity: 'missed_call', id: m.id },
      );
    });
  }
  return due.length;
}
