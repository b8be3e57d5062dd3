// Daily reports (R-WO-7): load the orders that were live during the company-local day with
// their events, then let reports.rules.ts aggregate. Read-only over the work-order, request
// and SLA tables.
import { and, arrayOverlaps, asc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { customers, departments, deviceModels, devices, liveSpan, serviceRequests, slaEvents, users, workOrderParts, workOrders } from '../../db/schema.ts';
import type { Principal, Role } from '../../lib/access.ts';
import { AppError } from '../../lib/errors.ts';
import { serialReads } from '../../lib/records.ts';
import { customerInUnit, unitSubtree } from '../units/index.ts';
import type { WorkOrderStatus } from '../workorders/index.ts';
import { mayReadTechnicianReportOf } from './reports.policy.ts';
import { type DayOrder, type DayWindow, dayWindow, type OrderEvent, type SlaEventRow, supervisorDay, technicianDay } from './reports.rules.ts';

const FIELD_ROLES: readonly Role[] = ['engineer', 'technician', 'technical_expert'];

function windowOf(date: string, timeZone: string): DayWindow {
  const w = dayWindow(date, timeZone);
  if (!w) throw new AppError(400, 'validation_failed', {}, [{ field: 'date', code: 'invalid_format', params: { format: 'YYYY-MM-DD' } }]);
  return w;
}

/** What a report reads of each live order beyond what its rules need (issue 17 item 4). */
interface LoadOptions {
  /** Only those the person ever acted on or was dispatched to. */
  userId?: string;
  /** Customer, department, model and serial of every order (the technician's rows show them all);
   * the supervisor's report names only the few orders it lists, by `fillNames`. */
  names: boolean;
  /** Each step's reason (the technician's steps show it). */
  reasons: boolean;
  /** R-ORG-1: only orders of customers this unit (or a team below it) serves. */
  unitId?: string;
}

/**
 * Orders live during the day: created before its end and not closed or cancelled before its
 * start; with `userId`, only those the person ever acted on or was dispatched to.
 */
async function loadOrders(ex: Executor, w: DayWindow, opts: LoadOptions): Promise<DayOrder[]> {
  const { userId } = opts;
  const conds: (SQL | undefined)[] = [
    // Served by work_orders_live_idx (GiST): a superset of the exact conditions that follow,
    // found without reading every order created before the day or closed after it.
    sql`${liveSpan(workOrders)} && tstzrange(${w.start.toISOString()}::timestamptz, ${w.end.toISOString()}::timestamptz, '[)')`,
    lt(workOrders.createdAt, w.end),
    or(isNull(workOrders.closedAt), gte(workOrders.closedAt, w.start)),
    or(isNull(workOrders.cancelledAt), gte(workOrders.cancelledAt, w.start)),
  ];
  if (userId) {
    conds.push(sql`exists (select 1 from work_order_events e where e.work_order_id = ${workOrders.id}
      and (e.actor_id = ${userId} or e.data->>'lead' = ${userId} or coalesce(e.data->'helpers', '[]'::jsonb) @> jsonb_build_array(${userId}::text)))`);
  }
  if (opts.unitId) conds.push(customerInUnit(workOrders.customerId, opts.unitId));
  const core = {
    id: workOrders.id,
    number: workOrders.number,
    createdAt: workOrders.createdAt,
    labourMinutes: workOrders.labourMinutes,
    travelMinutes: workOrders.travelMinutes,
    requestNumber: serviceRequests.number,
    category: serviceRequests.category,
    kind: workOrders.kind,
    urgency: serviceRequests.urgency,
    receivedAt: serviceRequests.receivedAt,
  };
  const rows: Omit<DayOrder, 'events' | 'parts'>[] = opts.names
    ? await ex
        .select({ ...core, ...NAMES })
        .from(workOrders)
        .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
        .innerJoin(customers, eq(customers.id, workOrders.customerId))
        .leftJoin(departments, eq(departments.id, serviceRequests.departmentId))
        .innerJoin(devices, eq(devices.id, workOrders.deviceId))
        .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
        .where(and(...conds))
        .orderBy(asc(workOrders.number))
    : (
        await ex
          .select(core)
          .from(workOrders)
          .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
          .where(and(...conds))
          .orderBy(asc(workOrders.number))
      ).map((r) => ({ ...r, customerName: '', departmentName: null, modelName: '', serialNumber: '' }));
  if (!rows.length) return [];
  // The orders' ids as one array parameter, not thousands of parameters to parse and plan.
  const idList = rows.map((r) => r.id);
  const ids = sql`any(${sql.param(idList)}::uuid[])`;
  // Each order's events by index (work_order_events_order_at_idx, migration 0078), in order within the order (all the
  // rules need): as one `= any(…)` condition the planner reads the whole events table for a busy
  // day's thousands of orders, and one sort of them all spills to disk.
  // A busy day is tens of thousands of events (26,000 at 1M work orders), so each row is kept
  // cheap to decode (issue 17 item 4): the order by its position in the array (an integer, not a
  // uuid), the instant as whole epoch milliseconds (a number, not a timestamp string to parse),
  // and of the step's data only the team the rules read (reports.rules teamOf).
  const eventsOf: OrderEvent[][] = rows.map(() => []);
  // The planner prices a bitmap scan and a sort per order below walking the index in order, and
  // is wrong by half at 1M work orders (≈50 vs ≈29 ms for a day's 4,700 orders); bitmap scans
  // are off for the rest of this read-only transaction (serialReads); what follows reads by key.
  await ex.execute(sql`select set_config('enable_bitmapscan', 'off', true)`);
  const events = await ex.execute<{
    i: number;
    from_status: WorkOrderStatus | null;
    to_status: WorkOrderStatus;
    at_ms: number;
    actor_id: string | null;
    actor_name: string;
    reason: string | null;
    lead: string | null;
    helpers: unknown;
  }>(sql`select o.i::int4 as i, e.from_status, e.to_status, floor(extract(epoch from e.at) * 1000)::float8 as at_ms,
      e.actor_id, e.actor_name, ${opts.reasons ? sql`e.reason` : sql`null::text`} as reason,
      case when jsonb_typeof(e.data->'lead') = 'string' then e.data->>'lead' end as lead, e.data->'helpers' as helpers
    from unnest(${sql.param(idList)}::uuid[]) with ordinality o(id, i)
    cross join lateral (select * from work_order_events e where e.work_order_id = o.id and e.at < ${w.end.toISOString()}::timestamptz
      order by e.at, e.id) e`);
  for (const e of events.rows) {
    eventsOf[Number(e.i) - 1]?.push({
      fromStatus: e.from_status,
      toStatus: e.to_status,
      at: new Date(Number(e.at_ms)),
      actorId: e.actor_id,
      actorName: e.actor_name,
      reason: e.reason,
      data: { lead: e.lead, helpers: e.helpers ?? null },
    });
  }
  const parts = await ex
    .select()
    .from(workOrderParts)
    .where(and(sql`${workOrderParts.workOrderId} = ${ids}`, gte(workOrderParts.createdAt, w.start), lt(workOrderParts.createdAt, w.end)))
    .orderBy(asc(workOrderParts.createdAt));
  // Grouped once: filtering the whole list per order is quadratic in a busy day's thousands.
  const group = <T extends { workOrderId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const list = m.get(x.workOrderId);
      if (list) list.push(x);
      else m.set(x.workOrderId, [x]);
    }
    return m;
  };
  const partsOf = group(parts);
  return rows.map((r, i) => ({ ...r, events: eventsOf[i] ?? [], parts: partsOf.get(r.id) ?? [] }));
}

