// Returns and exchanges (退货/换货, issue 14 §4, R-REG-4; seed 003 质管部退货组): register what
// comes back (a unit, or a part with quantity and lot/serial) with its reason and its complaint /
// work order; receive it; quality checks the returned goods; quality or the service manager
// decides (repair / exchange / refund / scrap) and why; the follow-through closes it. A DOA defect
// at installation opens one in the installation's transaction (returnForDefect). Every write is
// audited (entity `return_record`); optimistic version on every step; hospital users read their own.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.ts';
import { complaints, customers, deviceModels, devices, parts, warehouses, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { quarantineReturnedPart, scrapQuarantinedPart } from '../parts/index.ts';
import { nextNumber } from '../system/index.ts';
import { missingFollowThrough, type ReturnStep, stepAllowed } from './returns.rules.ts';
import { returnRecords } from './returns.tables.ts';

export type ReturnRecord = typeof returnRecords.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });

const complaintRef = alias(complaints, 'return_complaint');
const workOrderRef = alias(workOrders, 'return_work_order');
const columns = {
  r: returnRecords,
  customerName: customers.name,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  manufacturer: deviceModels.manufacturer,
  partCode: parts.code,
  partName: parts.name,
  complaintNumber: complaintRef.number,
  workOrderNumber: workOrderRef.number,
  warehouseName: warehouses.name,
};
const joined = (ex: Executor) =>
  ex
    .select(columns)
    .from(returnRecords)
    .innerJoin(customers, eq(customers.id, returnRecords.customerId))
    .leftJoin(devices, eq(devices.id, returnRecords.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .leftJoin(parts, eq(parts.id, returnRecords.partId))
    .leftJoin(complaintRef, eq(complaintRef.id, returnRecords.complaintId))
    .leftJoin(workOrderRef, eq(workOrderRef.id, returnRecords.workOrderId))
    .leftJoin(warehouses, eq(warehouses.id, returnRecords.warehouseId));
export type ReturnRow = Awaited<ReturnType<typeof joined>>[number];

const scope = (user: Principal): SQL | undefined => {
  const c = customerScope(user);
  return c === null ? undefined : eq(returnRecords.customerId, c);
};

// ---- register ----------------------------------------------------------------------------------

export interface RegisterInput {
  kind: 'return' | 'exchange' | 'repair';
  item: 'device' | 'part';
  deviceId?: string | null;
  partId?: string | null;
  quantity?: number | null;
  lotOrSerial?: string | null;
  customerId?: string | null;
  reason: string;
  complaintId?: string | null;
  workOrderId?: string | null;
}

/** The hospital the return belongs to: from the unit, the work order, the complaint or as given — all must agree. */
async function customerOf(tx: Executor, input: RegisterInput): Promise<string> {
  const found: { field: string; customerId: string }[] = [];
  if (input.item === 'device') {
    if (!input.deviceId) throw invalidField('deviceId', 'required');
    const [d] = await tx.select({ c: devices.customerId }).from(devices).where(eq(devices.id, input.deviceId));
    if (!d) throw invalidField('deviceId', 'not_found');
    found.push({ field: 'deviceId', customerId: d.c });
  } else {
    if (!input.partId) throw invalidField('partId', 'required');
    if (!input.quantity) throw invalidField('quantity', 'required');
    const [p] = await tx.select({ id: parts.id }).from(parts).where(eq(parts.id, input.partId));
    if (!p) throw invalidField('partId', 'not_found');
  }
  if (input.workOrderId) {
    const [w] = await tx.select({ c: workOrders.customerId, d: workOrders.deviceId }).from(workOrders).where(eq(workOrders.id, input.workOrderId));
    if (!w) throw invalidField('workOrderId', 'not_found');
    if (input.item === 'device' && input.deviceId && w.d !== input.deviceId)
      throw new AppError(422, 'return_link_other_device', {}, [{ field: 'workOrderId', code: 'invalid' }]);
    found.push({ field: 'workOrderId', customerId: w.c });
  }
  if (input.complaintId) {
    const [c] = await tx.select({ c: complaints.customerId }).from(complaints).where(eq(complaints.id, input.complaintId));
    if (!c) throw invalidField('complaintId', 'not_found');
    found.push({ field: 'complaintId', customerId: c.c });
  }
  if (input.customerId) {
    const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
    if (!c) throw invalidField('customerId', 'not_found');
    found.unshift({ field: 'customerId', customerId: input.customerId });
  }
  if (found.length === 0) throw invalidField('customerId', 'required');
  const first = found[0];
  const other = found.find((f) => f.customerId !== first.customerId);
  if (other) throw new AppError(422, 'return_link_other_customer', {}, [{ field: other.field, code: 'customer_mismatch' }]);
  return first.customerId;
}

export async function registerReturnIn(tx: Executor, user: Principal, input: RegisterInput & { installationId?: string | null }, now = clockNow()) {
  const customerId = await customerOf(tx, input);
  const number = await nextNumber(tx, 'TH', now.getUTCFullYear());
  return insertAudited(tx, actorOf(user), 'return_record', returnRecords, {
    number,
    kind: input.kind,
    item: input.item,
    customerId,
    deviceId: input.item === 'device' ? (input.deviceId ?? null) : null,
    partId: input.item === 'part' ? (input.partId ?? null) : null,
    quantity: input.item === 'part' ? (input.quantity ?? null) : null,
    lotOrSerial: input.lotOrSerial ?? null,
    reason: input.reason.trim(),
    complaintId: input.complaintId ?? null,
    workOrderId: input.workOrderId ?? null,
    installationId: input.installationId ?? null,
    registeredAt: now,
    registeredBy: user.id,
    registeredByName: user.displayName,
  });
}

export async function registerReturn(db: Db, user: Principal, input: RegisterInput): Promise<ReturnRecord> {
  return db.transaction((tx) => registerReturnIn(tx, user, input));
}

/**
 * A dead-on-arrival / installation defect (seed 003 开箱检验…包修、包换、包退) lands here, inside the
 * installation's transaction: one return per installation, linked to the installation and to its
 * return/exchange job. A changed decision changes the kind while the goods are not yet received.
 */
export async function returnForDefect(
  tx: Executor,
  user: Principal,
  input: {
    installationId: string;
    installationNumber: string;
    deviceId: string;
    decision: 'repair' | 'exchange' | 'return';
    defect: string;
    workOrderId: string | null;
  },
  now = clockNow(),
): Promise<ReturnRecord> {
  const [existing] = await tx.select().from(returnRecords).where(eq(returnRecords.installationId, input.installationId)).for('update');
  const reason = `开箱/安装缺陷（${input.installationNumber}）：${input.defect.trim()}`;
  if (existing) {
    if (existing.status !== 'registered') return existing;
    const patch = { kind: input.decision, reason, workOrderId: existing.workOrderId ?? input.workOrderId };
    return updateAudited(tx, actorOf(user), 'return_record', returnRecords, existing.id, existing.version, patch, existing);
  }
  return registerReturnIn(
    tx,
    user,
    { kind: input.decision, item: 'device', deviceId: input.deviceId, reason, workOrderId: input.workOrderId, installationId: input.installationId },
    now,
  );
}

// ---- steps -------------------------------------------------------------------------------------

async function lockFor(tx: Executor, user: Principal, id: string, version: number, step: ReturnStep): Promise<ReturnRecord> {
  const row = await lockById(tx, returnRecords, id);
  const c = customerScope(user);
  if (c !== null && row.customerId !== c) throw notFound();
  if (!stepAllowed(row.status, step)) throw new AppError(409, 'return_bad_transition', { from: row.status, step });
  if (row.version !== version) throw versionConflict(row.version);
  return row;
}

async function save(tx: Executor, user: Principal, row: ReturnRecord, patch: Partial<ReturnRecord>) {
  return updateAudited(tx, actorOf(user), 'return_record', returnRecords, row.id, row.version, patch, row);
}

export async function receiveReturn(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; receivedOn: string; receivedByName: string; arrivalCondition: string; warehouseId?: string | null },
  timeZone = 'Asia/Shanghai',
) {
  // A returned part goes into a warehouse's faulty stock — quarantine, not issuable — in the same
  // transaction as the receipt (R-REG-4); a device unit is recorded on the return only.
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version, 'receive');
    const registeredOn = dateIn(row.registeredAt, timeZone);
    if (input.receivedOn < registeredOn)
      throw new AppError(422, 'validation_failed', {}, [{ field: 'receivedOn', code: 'date_order', params: { earlier: registeredOn } }]);
    const isPart = row.item === 'part' && row.partId;
    if (isPart && !input.warehouseId) throw new AppError(422, 'return_warehouse_required', {}, [{ field: 'warehouseId', code: 'required' }]);
    if (isPart && input.warehouseId)
      await quarantineReturnedPart(tx, user, {
        partId: row.partId as string,
        warehouseId: input.warehouseId,
        lotOrSerial: row.lotOrSerial,
        qty: row.quantity ?? 1,
        reference: row.number,
        workOrderId: row.workOrderId,
        note: `退货隔离待检 ${row.number}`,
      });
    return save(tx, user, row, {
      status: 'received',
      receivedOn: input.receivedOn,
      receivedByName: input.receivedByName,
      arrivalCondition: input.arrivalCondition,
      warehouseId: isPart ? (input.warehouseId ?? null) : null,
    });
  });
}

