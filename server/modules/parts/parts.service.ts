// Stock movements (R-PT-2, R-PT-5): receipts, transfers between warehouses, parts drawn onto
// work orders and faulty parts brought back. Each runs in one transaction: the ledger entry,
// the balance (by trigger) and, for work orders, the parts line linked to its entry.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { serviceRequests, users, workOrderParts, workOrders } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { allOf, likePattern, offsetOf, orderFrom } from '../../lib/records.ts';
import { capacities, FROZEN, loadFor, partLineCoverage, type WorkOrder } from '../workorders/index.ts';
import type { issueBody, receiptBody, returnFaultyBody, stockQuery, transferBody } from './parts.dto.ts';
import { ledgerByIds, lotFor, partOf, post, requireStock, signerOf, stockTx, type Warehouse, warehouseOf } from './parts.ledger.ts';
import { ANY_WAREHOUSE } from './parts.policy.ts';
import { parts, stockBalances, suppliers, warehouses } from './parts.tables.ts';

export const mayUseAny = (user: Principal) => user.roles.some((r) => ANY_WAREHOUSE.includes(r));

export async function receive(db: Db, user: Principal, input: z.infer<typeof receiptBody>) {
  const ids = await stockTx(db, async (tx) => {
    const part = await partOf(tx, input.partId);
    if (!part.active) throw new AppError(422, 'part_inactive', { code: part.code }, [{ field: 'partId', code: 'invalid' }]);
    await warehouseOf(tx, input.warehouseId);
    const lot = lotFor(part, input.lot, input.qty);
    if (input.supplierId) {
      const [s] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, input.supplierId));
      if (!s) throw new AppError(422, 'invalid_reference', { field: 'supplierId' }, [{ field: 'supplierId', code: 'not_found' }]);
    }
    const [row] = await post(tx, signerOf(user), [
      {
        kind: 'receipt',
        partId: part.id,
        warehouseId: input.warehouseId,
        lot,
        qty: input.qty,
        unitCost: input.unitCost ?? part.unitCost,
        supplierId: input.supplierId ?? null,
        reference: input.reference ?? null,
        note: input.note ?? null,
      },
    ]);
    return [row.id];
  });
  return { entries: await ledgerByIds(db, ids) };
}

export async function transfer(db: Db, user: Principal, input: z.infer<typeof transferBody>) {
  if (input.fromWarehouseId === input.toWarehouseId) throw new AppError(422, 'same_warehouse', {}, [{ field: 'toWarehouseId', code: 'invalid' }]);
  const ids = await stockTx(db, async (tx) => {
    const part = await partOf(tx, input.partId);
    const from = await warehouseOf(tx, input.fromWarehouseId, 'fromWarehouseId');
    const to = await warehouseOf(tx, input.toWarehouseId, 'toWarehouseId');
    const lot = lotFor(part, input.lot, input.qty);
    await requireStock(tx, part, from.id, lot, input.qty);
    const transferId = randomUUID();
    const common = { partId: part.id, lot, transferId, unitCost: part.unitCost, note: input.note ?? null };
    const rows = await post(tx, signerOf(user), [
      { ...common, kind: 'transfer_out', warehouseId: from.id, qty: -input.qty, counterpartName: input.receiverName, reference: to.code },
      { ...common, kind: 'transfer_in', warehouseId: to.id, qty: input.qty, counterpartName: input.receiverName, reference: from.code },
    ]);
    return rows.map((r) => r.id);
  });
  return { entries: await ledgerByIds(db, ids) };
}

/** A work order the user may add parts to, locked; plus its request's urgency. */
export async function workOrderFor(tx: Executor, user: Principal, id: string) {
  let wo: WorkOrder;
  try {
    wo = await loadFor(tx, user, id, true);
  } catch {
    throw new AppError(422, 'invalid_reference', { field: 'workOrderId' }, [{ field: 'workOrderId', code: 'not_found' }]);
  }
  if (FROZEN.has(wo.status) || wo.status === 'cancelled') throw new AppError(409, 'work_order_frozen', { status: wo.status });
  if (!mayUseAny(user)) {
    const caps = await capacities(tx, user, wo);
    if (!caps.some((c) => c === 'lead' || c === 'helper' || c === 'manager' || c === 'dispatch')) throw forbidden();
  }
  const [req] = await tx.select({ urgency: serviceRequests.urgency }).from(serviceRequests).where(eq(serviceRequests.id, wo.requestId));
  return { wo, urgency: req?.urgency ?? 'normal' };
}

/** R-PT-5: emergency stock serves emergency work orders only; engineers draw from their own van. */
function assertMayDraw(user: Principal, wh: Warehouse, urgency: string) {
  if (wh.kind === 'emergency' && urgency !== 'emergency')
    throw new AppError(409, 'emergency_stock_reserved', {}, [{ field: 'warehouseId', code: 'emergency_stock_reserved' }]);
  if (mayUseAny(user) || wh.kind === 'emergency') return;
  if (wh.kind === 'van' && wh.ownerId === user.id) return;
  throw new AppError(403, 'warehouse_not_yours', {}, [{ field: 'warehouseId', code: 'invalid' }]);
}

