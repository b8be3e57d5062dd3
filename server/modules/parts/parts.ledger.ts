// The parts ledger (R-PT-2): every movement is one immutable row; the database trigger
// applies it to stock_balances in the same statement, and the balance CHECK (qty >= 0)
// refuses any movement that would take stock below zero — also when two transactions issue
// the last units at once (the balance row lock queues them, the loser fails the CHECK).
import { and, asc, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { workOrders } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { allOf, likePattern, offsetOf } from '../../lib/records.ts';
import { parts, partsLedger, stockBalances, suppliers, warehouses } from './parts.tables.ts';

export type LedgerKind = (typeof partsLedger.$inferInsert)['kind'];
export type Condition = 'good' | 'faulty';
export type Part = typeof parts.$inferSelect;
export type Warehouse = typeof warehouses.$inferSelect;

export interface Movement {
  kind: LedgerKind;
  partId: string;
  warehouseId: string;
  lot?: string | null;
  condition?: Condition;
  /** Signed: positive in, negative out. */
  qty: number;
  unitCost?: string | null;
  reference?: string | null;
  supplierId?: string | null;
  workOrderId?: string | null;
  purchaseContractId?: string | null;
  stocktakeId?: string | null;
  transferId?: string | null;
  counterpartName?: string | null;
  note?: string | null;
}

export interface Signer {
  id: string | null;
  name: string;
}
export const signerOf = (u: Principal): Signer => ({ id: u.id, name: u.displayName });

interface PgLike {
  code?: string;
  constraint?: string;
  cause?: unknown;
}
function pgCode(err: unknown): PgLike | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const c = (e as PgLike).code;
    if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return e as PgLike;
    e = (e as PgLike).cause;
  }
  return undefined;
}

/**
 * Runs a stock-moving transaction and turns the database's refusals into clear answers:
 * the balance CHECK → 409 insufficient_stock; a deadlock or serialization failure → 409 stock_busy.
 */
export async function stockTx<T>(db: Db, fn: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    const pg = pgCode(err);
    if (pg?.code === '23514' && pg.constraint === 'stock_balances_qty_nonneg_ck') throw new AppError(409, 'insufficient_stock');
    if (pg?.code === '40P01' || pg?.code === '40001') throw new AppError(409, 'stock_busy');
    throw err;
  }
}

/** The part, refused with a field error when missing. */
export async function partOf(ex: Executor, id: string, field = 'partId'): Promise<Part> {
  const [p] = await ex.select().from(parts).where(eq(parts.id, id));
  if (!p) throw new AppError(422, 'invalid_reference', { field }, [{ field, code: 'not_found' }]);
  return p;
}

export async function warehouseOf(ex: Executor, id: string, field = 'warehouseId'): Promise<Warehouse> {
  const [w] = await ex.select().from(warehouses).where(eq(warehouses.id, id));
  if (!w) throw new AppError(422, 'invalid_reference', { field }, [{ field, code: 'not_found' }]);
  if (!w.active) throw new AppError(422, 'warehouse_inactive', {}, [{ field, code: 'invalid' }]);
  return w;
}

/** Lot/serial rules of the part's tracking; answers the normalised lot ('' when untracked). */
export function lotFor(part: Part, lot: string | null | undefined, qty: number, field = 'lot'): string {
  const value = (lot ?? '').trim();
  if (part.tracking === 'none') {
    if (value) throw new AppError(422, 'lot_not_tracked', { code: part.code }, [{ field, code: 'invalid' }]);
    return '';
  }
  if (!value) throw new AppError(422, 'lot_required', { code: part.code }, [{ field, code: 'required' }]);
  if (part.tracking === 'serial' && Math.abs(qty) !== 1) throw new AppError(422, 'serial_qty_one', { code: part.code }, [{ field: 'qty', code: 'invalid' }]);
  return value;
}

/** Current balance, locked so a check-then-move cannot be overtaken. */
export async function lockBalance(tx: Executor, partId: string, warehouseId: string, lot: string, condition: Condition): Promise<number> {
  const [row] = await tx
    .select({ qty: stockBalances.qty })
    .from(stockBalances)
    .where(
      and(eq(stockBalances.partId, partId), eq(stockBalances.warehouseId, warehouseId), eq(stockBalances.lot, lot), eq(stockBalances.condition, condition)),
    )
    .for('update');
  return row?.qty ?? 0;
}

