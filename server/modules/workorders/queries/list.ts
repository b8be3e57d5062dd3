import { asc, desc, eq, gte, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db, Executor } from '../../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests, sites, users } from '../../../db/schema.ts';
import { customerScope, type Principal } from '../../../lib/access.ts';
import { allOf, idsAndTotal, inOrderOf, likePattern, offsetOf, pageAndTotal, searchCondition, serialReads } from '../../../lib/records.ts';
import { customerInUnit } from '../../units/index.ts';
import type { workOrderListQuery } from '../workorders.dto.ts';
import { workOrders } from '../workorders.tables.ts';

/**
 * The list's filters over work_orders alone (joined tables only through indexed subqueries),
 * so a page is chosen from one table's index and the joins run for its rows only.
 */
async function listWhere(db: Executor, user: Principal, q: z.infer<typeof workOrderListQuery>, timeZone: string): Promise<SQL | undefined> {
  const scope = customerScope(user);
  const text = q.q?.trim();
  const p = text ? likePattern(text) : '';
  const day = (d: string, plus: number) => DateTime.fromISO(d, { zone: timeZone }).plus({ days: plus }).startOf('day').toJSDate();
  return allOf(
    scope === null ? undefined : eq(workOrders.customerId, scope),
    // A union, each branch served by a trigram index (an OR across the joined tables could
    // only be checked row by row over the whole table), resolved once for the page's queries.
    text
      ? await searchCondition(
          db,
          workOrders.id,
          sql`select w.id from work_orders w where w.number ilike ${p}
            union all select w.id from work_orders w join service_requests r on r.id = w.request_id where r.number ilike ${p}
            union all select w.id from work_orders w join devices d on d.id = w.device_id where d.serial_number ilike ${p}
            union all select w.id from work_orders w join customers cu on cu.id = w.customer_id where cu.name ilike ${p}`,
        )
      : undefined,
    q.status ? inArray(workOrders.status, q.status) : undefined,
    // Lead or helper: the helper's orders fetched once as an array, so both sides of the OR are
    // index lookups (an OR with a correlated subquery would be checked row by row).
    q.mine === 'true'
      ? sql`(${workOrders.leadEngineerId} = ${user.id}
          or ${workOrders.id} = any(array(select h.work_order_id from work_order_helpers h where h.user_id = ${user.id})))`
      : undefined,
    q.leadId ? eq(workOrders.leadEngineerId, q.leadId) : undefined,
    q.customerId ? eq(workOrders.customerId, q.customerId) : undefined,
    q.unitId ? customerInUnit(workOrders.customerId, q.unitId) : undefined,
    q.deviceId ? eq(workOrders.deviceId, q.deviceId) : undefined,
    q.requestId ? eq(workOrders.requestId, q.requestId) : undefined,
    // Issue 12: an added predicate; non-repair kinds read the small partial index work_orders_kind_idx.
    q.kind ? eq(workOrders.kind, q.kind) : undefined,
    q.urgency ? sql`exists (select 1 from service_requests r where r.id = ${workOrders.requestId} and r.urgency = ${q.urgency})` : undefined,
    q.from ? gte(workOrders.createdAt, day(q.from, 0)) : undefined,
    q.to ? lt(workOrders.createdAt, day(q.to, 1)) : undefined,
  );
}

/**
 * Ids of one page in next-deadline order (soonest first, ties oldest first; `-deadline` the exact
 * reverse; jobs without a running clock last in either direction, oldest first), as one uuid[]
 * expression over index ranges of
 * work_orders alone: the jobs with a running clock by `next_due_at` (kept by triggers on
 * sla_clocks, migration 0031), then — only as many as the page still lacks, past as many as the
 * running jobs did not cover — the rest in creation order. No join and no correlated subquery on
 * the clocks, so the plan is the same with fresh, stale or no statistics (issue 10 item 6: the old
 * clocks-to-orders join took seconds at 1,300 open requests on a database never analyzed). Cost ∝
 * the page's offset, not the table. Two arrays concatenated, so the order is each subquery's own,
 * never left to the executor. The caller runs it with explicit sorts off (serialReads `sort:
 * false`): without statistics the planner may guess a filter keeps few rows and sort them all
 * instead of walking the index. (`offset 0` keeps the running ids one subquery, read once.)
 */
