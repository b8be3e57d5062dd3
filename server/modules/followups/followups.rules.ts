// Follow-up cadence engine (R-FU-1, seed 000 §3, seed 003 §6, seed 004 §4.5). Pure: from a
// plan's rule set and its history (service completed at T, follow-ups already done with their
// output-quality verdicts) to the follow-ups due next, one per track, each with its window.
//
// Tracks run independently:
//  - `main`: the ordered steps of the rule set (e.g. +24 h, +48 h, within 7 days), then an
//    optional recurring cadence ("一月至少两次" → every 15 days) until a horizon. When a main
//    follow-up finds output quality below normal (出片效果次于常规), the main track switches
//    to daily follow-ups (keys d1, d2, …; "应于第二天继续跟踪回访,直至问题解决"): each opens at the
//    start of the next company-local calendar day after the last answer and is due at that
//    day's end (第二天 is a calendar day, holidays included, issue 10 item 1); the daily
//    follow-up that finds quality normal again resolves it and the remaining steps resume,
//    anchored at the resolution ("后续回访同上").
//  - `tracking`: post-repair quality tracking every N weeks for 12 weeks (seed 004 §4.5).
//  - `onsite` / `phone`: standing cadences of a device under or after warranty: on-site every
//    3 (6) months, phone monthly (seed 003 §6), from the anchor until the plan ends.
// Keys are stable (s1, d3, r2, t4, o1, p7): the scheduler inserts with a unique (plan, key),
// so computing the same history twice never creates a follow-up twice.
import { DateTime } from 'luxon';

