// Quote and warranty-exclusion rules (issue 15 §4; R-FE-1, R-WX-1; seed 003). Pure: no I/O.
//
// A quote prices the job the way the work order's fee will be computed (workorders computeFee, the
// exclusion taken into account): labour from the estimated minutes, parts at cost price, travel per
// km or per zone, the call-out fee — each a line, totals equal to computeFee's. Its states:
// draft → sent → accepted | rejected | expired (valid-until passed while sent).
import type { WarrantyExclusionCategory } from '../../db/enums.ts';
import type { Role } from '../../lib/access.ts';
import { type Category, computeFee, EXCLUSION_CHARGES, exclusionOf, type Fee, formatCents, type RegionClass, toUnits } from '../workorders/index.ts';
import { quotesPolicy } from './quotes.policy.ts';
import type { QUOTE_ACCEPT_VIA, QUOTE_STATUSES, QuoteLineItem } from './quotes.tables.ts';

export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export type AcceptVia = (typeof QUOTE_ACCEPT_VIA)[number];
export type QuoteStep = 'send' | 'accept' | 'reject';

/** Force majeure (不可抗力) as opposed to human causes (人为): the category group shown and printed. */
export const FORCE_MAJEURE: ReadonlySet<WarrantyExclusionCategory> = new Set(['natural_disaster', 'earthquake', 'lightning', 'pests']);

export const QUOTE_STEPS: Record<QuoteStep, readonly QuoteStatus[]> = {
  send: ['draft'],
  accept: ['sent'],
  reject: ['sent'],
};

export const quoteStepAllowed = (status: QuoteStatus, step: QuoteStep) => QUOTE_STEPS[step].includes(status);

/** Past its validity (dates YYYY-MM-DD compared as text): valid through `validUntil` itself. */
export const quoteLapsed = (validUntil: string, today: string) => validUntil < today;

export interface QuotePriceList {
  versionNo: number;
  currency: string;
  labourPerHour: string;
  callOutFee: string;
  travelMode: 'per_km' | 'per_zone';
  travelPerKm: string;
  travelUrban: string;
  travelSuburban: string;
  travelRemote: string;
}

export interface QuoteInput {
  category: Category;
  exclusion: WarrantyExclusionCategory | null;
  labourMinutes: number;
  travelKm: string | null;
  regionClass: RegionClass;
  parts: readonly { partId: string; name: string; unit: string; quantity: string; unitCost: string }[];
}

/**
 * Why no quote can be made for this job, or null: only paid service and a warranty/contract job
 * with a confirmed exclusion are charged (R-FE-1, R-WX-1).
 */
export function quoteChargeRefusal(category: Category, exclusion: WarrantyExclusionCategory | null): 'quote_not_chargeable' | null {
  if (category === 'paid') return null;
  return exclusionOf({ category, exclusion }) ? null : 'quote_not_chargeable';
}

const divRound = (num: bigint, den: bigint) => (num * 2n + den) / (2n * den);

/** The quote's lines and totals; the totals are computeFee's for the same input (what the job will be billed). */
export function priceQuote(list: QuotePriceList, input: QuoteInput): { lines: QuoteLineItem[]; fee: Fee } {
  const fee = computeFee(list, {
    category: input.category,
    exclusion: input.exclusion,
    labourMinutes: input.labourMinutes,
    travelKm: input.travelKm,
    regionClass: input.regionClass,
    parts: input.parts.map((p) => ({ quantity: p.quantity, unitPrice: p.unitCost })),
  });
  const excluded = exclusionOf(input);
  const charges = excluded ? EXCLUSION_CHARGES[excluded] : { labour: true, travel: true, callOut: true };
  const lines: QuoteLineItem[] = [];
  if (charges.labour && input.labourMinutes > 0) {
    lines.push({
      kind: 'labour',
      description: '人工费',
      quantity: (input.labourMinutes / 60).toFixed(2),
      unit: '小时',
      unitPrice: list.labourPerHour,
      amount: fee.labour,
    });
  }
  for (const p of input.parts) {
    const amount = divRound(toUnits(p.quantity, 3) * toUnits(p.unitCost, 2), 1000n);
    lines.push({ kind: 'part', description: p.name, quantity: p.quantity, unit: p.unit, unitPrice: p.unitCost, amount: formatCents(amount), partId: p.partId });
  }
  if (charges.travel && toUnits(fee.travel, 2) > 0n) {
    const perKm = list.travelMode === 'per_km';
    lines.push({
      kind: 'travel',
      description: '差旅费',
      quantity: perKm ? (input.travelKm ?? '0') : '1',
      unit: perKm ? '公里' : '次',
      unitPrice: perKm ? list.travelPerKm : fee.travel,
      amount: fee.travel,
    });
  }
  if (charges.callOut && toUnits(fee.callOut, 2) > 0n) {
    lines.push({ kind: 'call_out', description: '上门服务费', quantity: '1', unit: '次', unitPrice: fee.callOut, amount: fee.callOut });
  }
  return { lines, fee };
}

/** What the reader may do with the quote now: the detail's abilities, the same checks the server makes. */
export function quoteAbilitiesOf(roles: readonly Role[], status: QuoteStatus, hospitalUser: boolean) {
  const may = (a: keyof typeof quotesPolicy) => roles.some((r) => quotesPolicy[a].includes(r));
  return {
    send: may('manage') && quoteStepAllowed(status, 'send'),
    accept: (hospitalUser ? may('respond') : may('recordAcceptance')) && quoteStepAllowed(status, 'accept'),
    reject: (hospitalUser ? may('respond') : may('recordAcceptance')) && quoteStepAllowed(status, 'reject'),
  };
}

/**
 * How an acceptance may be recorded by this reader (null: allowed): a hospital user clicks in the
 * portal (with their name); staff record the customer's drawn signature on site, or record it with
 * a reason (e.g. accepted by phone).
 */
export function acceptanceRefusal(
  hospitalUser: boolean,
  input: { via: AcceptVia; signaturePng?: string | null; reason?: string | null },
): 'quote_accept_via_invalid' | 'quote_signature_required' | 'quote_reason_required' | null {
  if (hospitalUser !== (input.via === 'portal')) return 'quote_accept_via_invalid';
  if (input.via === 'signature' && !input.signaturePng) return 'quote_signature_required';
  if (input.via === 'staff' && !input.reason?.trim()) return 'quote_reason_required';
  return null;
}
