// Repair requests (R-REQ-1..3): the register, a request's detail, the urgency preview and the
// clock actions (respond, pause, resume). Registration itself is requests.registration.ts.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, users, workOrders } from '../../db/schema.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import { allOf, inOrderOf, likePattern, lockById, offsetOf, orderFrom, pageAndTotal, searchCondition, serialReads, updateAudited } from '../../lib/records.ts';
import { clocksOf, pauseClocks, resumeClocks, stopClock } from '../sla/index.ts';
import { customerInUnit } from '../units/index.ts';
import type { requestListQuery } from './requests.dto.ts';
import { requestsPolicy } from './requests.policy.ts';
import { isOpenRequest, proposeUrgency } from './requests.rules.ts';
import { loans, serviceRequests } from './requests.tables.ts';

const OPEN_STATUSES = ['open', 'dispatched', 'in_progress'] as const;

function baseQuery(ex: Executor) {
  return ex
    .select({
      r: serviceRequests,
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      customerName: customers.name,
      ownerName: users.displayName,
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      workOrderStatus: workOrders.status,
      workOrderKind: workOrders.kind,
      nextDueAt: sql<string | null>`(select min(c.due_at) from sla_clocks c where c.request_id = ${serviceRequests.id} and c.stopped_at is null)`,
    })
    .from(serviceRequests)
    .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
    .leftJoin(users, eq(users.id, serviceRequests.ownerId))
    .leftJoin(workOrders, eq(workOrders.requestId, serviceRequests.id));
}
type Row = Awaited<ReturnType<typeof baseQuery>>[number];

function view(row: Row) {
  const { r, nextDueAt, workOrderKind, ...rest } = row;
  return { ...plain(r), ...rest, kind: workOrderKind ?? ('repair' as const), nextDueAt: nextDueAt ? new Date(nextDueAt).toISOString() : null };
}

function scopeOf(user: Principal): SQL | undefined {
  const c = customerScope(user);
  return c === null ? undefined : eq(serviceRequests.customerId, c);
}

export async function listRequests(db: Db, user: Principal, q: z.infer<typeof requestListQuery>) {
  return serialReads(db, (tx) => listIn(tx, user, q));
}

async function listIn(db: Executor, user: Principal, q: z.infer<typeof requestListQuery>) {
  const text = q.q?.trim();
  const p = text ? likePattern(text) : '';
  // Filters over service_requests alone (the search a union of trigram-index lookups, resolved
  // once), so a page is chosen from one table's index and the joins run for its rows only.
  const where = allOf(
    scopeOf(user),
    text
      ? await searchCondition(
          db,
          serviceRequests.id,
          sql`select r.id from service_requests r where r.number ilike ${p} or r.reporter_phone ilike ${p} or r.fault_description ilike ${p}
            union all select r.id from service_requests r join devices d on d.id = r.device_id where d.serial_number ilike ${p}
            union all select r.id from service_requests r join customers cu on cu.id = r.customer_id where cu.name ilike ${p}`,
        )
      : undefined,
    q.status ? eq(serviceRequests.status, q.status) : undefined,
    q.open === 'true'
      ? inArray(serviceRequests.status, [...OPEN_STATUSES])
      : q.open === 'false'
        ? sql`${serviceRequests.status} in ('resolved','closed','cancelled')`
        : undefined,
    q.urgency ? eq(serviceRequests.urgency, q.urgency) : undefined,
    q.customerId ? eq(serviceRequests.customerId, q.customerId) : undefined,
    q.unitId ? customerInUnit(serviceRequests.customerId, q.unitId) : undefined,
    q.deviceId ? eq(serviceRequests.deviceId, q.deviceId) : undefined,
    kindCondition(q.kind),
  );
  const order = orderFrom(
    q.sort,
    {
      receivedAt: serviceRequests.receivedAt,
      number: serviceRequests.number,
      status: serviceRequests.status,
      urgency: sql`array_position(array['emergency','urgent','normal','low']::urgency[], ${serviceRequests.urgency})`,
    },
    '-receivedAt',
    serviceRequests.id,
  );
  const { ids, ...count } = await pageAndTotal(
    db,
    db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ id: serviceRequests.id }).from(serviceRequests).where(where),
  );
  const rows = ids.length ? inOrderOf(ids, await baseQuery(db).where(inArray(serviceRequests.id, ids)), (r) => r.r.id) : [];
  return { items: rows.map(view), ...count, page: q.page, pageSize: q.pageSize };
}

