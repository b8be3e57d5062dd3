// Dispatch (R-DSP-1, R-DSP-2): engineers' profiles, the board customer service dispatches
// from, the ranked suggestions, and the at-risk list the service manager escalates from
// (R-SLA-4). Assignment itself is POST /work-orders/:id/dispatch (workorders.service.ts).
// Everything here is read on demand from the work orders and SLA clocks, so the board can
// never disagree with them; the sweep's marks (warned, breached, priority_dispatch) are
// honoured, and the same rules are also applied at read time so the board does not wait for
// the next sweep.
import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { type BusinessCalendar, intervalsOn } from '../../lib/calendar.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, likePattern, offsetOf, orderFrom, serialReads, updateAudited } from '../../lib/records.ts';
import { customers } from '../customers/customers.tables.ts';
import { deviceModels, devices } from '../devices/devices.tables.ts';
import { serviceRequests } from '../requests/requests.tables.ts';
import { loadCalendar } from '../sla/index.ts';
import { businessCalendars, slaClocks, slaPolicies } from '../sla/sla.tables.ts';
import { users } from '../users/users.tables.ts';
import { abilitiesOf } from '../workorders/index.ts';
import { actorsFor } from '../workorders/workorders.rules.ts';
import { workOrderHelpers, workOrders } from '../workorders/workorders.tables.ts';
import type {
  atRiskItemDto,
  atRiskQuery,
  boardItemDto,
  engineerProfileDto,
  engineerProfileListQuery,
  putEngineerProfileBody,
  timelineBlockDto,
} from './dispatch.dto.ts';
import {
  byDeadline,
  type Candidate,
  type ClockState,
  clockState,
  type Job,
  type MinutesBetween,
  morningFlagger,
  percentElapsed,
  rankEngineers,
  ranker,
  timeCounter,
} from './dispatch.rules.ts';
import { engineerProfiles } from './dispatch.tables.ts';

/** The manager's list starts at this share of the window (R-SLA-4 default warning point). */
export const AT_RISK_PERCENT = 75;
const SUGGESTIONS_ON_BOARD = 5;
/** Cards per lane; a lane's total says how many more there are (the work-order list has them all). */
const LANE_MAX = 100;
/** Length of an appointment block when no window end was agreed. */
const APPOINTMENT_MINUTES = 60;

const isEngineer = sql`${users.roles} && array['engineer','technician','technical_expert']::text[]`;

// ---- loads, candidates, calendars --------------------------------------------------------

/** Open assigned work orders per person, as lead or helper. */
export async function openLoads(ex: Executor): Promise<Map<string, number>> {
  const r = await ex.execute(sql`
    select user_id, count(distinct wo_id)::int as n from (
      select lead_engineer_id as user_id, id as wo_id from work_orders
        where lead_engineer_id is not null and status in ('dispatched','accepted','on_the_way','on_site','waiting_parts','taken_back')
      union all
      select h.user_id, h.work_order_id from work_order_helpers h join work_orders w on w.id = h.work_order_id
        where w.status in ('dispatched','accepted','on_the_way','on_site','waiting_parts','taken_back')
    ) x group by user_id`);
  return new Map((r.rows as { user_id: string; n: number }[]).map((x) => [x.user_id, Number(x.n)]));
}

/** Everyone who may be suggested: active engineers, technicians and experts not marked unavailable. */
export async function candidates(ex: Executor): Promise<Candidate[]> {
  const rows = await ex
    .select({ id: users.id, name: users.displayName, p: engineerProfiles })
    .from(users)
    .leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id))
    .where(and(eq(users.active, true), isEngineer, or(isNull(engineerProfiles.id), eq(engineerProfiles.active, true))));
  const loads = await openLoads(ex);
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    modelIds: r.p?.modelIds ?? [],
    categories: r.p?.categories ?? [],
    areas: r.p?.areas ?? [],
    homeBase: r.p?.homeBase ?? null,
    openLoad: loads.get(r.id) ?? 0,
  }));
}