export async function inspectReturn(db: Db, user: Principal, id: string, input: { version: number; findings: string; result: 'pass' | 'fail' }) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version, 'inspect');
    return save(tx, user, row, {
      status: 'inspected',
      inspectedAt: clockNow(),
      inspectorId: user.id,
      inspectorName: user.displayName,
      findings: input.findings,
      inspectionResult: input.result,
    });
  });
}

export async function decideReturn(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; decision: 'repair' | 'exchange' | 'refund' | 'scrap'; reason: string },
) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version, 'decide');
    return save(tx, user, row, {
      status: 'decided',
      decision: input.decision,
      decidedAt: clockNow(),
      decidedBy: user.id,
      decidedByName: user.displayName,
      decisionReason: input.reason,
    });
  });
}

export async function completeReturn(
  db: Db,
  user: Principal,
  id: string,
  input: {
    version: number;
    exchangeSerial?: string | null;
    refundReference?: string | null;
    repairWorkOrderId?: string | null;
    scrapRecord?: string | null;
    note?: string | null;
  },
) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version, 'complete');
    const decision = row.decision as NonNullable<ReturnRecord['decision']>;
    const missing = missingFollowThrough(decision, input);
    if (missing) throw new AppError(422, 'return_followthrough_missing', { decision }, [{ field: missing, code: 'required' }]);
    if (decision === 'repair' && input.repairWorkOrderId) {
      const [w] = await tx.select({ c: workOrders.customerId }).from(workOrders).where(eq(workOrders.id, input.repairWorkOrderId));
      if (!w) throw invalidField('repairWorkOrderId', 'not_found');
      if (w.c !== row.customerId) throw new AppError(422, 'return_link_other_customer', {}, [{ field: 'repairWorkOrderId', code: 'customer_mismatch' }]);
    }
    // A scrapped part leaves the quarantine stock it was booked into on receipt.
    if (decision === 'scrap' && row.item === 'part' && row.partId && row.warehouseId)
      await scrapQuarantinedPart(tx, user, {
        partId: row.partId,
        warehouseId: row.warehouseId,
        lotOrSerial: row.lotOrSerial,
        qty: row.quantity ?? 1,
        reference: row.number,
        note: `退货报废 ${row.number}：${input.scrapRecord ?? ''}`,
      });
    // Only what the decision calls for is kept.
    return save(tx, user, row, {
      status: 'done',
      doneAt: clockNow(),
      doneByName: user.displayName,
      exchangeSerial: decision === 'exchange' ? (input.exchangeSerial ?? null) : null,
      refundReference: decision === 'refund' ? (input.refundReference ?? null) : null,
      repairWorkOrderId: decision === 'repair' ? (input.repairWorkOrderId ?? null) : null,
      scrapRecord: decision === 'scrap' ? (input.scrapRecord ?? null) : null,
      followThroughNote: input.note ?? null,
    });
  });
}

