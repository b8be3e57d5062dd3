// Purchasing (R-PT-3, R-PT-5): reorder suggestions from minimum-stock and emergency-level
// alerts plus the demand of open work, purchase plans approved by the service manager,
// purchase contracts (supplier, spec, quantity, price, delivery date) and receiving against them.
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import { allOf, countOf, likePattern, lockById, offsetOf } from '../../lib/records.ts';
import { nextNumber } from '../system/index.ts';
import { planAbilities, purchaseContractAbilities } from './parts.abilities.ts';
import type { createPlanBody, createPurchaseContractBody, decisionBody, planListQuery, purchaseContractListQuery, receiveBody } from './parts.dto.ts';
import { ledgerByIds, lotFor, partOf, post, signerOf, stockTx, warehouseOf } from './parts.ledger.ts';
import { contractReceives, type PlanAction, planAccepts } from './parts.rules.ts';
import { parts, purchaseContractLines, purchaseContracts, purchasePlanLines, purchasePlans, suppliers } from './parts.tables.ts';

/**
 * What to order: for every active part, good stock on hand (all warehouses), the emergency
 * store against its level, and the open-work forecast — open work orders waiting for parts
 * on devices of a model the part fits. Suggested = shortfall to minimum + forecast + the
 * emergency store's shortfall.
 */
export async function reorderSuggestions(ex: Executor) {
  const r = await ex.execute(sql`
    with stock as (
      select b.part_id, sum(b.qty)::int as on_hand,
             coalesce(sum(b.qty) filter (where w.kind = 'emergency'), 0)::int as emergency_on_hand
      from stock_balances b join warehouses w on w.id = b.warehouse_id
      where b.condition = 'good' group by b.part_id
    ), demand as (
      select p.id as part_id, count(distinct wo.id)::int as forecast
      from parts p
      join devices d on d.model_id = any(p.model_ids)
      join work_orders wo on wo.device_id = d.id and wo.status = 'waiting_parts'
      group by p.id
    )
    select p.id as "partId", p.code as "partCode", p.name as "partName",
           coalesce(s.on_hand, 0) as "onHand", coalesce(s.emergency_on_hand, 0) as "emergencyOnHand",
           p.min_stock as "minStock", p.emergency_level as "emergencyLevel", coalesce(dm.forecast, 0) as forecast
    from parts p
    left join stock s on s.part_id = p.id
    left join demand dm on dm.part_id = p.id
    where p.active
    order by p.code`);
  type Row = {
    partId: string;
    partCode: string;
    partName: string;
    onHand: number;
    emergencyOnHand: number;
    minStock: number;
    emergencyLevel: number;
    forecast: number;
  };
  return (r.rows as Row[])
    .map((x) => {
      const onHand = Number(x.onHand);
      const emergencyOnHand = Number(x.emergencyOnHand);
      const minStock = Number(x.minStock);
      const emergencyLevel = Number(x.emergencyLevel);
      const forecast = Number(x.forecast);
      const belowMin = Math.max(0, minStock - onHand);
      const emergencyShort = Math.max(0, emergencyLevel - emergencyOnHand);
      const spare = Math.max(0, onHand - minStock);
      const forecastShort = Math.max(0, forecast - spare);
      const suggestedQty = Math.max(belowMin + forecastShort, emergencyShort);
      const reason = belowMin > 0 ? ('min_stock' as const) : forecastShort > 0 ? ('forecast' as const) : ('emergency' as const);
      return { ...x, onHand, emergencyOnHand, minStock, emergencyLevel, forecast, suggestedQty, reason };
    })
    .filter((x) => x.suggestedQty > 0);
}

// ---- plans -------------------------------------------------------------------------------

/** Parts whose code or name matches: the catalogue is small, read once per search. */
const partsLike = (p: string) => sql`(select pt.id from parts pt where pt.code ilike ${p} or pt.name ilike ${p})`;

/** The search box of the plans list: plan number, note, or a part on one of its lines. */
function planSearch(text: string | undefined): SQL | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const p = likePattern(t);
  return or(
    sql`${purchasePlans.number} ilike ${p}`,
    sql`${purchasePlans.note} ilike ${p}`,
    sql`${purchasePlans.id} in (select l.plan_id from purchase_plan_lines l where l.part_id in ${partsLike(p)})`,
  );
}