/** Business calendar (and a cached working-time counter) of each SLA policy, loaded once per call. */
function calendarsByPolicy(ex: Executor) {
  type Entry = { cal: BusinessCalendar; count: MinutesBetween };
  const policies = new Map<string, Promise<Entry>>();
  const byCalendar = new Map<string, Promise<Entry>>();
  return (policyId: string): Promise<Entry> => {
    let p = policies.get(policyId);
    if (!p) {
      p = (async () => {
        const [pol] = await ex.select({ calendarId: slaPolicies.calendarId }).from(slaPolicies).where(eq(slaPolicies.id, policyId));
        if (!pol) throw new AppError(500, 'internal');
        let c = byCalendar.get(pol.calendarId);
        if (!c) {
          c = loadCalendar(ex, pol.calendarId).then((cal) => ({ cal, count: timeCounter(cal) }));
          byCalendar.set(pol.calendarId, c);
        }
        return c;
      })();
      policies.set(policyId, p);
    }
    return p;
  };
}

type ClockRow = typeof slaClocks.$inferSelect;
async function runningClocks(ex: Executor, requestIds?: string[]): Promise<Map<string, ClockRow[]>> {
  if (requestIds && requestIds.length === 0) return new Map();
  const rows = await ex
    .select()
    .from(slaClocks)
    // The ids as one array parameter: the board passes thousands.
    .where(allOf(isNull(slaClocks.stoppedAt), requestIds ? sql`${slaClocks.requestId} = any(${sql.param(requestIds)}::uuid[])` : undefined))
    .orderBy(asc(slaClocks.dueAt));
  const out = new Map<string, ClockRow[]>();
  for (const c of rows) out.set(c.requestId, [...(out.get(c.requestId) ?? []), c]);
  return out;
}

// ---- the board ---------------------------------------------------------------------------

type BoardItem = z.infer<typeof boardItemDto>;
const lead = alias(users, 'lead');

function workQuery(ex: Executor) {
  return ex
    .select({
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      version: workOrders.version,
      status: workOrders.status,
      customerId: workOrders.customerId,
      requestId: serviceRequests.id,
      requestNumber: serviceRequests.number,
      urgency: serviceRequests.urgency,
      receivedAt: serviceRequests.receivedAt,
      regionClass: serviceRequests.regionClass,
      priorityDispatch: serviceRequests.priorityDispatch,
      slaPolicyId: serviceRequests.slaPolicyId,
      deviceId: devices.id,
      serialNumber: devices.serialNumber,
      modelId: deviceModels.id,
      modelName: deviceModels.name,
      category: deviceModels.category,
      customerName: customers.name,
      city: customers.city,
      province: customers.province,
      leadId: workOrders.leadEngineerId,
      leadName: lead.displayName,
      faultDescription: serviceRequests.faultDescription,
      deviceDown: serviceRequests.deviceDown,
      dispatchedAt: workOrders.dispatchedAt,
      appointmentAt: workOrders.appointmentAt,
      appointmentEndAt: workOrders.appointmentEndAt,
    })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(lead, eq(lead.id, workOrders.leadEngineerId));
}
type WorkRow = Awaited<ReturnType<typeof workQuery>>[number];

const jobOf = (w: Pick<WorkRow, 'modelId' | 'category' | 'city' | 'province'>): Job => ({
  modelId: w.modelId,
  category: w.category,
  city: w.city,
  province: w.province,
});

/**
 * The dispatch board: work orders waiting for an engineer (flagged for the morning first,
 * R-DSP-1), assigned work whose clocks are past their warning point or overdue, the jobs
 * dispatched today (so an assigned job does not vanish), each lane capped at LANE_MAX cards
 * with its total. Cards carry the fault, the down status, the appointment and, while waiting,
 * the top suggestions (R-DSP-2), and what the caller may do on each (issue 11 item 3).
 */
export async function board(db: Db, user: Principal, now = new Date(), timeZone = 'Asia/Shanghai') {
  return serialReads(db, (tx) => boardIn(tx, user, now, timeZone));
}

/**
 * The card's abilities (issue 11 item 3) by the work order's own rule (workorders abilitiesOf: the
 * policy for the caller's roles, the order's state and their part in it), so the board shows its
 * buttons as the dispatch and appointment endpoints decide. Helpers are not read for the board:
 * assisting on a job gives no right to dispatch or reschedule it.
 */
