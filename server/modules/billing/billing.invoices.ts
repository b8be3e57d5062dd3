// Invoices and receivables (发票/应收, issue 15 §4, R-FE-1): finance invoices one hospital's final
// fees of paid jobs (FP-YYYY-NNNNNN, due after the hospital's payment terms), records payments
// against it, reverses a payment recorded in error and issues credit notes (HZ-YYYY-NNNNNN) —
// every one a new insert-only line naming what it undoes, never an edit. The open amount and the
// ageing bucket (days past due) follow from the lines. Hospital users read their own invoices.
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { recordAudit } from '../../lib/audit.ts';
import { dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById } from '../../lib/records.ts';
import { nextNumber } from '../system/index.ts';
import { feeWithPayments, loadFor } from '../workorders/index.ts';
import { type AgeingBucket, addDays, ageingBucket, invoiceEntryRefusal, invoiceLinesRefusal, openCents } from './billing.rules.ts';
import { billingAccounts, invoiceEntries, invoiceLines, invoices } from './billing.tables.ts';

export const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });

/** '123.4' → 12340n; '-5' → -500n. */
export function cents(v: string): bigint {
  const s = v.trim();
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const c = BigInt(i || '0') * 100n + BigInt(`${f}00`.slice(0, 2));
  return neg ? -c : c;
}
export function money(c: bigint): string {
  const neg = c < 0n;
  const s = (neg ? -c : c).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** The open amount of each invoice, as SQL: total − payments + reversals − credit notes. */
export const openAmount = sql<string>`(${invoices.total} - coalesce((select sum(case when e.kind = 'payment_reversal' then -e.amount else e.amount end) from invoice_entries e where e.invoice_id = ${invoices.id}), 0))`;

const scope = (user: Principal): SQL | undefined => {
  const c = customerScope(user);
  return c === null ? undefined : eq(invoices.customerId, c);
};

/** The days past due that bound each bucket, as SQL on the due date (today in the company's calendar). */
function bucketWhere(bucket: AgeingBucket, today: string): SQL {
  const d = (n: number) => addDays(today, -n);
  switch (bucket) {
    case 'not_due':
      return sql`${invoices.dueDate} > ${today}::date`;
    case 'd0_30':
      return sql`${invoices.dueDate} between ${d(30)}::date and ${today}::date`;
    case 'd31_60':
      return sql`${invoices.dueDate} between ${d(60)}::date and ${d(31)}::date`;
    case 'd61_90':
      return sql`${invoices.dueDate} between ${d(90)}::date and ${d(61)}::date`;
    default:
      return sql`${invoices.dueDate} < ${d(90)}::date`;
  }
}

export interface InvoiceFilters {
  q?: string;
  customerId?: string;
  bucket?: AgeingBucket;
  open?: boolean;
  sort?: string;
}

const listColumns = {
  i: invoices,
  customerName: customers.name,
  open: openAmount,
};
export type InvoiceRow = { i: typeof invoices.$inferSelect; customerName: string; open: string };

function whereOf(user: Principal, f: InvoiceFilters, today: string): SQL | undefined {
  return allOf(
    scope(user),
    f.customerId ? eq(invoices.customerId, f.customerId) : undefined,
    f.q ? sql`(${invoices.number} ilike ${likePattern(f.q)} or ${customers.name} ilike ${likePattern(f.q)})` : undefined,
    f.bucket ? and(bucketWhere(f.bucket, today), sql`${openAmount} > 0`) : undefined,
    f.open === true ? sql`${openAmount} > 0` : f.open === false ? sql`${openAmount} <= 0` : undefined,
  );
}

function orderOf(sort: string | undefined): SQL[] {
  const desc_ = sort?.startsWith('-');
  const key = sort?.replace(/^-/, '') ?? '-issueDate';
  const col =
    key === 'dueDate' ? sql`${invoices.dueDate}` : key === 'number' ? sql`${invoices.number}` : key === 'open' ? openAmount : sql`${invoices.issueDate}`;
  const dir = sort ? (desc_ ? sql`desc` : sql`asc`) : sql`desc`;
  return [sql`${col} ${dir}`, sql`${invoices.number} ${dir}`];
}

export async function listInvoices(ex: Executor, user: Principal, f: InvoiceFilters, page: number, pageSize: number, today: string) {
  const where = whereOf(user, f, today);
  const rows = (await ex
    .select(listColumns)
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset((page - 1) * pageSize)) as InvoiceRow[];
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(invoices).innerJoin(customers, eq(customers.id, invoices.customerId)).where(where);
  return { rows, total: Number(n) };
}

export async function exportInvoices(ex: Executor, user: Principal, f: InvoiceFilters, limit: number, today: string) {
  return (await ex
    .select(listColumns)
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(whereOf(user, f, today))
    .orderBy(...orderOf(f.sort))
    .limit(limit)) as InvoiceRow[];
}

export async function getInvoice(ex: Executor, user: Principal, id: string) {
  const [row] = (await ex
    .select(listColumns)
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(allOf(eq(invoices.id, id), scope(user)))) as InvoiceRow[];
  if (!row) throw notFound();
  const lines = await ex
    .select({ l: invoiceLines, workOrderNumber: workOrders.number })
    .from(invoiceLines)
    .innerJoin(workOrders, eq(workOrders.id, invoiceLines.workOrderId))
    .where(eq(invoiceLines.invoiceId, id))
    .orderBy(asc(workOrders.number));
  const entries = await ex.select().from(invoiceEntries).where(eq(invoiceEntries.invoiceId, id)).orderBy(asc(invoiceEntries.at), asc(invoiceEntries.id));
  return { ...row, lines, entries };
}

/** The hospital's payment terms (30 days unless finance set others). */
export async function termsOf(ex: Executor, customerId: string) {
  const [a] = await ex.select().from(billingAccounts).where(eq(billingAccounts.customerId, customerId));
  return { paymentTermsDays: a?.paymentTermsDays ?? 30, salesOwnerId: a?.salesOwnerId ?? null };
}

export interface CreateInvoiceInput {
  workOrderIds: string[];
  issueDate?: string | null;
  termsDays?: number | null;
  note?: string | null;
}

/** R-FE-1: one invoice for one hospital's final, still owed fees of paid jobs; each job invoiced once. */
export async function createInvoice(db: Db, user: Principal, input: CreateInvoiceInput, timeZone: string) {
  const ids = [...new Set(input.workOrderIds)];
  return db.transaction(async (tx) => {
    const lines: { workOrderId: string; number: string; customerId: string; kind: string; amount: bigint; currency: string }[] = [];
    const checks = [];
    // Lock in id order so two invoices racing for the same jobs cannot deadlock; the second waits and is refused.
    for (const id of [...ids].sort()) {
      const wo = await loadFor(tx, user, id, true).catch(() => {
        throw invalidField('workOrderIds', 'not_found');
      });
      const fee = await feeWithPayments(tx, wo);
      const [done] = await tx.select({ id: invoiceLines.id }).from(invoiceLines).where(eq(invoiceLines.workOrderId, id));
      const owed = cents(fee.balance);
      checks.push({ customerId: wo.customerId, chargeable: fee.chargeable, final: fee.final, totalCents: owed, invoiced: Boolean(done) });
      lines.push({ workOrderId: id, number: wo.number, customerId: wo.customerId, kind: wo.kind, amount: owed, currency: fee.currency });
    }
    const refusal = invoiceLinesRefusal(checks);
    if (refusal) throw new AppError(422, refusal);
    const customerId = lines[0].customerId;
    const terms = input.termsDays ?? (await termsOf(tx, customerId)).paymentTermsDays;
    const issueDate = input.issueDate ?? dateIn(clockNow(), timeZone);
    const total = lines.reduce((n, l) => n + l.amount, 0n);
    const number = await nextNumber(tx, 'FP', Number(issueDate.slice(0, 4)));
    const inv = await insertAudited(tx, actorOf(user), 'invoice', invoices, {
      number,
      customerId,
      issueDate,
      termsDays: terms,
      dueDate: addDays(issueDate, terms),
      currency: lines[0].currency,
      total: money(total),
      note: input.note ?? null,
      createdById: user.id,
      createdByName: user.displayName,
    });
    await tx
      .insert(invoiceLines)
      .values(lines.map((l) => ({ invoiceId: inv.id, workOrderId: l.workOrderId, description: `服务费 / Service fee ${l.number}`, amount: money(l.amount) })));
    return inv;
  });
}

async function lockedOpen(tx: Executor, user: Principal, id: string) {
  const inv = await lockById(tx, invoices, id);
  const c = customerScope(user);
  if (c !== null && inv.customerId !== c) throw notFound();
  const entries = await tx.select().from(invoiceEntries).where(eq(invoiceEntries.invoiceId, id));
  const open = openCents(
    cents(inv.total),
    entries.map((e) => ({ kind: e.kind, cents: cents(e.amount) })),
  );
  return { inv, entries, open };
}

async function addEntry(
  tx: Executor,
  user: Principal,
  values: Omit<typeof invoiceEntries.$inferInsert, 'recordedByName'>,
  action: string,
  before: unknown = null,
) {
  const [row] = await tx
    .insert(invoiceEntries)
    .values({ ...values, at: clockNow(), recordedById: user.id, recordedByName: user.displayName })
    .returning();
  await recordAudit(tx, { actor: actorOf(user), entity: 'invoice_entry', entityId: row.id, action, before, after: row });
  return row;
}

/** A payment received against the invoice; never more than is open. */
export async function recordInvoicePayment(db: Db, user: Principal, id: string, input: { amount: string; reference: string }) {
  return db.transaction(async (tx) => {
    const { open } = await lockedOpen(tx, user, id);
    const refusal = invoiceEntryRefusal('payment', cents(input.amount), open);
    if (refusal)
      throw new AppError(422, refusal, { open: money(open < 0n ? 0n : open) }, [
        { field: 'amount', code: 'too_big', params: { maximum: money(open < 0n ? 0n : open) } },
      ]);
    return addEntry(tx, user, { invoiceId: id, kind: 'payment', amount: input.amount, reference: input.reference }, 'create');
  });
}

/** A credit note (红字/冲销) lowers what is owed, with its reason; HZ-YYYY-NNNNNN. */
export async function issueCreditNote(db: Db, user: Principal, id: string, input: { amount: string; reason: string }) {
  return db.transaction(async (tx) => {
    const { open } = await lockedOpen(tx, user, id);
    const refusal = invoiceEntryRefusal('credit_note', cents(input.amount), open);
    if (refusal)
      throw new AppError(422, refusal, { open: money(open < 0n ? 0n : open) }, [
        { field: 'amount', code: 'too_big', params: { maximum: money(open < 0n ? 0n : open) } },
      ]);
    const number = await nextNumber(tx, 'HZ', clockNow().getUTCFullYear());
    return addEntry(tx, user, { invoiceId: id, kind: 'credit_note', amount: input.amount, reason: input.reason, number }, 'create');
  });
}

/** A payment recorded in error is reversed by a line naming it, at most once; a reversal or credit note is not. */
export async function reverseInvoicePayment(db: Db, user: Principal, id: string, entryId: string, input: { reason: string }) {
  return db.transaction(async (tx) => {
    const { entries } = await lockedOpen(tx, user, id);
    const original = entries.find((e) => e.id === entryId);
    if (!original) throw notFound();
    if (original.kind !== 'payment') throw new AppError(409, 'entry_not_reversible');
    if (entries.some((e) => e.reversesId === entryId)) throw new AppError(409, 'entry_already_reversed');
    return addEntry(
      tx,
      user,
      { invoiceId: id, kind: 'payment_reversal', amount: original.amount, reference: original.reference, reason: input.reason, reversesId: entryId },
      'reverse',
      original,
    );
  });
}

/** Receivables per hospital (R-FE-1): open amount by ageing bucket. */
export async function receivablesByCustomer(ex: Executor, user: Principal, today: string) {
  const rows = await ex
    .select({ customerId: invoices.customerId, customerName: customers.name, dueDate: invoices.dueDate, open: openAmount })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(allOf(scope(user), sql`${openAmount} > 0`));
  const by = new Map<string, { customerId: string; customerName: string; buckets: Record<AgeingBucket, bigint>; invoices: number }>();
  for (const r of rows) {
    const b =
      by.get(r.customerId) ??
      ({
        customerId: r.customerId,
        customerName: r.customerName,
        buckets: { not_due: 0n, d0_30: 0n, d31_60: 0n, d61_90: 0n, d90_plus: 0n },
        invoices: 0,
      } as const);
    const entry = { ...b, buckets: { ...b.buckets }, invoices: b.invoices + 1 };
    entry.buckets[ageingBucket(r.dueDate, today)] += cents(r.open);
    by.set(r.customerId, entry);
  }
  return [...by.values()]
    .map((c) => ({ ...c, total: Object.values(c.buckets).reduce((n, v) => n + v, 0n) }))
    .sort((a, b) => (b.total > a.total ? 1 : b.total < a.total ? -1 : a.customerName.localeCompare(b.customerName)));
}

/** Work orders of a hospital that could go on an invoice: final fees of paid jobs not yet invoiced. */
export async function invoiceableWorkOrders(ex: Executor, user: Principal, customerId: string) {
  const rows = await ex
    .select({ id: workOrders.id })
    .from(workOrders)
    .innerJoin(sql`service_requests r`, sql`r.id = ${workOrders.requestId}`)
    .where(
      and(
        eq(workOrders.customerId, customerId),
        sql`r.category = 'paid'`,
        inArray(workOrders.status, ['resolved', 'signed_off', 'reviewed', 'closed']),
        sql`not exists (select 1 from invoice_lines l where l.work_order_id = ${workOrders.id})`,
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(200);
  const out = [];
  for (const r of rows) {
    const wo = await loadFor(ex, user, r.id);
    const fee = await feeWithPayments(ex, wo);
    if (fee.chargeable && cents(fee.balance) > 0n)
      out.push({ id: wo.id, number: wo.number, kind: wo.kind, total: fee.total, balance: fee.balance, currency: fee.currency });
  }
  return out;
}
