// 现金交接 (seed 002 §5, issue 15 §4, R-FE-1): cash an engineer collected on site (work-order
// payments of method 'collected') is handed to the accountant as one hand-over record listing the
// payments (XJ-YYYY-NNNNNN); finance confirms receipt. A payment is handed over once (unique index);
// a reversed payment cannot be handed over; a confirmed hand-over does not change.
import { asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, workOrderPayments, workOrders } from '../../db/schema.ts';
import { can, type Principal } from '../../lib/access.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { allOf, insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { nextNumber } from '../system/index.ts';
import { actorOf, cents, money } from './billing.invoices.ts';
import { billingPolicy } from './billing.policy.ts';
import { cashHandoverItems, cashHandovers } from './billing.tables.ts';

/** Finance sees every engineer's cash; an engineer his own. */
const mine = (user: Principal, col: typeof cashHandovers.engineerId | typeof workOrderPayments.recordedById): SQL | undefined =>
  can(user, billingPolicy, 'confirmHandover') ? undefined : eq(col, user.id);

/** Collected-on-site payments not yet handed over and not reversed. */
export async function cashOnHand(ex: Executor, user: Principal) {
  return ex
    .select({
      id: workOrderPayments.id,
      amount: workOrderPayments.amount,
      currency: workOrderPayments.currency,
      reference: workOrderPayments.reference,
      at: workOrderPayments.at,
      recordedByName: workOrderPayments.recordedByName,
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      customerName: customers.name,
    })
    .from(workOrderPayments)
    .innerJoin(workOrders, eq(workOrders.id, workOrderPayments.workOrderId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(cashHandoverItems, eq(cashHandoverItems.paymentId, workOrderPayments.id))
    .where(
      allOf(
        eq(workOrderPayments.method, 'collected'),
        isNull(cashHandoverItems.id),
        sql`not exists (select 1 from work_order_payments r where r.reverses_id = ${workOrderPayments.id})`,
        mine(user, workOrderPayments.recordedById),
      ),
    )
    .orderBy(asc(workOrderPayments.at));
}

export async function listHandovers(ex: Executor, user: Principal, f: { status?: 'pending' | 'confirmed' }, page: number, pageSize: number) {
  const where = allOf(mine(user, cashHandovers.engineerId), f.status ? eq(cashHandovers.status, f.status) : undefined);
  const rows = await ex
    .select()
    .from(cashHandovers)
    .where(where)
    .orderBy(desc(cashHandovers.handedAt), desc(cashHandovers.number))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(cashHandovers).where(where);
  const items = rows.length
    ? await ex
        .select({
          handoverId: cashHandoverItems.handoverId,
          paymentId: cashHandoverItems.paymentId,
          amount: cashHandoverItems.amount,
          workOrderNumber: workOrders.number,
          reference: workOrderPayments.reference,
        })
        .from(cashHandoverItems)
        .innerJoin(workOrderPayments, eq(workOrderPayments.id, cashHandoverItems.paymentId))
        .innerJoin(workOrders, eq(workOrders.id, workOrderPayments.workOrderId))
        .where(
          inArray(
            cashHandoverItems.handoverId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return { rows: rows.map((h) => ({ h, items: items.filter((i) => i.handoverId === h.id) })), total: Number(n) };
}

/** The engineer hands the cash of the listed payments to the accountant (his own collections; finance may record for anyone). */
export async function handOverCash(db: Db, user: Principal, input: { paymentIds: string[]; note?: string | null }, now: Date) {
  const ids = [...new Set(input.paymentIds)];
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(workOrderPayments).where(inArray(workOrderPayments.id, ids)).orderBy(asc(workOrderPayments.id)).for('update');
    if (rows.length !== ids.length) throw invalidField('paymentIds', 'not_found');
    const onHand = new Set((await cashOnHand(tx, user)).map((p) => p.id));
    const refusal = handoverRefusal(rows.map((r) => ({ method: r.method, onHand: onHand.has(r.id) })));
    if (refusal) throw new AppError(422, refusal);
    const currencies = new Set(rows.map((r) => r.currency));
    if (currencies.size > 1) throw invalidField('paymentIds', 'invalid');
    const total = rows.reduce((n, r) => n + cents(r.amount), 0n);
    const number = await nextNumber(tx, 'XJ', now.getUTCFullYear());
    const h = await insertAudited(tx, actorOf(user), 'cash_handover', cashHandovers, {
      number,
      engineerId: rows[0].recordedById ?? user.id,
      engineerName: rows[0].recordedByName,
      amount: money(total),
      currency: rows[0].currency,
      handedAt: now,
      note: input.note ?? null,
    });
    await tx.insert(cashHandoverItems).values(rows.map((r) => ({ handoverId: h.id, paymentId: r.id, amount: r.amount })));
    return h;
  });
}

/** Only cash collected on site and still on hand (not handed over, not reversed) can be handed over. */
export function handoverRefusal(rows: readonly { method: string; onHand: boolean }[]): 'handover_not_cash' | 'handover_not_on_hand' | null {
  if (rows.some((r) => r.method !== 'collected')) return 'handover_not_cash';
  if (rows.some((r) => !r.onHand)) return 'handover_not_on_hand';
  return null;
}

/** The accountant confirms the cash was received (seed 002 §5 交财务). */
export async function confirmHandover(db: Db, user: Principal, id: string, version: number, now: Date) {
  return db.transaction(async (tx) => {
    const h = await lockById(tx, cashHandovers, id);
    if (h.status !== 'pending') throw new AppError(409, 'handover_already_confirmed');
    return updateAudited(
      tx,
      actorOf(user),
      'cash_handover',
      cashHandovers,
      id,
      version,
      { status: 'confirmed', confirmedAt: now, confirmedById: user.id, confirmedByName: user.displayName },
      h,
    );
  });
}
