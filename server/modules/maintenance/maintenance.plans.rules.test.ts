// Yearly maintenance plan generation (issue 13 §1, R-PM-1): table tests of the pure rules —
// visits per year, the covered part of the year, even spreading, the business calendar (weekends,
// public holidays, 调休 working weekends) and the engineers' load.
import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../../lib/calendar.cn.ts';
import {
  coveredSpan,
  effectiveStatus,
  idealDates,
  isOverdue,
  type Load,
  loadKey,
  nearbyWorkingDays,
  noticeDue,
  orderDue,
  pickSlot,
  planVisits,
  planVsDone,
  visitFlag,
  visitsInSpan,
  visitsPerYearOf,
} from './maintenance.plans.rules.ts';

const cal = defaultChinaCalendar();
const year2025 = { from: '2025-01-01', to: '2025-12-31' };

describe('R-PM-1 visits per year: the contract first, else 12 / the template interval', () => {
  it.each<[string, number, number | null, number]>([
    ['contract promises 4', 4, 3, 4],
    ['contract promises 12, template says 6-monthly', 12, 6, 12],
    ['contract silent, quarterly template', 0, 3, 4],
    ['contract silent, 5-monthly template rounds to 2', 0, 5, 2],
    ['contract silent, 24-monthly template still gets 1', 0, 24, 1],
    ['neither: no visits', 0, null, 0],
  ])('%s', (_n, contract, interval, expected) => {
    expect(visitsPerYearOf(contract, interval)).toBe(expected);
  });
});

describe('R-PM-1 the part of the year the contract covers, and its share of the visits', () => {
  it.each<[string, string, string, { from: string; to: string } | null, number]>([
    ['whole year', '2024-07-01', '2027-06-30', year2025, 4],
    ['starts mid-year: half the visits', '2025-07-01', '2026-06-30', { from: '2025-07-01', to: '2025-12-31' }, 2],
    ['ends in March: one visit at least', '2024-04-01', '2025-03-15', { from: '2025-01-01', to: '2025-03-15' }, 1],
    ['ended before the year', '2023-01-01', '2024-12-31', null, 0],
  ])('%s', (_n, start, end, span, n) => {
    expect(coveredSpan(2025, start, end)).toEqual(span);
    if (span) expect(visitsInSpan(2025, span, 4)).toBe(n);
  });
});

describe('R-PM-1 even spreading: the middle of each equal slice', () => {
  it.each<[string, string, string, number, string[]]>([
    ['4 visits over 2025', '2025-01-01', '2025-12-31', 4, ['2025-02-15', '2025-05-17', '2025-08-17', '2025-11-16']],
    ['2 visits over the second half', '2025-07-01', '2025-12-31', 2, ['2025-08-16', '2025-11-16']],
    ['1 visit over January', '2025-01-01', '2025-01-31', 1, ['2025-01-16']],
    ['none', '2025-01-01', '2025-12-31', 0, []],
  ])('%s', (_n, from, to, n, dates) => {
    expect(idealDates(from, to, n)).toEqual(dates);
  });
});

describe('R-PM-1 business calendar: a visit lands on a working day near its ideal day', () => {
  it.each<[string, string, string[]]>([
    ['a Wednesday is itself first', '2025-03-12', ['2025-03-12', '2025-03-11', '2025-03-13', '2025-03-10', '2025-03-14']],
    ['a Saturday: Friday, then Thursday and Monday', '2025-03-15', ['2025-03-14', '2025-03-13', '2025-03-17', '2025-03-12', '2025-03-18']],
    ['National Day holiday (Oct 1–8): only the days after', '2025-10-04', ['2025-10-09']],
    ['调休: Sunday 28 Sep 2025 is a working day', '2025-09-28', ['2025-09-28', '2025-09-29', '2025-09-26', '2025-09-30', '2025-09-25']],
    ['调休: Saturday 11 Oct 2025 is a working day', '2025-10-11', ['2025-10-11', '2025-10-10', '2025-10-09', '2025-10-13', '2025-10-14']],
    ['Labour Day 1 May 2025 (holiday until 5 May)', '2025-05-01', ['2025-04-30', '2025-04-29', '2025-04-28']],
  ])('%s', (_n, date, days) => {
    expect(nearbyWorkingDays(cal, date, '2025-01-01', '2025-12-31')).toEqual(days);
  });

  it('a holiday week longer than the window: the next working day after it', () => {
    // Spring Festival 2025: 28 Jan – 4 Feb off; the window of 31 Jan reaches 28 Jan – 3 Feb.
    expect(nearbyWorkingDays(cal, '2025-01-31', '2025-01-01', '2025-12-31')).toEqual(['2025-02-05']);
  });

  it('never outside the covered span', () => {
    expect(nearbyWorkingDays(cal, '2025-07-01', '2025-07-01', '2025-12-31')).toEqual(['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04']);
  });
});

