// The after-service sweep (issue 4), every minute: plan follow-ups for work orders closed
// since the last run (R-FU-1), open their satisfaction surveys (R-SV-1), announce follow-ups
// whose window opened and complaint deadlines reached, then fan notifications out to the
// channels' outbox and deliver it. Every step is idempotent (unique indexes), so a late, repeated or
// concurrent run changes nothing.
import type { Db } from '../../db/client.ts';
import type { Queue } from '../../jobs/queue.ts';
import { deliver, fanOut } from '../channels/channels.service.ts';
import { remindDeadlines } from '../complaints/complaints.service.ts';
import { ensureSurveys } from '../surveys/surveys.service.ts';
import { planClosedWorkOrders, planStandingCadences, remindDue } from './followups.service.ts';

export async function careSweep(db: Db, timeZone: string, now = new Date(), publicUrl?: string) {
  const planned = await planClosedWorkOrders(db);
  const standing = await planStandingCadences(db, timeZone, now);
  const surveyed = await ensureSurveys(db, now);
  const reminded = await remindDue(db, now);
  const deadlines = await remindDeadlines(db, now, timeZone);
  // Every notice above (and every other module's) leaves by email / group robots from here.
  const fannedOut = await fanOut(db, 500, { timeZone, publicUrl });
  const delivered = await deliver(db, { now });
  return { planned, standing, surveyed, reminded, deadlines, fannedOut, delivered };
}

export async function registerCareJobs(queue: Queue, db: Db, timeZone: string, publicUrl?: string) {
  await queue.work('care.sweep', async () => {
    await careSweep(db, timeZone, new Date(), publicUrl);
  });
  await queue.boss.schedule('care.sweep', '* * * * *', {}, { tz: timeZone });
}
