// Dispatch rules (R-DSP-1, R-DSP-2), pure. The system ranks; the dispatcher decides.
import { DateTime } from 'luxon';
import { type BusinessCalendar, intervalsOn, lastCloseOfBusiness, nextCloseOfBusiness } from '../../lib/calendar.ts';
import type { Basis } from '../sla/index.ts';

export interface Candidate {
  userId: string;
  name: string;
  /** Model ids and categories the engineer is trained on. */
  modelIds: readonly string[];
  categories: readonly string[];
  /** Work orders not yet resolved. */
  openLoad: number;
  /** Cities (or provinces) the engineer covers. */
  areas: readonly string[];
  /** City the engineer starts from: being based in the job's city means the shortest trip. */
  homeBase?: string | null;
}

export interface Job {
  modelId: string;
  category: string;
  city: string | null;
  province: string | null;
}

export interface Ranked {
  userId: string;
  name: string;
  score: number;
  reasons: ('model_skill' | 'category_skill' | 'same_area' | 'home_base' | 'light_load')[];
  openLoad: number;
}

/**
 * R-DSP-2: skill on the model weighs most, then being in the area (more when based in the
 * job's very city: distance), then a light load. Ties are broken by name so the list is
 * stable between refreshes.
 */
export function rankEngineers(job: Job, candidates: readonly Candidate[]): Ranked[] {
  return ranker(candidates)(job);
}

/**
 * `rankEngineers` for many jobs against one pool (the board ranks for every item): the names
 * are collated once (ties then keep that order), skills and areas become sets, scores are
 * plain numbers until the few engineers returned are known, and alike jobs (model, category,
 * place) are ranked once.
 */
export function ranker(candidates: readonly Candidate[]): (job: Job, limit?: number) => Ranked[] {
  const pool = [...candidates]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ c, models: new Set(c.modelIds), categories: new Set(c.categories), areas: new Set(c.areas) }));
  type Entry = (typeof pool)[number];
  const judge = ({ c, models, categories, areas }: Entry, job: Job, reasons?: Ranked['reasons']): number => {
    let score = 0;
    if (models.has(job.modelId)) {
      score += 50;
      reasons?.push('model_skill');
    } else if (categories.has(job.category)) {
      score += 30;
      reasons?.push('category_skill');
    }
    if ((job.city && areas.has(job.city)) || (job.province && areas.has(job.province))) {
      score += 25;
      reasons?.push('same_area');
    }
    if (job.city && c.homeBase && c.homeBase === job.city) {
      score += 10;
      reasons?.push('home_base');
    }
    if (c.openLoad <= 1) reasons?.push('light_load');
    return score + Math.max(0, 20 - 5 * c.openLoad);
  };
  const seen = new Map<string, number[]>();
  return (job, limit = Number.POSITIVE_INFINITY) => {
    const key = JSON.stringify([job.modelId, job.category, job.city, job.province, Math.min(limit, pool.length)]);
    let chosen = seen.get(key);
    if (!chosen) {
      const scores = pool.map((e) => judge(e, job));
      // Higher score first; among equals the name order (the pool's index).
      const before = (i: number, j: number) => scores[i] > scores[j] || (scores[i] === scores[j] && i < j);
      const picked: number[] = [];
      for (let i = 0; i < pool.length; i++) {
        if (picked.length >= limit && !before(i, picked[picked.length - 1])) continue;
        let at = picked.length;
        while (at > 0 && before(i, picked[at - 1])) at--;
        picked.splice(at, 0, i);
        if (picked.length > limit) picked.pop();
      }
      chosen = picked;
      seen.set(key, chosen);
    }
    return chosen.map((i) => {
      const reasons: Ranked['reasons'] = [];
      const { c } = pool[i];
      return { userId: c.userId, name: c.name, score: judge(pool[i], job, reasons), reasons, openLoad: c.openLoad };
    });
  };
}

/**
 * R-DSP-1: a request still undispatched when the working day ends is flagged for priority
 * dispatch next morning. The flag is due at the first close of business after it arrived.
 */
export function undispatchedFlagAt(cal: BusinessCalendar, receivedAt: Date): Date {
  return nextCloseOfBusiness(cal, receivedAt);
}

/** True when the request is (or by now should have been) flagged for next-morning dispatch (R-DSP-1). */
export function isFlaggedForMorning(cal: BusinessCalendar, receivedAt: Date, alreadyFlagged: boolean, now: Date): boolean {
  return alreadyFlagged || undispatchedFlagAt(cal, receivedAt).getTime() <= now.getTime();
}

/**
 * `isFlaggedForMorning` for many requests against one calendar, as one instant: a request
 * (not already flagged) is flagged exactly when it was received before the last close of
 * business at or before `now` (the first close after its receipt has then passed). The board
 * compares in SQL, so only the cards shown are read; null: no close to compare with.
 */
export function flaggedIfReceivedBefore(cal: BusinessCalendar, now: Date): Date | null {
  return lastCloseOfBusiness(cal, now);
}

/** The local date (YYYY-MM-DD) of an instant in a time zone, from one cached formatter. */
export function localDate(timeZone: string): (ms: number) => string {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const slow = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).toISODate() as string;
  // en-CA formats as YYYY-MM-DD; should an ICU build differ, fall back to luxon.
  return /^\d{4}-\d{2}-\d{2}$/.test(fmt.format(0)) ? (ms) => fmt.format(ms) : slow;
}

/** Percentages shown are capped here: beyond ten windows the number tells nothing more. */
export const MAX_PERCENT = 999;