function cardAbilities(user: Principal, w: Pick<WorkRow, 'status' | 'leadId' | 'customerId'>) {
  const actors = actorsFor(user.roles, w.leadId === user.id ? 'lead' : null, customerScope(user) === w.customerId);
  const { dispatch, reschedule } = abilitiesOf(user, w.status, actors);
  return { dispatch, reschedule };
}

type Lane = { id: string; number: string; next_due: Date | string | null };
const dueKey = (r: Lane) => (r.next_due === null ? null : new Date(r.next_due).toISOString());
/** The request's running (not paused) clock due first, kept on the work order by triggers (migration 0031, issue 10 item 6). */
const NEXT_DUE = sql`w.next_due_at`;

async function boardIn(db: Executor, user: Principal, now: Date, timeZone: string) {
  const at = now.toISOString();
  const calendarOf = calendarsByPolicy(db);
  const flaggers = new Map<string, ReturnType<typeof morningFlagger>>();
  const flaggerOf = (policyId: string, cal: BusinessCalendar) => {
    let f = flaggers.get(policyId);
    if (!f) {
      f = morningFlagger(cal);
      flaggers.set(policyId, f);
    }
    return f;
  };

  // Waiting: a narrow row per job (the request's fields by a lookup each, never a join planned
  // as a scan of every request), ordered here; only the cards shown are read in full below.
  const waiting = (
    await db.execute<Lane & { received_at: Date | string; priority_dispatch: boolean; sla_policy_id: string }>(sql`
      select w.id, w.number, r.received_at, r.priority_dispatch, r.sla_policy_id, ${NEXT_DUE} as next_due
      from work_orders w
      cross join lateral (select r.received_at, r.priority_dispatch, r.sla_policy_id from service_requests r where r.id = w.request_id offset 0) r
      where w.status = 'new'`)
  ).rows;
  const flaggedIds = new Set<string>();
  for (const r of waiting) {
    const { cal } = await calendarOf(r.sla_policy_id);
    if (flaggerOf(r.sla_policy_id, cal)(new Date(r.received_at), r.priority_dispatch, now)) flaggedIds.add(r.id);
  }
  const laneOrder = (a: Lane, b: Lane) =>
    byDeadline({ nextDeadlineAt: dueKey(a), workOrderNumber: a.number }, { nextDeadlineAt: dueKey(b), workOrderNumber: b.number });
  const waitingIds = [...waiting]
    .sort((a, b) => Number(flaggedIds.has(b.id)) - Number(flaggedIds.has(a.id)) || laneOrder(a, b))
    .slice(0, LANE_MAX)
    .map((r) => r.id);
  const flaggedLane = waiting
    .filter((r) => flaggedIds.has(r.id))
    .sort(laneOrder)
    .slice(0, LANE_MAX)
    .map((r) => r.id);

  // At risk: assigned and not resolved, a running clock past its warning point, warned,
  // breached or overdue (the sweep's marks count, and the same rule is applied now).
  const risky = (
    await db.execute<Lane & { n: number }>(sql`
      select w.id, w.number, ${NEXT_DUE} as next_due, count(*) over () as n from work_orders w
      where w.status in ('dispatched','accepted','on_the_way','on_site','waiting_parts','taken_back')
        and exists (select 1 from sla_clocks c where c.request_id = w.request_id and c.stopped_at is null
          and (c.breached_at is not null or c.warned_at is not null
            or coalesce(c.paused_at, ${at}::timestamptz) >= c.warn_at or coalesce(c.paused_at, ${at}::timestamptz) > c.due_at))
      order by next_due nulls last, w.number limit ${LANE_MAX}`)
  ).rows;

  // Assigned today: dispatched (or reassigned) during the company-local day, latest first.
  const day = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const today = (
    await db.execute<{ id: string; n: number }>(sql`
      select w.id, count(*) over () as n from work_orders w
      where w.dispatched_at >= ${day.toJSDate().toISOString()}::timestamptz and w.dispatched_at < ${day.plus({ days: 1 }).toJSDate().toISOString()}::timestamptz
      order by w.dispatched_at desc, w.number limit ${LANE_MAX}`)
  ).rows;

  const ids = [...new Set([...waitingIds, ...flaggedLane, ...risky.map((r) => r.id), ...today.map((r) => r.id)])];
  const rows = ids.length ? await workQuery(db).where(sql`${workOrders.id} = any(${sql.param(ids)}::uuid[])`) : [];
  const byId = new Map(rows.map((r) => [r.workOrderId, r]));
  // Only the clocks of the cards shown: all running clocks of a large database are far more.
  const clocks = await runningClocks(db, [...new Set(rows.map((r) => r.requestId))]);
  const rank = ranker(await candidates(db));
  const cards = new Map<string, BoardItem>();
  const card = async (id: string): Promise<BoardItem | null> => {
    const w = byId.get(id);
    if (!w) return null; // gone between the reads
    let item = cards.get(id);
    if (item) return item;
    const { cal, count } = await calendarOf(w.slaPolicyId);
    const running = clocks.get(w.requestId) ?? [];
    const next = running.find((c) => !c.pausedAt) ?? null; // ordered by due time
    const arrive = running.find((c) => c.kind === 'arrive') ?? null;
    const isNew = w.status === 'new';
    item = {
      workOrderId: w.workOrderId,
      workOrderNumber: w.workOrderNumber,
      version: w.version,
      status: w.status,
      requestId: w.requestId,
      requestNumber: w.requestNumber,
      urgency: w.urgency,
      deviceId: w.deviceId,
      serialNumber: w.serialNumber,
      modelName: w.modelName,
      category: w.category,
      customerName: w.customerName,
      city: w.city,
      regionClass: w.regionClass,
      receivedAt: w.receivedAt.toISOString(),
      nextDeadlineAt: next ? next.dueAt.toISOString() : null,
      nextDeadlineKind: next ? next.kind : null,
      percentElapsed: next ? percentElapsed(cal, next, now, count) : null,
      flagged: flaggedIds.has(id),
      leadId: w.leadId,
      leadName: w.leadName,
      faultDescription: w.faultDescription,
      deviceDown: w.deviceDown,
      dispatchedAt: w.dispatchedAt?.toISOString() ?? null,
      appointmentAt: w.appointmentAt?.toISOString() ?? null,
      appointmentEndAt: w.appointmentEndAt?.toISOString() ?? null,
      arriveDueAt: arrive ? arrive.dueAt.toISOString() : null,
      // Ranked only while the job waits: an assigned card opens the dialog, which asks for the full ranking.
      suggestions: isNew ? rank(jobOf(w), SUGGESTIONS_ON_BOARD) : [],
      abilities: cardAbilities(user, w),
    };
    cards.set(id, item);
    return item;
  };
  const lane = async (list: string[]) => (await Promise.all(list.map(card))).filter((x): x is BoardItem => x !== null);
  return {
    unassigned: await lane(waitingIds),
    atRisk: (await lane(risky.map((r) => r.id))).sort(byDeadline),
    flaggedForMorning: await lane(flaggedLane),
    assignedToday: await lane(today.map((r) => r.id)),
    totals: {
      unassigned: waiting.length,
      atRisk: Number(risky[0]?.n ?? 0),
      flaggedForMorning: flaggedIds.size,
      assignedToday: Number(today[0]?.n ?? 0),
    },
    laneLimit: LANE_MAX,
    today: day.toISODate() as string,
    generatedAt: at,
  };
}