export async function requireStock(tx: Executor, part: Part, warehouseId: string, lot: string, qty: number, condition: Condition = 'good') {
  const available = await lockBalance(tx, part.id, warehouseId, lot, condition);
  if (available < qty)
    throw new AppError(409, 'insufficient_stock', {}, [{ field: 'qty', code: 'insufficient_stock', params: { available } }], {
      partCode: part.code,
      available,
      requested: qty,
    });
}

/**
 * Books movements. They are written in a fixed order (part, warehouse, lot) so two
 * transactions touching the same balances lock them in the same order and cannot deadlock.
 */
export async function post(tx: Executor, signer: Signer, movements: Movement[], at = clockNow()) {
  const sorted = [...movements].sort((a, b) =>
    `${a.partId}|${a.warehouseId}|${a.lot ?? ''}|${a.condition ?? 'good'}`.localeCompare(
      `${b.partId}|${b.warehouseId}|${b.lot ?? ''}|${b.condition ?? 'good'}`,
    ),
  );
  const rows: (typeof partsLedger.$inferSelect)[] = [];
  for (const m of sorted) {
    const [row] = await tx
      .insert(partsLedger)
      .values({
        at,
        kind: m.kind,
        partId: m.partId,
        warehouseId: m.warehouseId,
        lot: m.lot ?? '',
        condition: m.condition ?? 'good',
        qty: m.qty,
        unitCost: m.unitCost ?? null,
        reference: m.reference ?? null,
        supplierId: m.supplierId ?? null,
        workOrderId: m.workOrderId ?? null,
        purchaseContractId: m.purchaseContractId ?? null,
        stocktakeId: m.stocktakeId ?? null,
        transferId: m.transferId ?? null,
        counterpartName: m.counterpartName ?? null,
        signedById: signer.id,
        signedByName: signer.name,
        note: m.note ?? null,
      })
      .returning();
    rows.push(row);
  }
  // A serial number is one physical unit: it can be in good stock in one place only.
  for (const m of sorted) {
    if (m.qty <= 0 || !m.lot) continue;
    const [p] = await tx.select({ tracking: parts.tracking, code: parts.code }).from(parts).where(eq(parts.id, m.partId));
    if (p?.tracking !== 'serial') continue;
    const [{ n }] = await tx
      .select({ n: sql<number>`coalesce(sum(${stockBalances.qty}), 0)::int` })
      .from(stockBalances)
      .where(and(eq(stockBalances.partId, m.partId), eq(stockBalances.lot, m.lot), eq(stockBalances.condition, m.condition ?? 'good')));
    if (Number(n) > 1) throw new AppError(409, 'serial_in_stock', { serial: m.lot, code: p.code }, [{ field: 'lot', code: 'duplicate' }]);
  }
  // Keep the caller's order in the answer.
  return movements.map((m) => rows[sorted.indexOf(m)]);
}

// ---- reading -------------------------------------------------------------------------------

const ledgerSelect = {
  id: partsLedger.id,
  seq: partsLedger.seq,
  at: partsLedger.at,
  kind: partsLedger.kind,
  partId: partsLedger.partId,
  partCode: parts.code,
  partName: parts.name,
  warehouseId: partsLedger.warehouseId,
  warehouseCode: warehouses.code,
  warehouseName: warehouses.name,
  lot: partsLedger.lot,
  condition: partsLedger.condition,
  qty: partsLedger.qty,
  unitCost: partsLedger.unitCost,
  reference: partsLedger.reference,
  supplierId: partsLedger.supplierId,
  supplierName: suppliers.name,
  workOrderId: partsLedger.workOrderId,
  workOrderNumber: workOrders.number,
  purchaseContractId: partsLedger.purchaseContractId,
  stocktakeId: partsLedger.stocktakeId,
  transferId: partsLedger.transferId,
  counterpartName: partsLedger.counterpartName,
  signedByName: partsLedger.signedByName,
  note: partsLedger.note,
};

function ledgerBase(ex: Executor) {
  return ex
    .select(ledgerSelect)
    .from(partsLedger)
    .innerJoin(parts, eq(parts.id, partsLedger.partId))
    .innerJoin(warehouses, eq(warehouses.id, partsLedger.warehouseId))
    .leftJoin(suppliers, eq(suppliers.id, partsLedger.supplierId))
    .leftJoin(workOrders, eq(workOrders.id, partsLedger.workOrderId));
}