/** The columns naming an order for people: its customer, department, model and serial. */
const NAMES = {
  customerName: customers.name,
  departmentName: departments.name,
  modelName: deviceModels.name,
  serialNumber: devices.serialNumber,
};

/**
 * Names for the orders a report lists (a few of a busy day's thousands), each looked up by key in
 * its own subquery: as joins, the planner hashed all 100,000 devices for 1,095 orders at 1M work
 * orders (90 ms; issue 17 item 4).
 */
async function fillNames<T extends { workOrderId: string; customerName: string; modelName: string; serialNumber: string }>(
  ex: Executor,
  items: T[],
): Promise<T[]> {
  if (!items.length) return items;
  // The device once per order (its serial and its model), by key.
  const found = (
    await ex.execute<{ id: string; customer_name: string; model_name: string; serial_number: string }>(sql`
      select w.id, (select c.name from customers c where c.id = w.customer_id) as customer_name, d.model_name, d.serial_number
      from work_orders w
      cross join lateral (select d.serial_number, (select m.name from device_models m where m.id = d.model_id) as model_name
        from devices d where d.id = w.device_id) d
      where w.id = any(${sql.param([...new Set(items.map((i) => i.workOrderId))])}::uuid[])`)
  ).rows.map((r) => ({ id: r.id, customerName: r.customer_name, modelName: r.model_name, serialNumber: r.serial_number }));
  const byId = new Map(found.map((f) => [f.id, f]));
  return items.map((i) => {
    const f = byId.get(i.workOrderId);
    return f ? { ...i, customerName: f.customerName, modelName: f.modelName, serialNumber: f.serialNumber } : i;
  });
}