export const SERVICE_TYPES = ['installation', 'upgrade', 'technical_support', 'repair', 'maintenance', 'warranty_period', 'post_warranty'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const TRACKS = ['main', 'tracking', 'onsite', 'phone'] as const;
export type Track = (typeof TRACKS)[number];
export type Method = 'phone' | 'onsite';
export type Quality = 'normal' | 'poor';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CadenceStep {
  /** Window relative to the anchor (T, or the resolution of a poor-quality loop). */
  earliestHours: number;
  dueHours: number;
}

export interface CadenceRules {
  steps: CadenceStep[];
  /** After the steps: every N days until `untilDays` after T (null: no recurring cadence). */
  recurring: { everyDays: number; windowDays: number; untilDays: number } | null;
  /**
   * Daily follow-ups while output quality is below normal: each one the whole next local
   * calendar day after the previous answer (seed 000 第二天; not configurable in hours, so a
   * day can neither be skipped nor stretched).
   */
  poorQualityDaily: boolean;
  /** Post-repair quality tracking: every N weeks for `weeks` weeks. */
  tracking: { everyWeeks: number; weeks: number } | null;
  /** Standing cadences in months from the anchor; window = days before the due date. */
  onsiteEveryMonths: number | null;
  phoneEveryMonths: number | null;
  standingWindowDays: number;
}

const base: CadenceRules = {
  steps: [],
  recurring: null,
  poorQualityDaily: true,
  tracking: null,
  onsiteEveryMonths: null,
  phoneEveryMonths: null,
  standingWindowDays: 7,
};

/** Install / upgrade / technical support: +24 h, +48 h, a third within 7 days, then ≥ twice a month. */
const commissioning: CadenceRules = {
  ...base,
  steps: [
    { earliestHours: 24, dueHours: 36 },
    { earliestHours: 48, dueHours: 60 },
    { earliestHours: 72, dueHours: 7 * 24 },
  ],
  recurring: { everyDays: 15, windowDays: 5, untilDays: 90 },
};

/** Defaults of the editable policy (SPEC R-FU-1); an admin's version replaces them per type. */
export const DEFAULT_RULES: Record<ServiceType, CadenceRules> = {
  installation: commissioning,
  upgrade: commissioning,
  technical_support: commissioning,
  // 维修: first within 48 h, second within 7 days; quality tracking for 12 weeks.
  repair: {
    ...base,
    steps: [
      { earliestHours: 0, dueHours: 48 },
      { earliestHours: 48, dueHours: 7 * 24 },
    ],
    tracking: { everyWeeks: 4, weeks: 12 },
  },
  maintenance: {
    ...base,
    steps: [
      { earliestHours: 0, dueHours: 48 },
      { earliestHours: 48, dueHours: 7 * 24 },
    ],
  },
  // 保修期内每3个月上门回访, 每月电话回访 (seed 003 §6).
  warranty_period: { ...base, poorQualityDaily: false, onsiteEveryMonths: 3, phoneEveryMonths: 1 },
  // 保修期满后每6个月上门回访, 每月电话回访.
  post_warranty: { ...base, poorQualityDaily: false, onsiteEveryMonths: 6, phoneEveryMonths: 1 },
};

export interface DoneFollowUp {
  key: string;
  track: Track;
  doneAt: Date;
  /** Output quality found (出片效果): null when not asked. */
  quality: Quality | null;
}

export interface PlanHistory {
  /** When the service was completed (T), or for standing cadences the start of the period. */
  completedAt: Date;
  /** End of a standing cadence (e.g. warranty end); nothing is due after it. */
  endsAt?: Date | null;
  /**
   * Standing cadences planned after their start (a device accepted years ago): slots due
   * before this instant are not owed; the cadence picks up at the first slot from here.
   */
  since?: Date | null;
  done: DoneFollowUp[];
}

export interface DueFollowUp {
  key: string;
  track: Track;
  method: Method;
  kind: 'step' | 'daily' | 'recurring' | 'tracking' | 'standing';
  earliestAt: Date;
  dueAt: Date;
}

const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** Calendar months added in UTC (the day is clamped to the month's end). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

function byTime(a: DoneFollowUp, b: DoneFollowUp) {
  return a.doneAt.getTime() - b.doneAt.getTime();
}

/** Where the main track stands: in a poor-quality loop or not, and the anchor of the steps. */
export function mainState(rules: CadenceRules, history: PlanHistory) {
  const main = history.done.filter((f) => f.track === 'main').sort(byTime);
  let anchor = history.completedAt;
  let inLoop = false;
  for (const f of main) {
    if (f.quality === 'poor' && rules.poorQualityDaily) inLoop = true;
    else if (f.quality === 'normal' && inLoop) {
      inLoop = false;
      anchor = f.doneAt;
    }
  }
  return { main, anchor, inLoop, last: main.at(-1) ?? null };
}

/** Default company zone (TZ_COMPANY's default); callers pass the company calendar's zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The window of the daily follow-up after an answer at `answeredAt` (R-FU-1, seed 000 第二天):
 * the whole next calendar day in the company's zone, from 00:00 to 23:59:59.999 local. An
 * answer at 23:59 is followed the next day, an answer at 00:05 the day after that day.
 */
export function nextDayWindow(answeredAt: Date, timeZone: string): { earliestAt: Date; dueAt: Date } {
  const next = DateTime.fromJSDate(answeredAt, { zone: timeZone }).startOf('day').plus({ days: 1 });
  return { earliestAt: next.toJSDate(), dueAt: next.endOf('day').toJSDate() };
}

/** The follow-ups due next for a plan, one per active track (R-FU-1); local days in `timeZone`. */
export function nextFollowUps(rules: CadenceRules, history: PlanHistory, timeZone: string = DEFAULT_TIME_ZONE): DueFollowUp[] {
  const out: DueFollowUp[] = [];
  const T = history.completedAt;
  const ends = history.endsAt ?? null;
  const done = new Set(history.done.map((f) => f.key));
  const push = (f: DueFollowUp) => {
    if (done.has(f.key)) return;
    if (ends && f.earliestAt.getTime() > ends.getTime()) return;
    out.push(f);
  };

  // ---- main: steps, daily loop, recurring
  const { main, anchor, inLoop, last } = mainState(rules, history);
  if (inLoop && last) {
    const n = main.filter((f) => f.key.startsWith('d')).length + 1;
    push({ key: `d${n}`, track: 'main', method: 'phone', kind: 'daily', ...nextDayWindow(last.doneAt, timeZone) });
  } else {
    const stepIdx = rules.steps.findIndex((_, i) => !done.has(`s${i + 1}`));
    if (stepIdx >= 0) {
      const s = rules.steps[stepIdx];
      const earliestAt = later(plus(anchor, s.earliestHours * HOUR), last?.doneAt ?? T);
      const dueAt = later(plus(anchor, s.dueHours * HOUR), earliestAt);
      push({ key: `s${stepIdx + 1}`, track: 'main', method: 'phone', kind: 'step', earliestAt, dueAt });
    } else if (rules.recurring && last) {
      const r = rules.recurring;
      const n = main.filter((f) => f.key.startsWith('r')).length + 1;
      const dueAt = plus(last.doneAt, r.everyDays * DAY);
      if (dueAt.getTime() <= plus(T, r.untilDays * DAY).getTime()) {
        push({ key: `r${n}`, track: 'main', method: 'phone', kind: 'recurring', earliestAt: plus(dueAt, -r.windowDays * DAY), dueAt });
      }
    }
  }

  // ---- post-repair quality tracking
  if (rules.tracking) {
    const n = history.done.filter((f) => f.track === 'tracking').length + 1;
    const total = Math.floor(rules.tracking.weeks / rules.tracking.everyWeeks);
    if (n <= total) {
      const dueAt = plus(T, n * rules.tracking.everyWeeks * 7 * DAY);
      push({ key: `t${n}`, track: 'tracking', method: 'phone', kind: 'tracking', earliestAt: plus(dueAt, -rules.standingWindowDays * DAY), dueAt });
    }
  }

  // ---- standing cadences
  const standing = (track: 'onsite' | 'phone', every: number | null, method: Method, prefix: string) => {
    if (!every) return;
    const doneIdx = history.done.filter((f) => f.track === track).map((f) => Number(f.key.slice(prefix.length)) || 0);
    let n = Math.max(0, ...doneIdx) + 1;
    const since = history.since;
    if (since) while (addMonths(T, n * every).getTime() < since.getTime()) n++;
    const dueAt = addMonths(T, n * every);
    if (ends && dueAt.getTime() > ends.getTime()) return;
    push({ key: `${prefix}${n}`, track, method, kind: 'standing', earliestAt: plus(dueAt, -rules.standingWindowDays * DAY), dueAt });
  };
  standing('onsite', rules.onsiteEveryMonths, 'onsite', 'o');
  standing('phone', rules.phoneEveryMonths, 'phone', 'p');
  return out;
}

/** The rule-set version in force at an instant: the highest version already effective. */
export function versionInForce<V extends { versionNo: number; effectiveFrom: Date }>(versions: V[], at: Date): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() > at.getTime()) continue;
    if (!best || v.versionNo > best.versionNo) best = v;
  }
  return best;
}

// ---- R-FU-3 flow --------------------------------------------------------------------------

export type Outcome = 'no_problem' | 'solved_by_phone' | 'escalated';
export const FOLLOWUP_STATUSES = ['pending', 'escalated', 'approved', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOWUP_STATUSES)[number];

export type FollowUpStep = 'answer' | 'approve' | 'inform' | 'review';

/**
 * The state each step takes a follow-up from (R-FU-3, R-FU-4): answered while pending, an escalated
 * plan approved by the manager, the customer informed of an approved plan, reviewed once answered.
 */
export function followUpAccepts(status: FollowUpStatus, step: FollowUpStep): boolean {
  if (step === 'answer') return status === 'pending';
  if (step === 'approve') return status === 'escalated';
  if (step === 'inform') return status === 'approved';
  return status !== 'pending';
}

/** Status after the answers are recorded: a problem not solved on the phone waits for the manager. */
export function statusAfterAnswer(outcome: Outcome): FollowUpStatus {
  return outcome === 'escalated' ? 'escalated' : 'done';
}
