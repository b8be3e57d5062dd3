// SLA targets and clocks (R-SLA-1..4), pure. A policy gives, per urgency and region class,
// how long until the engineer responds, arrives and restores the unit, each counted in
// working or calendar time; a clock turns a target into a due instant and a warning instant.
import { addCalendarMinutes, addWorkingMinutes, type BusinessCalendar, nextCloseOfBusiness, workingMinutesBetween } from '../../lib/calendar.ts';

export type Urgency = 'emergency' | 'urgent' | 'normal' | 'low';
export type RegionClass = 'urban' | 'suburban' | 'remote';
export type ClockKind = 'respond' | 'arrive' | 'restore' | 'loaner';
export type Basis = 'working' | 'calendar';

export interface Target {
  minutes: number;
  basis: Basis;
}

export interface SlaPolicyRules {
  /** Fraction of the window after which a warning fires (R-SLA-4). */
  warnAt: number;
  respond: Record<Urgency, Target>;
  /** Arrival depends on where the device stands (R-SLA-2). */
  arrive: Record<Urgency, Record<RegionClass, Target>>;
  restore: Record<Urgency, Target>;
  /** R-SLA-3: not restored this long after arrival ⇒ a loaner must be in place … */
  loanerAfterArrivalMinutes: number;
  /** … within this long of the request. Both calendar time, as the seed words it. */
  loanerWithinMinutesOfRequest: number;
  /**
   * Issue 12, seed 003 (在接到安装通知1-3个工作日内…安装、调试运行、操作培训): an installation work
   * order is installed and commissioned by the close of business of this many working days after
   * the notice's day. Absent in versions written before it: INSTALLATION_WORKING_DAYS.
   */
  installationWorkingDays?: number;
}

/** Seed 003: 1–3 working days from the installation notice; the default is the longest, 3. */
export const INSTALLATION_WORKING_DAYS = 3;

const H = 60;
const w = (hours: number): Target => ({ minutes: hours * H, basis: 'working' });
const c = (hours: number): Target => ({ minutes: hours * H, basis: 'calendar' });
const arriveStandard = { urban: w(3), suburban: w(7), remote: c(48) };

/** Defaults from SPEC R-SLA-2 / seed 003 §4. Restore targets are company choices, editable. */
export const DEFAULT_POLICY: SlaPolicyRules = {
  warnAt: 0.75,
  respond: { emergency: { minutes: 15, basis: 'calendar' }, urgent: w(1), normal: w(1), low: w(1) },
  arrive: {
    emergency: { urban: c(2), suburban: c(2), remote: c(2) },
    urgent: arriveStandard,
    normal: arriveStandard,
    low: arriveStandard,
  },
  restore: { emergency: c(24), urgent: w(16), normal: w(24), low: w(40) },
  loanerAfterArrivalMinutes: 12 * H,
  loanerWithinMinutesOfRequest: 24 * H,
  installationWorkingDays: INSTALLATION_WORKING_DAYS,
};

export function targetFor(policy: SlaPolicyRules, kind: Exclude<ClockKind, 'loaner'>, urgency: Urgency, region: RegionClass): Target {
  if (kind === 'arrive') return policy.arrive[urgency][region];
  return policy[kind][urgency];
}

export function addTarget(cal: BusinessCalendar, start: Date, t: Target, minutes = t.minutes): Date {
  return t.basis === 'working' ? addWorkingMinutes(cal, start, minutes) : addCalendarMinutes(start, minutes);
}

export function elapsed(cal: BusinessCalendar, basis: Basis, from: Date, to: Date): number {
  return basis === 'working' ? workingMinutesBetween(cal, from, to) : Math.max(0, (to.getTime() - from.getTime()) / 60_000);
}

export interface ClockTimes {
  dueAt: Date;
  warnAt: Date;
}

/** Due and warning instants of a target started at `start`. */
export function clockTimes(cal: BusinessCalendar, policy: SlaPolicyRules, start: Date, t: Target): ClockTimes {
  const warnMinutes = Math.max(0, Math.floor(t.minutes * policy.warnAt));
  return { dueAt: addTarget(cal, start, t), warnAt: addTarget(cal, start, t, warnMinutes) };
}

/**
 * Resuming a paused clock: the time left when it was paused is added again from the moment
 * it resumes, in the clock's own basis. Exact for both bases, however long the pause.
 */
export function resumedTimes(cal: BusinessCalendar, t: Target, pausedAt: Date, resumedAt: Date, due: ClockTimes): ClockTimes {
  const left = elapsed(cal, t.basis, pausedAt, due.dueAt);
  const warnLeft = elapsed(cal, t.basis, pausedAt, due.warnAt);
  const dueAt = addTarget(cal, resumedAt, t, left);
  const warnAt = due.warnAt.getTime() <= pausedAt.getTime() ? due.warnAt : addTarget(cal, resumedAt, t, warnLeft);
  return { dueAt, warnAt };
}

export type ClockOutcome = 'met' | 'breached';
export function outcomeOf(dueAt: Date, stoppedAt: Date): ClockOutcome {
  return stoppedAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
}

/**
 * R-SLA-3: when is a loaner task raised, and by when must the loaner be in place? Raised at
 * arrival + 12 h if the unit is still not restored; due 24 h after the request (never before
 * the task is raised).
 */
export function loanerPlan(policy: SlaPolicyRules, receivedAt: Date, arrivedAt: Date): { raiseAt: Date; dueAt: Date } {
  const raiseAt = addCalendarMinutes(arrivedAt, policy.loanerAfterArrivalMinutes);
  const due = addCalendarMinutes(receivedAt, policy.loanerWithinMinutesOfRequest);
  return { raiseAt, dueAt: due.getTime() < raiseAt.getTime() ? raiseAt : due };
}

export function loanerNeeded(policy: SlaPolicyRules, arrivedAt: Date, restoredAt: Date | null, now: Date): boolean {
  const raiseAt = addCalendarMinutes(arrivedAt, policy.loanerAfterArrivalMinutes).getTime();
  return now.getTime() >= raiseAt && (restoredAt === null || restoredAt.getTime() > raiseAt);
}

/**
 * Seed 003 (在接到安装通知1-3个工作日内): the installation clock's due instant — the close of
 * business of the `days`-th working day after the day the notice came in (the notice's own day
 * is not counted, whenever it came; weekends, public holidays and 调休 make-up days follow the
 * calendar). Returned with its length in working minutes, so it pauses and resumes like any clock.
 */
export function installationDue(cal: BusinessCalendar, notifiedAt: Date, days: number): { dueAt: Date; target: Target } {
  const zoneDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: cal.timeZone }).format(d);
  const noticeDay = zoneDay(notifiedAt);
  let close = nextCloseOfBusiness(cal, notifiedAt);
  if (zoneDay(close) === noticeDay) close = nextCloseOfBusiness(cal, close);
  for (let i = 1; i < days; i++) close = nextCloseOfBusiness(cal, close);
  return { dueAt: close, target: { minutes: Math.max(1, Math.round(workingMinutesBetween(cal, notifiedAt, close))), basis: 'working' } };
}
