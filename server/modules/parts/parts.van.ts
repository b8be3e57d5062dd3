// Parts at the engineer's side (issue 10 item 9, R-PT-1, R-PT-2, R-PT-5): what the caller's own
// van holds for a job (quantities, lots; parts fitting the device first) and what the stores it
// may be replenished from hold; and transfer requests (调拨申请) from the central store — or the
// emergency store for an emergency job — which the parts administrator fulfils with a ledger
// transfer into the van, or refuses with a reason. Other engineers' vans are never offered.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { deviceModels, devices, workOrders } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { allOf, likePattern, offsetOf } from '../../lib/records.ts';
import { notify, staffWithRoles } from '../notifications/index.ts';
import { mayWithdraw, transferRequestAbilities } from './parts.abilities.ts';
import type {
  cancelTransferRequestBody,
  createTransferRequestBody,
  decideTransferRequestBody,
  fulfilTransferRequestBody,
  partsOptionsQuery,
  transferRequestListQuery,
} from './parts.dto.ts';
import { lotFor, partOf, post, requireStock, signerOf, stockTx, warehouseOf } from './parts.ledger.ts';
import { partsPolicy } from './parts.policy.ts';
import { workOrderFor } from './parts.service.ts';
import { parts, partsTransferRequests, stockBalances, warehouses } from './parts.tables.ts';
import { rankOptions, requestSourceRefusal, storesFor, type TransferRequestStatus, type TransferRequestStep, transferRequestNext } from './parts.van.rules.ts';

const actorOf = (u: Principal) => ({ id: u.id, name: u.displayName });

async function vanOf(ex: Executor, userId: string) {
  const [van] = await ex
    .select({ id: warehouses.id, code: warehouses.code, name: warehouses.name })
    .from(warehouses)
    .where(and(eq(warehouses.kind, 'van'), eq(warehouses.ownerId, userId), eq(warehouses.active, true)));
  return van ?? null;
}

/** GET /work-orders/:id/parts-options: the caller's van first, then the stores this job may ask. */
export async function partsOptions(db: Db, user: Principal, workOrderId: string, q: z.infer<typeof partsOptionsQuery>) {
  const { wo, urgency } = await workOrderFor(db, user, workOrderId);
  const [model] = await db
    .select({ id: deviceModels.id, name: deviceModels.name })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(devices.id, wo.deviceId));
  const van = await vanOf(db, user.id);
  const kinds = storesFor(urgency);
  const text = q.q?.trim();
  // Candidates: parts fitting the model, parts in the van, and — when searching — catalogue matches.
  const candidates = or3(
    model ? sql`${parts.modelIds} @> array[${model.id}]::uuid[]` : undefined,
    van ? sql`${parts.id} in (select b.part_id from stock_balances b where b.warehouse_id = ${van.id} and b.condition = 'good' and b.qty > 0)` : undefined,
    text ? sql`(${parts.code} ilike ${likePattern(text)} or ${parts.name} ilike ${likePattern(text)})` : undefined,
  );
  const filter = text ? sql`(${parts.code} ilike ${likePattern(text)} or ${parts.name} ilike ${likePattern(text)})` : undefined;
  const catalogue = candidates
    ? await db
        .select()
        .from(parts)
        .where(allOf(eq(parts.active, true), candidates, filter))
        .orderBy(parts.code)
        .limit(100)
    : [];
  const ids = catalogue.map((p) => p.id);
  const stock = ids.length
    ? await db
        .select({
          partId: stockBalances.partId,
          warehouseId: stockBalances.warehouseId,
          lot: stockBalances.lot,
          qty: stockBalances.qty,
          code: warehouses.code,
          name: warehouses.name,
          kind: warehouses.kind,
          ownerId: warehouses.ownerId,
        })
        .from(stockBalances)
        .innerJoin(warehouses, eq(warehouses.id, stockBalances.warehouseId))
        .where(
          and(
            inArray(stockBalances.partId, ids),
            eq(stockBalances.condition, 'good'),
            sql`${stockBalances.qty} > 0`,
            eq(warehouses.active, true),
            // Only the caller's van and the stores this job may ask: never another engineer's van.
            van ? sql`(${warehouses.id} = ${van.id} or ${inArray(warehouses.kind, kinds)})` : inArray(warehouses.kind, kinds),
          ),
        )
        .orderBy(stockBalances.lot)
    : [];
  const requested = ids.length
    ? await db
        .select({ partId: partsTransferRequests.partId, qty: sql<number>`sum(${partsTransferRequests.qty})::int` })
        .from(partsTransferRequests)
        .where(and(eq(partsTransferRequests.workOrderId, wo.id), eq(partsTransferRequests.status, 'requested'), inArray(partsTransferRequests.partId, ids)))
        .groupBy(partsTransferRequests.partId)
    : [];
  const items = catalogue.map((p) => {
    const mine = stock.filter((s) => s.partId === p.id && van && s.warehouseId === van.id);
    const stores = new Map<string, { warehouseId: string; code: string; name: string; kind: 'central' | 'emergency' | 'van'; qty: number }>();
    for (const s of stock) {
      if (s.partId !== p.id || s.kind === 'van') continue;
      const cur = stores.get(s.warehouseId) ?? { warehouseId: s.warehouseId, code: s.code, name: s.name, kind: s.kind, qty: 0 };
      cur.qty += s.qty;
      stores.set(s.warehouseId, cur);
    }
    return {
      partId: p.id,
      code: p.code,
      name: p.name,
      spec: p.spec,
      unit: p.unit,
      tracking: p.tracking,
      compatible: model ? p.modelIds.includes(model.id) : false,
      vanQty: mine.reduce((n, s) => n + s.qty, 0),
      lots: mine.filter((s) => s.lot !== '').map((s) => ({ lot: s.lot, qty: s.qty })),
      stores: [...stores.values()].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.code.localeCompare(b.code)),
      requestedQty: Number(requested.find((r) => r.partId === p.id)?.qty ?? 0),
    };
  });
  return {
    workOrderId: wo.id,
    workOrderNumber: wo.number,
    urgency: urgency as 'emergency' | 'urgent' | 'normal' | 'low',
    modelName: model?.name ?? '',
    van,
    emergencyAllowed: kinds.includes('emergency'),
    items: rankOptions(items),
  };
}

