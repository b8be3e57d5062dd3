// Follow-ups' minute jobs (issue 4, R-FU-1, R-FU-2): plan follow-ups for work orders reviewed or
// closed since the last run, plan the standing cadences of devices, and announce follow-ups
// whose window opened. Every step is idempotent (unique indexes, queues filled by triggers), so a
// late, repeated or concurrent run changes nothing. `careSweep` runs every concern of the former
// after-service sweep in its order (for tests, the demo week and the bench); the worker runs each
// as its own job, owned by its module (issue 11 item 5).
import type { Db } from '../../db/client.ts';
import { job, minuteSweep } from '../../jobs/define.ts';
import { deliverChannels } from '../channels/index.ts';
import { remindDeadlines } from '../complaints/index.ts';
import { ensureSurveys } from '../surveys/index.ts';
import { planClosedWorkOrders, planStandingCadences, remindDue } from './followups.service.ts';

export const followupsJobs = {
  'followups.plan-closed': job({ ...minuteSweep, run: ({ database }) => planClosedWorkOrders(database.db) }),
  'followups.plan-standing': job({ ...minuteSweep, run: ({ database, timeZone }) => planStandingCadences(database.db, timeZone, new Date()) }),
  'followups.remind-due': job({ ...minuteSweep, run: ({ database }) => remindDue(database.db, new Date()) }),
};

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
