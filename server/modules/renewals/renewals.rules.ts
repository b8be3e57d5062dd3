// Renewal rules (R-CT-1; seed 002 part 1 §4 and §15). Pure: no I/O, dates as 'YYYY-MM-DD'.
// Which notice is due for an expiring contract, which stage moves are legal, the dates of the
// renewed contract (no gap), and the renewal rate (won / decided) by month and by salesperson.

import { addDays } from '../../lib/calendar.ts';

export { addDays };

export type Stage = 'notice_sent' | 'visited' | 'quoted' | 'won' | 'lost';
export type NoticeKind = 'customer_expiry' | 'sales_warranty_expiry';
export type ContractKind = 'warranty' | 'maintenance' | 'paid';

export const DEFAULT_CUSTOMER_NOTICE_DAYS = 30;
export const DEFAULT_SALES_NOTICE_DAYS = 90;

/** Last day of a period of `months` starting on `start` (12 months from 2027-03-15 → 2028-03-14). */
export function endAfterMonths(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const target = m - 1 + months;
  const last = new Date(Date.UTC(y, target + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(y, target, Math.min(d, last)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * R-CT-1: a maintenance contract tells the customer (保养到期通知书, default 30 days ahead); a
 * warranty (free maintenance) is reported to sales (default 90 days ahead). A paid-service
 * agreement gets no notice.
 */
export function noticeKindOf(kind: ContractKind): NoticeKind | null {
  return kind === 'maintenance' ? 'customer_expiry' : kind === 'warranty' ? 'sales_warranty_expiry' : null;
}

/** Is the notice due today: the end lies within the notice window and has not passed. */
export function noticeDue(endDate: string, today: string, daysBefore: number): boolean {
  return today <= endDate && endDate <= addDays(today, daysBefore);
}

/** Legal moves; won and lost are final. Quoting again while quoted updates the quote. */
const NEXT: Record<Stage, readonly Stage[]> = {
  notice_sent: ['visited', 'quoted', 'lost'],
  visited: ['quoted', 'lost'],
  quoted: ['quoted', 'won', 'lost'],
  won: [],
  lost: [],
};

export type MoveRefusal = 'renewal_closed' | 'renewal_stage_illegal' | 'renewal_lost_reason_required' | 'renewal_quote_required';

/** Why a move is refused (closed and illegal: 409; a missing reason or quote: 422), or null when allowed. */
export function refuseMove(
  from: Stage,
  to: Stage,
  input: { quoteAmount?: string | null; lostReason?: string | null; currentQuote: string | null },
): MoveRefusal | null {
  if (from === 'won' || from === 'lost') return 'renewal_closed';
  if (!NEXT[from].includes(to)) return 'renewal_stage_illegal';
  if (to === 'lost' && !input.lostReason?.trim()) return 'renewal_lost_reason_required';
  if (to === 'quoted' && !input.quoteAmount) return 'renewal_quote_required';
  if (to === 'won' && !(input.quoteAmount ?? input.currentQuote)) return 'renewal_quote_required';
  return null;
}

/** Months a period runs when it is whole months (2026-03-15..2027-03-14 → 12), else null. */
export function wholeMonths(start: string, end: string): number | null {
  for (let m = 1; m <= 120; m++) {
    const e = endAfterMonths(start, m);
    if (e === end) return m;
    if (e > end) return null;
  }
  return null;
}

/**
 * The renewed contract's period: it starts the day after the old one ends (no gap) and, unless
 * an end is given, runs as long as the old one did (whole months), else twelve months.
 */
export function renewedPeriod(old: { startDate: string; endDate: string }, endDate?: string | null): { startDate: string; endDate: string } {
  const startDate = addDays(old.endDate, 1);
  const months = wholeMonths(old.startDate, old.endDate) ?? 12;
  return { startDate, endDate: endDate ?? endAfterMonths(startDate, months) };
}

export interface RateRow {
  /** Expiry month, 'YYYY-MM'. */
  month: string;
  ownerId: string | null;
  stage: Stage;
}
export interface RateLine {
  key: string | null;
  total: number;
  won: number;
  lost: number;
  open: number;
  /** won / (won + lost), null while nothing is decided. */
  rate: number | null;
}

function line(key: string | null, rows: RateRow[]): RateLine {
  const won = rows.filter((r) => r.stage === 'won').length;
  const lost = rows.filter((r) => r.stage === 'lost').length;
  return { key, total: rows.length, won, lost, open: rows.length - won - lost, rate: won + lost === 0 ? null : Math.round((won / (won + lost)) * 1000) / 1000 };
}

/** Renewal rate = won / decided, by month of expiry and by salesperson (owner). */
export function renewalRate(rows: RateRow[]): { byMonth: RateLine[]; byOwner: RateLine[]; overall: RateLine } {
  const group = (keyOf: (r: RateRow) => string | null) => {
    const m = new Map<string | null, RateRow[]>();
    for (const r of rows) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
    return [...m.entries()].map(([k, rs]) => line(k, rs));
  };
  return {
    byMonth: group((r) => r.month).sort((a, b) => String(a.key).localeCompare(String(b.key))),
    byOwner: group((r) => r.ownerId).sort((a, b) => b.total - a.total || String(a.key).localeCompare(String(b.key))),
    overall: line(null, rows),
  };
}

// ---- a quote from the price list (issue 13 §3) ------------------------------------------------

export interface QuoteDevice {
  deviceId: string;
  serialNumber: string;
  modelName: string;
  modelId: string;
  category: string;
}
export interface PriceLine {
  id: string;
  modelId: string | null;
  category: string | null;
  annualPrice: string;
  effectiveFrom: string;
}
export interface ComputedQuoteLine {
  deviceId: string;
  serialNumber: string;
  modelName: string;
  priceLineId: string | null;
  basis: 'model' | 'category' | 'none';
  annualPrice: string | null;
  years: number;
  amount: string;
}

const cents = (s: string) => Math.round(Number(s) * 100);
const money = (c: number) => (c / 100).toFixed(2);

/**
 * The line in force on `day` for a device: the model's own line (latest effective on or before the
 * day) before its category's; none → the device is priced 0 and flagged (basis 'none').
 */
export function priceLineFor(d: Pick<QuoteDevice, 'modelId' | 'category'>, lines: readonly PriceLine[], day: string): PriceLine | null {
  const inForce = lines.filter((l) => l.effectiveFrom <= day).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  return inForce.find((l) => l.modelId === d.modelId) ?? inForce.find((l) => l.modelId === null && l.category === d.category) ?? null;
}

/** Issue 13 §3: the quote = Σ over the contract's devices of the annual price × years (in cents, no float drift). */
export function computeQuote(devices: readonly QuoteDevice[], lines: readonly PriceLine[], years: number, day: string) {
  const out: ComputedQuoteLine[] = devices.map((d) => {
    const l = priceLineFor(d, lines, day);
    return {
      deviceId: d.deviceId,
      serialNumber: d.serialNumber,
      modelName: d.modelName,
      priceLineId: l?.id ?? null,
      basis: l ? (l.modelId ? 'model' : 'category') : 'none',
      annualPrice: l?.annualPrice ?? null,
      years,
      amount: money(l ? cents(l.annualPrice) * years : 0),
    };
  });
  return { lines: out, total: money(out.reduce((s, l) => s + cents(l.amount), 0)), unpriced: out.filter((l) => l.basis === 'none').length };
}
