// Quality tracking rules (质量跟踪, issue 14 §5, R-REG-6; seed 003 §4.7 对第三类植入医疗器械、首营医疗器械、
// 质量不稳定的医疗器械，售后应进行质量跟踪). Pure: no I/O.
//
// Which models are tracked, the tracking-visit periods and line states, and the quality-trend
// figures: faults per 100 units per month, MTBF, and the rate-jump alert.

export const TRACKING_REASONS = ['class_iii', 'implantable', 'new_launch', 'unstable'] as const;
export type TrackingReason = (typeof TRACKING_REASONS)[number];
export const TRACKING_LINE_STATES = ['planned', 'due', 'done', 'missed'] as const;
export type TrackingLineState = (typeof TRACKING_LINE_STATES)[number];

/**
 * The defaults (the quality_settings row starts with these, migration 0072; quality/executive change
 * them on the 质量跟踪 page — the service and its jobs read the row, see QualityNumbers). A newly launched model (首营/新上市) is tracked for
 * two years from its launch unless quality sets another end; tracked units are visited every three
 * months (seed 003 §6 保修期内按每3个月定期上门回访; a model's flags may set 1–12); a repair request on
 * the same unit within 30 days of the previous one is a repeat repair; a month's rate "jumps" when
 * it is above twice the mean of the six months before it with at least three faults.
 */
export const QUALITY_DEFAULTS = {
  newLaunchYears: 2,
  visitEveryMonths: 3,
  visitEveryMin: 1,
  visitEveryMax: 12,
  repeatWindowDays: 30,
  trendMonths: 12,
  jumpFactor: 2,
  jumpTrailingMonths: 6,
  jumpMinFaults: 3,
} as const;

/** The numbers quality may set (R-REG-6): the settings row without its bookkeeping. */
export interface QualityNumbers {
  newLaunchYears: number;
  visitEveryMonths: number;
  repeatWindowDays: number;
  trendMonths: number;
  jumpFactor: number;
  jumpTrailingMonths: number;
  jumpMinFaults: number;
}

/** The ranges of the settings (the 422 per field; the same bounds are CHECKs in migration 0072). */
export const QUALITY_SETTING_RANGES = {
  newLaunchYears: [1, 10],
  visitEveryMonths: [QUALITY_DEFAULTS.visitEveryMin, QUALITY_DEFAULTS.visitEveryMax],
  repeatWindowDays: [1, 365],
  trendMonths: [3, 36],
  jumpFactor: [1.1, 10],
  jumpTrailingMonths: [1, 24],
  jumpMinFaults: [1, 1000],
} as const satisfies Record<keyof QualityNumbers, readonly [number, number]>;

/**
 * Problems across fields (each range alone is the DTO's): the jump's trailing months must fit in
 * the trend before the current month, so the trend holds them.
 */
export function qualitySettingsProblems(n: QualityNumbers): { field: keyof QualityNumbers; code: 'invalid' }[] {
  return n.jumpTrailingMonths >= n.trendMonths ? [{ field: 'jumpTrailingMonths', code: 'invalid' }] : [];
}

/** The rate-jump rule of the settings. */
export const jumpRuleOf = (n: QualityNumbers): JumpRule => ({ factor: n.jumpFactor, trailingMonths: n.jumpTrailingMonths, minFaults: n.jumpMinFaults });

export interface ModelClassification {
  regulatoryClass: 'I' | 'II' | 'III';
  implantable: boolean;
}

export interface QualityFlags {
  /** 新上市: tracked from the launch date through `newUntil` (inclusive); both null when not flagged. */
  launchDate: string | null;
  newUntil: string | null;
  /** 质量不稳定: flagged until cleared. */
  unstable: boolean;
}

/** Why a model is tracked on `today` (YYYY-MM-DD), in a fixed order; empty when it is not (R-REG-6). */
export function trackingReasons(model: ModelClassification, flags: QualityFlags | null, today: string): TrackingReason[] {
  const out: TrackingReason[] = [];
  if (model.regulatoryClass === 'III') out.push('class_iii');
  if (model.implantable) out.push('implantable');
  if (flags?.newUntil && flags.launchDate && flags.launchDate <= today && today <= flags.newUntil) out.push('new_launch');
  if (flags?.unstable) out.push('unstable');
  return out;
}

