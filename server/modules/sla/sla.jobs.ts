// The SLA sweep: once a minute, fire due warnings and breaches (R-SLA-4), raise loaner tasks
// at the 12-hour mark (R-SLA-3) and flag requests left undispatched past close of business
// (R-DSP-1), and jobs that missed the same-day rule (R-WO-6). One indexed query per concern instead of one timer per clock: nothing is lost
// across restarts, and running it twice or late changes nothing (each step is idempotent).
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Queue } from '../../jobs/queue.ts';
import { recordAudit, systemActor } from '../../lib/audit.ts';
import type { BusinessCalendar } from '../../lib/calendar.ts';
import { updateAudited } from '../../lib/records.ts';
import { undispatchedFlagAt } from '../dispatch/dispatch.rules.ts';
import { notify, staffWithRoles } from '../notifications/notifications.service.ts';
import { morningNoticeAt } from '../requests/requests.rules.ts';
import { serviceRequests } from '../requests/requests.tables.ts';
import { flagSameDayMisses } from '../workorders/workorders.sameday.ts';
import { workOrders } from '../workorders/workorders.tables.ts';
import { loanerPlan } from './sla.rules.ts';
import { checkClock, insertClock, loadCalendar } from './sla.service.ts';
import { slaClocks, slaPolicies } from './sla.tables.ts';

export interface SweepResult {
  warned: number;
  breached: number;
  loanersRaised: number;
  flaggedForMorning: number;
  morningNotified: number;
  sameDayMissed: number;
}

export async function sweep(db: Db, now = new Date()): Promise<SweepResult> {
  const result: SweepResult = { warned: 0, breached: 0, loanersRaised: 0, flaggedForMorning: 0, morningNotified: 0, sameDayMissed: 0 };
  const due = await db
    .select({ id: slaClocks.id })
    .from(slaClocks)
    .where(
      and(
        isNull(slaClocks.stoppedAt),
        isNull(slaClocks.pausedAt),
        or(and(isNull(slaClocks.warnedAt), lte(slaClocks.warnAt, now)), and(isNull(slaClocks.breachedAt), lte(slaClocks.dueAt, now))),
      ),
    )
    .limit(5000);
  for (const { id } of due) {
    // A clock past both instants gets its warning, then its breach, in two short transactions.
    for (let i = 0; i < 2; i++) {
      const r = await db.transaction((tx) => checkClock(tx, id, now));
      if (r === 'warned') result.warned++;
      if (r === 'breached') result.breached++;
      if (r === 'none') break;
    }
  }

  // R-SLA-3: on site 12 h or more and not restored, and no loaner task yet.
  const stuck = await db
    .select({ wo: workOrders, request: serviceRequests })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .where(
      and(
        inArray(workOrders.status, ['on_site', 'waiting_parts', 'taken_back']),
        sql`${workOrders.arrivedAt} is not null`,
        sql`not exists (select 1 from sla_clocks c where c.request_id = ${serviceRequests.id} and c.kind = 'loaner')`,
        // A loaner already in place: nothing left to ask for.
        sql`not exists (select 1 from loans l where l.request_id = ${serviceRequests.id})`,
      ),
    )
    .limit(1000);
  for (const { wo, request } of stuck) {
    const [policy] = await db.select().from(slaPolicies).where(eq(slaPolicies.id, request.slaPolicyId));
    const plan = loanerPlan(policy.rules, request.receivedAt, wo.arrivedAt as Date);
    if (plan.raiseAt.getTime() > now.getTime()) continue;
    await db.transaction(async (tx) => {
      const cal = await loadCalendar(tx, policy.calendarId);
      const minutes = Math.max(0, Math.round((plan.dueAt.getTime() - plan.raiseAt.getTime()) / 60_000));
      await insertClock(tx, cal, policy.rules.warnAt, request.id, 'loaner', { minutes, basis: 'calendar' }, plan.raiseAt, policy.id);
      const to = [...(request.ownerId ? [request.ownerId] : []), ...(await staffWithRoles(tx, ['service_manager']))];
      await notify(tx, to, 'loaner_needed', { number: request.number, dueAt: plan.dueAt.toISOString() }, { entity: 'service_request', id: request.id });
    });
    result.loanersRaised++;
  }

  // R-DSP-1: still not dispatched when the working day closed → first thing next morning.
  const waiting = await db
    .select({ id: serviceRequests.id, receivedAt: serviceRequests.receivedAt, slaPolicyId: serviceRequests.slaPolicyId })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.status, 'open'), eq(serviceRequests.priorityDispatch, false)))
    .orderBy(asc(serviceRequests.receivedAt))
    .limit(5000);
  const calendarOfPolicy = new Map<string, BusinessCalendar>();
  // The flag instant never decreases with the receiving time, so once one request of a policy
  // is not due, none received later is: the rest of that policy is skipped (bench/timers.ts).
  const notYet = new Set<string>();
  for (const r of waiting) {
    if (notYet.has(r.slaPolicyId)) continue;
    let cal = calendarOfPolicy.get(r.slaPolicyId);
    if (!cal) {
      const [policy] = await db.select({ calendarId: slaPolicies.calendarId }).from(slaPolicies).where(eq(slaPolicies.id, r.slaPolicyId));
      cal = await loadCalendar(db, policy.calendarId);
      calendarOfPolicy.set(r.slaPolicyId, cal);
    }
    if (undispatchedFlagAt(cal, r.receivedAt).getTime() > now.getTime()) {
      notYet.add(r.slaPolicyId);
      continue;
    }
    const flagged = await db.transaction(async (tx) => {
      const [cur] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, r.id)).for('update');
      if (cur?.status !== 'open' || cur.priorityDispatch) return false; // dispatched meanwhile
      await updateAudited(tx, systemActor, 'service_request', serviceRequests, r.id, cur.version, { priorityDispatch: true }, cur);
      return true;
    });
    if (flagged) result.flaggedForMorning++;
  }

  // R-DSP-1: the flagged requests, announced once when the next working day opens.
  result.morningNotified = await announceMorning(db, now, calendarOfPolicy);

  // R-WO-6: taken today, not solved by close of business → reason and promised date owed.
  result.sameDayMissed = await flagSameDayMisses(db, now);
  return result;
}

