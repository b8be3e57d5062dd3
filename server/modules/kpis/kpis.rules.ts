// KPI definitions (R-RP-1, issue 15 §3): pure formulas over summed counters. The counters are
// filled per source record into kpi_facts and per day into kpi_daily (kpis.rollup.ts); every KPI
// here is a ratio or a sum of those counters, so a dashboard cell, its Excel row and its
// drill-down (the facts whose counter is > 0) always agree. Each KPI carries its written
// definition in zh-CN and en-US, shown in the UI next to the number.

/** Counters kept per fact and per day (column names in snake_case in SQL). */
export const KPI_COUNTERS = [
  'orders',
  'repairs',
  'ftf',
  'restoreN',
  'restoreMinutes',
  'respondMet',
  'respondTotal',
  'arriveMet',
  'arriveTotal',
  'restoreMet',
  'restoreTotal',
  'repeat30',
  'repeat90',
  'surveyN',
  'surveyScore',
  'complaints',
  'followupsDue',
  'followupsOnTime',
  'visitsPlanned',
  'visitsDone',
  'missedCalls',
  'callbacks',
  'callbackMinutes',
  'renewalsWon',
  'renewalsLost',
  'partsQty',
  'partsCost',
] as const;
export type KpiCounter = (typeof KPI_COUNTERS)[number];
export type Counters = Record<KpiCounter, number>;

export const snake = (c: string) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/**
 * The monthly rollup's sets of dimensions (kpi_monthly.grp): the month's total, each dimension and
 * each pair. A view reads the set made of its filtered dimensions plus the one it groups by; the
 * dimensions a set leaves out hold NO_KEY. (All three is kpi_daily itself.)
 */
export const KPI_MONTHLY_GROUPS = {
  all: [],
  engineer: ['engineer'],
  customer: ['customer'],
  model: ['model'],
  engineer_customer: ['engineer', 'customer'],
  engineer_model: ['engineer', 'model'],
  customer_model: ['customer', 'model'],
} as const;
export type KpiMonthlyGroup = keyof typeof KPI_MONTHLY_GROUPS;
export type KpiRollupDimension = 'engineer' | 'customer' | 'model';

export const emptyCounters = (): Counters => Object.fromEntries(KPI_COUNTERS.map((c) => [c, 0])) as Counters;

/** Sums counters (a day's rows, a month's days). */
export function sumCounters(rows: readonly Partial<Counters>[]): Counters {
  const total = emptyCounters();
  for (const r of rows) for (const c of KPI_COUNTERS) total[c] += Number(r[c] ?? 0);
  return total;
}

const pct = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1000) / 10 : null);
const avg = (sum: number, n: number, digits = 1) => (n > 0 ? Math.round((sum / n) * 10 ** digits) / 10 ** digits : null);

export const KPI_KEYS = [
  'respondAttainment',
  'arriveAttainment',
  'restoreAttainment',
  'firstTimeFixRate',
  'mttrHours',
  'repeat30Rate',
  'repeat90Rate',
  'satisfaction',
  'complaintsPer100',
  'followupsOnTimeRate',
  'maintenanceDoneRate',
  'partsQty',
  'partsCost',
  'missedCalls',
  'callbackRate',
  'callbackMinutes',
  'renewalsWon',
  'renewalsLost',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];
export type KpiValues = Record<KpiKey, number | null>;

/** Every KPI from summed counters (R-RP-1). null where the denominator is 0. */
export function kpiValues(c: Counters): KpiValues {
  return {
    respondAttainment: pct(c.respondMet, c.respondTotal),
    arriveAttainment: pct(c.arriveMet, c.arriveTotal),
    restoreAttainment: pct(c.restoreMet, c.restoreTotal),
    firstTimeFixRate: pct(c.ftf, c.repairs),
    mttrHours: avg(c.restoreMinutes / 60, c.restoreN),
    repeat30Rate: pct(c.repeat30, c.repairs),
    repeat90Rate: pct(c.repeat90, c.repairs),
    satisfaction: avg(c.surveyScore, c.surveyN, 2),
    complaintsPer100: c.orders > 0 ? Math.round((c.complaints / c.orders) * 1000) / 10 : null,
    followupsOnTimeRate: pct(c.followupsOnTime, c.followupsDue),
    maintenanceDoneRate: pct(c.visitsDone, c.visitsPlanned),
    partsQty: Math.round(c.partsQty * 1000) / 1000,
    partsCost: Math.round(c.partsCost * 100) / 100,
    missedCalls: c.missedCalls,
    callbackRate: pct(c.callbacks, c.missedCalls),
    callbackMinutes: avg(c.callbackMinutes, c.callbacks),
    renewalsWon: c.renewalsWon,
    renewalsLost: c.renewalsLost,
  };
}

