// Loaner units (R-SLA-3, 备用机): devices of their own in a loaner pool, lent to a customer
// whose unit is not restored in time. Lending records the loan, meets (or breaches) the
// loaner clock raised by the sweep at the 12-hour mark, and takes the unit out of the pool
// until it comes back. A unit is in one place at a time: the pool row is locked while a loan
// is opened, and a partial unique index backs it.
import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, slaPolicies } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { addCalendarMinutes } from '../../lib/calendar.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, offsetOf, updateAudited } from '../../lib/records.ts';
import { stopClock } from '../sla/index.ts';
import type { lendBody, loanerUnitBody, loanListQuery, returnLoanBody } from './requests.dto.ts';
import { isOpenRequest } from './requests.rules.ts';
import { loanerUnits, loans, serviceRequests } from './requests.tables.ts';

const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const seedActor: Actor = { id: null, name: 'seed' };

/** The demo pool: the service company's own two PM-9000 kept for lending. */
export async function seedLoaners(db: Db) {
  const rows = await db
    .select({ id: devices.id })
    .from(devices)
    .where(inArray(devices.serialNumber, ['PM9000-LOANER-01', 'PM9000-LOANER-02']))
    .orderBy(devices.serialNumber);
  await db.transaction(async (tx) => {
    for (const d of rows) await insertAudited(tx, seedActor, 'loaner_unit', loanerUnits, { deviceId: d.id, notes: '售后部备用机' });
  });
}

const loanerDevice = alias(devices, 'loaner_device');
const servedDevice = alias(devices, 'served_device');
const loanerModel = alias(deviceModels, 'loaner_model');

function loanQuery(ex: Executor) {
  return ex
    .select({
      l: loans,
      requestNumber: serviceRequests.number,
      loanerSerial: loanerDevice.serialNumber,
      loanerModel: loanerModel.name,
      servedSerial: servedDevice.serialNumber,
      customerName: customers.name,
    })
    .from(loans)
    .innerJoin(serviceRequests, eq(serviceRequests.id, loans.requestId))
    .innerJoin(loanerDevice, eq(loanerDevice.id, loans.loanerDeviceId))
    .innerJoin(loanerModel, eq(loanerModel.id, loanerDevice.modelId))
    .innerJoin(servedDevice, eq(servedDevice.id, loans.servedDeviceId))
    .innerJoin(customers, eq(customers.id, loans.customerId));
}
type LoanRow = Awaited<ReturnType<typeof loanQuery>>[number];

function loanView(r: LoanRow) {
  const l = r.l;
  return {
    id: l.id,
    version: l.version,
    status: l.status,
    requestId: l.requestId,
    requestNumber: r.requestNumber,
    loanerDeviceId: l.loanerDeviceId,
    loanerSerial: r.loanerSerial,
    loanerModel: r.loanerModel,
    servedDeviceId: l.servedDeviceId,
    servedSerial: r.servedSerial,
    customerId: l.customerId,
    customerName: r.customerName,
    lentAt: l.lentAt.toISOString(),
    dueAt: l.dueAt.toISOString(),
    outcome: l.outcome,
    lentByName: l.lentByName,
    notes: l.notes,
    returnedAt: l.returnedAt?.toISOString() ?? null,
    returnCondition: l.returnCondition,
    returnedByName: l.returnedByName,
  };
}

function loanScope(user: Principal): SQL | undefined {
  const c = customerScope(user);
  return c === null ? undefined : eq(loans.customerId, c);
}

export async function getLoan(ex: Executor, user: Principal, id: string) {
  const [r] = await loanQuery(ex).where(allOf(eq(loans.id, id), loanScope(user)));
  if (!r) throw notFound();
  return loanView(r);
}

/**
 * The search box of the loans list: the loaner's or the served unit's serial number, the
 * customer's name, the request number. Each branch reads its own table through that table's
 * trigram index (devices_serial_trgm, customers_name_trgm, service_requests_number_trgm) and
 * names loans by key, so the condition is on `loans` alone and the count needs no joins.
 */