/**
 * Requests still waiting with the priority flag get one notice to the dispatchers and the
 * service managers at the first working instant after the close of business that flagged
 * them. `priority_notified_at` is set by a conditional update, so two sweeps never both send.
 */
async function announceMorning(db: Db, now: Date, calendarOfPolicy: Map<string, BusinessCalendar>): Promise<number> {
  const flagged = await db
    .select({ id: serviceRequests.id, number: serviceRequests.number, receivedAt: serviceRequests.receivedAt, slaPolicyId: serviceRequests.slaPolicyId })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.status, 'open'), eq(serviceRequests.priorityDispatch, true), isNull(serviceRequests.priorityNotifiedAt)))
    .orderBy(asc(serviceRequests.receivedAt))
    .limit(5000);
  let sent = 0;
  const notYet = new Set<string>();
  for (const r of flagged) {
    if (notYet.has(r.slaPolicyId)) continue;
    let cal = calendarOfPolicy.get(r.slaPolicyId);
    if (!cal) {
      const [policy] = await db.select({ calendarId: slaPolicies.calendarId }).from(slaPolicies).where(eq(slaPolicies.id, r.slaPolicyId));
      cal = await loadCalendar(db, policy.calendarId);
      calendarOfPolicy.set(r.slaPolicyId, cal);
    }
    const flaggedAt = undispatchedFlagAt(cal, r.receivedAt);
    const noticeAt = morningNoticeAt(cal, flaggedAt);
    if (noticeAt.getTime() > now.getTime()) {
      notYet.add(r.slaPolicyId); // later ones are announced no earlier
      continue;
    }
    const done = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(serviceRequests)
        .set({ priorityNotifiedAt: now })
        .where(
          and(
            eq(serviceRequests.id, r.id),
            eq(serviceRequests.status, 'open'),
            eq(serviceRequests.priorityDispatch, true),
            isNull(serviceRequests.priorityNotifiedAt),
          ),
        )
        .returning({ id: serviceRequests.id });
      if (!claimed) return false;
      await recordAudit(tx, {
        actor: systemActor,
        entity: 'service_request',
        entityId: r.id,
        action: 'priority_notified',
        after: { priorityNotifiedAt: now.toISOString(), flaggedAt: flaggedAt.toISOString() },
      });
      const to = await staffWithRoles(tx, ['dispatcher', 'service_manager']);
      await notify(tx, to, 'priority_dispatch', { number: r.number, flaggedAt: flaggedAt.toISOString() }, { entity: 'service_request', id: r.id });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export async function registerSlaJobs(queue: Queue, db: Db, timeZone: string) {
  await queue.work('sla.sweep', async () => {
    await sweep(db);
  });
  await queue.boss.schedule('sla.sweep', '* * * * *', {}, { tz: timeZone });
}