function or3(...parts: (SQL | undefined)[]): SQL | undefined {
  const some = parts.filter((p): p is SQL => p !== undefined);
  if (some.length === 0) return undefined;
  return sql`(${sql.join(some, sql` or `)})`;
}

// ---- transfer requests ---------------------------------------------------------------------

const fromWh = alias(warehouses, 'from_wh');
const toWh = alias(warehouses, 'to_wh');

function requestBase(ex: Executor) {
  return ex
    .select({
      request: partsTransferRequests,
      partCode: parts.code,
      partName: parts.name,
      unit: parts.unit,
      tracking: parts.tracking,
      fromWarehouseName: fromWh.name,
      fromWarehouseKind: fromWh.kind,
      toWarehouseName: toWh.name,
      workOrderNumber: workOrders.number,
    })
    .from(partsTransferRequests)
    .innerJoin(parts, eq(parts.id, partsTransferRequests.partId))
    .innerJoin(fromWh, eq(fromWh.id, partsTransferRequests.fromWarehouseId))
    .innerJoin(toWh, eq(toWh.id, partsTransferRequests.toWarehouseId))
    .leftJoin(workOrders, eq(workOrders.id, partsTransferRequests.workOrderId));
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof requestBase>['execute']>>[number];

function view(user: Principal, r: RequestRow) {
  const { request: q, ...rest } = r;
  return {
    id: q.id,
    version: q.version,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    status: q.status,
    partId: q.partId,
    qty: q.qty,
    fromWarehouseId: q.fromWarehouseId,
    toWarehouseId: q.toWarehouseId,
    workOrderId: q.workOrderId,
    requestedByName: q.requestedByName,
    note: q.note,
    decidedAt: q.decidedAt?.toISOString() ?? null,
    decidedByName: q.decidedByName,
    decisionNote: q.decisionNote,
    lot: q.lot,
    transferId: q.transferId,
    ...rest,
    abilities: transferRequestAbilities(user, { status: q.status as TransferRequestStatus, requestedById: q.requestedById }),
  };
}

async function readRequest(ex: Executor, user: Principal, id: string) {
  const [r] = await requestBase(ex).where(eq(partsTransferRequests.id, id));
  if (!r) throw notFound();
  return view(user, r);
}

/** The engineer asks for a part for a job: into their own van, from a store this job may use. */
export async function createTransferRequest(db: Db, user: Principal, input: z.infer<typeof createTransferRequestBody>) {
  const id = await db.transaction(async (tx) => {
    const { wo, urgency } = await workOrderFor(tx, user, input.workOrderId);
    const van = await vanOf(tx, user.id);
    if (!van) throw new AppError(422, 'no_van', {}, [{ field: 'workOrderId', code: 'invalid' }]);
    const part = await partOf(tx, input.partId);
    if (!part.active) throw new AppError(422, 'part_inactive', { code: part.code }, [{ field: 'partId', code: 'invalid' }]);
    const from = await warehouseOf(tx, input.fromWarehouseId, 'fromWarehouseId');
    const refusal = requestSourceRefusal(from.kind, urgency);
    if (refusal === 'emergency_stock_reserved') throw new AppError(409, refusal, {}, [{ field: 'fromWarehouseId', code: 'emergency_stock_reserved' }]);
    if (refusal) throw new AppError(422, refusal, {}, [{ field: 'fromWarehouseId', code: 'invalid' }]);
    const [row] = await tx
      .insert(partsTransferRequests)
      .values({
        partId: part.id,
        qty: input.qty,
        fromWarehouseId: from.id,
        toWarehouseId: van.id,
        workOrderId: wo.id,
        requestedById: user.id,
        requestedByName: user.displayName,
        note: input.note ?? null,
      })
      .returning();
    await recordAudit(tx, { actor: actorOf(user), entity: 'parts_transfer_request', entityId: row.id, action: 'create', after: row });
    // The parts administrators see it in their queue and in the bell.
    await notify(
      tx,
      await staffWithRoles(tx, ['parts_admin']),
      'parts_transfer_requested',
      { number: wo.number, part: `${part.code} ${part.name}`, qty: input.qty, by: user.displayName, from: from.name },
      { entity: 'parts_transfer_request', id: row.id },
    );
    return row.id;
  });
  return readRequest(db, user, id);
}

export async function listTransferRequests(db: Db, user: Principal, q: z.infer<typeof transferRequestListQuery>) {
  // The parts administrators see every request; an engineer sees their own.
  const keeper = partsPolicy.transfer.some((r) => user.roles.includes(r));
  const text = q.q?.trim();
  const where = allOf(
    keeper ? undefined : eq(partsTransferRequests.requestedById, user.id),
    q.status ? eq(partsTransferRequests.status, q.status) : undefined,
    q.workOrderId ? eq(partsTransferRequests.workOrderId, q.workOrderId) : undefined,
    text
      ? sql`(${parts.code} ilike ${likePattern(text)} or ${parts.name} ilike ${likePattern(text)} or ${partsTransferRequests.requestedByName} ilike ${likePattern(text)} or ${workOrders.number} ilike ${likePattern(text)})`
      : undefined,
  );
  const order = q.sort === 'createdAt' ? partsTransferRequests.createdAt : desc(partsTransferRequests.createdAt);
  const rows = await requestBase(db).where(where).orderBy(order).limit(q.pageSize).offset(offsetOf(q));
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(partsTransferRequests)
    .innerJoin(parts, eq(parts.id, partsTransferRequests.partId))
    .leftJoin(workOrders, eq(workOrders.id, partsTransferRequests.workOrderId))
    .where(where);
  return { items: rows.map((r) => view(user, r)), total: Number(n), page: q.page, pageSize: q.pageSize };
}

async function lockRequest(tx: Executor, id: string, version: number, step: TransferRequestStep) {
  const [r] = await tx.select().from(partsTransferRequests).where(eq(partsTransferRequests.id, id)).for('update');
  if (!r) throw notFound();
  if (r.version !== version) throw new AppError(409, 'version_conflict', { current: r.version }, undefined, { currentVersion: r.version });
  const next = transferRequestNext(r.status as TransferRequestStatus, step);
  if (!next) throw new AppError(409, 'transfer_request_decided', { status: r.status });
  return { r, next };
}

/** The parts administrator ships it: a ledger transfer into the van, in the same transaction. */
export async function fulfilTransferRequest(db: Db, user: Principal, id: string, input: z.infer<typeof fulfilTransferRequestBody>) {
  await stockTx(db, async (tx) => {
    const { r, next } = await lockRequest(tx, id, input.version, 'fulfil');
    const part = await partOf(tx, r.partId);
    const from = await warehouseOf(tx, r.fromWarehouseId, 'fromWarehouseId');
    const to = await warehouseOf(tx, r.toWarehouseId, 'toWarehouseId');
    // R-PT-5 again at the moment stock moves: the job may have been downgraded since.
    if (from.kind === 'emergency' && r.workOrderId) {
      const [u] = (
        await tx.execute(
          sql`select sr.urgency::text as urgency from work_orders w join service_requests sr on sr.id = w.request_id where w.id = ${r.workOrderId}`,
        )
      ).rows as { urgency: string }[];
      if (requestSourceRefusal('emergency', u?.urgency ?? 'normal')) throw new AppError(409, 'emergency_stock_reserved', {});
    }
    const lot = lotFor(part, input.lot, r.qty);
    await requireStock(tx, part, from.id, lot, r.qty);
    const transferId = randomUUID();
    const common = { partId: part.id, lot, transferId, unitCost: part.unitCost, note: input.note ?? r.note ?? null, counterpartName: r.requestedByName };
    await post(tx, signerOf(user), [
      { ...common, kind: 'transfer_out', warehouseId: from.id, qty: -r.qty, reference: to.code },
      { ...common, kind: 'transfer_in', warehouseId: to.id, qty: r.qty, reference: from.code },
    ]);
    const [after] = await tx
      .update(partsTransferRequests)
      .set({
        status: next,
        lot: lot || null,
        transferId,
        decidedAt: new Date(),
        decidedById: user.id,
        decidedByName: user.displayName,
        decisionNote: input.note ?? null,
        version: r.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(partsTransferRequests.id, id))
      .returning();
    await recordAudit(tx, { actor: actorOf(user), entity: 'parts_transfer_request', entityId: id, action: 'fulfil', before: r, after });
    if (r.requestedById)
      await notify(
        tx,
        [r.requestedById],
        'parts_transfer_fulfilled',
        { part: `${part.code} ${part.name}`, qty: r.qty, to: to.name },
        {
          entity: 'parts_transfer_request',
          id,
        },
      );
  });
  return readRequest(db, user, id);
}

/** Refused by the parts administrator (with a reason), or withdrawn by the engineer who asked. */
export async function closeTransferRequest(
  db: Db,
  user: Principal,
  id: string,
  step: 'reject' | 'cancel',
  input: z.infer<typeof decideTransferRequestBody> | z.infer<typeof cancelTransferRequestBody>,
) {
  await db.transaction(async (tx) => {
    const { r, next } = await lockRequest(tx, id, input.version, step);
    if (step === 'cancel' && !mayWithdraw(user, r.requestedById)) throw notFound();
    const reason = 'reason' in input ? input.reason : null;
    const [after] = await tx
      .update(partsTransferRequests)
      .set({
        status: next,
        decidedAt: new Date(),
        decidedById: user.id,
        decidedByName: user.displayName,
        decisionNote: reason,
        version: r.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(partsTransferRequests.id, id))
      .returning();
    await recordAudit(tx, { actor: actorOf(user), entity: 'parts_transfer_request', entityId: id, action: step, before: r, after });
    if (step === 'reject' && r.requestedById) {
      const [p] = await tx.select({ code: parts.code, name: parts.name }).from(parts).where(eq(parts.id, r.partId));
      await notify(
        tx,
        [r.requestedById],
        'parts_transfer_rejected',
        { part: `${p?.code} ${p?.name}`, qty: r.qty, reason },
        { entity: 'parts_transfer_request', id },
      );
    }
  });
  return readRequest(db, user, id);
}
