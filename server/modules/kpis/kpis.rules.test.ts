// KPI formulas (R-RP-1) on hand-built counters: each expected number is worked out by hand in
// the comment beside it.
import { describe, expect, it } from 'vitest';
import {
  type Counters,
  emptyCounters,
  isFirstTimeFix,
  KPI_DEFINITIONS,
  KPI_DRILL,
  KPI_KEYS,
  kpiRangeRefusal,
  kpiValues,
  monthlyGroup,
  mtbfDays,
  periodDays,
  splitByMonths,
  sumCounters,
  surveyScore,
} from './kpis.rules.ts';

const c = (x: Partial<Counters>): Counters => ({ ...emptyCounters(), ...x });

describe('KPI formulas over summed counters (R-RP-1)', () => {
  // Two days of one engineer, by hand:
  // day 1: 3 orders (2 repairs), respond 2 of 2 met, arrive 1 of 2 met, restore 1 of 1 met,
  //        1 first-time fix, restore 90 + 150 min, parts 2 × 50 + 1 × 120 = 220, 1 survey 3.5
  // day 2: 2 orders (2 repairs), respond 1 of 2 met, arrive 2 of 2, restore 0 of 2,
  //        2 first-time fixes, restore 60 + 180 min, 1 repeat within 30 days (also within 90),
  //        1 more within 90 only, 1 survey 2.5, 1 complaint
  const day1 = c({
    orders: 3,
    repairs: 2,
    ftf: 1,
    restoreN: 2,
    restoreMinutes: 240,
    respondMet: 2,
    respondTotal: 2,
    arriveMet: 1,
    arriveTotal: 2,
    restoreMet: 1,
    restoreTotal: 1,
    surveyN: 1,
    surveyScore: 3.5,
    partsQty: 3,
    partsCost: 220,
  });
  const day2 = c({
    orders: 2,
    repairs: 2,
    ftf: 2,
    restoreN: 2,
    restoreMinutes: 240,
    respondMet: 1,
    respondTotal: 2,
    arriveMet: 2,
    arriveTotal: 2,
    restoreMet: 0,
    restoreTotal: 2,
    repeat30: 1,
    repeat90: 2,
    surveyN: 1,
    surveyScore: 2.5,
    complaints: 1,
  });
  const v = kpiValues(sumCounters([day1, day2]));

  it.each([
    // respond: 3 met of 4 = 75 %
    ['respondAttainment', 75],
    // arrive: 3 of 4 = 75 %
    ['arriveAttainment', 75],
    // restore: 1 of 3 = 33.3 %
    ['restoreAttainment', 33.3],
    // FTF: 3 of 4 repairs = 75 %
    ['firstTimeFixRate', 75],
    // MTTR: 480 min / 4 repairs = 120 min = 2 h
    ['mttrHours', 2],
    // repeats: 1 of 4 = 25 %, 2 of 4 = 50 %
    ['repeat30Rate', 25],
    ['repeat90Rate', 50],
    // satisfaction: (3.5 + 2.5) / 2 = 3
    ['satisfaction', 3],
    // complaints per 100 orders: 1 / 5 × 100 = 20
    ['complaintsPer100', 20],
    // parts: 3 pieces, 220 CNY
    ['partsQty', 3],
    ['partsCost', 220],
  ] as const)('%s = %s', (key, expected) => {
    expect(v[key]).toBe(expected);
  });

  it('follow-ups on time, maintenance done, missed calls and call-backs, renewals', () => {
    // follow-ups: 7 of 8 on time = 87.5 %; visits: 9 of 12 done = 75 %
    // missed calls: 6, called back 4 = 66.7 %, after 10 + 20 + 30 + 40 = 100 min → 25 min average
    // renewals: 3 won, 1 lost
    const x = kpiValues(
      c({
        followupsDue: 8,
        followupsOnTime: 7,
        visitsPlanned: 12,
        visitsDone: 9,
        missedCalls: 6,
        callbacks: 4,
        callbackMinutes: 100,
        renewalsWon: 3,
        renewalsLost: 1,
      }),
    );
    expect(x.followupsOnTimeRate).toBe(87.5);
    expect(x.maintenanceDoneRate).toBe(75);
    expect(x.missedCalls).toBe(6);
    expect(x.callbackRate).toBe(66.7);
    expect(x.callbackMinutes).toBe(25);
    expect(x.renewalsWon).toBe(3);
    expect(x.renewalsLost).toBe(1);
  });

  it('a ratio without a denominator is null, not 0 or NaN', () => {
    const x = kpiValues(emptyCounters());
    expect(x.respondAttainment).toBeNull();
    expect(x.firstTimeFixRate).toBeNull();
    expect(x.mttrHours).toBeNull();
    expect(x.satisfaction).toBeNull();
    expect(x.complaintsPer100).toBeNull();
    expect(x.callbackRate).toBeNull();
    expect(x.missedCalls).toBe(0);
  });
});