export interface ClockView {
  basis: Basis;
  targetMinutes: number;
  dueAt: Date;
  warnAt: Date;
  pausedAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

/** Minutes between two instants in a basis; see `timeCounter`. */
export type MinutesBetween = (basis: Basis, from: Date, to: Date) => number;

/**
 * Counts elapsed minutes in a calendar's working time (or plain calendar time), from a cache of
 * each date's working spans. Lists read hundreds of clocks against the same few weeks, and an
 * overdue clock may span months: after the first few, each count is arithmetic over cached
 * spans. Agrees with `workingMinutesBetween` (tested against it).
 */
export function timeCounter(cal: BusinessCalendar): MinutesBetween {
  const dateOf = localDate(cal.timeZone);
  const spans = new Map<string, [number, number][]>();
  const spansOf = (date: string) => {
    let list = spans.get(date);
    if (!list) {
      const day = DateTime.fromISO(date, { zone: cal.timeZone }).startOf('day');
      list = intervalsOn(cal, date)
        .map(([a, b]): [number, number] => [at(day, a), at(day, b)])
        .filter(([a, b]) => b > a);
      spans.set(date, list);
    }
    return list;
  };
  return (basis, from, to) => {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a) return 0;
    if (basis === 'calendar') return (b - a) / 60_000;
    const last = dateOf(b);
    // From the day before (an interval may run to midnight) to the last day, over date strings.
    const d = new Date(`${dateOf(a)}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    let sum = 0;
    for (let date = d.toISOString().slice(0, 10); date <= last; d.setUTCDate(d.getUTCDate() + 1), date = d.toISOString().slice(0, 10)) {
      for (const [s, e] of spansOf(date)) sum += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
    return sum / 60_000;
  };
}

/** Epoch ms of a local HH:mm on a local day; 24:00 is the next midnight. */
function at(day: DateTime, hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return (h === 24 ? day.plus({ days: 1 }) : day.set({ hour: h, minute: m, second: 0, millisecond: 0 })).toMillis();
}

/**
 * How much of a clock's window is used, in percent of its target, counted in the clock's own
 * basis (working or calendar time). Taken from the time left to the due instant, so a clock
 * pushed out by a pause is read correctly; past the due instant it keeps growing beyond 100
 * (up to MAX_PERCENT). A paused clock stands still at its pause.
 */
export function percentElapsed(cal: BusinessCalendar, c: ClockView, now: Date, count: MinutesBetween = timeCounter(cal)): number {
  const at = c.pausedAt ?? now;
  if (c.targetMinutes <= 0) return 100;
  const pct =
    at.getTime() <= c.dueAt.getTime()
      ? ((c.targetMinutes - count(c.basis, at, c.dueAt)) / c.targetMinutes) * 100
      : 100 + (count(c.basis, c.dueAt, at) / c.targetMinutes) * 100;
  return Math.min(MAX_PERCENT, Math.max(0, Math.round(pct)));
}

export type ClockState = 'ok' | 'at_risk' | 'warned' | 'breached';

/** Where a running clock stands (R-SLA-4), whether or not the sweep has fired its events yet. */
export function clockState(c: ClockView, percent: number, now: Date, atRiskPercent = 75): ClockState {
  const at = (c.pausedAt ?? now).getTime();
  if (c.breachedAt || at > c.dueAt.getTime()) return 'breached';
  if (c.warnedAt || at >= c.warnAt.getTime()) return 'warned';
  return percent >= atRiskPercent ? 'at_risk' : 'ok';
}

/** Earliest deadline first; items without a running clock last; then by number, for a stable list. */
export function byDeadline<T extends { nextDeadlineAt: string | null; workOrderNumber: string }>(a: T, b: T): number {
  if (a.nextDeadlineAt !== b.nextDeadlineAt) {
    if (a.nextDeadlineAt === null) return 1;
    if (b.nextDeadlineAt === null) return -1;
    return a.nextDeadlineAt < b.nextDeadlineAt ? -1 : 1;
  }
  return a.workOrderNumber.localeCompare(b.workOrderNumber);
}

// ---- appointments (issue 10 item 12) -----------------------------------------------------

/** A time typed to the minute and sent a few seconds later is still "now", not the past. */
export const APPOINTMENT_GRACE_MS = 5 * 60_000;

export interface AppointmentCheck {
  /** Field errors that refuse the appointment (422). */
  fields: { field: 'appointmentAt' | 'appointmentEndAt'; code: 'not_in_past' | 'time_order' | 'required' }[];
  /** Planned after the running arrive deadline (R-SLA-2): accepted, with the deadline noted. */
  afterArriveDeadline: boolean;
}

/**
 * The planned arrival agreed with the customer: not in the past, a window end after its start
 * and only with a start. Later than the SLA arrive deadline is allowed (the customer may ask
 * for it) but flagged, so the UI warns and the event records the deadline it misses.
 */
export function checkAppointment(at: Date | null, endAt: Date | null, now: Date, arriveDueAt: Date | null): AppointmentCheck {
  const fields: AppointmentCheck['fields'] = [];
  if (!at) {
    if (endAt) fields.push({ field: 'appointmentAt', code: 'required' });
    return { fields, afterArriveDeadline: false };
  }
  if (at.getTime() < now.getTime() - APPOINTMENT_GRACE_MS) fields.push({ field: 'appointmentAt', code: 'not_in_past' });
  if (endAt && endAt.getTime() <= at.getTime()) fields.push({ field: 'appointmentEndAt', code: 'time_order' });
  return { fields, afterArriveDeadline: arriveDueAt !== null && at.getTime() > arriveDueAt.getTime() };
}
