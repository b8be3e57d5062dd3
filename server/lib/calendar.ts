// Business calendar and working-time arithmetic (R-SLA-1): SLA clocks run in the working
// hours of a company calendar with weekly hours, public holidays and make-up working days
// (调休), in the company's IANA time zone. Pure: no I/O, no clock; instants in, instants out.
import { DateTime } from 'luxon';

/** 'HH:MM' local wall-clock times; an interval is [start, end). */
export type Interval = [string, string];

export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekday (1 = Monday … 7 = Sunday) → working intervals of that day. */
  weeklyHours: Record<number, Interval[]>;
  /** Local dates (YYYY-MM-DD) off work, whatever the weekday. */
  holidays: ReadonlySet<string>;
  /** Local dates worked although they fall on a weekend (调休); they use `makeUpHours`. */
  makeUpWorkdays: ReadonlySet<string>;
  makeUpHours: Interval[];
}

const MINUTE = 60_000;
/** No SLA spans more than this many calendar days; a calendar without working time fails loudly. */
const MAX_DAYS = 3 * 366;

function parseHm(hm: string): { hour: number; minute: number } {
  const m = /^(\d{2}):(\d{2})$/.exec(hm);
  if (!m) throw new Error(`bad time ${hm}`);
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) throw new Error(`bad time ${hm}`);
  return { hour, minute };
}

/** Working intervals of one local date. */
export function intervalsOn(cal: BusinessCalendar, date: string): Interval[] {
  if (cal.holidays.has(date)) return [];
  if (cal.makeUpWorkdays.has(date)) return cal.makeUpHours;
  const weekday = DateTime.fromISO(date, { zone: cal.timeZone }).weekday;
  return cal.weeklyHours[weekday] ?? [];
}

/** The instants [start, end) of a day's working intervals, in order. */
function spansOn(cal: BusinessCalendar, day: DateTime): [number, number][] {
  const date = day.toISODate() as string;
  return intervalsOn(cal, date)
    .map(([s, e]) => {
      const start = day.set({ ...parseHm(s), second: 0, millisecond: 0 });
      const endHm = parseHm(e);
      const end = endHm.hour === 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ ...endHm, second: 0, millisecond: 0 });
      return [start.toMillis(), end.toMillis()] as [number, number];
    })
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
}

export function isWorkingTime(cal: BusinessCalendar, at: Date, { inclusiveEnd = false } = {}): boolean {
  const t = at.getTime();
  const day = DateTime.fromMillis(t, { zone: cal.timeZone }).startOf('day');
  // An interval ending at midnight is checked from the previous day as well.
  for (const d of [day, day.minus({ days: 1 })]) {
    for (const [s, e] of spansOn(cal, d)) if (t >= s && (t < e || (inclusiveEnd && t === e))) return true;
  }
  return false;
}

/**
 * The instant when `minutes` of working time have elapsed after `start`. Zero minutes is the
 * start itself. A positive amount always ends inside working time (at the latest at an
 * interval's closing minute), which is what a customer reads as "within N working hours".
 */
export function addWorkingMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a finite number ≥ 0');
  if (minutes === 0) return new Date(start.getTime());
  let left = minutes * MINUTE;
  const t0 = start.getTime();
  let day = DateTime.fromMillis(t0, { zone: cal.timeZone }).startOf('day').minus({ days: 1 });
  for (let i = 0; i <= MAX_DAYS; i++, day = day.plus({ days: 1 })) {
    for (const [s, e] of spansOn(cal, day)) {
      const from = Math.max(s, t0);
      if (from >= e) continue;
      if (e - from >= left) return new Date(from + left);
      left -= e - from;
    }
  }
  throw new RangeError(`no working time within ${MAX_DAYS} days: check the calendar`);
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  let day = DateTime.fromMillis(a, { zone: cal.timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(b, { zone: cal.timeZone }).startOf('day');
  for (; day <= last; day = day.plus({ days: 1 })) {
    for (const [s, e] of spansOn(cal, day)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  }
  return total / MINUTE;
}

/** Calendar-time targets (e.g. emergency arrival in 2 h, remote in 48 h) ignore the calendar. */
export function addCalendarMinutes(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * MINUTE);
}

/**
 * The last close of a working day at or before `at`, or null when there is none within the
 * look-back. Since `nextCloseOfBusiness(t)` is the first close after `t`, it is at or before
 * `at` exactly when `t` is before this instant (the board's R-DSP-1 flag as one comparison).
 */
export function lastCloseOfBusiness(cal: BusinessCalendar, at: Date): Date | null {
  const t = at.getTime();
  let day = DateTime.fromMillis(t, { zone: cal.timeZone }).startOf('day');
  for (let i = 0; i <= MAX_DAYS; i++, day = day.minus({ days: 1 })) {
    const spans = spansOn(cal, day);
    const close = spans.length ? spans[spans.length - 1][1] : null;
    if (close !== null && close <= t) return new Date(close);
  }
  return null;
}

/** The first close of a working day after `at` (e.g. 17:30 today, or the next working day's close). */
export function nextCloseOfBusiness(cal: BusinessCalendar, at: Date): Date {
  const t = at.getTime();
  let day = DateTime.fromMillis(t, { zone: cal.timeZone }).startOf('day');
  for (let i = 0; i <= MAX_DAYS; i++, day = day.plus({ days: 1 })) {
    const spans = spansOn(cal, day);
    const close = spans.length ? spans[spans.length - 1][1] : null;
    if (close !== null && close > t) return new Date(close);
  }
  throw new RangeError(`no working time within ${MAX_DAYS} days: check the calendar`);
}

/** A calendar day (YYYY-MM-DD) plus n days, by the calendar alone (no time zone, no working days). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone: "today" for the company is dateIn(now, its zone). */
export function dateIn(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() as string;
}
