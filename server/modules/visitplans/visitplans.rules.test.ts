// Quarterly visit plan generation (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月; seed 003 §6):
// table tests of the pure rules — warranty vs after, key account raising or adding, regeneration
// keeping done lines, the state of each line from the follow-ups recorded.
import { describe, expect, it } from 'vitest';
import {
  type Cadence,
  frequencyProblems,
  type KeyAccountFrequency,
  lineStates,
  quarterMonths,
  quarterOf,
  quarterPlan,
  regeneration,
  slotMonths,
} from './visitplans.rules.ts';

const TZ = 'Asia/Shanghai';
const at = (d: string) => new Date(`${d}T09:00:00+08:00`);
const end = (d: string) => new Date(`${d}T23:59:59+08:00`);
const Q3 = { year: 2026, quarter: 3 };
// The followups defaults: 保修期内每3个月上门、每月电话; 保修期满后每6个月上门、每月电话.
const warranty = (accepted: string, warrantyEnd: string): Cadence => ({
  anchor: at(accepted),
  endsAt: end(warrantyEnd),
  onsiteEveryMonths: 3,
  phoneEveryMonths: 1,
});
const afterWarranty = (dayAfterWarranty: string): Cadence => ({ anchor: at(dayAfterWarranty), endsAt: null, onsiteEveryMonths: 6, phoneEveryMonths: 1 });
const short = (lines: ReturnType<typeof quarterPlan>) => lines.map((l) => `${l.month.slice(5)} ${l.kind}${l.seq}${l.source === 'key_account' ? '*' : ''}`);

describe('quarters and months', () => {
  it.each([
    [{ year: 2026, quarter: 1 }, ['2026-01', '2026-02', '2026-03']],
    [{ year: 2026, quarter: 4 }, ['2026-10', '2026-11', '2026-12']],
  ])('quarter %o has months %o', (q, months) => {
    expect(quarterMonths(q)).toEqual(months);
  });
  it('the quarter of an instant is the company-local one: 30 Sep 17:00 UTC is 1 Oct in Shanghai', () => {
    expect(quarterOf(new Date('2026-09-30T17:00:00Z'), TZ)).toEqual({ year: 2026, quarter: 4 });
  });
});

describe('R-FU-1 standing cadences in a quarter (seed 003 §6)', () => {
  it.each<[string, Cadence, number | null, string[]]>([
    ['under warranty, accepted 15 May: on site due 15 Aug', warranty('2026-05-15', '2027-05-14'), 3, ['2026-08']],
    ['under warranty, accepted 15 Apr: on site due 15 Jul (and not 15 Oct, next quarter)', warranty('2026-04-15', '2027-04-14'), 3, ['2026-07']],
    ['under warranty, accepted 31 Mar: day clamped, 30 Jun is Q2 and 30 Sep is Q3', warranty('2026-03-31', '2027-03-30'), 3, ['2026-09']],
    ['warranty ended before the slot: nothing owed', warranty('2025-08-20', '2026-07-31'), 3, []],
    ['after warranty, from 1 Feb: 6-monthly, due 1 Aug', afterWarranty('2026-02-01'), 6, ['2026-08']],
    ['after warranty, from 1 May: due 1 Nov, none in Q3', afterWarranty('2026-05-01'), 6, []],
    ['phone monthly: every month of the quarter', warranty('2026-05-15', '2027-05-14'), 1, ['2026-07', '2026-08', '2026-09']],
    ['accepted in the quarter: phone from the month after', warranty('2026-07-20', '2027-07-19'), 1, ['2026-08', '2026-09']],
    ['no cadence', warranty('2026-05-15', '2027-05-14'), null, []],
  ])('%s', (_n, c, every, months) => {
    expect([...slotMonths(c, every, Q3, TZ)]).toEqual(months);
  });
});