function loanSearch(text: string | undefined): SQL | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const p = likePattern(t);
  const serials = sql`(select d.id from devices d where d.serial_number ilike ${p})`;
  return or(
    sql`${loans.loanerDeviceId} in ${serials}`,
    sql`${loans.servedDeviceId} in ${serials}`,
    sql`${loans.customerId} in (select c.id from customers c where c.name ilike ${p})`,
    sql`${loans.requestId} in (select r.id from service_requests r where r.number ilike ${p})`,
  );
}

export async function listLoans(ex: Executor, user: Principal, q: z.infer<typeof loanListQuery>) {
  const where = allOf(
    loanScope(user),
    loanSearch(q.q),
    q.open === 'true' ? eq(loans.status, 'open') : q.open === 'false' ? eq(loans.status, 'returned') : undefined,
    q.deviceId ? or(eq(loans.loanerDeviceId, q.deviceId), eq(loans.servedDeviceId, q.deviceId)) : undefined,
    q.customerId ? eq(loans.customerId, q.customerId) : undefined,
    q.requestId ? eq(loans.requestId, q.requestId) : undefined,
  );
  const rows = await loanQuery(ex).where(where).orderBy(desc(loans.lentAt), desc(loans.id)).limit(q.pageSize).offset(offsetOf(q));
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(loans).where(where);
  return { items: rows.map(loanView), total: Number(n), page: q.page, pageSize: q.pageSize };
}

/** The pool with each unit's availability: a unit lent out, inactive or retired is not available. */
export async function listLoanerUnits(ex: Executor) {
  const rows = await ex
    .select({
      u: loanerUnits,
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      deviceStatus: devices.status,
      ownerName: customers.name,
      openLoanId: sql<string | null>`(select l.id from loans l where l.loaner_device_id = ${loanerUnits.deviceId} and l.status = 'open' limit 1)`,
    })
    .from(loanerUnits)
    .innerJoin(devices, eq(devices.id, loanerUnits.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .orderBy(deviceModels.name, devices.serialNumber);
  return rows.map((r) => ({
    id: r.u.id,
    version: r.u.version,
    deviceId: r.u.deviceId,
    serialNumber: r.serialNumber,
    modelName: r.modelName,
    ownerName: r.ownerName,
    active: r.u.active,
    notes: r.u.notes,
    openLoanId: r.openLoanId,
    available: r.u.active && r.deviceStatus !== 'retired' && r.deviceStatus !== 'safety_hold' && r.openLoanId === null,
  }));
}

/** Put a device into the loaner pool. It must not be a unit some customer is being served on. */
export async function addLoanerUnit(db: Db, user: Principal, input: z.infer<typeof loanerUnitBody>) {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(devices).where(eq(devices.id, input.deviceId));
    if (!d) throw new AppError(422, 'invalid_reference', { field: 'deviceId' }, [{ field: 'deviceId', code: 'not_found' }]);
    if (d.status === 'retired') throw new AppError(422, 'device_retired', {}, [{ field: 'deviceId', code: 'invalid' }]);
    return insertAudited(tx, actorOf(user), 'loaner_unit', loanerUnits, { deviceId: d.id, notes: input.notes ?? null });
  });
}

/**
 * R-SLA-3: a loaner unit is put in place for a request. The loaner clock (raised by the sweep
 * at the 12-hour mark) stops: met when within its target (24 h of the request), else breached.
 * A loan placed before the task was raised is judged against the same target.
 */
