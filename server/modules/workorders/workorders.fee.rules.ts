// Fees of paid jobs (R-WO-4, R-FE-1), pure: labour from the recorded time, parts from the
// part lines, travel per km or per zone (region class), plus the call-out fee, priced by a
// price-list version. Money is counted in integer cents (bigint), rounded half up per line.
import type { WarrantyExclusionCategory } from '../../db/enums.ts';
import type { WorkOrderStatus } from './workorders.rules.ts';

export type Category = 'paid' | 'contract' | 'warranty' | 'internal';
export type RegionClass = 'urban' | 'suburban' | 'remote';

export interface PriceList {
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

export interface FeeInput {
  category: Category;
  labourMinutes: number;
  travelKm: string | null;
  regionClass: RegionClass;
  /** `covered`: an accessory under its own warranty (issue 12 item 2) — free on any job. */
  parts: readonly { quantity: string; unitPrice: string | null; covered?: boolean }[];
  /** R-WX-1: a confirmed warranty exclusion of a warranty/contract job (quotes module), or none. */
  exclusion?: WarrantyExclusionCategory | null;
}

/**
 * R-WX-1 (seed 003): what an excluded warranty/contract job is charged, at the lowest cost
 * (最低成本价): parts always at cost price (part lines carry the part's cost, parts.service), no
 * call-out fee; 使用不当 (misuse) only the materials (只收取材料成本费); human damage and force
 * majeure (自然灾害、地震、雷击、虫害) also the labour and travel actually spent (seed 003 成本费、人工费和差旅费).
 * An accessory's own warranty (issue 12) does not cover damage that is excluded.
 */
export const EXCLUSION_CHARGES: Record<WarrantyExclusionCategory, { labour: boolean; travel: boolean; callOut: boolean }> = {
  misuse: { labour: false, travel: false, callOut: false },
  human_damage: { labour: true, travel: true, callOut: false },
  natural_disaster: { labour: true, travel: true, callOut: false },
  earthquake: { labour: true, travel: true, callOut: false },
  lightning: { labour: true, travel: true, callOut: false },
  pests: { labour: true, travel: true, callOut: false },
};

/** The exclusion that applies: only a warranty or contract job can be excluded (paid is billed anyway, internal never). */
export const exclusionOf = (input: Pick<FeeInput, 'category' | 'exclusion'>): WarrantyExclusionCategory | null =>
  input.exclusion && (input.category === 'warranty' || input.category === 'contract') ? input.exclusion : null;

export interface Fee {
  /** Only paid service (有费服务) is billed; the other categories show zeros. */
  chargeable: boolean;
  currency: string;
  priceListVersion: number | null;
  labour: string;
  parts: string;
  travel: string;
  callOut: string;
  total: string;
  travelBasis: 'per_km' | 'per_zone';
  /** Part lines without a price: billed as 0 until priced. */
  unpricedParts: number;
  /** A per-km price list with no distance recorded: travel billed as 0. */
  travelKmMissing: boolean;
}

/** '123.4' → 12340n (units of 10^-scale); refuses anything but a plain non-negative decimal. */
export function toUnits(value: string, scale: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new RangeError(`not a decimal: ${value}`);
  const frac = (m[2] ?? '').padEnd(scale, '0');
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) throw new RangeError(`too many decimals: ${value}`);
  return BigInt(m[1]) * 10n ** BigInt(scale) + BigInt(frac.slice(0, scale) || '0');
}

/** num / den rounded half up, for non-negative values. */
const divRound = (num: bigint, den: bigint) => (num * 2n + den) / (2n * den);

export function formatCents(cents: bigint): string {
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

export function computeFee(list: PriceList | null, input: FeeInput): Fee {
  const excluded = exclusionOf(input);
  const charges = excluded ? EXCLUSION_CHARGES[excluded] : { labour: true, travel: true, callOut: true };
  const chargeable = (input.category === 'paid' || excluded !== null) && list !== null;
  const mode = list?.travelMode ?? 'per_zone';
  const covered = (p: { covered?: boolean }) => Boolean(p.covered) && !excluded;
  const unpricedParts = input.parts.filter((p) => p.unitPrice === null && !covered(p)).length;
  const zero: Fee = {
    chargeable: false,
    currency: list?.currency ?? 'CNY',
    priceListVersion: list?.versionNo ?? null,
    labour: '0.00',
    parts: '0.00',
    travel: '0.00',
    callOut: '0.00',
    total: '0.00',
    travelBasis: mode,
    unpricedParts,
    travelKmMissing: false,
  };
  if (!chargeable || !list) return zero;
  const labour = !charges.labour ? 0n : divRound(BigInt(Math.max(0, Math.round(input.labourMinutes))) * toUnits(list.labourPerHour, 2), 60n);
  let parts = 0n;
  for (const p of input.parts) {
    if (p.unitPrice === null || covered(p)) continue;
    parts += divRound(toUnits(p.quantity, 3) * toUnits(p.unitPrice, 2), 1000n);
  }
  let travel: bigint;
  let travelKmMissing = false;
  if (!charges.travel) {
    travel = 0n;
  } else if (mode === 'per_km') {
    travelKmMissing = input.travelKm === null;
    travel = input.travelKm === null ? 0n : divRound(toUnits(input.travelKm, 1) * toUnits(list.travelPerKm, 2), 10n);
  } else {
    const zone = { urban: list.travelUrban, suburban: list.travelSuburban, remote: list.travelRemote }[input.regionClass];
    travel = toUnits(zone, 2);
  }
  const callOut = charges.callOut ? toUnits(list.callOutFee, 2) : 0n;
  return {
    ...zero,
    chargeable: true,
    labour: formatCents(labour),
    parts: formatCents(parts),
    travel: formatCents(travel),
    callOut: formatCents(callOut),
    total: formatCents(labour + parts + travel + callOut),
    travelKmMissing,
  };
}

// ---- when a fee is settled (R-WO-4, R-FE-1) ----------------------------------------------

const FINAL: ReadonlySet<WorkOrderStatus> = new Set(['resolved', 'signed_off', 'reviewed', 'closed']);

/** The fee is final once the job is resolved; before that it is provisional and nothing is collected. */
export const feeFinal = (status: WorkOrderStatus) => FINAL.has(status);

/** A signed amount in cents ('-12.50' → -1250n): reversals are negative. */
export const signedCents = (amount: string) => (amount.trim().startsWith('-') ? -toUnits(amount.trim().slice(1), 2) : toUnits(amount, 2));

/**
 * Why no payment can be recorded on this work order now, or null: the job is not billed, its fee
 * is not final yet, or nothing is owed. recordPayment refuses by it and the order's `pay` ability
 * offers the form by it.
 */
export function paymentRefusal(status: WorkOrderStatus, chargeable: boolean, balanceCents: bigint): 'not_chargeable' | 'fee_not_final' | 'nothing_owed' | null {
  if (!chargeable) return 'not_chargeable';
  if (!feeFinal(status)) return 'fee_not_final';
  if (balanceCents <= 0n) return 'nothing_owed';
  return null;
}