export async function cancelReturn(db: Db, user: Principal, id: string, input: { version: number; reason: string }) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version, 'cancel');
    return save(tx, user, row, { status: 'cancelled', cancelledAt: clockNow(), cancelReason: input.reason });
  });
}

// ---- reading -----------------------------------------------------------------------------------

export interface ReturnFilters {
  q?: string;
  sort?: string;
  status?: ReturnRecord['status'];
  decision?: NonNullable<ReturnRecord['decision']>;
  kind?: ReturnRecord['kind'];
  item?: ReturnRecord['item'];
  customerId?: string;
  deviceId?: string;
  complaintId?: string;
  workOrderId?: string;
}

function whereOf(user: Principal, f: ReturnFilters): SQL | undefined {
  const text = f.q?.trim();
  const p = text ? likePattern(text) : '';
  return allOf(
    scope(user),
    f.status ? eq(returnRecords.status, f.status) : undefined,
    f.decision ? eq(returnRecords.decision, f.decision) : undefined,
    f.kind ? eq(returnRecords.kind, f.kind) : undefined,
    f.item ? eq(returnRecords.item, f.item) : undefined,
    f.customerId ? eq(returnRecords.customerId, f.customerId) : undefined,
    f.deviceId ? eq(returnRecords.deviceId, f.deviceId) : undefined,
    f.complaintId ? eq(returnRecords.complaintId, f.complaintId) : undefined,
    f.workOrderId ? eq(returnRecords.workOrderId, f.workOrderId) : undefined,
    text
      ? sql`(${returnRecords.number} ilike ${p} or ${devices.serialNumber} ilike ${p} or ${deviceModels.name} ilike ${p} or ${customers.name} ilike ${p}
          or ${parts.name} ilike ${p} or ${parts.code} ilike ${p} or ${returnRecords.lotOrSerial} ilike ${p} or ${returnRecords.reason} ilike ${p})`
      : undefined,
  );
}