export async function lend(db: Db, user: Principal, requestId: string, input: z.infer<typeof lendBody>, now = new Date()) {
  const lentAt = new Date(input.lentAt);
  if (lentAt.getTime() > now.getTime() + 60_000) throw new AppError(422, 'time_in_future', {}, [{ field: 'lentAt', code: 'invalid' }]);
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId)).for('update');
    const scope = customerScope(user);
    if (!request || (scope !== null && request.customerId !== scope)) throw notFound();
    if (!isOpenRequest(request.status)) throw new AppError(409, 'request_not_open', { status: request.status });
    if (lentAt.getTime() < request.receivedAt.getTime()) {
      throw new AppError(422, 'date_order', { later: 'lentAt', earlier: 'requestReceivedAt' }, [{ field: 'lentAt', code: 'invalid' }]);
    }
    // The pool row is the unit's lock: two concurrent loans of it queue here, the second sees the first.
    const [unit] = await tx
      .select({ u: loanerUnits, status: devices.status })
      .from(loanerUnits)
      .innerJoin(devices, eq(devices.id, loanerUnits.deviceId))
      .where(eq(loanerUnits.deviceId, input.deviceId))
      .for('update', { of: loanerUnits });
    if (!unit) throw new AppError(422, 'not_a_loaner', {}, [{ field: 'deviceId', code: 'invalid' }]);
    if (unit.u.deviceId === request.deviceId) throw new AppError(422, 'not_a_loaner', {}, [{ field: 'deviceId', code: 'invalid' }]);
    const [busy] = await tx
      .select({ id: loans.id, requestId: loans.requestId })
      .from(loans)
      .where(and(eq(loans.loanerDeviceId, input.deviceId), eq(loans.status, 'open')));
    if (busy || !unit.u.active || unit.status === 'retired' || unit.status === 'safety_hold') {
      throw new AppError(409, 'loaner_unavailable', {}, [{ field: 'deviceId', code: 'unavailable' }]);
    }
    const [already] = await tx
      .select({ id: loans.id })
      .from(loans)
      .where(and(eq(loans.requestId, requestId), eq(loans.status, 'open')));
    if (already) throw new AppError(409, 'loan_already_open');

    const [policy] = await tx.select({ rules: slaPolicies.rules }).from(slaPolicies).where(eq(slaPolicies.id, request.slaPolicyId));
    const clock = await stopClock(tx, requestId, 'loaner', lentAt);
    const dueAt = clock?.dueAt ?? addCalendarMinutes(request.receivedAt, policy.rules.loanerWithinMinutesOfRequest);
    const outcome = clock ? (clock.outcome === 'breached' ? 'breached' : 'met') : lentAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
    const loan = await insertAudited(tx, actorOf(user), 'loan', loans, {
      loanerDeviceId: input.deviceId,
      requestId,
      servedDeviceId: request.deviceId,
      customerId: request.customerId,
      lentAt,
      dueAt,
      outcome,
      lentById: user.id,
      lentByName: user.displayName,
      notes: input.notes ?? null,
    });
    return loan;
  });
}

/** The loaner comes back: when and in what state. A stale version gets 409. */
export async function returnLoan(db: Db, user: Principal, id: string, input: z.infer<typeof returnLoanBody>, now = new Date()) {
  const returnedAt = new Date(input.returnedAt);
  if (returnedAt.getTime() > now.getTime() + 60_000) throw new AppError(422, 'time_in_future', {}, [{ field: 'returnedAt', code: 'invalid' }]);
  return db.transaction(async (tx) => {
    const [loan] = await tx.select().from(loans).where(eq(loans.id, id)).for('update');
    const scope = customerScope(user);
    if (!loan || (scope !== null && loan.customerId !== scope)) throw notFound();
    if (loan.version !== input.version) throw versionConflict(loan.version);
    if (loan.status !== 'open') throw new AppError(409, 'loan_already_returned');
    if (returnedAt.getTime() < loan.lentAt.getTime()) {
      throw new AppError(422, 'date_order', { later: 'returnedAt', earlier: 'lentAt' }, [{ field: 'returnedAt', code: 'invalid' }]);
    }
    return updateAudited(
      tx,
      actorOf(user),
      'loan',
      loans,
      id,
      input.version,
      { status: 'returned', returnedAt, returnCondition: input.condition, returnedById: user.id, returnedByName: user.displayName },
      loan,
    );
  });
}

/** Loans touching a device, as the loaner or as the unit served, for the device page timeline. */
export async function loansOfDevice(ex: Executor, deviceId: string) {
  const rows = await loanQuery(ex)
    .where(or(eq(loans.loanerDeviceId, deviceId), eq(loans.servedDeviceId, deviceId)))
    .orderBy(desc(loans.lentAt))
    .limit(100);
  return rows.map(loanView);
}