type LedgerRow = Awaited<ReturnType<ReturnType<typeof ledgerBase>['execute']>>[number];
export const ledgerView = (r: LedgerRow) => ({ ...r, at: r.at.toISOString() });

export async function ledgerByIds(ex: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await ledgerBase(ex).where(inArray(partsLedger.id, ids));
  const byId = new Map(rows.map((r) => [r.id, ledgerView(r)]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) throw notFound();
    return r;
  });
}

export interface LedgerFilter {
  q?: string;
  warehouseId?: string;
  partId?: string;
  workOrderId?: string;
  kind?: LedgerKind;
  from?: string;
  to?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

/**
 * The search box of the ledger: part code or name, the document reference (contract, stocktake
 * or receipt number) or the work order's number, the lot/serial, and who signed. The part and
 * work order are matched in their own tables (work_orders_number_trgm; the catalogue is small)
 * and named by key, so the condition is on parts_ledger alone and the count needs no joins. The
 * ledger's own text columns have no trigram index, so a search reads the ledger once.
 */
function ledgerSearch(text: string | undefined): SQL | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const p = likePattern(t);
  return or(
    sql`${partsLedger.partId} in (select pt.id from parts pt where pt.code ilike ${p} or pt.name ilike ${p})`,
    sql`${partsLedger.workOrderId} in (select wo.id from work_orders wo where wo.number ilike ${p})`,
    sql`${partsLedger.reference} ilike ${p}`,
    sql`${partsLedger.lot} ilike ${p}`,
    sql`${partsLedger.signedByName} ilike ${p}`,
  );
}

export async function listLedger(ex: Executor, q: LedgerFilter, timeZone: string) {
  const where = allOf(
    ledgerSearch(q.q),
    q.warehouseId ? eq(partsLedger.warehouseId, q.warehouseId) : undefined,
    q.partId ? eq(partsLedger.partId, q.partId) : undefined,
    q.workOrderId ? eq(partsLedger.workOrderId, q.workOrderId) : undefined,
    q.kind ? eq(partsLedger.kind, q.kind) : undefined,
    q.from ? gte(partsLedger.at, sql`(${q.from}::date)::timestamp at time zone ${timeZone}`) : undefined,
    q.to ? lt(partsLedger.at, sql`((${q.to}::date + 1)::timestamp) at time zone ${timeZone}`) : undefined,
  );
  const order = q.sort === 'at' ? asc(partsLedger.seq) : desc(partsLedger.seq);
  const rows = await ledgerBase(ex).where(where).orderBy(order).limit(q.pageSize).offset(offsetOf(q));
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(partsLedger).where(where);
  return { items: rows.map(ledgerView), total: Number(n), page: q.page, pageSize: q.pageSize };
}

/**
 * Proof that the books match: every balance equals the sum of its ledger entries, every
 * ledger key has its balance, and nothing is below zero.
 */
export async function verifyLedger(ex: Executor) {
  const r = await ex.execute(sql`
    with l as (
      select part_id, warehouse_id, lot, condition, sum(qty)::int as total from parts_ledger group by 1, 2, 3, 4
    )
    select coalesce(b.part_id, l.part_id)::text as "partId", coalesce(b.warehouse_id, l.warehouse_id)::text as "warehouseId",
           coalesce(b.lot, l.lot) as lot, coalesce(b.condition, l.condition)::text as condition,
           coalesce(b.qty, 0)::int as balance, coalesce(l.total, 0)::int as ledger
    from stock_balances b
    full join l on l.part_id = b.part_id and l.warehouse_id = b.warehouse_id and l.lot = b.lot and l.condition = b.condition
    where coalesce(b.qty, 0) <> coalesce(l.total, 0)`);
  const mismatches = r.rows as { partId: string; warehouseId: string; lot: string; condition: string; balance: number; ledger: number }[];
  const [{ balances, negative }] = (
    await ex.execute(sql`select count(*)::int as balances, count(*) filter (where qty < 0)::int as negative from stock_balances`)
  ).rows as { balances: number; negative: number }[];
  const [{ entries }] = (await ex.execute(sql`select count(*)::int as entries from parts_ledger`)).rows as { entries: number }[];
  return {
    ok: mismatches.length === 0 && Number(negative) === 0,
    balances: Number(balances),
    entries: Number(entries),
    mismatches: mismatches.map((m) => ({ ...m, balance: Number(m.balance), ledger: Number(m.ledger) })),
    negative: Number(negative),
  };
}
