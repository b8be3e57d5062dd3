// Yearly maintenance plans (issue 13 §1, R-PM-1; seed 004 §4 预防为主, seed 002 事先告知客户): the pure
// rules. How many visits a device gets in a year, on which days (spread evenly over the part of the
// year the contract covers, each on a working day of the business calendar, the least loaded of
// the nearby working days and engineers), when the hospital is told, when the work order opens,
// and how a visit is shown (done / due / overdue / requested). No I/O, no clock.
import { DateTime } from 'luxon';
import { type BusinessCalendar, intervalsOn } from '../../lib/calendar.ts';

export const VISIT_STATUSES = ['planned', 'notified', 'confirmed', 'reschedule_requested', 'ordered', 'done', 'missed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** What the plan screen colours a visit by. */
export const VISIT_FLAGS = ['done', 'due', 'overdue', 'requested', 'planned', 'cancelled'] as const;
export type VisitFlag = (typeof VISIT_FLAGS)[number];

/** Work-order statuses at which a maintenance visit counts as done (resolved or later). */
export const DONE_WORK_ORDER_STATUSES = ['resolved', 'signed_off', 'reviewed', 'closed'] as const;
/** Statuses a regeneration keeps as they are (the visit happened or its work order exists). */
export const KEPT_STATUSES: readonly VisitStatus[] = ['ordered', 'done', 'missed'];
/** Statuses the planner may still move. */
export const MOVABLE_STATUSES: readonly VisitStatus[] = ['planned', 'notified', 'confirmed', 'reschedule_requested'];
/** Statuses the hospital may still answer. */
export const ANSWERABLE_STATUSES: readonly VisitStatus[] = ['planned', 'notified', 'confirmed', 'reschedule_requested'];

/** How far from its ideal day a visit may move to a less loaded working day. */
export const SNAP_WINDOW_DAYS = 3;
export const DEFAULT_NOTICE_DAYS = 7;
export const DEFAULT_ORDER_DAYS = 7;

export const addDays = (isoDate: string, days: number) => DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days }).toISODate() as string;
export const daysBetween = (from: string, to: string) =>
  Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);

export const isWorkingDay = (cal: BusinessCalendar, isoDate: string) => intervalsOn(cal, isoDate).length > 0;

/** R-PM-1: the contract's visits per year; a contract without one follows the template's interval (12 / months). */
export function visitsPerYearOf(contractVisits: number, intervalMonths: number | null): number {
  if (contractVisits > 0) return contractVisits;
  if (intervalMonths && intervalMonths > 0) return Math.max(1, Math.round(12 / intervalMonths));
  return 0;
}

/** The part of `year` the contract covers ([start, end], ISO dates), or null when it covers none of it. */
export function coveredSpan(year: number, contractStart: string, contractEnd: string): { from: string; to: string } | null {
  const from = contractStart > `${year}-01-01` ? contractStart : `${year}-01-01`;
  const to = contractEnd < `${year}-12-31` ? contractEnd : `${year}-12-31`;
  return from <= to ? { from, to } : null;
}

/**
 * How many visits the covered span holds: the yearly number pro rata to the days covered, at
 * least one when the contract covers any of the year and promises visits.
 */
export function visitsInSpan(year: number, span: { from: string; to: string }, perYear: number): number {
  if (perYear <= 0) return 0;
  const yearDays = daysBetween(`${year}-01-01`, `${year}-12-31`) + 1;
  const spanDays = daysBetween(span.from, span.to) + 1;
  return Math.max(1, Math.round((perYear * spanDays) / yearDays));
}

/** `n` ideal days spread evenly over [from, to]: the middle of each of n equal slices. */
export function idealDates(from: string, to: string, n: number): string[] {
  if (n <= 0) return [];
  const days = daysBetween(from, to) + 1;
  return Array.from({ length: n }, (_, i) => addDays(from, Math.floor(((i + 0.5) * days) / n)));
}

/** Working days within ±window of `date` and inside [from, to], nearest first (earlier first on a tie). */
export function nearbyWorkingDays(cal: BusinessCalendar, date: string, from: string, to: string, window = SNAP_WINDOW_DAYS): string[] {
  const out: string[] = [];
  for (let d = 0; d <= window; d++) {
    for (const day of d === 0 ? [date] : [addDays(date, -d), addDays(date, d)]) {
      if (day >= from && day <= to && isWorkingDay(cal, day)) out.push(day);
    }
  }
  // Nothing near (a long holiday): the next working day after the window, still inside the span.
  if (!out.length) {
    for (let d = window + 1; d <= 31; d++) {
      const day = addDays(date, d);
      if (day > to) break;
      if (isWorkingDay(cal, day)) return [day];
    }
    for (let d = window + 1; d <= 31; d++) {
      const day = addDays(date, -d);
      if (day < from) break;
      if (isWorkingDay(cal, day)) return [day];
    }
  }
  return out;
}

/** Load per engineer and day: existing work orders plus visits already planned. Key `engineer|date`. */
export type Load = Map<string, number>;
export const loadKey = (engineerId: string, date: string) => `${engineerId}|${date}`;

export interface Slot {
  plannedDate: string;
  engineerId: string | null;
}

/**
 * The day and engineer for a visit ideally on `ideal`: among the nearby working days and the
 * engineers who can do it, the least loaded pair; on a tie the nearer day, then the engineer
 * listed first. Without engineers, the nearest working day.
 */
