// R-REG-6 quality tracking (seed 003 §4.7): which models are tracked, the visit periods and line
// states, faults per 100 units, MTBF, repeats and the rate-jump alert — table tests.
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  defaultNewUntil,
  faultRate,
  isRepeat,
  jumpRuleOf,
  lastMonths,
  mtbfDays,
  newLaunchProblems,
  periodOf,
  QUALITY_DEFAULTS,
  qualitySettingsProblems,
  rateJump,
  trackingLineState,
  trackingReasons,
} from './quality.rules.ts';

const classII = { regulatoryClass: 'II' as const, implantable: false };

describe('R-REG-6 tracking reasons (table)', () => {
  it.each([
    ['class III is always tracked', { regulatoryClass: 'III' as const, implantable: false }, null, ['class_iii']],
    ['an implantable class II model', { regulatoryClass: 'II' as const, implantable: true }, null, ['implantable']],
    ['class II without flags is not tracked', classII, null, []],
    ['newly launched, within the tracking period', classII, { launchDate: '2026-03-01', newUntil: '2027-03-01', unstable: false }, ['new_launch']],
    ['newly launched, the last day still counts', classII, { launchDate: '2024-12-07', newUntil: '2026-12-07', unstable: false }, ['new_launch']],
    ['newly launched, the period is over', classII, { launchDate: '2024-12-06', newUntil: '2026-12-06', unstable: false }, []],
    ['newly launched, not launched yet', classII, { launchDate: '2027-01-01', newUntil: '2029-01-01', unstable: false }, []],
    ['unstable', classII, { launchDate: null, newUntil: null, unstable: true }, ['unstable']],
    [
      'every reason at once, in order',
      { regulatoryClass: 'III' as const, implantable: true },
      { launchDate: '2026-01-01', newUntil: '2030-01-01', unstable: true },
      ['class_iii', 'implantable', 'new_launch', 'unstable'],
    ],
  ])('%s', (_n, model, flags, expected) => {
    expect(trackingReasons(model, flags, '2026-12-07')).toEqual(expected);
  });

  it('a newly launched model is tracked two years by default; the end may not precede the launch', () => {
    expect(defaultNewUntil('2026-03-15')).toBe('2028-03-15');
    expect(defaultNewUntil('2028-02-29')).toBe('2030-02-28');
    expect(newLaunchProblems('2026-03-15', '2026-03-14')).toEqual([{ field: 'trackUntil', code: 'invalid' }]);
    expect(newLaunchProblems('2026-03-15', '2026-03-15')).toEqual([]);
  });
});