export async function issueToWorkOrder(db: Db, user: Principal, input: z.infer<typeof issueBody>, timeZone = 'Asia/Shanghai') {
  const result = await stockTx(db, async (tx) => {
    const part = await partOf(tx, input.partId);
    const wh = await warehouseOf(tx, input.warehouseId);
    const { wo, urgency } = await workOrderFor(tx, user, input.workOrderId);
    assertMayDraw(user, wh, urgency);
    const lot = lotFor(part, input.lot, input.qty);
    await requireStock(tx, part, wh.id, lot, input.qty);
    const [entry] = await post(tx, signerOf(user), [
      {
        kind: 'issue',
        partId: part.id,
        warehouseId: wh.id,
        lot,
        qty: -input.qty,
        unitCost: part.unitCost,
        workOrderId: wo.id,
        reference: wo.number,
        note: input.removedSerial ? `removed ${input.removedSerial}` : (input.note ?? null),
      },
    ]);
    const [line] = await tx
      .insert(workOrderParts)
      .values({
        workOrderId: wo.id,
        partNo: part.code,
        name: part.name,
        quantity: String(input.qty),
        unitPrice: part.unitCost,
        removedSerial: input.removedSerial ?? null,
        installedSerial: lot || null,
        stockItemId: part.id,
        ledgerEntryId: entry.id,
        source: 'stock',
        // Issue 12 item 2: an accessory under its own warranty (by part code) is free on the job.
        ...(await partLineCoverage(tx, wo, part.code, timeZone)),
      })
      .returning();
    await recordAudit(tx, { actor: { id: user.id, name: user.displayName }, entity: 'work_order_part', entityId: line.id, action: 'create', after: line });
    await tx
      .update(workOrders)
      .set({ version: sql`${workOrders.version} + 1`, updatedAt: new Date() })
      .where(eq(workOrders.id, wo.id));
    return { entryId: entry.id, lineId: line.id };
  });
  const [entry] = await ledgerByIds(db, [result.entryId]);
  return { entry, workOrderPartId: result.lineId };
}

/** The faulty unit taken out comes back into the warehouse's faulty stock, against the work order. */
export async function returnFaulty(db: Db, user: Principal, input: z.infer<typeof returnFaultyBody>) {
  const ids = await stockTx(db, async (tx) => {
    const part = await partOf(tx, input.partId);
    const wh = await warehouseOf(tx, input.warehouseId);
    const { wo } = await workOrderFor(tx, user, input.workOrderId);
    if (!mayUseAny(user) && !(wh.kind === 'van' && wh.ownerId === user.id) && wh.kind !== 'central')
      throw new AppError(403, 'warehouse_not_yours', {}, [{ field: 'warehouseId', code: 'invalid' }]);
    const lot = lotFor(part, input.serial, input.qty, 'serial');
    const [entry] = await post(tx, signerOf(user), [
      {
        kind: 'return_faulty',
        partId: part.id,
        warehouseId: wh.id,
        lot,
        condition: 'faulty',
        qty: input.qty,
        workOrderId: wo.id,
        reference: wo.number,
        note: input.note ?? null,
      },
    ]);
    return [entry.id];
  });
  return { entries: await ledgerByIds(db, ids) };
}

// ---- stock on hand -------------------------------------------------------------------------