/** The default end of a newly launched model's tracking: launch + n years, 2 by default (29 Feb → 28 Feb). */
export function defaultNewUntil(launchDate: string, years: number = QUALITY_DEFAULTS.newLaunchYears): string {
  const [y, m, d] = launchDate.split('-').map(Number);
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Problems of a newly-launched flag, each naming its field (the 422's fields). */
export function newLaunchProblems(launchDate: string, until: string): { field: string; code: 'invalid' }[] {
  return until < launchDate ? [{ field: 'trackUntil', code: 'invalid' }] : [];
}

// ---- tracking-visit periods and lines ----------------------------------------------------------

const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
};
const monthAt = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** YYYY-MM plus n months. */
export const addMonths = (month: string, n: number) => monthAt(monthIndex(month) + n);

/**
 * The visit period a month falls in for a cadence of `every` months: periods are aligned to the
 * calendar year (every 3 → quarters, every 6 → half years; an `every` that does not divide 12 is
 * aligned to year 0), the visit is due by the period's last month, and any visit recorded in the
 * period's months counts.
 */
export function periodOf(month: string, every: number): { start: string; due: string } {
  const i = monthIndex(month);
  const start = i - (i % every);
  return { start: monthAt(start), due: monthAt(start + every - 1) };
}

/**
 * A tracking-visit line's state (R-REG-6): done when a visit was recorded in its period; else
 * missed once its due month is over, due while the period runs, planned before it starts.
 */
export function trackingLineState(line: { start: string; due: string }, visited: boolean, currentMonth: string): TrackingLineState {
  if (visited) return 'done';
  if (currentMonth > line.due) return 'missed';
  if (currentMonth >= line.start) return 'due';
  return 'planned';
}

// ---- trend -------------------------------------------------------------------------------------

/** The `n` months ending with `current`, oldest first. */
export function lastMonths(current: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addMonths(current, i - n + 1));
}

/** Faults per 100 units in service in the month, one decimal; null when no unit was in service. */
export function faultRate(faults: number, units: number): number | null {
  if (units <= 0) return null;
  return Math.round((faults / units) * 1000) / 10;
}

/**
 * MTBF in days: the model's operating time (each unit from its acceptance — or install — date to
 * now, summed) over its failures (repair requests since that date). Null without a failure (no
 * failure seen: the operating time is a lower bound, shown as such) or without operating time.
 */
export function mtbfDays(operatingDays: number, failures: number): number | null {
  if (failures <= 0 || operatingDays <= 0) return null;
  return Math.round(operatingDays / failures);
}

/** Whether a request received `days` after the unit's previous one is a repeat repair. */
export function isRepeat(daysSincePrevious: number | null, windowDays: number = QUALITY_DEFAULTS.repeatWindowDays): boolean {
  return daysSincePrevious !== null && daysSincePrevious >= 0 && daysSincePrevious <= windowDays;
}

export interface MonthPoint {
  month: string;
  faults: number;
  units: number;
}

export interface JumpRule {
  factor: number;
  trailingMonths: number;
  minFaults: number;
}

/**
 * The rate-jump alert (R-REG-6 "an alert when a model's rate jumps"): the last point's rate is
 * above `factor` × the mean rate of the `trailingMonths` before it (months without units left
 * out; no history → mean 0), with at least `minFaults` faults in the month.
 */
export function rateJump(
  series: MonthPoint[],
  rule: JumpRule = { factor: QUALITY_DEFAULTS.jumpFactor, trailingMonths: QUALITY_DEFAULTS.jumpTrailingMonths, minFaults: QUALITY_DEFAULTS.jumpMinFaults },
): { jump: boolean; rate: number | null; baseline: number } {
  const last = series[series.length - 1];
  if (!last) return { jump: false, rate: null, baseline: 0 };
  const rate = faultRate(last.faults, last.units);
  const trailing = series
    .slice(Math.max(0, series.length - 1 - rule.trailingMonths), series.length - 1)
    .map((p) => faultRate(p.faults, p.units))
    .filter((r): r is number => r !== null);
  const baseline = trailing.length ? Math.round((trailing.reduce((a, b) => a + b, 0) / trailing.length) * 10) / 10 : 0;
  const jump = rate !== null && last.faults >= rule.minFaults && rate > rule.factor * baseline;
  return { jump, rate, baseline };
}

/** Days between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