describe("R-PM-1 engineers' load: the least loaded nearby day and engineer", () => {
  const span = year2025;
  it.each<[string, [string, string, number][], { plannedDate: string; engineerId: string }]>([
    ['nobody busy: the ideal day, the first engineer', [], { plannedDate: '2025-03-12', engineerId: 'zhang' }],
    ['zhang busy that day: liu takes it', [['zhang', '2025-03-12', 1]], { plannedDate: '2025-03-12', engineerId: 'liu' }],
    [
      'both busy that day: the next nearest free day',
      [
        ['zhang', '2025-03-12', 2],
        ['liu', '2025-03-12', 1],
      ],
      { plannedDate: '2025-03-11', engineerId: 'zhang' },
    ],
  ])('%s', (_n, busy, slot) => {
    const load: Load = new Map(busy.map(([e, d, n]) => [loadKey(e, d), n]));
    expect(pickSlot(cal, '2025-03-12', span, ['zhang', 'liu'], load)).toEqual(slot);
  });

  it('no engineer who can do it: the nearest working day, unassigned', () => {
    expect(pickSlot(cal, '2025-03-15', span, [], new Map())).toEqual({ plannedDate: '2025-03-14', engineerId: null });
  });

  it('a contract of two devices spreads them over two engineers on the same day', () => {
    const load: Load = new Map();
    const a = planVisits({ cal, year: 2025, contractStart: '2025-01-01', contractEnd: '2025-12-31', perYear: 4, engineers: ['zhang', 'liu'], load });
    const b = planVisits({ cal, year: 2025, contractStart: '2025-01-01', contractEnd: '2025-12-31', perYear: 4, engineers: ['zhang', 'liu'], load });
    expect(a.map((s) => s.engineerId)).toEqual(['zhang', 'zhang', 'zhang', 'zhang']);
    expect(b.map((s) => s.engineerId)).toEqual(['liu', 'liu', 'liu', 'liu']);
    expect(b.map((s) => s.plannedDate)).toEqual(a.map((s) => s.plannedDate));
    // 15 Feb and 17 May 2025 are Saturdays (the Friday before is nearest), 17 Aug and 16 Nov Sundays (the Monday after).
    expect(a.map((s) => s.plannedDate)).toEqual(['2025-02-14', '2025-05-16', '2025-08-18', '2025-11-17']);
  });
});

describe('R-PM-1 regeneration for the rest of the year keeps what was done', () => {
  it('two done visits kept, the other two spread over the rest of the year from today', () => {
    const slots = planVisits({
      cal,
      year: 2025,
      contractStart: '2025-01-01',
      contractEnd: '2025-12-31',
      perYear: 4,
      from: '2025-07-01',
      keptDates: ['2025-02-14', '2025-05-16'],
      engineers: ['zhang'],
      load: new Map(),
    });
    expect(slots.map((s) => s.plannedDate)).toEqual(['2025-08-15', '2025-11-17']);
  });

  it('the contract raised to 6 visits: four more after the two done', () => {
    const slots = planVisits({
      cal,
      year: 2025,
      contractStart: '2025-01-01',
      contractEnd: '2025-12-31',
      perYear: 6,
      from: '2025-07-01',
      keptDates: ['2025-02-14', '2025-05-16'],
      engineers: [],
      load: new Map(),
    });
    expect(slots).toHaveLength(4);
    expect(slots.every((s) => s.plannedDate >= '2025-07-01')).toBe(true);
  });

  it('more kept than the contract now allows: nothing new', () => {
    const slots = planVisits({
      cal,
      year: 2025,
      contractStart: '2025-01-01',
      contractEnd: '2025-12-31',
      perYear: 1,
      keptDates: ['2025-02-14', '2025-05-16'],
      engineers: [],
      load: new Map(),
    });
    expect(slots).toEqual([]);
  });
});