/**
 * Issue 12 item 1: a request is of its work order's kind; one not yet dispatched is a repair (the
 * other kinds are created with their work order, workorders create). A non-repair kind reads the
 * partial index work_orders_kind_idx.
 */
function kindCondition(kind: z.infer<typeof requestListQuery>['kind']): SQL | undefined {
  if (!kind) return undefined;
  if (kind === 'repair') return sql`not exists (select 1 from work_orders w where w.request_id = ${serviceRequests.id} and w.kind <> 'repair')`;
  return sql`exists (select 1 from work_orders w where w.request_id = ${serviceRequests.id} and w.kind = ${kind})`;
}

export async function getRequest(ex: Executor, user: Principal, id: string) {
  const [row] = await baseQuery(ex).where(allOf(eq(serviceRequests.id, id), scopeOf(user)));
  if (!row) throw notFound();
  const clocks = (await clocksOf(ex, id)).map((c) => ({ ...plain(c) }));
  const r = view(row);
  const [openLoan] = await ex
    .select({ id: loans.id })
    .from(loans)
    .where(and(eq(loans.requestId, id), eq(loans.status, 'open')))
    .limit(1);
  return {
    ...r,
    open: isOpenRequest(r.status),
    clocks: clocks.map(({ requestId: _r, policyId: _p, ...c }) => c),
    abilities: abilitiesOf(user, r.status, clocks, Boolean(openLoan)),
  };
}

/**
 * What this caller may do on this request now (issue 11 item 3): the policy for their roles and
 * the request's state — a finished request has no running clocks to answer, pause or resume, and
 * no loaner is lent for it; nor is a second while one is out (requests.loans lend).
 */
export function abilitiesOf(
  user: Principal,
  status: string,
  clocks: readonly { kind: string; pausedAt: string | null; stoppedAt: string | null; outcome: string | null }[],
  loanOpen: boolean,
) {
  const live = isOpenRequest(status);
  const paused = clocks.some((c) => c.pausedAt && !c.stoppedAt);
  const respondOpen = clocks.some((c) => c.kind === 'respond' && !c.stoppedAt && !c.outcome);
  const mayPause = can(user, requestsPolicy, 'pause') && live;
  return {
    respond: can(user, requestsPolicy, 'respond') && live && respondOpen,
    pause: mayPause && !paused,
    resume: mayPause && paused,
    lend: can(user, requestsPolicy, 'lend') && live && !loanOpen,
  };
}

/** R-REQ-3 for the registration form's preview: the urgency registering this unit would propose (the caller's units only). */
export async function urgencyProposal(ex: Executor, user: Principal, deviceId: string, deviceDown: boolean) {
  const scope = customerScope(user);
  const [d] = await ex
    .select({ criticality: deviceModels.criticality })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(allOf(eq(devices.id, deviceId), scope === null ? undefined : eq(devices.customerId, scope)));
  if (!d) throw notFound();
  return { urgency: proposeUrgency(d.criticality, deviceDown) };
}

async function lockRequest(tx: Executor, user: Principal, id: string, version: number) {
  const row = await lockById(tx, serviceRequests, id);
  const scope = customerScope(user);
  if (scope !== null && row.customerId !== scope) throw notFound();
  if (row.version !== version) throw new AppError(409, 'version_conflict', { current: row.version }, undefined, { currentVersion: row.version });
  return row;
}

/** The engineer or owner has contacted the customer: the respond clock stops (R-SLA-2). */
export async function recordResponse(db: Db, user: Principal, id: string, version: number, now = new Date()) {
  await db.transaction(async (tx) => {
    const r = await lockRequest(tx, user, id, version);
    const stopped = await stopClock(tx, id, 'respond', now);
    if (!stopped) throw new AppError(409, 'already_responded');
    await updateAudited(tx, { id: user.id, name: user.displayName }, 'service_request', serviceRequests, id, version, {}, r);
  });
}

export async function pauseRequestClocks(db: Db, user: Principal, id: string, version: number, reason: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const r = await lockRequest(tx, user, id, version);
    await pauseClocks(tx, id, now, reason);
    await updateAudited(tx, { id: user.id, name: user.displayName }, 'service_request', serviceRequests, id, version, {}, r);
  });
}

export async function resumeRequestClocks(db: Db, user: Principal, id: string, version: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const r = await lockRequest(tx, user, id, version);
    const clocks = await resumeClocks(tx, id, now);
    await updateAudited(tx, { id: user.id, name: user.displayName }, 'service_request', serviceRequests, id, version, {}, r);
    return clocks;
  });
}
