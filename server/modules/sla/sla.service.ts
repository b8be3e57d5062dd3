// SLA clocks of a request (R-SLA-1..4): started at registration from the policy version in
// force, stopped by the events that meet them, paused with a reason, and checked by jobs at
// their warning and due instants. Warnings and breaches notify the owner and the managers
// and are kept as events for KPIs.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { serviceRequests } from '../../db/schema.ts';
import { chinaHolidays, chinaMakeUpWorkdays, defaultChinaCalendar } from '../../lib/calendar.cn.ts';
import type { BusinessCalendar } from '../../lib/calendar.ts';
import { AppError } from '../../lib/errors.ts';
import { notify } from '../notifications/index.ts';
import { recipientsForUnit } from '../units/index.ts';
import { type PolicyRow, policyById } from './sla.cache.ts';
import { type ClockKind, clockTimes, DEFAULT_POLICY, outcomeOf, type RegionClass, resumedTimes, type Target, targetFor, type Urgency } from './sla.rules.ts';
import { businessCalendars, slaClocks, slaEvents, slaPolicies } from './sla.tables.ts';

export const DEFAULT_CALENDAR_NAME = '中国大陆标准工作日历';
export const DEFAULT_POLICY_NAME = '标准服务';

/** The default calendar and policy every company starts with; idempotent. */
export async function ensureSlaDefaults(ex: Executor) {
  const [cal] = await ex.select().from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1);
  let calendarId = cal?.id;
  if (!calendarId) {
    const d = defaultChinaCalendar();
    const [row] = await ex
      .insert(businessCalendars)
      .values({
        name: DEFAULT_CALENDAR_NAME,
        timeZone: d.timeZone,
        weeklyHours: Object.fromEntries(Object.entries(d.weeklyHours).map(([k, v]) => [k, v])),
        makeUpHours: d.makeUpHours,
        useOfficialChina: true,
        isDefault: true,
      })
      .onConflictDoNothing()
      .returning();
    calendarId = row?.id ?? (await ex.select().from(businessCalendars).where(eq(businessCalendars.name, DEFAULT_CALENDAR_NAME)))[0].id;
  }
  const [policy] = await ex.select({ id: slaPolicies.id }).from(slaPolicies).where(eq(slaPolicies.isDefault, true)).limit(1);
  if (!policy) {
    await ex
      .insert(slaPolicies)
      .values({
        name: DEFAULT_POLICY_NAME,
        versionNo: 1,
        rules: DEFAULT_POLICY,
        calendarId,
        effectiveFrom: new Date('2000-01-01T00:00:00Z'),
        isDefault: true,
        createdBy: 'system',
      })
      .onConflictDoNothing();
  }
}

export async function loadCalendar(ex: Executor, calendarId: string): Promise<BusinessCalendar> {
  const [c] = await ex.select().from(businessCalendars).where(eq(businessCalendars.id, calendarId));
  if (!c) throw new AppError(500, 'internal');
  const holidays = new Set([...(c.useOfficialChina ? chinaHolidays : []), ...c.holidays]);
  const makeUp = new Set([...(c.useOfficialChina ? chinaMakeUpWorkdays : []), ...c.makeUpWorkdays]);
  for (const d of c.makeUpWorkdays) holidays.delete(d);
  return { timeZone: c.timeZone, weeklyHours: c.weeklyHours as BusinessCalendar['weeklyHours'], holidays, makeUpWorkdays: makeUp, makeUpHours: c.makeUpHours };
}

/** The version of a named policy in force at `at`; the default policy when the name is unknown. */
export async function policyInForce(ex: Executor, name: string | null, at: Date) {
  if (name) {
    const [p] = await ex
      .select()
      .from(slaPolicies)
      .where(and(eq(slaPolicies.name, name), lte(slaPolicies.effectiveFrom, at)))
      .orderBy(desc(slaPolicies.versionNo))
      .limit(1);
    if (p) return p;
  }
  const [d] = await ex
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.isDefault, true), lte(slaPolicies.effectiveFrom, at)))
    .orderBy(desc(slaPolicies.versionNo))
    .limit(1);
  if (!d) throw new AppError(500, 'internal');
  return d;
}

export type Clock = typeof slaClocks.$inferSelect;