export async function listPlans(ex: Executor, user: Principal, q: z.infer<typeof planListQuery>) {
  const where = allOf(planSearch(q.q), q.status ? eq(purchasePlans.status, q.status) : undefined);
  const rows = await ex.select().from(purchasePlans).where(where).orderBy(desc(purchasePlans.createdAt)).limit(q.pageSize).offset(offsetOf(q));
  return {
    items: await Promise.all(rows.map((r) => getPlan(ex, user, r.id))),
    total: await countOf(ex, purchasePlans, where),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getPlan(ex: Executor, user: Principal, id: string) {
  const [p] = await ex.select().from(purchasePlans).where(eq(purchasePlans.id, id));
  if (!p) throw notFound();
  const lines = await ex
    .select({ l: purchasePlanLines, partCode: parts.code, partName: parts.name })
    .from(purchasePlanLines)
    .innerJoin(parts, eq(parts.id, purchasePlanLines.partId))
    .where(eq(purchasePlanLines.planId, id))
    .orderBy(asc(parts.code));
  return { ...plain(p), abilities: planAbilities(user, p.status), lines: lines.map((x) => ({ ...x.l, partCode: x.partCode, partName: x.partName })) };
}

export async function createPlan(db: Db, user: Principal, input: z.infer<typeof createPlanBody>) {
  const id = await db.transaction(async (tx) => {
    const suggestions = new Map((await reorderSuggestions(tx)).map((s) => [s.partId, s]));
    const seen = new Set<string>();
    for (const [i, l] of input.lines.entries()) {
      await partOf(tx, l.partId, `lines.${i}.partId`);
      if (seen.has(l.partId)) throw new AppError(422, 'validation_failed', {}, [{ field: `lines.${i}.partId`, code: 'duplicate' }]);
      seen.add(l.partId);
    }
    const number = await nextNumber(tx, 'CG', new Date().getUTCFullYear());
    const [plan] = await tx
      .insert(purchasePlans)
      .values({ number, note: input.note ?? null, createdById: user.id, createdByName: user.displayName })
      .returning();
    await tx.insert(purchasePlanLines).values(
      input.lines.map((l) => ({
        planId: plan.id,
        partId: l.partId,
        qty: l.qty,
        reason: l.reason,
        onHand: suggestions.get(l.partId)?.onHand ?? 0,
        forecast: suggestions.get(l.partId)?.forecast ?? 0,
      })),
    );
    await recordAudit(tx, { actor: actorOf(user), entity: 'purchase_plan', entityId: plan.id, action: 'create', after: { ...plan, lines: input.lines } });
    return plan.id;
  });
  return getPlan(db, user, id);
}

/** Locks the plan for an action, in the state the action takes it from (parts.rules.ts). */
async function lockPlan(tx: Executor, id: string, version: number, action: PlanAction) {
  const p = await lockById(tx, purchasePlans, id);
  if (p.version !== version) throw versionConflict(p.version);
  if (!planAccepts(p.status, action)) throw new AppError(409, 'plan_wrong_status', { status: p.status });
  return p;
}

export async function submitPlan(db: Db, user: Principal, id: string, version: number) {
  await db.transaction(async (tx) => {
    const p = await lockPlan(tx, id, version, 'submit');
    await tx
      .update(purchasePlans)
      .set({ status: 'submitted', submittedAt: new Date(), version: p.version + 1, updatedAt: new Date() })
      .where(eq(purchasePlans.id, id));
    await recordAudit(tx, { actor: actorOf(user), entity: 'purchase_plan', entityId: id, action: 'submit', after: { status: 'submitted' } });
  });
  return getPlan(db, user, id);
}

export async function decidePlan(db: Db, user: Principal, id: string, input: z.infer<typeof decisionBody>) {
  await db.transaction(async (tx) => {
    const p = await lockPlan(tx, id, input.version, 'decide');
    const status = input.approve ? 'approved' : 'rejected';
    await tx
      .update(purchasePlans)
      .set({
        status,
        decidedAt: new Date(),
        decidedById: user.id,
        decidedByName: user.displayName,
        decisionNote: input.note ?? null,
        version: p.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(purchasePlans.id, id));
    await recordAudit(tx, { actor: actorOf(user), entity: 'purchase_plan', entityId: id, action: status, after: { status, note: input.note ?? null } });
  });
  return getPlan(db, user, id);
}

// ---- contracts ---------------------------------------------------------------------------

/** The search box of the contracts list: contract number, supplier name, or a part on one of its lines. */
function contractSearch(text: string | undefined): SQL | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const p = likePattern(t);
  return or(
    sql`${purchaseContracts.number} ilike ${p}`,
    sql`${purchaseContracts.supplierId} in (select s.id from suppliers s where s.name ilike ${p})`,
    sql`${purchaseContracts.id} in (select l.contract_id from purchase_contract_lines l where l.part_id in ${partsLike(p)})`,
  );
}

export async function listPurchaseContracts(ex: Executor, user: Principal, q: z.infer<typeof purchaseContractListQuery>) {
  const where = allOf(contractSearch(q.q), q.status ? eq(purchaseContracts.status, q.status) : undefined);
  const rows = await ex
    .select({ id: purchaseContracts.id })
    .from(purchaseContracts)
    .where(where)
    .orderBy(desc(purchaseContracts.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return {
    items: await Promise.all(rows.map((r) => getPurchaseContract(ex, user, r.id))),
    total: await countOf(ex, purchaseContracts, where),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getPurchaseContract(ex: Executor, user: Principal, id: string) {
  const [row] = await ex
    .select({ c: purchaseContracts, supplierName: suppliers.name })
    .from(purchaseContracts)
    .innerJoin(suppliers, eq(suppliers.id, purchaseContracts.supplierId))
    .where(eq(purchaseContracts.id, id));
  if (!row) throw notFound();
  const lines = await ex
    .select({ l: purchaseContractLines, partCode: parts.code, partName: parts.name })
    .from(purchaseContractLines)
    .innerJoin(parts, eq(parts.id, purchaseContractLines.partId))
    .where(eq(purchaseContractLines.contractId, id))
    .orderBy(asc(parts.code));
  const total = lines.reduce((sum, x) => sum + Math.round(Number(x.l.unitPrice) * 100) * x.l.qty, 0);
  return {
    ...plain(row.c),
    supplierName: row.supplierName,
    total: (total / 100).toFixed(2),
    abilities: purchaseContractAbilities(user, row.c.status),
    lines: lines.map((x) => ({ ...x.l, partCode: x.partCode, partName: x.partName })),
  };
}

export async function createPurchaseContract(db: Db, user: Principal, input: z.infer<typeof createPurchaseContractBody>) {
  const id = await db.transaction(async (tx) => {
    const [s] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, input.supplierId));
    if (!s) throw new AppError(422, 'invalid_reference', { field: 'supplierId' }, [{ field: 'supplierId', code: 'not_found' }]);
    if (input.planId) {
      const [p] = await tx.select({ status: purchasePlans.status }).from(purchasePlans).where(eq(purchasePlans.id, input.planId));
      if (!p) throw new AppError(422, 'invalid_reference', { field: 'planId' }, [{ field: 'planId', code: 'not_found' }]);
      if (p.status !== 'approved') throw new AppError(409, 'plan_not_approved', { status: p.status }, [{ field: 'planId', code: 'invalid' }]);
    }
    for (const [i, l] of input.lines.entries()) await partOf(tx, l.partId, `lines.${i}.partId`);
    const { lines, ...values } = input;
    const [c] = await tx
      .insert(purchaseContracts)
      .values({ ...values, planId: values.planId ?? null, notes: values.notes ?? null, createdByName: user.displayName })
      .returning();
    await tx
      .insert(purchaseContractLines)
      .values(lines.map((l) => ({ contractId: c.id, partId: l.partId, spec: l.spec ?? null, qty: l.qty, unitPrice: l.unitPrice })));
    await recordAudit(tx, { actor: actorOf(user), entity: 'purchase_contract', entityId: c.id, action: 'create', after: { ...c, lines } });
    return c.id;
  });
  return getPurchaseContract(db, user, id);
}

/** Receiving against a contract: one receipt entry per line received, at the contract price. */
export async function receiveAgainst(db: Db, user: Principal, id: string, input: z.infer<typeof receiveBody>) {
  const ids = await stockTx(db, async (tx) => {
    const c = await lockById(tx, purchaseContracts, id);
    if (!contractReceives(c.status)) throw new AppError(409, 'contract_not_open', { status: c.status });
    await warehouseOf(tx, input.warehouseId);
    const lines = await tx
      .select()
      .from(purchaseContractLines)
      .where(and(eq(purchaseContractLines.contractId, id), inArray(purchaseContractLines.id, [...new Set(input.lines.map((l) => l.lineId))])))
      .for('update');
    const moves = [];
    for (const [i, r] of input.lines.entries()) {
      const line = lines.find((l) => l.id === r.lineId);
      if (!line) throw new AppError(422, 'invalid_reference', { field: `lines.${i}.lineId` }, [{ field: `lines.${i}.lineId`, code: 'not_found' }]);
      const open = line.qty - line.receivedQty;
      if (r.qty > open) throw new AppError(422, 'over_receipt', { open }, [{ field: `lines.${i}.qty`, code: 'too_big', params: { maximum: open } }]);
      const part = await partOf(tx, line.partId);
      const lot = lotFor(part, r.lot, r.qty, `lines.${i}.lot`);
      line.receivedQty += r.qty;
      await tx.update(purchaseContractLines).set({ receivedQty: line.receivedQty }).where(eq(purchaseContractLines.id, line.id));
      moves.push({
        kind: 'receipt' as const,
        partId: part.id,
        warehouseId: input.warehouseId,
        lot,
        qty: r.qty,
        unitCost: line.unitPrice,
        supplierId: c.supplierId,
        purchaseContractId: c.id,
        reference: input.reference ?? c.number,
      });
    }
    const rows = await post(tx, signerOf(user), moves);
    const all = await tx.select().from(purchaseContractLines).where(eq(purchaseContractLines.contractId, id));
    const done = all.every((l) => l.receivedQty >= l.qty);
    await tx
      .update(purchaseContracts)
      .set({ status: done ? 'received' : 'open', version: c.version + 1, updatedAt: new Date() })
      .where(eq(purchaseContracts.id, id));
    return rows.map((r) => r.id);
  });
  return { entries: await ledgerByIds(db, ids) };
}