describe('MTBF per model (R-RP-1)', () => {
  it.each([
    // 10 units × 30 days / 4 repairs = 75 days
    [10, 30, 4, 75],
    // 3 units × 31 days / 2 repairs = 46.5 days
    [3, 31, 2, 46.5],
    // 7 × 30 / 9 = 23.33… → 23.3
    [7, 30, 9, 23.3],
    // no failure seen: no MTBF
    [10, 30, 0, null],
    [0, 30, 2, null],
  ])('%i units × %i days / %i repairs = %s', (units, days, repairs, expected) => {
    expect(mtbfDays(units, days, repairs)).toBe(expected);
  });
});

describe('first-time fix and survey score as the rollup computes them (R-RP-1)', () => {
  it.each([
    [['dispatched', 'accepted', 'on_the_way', 'on_site', 'resolved'], true],
    [['dispatched', 'on_site', 'waiting_parts', 'on_site', 'resolved'], false],
    [['dispatched', 'on_site', 'taken_back', 'resolved'], false],
    [['dispatched', 'on_site', 'on_the_way', 'on_site', 'resolved'], false],
    [['dispatched', 'resolved'], true],
  ])('%j → %s', (steps, expected) => {
    expect(isFirstTimeFix(steps)).toBe(expected);
  });
  it('a survey scores the mean of its answered items', () => {
    // (4 + 4 + 1) / 3 = 3
    expect(surveyScore([4, 4, null, 1])).toBe(3);
    expect(surveyScore([null, null])).toBeNull();
  });
});

describe('the date range (R-RP-1)', () => {
  it.each([
    ['2026-11-01', '2026-11-30', 30, null],
    ['2026-11-30', '2026-11-01', null, 'kpi_range_reversed'],
    ['2025-01-01', '2026-12-31', 730, null],
    ['2024-12-31', '2026-12-31', 731, null],
    ['2024-12-30', '2026-12-31', 732, 'kpi_range_too_long'],
  ] as const)('%s … %s: %s days, refusal %s', (from, to, days, refusal) => {
    expect(periodDays(from, to)).toBe(days);
    expect(kpiRangeRefusal(from, to)).toBe(refusal);
  });
});

describe('every KPI has a definition in both languages and a drill-down', () => {
  it.each(KPI_KEYS)('%s', (key) => {
    const d = KPI_DEFINITIONS.find((x) => x.key === key);
    expect(d?.name['zh-CN']).toBeTruthy();
    expect(d?.definition['zh-CN']).toBeTruthy();
    expect(d?.definition['en-US']).toBeTruthy();
    expect(KPI_DRILL[key].counter).toBeTruthy();
  });
});

describe('a long range reads whole months from the monthly rollup and only its edge days (issue 15 §3)', () => {
  it.each([
    // Partial months at both ends: 03-15…03-31 and 07-01…07-10 are edges, April to June whole.
    [
      '2026-03-15',
      '2026-07-10',
      { from: '2026-04-01', to: '2026-06-01' },
      [
        ['2026-03-15', '2026-03-31'],
        ['2026-07-01', '2026-07-10'],
      ],
    ],
    // Starts on the 1st, ends on the last day (leap February): no edges.
    ['2028-01-01', '2028-02-29', { from: '2028-01-01', to: '2028-02-01' }, []],
    // Across the year end, whole months on the left only.
    ['2026-11-01', '2027-01-05', { from: '2026-11-01', to: '2026-12-01' }, [['2027-01-01', '2027-01-05']]],
    // Inside one month, or two partial months: no whole month, the range is all edge.
    ['2026-03-02', '2026-03-30', null, [['2026-03-02', '2026-03-30']]],
    ['2026-02-10', '2026-03-20', null, [['2026-02-10', '2026-03-20']]],
    ['2026-02-01', '2026-02-27', null, [['2026-02-01', '2026-02-27']]],
    // A single day on the last day of a month.
    ['2026-04-30', '2026-04-30', null, [['2026-04-30', '2026-04-30']]],
  ] as const)('%s … %s', (from, to, months, edges) => {
    const r = splitByMonths(from, to);
    expect(r.months).toEqual(months);
    expect(r.edges).toEqual(edges.map(([a, b]) => ({ from: a, to: b })));
  });

  it('a grouping reads the set of its filtered dimensions plus its own; all three is the daily rollup', () => {
    expect(monthlyGroup([], null)).toBe('all');
    expect(monthlyGroup([], 'model')).toBe('model');
    // A branch's view (unit → customers) by engineer and by customer.
    expect(monthlyGroup(['customer'], 'engineer')).toBe('engineer_customer');
    expect(monthlyGroup(['customer'], 'customer')).toBe('customer');
    expect(monthlyGroup(['engineer'], 'model')).toBe('engineer_model');
    expect(monthlyGroup(['model'], 'customer')).toBe('customer_model');
    expect(monthlyGroup(['engineer', 'customer'], null)).toBe('engineer_customer');
    expect(monthlyGroup(['engineer', 'customer'], 'model')).toBeNull();
  });
});
