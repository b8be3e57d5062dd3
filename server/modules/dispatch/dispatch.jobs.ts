// Dispatch's minute jobs (R-DSP-1): a request still not dispatched when the working day closed
// is flagged for the morning, and the flagged ones are announced once to the dispatchers and
// service managers when the next working day opens. Each step idempotent (a row lock, a
// conditional update), so a late, repeated or concurrent run changes nothing.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { serviceRequests, slaPolicies } from '../../db/schema.ts';
import { job, minuteSweep } from '../../jobs/define.ts';
import { recordAudit, systemActor } from '../../lib/audit.ts';
import type { BusinessCalendar } from '../../lib/calendar.ts';
import { updateAudited } from '../../lib/records.ts';
import { notify, staffWithRoles } from '../notifications/index.ts';
import { morningNoticeAt } from '../requests/index.ts';
import { loadCalendar } from '../sla/index.ts';
import { recipientsForUnit } from '../units/index.ts';
import { undispatchedFlagAt } from './dispatch.rules.ts';

/** Business calendars by SLA policy id, read once per run. */
type Calendars = Map<string, BusinessCalendar>;

/** R-DSP-1: open requests past the close of business that received them get the priority flag. */
export async function flagUndispatched(db: Db, now = new Date(), calendars: Calendars = new Map()): Promise<number> {
  let n = 0;
  const waiting = await db
    .select({ id: serviceRequests.id, receivedAt: serviceRequests.receivedAt, slaPolicyId: serviceRequests.slaPolicyId })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.status, 'open'), eq(serviceRequests.priorityDispatch, false)))
    .orderBy(asc(serviceRequests.receivedAt))
    .limit(5000);
  // The flag instant never decreases with the receiving time, so once one request of a policy
  // is not due, none received later is: the rest of that policy is skipped (bench/timers.ts).
  const notYet = new Set<string>();
  for (const r of waiting) {
    if (notYet.has(r.slaPolicyId)) continue;
    let cal = calendars.get(r.slaPolicyId);
    if (!cal) {
      const [policy] = await db.select({ calendarId: slaPolicies.calendarId }).from(slaPolicies).where(eq(slaPolicies.id, r.slaPolicyId));
      cal = await loadCalendar(db, policy.calendarId);
      calendars.set(r.slaPolicyId, cal);
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
    if (flagged) n++;
  }
  return n;
}

/**
 * Requests still waiting with the priority flag get one notice to the dispatchers and the
 * service managers at the first working instant after the close of business that flagged
 * them. `priority_notified_at` is set by a conditional update, so two sweeps never both send.
 */
export async function announceMorning(db: Db, now = new Date(), calendars: Calendars = new Map()): Promise<number> {
  const flagged = await db
    .select({
      id: serviceRequests.id,
      number: serviceRequests.number,
      receivedAt: serviceRequests.receivedAt,
      slaPolicyId: serviceRequests.slaPolicyId,
      customerId: serviceRequests.customerId,
    })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.status, 'open'), eq(serviceRequests.priorityDispatch, true), isNull(serviceRequests.priorityNotifiedAt)))
    .orderBy(asc(serviceRequests.receivedAt))
    .limit(5000);
  let sent = 0;
  const notYet = new Set<string>();
  for (const r of flagged) {
    if (notYet.has(r.slaPolicyId)) continue;
    let cal = calendars.get(r.slaPolicyId);
    if (!cal) {
      const [policy] = await db.select({ calendarId: slaPolicies.calendarId }).from(slaPolicies).where(eq(slaPolicies.id, r.slaPolicyId));
      cal = await loadCalendar(db, policy.calendarId);
      calendars.set(r.slaPolicyId, cal);
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
      // R-ORG-1: the dispatchers, and the customer's unit manager first (service managers per the copy rule).
      const to = await recipientsForUnit(tx, { customerId: r.customerId, event: 'morning_notice', extra: await staffWithRoles(tx, ['dispatcher']) });
      await notify(tx, to, 'priority_dispatch', { number: r.number, flaggedAt: flaggedAt.toISOString() }, { entity: 'service_request', id: r.id });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export const dispatchJobs = {
  'dispatch.undispatched': job({ ...minuteSweep, run: ({ database }) => flagUndispatched(database.db) }),
  'dispatch.morning-notice': job({ ...minuteSweep, run: ({ database }) => announceMorning(database.db) }),
};
