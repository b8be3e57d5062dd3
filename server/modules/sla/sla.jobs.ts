// The SLA's minute jobs (R-SLA-4, R-SLA-3): fire due warnings and breaches, and raise loaner
// tasks at the 12-hour mark. One indexed query per concern instead of one timer per clock:
// nothing is lost across restarts, and running one twice or late changes nothing (each step is
// idempotent). The worker runs each as its own job (issue 11 item 5); jobs/sweeps.ts runs them
// in the former minute sweep's order with the other modules' concerns, for tests and the demo week.
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { serviceRequests, workOrders } from '../../db/schema.ts';
import { job, minuteSweep } from '../../jobs/define.ts';
import { notify, staffWithRoles } from '../notifications/index.ts';
import { loanerPlan } from './sla.rules.ts';
import { checkClock, insertClock, loadCalendar } from './sla.service.ts';
import { slaClocks, slaPolicies } from './sla.tables.ts';

/** Clocks whose warning (75 %) or deadline has come: each warned, then breached, once. */
export async function fireDueClocks(db: Db, now = new Date()): Promise<{ warned: number; breached: number }> {
  const result = { warned: 0, breached: 0 };
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
  return result;
}

/** R-SLA-3: on site 12 h or more and not restored, and no loaner task (or loan) yet: raise one. */
export async function raiseLoanerTasks(db: Db, now = new Date()): Promise<number> {
  let raised = 0;
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
    raised++;
  }
  return raised;
}

export const slaJobs = {
  'sla.clocks': job({ ...minuteSweep, run: ({ database }) => fireDueClocks(database.db) }),
  'sla.loaners': job({ ...minuteSweep, run: ({ database }) => raiseLoanerTasks(database.db) }),
};