function deadlineIds(ex: Executor, where: SQL | undefined, descending: boolean, limit: number, offset: number): SQL {
  const running = allOf(isNotNull(workOrders.nextDueAt), where);
  const first = ex
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(running)
    // Latest deadline first is the exact reverse (ties newest first): one backward walk of the
    // index. Ties kept oldest first made an Incremental Sort read each whole tie group, e.g. the
    // ~200 calls of a night or a weekend that share the next morning's deadline.
    .orderBy(
      ...(descending
        ? [desc(workOrders.nextDueAt), desc(workOrders.createdAt), desc(workOrders.id)]
        : [asc(workOrders.nextDueAt), asc(workOrders.createdAt), asc(workOrders.id)]),
    )
    .limit(limit)
    .offset(offset);
  // Running jobs before this page (at most the offset): where the page starts among the rest.
  const before = sql`(select count(*) from (select 1 from ${workOrders} where ${running} limit ${sql.raw(String(offset))}) b)`;
  const rest = sql`select ${workOrders.id} from ${workOrders} where ${allOf(isNull(workOrders.nextDueAt), where)}
    order by ${workOrders.createdAt}, ${workOrders.id}
    limit greatest(0, ${sql.raw(String(limit))} - cardinality(page.ids)) offset greatest(0, ${sql.raw(String(offset))} - ${before})`;
  return sql`(select page.ids || array(${rest}) from (select array(${first}) as ids offset 0) page)`;
}

/** The work-order list (dispatch board, "my jobs", a device's or customer's jobs). */
export async function listWorkOrders(db: Db, user: Principal, q: z.infer<typeof workOrderListQuery>, timeZone = 'Asia/Shanghai') {
  const byDeadline = (q.sort ?? 'deadline').replace(/^-/, '') === 'deadline';
  return serialReads(db, (tx) => listIn(tx, user, q, timeZone), { sort: !byDeadline });
}

async function listIn(db: Executor, user: Principal, q: z.infer<typeof workOrderListQuery>, timeZone: string) {
  const where = await listWhere(db, user, q, timeZone);
  const sort = q.sort ?? 'deadline';
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const dir = (c: SQL | typeof workOrders.number) => (descending ? desc(c) : asc(c));
  const matching = db.select({ id: workOrders.id }).from(workOrders).where(where);
  // The page's ids and its total in one statement (issue 17 item 3).
  const { ids, ...count } =
    key === 'deadline'
      ? await idsAndTotal(db, deadlineIds(db, where, descending, q.pageSize, offsetOf(q)), matching)
      : await pageAndTotal(
          db,
          db
            .select({ id: workOrders.id })
            .from(workOrders)
            .where(where)
            .orderBy(key === 'number' ? dir(workOrders.number) : dir(sql`${workOrders.createdAt}`), asc(workOrders.id))
            .limit(q.pageSize)
            .offset(offsetOf(q)),
          matching,
        );
  const found = ids.length
    ? await db
        .select({
          wo: workOrders,
          requestNumber: serviceRequests.number,
          urgency: serviceRequests.urgency,
          serviceCategory: serviceRequests.category,
          regionClass: serviceRequests.regionClass,
          serialNumber: devices.serialNumber,
          modelName: deviceModels.name,
          customerName: customers.name,
          siteName: sites.name,
          leadName: users.displayName,
          nextDeadlineAt: workOrders.nextDueAt,
          nextDeadlineKind: workOrders.nextDueKind,
        })
        .from(workOrders)
        .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
        .innerJoin(devices, eq(devices.id, workOrders.deviceId))
        .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
        .innerJoin(customers, eq(customers.id, workOrders.customerId))
        .leftJoin(sites, eq(sites.id, serviceRequests.siteId))
        .leftJoin(users, eq(users.id, workOrders.leadEngineerId))
        .where(inArray(workOrders.id, ids))
    : [];
  const rows = inOrderOf(ids, found, (r) => r.wo.id);
  return {
    items: rows.map((r) => ({
      id: r.wo.id,
      number: r.wo.number,
      version: r.wo.version,
      status: r.wo.status,
      kind: r.wo.kind,
      plannedDate: r.wo.plannedDate,
      requestId: r.wo.requestId,
      requestNumber: r.requestNumber,
      urgency: r.urgency,
      serviceCategory: r.serviceCategory,
      deviceId: r.wo.deviceId,
      serialNumber: r.serialNumber,
      modelName: r.modelName,
      customerId: r.wo.customerId,
      customerName: r.customerName,
      siteName: r.siteName,
      regionClass: r.regionClass,
      leadId: r.wo.leadEngineerId,
      leadName: r.leadName,
      appointmentAt: r.wo.appointmentAt?.toISOString() ?? null,
      nextDeadlineAt: r.nextDeadlineAt ? r.nextDeadlineAt.toISOString() : null,
      nextDeadlineKind: r.nextDeadlineKind,
      degradedAt: r.wo.degradedAt?.toISOString() ?? null,
      createdAt: r.wo.createdAt.toISOString(),
      updatedAt: r.wo.updatedAt.toISOString(),
    })),
    ...count,
    page: q.page,
    pageSize: q.pageSize,
  };
}
