// Fees of paid jobs (R-WO-4, R-FE-1): the versioned price list finance edits, the fee of a
// work order priced by the version in force when its request was received, and the payments
// (collected on site or invoiced) that settle it.
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { serviceRequests, warrantyExclusions } from '../../db/schema.ts';
import { can, type Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { auditActor, capacities, loadFor, type WorkOrder } from './workorders.access.ts';
import type { paymentBody, priceListBody, reversalBody } from './workorders.dto.ts';
import { computeFee, exclusionOf, type Fee, feeFinal, formatCents, paymentRefusal, signedCents, toUnits } from './workorders.fee.rules.ts';
import { workOrdersPolicy } from './workorders.policy.ts';
import { priceLists, workOrderParts, workOrderPayments } from './workorders.tables.ts';

type PriceListRow = typeof priceLists.$inferSelect;

/** The version in force at `at`; before the first version, the first one. */
export async function priceListAt(ex: Executor, at: Date): Promise<PriceListRow | null> {
  const [p] = await ex
    .select()
    .from(priceLists)
    .where(lte(priceLists.effectiveFrom, at))
    .orderBy(desc(priceLists.effectiveFrom), desc(priceLists.versionNo))
    .limit(1);
  if (p) return p;
  const [first] = await ex.select().from(priceLists).orderBy(asc(priceLists.versionNo)).limit(1);
  return first ?? null;
}

export function priceListView(p: PriceListRow) {
  return {
    id: p.id,
    versionNo: p.versionNo,
    effectiveFrom: p.effectiveFrom.toISOString(),
    currency: p.currency,
    labourPerHour: p.labourPerHour,
    callOutFee: p.callOutFee,
    travelMode: p.travelMode,
    travelPerKm: p.travelPerKm,
    travelZones: { urban: p.travelUrban, suburban: p.travelSuburban, remote: p.travelRemote },
    note: p.note,
    createdByName: p.createdByName,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function getPriceLists(ex: Executor, now = new Date()) {
  const versions = await ex.select().from(priceLists).orderBy(desc(priceLists.versionNo));
  const current = await priceListAt(ex, now);
  return { current: current ? priceListView(current) : null, versions: versions.map(priceListView) };
}

/** A new version of the price list; the one the editor saw must still be the newest (409 otherwise). */
export async function savePriceList(db: Db, user: Principal, input: z.infer<typeof priceListBody>, now = new Date()) {
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  // Jobs already received keep the prices they were received under.
  if (effectiveFrom.getTime() < now.getTime() - 60_000) {
    throw new AppError(422, 'price_effective_in_past', {}, [{ field: 'effectiveFrom', code: 'not_in_past' }]);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7172002)`);
    const [latest] = await tx.select().from(priceLists).orderBy(desc(priceLists.versionNo)).limit(1);
    const current = latest?.versionNo ?? 0;
    if (input.version !== current) throw versionConflict(current);
    const [row] = await tx
      .insert(priceLists)
      .values({
        versionNo: current + 1,
        effectiveFrom,
        currency: input.currency,
        labourPerHour: input.labourPerHour,
        callOutFee: input.callOutFee,
        travelMode: input.travelMode,
        travelPerKm: input.travelPerKm,
        travelUrban: input.travelZones.urban,
        travelSuburban: input.travelZones.suburban,
        travelRemote: input.travelZones.remote,
        note: input.note ?? null,
        createdById: user.id,
        createdByName: user.displayName,
      })
      .returning();
    await recordAudit(tx, { actor: auditActor(user), entity: 'price_list', entityId: row.id, action: 'create', before: latest ?? null, after: row });
    return row;
  });
}

/** The fee of a work order (zeros unless the job is paid service). */
export async function feeOf(ex: Executor, wo: WorkOrder): Promise<Fee> {
  const [req] = await ex
    .select({ category: serviceRequests.category, regionClass: serviceRequests.regionClass, receivedAt: serviceRequests.receivedAt })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, wo.requestId));
  const parts = await ex
    .select({
      quantity: workOrderParts.quantity,
      unitPrice: workOrderParts.unitPrice,
      covered: sql<boolean>`${workOrderParts.accessoryWarrantyUntil} is not null`,
    })
    .from(workOrderParts)
    .where(eq(workOrderParts.workOrderId, wo.id));
  // R-WX-1: a confirmed warranty exclusion (quotes module) makes a warranty/contract job chargeable at cost.
  const [x] = await ex
    .select({ category: warrantyExclusions.category })
    .from(warrantyExclusions)
    .where(and(eq(warrantyExclusions.workOrderId, wo.id), eq(warrantyExclusions.status, 'confirmed')));
  const exclusion = x?.category ?? null;
  const billed = req.category === 'paid' || exclusionOf({ category: req.category, exclusion }) !== null;
  const list = billed ? await priceListAt(ex, req.receivedAt) : null;
  return computeFee(list, { category: req.category, labourMinutes: wo.labourMinutes, travelKm: wo.travelKm, regionClass: req.regionClass, parts, exclusion });
}

export async function paymentsOf(ex: Executor, workOrderId: string) {
  const rows = await ex
    .select()
    .from(workOrderPayments)
    .where(eq(workOrderPayments.workOrderId, workOrderId))
    .orderBy(asc(workOrderPayments.at), asc(workOrderPayments.id));
  return rows.map((p) => ({
    id: p.id,
    method: p.method,
    reference: p.reference,
    amount: p.amount,
    at: p.at.toISOString(),
    recordedByName: p.recordedByName,
    reversesId: p.reversesId,
    reason: p.reason,
    reversedById: rows.find((r) => r.reversesId === p.id)?.id ?? null,
  }));
}

const signed = (c: bigint) => (c < 0n ? `-${formatCents(-c)}` : formatCents(c));

/** The fee with what was paid and what is still owed (receivables, R-FE-1). */
export async function feeWithPayments(ex: Executor, wo: WorkOrder) {
  const fee = await feeOf(ex, wo);
  const payments = await paymentsOf(ex, wo.id);
  const paid = payments.reduce((n, p) => n + signedCents(p.amount), 0n);
  const total = toUnits(fee.total, 2);
  return { ...fee, final: feeFinal(wo.status), paid: signed(paid), balance: signed(total - paid), payments };
}

/**
 * Finance records the fee collected on site or invoiced; the engineer or technician on the job records
 * the cash he collected (seed 002 §5: handed to finance later, billing's 现金交接). Never more than is owed.
 */
export async function recordPayment(db: Db, user: Principal, id: string, input: z.infer<typeof paymentBody>, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    if (!can(user, workOrdersPolicy, 'pay')) {
      if (!can(user, workOrdersPolicy, 'collect')) throw new AppError(403, 'forbidden');
      if (input.method !== 'collected') throw new AppError(403, 'payment_invoiced_by_finance');
      const on = (await capacities(tx, user, wo)).some((c) => c === 'lead' || c === 'helper');
      if (!on) throw new AppError(403, 'payment_not_on_job', { number: wo.number });
    }
    const fee = await feeOf(tx, wo);
    const paid = (await paymentsOf(tx, wo.id)).reduce((n, p) => n + signedCents(p.amount), 0n);
    const balance = toUnits(fee.total, 2) - paid;
    const refused = paymentRefusal(wo.status, fee.chargeable, balance);
    if (refused === 'not_chargeable') throw new AppError(422, 'not_chargeable');
    if (refused === 'fee_not_final') throw new AppError(409, 'fee_not_final', { status: wo.status });
    // Nothing owed: every amount is more than the balance.
    if (refused === 'nothing_owed' || toUnits(input.amount, 2) > balance) {
      const b = formatCents(balance < 0n ? 0n : balance);
      throw new AppError(422, 'payment_exceeds_balance', { balance: b }, [{ field: 'amount', code: 'too_big', params: { maximum: b } }]);
    }
    const [row] = await tx
      .insert(workOrderPayments)
      .values({
        workOrderId: wo.id,
        method: input.method,
        reference: input.reference,
        amount: input.amount,
        currency: fee.currency,
        at: now,
        recordedById: user.id,
        recordedByName: user.displayName,
      })
      .returning();
    await recordAudit(tx, { actor: auditActor(user), entity: 'work_order_payment', entityId: row.id, action: 'create', after: row });
    return row;
  });
}

/**
 * A payment recorded in error (wrong amount, bounced transfer, cancelled invoice) is reversed
 * by a negative line naming it, never by changing or deleting it; the balance follows. A
 * payment is reversed at most once (unique index), and a reversal is not itself reversed.
 */
export async function reversePayment(db: Db, user: Principal, id: string, paymentId: string, input: z.infer<typeof reversalBody>, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    const [original] = await tx
      .select()
      .from(workOrderPayments)
      .where(and(eq(workOrderPayments.id, paymentId), eq(workOrderPayments.workOrderId, wo.id)));
    if (!original) throw notFound();
    if (original.method === 'reversal') throw new AppError(409, 'reversal_not_reversible');
    const [done] = await tx.select({ id: workOrderPayments.id }).from(workOrderPayments).where(eq(workOrderPayments.reversesId, original.id));
    if (done) throw new AppError(409, 'payment_already_reversed');
    const [row] = await tx
      .insert(workOrderPayments)
      .values({
        workOrderId: wo.id,
        method: 'reversal',
        reference: input.reference ?? original.reference,
        amount: `-${original.amount}`,
        currency: original.currency,
        at: now,
        recordedById: user.id,
        recordedByName: user.displayName,
        reversesId: original.id,
        reason: input.reason,
      })
      .returning();
    await recordAudit(tx, { actor: auditActor(user), entity: 'work_order_payment', entityId: row.id, action: 'reverse', before: original, after: row });
    return row;
  });
}