/**
 * MTBF of a model in days (R-RP-1): the units' time in service during the period divided by
 * the repairs in it — units × days / repairs. null without repairs (no failure seen).
 */
export function mtbfDays(units: number, periodDays: number, repairs: number): number | null {
  if (repairs <= 0 || units <= 0 || periodDays <= 0) return null;
  return Math.round(((units * periodDays) / repairs) * 10) / 10;
}

/** The counter(s) whose facts make up a KPI: the drill-down lists facts with the first > 0. */
export const KPI_DRILL: Record<KpiKey, { counter: KpiCounter; miss?: KpiCounter }> = {
  respondAttainment: { counter: 'respondTotal', miss: 'respondMet' },
  arriveAttainment: { counter: 'arriveTotal', miss: 'arriveMet' },
  restoreAttainment: { counter: 'restoreTotal', miss: 'restoreMet' },
  firstTimeFixRate: { counter: 'repairs', miss: 'ftf' },
  mttrHours: { counter: 'restoreN' },
  repeat30Rate: { counter: 'repeat30' },
  repeat90Rate: { counter: 'repeat90' },
  satisfaction: { counter: 'surveyN' },
  complaintsPer100: { counter: 'complaints' },
  followupsOnTimeRate: { counter: 'followupsDue', miss: 'followupsOnTime' },
  maintenanceDoneRate: { counter: 'visitsPlanned', miss: 'visitsDone' },
  partsQty: { counter: 'partsQty' },
  partsCost: { counter: 'partsCost' },
  missedCalls: { counter: 'missedCalls' },
  callbackRate: { counter: 'missedCalls', miss: 'callbacks' },
  callbackMinutes: { counter: 'callbacks' },
  renewalsWon: { counter: 'renewalsWon' },
  renewalsLost: { counter: 'renewalsLost' },
};

type Text = { 'zh-CN': string; 'en-US': string };
export interface KpiDefinition {
  key: KpiKey;
  unit: '%' | 'h' | 'min' | 'score' | 'count' | 'CNY' | 'per100';
  /** Whether a higher number is better (the chart colours). */
  higherIsBetter: boolean;
  name: Text;
  definition: Text;
}

const def = (key: KpiKey, unit: KpiDefinition['unit'], higherIsBetter: boolean, name: Text, definition: Text): KpiDefinition => ({
  key,
  unit,
  higherIsBetter,
  name,
  definition,
});