export async function listStock(ex: Executor, q: z.infer<typeof stockQuery>) {
  const text = q.q?.trim();
  const where = allOf(
    q.warehouseId ? eq(stockBalances.warehouseId, q.warehouseId) : undefined,
    q.partId ? eq(stockBalances.partId, q.partId) : undefined,
    q.condition ? eq(stockBalances.condition, q.condition) : undefined,
    q.nonZero === 'true' ? gt(stockBalances.qty, 0) : undefined,
    text
      ? (sql`(${parts.code} ilike ${likePattern(text)} or ${parts.name} ilike ${likePattern(text)} or ${stockBalances.lot} ilike ${likePattern(text)})` as SQL)
      : undefined,
  );
  const order = orderFrom(q.sort, { partCode: parts.code, warehouseCode: warehouses.code, qty: stockBalances.qty }, 'partCode', stockBalances.warehouseId);
  const base = () =>
    ex
      .select({
        partId: stockBalances.partId,
        partCode: parts.code,
        partName: parts.name,
        unit: parts.unit,
        warehouseId: stockBalances.warehouseId,
        warehouseCode: warehouses.code,
        warehouseName: warehouses.name,
        warehouseKind: warehouses.kind,
        lot: stockBalances.lot,
        condition: stockBalances.condition,
        qty: stockBalances.qty,
        unitCost: parts.unitCost,
      })
      .from(stockBalances)
      .innerJoin(parts, eq(parts.id, stockBalances.partId))
      .innerJoin(warehouses, eq(warehouses.id, stockBalances.warehouseId));
  const items = await base()
    .where(where)
    .orderBy(...order, stockBalances.lot)
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(stockBalances)
    .innerJoin(parts, eq(parts.id, stockBalances.partId))
    .innerJoin(warehouses, eq(warehouses.id, stockBalances.warehouseId))
    .where(where);
  return {
    items: items.map((i) => ({ key: `${i.partId}|${i.warehouseId}|${i.lot}|${i.condition}`, ...i })),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Warehouse checks for a van: one per engineer, owned by an active user. */
export async function checkWarehouse(tx: Executor, next: Record<string, unknown>) {
  const kind = next.kind as string;
  const ownerId = (next.ownerId as string | null | undefined) ?? null;
  if (kind === 'van' && !ownerId) throw new AppError(422, 'van_needs_owner', {}, [{ field: 'ownerId', code: 'required' }]);
  if (kind !== 'van' && ownerId) throw new AppError(422, 'owner_only_for_van', {}, [{ field: 'ownerId', code: 'invalid' }]);
  void tx;
}

/** The active engineers who can own a van warehouse, by username. */
export function listEngineers(ex: Executor) {
  return ex
    .select({ id: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.roles} && array['engineer','technician','technical_expert']::text[]`))
    .orderBy(users.username);
}

/** A device's part swaps: every parts line of its work orders, with the units in and out. */
export async function deviceHistory(ex: Executor, deviceId: string) {
  const rows = await ex
    .select({
      lineId: workOrderParts.id,
      at: workOrderParts.createdAt,
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      partNo: workOrderParts.partNo,
      name: workOrderParts.name,
      quantity: workOrderParts.quantity,
      installedSerial: workOrderParts.installedSerial,
      removedSerial: workOrderParts.removedSerial,
      ledgerEntryId: workOrderParts.ledgerEntryId,
    })
    .from(workOrderParts)
    .innerJoin(workOrders, eq(workOrders.id, workOrderParts.workOrderId))
    .where(eq(workOrders.deviceId, deviceId))
    .orderBy(desc(workOrderParts.createdAt));
  return rows.map(({ ledgerEntryId, ...r }) => ({ ...r, at: r.at.toISOString(), fromStock: ledgerEntryId !== null }));
}

// ---- goods returned by a customer (issue 14 §4, R-REG-4) ------------------------------------

/**
 * A part a customer sends back is booked into a warehouse's faulty stock — quarantine: it cannot
 * be issued (issues take good stock only) until the quality check and the decision dispose of it.
 * Runs inside the return's own transaction, so the receipt and the booking commit together.
 */
export async function quarantineReturnedPart(
  tx: Executor,
  user: Principal,
  input: { partId: string; warehouseId: string; lotOrSerial: string | null; qty: number; reference: string; note: string; workOrderId: string | null },
) {
  const part = await partOf(tx, input.partId);
  const wh = await warehouseOf(tx, input.warehouseId);
  // A van is an engineer's working stock, not a place to hold goods awaiting the quality check.
  if (wh.kind === 'van') throw new AppError(422, 'quarantine_not_in_van', {}, [{ field: 'warehouseId', code: 'invalid' }]);
  // The customer's lot/serial is kept on the return; stock tracks it only for tracked parts.
  const lot = part.tracking === 'none' ? '' : lotFor(part, input.lotOrSerial, input.qty, 'lotOrSerial');
  const [entry] = await post(tx, signerOf(user), [
    {
      kind: 'return_faulty',
      partId: part.id,
      warehouseId: wh.id,
      lot,
      condition: 'faulty',
      qty: input.qty,
      reference: input.reference,
      workOrderId: input.workOrderId,
      note: input.note,
    },
  ]);
  return entry;
}

/** A scrapped returned part leaves the quarantine stock it was booked into (an adjustment, never a delete). */
export async function scrapQuarantinedPart(
  tx: Executor,
  user: Principal,
  input: { partId: string; warehouseId: string; lotOrSerial: string | null; qty: number; reference: string; note: string },
) {
  const part = await partOf(tx, input.partId);
  // The customer's lot/serial is kept on the return; stock tracks it only for tracked parts.
  const lot = part.tracking === 'none' ? '' : lotFor(part, input.lotOrSerial, input.qty, 'lotOrSerial');
  await requireStock(tx, part, input.warehouseId, lot, input.qty, 'faulty');
  const [entry] = await post(tx, signerOf(user), [
    {
      kind: 'adjustment',
      partId: part.id,
      warehouseId: input.warehouseId,
      lot,
      condition: 'faulty',
      qty: -input.qty,
      reference: input.reference,
      note: input.note,
    },
  ]);
  return entry;
}
