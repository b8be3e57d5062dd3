// Pure rules of invoices, receivables and budgets (issue 15 §4, R-FE-1, R-FE-2). Money in integer
// cents (bigint); dates as ISO days (YYYY-MM-DD), compared in the company's calendar.
import type { AGEING_BUCKETS, BudgetCategory } from './billing.tables.ts';

export type AgeingBucket = (typeof AGEING_BUCKETS)[number];
export type EntryKind = 'payment' | 'payment_reversal' | 'credit_note';

const DAY = 86_400_000;
const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);

/** Whole days from `from` to `to` (both ISO days); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNo(to) - dayNo(from);
}

/** ISO day `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date((dayNo(iso) + days) * DAY).toISOString().slice(0, 10);
}

/**
 * R-FE-1 ageing of an open invoice by days past its due date: before the due date 'not_due'; due
 * today up to 30 days over '0–30'; 31–60; 61–90; more than 90.
 */
export function ageingBucket(dueDate: string, today: string): AgeingBucket {
  const over = daysBetween(dueDate, today);
  if (over < 0) return 'not_due';
  if (over <= 30) return 'd0_30';
  if (over <= 60) return 'd31_60';
  if (over <= 90) return 'd61_90';
  return 'd90_plus';
}

/** The open amount: total − payments + reversed payments − credit notes (R-FE-1). */
export function openCents(totalCents: bigint, entries: readonly { kind: EntryKind; cents: bigint }[]): bigint {
  return entries.reduce((open, e) => (e.kind === 'payment_reversal' ? open + e.cents : open - e.cents), totalCents);
}

/** A payment or a credit note may not take the open amount below zero. */
export function invoiceEntryRefusal(kind: 'payment' | 'credit_note', cents: bigint, open: bigint): 'invoice_settled' | 'entry_exceeds_open' | null {
  if (open <= 0n) return 'invoice_settled';
  if (cents > open) return 'entry_exceeds_open';
  void kind;
  return null;
}

/** An invoice holds fee-bearing work orders of one hospital, each once. */
export function invoiceLinesRefusal(
  lines: readonly { customerId: string; chargeable: boolean; final: boolean; totalCents: bigint; invoiced: boolean }[],
): 'invoice_mixed_customers' | 'invoice_not_chargeable' | 'invoice_fee_not_final' | 'invoice_already_invoiced' | null {
  if (new Set(lines.map((l) => l.customerId)).size > 1) return 'invoice_mixed_customers';
  if (lines.some((l) => !l.chargeable || l.totalCents <= 0n)) return 'invoice_not_chargeable';
  if (lines.some((l) => !l.final)) return 'invoice_fee_not_final';
  if (lines.some((l) => l.invoiced)) return 'invoice_already_invoiced';
  return null;
}

/** Which budget category a work order's labour is booked to (seed 004 §9 费用类别). */
export function costCategoryOfKind(kind: string): BudgetCategory {
  switch (kind) {
    case 'installation':
      return 'installation';
    case 'training':
      return 'training';
    case 'consultation':
    case 'upgrade':
      return 'support';
    default:
      return 'maintenance';
  }
}

/** Labour at cost: minutes × rate per hour / 60, rounded half up to the cent. */
export function labourCostCents(minutes: number, ratePerHourCents: bigint): bigint {
  return (BigInt(minutes) * ratePerHourCents * 2n + 60n) / 120n;
}

/** Travel at cost: km (one decimal, in tenths) × rate per km, rounded half up to the cent. */
export function travelCostCents(kmTenths: bigint, ratePerKmCents: bigint): bigint {
  return (kmTenths * ratePerKmCents * 2n + 10n) / 20n;
}

export interface VarianceRow {
  budgetCents: bigint;
  actualCents: bigint;
}

/** Variance = budget − actual (negative is an overrun); used % of the budget, one decimal; overrun flag. */
export function variance(r: VarianceRow): { varianceCents: bigint; usedPercent: number | null; overrun: boolean } {
  const varianceCents = r.budgetCents - r.actualCents;
  const usedPercent = r.budgetCents > 0n ? Number((r.actualCents * 1000n + r.budgetCents / 2n) / r.budgetCents) / 10 : null;
  return { varianceCents, usedPercent, overrun: r.actualCents > r.budgetCents };
}
