// Stocktaking (R-PT-4): a count sheet per warehouse snapshots the booked quantities; the
// parts administrator enters what is on the shelf and a reason for every variance, submits,
// and the service manager's approval posts the variances as ledger adjustments.
import { and, asc, desc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import { allOf, countOf, likePattern, lockById, offsetOf } from '../../lib/records.ts';
import { nextNumber } from '../system/index.ts';
import { stocktakeAbilities } from './parts.abilities.ts';
import type { countBody, createStocktakeBody, stocktakeListQuery } from './parts.dto.ts';
import { lotFor, partOf, post, signerOf, stockTx, warehouseOf } from './parts.ledger.ts';
import { STOCKTAKE_FROM, type StocktakeAction } from './parts.rules.ts';
import { parts, stockBalances, stocktakeLines, stocktakes, warehouses } from './parts.tables.ts';

export async function getStocktake(ex: Executor, user: Principal, id: string) {
  const [row] = await ex
    .select({ s: stocktakes, warehouseName: warehouses.name })
    .from(stocktakes)
    .innerJoin(warehouses, eq(warehouses.id, stocktakes.warehouseId))
    .where(eq(stocktakes.id, id));
  if (!row) throw notFound();
  const lines = await ex
    .select({ l: stocktakeLines, partCode: parts.code, partName: parts.name, unit: parts.unit })
    .from(stocktakeLines)
    .innerJoin(parts, eq(parts.id, stocktakeLines.partId))
    .where(eq(stocktakeLines.stocktakeId, id))
    .orderBy(asc(parts.code), asc(stocktakeLines.lot), asc(stocktakeLines.condition));
  return {
    ...plain(row.s),
    warehouseName: row.warehouseName,
    abilities: stocktakeAbilities(user, row.s.status),
    lines: lines.map(({ l, partCode, partName, unit }) => ({
      id: l.id,
      partId: l.partId,
      partCode,
      partName,
      unit,
      lot: l.lot,
      condition: l.condition,
      bookedQty: l.bookedQty,
      countedQty: l.countedQty,
      variance: l.countedQty === null ? null : l.countedQty - l.bookedQty,
      reason: l.reason,
    })),
  };
}

export async function createStocktake(db: Db, user: Principal, input: z.infer<typeof createStocktakeBody>) {
  const id = await db.transaction(async (tx) => {
    const wh = await warehouseOf(tx, input.warehouseId);
    const [open] = await tx
      .select({ number: stocktakes.number })
      .from(stocktakes)
      .where(and(eq(stocktakes.warehouseId, wh.id), eq(stocktakes.status, 'counting')));
    if (open) throw new AppError(409, 'stocktake_open', { number: open.number });
    const number = await nextNumber(tx, 'PD', new Date().getUTCFullYear());
    const [row] = await tx
      .insert(stocktakes)
      .values({ number, warehouseId: wh.id, createdById: user.id, createdByName: user.displayName, note: input.note ?? null })
      .returning();
    const booked = await tx
      .select()
      .from(stockBalances)
      .where(and(eq(stockBalances.warehouseId, wh.id), gt(stockBalances.qty, 0)));
    if (booked.length)
      await tx
        .insert(stocktakeLines)
        .values(booked.map((b) => ({ stocktakeId: row.id, partId: b.partId, lot: b.lot, condition: b.condition, bookedQty: b.qty })));
    await recordAudit(tx, { actor: actorOf(user), entity: 'stocktake', entityId: row.id, action: 'create', after: { ...row, lines: booked.length } });
    return row.id;
  });
  return getStocktake(db, user, id);
}

/** Locks the sheet for an action, in the state the action takes it from (parts.rules.ts). */
async function lockSheet(tx: Executor, id: string, version: number, action: StocktakeAction) {
  const s = await lockById(tx, stocktakes, id);
  if (s.version !== version) throw versionConflict(s.version);
  if (s.status !== STOCKTAKE_FROM[action]) throw new AppError(409, 'stocktake_wrong_status', { status: s.status });
  return s;
}

async function bump(tx: Executor, id: string, patch: Partial<typeof stocktakes.$inferInsert> = {}) {
  const [row] = await tx
    .update(stocktakes)
    .set({ ...patch, version: (await lockById(tx, stocktakes, id)).version + 1, updatedAt: new Date() })
    .where(eq(stocktakes.id, id))
    .returning();
  return row;
}

export async function count(db: Db, user: Principal, id: string, input: z.infer<typeof countBody>) {
  await db.transaction(async (tx) => {
    const s = await lockSheet(tx, id, input.version, 'count');
    for (const [i, line] of input.lines.entries()) {
      if (line.lineId) {
        const [l] = await tx
          .update(stocktakeLines)
          .set({ countedQty: line.countedQty, reason: line.reason ?? null })
          .where(and(eq(stocktakeLines.id, line.lineId), eq(stocktakeLines.stocktakeId, id)))
          .returning();
        if (!l) throw new AppError(422, 'invalid_reference', { field: `lines.${i}.lineId` }, [{ field: `lines.${i}.lineId`, code: 'not_found' }]);
      } else if (line.partId) {
        // Found on the shelf but not on the books.
        const part = await partOf(tx, line.partId, `lines.${i}.partId`);
        const lot = lotFor(part, line.lot, 1, `lines.${i}.lot`);
        await tx
          .insert(stocktakeLines)
          .values({ stocktakeId: id, partId: part.id, lot, condition: 'good', bookedQty: 0, countedQty: line.countedQty, reason: line.reason ?? null })
          .onConflictDoUpdate({
            target: [stocktakeLines.stocktakeId, stocktakeLines.partId, stocktakeLines.lot, stocktakeLines.condition],
            set: { countedQty: line.countedQty, reason: line.reason ?? null },
          });
      } else {
        throw new AppError(422, 'validation_failed', {}, [{ field: `lines.${i}.lineId`, code: 'required' }]);
      }
    }
    await bump(tx, s.id);
    await recordAudit(tx, { actor: actorOf(user), entity: 'stocktake', entityId: id, action: 'count', after: { lines: input.lines } });
  });
  return getStocktake(db, user, id);
}

export async function submit(db: Db, user: Principal, id: string, version: number) {
  await db.transaction(async (tx) => {
    await lockSheet(tx, id, version, 'submit');
    const sheet = await getStocktake(tx, user, id);
    const uncounted = sheet.lines.filter((l) => l.countedQty === null);
    if (uncounted.length) throw new AppError(422, 'stocktake_uncounted', { count: uncounted.length, parts: uncounted.map((l) => l.partCode).join(', ') });
    const unexplained = sheet.lines.filter((l) => l.variance !== 0 && !l.reason);
    if (unexplained.length) throw new AppError(422, 'variance_needs_reason', { parts: unexplained.map((l) => l.partCode).join(', ') });
    await bump(tx, id, { status: 'submitted', submittedAt: new Date() });
    await recordAudit(tx, { actor: actorOf(user), entity: 'stocktake', entityId: id, action: 'submit', after: { status: 'submitted' } });
  });
  return getStocktake(db, user, id);
}

/** Approve: each variance becomes an adjustment entry; reject: back to counting. */
export async function decide(db: Db, user: Principal, id: string, input: { version: number; approve: boolean; note?: string | null }) {
  await stockTx(db, async (tx) => {
    const s = await lockSheet(tx, id, input.version, 'decide');
    if (!input.approve) {
      await bump(tx, id, { status: 'counting', submittedAt: null });
      await recordAudit(tx, { actor: actorOf(user), entity: 'stocktake', entityId: id, action: 'reject', after: { note: input.note ?? null } });
      return;
    }
    const sheet = await getStocktake(tx, user, id);
    const moves = sheet.lines
      .filter((l) => l.variance)
      .map((l) => ({
        kind: 'adjustment' as const,
        partId: l.partId,
        warehouseId: s.warehouseId,
        lot: l.lot,
        condition: l.condition,
        qty: l.variance as number,
        stocktakeId: id,
        reference: s.number,
        note: l.reason,
      }));
    if (moves.length) await post(tx, signerOf(user), moves);
    await bump(tx, id, { status: 'approved', approvedAt: new Date(), approvedById: user.id, approvedByName: user.displayName });
    await recordAudit(tx, {
      actor: actorOf(user),
      entity: 'stocktake',
      entityId: id,
      action: 'approve',
      after: { adjustments: moves.length, note: input.note ?? null },
    });
  });
  return getStocktake(db, user, id);
}

/** The search box of the count sheets: sheet number or warehouse name (a handful of warehouses). */
function stocktakeSearch(text: string | undefined): SQL | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const p = likePattern(t);
  return or(sql`${stocktakes.number} ilike ${p}`, sql`${stocktakes.warehouseId} in (select w.id from warehouses w where w.name ilike ${p})`);
}

export async function listStocktakes(ex: Executor, user: Principal, q: z.infer<typeof stocktakeListQuery>) {
  const where = allOf(
    stocktakeSearch(q.q),
    q.warehouseId ? eq(stocktakes.warehouseId, q.warehouseId) : undefined,
    q.status ? eq(stocktakes.status, q.status) : undefined,
  );
  const rows = await ex
    .select({ s: stocktakes, warehouseName: warehouses.name })
    .from(stocktakes)
    .innerJoin(warehouses, eq(warehouses.id, stocktakes.warehouseId))
    .where(where)
    .orderBy(desc(stocktakes.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return {
    items: rows.map((r) => ({ ...plain(r.s), warehouseName: r.warehouseName, abilities: stocktakeAbilities(user, r.s.status), lines: [] })),
    total: await countOf(ex, stocktakes, where),
    page: q.page,
    pageSize: q.pageSize,
  };
}
