// Quarterly visit plans kept (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行;
// seed 003 §6 保修期内每3个月上门回访、保修期满后每6个月上门回访、每月电话回访). Pure: from the standing
// cadences of a customer's devices (the follow-up plans' rules: on site every 3 months under warranty,
// every 6 after, phone monthly — followups.rules.ts) and the customer's key-account frequency to the
// lines of one quarter, month by month; and from the follow-ups recorded to each line's state.
//
// One customer visit covers all its devices: a month holds one on-site line when any device owes an
// on-site visit in it, one phone line when any owes a call. A key account (重点客户) never lowers that:
// "per month" raises every month to at least its count; "per quarter" adds visits, in the months with
// the fewest of that kind (earliest first), until the quarter holds its count.
import { DateTime } from 'luxon';

export const VISIT_KINDS = ['onsite', 'phone'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_PERIODS = ['month', 'quarter'] as const;
export type VisitPeriod = (typeof VISIT_PERIODS)[number];
export const LINE_SOURCES = ['standing', 'key_account'] as const;
export type LineSource = (typeof LINE_SOURCES)[number];
export const LINE_STATES = ['planned', 'due', 'done', 'missed'] as const;
export type LineState = (typeof LINE_STATES)[number];

/** Bounds of a key account's own frequency: 1–10 visits a month or a quarter. */
export const KEY_VISITS = { min: 1, max: 10 } as const;

export interface Quarter {
  year: number;
  quarter: number;
}

/** The three months of a quarter as YYYY-MM. */
export function quarterMonths(q: Quarter): [string, string, string] {
  const first = (q.quarter - 1) * 3 + 1;
  const m = (i: number) => `${q.year}-${String(first + i).padStart(2, '0')}`;
  return [m(0), m(1), m(2)];
}

/** The quarter a company-local instant falls in. */
export function quarterOf(at: Date, timeZone: string): Quarter {
  const d = DateTime.fromJSDate(at, { zone: timeZone });
  return { year: d.year, quarter: Math.floor((d.month - 1) / 3) + 1 };
}

/** YYYY-MM of an instant in the company's zone. */
export function monthOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-MM');
}

/** The instants a quarter spans in the company's zone: [start, end). */
export function quarterSpan(q: Quarter, timeZone: string): { from: Date; to: Date } {
  const from = DateTime.fromObject({ year: q.year, month: (q.quarter - 1) * 3 + 1, day: 1 }, { zone: timeZone });
  return { from: from.toJSDate(), to: from.plus({ months: 3 }).toJSDate() };
}

/** A standing cadence of one device (a follow-up plan's rules, or the defaults for a device not planned yet). */
export interface Cadence {
  /** The plan's anchor (T): acceptance for the warranty period, the day after the warranty for the rest. */
  anchor: Date;
  /** Nothing is owed after it (the warranty end for the warranty-period cadence). */
  endsAt: Date | null;
  onsiteEveryMonths: number | null;
  phoneEveryMonths: number | null;
}

export interface KeyAccountFrequency {
  period: VisitPeriod;
  visits: number;
  method: VisitKind;
}

export interface PlannedLine {
  month: string;
  kind: VisitKind;
  /** 1, 2, … within (month, kind). */
  seq: number;
  source: LineSource;
}

/** Calendar months added in the company's zone (day clamped to the month's end), as followups' addMonths. */
function slotAt(anchor: Date, months: number, timeZone: string): Date {
  return DateTime.fromJSDate(anchor, { zone: timeZone }).plus({ months }).toJSDate();
}

/** The months of a quarter in which a cadence owes a visit of `every` months (slot n = anchor + n·every, n ≥ 1). */
export function slotMonths(c: Cadence, every: number | null, q: Quarter, timeZone: string): Set<string> {
  const out = new Set<string>();
  if (!every || every < 1) return out;
  const { from, to } = quarterSpan(q, timeZone);
  // First n whose slot can fall in the quarter, then walk while inside it.
  const start = DateTime.fromJSDate(c.anchor, { zone: timeZone });
  const monthsToQuarter = Math.floor(DateTime.fromJSDate(from, { zone: timeZone }).diff(start, 'months').months);
  let n = Math.max(1, Math.floor(monthsToQuarter / every) - 1);
  for (; n < 10_000; n++) {
    const at = slotAt(c.anchor, n * every, timeZone);
    if (at.getTime() >= to.getTime()) break;
    if (c.endsAt && at.getTime() > c.endsAt.getTime()) break;
    if (at.getTime() >= from.getTime()) out.add(monthOf(at, timeZone));
  }
  return out;
}

/**
 * The lines of a customer's quarter (seed 002 part 2 分解到月): standing visits from the devices'
 * cadences, then the key account's frequency on top (it raises, never lowers). Sorted by month,
 * kind (on site first), seq.
 */