describe('issue 13 §4 quarterPlan: standing visits, then the key account on top', () => {
  const under = warranty('2026-05-15', '2027-05-14');
  const post = afterWarranty('2026-02-01');
  it.each<[string, Cadence[], KeyAccountFrequency | null, string[]]>([
    ['one device under warranty: phone monthly, on site in August', [under], null, ['07 phone1', '08 onsite1', '08 phone1', '09 phone1']],
    ['one device after warranty: on site in August (6-monthly), phone monthly', [post], null, ['07 phone1', '08 onsite1', '08 phone1', '09 phone1']],
    [
      'two devices: one visit a month covers both (on site July and August)',
      [under, warranty('2026-04-10', '2027-04-09')],
      null,
      ['07 onsite1', '07 phone1', '08 onsite1', '08 phone1', '09 phone1'],
    ],
    ['no devices, no key account: nothing planned', [], null, []],
    [
      'key account, 1 on site a month: July and September added, August kept as standing',
      [under],
      { period: 'month', visits: 1, method: 'onsite' },
      ['07 onsite1*', '07 phone1', '08 onsite1', '08 phone1', '09 onsite1*', '09 phone1'],
    ],
    [
      'key account, 2 calls a month: a second call each month',
      [under],
      { period: 'month', visits: 2, method: 'phone' },
      ['07 phone1', '07 phone2*', '08 onsite1', '08 phone1', '08 phone2*', '09 phone1', '09 phone2*'],
    ],
    [
      'key account, 1 on site a quarter: the standing August visit already counts',
      [under],
      { period: 'quarter', visits: 1, method: 'onsite' },
      ['07 phone1', '08 onsite1', '08 phone1', '09 phone1'],
    ],
    [
      'key account, 3 on site a quarter: added in the months with none, earliest first',
      [under],
      { period: 'quarter', visits: 3, method: 'onsite' },
      ['07 onsite1*', '07 phone1', '08 onsite1', '08 phone1', '09 onsite1*', '09 phone1'],
    ],
    [
      'key account, 4 on site a quarter with no devices: 2, 1, 1',
      [],
      { period: 'quarter', visits: 4, method: 'onsite' },
      ['07 onsite1*', '07 onsite2*', '08 onsite1*', '09 onsite1*'],
    ],
  ])('%s', (_n, cadences, key, lines) => {
    expect(short(quarterPlan(Q3, cadences, key, TZ))).toEqual(lines);
  });
});

describe('issue 13 §4 regeneration keeps what was done', () => {
  const line = (month: string, kind: 'onsite' | 'phone', seq: number, done = false) => ({ month, kind, seq, done });
  it('a key account dropped: the extra on-site lines go, unless done', () => {
    const existing = [line('2026-07', 'onsite', 1, true), line('2026-09', 'onsite', 1), line('2026-08', 'onsite', 1), line('2026-07', 'phone', 1, true)];
    const next = quarterPlan(Q3, [warranty('2026-05-15', '2027-05-14')], null, TZ);
    const r = regeneration(existing, next);
    expect(r.drop).toEqual([{ month: '2026-09', kind: 'onsite', seq: 1 }]);
    expect(r.target.map((l) => `${l.month.slice(5)} ${l.kind}${l.seq}`)).toEqual(['07 onsite1', '07 phone1', '08 onsite1', '08 phone1', '09 phone1']);
  });
  it('more visits now than before: the new seqs are added, done ones stay', () => {
    const r = regeneration([line('2026-07', 'phone', 1, true)], quarterPlan(Q3, [], { period: 'month', visits: 2, method: 'phone' }, TZ));
    expect(r.drop).toEqual([]);
    expect(r.target.filter((l) => l.month === '2026-07').map((l) => l.seq)).toEqual([1, 2]);
  });
});

describe('issue 13 §4 lineStates: done by a follow-up of the month and kind, missed when the month is over', () => {
  const l = (id: string, month: string, kind: 'onsite' | 'phone', seq = 1) => ({ id, month, kind, seq });
  const v = (id: string, month: string, kind: 'onsite' | 'phone', day = 10) => ({ id, month, kind, doneAt: new Date(`${month}-${day}T02:00:00Z`) });
  it.each<[string, ReturnType<typeof l>[], ReturnType<typeof v>[], Record<string, string>]>([
    ['a call in July marks the July phone line done', [l('a', '2026-07', 'phone')], [v('f1', '2026-07', 'phone')], { a: 'done' }],
    ['a call does not count for an on-site line', [l('a', '2026-07', 'onsite')], [v('f1', '2026-07', 'phone')], { a: 'missed' }],
    ['a visit in August does not count for July', [l('a', '2026-07', 'onsite')], [v('f1', '2026-08', 'onsite')], { a: 'missed' }],
    ['the current month without a visit is due; a later one planned', [l('a', '2026-08', 'phone'), l('b', '2026-09', 'phone')], [], { a: 'due', b: 'planned' }],
    [
      'one visit marks one line: of two July calls the first is done, the second missed',
      [l('a', '2026-07', 'phone', 1), l('b', '2026-07', 'phone', 2)],
      [v('f1', '2026-07', 'phone')],
      { a: 'done', b: 'missed' },
    ],
  ])('%s', (_n, lines, visits, states) => {
    const r = lineStates(lines, visits, '2026-08');
    expect(Object.fromEntries([...r].map(([id, s]) => [id, s.state]))).toEqual(states);
  });
});

describe('key-account frequency bounds (422 naming visits)', () => {
  it.each([
    [0, [{ field: 'visits', code: 'too_small' }]],
    [1, []],
    [10, []],
    [11, [{ field: 'visits', code: 'too_big' }]],
  ])('%i visits', (visits, problems) => {
    expect(frequencyProblems({ period: 'month', visits, method: 'onsite' })).toEqual(problems);
  });
});
