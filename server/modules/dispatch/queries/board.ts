// The dispatch board (R-DSP-1, R-DSP-2; issue 10 item 12) customer service dispatches from.
// Everything is read on demand from the work orders and SLA clocks, so the board can never
// disagree with them; the sweep's marks (warned, breached, priority_dispatch) are honoured, and
// the same rules are also applied at read time so the board does not wait for the next sweep.
// Each lane is its most urgent cards with the lane's total (issue 17 item 4): at 1M work orders
// thousands wait, and only the cards shown are read in full. Engineers are ranked for one job
// when the dispatcher opens it (GET /dispatch/suggestions), not for every card.
// Assignment itself is POST /work-orders/:id/dispatch (workorders).
import { type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db, Executor } from '../../../db/client.ts';
import { slaPolicies, workOrders } from '../../../db/schema.ts';
import { customerScope, type Principal } from '../../../lib/access.ts';
import { serialReads } from '../../../lib/records.ts';
import { holdSummary } from '../../holds/index.ts';
import { abilitiesOf, actorsFor } from '../../workorders/index.ts';
import { calendarsByPolicy, runningClocks } from '../dispatch.clocks.ts';
import type { boardItemDto, boardQuery } from '../dispatch.dto.ts';
import { byDeadline, flaggedIfReceivedBefore, percentElapsed } from '../dispatch.rules.ts';
import { type WorkRow, workQuery } from '../dispatch.work.ts';

type BoardItem = z.infer<typeof boardItemDto>;
type BoardQuery = z.infer<typeof boardQuery>;

/**
 * The dispatch board: work orders waiting for an engineer (flagged for the morning first,
 * R-DSP-1), assigned work whose clocks are past their warning point or overdue, the jobs
 * dispatched today (so an assigned job does not vanish), each lane capped at `q.limit` cards
 * with its total, all narrowed by urgency, region and customer when asked. Cards carry the
 * fault, the down status, the appointment and what the caller may do on each (issue 11 item 3).
 */
