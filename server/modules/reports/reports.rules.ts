// Daily reports (R-WO-7, seed 002 §10–11) as pure aggregation over what was recorded: the
// 技术员工作日报表 (one person's day: the orders touched, the steps taken, the time spent by
// category) and the 服务主任日报表 (per engineer, plus the day's requests, dispatches,
// resolutions, open emergencies, SLA warnings/breaches and same-day misses).
//
// Time is never typed for the report: travel and on-site minutes are the stretches a work
// order spent in `on_the_way` and `on_site` (from work_order_events), clipped to the company's
// calendar day and credited to whoever was assigned then (from the dispatch events). The
// labour and travel minutes the engineer recorded on the order are shown too, and counted on
// the day the order was resolved.
import { DateTime } from 'luxon';
import { glossary, type Term } from '../../lib/glossary.ts';
import type { WorkOrderKind, WorkOrderStatus } from '../workorders/index.ts';

export type Category = 'paid' | 'contract' | 'warranty' | 'internal';
export const CATEGORIES: readonly Category[] = ['warranty', 'contract', 'paid', 'internal'];

export interface DayWindow {
  date: string;
  start: Date;
  end: Date;
}

/** The company-local calendar day [start, end); null for a date that does not exist. */
export function dayWindow(date: string, timeZone: string): DayWindow | null {
  const d = DateTime.fromISO(date, { zone: timeZone });
  if (!d.isValid || d.toISODate() !== date) return null;
  const start = d.startOf('day');
  return { date, start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

export interface OrderEvent {
  fromStatus: WorkOrderStatus | null;
  toStatus: WorkOrderStatus;
  at: Date;
  actorId: string | null;
  actorName: string;
  reason: string | null;
  data: unknown;
}

export interface DayPart {
  partNo: string | null;
  name: string;
  quantity: string;
  createdAt: Date;
}

export interface DayOrder {
  id: string;
  number: string;
  requestNumber: string;
  customerName: string;
  departmentName: string | null;
  modelName: string;
  serialNumber: string;
  category: Category;
  /** Issue 12: the kind of job (absent: a repair). */
  kind?: WorkOrderKind;
  urgency: 'emergency' | 'urgent' | 'normal' | 'low';
  receivedAt: Date;
  createdAt: Date;
  labourMinutes: number;
  travelMinutes: number;
  /** Every event of the order before the end of the day, oldest first. */
  events: OrderEvent[];
  /** Parts lines added during the day. */
  parts: DayPart[];
}

const MINUTE = 60_000;
const minutes = (ms: number) => Math.round(ms / MINUTE);

function overlapMs(a0: number, a1: number, b0: number, b1: number) {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Lead and helpers named by a dispatch event (data: { lead, helpers }). */
function teamOf(e: OrderEvent): string[] {
  const d = e.data as { lead?: unknown; helpers?: unknown } | null;
  if (!d || typeof d !== 'object') return [];
  const helpers = Array.isArray(d.helpers) ? d.helpers.filter((h): h is string => typeof h === 'string') : [];
  return typeof d.lead === 'string' ? [d.lead, ...helpers] : helpers;
}

/** Who was assigned to the order at instant t: the team of the last dispatch at or before t. */
export function teamAt(events: readonly OrderEvent[], t: number): string[] {
  let team: string[] = [];
  for (const e of events) {
    if (e.at.getTime() > t) break;
    if (e.toStatus === 'dispatched') team = teamOf(e);
  }
  return team;
}

/** The status the order was in at instant t ('new' before its first event). */
export function statusAt(events: readonly OrderEvent[], t: number): WorkOrderStatus {
  let s: WorkOrderStatus = 'new';
  for (const e of events) {
    if (e.at.getTime() >= t) break;
    s = e.toStatus;
  }
  return s;
}

export interface Stretch {
  status: WorkOrderStatus;
  start: number;
  end: number;
}

/**
 * A stretch left open (an arrival or resolution never recorded) is counted for at most this
 * long, so one forgotten step cannot fill days of a person's report.
 */
export const MAX_STRETCH_MINUTES = 12 * 60;

/** The stretches between status changes; the last one runs to `until`, each at most MAX_STRETCH_MINUTES. */
export function stretches(events: readonly OrderEvent[], until: number): Stretch[] {
  const out: Stretch[] = [];
  for (let i = 0; i < events.length; i++) {
    const start = events[i].at.getTime();
    const next = i + 1 < events.length ? events[i + 1].at.getTime() : until;
    const end = Math.max(start, Math.min(next, until, start + MAX_STRETCH_MINUTES * MINUTE));
    out.push({ status: events[i].toStatus, start, end });
  }
  return out;
}

export interface PersonOrderDay {
  order: DayOrder;
  /** The order's events during the day (all actors). */
  events: OrderEvent[];
  /** Steps this person recorded during the day. */
  ownSteps: number;
  travelMinutes: number;
  onSiteMinutes: number;
  /** Resolved during the day while this person was assigned. */
  resolved: boolean;
  /** Status at the end of the day (or now, for today). */
  statusAtEnd: WorkOrderStatus;
}

/**
 * One person's part in one order on one day, or null if they did not touch it: they took a
 * step, were dispatched to it, or spent travel / on-site time on it while assigned.
 */
export function personOrderDay(order: DayOrder, userId: string, w: DayWindow, now: Date): PersonOrderDay | null {
  const s = w.start.getTime();
  const e = w.end.getTime();
  const until = Math.min(e, now.getTime());
  const today = order.events.filter((ev) => ev.at.getTime() >= s && ev.at.getTime() < e);
  const ownSteps = today.filter((ev) => ev.actorId === userId).length;
  const dispatchedToday = today.some((ev) => ev.toStatus === 'dispatched' && teamOf(ev).includes(userId));
  let travel = 0;
  let onSite = 0;
  for (const st of stretches(order.events, until)) {
    if (st.status !== 'on_the_way' && st.status !== 'on_site') continue;
    const ms = overlapMs(st.start, st.end, s, until);
    if (ms <= 0 || !teamAt(order.events, st.start).includes(userId)) continue;
    if (st.status === 'on_the_way') travel += ms;
    else onSite += ms;
  }
  const resolved = today.some((ev) => ev.toStatus === 'resolved' && teamAt(order.events, ev.at.getTime()).includes(userId));
  if (!ownSteps && !dispatchedToday && !travel && !onSite && !resolved) return null;
  return {
    order,
    events: today,
    ownSteps,
    travelMinutes: minutes(travel),
    onSiteMinutes: minutes(onSite),
    resolved,
    statusAtEnd: statusAt(order.events, until),
  };
}

export interface CategoryTotals {
  orders: number;
  minutes: number;
}

export interface PersonTotals {
  orders: number;
  steps: number;
  travelMinutes: number;
  onSiteMinutes: number;
  resolved: number;
  /** Labour / travel the engineers recorded on the orders resolved this day. */
  recordedLabourMinutes: number;
  recordedTravelMinutes: number;
  partLines: number;
  byCategory: Record<Category, CategoryTotals>;
}

const emptyByCategory = (): Record<Category, CategoryTotals> => ({
  warranty: { orders: 0, minutes: 0 },
  contract: { orders: 0, minutes: 0 },
  paid: { orders: 0, minutes: 0 },
  internal: { orders: 0, minutes: 0 },
});

export function totalsOf(rows: readonly PersonOrderDay[]): PersonTotals {
  const t: PersonTotals = {
    orders: rows.length,
    steps: 0,
    travelMinutes: 0,
    onSiteMinutes: 0,
    resolved: 0,
    recordedLabourMinutes: 0,
    recordedTravelMinutes: 0,
    partLines: 0,
    byCategory: emptyByCategory(),
  };
  for (const r of rows) {
    t.steps += r.ownSteps;
    t.travelMinutes += r.travelMinutes;
    t.onSiteMinutes += r.onSiteMinutes;
    t.partLines += r.order.parts.length;
    if (r.resolved) {
      t.resolved++;
      t.recordedLabourMinutes += r.order.labourMinutes;
      t.recordedTravelMinutes += r.order.travelMinutes;
    }
    const c = t.byCategory[r.order.category];
    c.orders++;
    c.minutes += r.travelMinutes + r.onSiteMinutes;
  }
  return t;
}

/** 技术员工作日报表: one person's orders of the day, most recent activity last. */
export function technicianDay(userId: string, orders: readonly DayOrder[], w: DayWindow, now: Date) {
  const rows = orders
    .map((o) => personOrderDay(o, userId, w, now))
    .filter((r): r is PersonOrderDay => r !== null)
    .sort((a, b) => firstAt(a) - firstAt(b) || a.order.number.localeCompare(b.order.number));
  return { rows, totals: totalsOf(rows) };
}

const firstAt = (r: PersonOrderDay) => (r.events.length ? r.events[0].at.getTime() : Number.MAX_SAFE_INTEGER);

export const OPEN_AT_END: ReadonlySet<WorkOrderStatus> = new Set(['new', 'dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back']);

export interface SlaEventRow {
  clockId: string;
  requestId: string;
  requestNumber: string;
  kind: 'warning' | 'breach' | 'breached';
  clock: 'respond' | 'arrive' | 'restore' | 'loaner';
  at: Date;
}

export interface Person {
  id: string;
  name: string;
}

/**
 * 服务主任日报表. `people` are the field staff to list (zeros included); anyone else assigned
 * to an order that day is added. Requests received that day are the orders whose request was
 * received in the window; a same-day miss is one of those still open at the end of the day
 * (seed 002 part 1: not solved on the day it was taken).
 */
export function supervisorDay(people: readonly Person[], orders: readonly DayOrder[], sla: readonly SlaEventRow[], w: DayWindow, now: Date) {
  const s = w.start.getTime();
  const e = w.end.getTime();
  const until = Math.min(e, now.getTime());
  const inDay = (d: Date) => d.getTime() >= s && d.getTime() < e;

  const names = new Map(people.map((p) => [p.id, p.name]));
  for (const o of orders) {
    for (const ev of o.events) {
      if (!inDay(ev.at)) continue;
      for (const id of teamOf(ev)) if (!names.has(id)) names.set(id, '');
      if (ev.actorId && names.has(ev.actorId) && !names.get(ev.actorId)) names.set(ev.actorId, ev.actorName);
    }
  }
  // Each person's report reads only the orders they could appear in (an actor of one of its
  // steps, or named by one of its dispatches): the others give personOrderDay null anyway, and
  // a busy day has thousands of live orders and hundreds of people.
  const ordersOf = new Map<string, DayOrder[]>();
  for (const o of orders) {
    const who = new Set<string>();
    for (const ev of o.events) {
      if (ev.actorId) who.add(ev.actorId);
      if (ev.toStatus === 'dispatched') for (const id of teamOf(ev)) who.add(id);
    }
    for (const id of who) {
      const list = ordersOf.get(id);
      if (list) list.push(o);
      else ordersOf.set(id, [o]);
    }
  }
  const engineers = [...names.entries()].map(([id, name]) => {
    const day = technicianDay(id, ordersOf.get(id) ?? [], w, now);
    return { userId: id, name, orderNumbers: day.rows.map((r) => r.order.number), ...day.totals };
  });
  engineers.sort((a, b) => b.orders - a.orders || a.name.localeCompare(b.name, 'zh-CN'));

  const received = orders.filter((o) => inDay(o.receivedAt));
  const dispatches = orders.flatMap((o) => o.events.filter((ev) => inDay(ev.at) && ev.toStatus === 'dispatched').map((ev) => ({ o, ev })));
  const resolvedOrders = orders.filter((o) => o.events.some((ev) => inDay(ev.at) && ev.toStatus === 'resolved'));
  const openEmergencies = orders
    .filter((o) => o.urgency === 'emergency' && o.receivedAt.getTime() < until && OPEN_AT_END.has(statusAt(o.events, until)))
    .map((o) => ({ ...brief(o), status: statusAt(o.events, until) }));
  const sameDayMisses = received.filter((o) => OPEN_AT_END.has(statusAt(o.events, until))).map((o) => ({ ...brief(o), status: statusAt(o.events, until) }));

  const slaToday = sla.filter((x) => inDay(x.at));
  const warned = new Set(slaToday.filter((x) => x.kind === 'warning').map((x) => x.clockId));
  const breached = new Set(slaToday.filter((x) => x.kind !== 'warning').map((x) => x.clockId));

  const byUrgency = { emergency: 0, urgent: 0, normal: 0, low: 0 };
  for (const o of received) byUrgency[o.urgency]++;
  const byCategory = { warranty: 0, contract: 0, paid: 0, internal: 0 };
  for (const o of received) byCategory[o.category]++;
  // Issue 12: the day by kind of job — opened, resolved and still open at the day's end.
  const zero = () => ({ received: 0, resolved: 0, openAtEnd: 0 });
  const byKind: Record<WorkOrderKind, ReturnType<typeof zero>> = {
    repair: zero(),
    installation: zero(),
    maintenance: zero(),
    upgrade: zero(),
    training: zero(),
    consultation: zero(),
    return_exchange: zero(),
  };
  for (const o of received) byKind[o.kind ?? 'repair'].received++;
  for (const o of resolvedOrders) byKind[o.kind ?? 'repair'].resolved++;
  for (const o of orders) if (o.receivedAt.getTime() < until && OPEN_AT_END.has(statusAt(o.events, until))) byKind[o.kind ?? 'repair'].openAtEnd++;

  return {
    engineers,
    requests: {
      received: received.length,
      receivedByUrgency: byUrgency,
      receivedByCategory: byCategory,
      dispatched: dispatches.filter((d) => d.ev.fromStatus === 'new').length,
      reassigned: dispatches.filter((d) => d.ev.fromStatus !== 'new').length,
      resolved: resolvedOrders.length,
    },
    byKind,
    openEmergencies,
    sla: {
      warnings: warned.size,
      breaches: breached.size,
      events: [...slaToday].sort((a, b) => a.at.getTime() - b.at.getTime()),
    },
    sameDayMisses,
    totals: {
      /** Distinct orders worked on by anyone listed. */
      orders: new Set(engineers.flatMap((x) => x.orderNumbers)).size,
      travelMinutes: sum(engineers, (x) => x.travelMinutes),
      onSiteMinutes: sum(engineers, (x) => x.onSiteMinutes),
      steps: sum(engineers, (x) => x.steps),
    },
  };
}

const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

function brief(o: DayOrder) {
  return {
    workOrderId: o.id,
    number: o.number,
    requestNumber: o.requestNumber,
    customerName: o.customerName,
    modelName: o.modelName,
    serialNumber: o.serialNumber,
    urgency: o.urgency,
    receivedAt: o.receivedAt,
  };
}

/** Minutes as "2 h 05 min" / "2小时05分". */
export function formatMinutes(m: number, locale: 'zh-CN' | 'en-US'): string {
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, '0');
  if (locale === 'en-US') return h ? `${h} h ${mm} min` : `${m} min`;
  return h ? `${h}小时${mm}分` : `${m}分钟`;
}

/** Names for statuses and categories in reports and the service report: the glossary's words
 * (server/lib/glossary.ts), so paper and screens say the same (issue 10 item 13). */
export const STATUS_LABELS: Record<WorkOrderStatus, Term> = glossary.workOrderStatus;
export const CATEGORY_LABELS: Record<Category, Term> = glossary.serviceCategory;
export const URGENCY_LABELS: Record<DayOrder['urgency'], Term> = glossary.urgency;

export const labelOf = (pair: Term, locale: 'zh-CN' | 'en-US') => pair[locale === 'en-US' ? 1 : 0];