/** The written definition of each KPI (issue 15 §3: "each KPI has a written definition shown in the UI"). */
export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  def(
    'respondAttainment',
    '%',
    true,
    { 'zh-CN': '响应达标率', 'en-US': 'Response attainment' },
    {
      'zh-CN': '期间内修复的工单中，响应时限（SLA）按时完成的比例 = 响应按时数 ÷ 有响应时限的工单数 × 100%。',
      'en-US': 'Of the work orders resolved in the period, the share whose response clock (SLA) was met = met ÷ orders with a response clock × 100%.',
    },
  ),
  def(
    'arriveAttainment',
    '%',
    true,
    { 'zh-CN': '到场达标率', 'en-US': 'Arrival attainment' },
    {
      'zh-CN': '期间内修复的工单中，到场时限按时完成的比例 = 到场按时数 ÷ 有到场时限的工单数 × 100%。',
      'en-US': 'Of the work orders resolved in the period, the share whose arrival clock was met = met ÷ orders with an arrival clock × 100%.',
    },
  ),
  def(
    'restoreAttainment',
    '%',
    true,
    { 'zh-CN': '修复达标率', 'en-US': 'Restore attainment' },
    {
      'zh-CN': '期间内修复的工单中，修复时限按时完成的比例 = 修复按时数 ÷ 有修复时限的工单数 × 100%。',
      'en-US': 'Of the work orders resolved in the period, the share whose restore clock was met = met ÷ orders with a restore clock × 100%.',
    },
  ),
  def(
    'firstTimeFixRate',
    '%',
    true,
    { 'zh-CN': '一次修复率', 'en-US': 'First-time-fix rate' },
    {
      'zh-CN': '期间内修复的维修工单中，一次到场即修复（未待件、未带回、只到场一次）的比例。',
      'en-US': 'Of the repair orders resolved in the period, the share fixed on the first visit (no waiting for parts, not taken back, one arrival only).',
    },
  ),
  def(
    'mttrHours',
    'h',
    false,
    { 'zh-CN': '平均修复时间（MTTR）', 'en-US': 'Mean time to repair (MTTR)' },
    {
      'zh-CN': '维修工单从报修受理到修复的平均小时数（期间内修复的工单）。',
      'en-US': 'Average hours from the request being received to the repair being resolved, over the repair orders resolved in the period.',
    },
  ),
  def(
    'repeat30Rate',
    '%',
    false,
    { 'zh-CN': '30天返修率', 'en-US': 'Repeat repairs within 30 days' },
    {
      'zh-CN': '期间内修复的维修工单中，同一设备在修复后30天内又报修的比例（计入原工单及其工程师）。',
      'en-US':
        'Of the repair orders resolved in the period, the share whose device was reported faulty again within 30 days of the fix (counted on the original order and its engineer).',
    },
  ),
  def(
    'repeat90Rate',
    '%',
    false,
    { 'zh-CN': '90天返修率', 'en-US': 'Repeat repairs within 90 days' },
    {
      'zh-CN': '期间内修复的维修工单中，同一设备在修复后90天内又报修的比例。',
      'en-US': 'Of the repair orders resolved in the period, the share whose device was reported faulty again within 90 days of the fix.',
    },
  ),
  def(
    'satisfaction',
    'score',
    true,
    { 'zh-CN': '客户满意度', 'en-US': 'Satisfaction' },
    {
      'zh-CN': '期间内回收的满意度调查平均分（服务态度、技术水平、及时性、承诺兑现四项的平均，4=非常满意、1=不满意）。',
      'en-US':
        'Average score of the surveys answered in the period (mean of attitude, skill, timeliness and promise kept; 4 = very satisfied, 1 = dissatisfied).',
    },
  ),
  def(
    'complaintsPer100',
    'per100',
    false,
    { 'zh-CN': '百单投诉数', 'en-US': 'Complaints per 100 work orders' },
    {
      'zh-CN': '期间内受理的投诉数 ÷ 期间内修复的工单数 × 100。',
      'en-US': 'Complaints received in the period ÷ work orders resolved in the period × 100.',
    },
  ),
  def(
    'followupsOnTimeRate',
    '%',
    true,
    { 'zh-CN': '回访及时率', 'en-US': 'Follow-ups on time' },
    {
      'zh-CN': '期间内到期的回访中，在到期时间前完成的比例。',
      'en-US': 'Of the follow-ups due in the period, the share done by their due time.',
    },
  ),
  def(
    'maintenanceDoneRate',
    '%',
    true,
    { 'zh-CN': '保养计划完成率', 'en-US': 'Maintenance plan vs done' },
    {
      'zh-CN': '计划日期在期间内的保养（未取消）中，已完成的比例。',
      'en-US': 'Of the maintenance visits planned in the period (not cancelled), the share done.',
    },
  ),
  def(
    'partsQty',
    'count',
    false,
    { 'zh-CN': '配件用量', 'en-US': 'Parts used' },
    {
      'zh-CN': '期间内修复的工单所用配件的数量合计。',
      'en-US': 'Total quantity of parts used on the work orders resolved in the period.',
    },
  ),
  def(
    'partsCost',
    'CNY',
    false,
    { 'zh-CN': '配件费用（元）', 'en-US': 'Parts cost (CNY)' },
    {
      'zh-CN': '期间内修复的工单所用配件的数量 × 单价合计（无单价按0计）。',
      'en-US': 'Sum of quantity × unit price of the parts used on the work orders resolved in the period (no price counts 0).',
    },
  ),
  def(
    'missedCalls',
    'count',
    false,
    { 'zh-CN': '未接来电', 'en-US': 'Missed calls' },
    {
      'zh-CN': '期间内未接听的来电数。',
      'en-US': 'Calls missed in the period.',
    },
  ),
  def(
    'callbackRate',
    '%',
    true,
    { 'zh-CN': '回拨率', 'en-US': 'Call-back rate' },
    {
      'zh-CN': '期间内未接来电中已回拨的比例。',
      'en-US': 'Of the calls missed in the period, the share called back.',
    },
  ),
  def(
    'callbackMinutes',
    'min',
    false,
    { 'zh-CN': '平均回拨时间（分钟）', 'en-US': 'Average call-back time (min)' },
    {
      'zh-CN': '已回拨的未接来电，从来电到回拨的平均分钟数。',
      'en-US': 'Average minutes from a missed call to its call-back, over those called back.',
    },
  ),
  def(
    'renewalsWon',
    'count',
    true,
    { 'zh-CN': '续保成功', 'en-US': 'Renewals won' },
    {
      'zh-CN': '期间内决定为续签成功的续保数。',
      'en-US': 'Renewals decided as won in the period.',
    },
  ),
  def(
    'renewalsLost',
    'count',
    false,
    { 'zh-CN': '续保流失', 'en-US': 'Renewals lost' },
    {
      'zh-CN': '期间内决定为流失的续保数。',
      'en-US': 'Renewals decided as lost in the period.',
    },
  ),
];