export function quarterPlan(q: Quarter, cadences: Cadence[], key: KeyAccountFrequency | null, timeZone: string): PlannedLine[] {
  const months = quarterMonths(q);
  const count: Record<VisitKind, number[]> = { onsite: [0, 0, 0], phone: [0, 0, 0] };
  for (const c of cadences) {
    const on = slotMonths(c, c.onsiteEveryMonths, q, timeZone);
    const ph = slotMonths(c, c.phoneEveryMonths, q, timeZone);
    months.forEach((m, i) => {
      if (on.has(m)) count.onsite[i] = 1;
      if (ph.has(m)) count.phone[i] = 1;
    });
  }
  const standing = { onsite: [...count.onsite], phone: [...count.phone] };
  if (key) {
    const c = count[key.method];
    if (key.period === 'month') for (let i = 0; i < 3; i++) c[i] = Math.max(c[i], key.visits);
    else {
      let total = c.reduce((a, b) => a + b, 0);
      while (total < key.visits) {
        // The month with the fewest visits of the kind; the earliest on a tie.
        const i = c.indexOf(Math.min(...c));
        c[i]++;
        total++;
      }
    }
  }
  const out: PlannedLine[] = [];
  months.forEach((month, i) => {
    for (const kind of VISIT_KINDS)
      for (let seq = 1; seq <= count[kind][i]; seq++) out.push({ month, kind, seq, source: seq <= standing[kind][i] ? 'standing' : 'key_account' });
  });
  return out;
}

/**
 * The lines to keep, add and drop when a plan is generated again (issue 13 §4: regenerating keeps
 * what was done). Per (month, kind) the target is the new count, but never fewer than the lines
 * already done; done lines are the lowest seqs (visits are matched to seq 1, 2, … in order), so
 * dropping from the top never drops a done one.
 */
export function regeneration(
  existing: { month: string; kind: VisitKind; seq: number; done: boolean }[],
  next: PlannedLine[],
): { target: PlannedLine[]; drop: { month: string; kind: VisitKind; seq: number }[] } {
  const key = (m: string, k: VisitKind) => `${m}|${k}`;
  const groups = new Map<string, { month: string; kind: VisitKind }>();
  for (const l of [...existing, ...next]) groups.set(key(l.month, l.kind), { month: l.month, kind: l.kind });
  const target: PlannedLine[] = [];
  const drop: { month: string; kind: VisitKind; seq: number }[] = [];
  for (const [k, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const planned = next.filter((l) => key(l.month, l.kind) === k);
    const had = existing.filter((l) => key(l.month, l.kind) === k);
    const done = had.filter((l) => l.done).length;
    const n = Math.max(planned.length, done);
    for (let seq = 1; seq <= n; seq++)
      target.push(planned.find((l) => l.seq === seq) ?? { month: g.month, kind: g.kind, seq, source: planned.length ? 'key_account' : 'standing' });
    for (const l of had) if (l.seq > n) drop.push({ month: l.month, kind: l.kind, seq: l.seq });
  }
  return { target, drop };
}

export interface RecordedVisit {
  id: string;
  month: string;
  kind: VisitKind;
  doneAt: Date;
}

export interface LineRef {
  id: string;
  month: string;
  kind: VisitKind;
  seq: number;
}

/**
 * Each line's state (issue 13 §4): a follow-up recorded for the customer in the line's month, of
 * the line's kind, makes it done — visits matched to seq 1, 2, … by time, each visit to one line;
 * a line whose month is over without one is missed; in the current month it is due; later, planned.
 */
export function lineStates(
  lines: LineRef[],
  visits: RecordedVisit[],
  currentMonth: string,
): Map<string, { state: LineState; visitId: string | null; doneAt: Date | null }> {
  const out = new Map<string, { state: LineState; visitId: string | null; doneAt: Date | null }>();
  const byGroup = new Map<string, RecordedVisit[]>();
  for (const v of [...visits].sort((a, b) => a.doneAt.getTime() - b.doneAt.getTime() || a.id.localeCompare(b.id))) {
    const k = `${v.month}|${v.kind}`;
    byGroup.set(k, [...(byGroup.get(k) ?? []), v]);
  }
  const sorted = [...lines].sort((a, b) => a.seq - b.seq);
  const used = new Map<string, number>();
  for (const l of sorted) {
    const k = `${l.month}|${l.kind}`;
    const i = used.get(k) ?? 0;
    const v = byGroup.get(k)?.[i];
    if (v) {
      used.set(k, i + 1);
      out.set(l.id, { state: 'done', visitId: v.id, doneAt: v.doneAt });
    } else out.set(l.id, { state: l.month < currentMonth ? 'missed' : l.month === currentMonth ? 'due' : 'planned', visitId: null, doneAt: null });
  }
  return out;
}

/** Problems of a key-account frequency, each naming its field (the 422's fields). */
export function frequencyProblems(f: { period: VisitPeriod; visits: number; method: VisitKind }): { field: string; code: 'too_small' | 'too_big' }[] {
  if (f.visits < KEY_VISITS.min) return [{ field: 'visits', code: 'too_small' }];
  if (f.visits > KEY_VISITS.max) return [{ field: 'visits', code: 'too_big' }];
  return [];
}