function orderOf(sort: string | undefined): SQL[] {
  const up = sort !== undefined && !sort.startsWith('-');
  const key = sort?.replace(/^-/, '') === 'number' ? returnRecords.number : returnRecords.registeredAt;
  return [up ? sql`${key} asc` : sql`${key} desc`, desc(returnRecords.id)];
}

export async function listReturns(ex: Executor, user: Principal, f: ReturnFilters, page: number, pageSize: number) {
  const where = whereOf(user, f);
  const rows = await joined(ex)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(returnRecords)
    .innerJoin(customers, eq(customers.id, returnRecords.customerId))
    .leftJoin(devices, eq(devices.id, returnRecords.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .leftJoin(parts, eq(parts.id, returnRecords.partId))
    .where(where);
  return { rows, total: Number(n) };
}

export async function exportReturns(ex: Executor, user: Principal, f: ReturnFilters, limit: number) {
  return joined(ex)
    .where(whereOf(user, f))
    .orderBy(...orderOf(f.sort))
    .limit(limit);
}

export async function getReturn(ex: Executor, user: Principal, id: string): Promise<ReturnRow> {
  const [row] = await joined(ex).where(allOf(eq(returnRecords.id, id), scope(user)));
  if (!row) throw notFound();
  return row;
}

/** R-REG-5 (the lead's traceability page): every return of the unit, newest first. */
export async function returnsForDevice(
  ex: Executor,
  deviceId: string,
): Promise<Array<{ at: Date; kind: 'return'; number: string; title: string; status: string; link: string }>> {
  const rows = await ex
    .select({
      id: returnRecords.id,
      at: returnRecords.registeredAt,
      number: returnRecords.number,
      kind: returnRecords.kind,
      reason: returnRecords.reason,
      status: returnRecords.status,
      decision: returnRecords.decision,
    })
    .from(returnRecords)
    .where(and(eq(returnRecords.deviceId, deviceId)))
    .orderBy(desc(returnRecords.registeredAt));
  const words = { return: '退货', exchange: '换货', repair: '返修' } as const;
  return rows.map((r) => ({
    at: r.at,
    kind: 'return' as const,
    number: r.number,
    title: `${words[r.kind]}：${r.reason}`,
    status: r.status,
    link: `/returns/${r.id}`,
  }));
}