/** The dimensions a KPI table groups by. */
export const KPI_DIMENSIONS = ['engineer', 'customer', 'model', 'month', 'day'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** Days between two YYYY-MM-DD dates, both included; null when to < from. */
export function periodDays(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return Math.round((b - a) / 86_400_000) + 1;
}

export interface DayRange {
  from: string;
  to: string;
}

/**
 * Splits [from, to] into its whole calendar months (first days of the first and last whole month,
 * or null) and the edge days before and after them (issue 15 §3: a long view reads whole months
 * from kpi_monthly and only the edges from kpi_daily). Dates are YYYY-MM-DD, `from` ≤ `to`.
 */
export function splitByMonths(from: string, to: string): { months: DayRange | null; edges: DayRange[] } {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  // The first month that starts on or after `from`; the last month that ends on or before `to`.
  const first = start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const afterEnd = new Date(end.getTime() + 86_400_000);
  const lastEnd = afterEnd.getUTCDate() === 1 ? afterEnd : new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1)); // exclusive
  if (first >= lastEnd) return { months: null, edges: [{ from, to }] };
  const lastStart = new Date(Date.UTC(lastEnd.getUTCFullYear(), lastEnd.getUTCMonth() - 1, 1));
  const edges: DayRange[] = [];
  if (start < first) edges.push({ from, to: day(new Date(first.getTime() - 86_400_000)) });
  if (lastEnd < afterEnd) edges.push({ from: day(lastEnd), to });
  return { months: { from: day(first), to: day(lastStart) }, edges };
}

/**
 * The kpi_monthly set a grouping reads (issue 15 §3): the dimensions the view is filtered by (a unit
 * filters customers) plus the one it groups by (none for the totals and the trend). Null when that
 * is all three — only kpi_daily has them, so the view reads the days.
 */
export function monthlyGroup(filtered: readonly KpiRollupDimension[], by: KpiRollupDimension | null): KpiMonthlyGroup | null {
  const dims = new Set<KpiRollupDimension>(filtered);
  if (by) dims.add(by);
  for (const [grp, set] of Object.entries(KPI_MONTHLY_GROUPS) as [KpiMonthlyGroup, readonly KpiRollupDimension[]][]) {
    if (set.length === dims.size && set.every((d) => dims.has(d))) return grp;
  }
  return null;
}

/** Longest period a dashboard view may span (the rollup makes a year a few thousand rows). */
export const MAX_PERIOD_DAYS = 731;

/** Why a date range is refused, or null (R-RP-1). */
export function kpiRangeRefusal(from: string, to: string): 'kpi_range_reversed' | 'kpi_range_too_long' | null {
  const days = periodDays(from, to);
  if (days === null) return 'kpi_range_reversed';
  if (days > MAX_PERIOD_DAYS) return 'kpi_range_too_long';
  return null;
}

/** First-time fix (R-RP-1): a repair with no parts wait, not taken back and at most one arrival. */
export function isFirstTimeFix(steps: readonly string[]): boolean {
  if (steps.includes('waiting_parts') || steps.includes('taken_back')) return false;
  return steps.filter((s) => s === 'on_site').length <= 1;
}

/** A survey's score: the mean of the answered items (1..4, seed 002 第十九条), or null if none answered. */
export function surveyScore(items: readonly (number | null | undefined)[]): number | null {
  const xs = items.filter((x): x is number => typeof x === 'number');
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** The month (YYYY-MM) of a day. */
export const monthOf = (day: string) => day.slice(0, 7);