describe('R-PM-1 visit state as shown: done after the work order is resolved, overdue, due, requested', () => {
  it.each<[string, Parameters<typeof effectiveStatus>[0], string | null, string]>([
    ['ordered, work order on site', 'ordered', 'on_site', 'ordered'],
    ['ordered, work order resolved', 'ordered', 'resolved', 'done'],
    ['ordered, work order closed', 'ordered', 'closed', 'done'],
    ['planned, no work order', 'planned', null, 'planned'],
  ])('%s', (_n, status, wo, expected) => {
    expect(effectiveStatus(status, wo)).toBe(expected);
  });

  const today = '2025-06-10';
  it.each<[string, Parameters<typeof visitFlag>[0], string, string]>([
    ['done yesterday', 'done', '2025-06-09', 'done'],
    ['ordered, planned yesterday, not resolved: overdue', 'ordered', '2025-06-09', 'overdue'],
    ['planned today: due, not overdue', 'planned', '2025-06-10', 'due'],
    ['in 7 days: due', 'notified', '2025-06-17', 'due'],
    ['in 8 days: planned', 'planned', '2025-06-18', 'planned'],
    ['hospital asked another date', 'reschedule_requested', '2025-06-20', 'requested'],
    ['cancelled long ago: not overdue', 'cancelled', '2025-01-01', 'cancelled'],
  ])('%s', (_n, status, date, flag) => {
    expect(visitFlag(status, date, today)).toBe(flag);
  });

  it('overdue only once the planned day has passed', () => {
    expect(isOverdue('planned', '2025-06-10', '2025-06-10')).toBe(false);
    expect(isOverdue('planned', '2025-06-09', '2025-06-10')).toBe(true);
    expect(isOverdue('missed', '2025-06-09', '2025-06-10')).toBe(false);
  });
});

describe('seed 002 事先告知客户: advance notice and work-order timing', () => {
  it.each<[string, string, number, boolean]>([
    ['visit in 7 days, 7-day notice', '2025-06-17', 7, true],
    ['visit in 8 days', '2025-06-18', 7, false],
    ['visit today', '2025-06-10', 7, true],
    ['visit yesterday: too late to announce', '2025-06-09', 7, false],
    ['visit in 14 days with a 14-day notice', '2025-06-24', 14, true],
  ])('%s', (_n, date, days, due) => {
    expect(noticeDue(date, '2025-06-10', days)).toBe(due);
  });
  it.each<[string, string, number, boolean]>([
    ['7 days ahead', '2025-06-17', 7, true],
    ['8 days ahead', '2025-06-18', 7, false],
    ['past and never ordered: at once', '2025-06-01', 7, true],
    ['order days 0: on the day', '2025-06-10', 0, true],
  ])('%s', (_n, date, days, due) => {
    expect(orderDue(date, '2025-06-10', days)).toBe(due);
  });
});

describe('R-PM-1 plan vs done', () => {
  it('counts planned, done and overdue per key; cancelled visits are not planned', () => {
    expect(
      planVsDone(
        [
          { key: '2025-05', plannedDate: '2025-05-16', status: 'done' },
          { key: '2025-05', plannedDate: '2025-05-20', status: 'ordered' },
          { key: '2025-05', plannedDate: '2025-05-21', status: 'cancelled' },
          { key: '2025-06', plannedDate: '2025-06-20', status: 'planned' },
        ],
        '2025-06-10',
      ),
    ).toEqual([
      { key: '2025-05', planned: 2, done: 1, overdue: 1 },
      { key: '2025-06', planned: 1, done: 0, overdue: 0 },
    ]);
  });
});