export function pickSlot(cal: BusinessCalendar, ideal: string, span: { from: string; to: string }, engineers: readonly string[], load: Load): Slot | null {
  const days = nearbyWorkingDays(cal, ideal, span.from, span.to);
  if (!days.length) return null;
  if (!engineers.length) return { plannedDate: days[0], engineerId: null };
  let best: { date: string; eng: string; score: [number, number, number] } | null = null;
  days.forEach((date, di) => {
    engineers.forEach((eng, ei) => {
      const score: [number, number, number] = [load.get(loadKey(eng, date)) ?? 0, di, ei];
      if (
        !best ||
        score[0] < best.score[0] ||
        (score[0] === best.score[0] && (score[1] < best.score[1] || (score[1] === best.score[1] && score[2] < best.score[2])))
      )
        best = { date, eng, score };
    });
  });
  const b = best as unknown as { date: string; eng: string };
  return { plannedDate: b.date, engineerId: b.eng };
}

export interface PlanInput {
  cal: BusinessCalendar;
  year: number;
  contractStart: string;
  contractEnd: string;
  perYear: number;
  /** Regeneration: the first day new visits may fall on (today); the year's start for a fresh plan. */
  from?: string;
  /** Visits kept by a regeneration (done, ordered, missed, or already past). */
  keptDates?: readonly string[];
  engineers: readonly string[];
  /** Updated in place as visits are placed, so the devices of one contract spread too. */
  load: Load;
}

/**
 * R-PM-1: the visits of one device for a year. The covered span's number of visits, minus the
 * ones kept, spread evenly over the rest of the span (from `from` on), each on the least loaded
 * nearby working day and engineer.
 */
export function planVisits(p: PlanInput): Slot[] {
  const span = coveredSpan(p.year, p.contractStart, p.contractEnd);
  if (!span) return [];
  const total = visitsInSpan(p.year, span, p.perYear);
  const kept = p.keptDates?.length ?? 0;
  const rest = { from: p.from && p.from > span.from ? p.from : span.from, to: span.to };
  if (rest.from > rest.to) return [];
  // On a regeneration the remaining visits share the rest of the span in proportion to it.
  const remaining = Math.max(0, total - kept);
  const slots: Slot[] = [];
  for (const ideal of idealDates(rest.from, rest.to, remaining)) {
    const slot = pickSlot(p.cal, ideal, rest, p.engineers, p.load);
    if (!slot) continue;
    if (slot.engineerId) p.load.set(loadKey(slot.engineerId, slot.plannedDate), (p.load.get(loadKey(slot.engineerId, slot.plannedDate)) ?? 0) + 1);
    slots.push(slot);
  }
  return slots;
}

/** The status a visit shows: done once its work order is resolved or later (read, not stored first). */
export function effectiveStatus(status: VisitStatus, workOrderStatus: string | null): VisitStatus {
  if (workOrderStatus && (DONE_WORK_ORDER_STATUSES as readonly string[]).includes(workOrderStatus)) return 'done';
  return status;
}

/** Overdue: the planned day has passed and the visit is not done (nor cancelled or written off). */
export function isOverdue(status: VisitStatus, plannedDate: string, today: string): boolean {
  return plannedDate < today && !['done', 'cancelled', 'missed'].includes(status);
}

/** The plan screen's colour: done, overdue, the hospital asked another date, due (within the notice window), planned. */
export function visitFlag(status: VisitStatus, plannedDate: string, today: string, noticeDays = DEFAULT_NOTICE_DAYS): VisitFlag {
  if (status === 'done') return 'done';
  if (status === 'cancelled' || status === 'missed') return 'cancelled';
  if (isOverdue(status, plannedDate, today)) return 'overdue';
  if (status === 'reschedule_requested') return 'requested';
  if (plannedDate <= addDays(today, noticeDays)) return 'due';
  return 'planned';
}

/** Seed 002 事先告知客户: the hospital is told `noticeDays` before the visit (or at once when planned later than that). */
export function noticeDue(plannedDate: string, today: string, noticeDays: number): boolean {
  return plannedDate >= today && plannedDate <= addDays(today, noticeDays);
}

/** The work order opens `orderDays` ahead of the visit (and for a visit already due, at once). */
export function orderDue(plannedDate: string, today: string, orderDays: number): boolean {
  return plannedDate <= addDays(today, orderDays);
}

/** Plan vs done is read per month, per engineer or per customer. */
export const REPORT_BY = ['month', 'engineer', 'customer'] as const;
export type ReportBy = (typeof REPORT_BY)[number];

export interface TallyRow {
  key: string;
  plannedDate: string;
  status: VisitStatus;
}
export interface Tally {
  key: string;
  planned: number;
  done: number;
  overdue: number;
}

/** Plan vs done per key (month, engineer or customer): cancelled visits do not count as planned. */
export function planVsDone(rows: readonly TallyRow[], today: string): Tally[] {
  const by = new Map<string, Tally>();
  for (const r of rows) {
    if (r.status === 'cancelled') continue;
    const t = by.get(r.key) ?? { key: r.key, planned: 0, done: 0, overdue: 0 };
    t.planned++;
    if (r.status === 'done') t.done++;
    if (isOverdue(r.status, r.plannedDate, today)) t.overdue++;
    by.set(r.key, t);
  }
  return [...by.values()].sort((a, b) => a.key.localeCompare(b.key));
}