/** Starts respond, arrive and restore clocks for a new request. Returns them for scheduling. */
export async function startClocks(
  ex: Executor,
  req: { id: string; receivedAt: Date; urgency: Urgency; regionClass: RegionClass; slaPolicyId: string },
  resolved?: { policy: PolicyRow; calendar: BusinessCalendar },
  /** Inserts of the caller's to run in the same statement (the registration's work order). */
  along: SQL[] = [],
): Promise<Clock[]> {
  const policy = resolved?.policy ?? (await policyById(ex, req.slaPolicyId));
  const cal = resolved?.calendar ?? (await loadCalendar(ex, policy.calendarId));
  // The three clocks and their start events in one statement (a registration's hot path,
  // bench/write.ts): the ids are made here, so every column is known without reading back.
  const clocks: Clock[] = (['respond', 'arrive', 'restore'] as const).map((kind) => {
    const t = targetFor(policy.rules, kind, req.urgency, req.regionClass);
    const times = clockTimes(cal, { ...DEFAULT_POLICY, warnAt: policy.rules.warnAt }, req.receivedAt, t);
    return {
      id: randomUUID(),
      requestId: req.id,
      kind,
      basis: t.basis,
      targetMinutes: t.minutes,
      policyId: policy.id,
      startedAt: req.receivedAt,
      ...times,
      pausedAt: null,
      pauseReason: null,
      stoppedAt: null,
      outcome: null,
      warnedAt: null,
      breachedAt: null,
    };
  });
  const events = clocks.map((c) => ({
    clockId: c.id,
    requestId: req.id,
    kind: 'started' as const,
    at: req.receivedAt,
    data: { dueAt: c.dueAt.toISOString() },
  }));
  // The events' foreign key is checked at the end of the statement, after every insert.
  const before = along.map((q, i) => sql`${sql.raw(`along${i}`)} as (${q}), `);
  await ex.execute(sql`with ${sql.join(before)}started as (${ex.insert(slaClocks).values(clocks).getSQL()}) ${ex.insert(slaEvents).values(events).getSQL()}`);
  return clocks;
}

export async function insertClock(
  ex: Executor,
  cal: BusinessCalendar,
  warnAt: number,
  requestId: string,
  kind: ClockKind,
  t: Target,
  start: Date,
  policyId: string | null,
) {
  const times = clockTimes(cal, { ...DEFAULT_POLICY, warnAt }, start, t);
  const [clock] = await ex
    .insert(slaClocks)
    .values({ requestId, kind, basis: t.basis, targetMinutes: t.minutes, policyId, startedAt: start, ...times })
    .returning();
  await ex.insert(slaEvents).values({ clockId: clock.id, requestId, kind: 'started', at: start, data: { dueAt: times.dueAt.toISOString() } });
  return clock;
}

/** Stops a running clock: met or breached by the stop time. No-op when already stopped. */
export async function stopClock(ex: Executor, requestId: string, kind: ClockKind, at: Date): Promise<Clock | null> {
  const [clock] = await ex
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, requestId), eq(slaClocks.kind, kind), isNull(slaClocks.stoppedAt)))
    .for('update');
  if (!clock) return null;
  // A paused clock stops at its pause: the time after it was not the company's to count.
  const effective = clock.pausedAt ?? at;
  const outcome = outcomeOf(clock.dueAt, effective);
  const [row] = await ex.update(slaClocks).set({ stoppedAt: at, outcome, pausedAt: null }).where(eq(slaClocks.id, clock.id)).returning();
  await ex.insert(slaEvents).values({ clockId: clock.id, requestId, kind: outcome, at, data: { dueAt: clock.dueAt.toISOString() } });
  return row;
}

/**
 * The repair turned out not to hold (resolved → on site again): the restore clock runs again
 * against its original due time, so a false "met" cannot stand. No-op when it never stopped.
 */
export async function reopenClock(ex: Executor, requestId: string, kind: ClockKind, at: Date): Promise<Clock | null> {
  const [clock] = await ex
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, requestId), eq(slaClocks.kind, kind)))
    .for('update');
  if (!clock?.stoppedAt || clock.outcome === 'cancelled') return null;
  const [row] = await ex.update(slaClocks).set({ stoppedAt: null, outcome: null }).where(eq(slaClocks.id, clock.id)).returning();
  await ex.insert(slaEvents).values({ clockId: clock.id, requestId, kind: 'resumed', at, data: { reopened: true, dueAt: clock.dueAt.toISOString() } });
  return row;
}

export async function cancelClocks(ex: Executor, requestId: string, at: Date) {
  const running = await ex
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, requestId), isNull(slaClocks.stoppedAt)));
  for (const c of running) {
    await ex.update(slaClocks).set({ stoppedAt: at, outcome: 'cancelled' }).where(eq(slaClocks.id, c.id));
    await ex.insert(slaEvents).values({ clockId: c.id, requestId, kind: 'cancelled', at });
  }
}