export async function technicianDaily(ex: Executor, caller: Principal, q: { date: string; userId?: string }, timeZone: string, now = new Date()) {
  const w = windowOf(q.date, timeZone);
  const userId = q.userId ?? caller.id;
  const [person] = await ex.select({ id: users.id, name: users.displayName, roles: users.roles }).from(users).where(eq(users.id, userId));
  if (!person || person.roles.includes('customer_user')) {
    throw new AppError(422, 'invalid_reference', { field: 'userId' }, [{ field: 'userId', code: 'not_found' }]);
  }
  if (!mayReadTechnicianReportOf(caller, userId)) throw new AppError(403, 'report_own_only');
  const day = technicianDay(userId, await serialReads(ex, (tx) => loadOrders(tx, w, { userId, names: true, reasons: true })), w, now);
  return {
    date: w.date,
    timeZone,
    from: w.start.toISOString(),
    to: w.end.toISOString(),
    generatedAt: now.toISOString(),
    user: person,
    orders: day.rows.map((r) => ({
      workOrderId: r.order.id,
      number: r.order.number,
      requestNumber: r.order.requestNumber,
      customerName: r.order.customerName,
      departmentName: r.order.departmentName,
      modelName: r.order.modelName,
      serialNumber: r.order.serialNumber,
      category: r.order.category,
      kind: r.order.kind ?? 'repair',
      urgency: r.order.urgency,
      statusAtEnd: r.statusAtEnd,
      steps: r.events.map((e) => ({
        at: e.at.toISOString(),
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorName: e.actorName,
        own: e.actorId === userId,
        reason: e.reason,
      })),
      travelMinutes: r.travelMinutes,
      onSiteMinutes: r.onSiteMinutes,
      resolved: r.resolved,
      recordedLabourMinutes: r.order.labourMinutes,
      recordedTravelMinutes: r.order.travelMinutes,
      parts: r.order.parts.map((p) => ({ partNo: p.partNo, name: p.name, quantity: p.quantity })),
    })),
    totals: day.totals,
  };
}

export async function supervisorDaily(ex: Executor, q: { date: string; unitId?: string }, timeZone: string, now = new Date()) {
  const w = windowOf(q.date, timeZone);
  // The staff and the day's SLA events are read alongside the orders (on PostgreSQL, on other
  // connections of the pool; PGlite runs them one after another).
  const ordersRead = serialReads(ex, (tx) => loadOrders(tx, w, { names: false, reasons: false, unitId: q.unitId }));
  const staffRead = ex
    .select({ id: users.id, name: users.displayName, roles: users.roles })
    .from(users)
    // R-ORG-1: a unit's report lists the engineers of that unit (and its teams).
    .where(and(eq(users.active, true), arrayOverlaps(users.roles, [...FIELD_ROLES]), q.unitId ? sql`${users.unitId} in ${unitSubtree(q.unitId)}` : undefined))
    .orderBy(asc(users.displayName));
  // The day's events by time (sla_events_at_idx); clock kind and request number looked up per
  // event by primary key (a join would be planned as a scan of every clock).
  const slaRead = ex
    .select({
      clockId: slaEvents.clockId,
      requestId: slaEvents.requestId,
      requestNumber: sql<string>`(select r.number from service_requests r where r.id = ${slaEvents.requestId})`,
      kind: slaEvents.kind,
      clock: sql<SlaEventRow['clock']>`(select c.kind from sla_clocks c where c.id = ${slaEvents.clockId})`,
      at: slaEvents.at,
    })
    .from(slaEvents)
    .where(
      and(
        inArray(slaEvents.kind, ['warning', 'breach', 'breached']),
        gte(slaEvents.at, w.start),
        lt(slaEvents.at, w.end),
        q.unitId
          ? sql`exists (select 1 from service_requests r where r.id = ${slaEvents.requestId} and ${customerInUnit(sql`r.customer_id`, q.unitId)})`
          : sql`exists (select 1 from service_requests r where r.id = ${slaEvents.requestId})`,
      ),
    )
    .orderBy(asc(slaEvents.at), asc(slaEvents.id));
  const [orders, staff, sla] = await Promise.all([ordersRead, staffRead, slaRead]);
  // Names of anyone assigned who is not (or no longer) listed as field staff.
  const day = supervisorDay(staff, orders, sla as SlaEventRow[], w, now);
  const unnamed = day.engineers.filter((e) => !e.name).map((e) => e.userId);
  if (unnamed.length) {
    const found = await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unnamed));
    for (const e of day.engineers) e.name ||= found.find((f) => f.id === e.userId)?.name ?? e.userId;
  }
  const iso = <T extends { receivedAt: Date }>(o: T) => ({ ...o, receivedAt: o.receivedAt.toISOString() });
  // One statement names both lists.
  const named = await fillNames(ex, [...day.openEmergencies, ...day.sameDayMisses]);
  return {
    date: w.date,
    timeZone,
    from: w.start.toISOString(),
    to: w.end.toISOString(),
    generatedAt: now.toISOString(),
    ...day,
    openEmergencies: named.slice(0, day.openEmergencies.length).map(iso),
    sameDayMisses: named.slice(day.openEmergencies.length).map(iso),
    sla: { ...day.sla, events: day.sla.events.map((e) => ({ ...e, at: e.at.toISOString() })) },
  };
}
