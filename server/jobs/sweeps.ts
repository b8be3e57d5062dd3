// The two former minute sweeps as ordered compositions (issue 11 item 5), for tests, the demo
// week (seed/week.ts), the bench and chaos. The worker never runs them: it runs each concern as
// its own job, owned by its module (catalog.ts). Composed here, above the modules, so that no
// module imports another only to run it in order.
import type { Db } from '../db/client.ts';
import { deliverChannels } from '../modules/channels/index.ts';
import { remindDeadlines } from '../modules/complaints/index.ts';
import { announceMorning, flagUndispatched } from '../modules/dispatch/index.ts';
import { planClosedWorkOrders, planStandingCadences, remindDue } from '../modules/followups/index.ts';
import { fireDueClocks, raiseLoanerTasks } from '../modules/sla/index.ts';
import { ensureSurveys } from '../modules/surveys/index.ts';
import { flagSameDayMisses } from '../modules/workorders/index.ts';

export interface SweepResult {
  warned: number;
  breached: number;
  loanersRaised: number;
  flaggedForMorning: number;
  morningNotified: number;
  sameDayMissed: number;
}

/** The former minute sweep: sla.clocks, sla.loaners, dispatch.undispatched, dispatch.morning-notice, workorders.same-day-misses, in order. */
export async function sweep(db: Db, now = new Date()): Promise<SweepResult> {
  const { warned, breached } = await fireDueClocks(db, now);
  const loanersRaised = await raiseLoanerTasks(db, now);
  const calendars = new Map();
  const flaggedForMorning = await flagUndispatched(db, now, calendars);
  const morningNotified = await announceMorning(db, now, calendars);
  const sameDayMissed = await flagSameDayMisses(db, now);
  return { warned, breached, loanersRaised, flaggedForMorning, morningNotified, sameDayMissed };
}

/** The former care sweep: followups.plan-closed, followups.plan-standing, surveys.open, followups.remind-due, complaints.deadlines, channels.deliver, in order. */
export async function careSweep(db: Db, timeZone: string, now = new Date(), publicUrl?: string) {
  const planned = await planClosedWorkOrders(db);
  const standing = await planStandingCadences(db, timeZone, now);
  const surveyed = await ensureSurveys(db, now);
  const reminded = await remindDue(db, now);
  const deadlines = await remindDeadlines(db, now, timeZone);
  // Every notice above (and every other module's) leaves by email / group robots from here.
  const { fannedOut, delivered } = await deliverChannels(db, { timeZone, publicUrl, now });
  return { planned, standing, surveyed, reminded, deadlines, fannedOut, delivered };
}
