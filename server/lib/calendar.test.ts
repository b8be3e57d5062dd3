// R-SLA-1: working-time arithmetic on a business calendar with holidays, make-up working days
// (调休) and time zones. Tables for the stories, properties for the guarantees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaScheduleKnownUntil, defaultChinaCalendar, statutoryChinaHolidays } from './calendar.cn.ts';
import { addWorkingMinutes, type BusinessCalendar, intervalsOn, isWorkingTime, workingMinutesBetween } from './calendar.ts';

const cn = defaultChinaCalendar();
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('R-SLA-1 deadlines in working hours (China default: 08:30–12:00, 13:30–17:30)', () => {
  it.each([
    ['a request at 09:00 Monday with 3 working hours is due at 12:00', '2026-11-23T09:00:00', 180, '2026-11-23T12:00:00'],
    ['the lunch break does not count', '2026-11-23T11:00:00', 120, '2026-11-23T14:30:00'],
    ['a request during lunch starts counting at 13:30', '2026-11-23T12:15:00', 60, '2026-11-23T14:30:00'],
    ['a request after hours starts next morning', '2026-11-23T19:00:00', 60, '2026-11-24T09:30:00'],
    ['Friday afternoon rolls over the weekend to Monday', '2026-11-27T16:30:00', 180, '2026-11-30T10:30:00'],
    ['the 6-hour urban rule (seed 002 §14) from 10:00 ends at closing time', '2026-11-23T10:00:00', 360, '2026-11-23T17:30:00'],
    ['the 7-hour suburban rule from 10:00 ends next morning', '2026-11-23T10:00:00', 420, '2026-11-24T09:30:00'],
    ['a deadline may end exactly at closing time', '2026-11-23T16:30:00', 60, '2026-11-23T17:30:00'],
    // National Day week 2026-10-01..07 is off; Saturday 2026-10-10 is a make-up working day.
    ['the National Day holiday week is skipped', '2026-09-30T16:30:00', 120, '2026-10-08T09:30:00'],
    ['a make-up Saturday counts as a working day', '2026-10-09T17:00:00', 60, '2026-10-10T09:00:00'],
    ['…and the Sunday after it does not', '2026-10-10T17:00:00', 60, '2026-10-12T09:00:00'],
    ['the make-up Sunday before the holiday (2026-09-20) is worked', '2026-09-19T10:00:00', 30, '2026-09-20T09:00:00'],
  ])('%s', (_story, start, minutes, due) => {
    expect(iso(addWorkingMinutes(cn, sh(start), minutes))).toBe(iso(sh(due)));
  });

  it('counts working minutes between two instants the same way', () => {
    expect(workingMinutesBetween(cn, sh('2026-11-27T16:30:00'), sh('2026-11-30T10:30:00'))).toBe(180);
    expect(workingMinutesBetween(cn, sh('2026-09-30T16:30:00'), sh('2026-10-08T09:30:00'))).toBe(120);
    expect(workingMinutesBetween(cn, sh('2026-11-23T12:00:00'), sh('2026-11-23T13:30:00'))).toBe(0);
    expect(workingMinutesBetween(cn, sh('2026-11-24T00:00:00'), sh('2026-11-23T00:00:00'))).toBe(0);
  });

  it('knows the official schedule at least through the current year', () => {
    expect(chinaScheduleKnownUntil).toBeGreaterThanOrEqual(2026);
  });

  it('next year, before the State Council publishes it, still keeps the statutory holidays (Spring Festival 2027 from 除夕)', () => {
    expect(statutoryChinaHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    if (chinaScheduleKnownUntil === 2026) {
      // Friday 2027-02-05 (除夕) is no working day; a call at 17:00 on Thursday 02-04 with one
      // working hour left lands on Tuesday 02-09 at 09:00.
      expect(intervalsOn(cn, '2027-02-05')).toEqual([]);
      expect(addWorkingMinutes(cn, sh('2027-02-04T17:00:00'), 60).toISOString()).toBe(sh('2027-02-09T09:00:00').toISOString());
    }
  });

  it('refuses negative or endless durations, and a calendar without working time', () => {
    expect(() => addWorkingMinutes(cn, new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cn, new Date(), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    const never: BusinessCalendar = { ...cn, weeklyHours: {} };
    expect(() => addWorkingMinutes(never, new Date(), 1)).toThrow(/no working time/);
  });
});

describe('time zones, DST included', () => {
  const ny: BusinessCalendar = {
    timeZone: 'America/New_York',
    weeklyHours: {
      1: [['09:00', '17:00']],
      2: [['09:00', '17:00']],
      3: [['09:00', '17:00']],
      4: [['09:00', '17:00']],
      5: [['09:00', '17:00']],
      6: [['09:00', '17:00']],
      7: [['09:00', '17:00']],
    },
    holidays: new Set(),
    makeUpWorkdays: new Set(),
    makeUpHours: [],
  };
  it('working hours follow local wall time across the spring-forward night', () => {
    // 2026-03-08 is the DST change in New York: 17:00 EST on the 7th (22:00Z) → 09:00 EDT on the 8th (13:00Z).
    expect(iso(addWorkingMinutes(ny, new Date('2026-03-07T21:00:00Z'), 120))).toBe('2026-03-08T14:00:00.000Z');
  });
  it('…and the fall-back night', () => {
    // 2026-11-01: 17:00 EDT on 31 Oct is 21:00Z; 09:00 EST on 1 Nov is 14:00Z.
    expect(iso(addWorkingMinutes(ny, new Date('2026-10-31T20:00:00Z'), 120))).toBe('2026-11-01T15:00:00.000Z');
  });
});

describe('properties', () => {
  const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true });
  const minutes = fc.integer({ min: 1, max: 60 * 40 });

  it('adding zero working time is the identity', () => {
    fc.assert(fc.property(instant, (t) => addWorkingMinutes(cn, t, 0).getTime() === t.getTime()));
  });

  it('a positive deadline never falls outside working time, holidays and make-up days respected', () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        const due = addWorkingMinutes(cn, t, m);
        return isWorkingTime(cn, due, { inclusiveEnd: true }) && due.getTime() > t.getTime();
      }),
    );
  });

  it('exactly the asked working minutes lie between the start and the deadline', () => {
    fc.assert(fc.property(instant, minutes, (t, m) => Math.abs(workingMinutesBetween(cn, t, addWorkingMinutes(cn, t, m)) - m) < 1e-9));
  });

  it('adding a then b equals adding a + b (when a ends inside an interval)', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, a, b) => {
        const mid = addWorkingMinutes(cn, t, a);
        fc.pre(isWorkingTime(cn, mid)); // at a closing minute the next span starts later
        return addWorkingMinutes(cn, mid, b).getTime() === addWorkingMinutes(cn, t, a + b).getTime();
      }),
    );
  });

  it('no deadline lands on a public holiday', () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(addWorkingMinutes(cn, t, m));
        return !cn.holidays.has(local) || cn.makeUpWorkdays.has(local);
      }),
    );
  });
});