describe('R-REG-6 tracking-visit periods and line states (table)', () => {
  it.each([
    ['2026-12', 3, { start: '2026-10', due: '2026-12' }],
    ['2026-10', 3, { start: '2026-10', due: '2026-12' }],
    ['2026-01', 3, { start: '2026-01', due: '2026-03' }],
    ['2026-07', 6, { start: '2026-07', due: '2026-12' }],
    ['2026-05', 1, { start: '2026-05', due: '2026-05' }],
    ['2026-05', 12, { start: '2026-01', due: '2026-12' }],
  ])('%s every %i months', (month, every, expected) => {
    expect(periodOf(month, every)).toEqual(expected);
  });

  const q4 = { start: '2026-10', due: '2026-12' };
  it.each([
    ['a visit in the period: done', q4, true, '2026-11', 'done'],
    ['done stays done after the period', q4, true, '2027-02', 'done'],
    ['no visit, period running: due', q4, false, '2026-12', 'due'],
    ['no visit, first month of the period: due', q4, false, '2026-10', 'due'],
    ['no visit, due month over: missed', q4, false, '2027-01', 'missed'],
    ['period not started: planned', q4, false, '2026-09', 'planned'],
  ])('%s', (_n, line, visited, current, expected) => {
    expect(trackingLineState(line, visited, current)).toBe(expected);
  });

  it('months arithmetic across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastMonths('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});

describe('R-REG-6 trend figures (table)', () => {
  it.each([
    [3, 20, 15],
    [1, 3, 33.3],
    [0, 10, 0],
    [2, 0, null],
  ])('%i faults over %i units → %s per 100 units', (faults, units, expected) => {
    expect(faultRate(faults, units)).toBe(expected);
  });

  it.each([
    ['operating days over failures', 3650, 4, 913],
    ['no failure: no MTBF (a lower bound only)', 3650, 0, null],
    ['no operating time', 0, 2, null],
  ])('MTBF: %s', (_n, days, failures, expected) => {
    expect(mtbfDays(days, failures)).toBe(expected);
  });

  it.each([
    [null, false],
    [0, true],
    [30, true],
    [31, false],
  ])('repeat repair %s days after the previous request → %s', (days, expected) => {
    expect(isRepeat(days)).toBe(expected);
  });

  const flat = (faults: number) => ({ month: 'm', faults, units: 20 });
  it.each([
    ['rate above twice the trailing mean, 3+ faults', [flat(1), flat(1), flat(1), flat(1), flat(1), flat(1), flat(3)], true, 15, 5],
    ['exactly twice is not a jump', [flat(1), flat(1), flat(1), flat(1), flat(1), flat(1), flat(2)], false, 10, 5],
    ['too few faults to count', [flat(0), flat(0), flat(0), flat(0), flat(0), flat(0), flat(2)], false, 10, 0],
    ['no history: 3 faults is a jump', [flat(3)], true, 15, 0],
    ['only the six months before count', [flat(20), flat(1), flat(1), flat(1), flat(1), flat(1), flat(1), flat(3)], true, 15, 5],
    ['months without units are left out of the mean', [{ month: 'm', faults: 0, units: 0 }, flat(2), flat(4)], false, 20, 10],
    ['a month without units never jumps', [flat(0), { month: 'm', faults: 3, units: 0 }], false, null, 0],
  ])('%s', (_n, series, jump, rate, baseline) => {
    expect(rateJump(series)).toEqual({ jump, rate, baseline });
  });

  it('the rule is configurable', () => {
    const series = [flat(2), flat(3)];
    expect(rateJump(series).jump).toBe(false);
    expect(rateJump(series, { factor: 1.2, trailingMonths: 6, minFaults: 3 }).jump).toBe(true);
  });
});

describe('the quality numbers as settings (R-REG-6)', () => {
  const base = { newLaunchYears: 2, visitEveryMonths: 3, repeatWindowDays: 30, trendMonths: 12, jumpFactor: 2, jumpTrailingMonths: 6, jumpMinFaults: 3 };
  it.each([
    [6, 12, []],
    [11, 12, []],
    [12, 12, [{ field: 'jumpTrailingMonths', code: 'invalid' }]],
    [6, 6, [{ field: 'jumpTrailingMonths', code: 'invalid' }]],
  ])('trailing %i months in a %i-month trend', (trailing, trend, problems) => {
    expect(qualitySettingsProblems({ ...base, jumpTrailingMonths: trailing, trendMonths: trend })).toEqual(problems);
  });

  it('the jump rule and the new-launch term follow the numbers', () => {
    const series = [
      { month: '2026-01', faults: 1, units: 10 },
      { month: '2026-02', faults: 3, units: 10 },
    ];
    expect(rateJump(series, jumpRuleOf(base)).jump).toBe(true);
    expect(rateJump(series, jumpRuleOf({ ...base, jumpFactor: 3 })).jump).toBe(false);
    expect(rateJump(series, jumpRuleOf({ ...base, jumpMinFaults: 4 })).jump).toBe(false);
    expect(defaultNewUntil('2024-02-29', 3)).toBe('2027-02-28');
    expect(defaultNewUntil('2026-06-01')).toBe(`${2026 + QUALITY_DEFAULTS.newLaunchYears}-06-01`);
  });
});