export async function board(db: Db, user: Principal, q: Partial<BoardQuery> = {}, now = new Date(), timeZone = 'Asia/Shanghai') {
  return serialReads(db, (tx) => boardIn(tx, user, { limit: 50, ...q }, now, timeZone));
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

type Lane = { id: string; number: string; next_due: Date | string | null; n: number | string };
/** The request's running (not paused) clock due first, kept on the work order by triggers (migration 0031, issue 10 item 6). */
const NEXT_DUE = sql`w.next_due_at`;

/** The board's filters on a work order `w` (urgency and region are the request's, looked up by key). */
function filtersOf(q: BoardQuery): SQL {
  const conds: SQL[] = [];
  if (q.customerId) conds.push(sql`and w.customer_id = ${q.customerId}::uuid`);
  // Issue 12: an added predicate on the work order itself.
  if (q.kind) conds.push(sql`and w.kind = ${q.kind}`);
  if (q.urgency || q.regionClass) {
    conds.push(sql`and exists (select 1 from service_requests r where r.id = w.request_id
      ${q.urgency ? sql`and r.urgency = ${q.urgency}` : sql``} ${q.regionClass ? sql`and r.region_class = ${q.regionClass}` : sql``})`);
  }
  return sql.join(conds, sql` `);
}

async function boardIn(db: Executor, user: Principal, q: BoardQuery, now: Date, timeZone: string) {
  const at = now.toISOString();
  const calendarOf = calendarsByPolicy(db);
  const filters = filtersOf(q);

  // R-DSP-1 per SLA policy as one instant: received before it (and still waiting) is flagged.
  const policyIds = (await db.select({ id: slaPolicies.id }).from(slaPolicies)).map((p) => p.id);
  const before = await Promise.all(policyIds.map(async (id) => flaggedIfReceivedBefore((await calendarOf(id)).cal, now)?.toISOString() ?? null));

  // Waiting: flagged first, then by next deadline; the totals count every waiting job (a narrow
  // index read with the request's fields by key), only the first `limit` ids come back.
  const waiting = (
    await db.execute<Lane & { flagged: boolean; nf: number | string }>(sql`
      select w.id, w.number, ${NEXT_DUE} as next_due, f.flagged, count(*) over () as n, count(*) filter (where f.flagged) over () as nf
      from work_orders w
      cross join lateral (select r.received_at, r.priority_dispatch, r.sla_policy_id from service_requests r where r.id = w.request_id offset 0) r
      cross join lateral (select coalesce(r.priority_dispatch or r.received_at < (select t.before
        from unnest(${sql.param(policyIds)}::uuid[], ${sql.param(before)}::timestamptz[]) t(policy_id, before)
        where t.policy_id = r.sla_policy_id), false) as flagged) f
      where w.status = 'new' ${filters}
      order by f.flagged desc, ${NEXT_DUE} nulls last, w.number
      limit ${q.limit}`)
  ).rows;
  const flaggedIds = new Set(waiting.filter((r) => r.flagged).map((r) => r.id));

  // At risk: assigned and not resolved, a running clock past its warning point, warned,
  // breached or overdue: the instant kept on the work order by the clock triggers (migration
  // 0075), so the lane is one range of a small partial index, whatever the open work.
  const risky = (
    await db.execute<Lane>(sql`
      select w.id, w.number, ${NEXT_DUE} as next_due, count(*) over () as n from work_orders w
      where w.status in ('dispatched','accepted','on_the_way','on_site','waiting_parts','taken_back') ${filters}
        and w.at_risk_from <= ${at}::timestamptz
      order by next_due nulls last, w.number limit ${q.limit}`)
  ).rows;

  // Assigned today: dispatched (or reassigned) during the company-local day, latest first.
  const day = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const today = (
    await db.execute<{ id: string; n: number | string }>(sql`
      select w.id, count(*) over () as n from work_orders w
      where w.dispatched_at >= ${day.toJSDate().toISOString()}::timestamptz and w.dispatched_at < ${day.plus({ days: 1 }).toJSDate().toISOString()}::timestamptz ${filters}
      order by w.dispatched_at desc, w.number limit ${q.limit}`)
  ).rows;

  const ids = [...new Set([...waiting.map((r) => r.id), ...risky.map((r) => r.id), ...today.map((r) => r.id)])];
  const rows = ids.length ? await workQuery(db).where(sql`${workOrders.id} = any(${sql.param(ids)}::uuid[])`) : [];
  const byId = new Map(rows.map((r) => [r.workOrderId, r]));
  // Only the clocks of the cards shown: all running clocks of a large database are far more.
  const clocks = await runningClocks(db, [...new Set(rows.map((r) => r.requestId))]);
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
    item = {
      workOrderId: w.workOrderId,
      workOrderNumber: w.workOrderNumber,
      version: w.version,
      status: w.status,
      kind: w.kind,
      plannedDate: w.plannedDate,
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
      deviceHold: holdSummary(w.deviceHold),
      abilities: cardAbilities(user, w),
    };
    cards.set(id, item);
    return item;
  };
  const lane = async (list: string[]) => (await Promise.all(list.map(card))).filter((x): x is BoardItem => x !== null);
  const unassigned = await lane(waiting.map((r) => r.id));
  return {
    unassigned,
    atRisk: (await lane(risky.map((r) => r.id))).sort(byDeadline),
    // The flagged come first in the waiting order, so their lane is the head of it.
    flaggedForMorning: unassigned.filter((c) => c.flagged),
    assignedToday: await lane(today.map((r) => r.id)),
    totals: {
      unassigned: Number(waiting[0]?.n ?? 0),
      atRisk: Number(risky[0]?.n ?? 0),
      flaggedForMorning: Number(waiting[0]?.nf ?? 0),
      assignedToday: Number(today[0]?.n ?? 0),
    },
    laneLimit: q.limit,
    today: day.toISODate() as string,
    generatedAt: at,
  };
}