// ---- the engineers' day timeline (issue 10 item 12) ----------------------------------------

type Block = z.infer<typeof timelineBlockDto>;

/**
 * One row per dispatchable engineer for a company-local day: the agreed appointments and the
 * time on site (arrival to resolution, or to now / the day's end while still there) of the
 * jobs they lead or help on, over the day's working hours of the default calendar.
 */
export async function timeline(db: Db, date: string | undefined, now = new Date(), timeZone = 'Asia/Shanghai') {
  return serialReads(db, async (tx) => {
    const [calRow] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1);
    const cal = calRow ? await loadCalendar(tx, calRow.id) : null;
    const zone = cal?.timeZone ?? timeZone;
    const dayStart = (date ? DateTime.fromISO(date, { zone }) : DateTime.fromJSDate(now, { zone })).startOf('day');
    const dayEnd = dayStart.plus({ days: 1 });
    const isoDay = dayStart.toISODate() as string;
    const hm = (x: string) => {
      const [h, m] = x.split(':').map(Number);
      return (h === 24 ? dayEnd : dayStart.set({ hour: h, minute: m })).toJSDate().toISOString();
    };
    const workingHours = cal ? intervalsOn(cal, isoDay).map(([a, b]) => ({ start: hm(a), end: hm(b) })) : [];
    const from = dayStart.toJSDate();
    const to = dayEnd.toJSDate();
    // Each condition index-backed: appointments of the day, arrivals of the day, still on site.
    const jobs = await tx
      .select({
        id: workOrders.id,
        number: workOrders.number,
        status: workOrders.status,
        leadId: workOrders.leadEngineerId,
        appointmentAt: workOrders.appointmentAt,
        appointmentEndAt: workOrders.appointmentEndAt,
        arrivedAt: workOrders.arrivedAt,
        resolvedAt: workOrders.resolvedAt,
        urgency: serviceRequests.urgency,
        customerName: customers.name,
      })
      .from(workOrders)
      .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
      .innerJoin(customers, eq(customers.id, workOrders.customerId))
      .where(
        sql`${workOrders.id} = any(array(
          select w.id from work_orders w where w.appointment_at >= ${from.toISOString()}::timestamptz and w.appointment_at < ${to.toISOString()}::timestamptz
          union select w.id from work_orders w where w.arrived_at >= ${from.toISOString()}::timestamptz and w.arrived_at < ${to.toISOString()}::timestamptz
          union select w.id from work_orders w where w.status = 'on_site' and w.arrived_at < ${to.toISOString()}::timestamptz))`,
      )
      .limit(5000);
    const helpers = jobs.length
      ? await tx
          .select({ workOrderId: workOrderHelpers.workOrderId, userId: workOrderHelpers.userId })
          .from(workOrderHelpers)
          .where(
            inArray(
              workOrderHelpers.workOrderId,
              jobs.map((j) => j.id),
            ),
          )
      : [];
    const pool = await candidates(tx);
    const rows = new Map(pool.map((c) => [c.userId, { userId: c.userId, name: c.name, openLoad: c.openLoad, blocks: [] as Block[] }]));
    const iso = (d: Date) => d.toISOString();
    const clip = (a: Date, b: Date): [Date, Date] | null => {
      const s0 = a < from ? from : a;
      const e0 = b > to ? to : b;
      return e0 > s0 ? [s0, e0] : null;
    };
    for (const j of jobs) {
      const spans: { kind: Block['kind']; span: [Date, Date] | null }[] = [];
      if (j.appointmentAt && j.appointmentAt >= from && j.appointmentAt < to) {
        spans.push({
          kind: 'appointment',
          span: clip(j.appointmentAt, j.appointmentEndAt ?? new Date(j.appointmentAt.getTime() + APPOINTMENT_MINUTES * 60_000)),
        });
      }
      if (j.arrivedAt && j.arrivedAt < to) {
        // Still on site: up to now (or the day's end); left for parts or the workshop: the hour of arrival only.
        const stillThere = j.status === 'on_site' ? (now < to ? (now > j.arrivedAt ? now : new Date(j.arrivedAt.getTime() + 15 * 60_000)) : to) : null;
        const end = j.resolvedAt ?? stillThere ?? new Date(j.arrivedAt.getTime() + APPOINTMENT_MINUTES * 60_000);
        spans.push({ kind: 'visit', span: clip(j.arrivedAt, end) });
      }
      const team = [
        ...(j.leadId ? [{ userId: j.leadId, role: 'lead' as const }] : []),
        ...helpers.filter((h) => h.workOrderId === j.id).map((h) => ({ userId: h.userId, role: 'helper' as const })),
      ];
      for (const m of team) {
        const row = rows.get(m.userId);
        if (!row) continue; // not dispatchable any more
        for (const { kind, span } of spans) {
          if (!span) continue;
          row.blocks.push({
            workOrderId: j.id,
            workOrderNumber: j.number,
            status: j.status,
            urgency: j.urgency,
            customerName: j.customerName,
            kind,
            role: m.role,
            start: iso(span[0]),
            end: iso(span[1]),
          });
        }
      }
    }
    const engineers = [...rows.values()]
      .map((r) => ({ ...r, blocks: r.blocks.sort((a, b) => a.start.localeCompare(b.start)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { date: isoDay, timeZone: zone, workingHours, engineers, generatedAt: now.toISOString() };
  });
}

/** The full R-DSP-2 ranking for one work order. */
export async function suggestions(db: Db, workOrderId: string) {
  const [w] = await workQuery(db).where(eq(workOrders.id, workOrderId));
  if (!w) throw notFound();
  return { workOrderId, items: rankEngineers(jobOf(w), await candidates(db)) };
}

// ---- the manager's at-risk list (R-SLA-4) ------------------------------------------------

type AtRiskItem = z.infer<typeof atRiskItemDto>;
const owner = alias(users, 'owner');

/**
 * Running clocks warned, breached, or at least 75 % through their window, with the request's
 * owner (R-REQ-2) and the lead engineer, earliest deadline first.
 */
export async function atRiskList(db: Db, q: z.infer<typeof atRiskQuery>, now = new Date()) {
  const rows = await db
    .select({
      clock: slaClocks,
      requestNumber: serviceRequests.number,
      urgency: serviceRequests.urgency,
      slaPolicyId: serviceRequests.slaPolicyId,
      customerName: customers.name,
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      workOrderStatus: workOrders.status,
      ownerId: serviceRequests.ownerId,
      ownerName: owner.displayName,
      leadId: workOrders.leadEngineerId,
      leadName: lead.displayName,
    })
    .from(slaClocks)
    .innerJoin(serviceRequests, eq(serviceRequests.id, slaClocks.requestId))
    .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
    .leftJoin(owner, eq(owner.id, serviceRequests.ownerId))
    .leftJoin(workOrders, eq(workOrders.requestId, serviceRequests.id))
    .leftJoin(lead, eq(lead.id, workOrders.leadEngineerId))
    .where(allOf(isNull(slaClocks.stoppedAt), q.kind ? eq(slaClocks.kind, q.kind) : undefined))
    .orderBy(asc(slaClocks.dueAt), asc(serviceRequests.number))
    .limit(10_000);
  const calendarOf = calendarsByPolicy(db);
  const items: AtRiskItem[] = [];
  for (const r of rows) {
    const c = r.clock;
    const { cal, count } = await calendarOf(r.slaPolicyId);
    const pct = percentElapsed(cal, c, now, count);
    const state: ClockState = clockState(c, pct, now, AT_RISK_PERCENT);
    if (state === 'ok' || (q.state && q.state !== state)) continue;
    items.push({
      clockId: c.id,
      kind: c.kind,
      basis: c.basis,
      state,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      percentElapsed: pct,
      paused: c.pausedAt !== null,
      requestId: c.requestId,
      requestNumber: r.requestNumber,
      urgency: r.urgency,
      customerName: r.customerName,
      serialNumber: r.serialNumber,
      modelName: r.modelName,
      workOrderId: r.workOrderId,
      workOrderNumber: r.workOrderNumber,
      workOrderStatus: r.workOrderStatus,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      leadId: r.leadId,
      leadName: r.leadName,
    });
  }
  return { items, total: items.length, generatedAt: now.toISOString() };
}

// ---- engineer profiles -------------------------------------------------------------------

type ProfileView = z.infer<typeof engineerProfileDto>;
type ProfileRow = { user: typeof users.$inferSelect; p: typeof engineerProfiles.$inferSelect | null };

function profileQuery(ex: Executor) {
  return ex.select({ user: users, p: engineerProfiles }).from(users).leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id));
}

async function views(ex: Executor, rows: ProfileRow[]): Promise<ProfileView[]> {
  const ids = [...new Set(rows.flatMap((r) => r.p?.modelIds ?? []))];
  const models = ids.length
    ? await ex.select({ id: deviceModels.id, code: deviceModels.code, name: deviceModels.name }).from(deviceModels).where(inArray(deviceModels.id, ids))
    : [];
  const byId = new Map(models.map((m) => [m.id, m]));
  const loads = await openLoads(ex);
  return rows.map(({ user, p }) => ({
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    userActive: user.active,
    version: p?.version ?? 0,
    modelIds: p?.modelIds ?? [],
    models: (p?.modelIds ?? []).flatMap((id) => byId.get(id) ?? []),
    categories: (p?.categories ?? []) as ProfileView['categories'],
    areas: p?.areas ?? [],
    homeBase: p?.homeBase ?? null,
    active: p?.active ?? true,
    notes: p?.notes ?? null,
    openLoad: loads.get(user.id) ?? 0,
    updatedAt: p ? p.updatedAt.toISOString() : null,
  }));
}

export async function listProfiles(db: Db, q: z.infer<typeof engineerProfileListQuery>) {
  const text = q.q?.trim();
  const p = text ? likePattern(text) : '';
  const where: SQL | undefined = allOf(
    isEngineer,
    text
      ? or(
          sql`${users.displayName} ilike ${p}`,
          sql`${users.username} ilike ${p}`,
          sql`${engineerProfiles.homeBase} ilike ${p}`,
          sql`array_to_string(${engineerProfiles.areas}, ' ') ilike ${p}`,
        )
      : undefined,
    q.active ? sql`coalesce(${engineerProfiles.active}, true) = ${q.active === 'true'}` : undefined,
    q.category ? sql`${engineerProfiles.categories} @> array[${q.category}]::text[]` : undefined,
    q.modelId ? sql`${engineerProfiles.modelIds} @> array[${q.modelId}]::uuid[]` : undefined,
  );
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users).leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id)).where(where);
  let items: ProfileView[];
  if (q.sort === 'openLoad' || q.sort === '-openLoad') {
    // Load is computed, not a column: sort all matching people (a company's engineers are a short list).
    const all = await views(db, await profileQuery(db).where(where).orderBy(asc(users.displayName), asc(users.id)));
    const dir = q.sort === 'openLoad' ? 1 : -1;
    items = all.sort((a, b) => dir * (a.openLoad - b.openLoad)).slice(offsetOf(q), offsetOf(q) + q.pageSize);
  } else {
    const order = orderFrom(q.sort, { displayName: users.displayName, username: users.username }, 'displayName', users.id);
    items = await views(
      db,
      await profileQuery(db)
        .where(where)
        .orderBy(...order)
        .limit(q.pageSize)
        .offset(offsetOf(q)),
    );
  }
  return { items, total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function getProfile(ex: Executor, userId: string): Promise<ProfileView> {
  const [row] = await profileQuery(ex).where(and(eq(users.id, userId), isEngineer));
  if (!row) throw notFound();
  return (await views(ex, [row]))[0];
}

/** Create (version 0) or replace (the version read) an engineer's profile; audited. */
export async function putProfile(db: Db, actor: Principal, userId: string, input: z.infer<typeof putEngineerProfileBody>) {
  const a = { id: actor.id, name: actor.displayName };
  await db.transaction(async (tx) => {
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), isEngineer));
    if (!u) throw notFound();
    const modelIds = [...new Set(input.modelIds)];
    if (modelIds.length) {
      const found = await tx.select({ id: deviceModels.id }).from(deviceModels).where(inArray(deviceModels.id, modelIds));
      if (found.length !== modelIds.length) {
        throw new AppError(422, 'invalid_reference', { field: 'modelIds' }, [{ field: 'modelIds', code: 'not_found' }]);
      }
    }
    const values = {
      modelIds,
      categories: [...new Set(input.categories)],
      areas: [...new Set(input.areas)],
      homeBase: input.homeBase ?? null,
      active: input.active,
      notes: input.notes ?? null,
    };
    const [current] = await tx.select().from(engineerProfiles).where(eq(engineerProfiles.userId, userId)).for('update');
    if (input.version === 0) {
      if (current) throw versionConflict(current.version);
      const [row] = await tx
        .insert(engineerProfiles)
        .values({ userId, ...values })
        .onConflictDoNothing({ target: engineerProfiles.userId })
        .returning();
      if (!row) {
        // Someone else created it between our read and insert.
        const [now] = await tx.select({ version: engineerProfiles.version }).from(engineerProfiles).where(eq(engineerProfiles.userId, userId));
        throw versionConflict(now?.version ?? 1);
      }
      await recordAudit(tx, { actor: a, entity: 'engineer_profile', entityId: row.id, action: 'create', after: row });
      return;
    }
    if (!current) throw versionConflict(0);
    await updateAudited(tx, a, 'engineer_profile', engineerProfiles, current.id, input.version, values, current);
  });
  return getProfile(db, userId);
}
