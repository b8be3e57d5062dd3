// Service tools and measuring instruments (issue 13 §5; seed 001 为售后服务工程师配备应急维修工具和设备，
// 定期进行维护和检查; ISO 13485 §7.6): the register, calibrations with certificates, hand-overs
// with history, retiring with a reason, the usability check inspection readings will call, and the
// daily calibration reminders.
import { aliasedTable, and, asc, desc, eq, ilike, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { users, warehouses } from '../../db/schema.ts';
import { can, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { instrumentsPolicy } from './instruments.policy.ts';
import {
  addDays,
  type CalibrationResult,
  DUE_SOON_DAYS,
  type DueState,
  dayIn,
  nextDue,
  reminderDue,
  statusAfterCalibration,
  statusAfterHandover,
  unusableBecause,
} from './instruments.rules.ts';
import { instrumentCalibrations, instrumentHandovers, instruments } from './instruments.tables.ts';

export type Instrument = typeof instruments.$inferSelect;
type HolderKind = Instrument['holderKind'];
type Kind = Instrument['kind'];

export interface Holder {
  holderKind: HolderKind;
  holderUserId?: string | null;
  holderWarehouseId?: string | null;
}

export interface InstrumentInput extends Holder {
  code: string;
  name: string;
  kind: Kind;
  maker?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  calibrationIntervalMonths: number;
  lastCalibratedOn?: string | null;
  notes?: string | null;
}

const retiredField = (field: string) => invalidField(field, 'instrument_retired');

/** The holder's references: an active staff member, or an active warehouse/van; the store needs none. */
async function vetHolder(tx: Executor, h: Holder) {
  if (h.holderKind === 'engineer') {
    if (!h.holderUserId) throw invalidField('holderUserId', 'required');
    const [u] = await tx.select({ active: users.active, roles: users.roles }).from(users).where(eq(users.id, h.holderUserId));
    if (!u?.active || u.roles.includes('customer_user')) throw invalidField('holderUserId', 'invalid_reference');
    return { holderKind: h.holderKind, holderUserId: h.holderUserId, holderWarehouseId: null };
  }
  if (h.holderKind === 'warehouse') {
    if (!h.holderWarehouseId) throw invalidField('holderWarehouseId', 'required');
    const [w] = await tx.select({ active: warehouses.active }).from(warehouses).where(eq(warehouses.id, h.holderWarehouseId));
    if (!w?.active) throw invalidField('holderWarehouseId', 'invalid_reference');
    return { holderKind: h.holderKind, holderUserId: null, holderWarehouseId: h.holderWarehouseId };
  }
  return { holderKind: h.holderKind, holderUserId: null, holderWarehouseId: null };
}

function notInFuture(field: string, day: string | null | undefined, today: string) {
  if (day && day > today) throw invalidField(field, 'not_in_future');
}

export async function createInstrument(db: Db, actor: Actor, input: InstrumentInput, today: string) {
  notInFuture('lastCalibratedOn', input.lastCalibratedOn, today);
  return db.transaction(async (tx) => {
    const holder = await vetHolder(tx, input);
    const last = input.lastCalibratedOn ?? null;
    return insertAudited(tx, actor, 'instrument', instruments, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      maker: input.maker ?? null,
      model: input.model ?? null,
      serialNumber: input.serialNumber ?? null,
      ...holder,
      status: holder.holderKind === 'engineer' ? 'in_use' : 'in_store',
      calibrationIntervalMonths: input.calibrationIntervalMonths,
      lastCalibratedOn: last,
      nextDueOn: nextDue(last, input.calibrationIntervalMonths),
      notes: input.notes ?? null,
    });
  });
}

export interface InstrumentPatch {
  code?: string;
  name?: string;
  kind?: Kind;
  maker?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  calibrationIntervalMonths?: number;
  /** Only the statuses a person sets by hand: sent out for calibration, or back (in use/in store). */
  status?: 'in_use' | 'in_store' | 'out_for_calibration';
  notes?: string | null;
}

export async function updateInstrument(db: Db, actor: Actor, id: string, version: number, patch: InstrumentPatch) {
  return db.transaction(async (tx) => {
    const cur = await lockById(tx, instruments, id);
    if (cur.status === 'retired') throw retiredField('status');
    // Out of tolerance ends only with a calibration that passes (ISO 13485 §7.6).
    if (patch.status && cur.status === 'out_of_tolerance' && patch.status !== 'out_for_calibration') throw invalidField('status', 'status_not_settable');
    if ((patch.status === 'in_use' || patch.status === 'in_store') && patch.status !== cur.status) {
      // Back from the lab only if its last calibration did not fail.
      const [last] = await tx
        .select({ result: instrumentCalibrations.result })
        .from(instrumentCalibrations)
        .where(eq(instrumentCalibrations.instrumentId, id))
        .orderBy(desc(instrumentCalibrations.calibratedOn), desc(instrumentCalibrations.createdAt))
        .limit(1);
      if (last?.result === 'fail') throw invalidField('status', 'status_not_settable');
    }
    const months = patch.calibrationIntervalMonths ?? cur.calibrationIntervalMonths;
    const latest = await latestCalibration(tx, id);
    return updateAudited(
      tx,
      actor,
      'instrument',
      instruments,
      id,
      version,
      { ...patch, nextDueOn: nextDue(cur.lastCalibratedOn, months, latest?.lastCalibratedOn === cur.lastCalibratedOn ? latest?.validUntil : null) },
      cur,
    );
  });
}

async function latestCalibration(ex: Executor, instrumentId: string) {
  const [c] = await ex
    .select({ lastCalibratedOn: instrumentCalibrations.calibratedOn, validUntil: instrumentCalibrations.validUntil })
    .from(instrumentCalibrations)
    .where(and(eq(instrumentCalibrations.instrumentId, instrumentId), ne(instrumentCalibrations.result, 'fail')))
    .orderBy(desc(instrumentCalibrations.calibratedOn), desc(instrumentCalibrations.createdAt))
    .limit(1);
  return c;
}

export interface CalibrationInput {
  version: number;
  calibratedOn: string;
  result: CalibrationResult;
  certificateNumber?: string | null;
  lab?: string | null;
  validUntil?: string | null;
  note?: string | null;
}

/**
 * Records a calibration (ISO 13485 §7.6): a pass or an adjustment moves the due date on from it
 * (an earlier one, entered late, does not move it back); a failure takes the instrument out of
 * tolerance until a later calibration passes.
 */
export async function recordCalibration(db: Db, actor: Actor, id: string, input: CalibrationInput, today: string) {
  notInFuture('calibratedOn', input.calibratedOn, today);
  if (input.validUntil && input.validUntil <= input.calibratedOn) throw invalidField('validUntil', 'date_order', { earlier: 'calibratedOn' });
  return db.transaction(async (tx) => {
    const cur = await lockById(tx, instruments, id);
    if (cur.status === 'retired') throw retiredField('calibratedOn');
    const cal = await insertAudited(tx, actor, 'instrument_calibration', instrumentCalibrations, {
      instrumentId: id,
      calibratedOn: input.calibratedOn,
      result: input.result,
      certificateNumber: input.certificateNumber ?? null,
      lab: input.lab ?? null,
      validUntil: input.validUntil ?? null,
      note: input.note ?? null,
      recordedBy: actor.id,
    });
    const latest = !cur.lastCalibratedOn || input.calibratedOn >= cur.lastCalibratedOn;
    let patch: Partial<Instrument> = {};
    if (input.result === 'fail') {
      if (latest) patch = { status: 'out_of_tolerance' };
    } else if (latest) {
      patch = {
        lastCalibratedOn: input.calibratedOn,
        nextDueOn: nextDue(input.calibratedOn, cur.calibrationIntervalMonths, input.validUntil),
        status: statusAfterCalibration(input.result, cur.holderKind),
      };
    }
    const row = await updateAudited(tx, actor, 'instrument', instruments, id, input.version, patch, cur);
    return { instrument: row, calibration: cal };
  });
}

export interface HandoverInput extends Holder {
  version: number;
  note?: string | null;
}

/**
 * Hands an instrument to a new holder, kept as history. Managers hand over any; an engineer only
 * one they hold themselves or that sits in their van.
 */
export async function handOver(db: Db, user: Principal, actor: Actor, id: string, input: HandoverInput) {
  return db.transaction(async (tx) => {
    const cur = await lockById(tx, instruments, id);
    if (!can(user, instrumentsPolicy, 'manage')) {
      let mine = cur.holderKind === 'engineer' && cur.holderUserId === user.id;
      if (!mine && cur.holderKind === 'warehouse' && cur.holderWarehouseId) {
        const [w] = await tx.select({ ownerId: warehouses.ownerId }).from(warehouses).where(eq(warehouses.id, cur.holderWarehouseId));
        mine = w?.ownerId === user.id;
      }
      if (!mine) throw new AppError(403, 'instrument_not_holder');
    }
    if (cur.status === 'retired') throw retiredField('holderKind');
    const to = await vetHolder(tx, input);
    if (to.holderKind === cur.holderKind && to.holderUserId === cur.holderUserId && to.holderWarehouseId === cur.holderWarehouseId)
      throw invalidField(to.holderKind === 'engineer' ? 'holderUserId' : to.holderKind === 'warehouse' ? 'holderWarehouseId' : 'holderKind', 'same_holder');
    await insertAudited(tx, actor, 'instrument_handover', instrumentHandovers, {
      instrumentId: id,
      fromKind: cur.holderKind,
      fromUserId: cur.holderUserId,
      fromWarehouseId: cur.holderWarehouseId,
      toKind: to.holderKind,
      toUserId: to.holderUserId,
      toWarehouseId: to.holderWarehouseId,
      handedOverBy: actor.id,
      note: input.note ?? null,
    });
    return updateAudited(tx, actor, 'instrument', instruments, id, input.version, { ...to, status: statusAfterHandover(cur.status, to.holderKind) }, cur);
  });
}

/** Retires an instrument for good, with the reason (never deleted: its calibrations stay as records). */
export async function retireInstrument(db: Db, actor: Actor, id: string, version: number, reason: string) {
  return db.transaction(async (tx) => {
    const cur = await lockById(tx, instruments, id);
    if (cur.status === 'retired') throw retiredField('reason');
    return updateAudited(tx, actor, 'instrument', instruments, id, version, { status: 'retired', retiredAt: clockNow(), retiredReason: reason }, cur);
  });
}

/**
 * The check an inspection reading makes of the instrument it was taken with (ISO 13485 §7.6):
 * 422 instrument_retired, or instrument_out_of_calibration when out of tolerance, away for
 * calibration or overdue on the day of `at` (company time zone).
 */
export async function assertInstrumentUsable(tx: Executor, instrumentId: string, at: Date | string, timeZone = 'Asia/Shanghai', field = 'instrumentId') {
  const [i] = await tx
    .select({ code: instruments.code, status: instruments.status, nextDueOn: instruments.nextDueOn })
    .from(instruments)
    .where(eq(instruments.id, instrumentId));
  if (!i) throw invalidField(field, 'invalid_reference');
  const day = typeof at === 'string' ? at : dayIn(at, timeZone);
  const why = unusableBecause(i, day);
  if (why) throw new AppError(422, why, { code: i.code }, [{ field, code: why === 'instrument_retired' ? 'instrument_retired' : 'invalid' }]);
  return i;
}

// ---- reads -----------------------------------------------------------------------------

const holderUser = aliasedTable(users, 'holder_user');
const holderWh = aliasedTable(warehouses, 'holder_wh');
const cols = {
  i: instruments,
  holderUserName: holderUser.displayName,
  holderWarehouseName: holderWh.name,
  holderWarehouseCode: holderWh.code,
};
const baseQuery = (ex: Executor) =>
  ex
    .select(cols)
    .from(instruments)
    .leftJoin(holderUser, eq(holderUser.id, instruments.holderUserId))
    .leftJoin(holderWh, eq(holderWh.id, instruments.holderWarehouseId));
export type InstrumentRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

export interface ListFilter {
  q?: string;
  kind?: Kind;
  status?: Instrument['status'];
  holderKind?: HolderKind;
  holderUserId?: string;
  holderWarehouseId?: string;
  due?: DueState;
  sort?: string;
}

function dueWhere(due: DueState | undefined, today: string): SQL | undefined {
  if (!due) return undefined;
  const soon = addDays(today, DUE_SOON_DAYS);
  if (due === 'overdue') return or(isNull(instruments.nextDueOn), sql`${instruments.nextDueOn} <= ${today}::date`);
  if (due === 'due_soon') return and(sql`${instruments.nextDueOn} > ${today}::date`, sql`${instruments.nextDueOn} <= ${soon}::date`);
  return sql`${instruments.nextDueOn} > ${soon}::date`;
}

function whereOf(f: ListFilter, today: string) {
  const text = f.q?.trim();
  const p = text ? likePattern(text) : '';
  return allOf(
    text
      ? or(
          ilike(instruments.code, p),
          ilike(instruments.name, p),
          ilike(instruments.serialNumber, p),
          ilike(instruments.maker, p),
          ilike(instruments.model, p),
          ilike(holderUser.displayName, p),
        )
      : undefined,
    f.kind ? eq(instruments.kind, f.kind) : undefined,
    // Retired instruments only when asked for.
    f.status ? eq(instruments.status, f.status) : ne(instruments.status, 'retired'),
    f.holderKind ? eq(instruments.holderKind, f.holderKind) : undefined,
    f.holderUserId ? eq(instruments.holderUserId, f.holderUserId) : undefined,
    f.holderWarehouseId ? eq(instruments.holderWarehouseId, f.holderWarehouseId) : undefined,
    dueWhere(f.due, today),
  );
}

function orderOf(sort: string | undefined): SQL[] {
  const key = sort ?? 'nextDueOn';
  const dir = key.startsWith('-') ? sql`desc` : sql`asc`;
  const col = { nextDueOn: instruments.nextDueOn, code: instruments.code, name: instruments.name }[key.replace(/^-/, '') as 'nextDueOn' | 'code' | 'name'];
  // Never calibrated sorts with the most overdue: first when ascending.
  return [sql`${col} ${dir} nulls ${key.startsWith('-') ? sql`last` : sql`first`}`, asc(instruments.code)];
}

export async function listInstruments(ex: Executor, f: ListFilter, today: string, page: number, pageSize: number) {
  const where = whereOf(f, today);
  const rows = await baseQuery(ex)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(instruments)
    .leftJoin(holderUser, eq(holderUser.id, instruments.holderUserId))
    .where(where);
  return { rows, total: Number(n) };
}

/** Every match for the Excel export (capped). */
export async function exportInstruments(ex: Executor, f: ListFilter, today: string, max: number) {
  return baseQuery(ex)
    .where(whereOf(f, today))
    .orderBy(...orderOf(f.sort))
    .limit(max);
}

/** Overdue and due-soon (not retired) instruments: the menu badge and the dashboard tile. */
export async function dueCounts(ex: Executor, today: string) {
  const soon = addDays(today, DUE_SOON_DAYS);
  const [r] = await ex
    .select({
      overdue: sql<number>`count(*) filter (where ${instruments.nextDueOn} is null or ${instruments.nextDueOn} <= ${today}::date)::int`,
      dueSoon: sql<number>`count(*) filter (where ${instruments.nextDueOn} > ${today}::date and ${instruments.nextDueOn} <= ${soon}::date)::int`,
    })
    .from(instruments)
    .where(ne(instruments.status, 'retired'));
  return { overdue: Number(r.overdue), dueSoon: Number(r.dueSoon) };
}

export async function getInstrument(ex: Executor, id: string) {
  const [r] = await baseQuery(ex).where(eq(instruments.id, id));
  if (!r) return null;
  const recorder = aliasedTable(users, 'recorder');
  const calibrations = await ex
    .select({ c: instrumentCalibrations, recordedByName: recorder.displayName })
    .from(instrumentCalibrations)
    .leftJoin(recorder, eq(recorder.id, instrumentCalibrations.recordedBy))
    .where(eq(instrumentCalibrations.instrumentId, id))
    .orderBy(desc(instrumentCalibrations.calibratedOn), desc(instrumentCalibrations.createdAt));
  const fromU = aliasedTable(users, 'from_u');
  const toU = aliasedTable(users, 'to_u');
  const byU = aliasedTable(users, 'by_u');
  const fromW = aliasedTable(warehouses, 'from_w');
  const toW = aliasedTable(warehouses, 'to_w');
  const handovers = await ex
    .select({
      h: instrumentHandovers,
      fromUserName: fromU.displayName,
      toUserName: toU.displayName,
      byName: byU.displayName,
      fromWarehouseName: fromW.name,
      toWarehouseName: toW.name,
    })
    .from(instrumentHandovers)
    .leftJoin(fromU, eq(fromU.id, instrumentHandovers.fromUserId))
    .leftJoin(toU, eq(toU.id, instrumentHandovers.toUserId))
    .leftJoin(byU, eq(byU.id, instrumentHandovers.handedOverBy))
    .leftJoin(fromW, eq(fromW.id, instrumentHandovers.fromWarehouseId))
    .leftJoin(toW, eq(toW.id, instrumentHandovers.toWarehouseId))
    .where(eq(instrumentHandovers.instrumentId, id))
    .orderBy(desc(instrumentHandovers.createdAt));
  return { ...r, calibrations, handovers };
}

/** Who may hold an instrument: active field staff, and active warehouses and vans (the hand-over picker). */
export async function holderOptions(ex: Executor) {
  const people = await ex
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.roles} && array['engineer','technician','technical_expert','service_manager','parts_admin']::text[]`))
    .orderBy(asc(users.displayName));
  const stores = await ex
    .select({ id: warehouses.id, code: warehouses.code, name: warehouses.name, kind: warehouses.kind })
    .from(warehouses)
    .where(eq(warehouses.active, true))
    .orderBy(asc(warehouses.code));
  return { people, warehouses: stores };
}

// ---- reminders -------------------------------------------------------------------------

const kind = (k: 'instrument_due_soon' | 'instrument_overdue') => k as unknown as NotificationKind;

/**
 * The daily reminder (issue 13 §5): an instrument due within 30 days tells its holder (the
 * engineer, or the van's owner) and the service managers once per due cycle, and once more when
 * overdue. The conditional update claims the reminder: with two workers only one sends it.
 */
export async function sendCalibrationReminders(db: Db, timeZone: string, now = new Date()) {
  const today = dayIn(now, timeZone);
  const soon = addDays(today, DUE_SOON_DAYS);
  const candidates = await db
    .select({ i: instruments, vanOwner: warehouses.ownerId })
    .from(instruments)
    .leftJoin(warehouses, eq(warehouses.id, instruments.holderWarehouseId))
    .where(
      and(
        ne(instruments.status, 'retired'),
        sql`${instruments.nextDueOn} <= ${soon}::date`,
        or(
          and(sql`${instruments.nextDueOn} <= ${today}::date`, sql`${instruments.remindedOverdueFor} is distinct from ${instruments.nextDueOn}`),
          and(sql`${instruments.nextDueOn} > ${today}::date`, sql`${instruments.remindedDueSoonFor} is distinct from ${instruments.nextDueOn}`),
        ),
      ),
    )
    .limit(500);
  let sent = 0;
  for (const { i, vanOwner } of candidates) {
    const which = reminderDue(i, today);
    if (!which) continue;
    await db.transaction(async (tx) => {
      const col = which === 'overdue' ? instruments.remindedOverdueFor : instruments.remindedDueSoonFor;
      const claimed = await tx
        .update(instruments)
        .set(which === 'overdue' ? { remindedOverdueFor: i.nextDueOn } : { remindedDueSoonFor: i.nextDueOn })
        .where(and(eq(instruments.id, i.id), eq(instruments.nextDueOn, i.nextDueOn as string), sql`${col} is distinct from ${instruments.nextDueOn}`))
        .returning({ id: instruments.id });
      if (!claimed.length) return;
      const holder = i.holderKind === 'engineer' ? i.holderUserId : i.holderKind === 'warehouse' ? vanOwner : null;
      const to = [...(holder ? [holder] : []), ...(await staffWithRoles(tx, ['service_manager']))];
      await notify(
        tx,
        to,
        kind(which === 'overdue' ? 'instrument_overdue' : 'instrument_due_soon'),
        { code: i.code, name: i.name, due: i.nextDueOn },
        { entity: 'instrument', id: i.id },
      );
      sent++;
    });
  }
  return sent;
}
