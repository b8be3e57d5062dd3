// The dispatch board (R-DSP-1, R-DSP-2; issue 10 item 12) customer service dispatches from.
// Everything is read on demand from the work orders and SLA clocks, so the board can never
// disagree with them; the sweep's marks (warned, breached, priority_dispatch) are honoured, and
// the same rules are also applied at read time so the board does not wait for the next sweep.
// Assignment itself is POST /work-orders/:id/dispatch (workorders).
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db, Executor } from '../../../db/client.ts';
import { workOrders } from '../../../db/schema.ts';
import { customerScope, type Principal } from '../../../lib/access.ts';
import type { BusinessCalendar } from '../../../lib/calendar.ts';
import { serialReads } from '../../../lib/records.ts';
import { abilitiesOf, actorsFor } from '../../workorders/index.ts';
import { calendarsByPolicy, runningClocks } from '../dispatch.clocks.ts';
import type { boardItemDto } from '../dispatch.dto.ts';
import { candidates } from '../dispatch.engineers.ts';
import { byDeadline, morningFlagger, percentElapsed, ranker } from '../dispatch.rules.ts';
import { jobOf, type WorkRow, workQuery } from '../dispatch.work.ts';

const SUGGESTIONS_ON_BOARD = 5;
/** Cards per lane; a lane's total says how many more there are (the work-order list has them all). */
const LANE_MAX = 100;

type BoardItem = z.infer<typeof boardItemDto>;

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