/** Pauses every running clock of a request (e.g. waiting for the customer), with a reason. */
export async function pauseClocks(ex: Executor, requestId: string, at: Date, reason: string) {
  const running = await ex
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, requestId), isNull(slaClocks.stoppedAt), isNull(slaClocks.pausedAt)));
  if (running.length === 0) throw new AppError(409, 'sla_nothing_to_pause');
  for (const c of running) {
    await ex.update(slaClocks).set({ pausedAt: at, pauseReason: reason }).where(eq(slaClocks.id, c.id));
    await ex.insert(slaEvents).values({ clockId: c.id, requestId, kind: 'paused', at, data: { reason } });
  }
}

export async function resumeClocks(ex: Executor, requestId: string, at: Date): Promise<Clock[]> {
  const paused = await ex
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, requestId), isNull(slaClocks.stoppedAt)));
  const toResume = paused.filter((c) => c.pausedAt);
  if (toResume.length === 0) throw new AppError(409, 'sla_not_paused');
  const out: Clock[] = [];
  for (const c of toResume) {
    const [policy] = c.policyId ? await ex.select().from(slaPolicies).where(eq(slaPolicies.id, c.policyId)) : [];
    const cal = policy ? await loadCalendar(ex, policy.calendarId) : defaultChinaCalendar();
    const times = resumedTimes(cal, { minutes: c.targetMinutes, basis: c.basis }, c.pausedAt as Date, at, { dueAt: c.dueAt, warnAt: c.warnAt });
    const [row] = await ex
      .update(slaClocks)
      .set({ ...times, pausedAt: null, pauseReason: null })
      .where(eq(slaClocks.id, c.id))
      .returning();
    await ex.insert(slaEvents).values({ clockId: c.id, requestId, kind: 'resumed', at, data: { dueAt: times.dueAt.toISOString() } });
    out.push(row);
  }
  return out;
}

export async function clocksOf(ex: Executor, requestId: string) {
  return ex.select().from(slaClocks).where(eq(slaClocks.requestId, requestId)).orderBy(asc(slaClocks.startedAt), asc(slaClocks.kind));
}

/**
 * Job handler body: fire the warning and the breach of a clock once each, if it is still
 * running and its instant has come. Safe to run twice or late (retry-safe).
 */
export async function checkClock(ex: Executor, clockId: string, now: Date): Promise<'warned' | 'breached' | 'none'> {
  const [c] = await ex.select().from(slaClocks).where(eq(slaClocks.id, clockId)).for('update');
  if (!c || c.stoppedAt || c.pausedAt) return 'none';
  const [req] = await ex
    .select({ number: serviceRequests.number, ownerId: serviceRequests.ownerId, customerId: serviceRequests.customerId })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, c.requestId));
  // R-ORG-1: the owner, then the manager of the customer's unit first, the company's service
  // managers in copy per the unit setting (all of them when the customer has no unit).
  const recipients = (event: 'sla_warning' | 'sla_breach') =>
    recipientsForUnit(ex, { customerId: req?.customerId ?? null, event, extra: req?.ownerId ? [req.ownerId] : [] });
  const params = { number: req?.number ?? '', clock: c.kind, dueAt: c.dueAt.toISOString() };
  // The warning comes first, even when a late sweep finds the clock past both instants: both
  // events are kept for KPIs (R-SLA-4). A warning that would arrive together with its breach
  // is not sent: the breach notice says it all.
  if (!c.warnedAt && now.getTime() >= c.warnAt.getTime()) {
    const late = now.getTime() > c.dueAt.getTime();
    await ex.update(slaClocks).set({ warnedAt: now }).where(eq(slaClocks.id, c.id));
    await ex.insert(slaEvents).values({ clockId: c.id, requestId: c.requestId, kind: 'warning', at: now, data: { ...params, late } });
    if (!late) await notify(ex, await recipients('sla_warning'), 'sla_warning', params, { entity: 'service_request', id: c.requestId });
    return 'warned';
  }
  if (!c.breachedAt && now.getTime() > c.dueAt.getTime()) {
    await ex.update(slaClocks).set({ breachedAt: now }).where(eq(slaClocks.id, c.id));
    await ex.insert(slaEvents).values({ clockId: c.id, requestId: c.requestId, kind: 'breach', at: now, data: params });
    await notify(ex, await recipients('sla_breach'), 'sla_breach', params, { entity: 'service_request', id: c.requestId });
    return 'breached';
  }
  return 'none';
}
