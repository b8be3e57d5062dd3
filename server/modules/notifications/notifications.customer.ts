// R-CN-1 (seed 004 §7.2, seed 001 §5): the hospital is told how its case progresses and when it
// is done — engineer assigned (name, phone, planned arrival), engineer on site, repaired —
// please sign, the satisfaction survey right after signing, archived — report available.
//
// Who hears it: every active hospital user (role customer_user) of the customer that owns the
// work order. A portal report's reporter is one of them; a request taken by phone has no user
// behind the reporter's name, and users carry no department, so the hospital's portal users are
// the inbox. Never a user of another customer.
//
// How: the notice is an in-app notification written in the transaction of the step itself
// (outbox style: notify() → fanOut → email per the user's preferences), rendered in the reader's
// language when read or mailed. A step that is retried or replayed (Idempotency-Key, version
// check) commits once, so it is told once; notify() also drops an identical notice written
// minutes before.
import { and, arrayContains, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { serviceRequests, slaClocks, users } from '../../db/schema.ts';
import { type NotificationKind, notify } from './notifications.service.ts';

export const CUSTOMER_KINDS: ReadonlySet<string> = new Set<NotificationKind>([
  'customer_assigned',
  'customer_on_site',
  'customer_resolved',
  'customer_survey',
  'customer_archived',
  // Seed 002 事先告知客户: the advance notice of a planned maintenance visit (maintenance.plans.service.ts).
  'maintenance_notice',
  'contract_expiry_notice',
  'quote_sent',
]);

/** The hospital's portal users: active, role customer_user, of that customer only. */
export async function hospitalUsers(ex: Executor, customerId: string): Promise<string[]> {
  const rows = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.active, true), arrayContains(users.roles, ['customer_user'])));
  return rows.map((r) => r.id);
}

interface Job {
  id: string;
  number: string;
  requestId: string;
  customerId: string;
  leadEngineerId: string | null;
}

async function requestNumberOf(ex: Executor, requestId: string): Promise<string> {
  const [r] = await ex.select({ number: serviceRequests.number }).from(serviceRequests).where(eq(serviceRequests.id, requestId));
  return r?.number ?? '';
}

async function engineerOf(ex: Executor, id: string | null) {
  if (!id) return { name: '', phone: null as string | null };
  const [u] = await ex.select({ name: users.displayName, phone: users.phone }).from(users).where(eq(users.id, id));
  return { name: u?.name ?? '', phone: u?.phone ?? null };
}

/**
 * The planned arrival: the appointment agreed with the hospital (dispatch, issue 10 item 12)
 * when there is one, else the deadline of the running arrive clock (R-SLA-2) — "by then at the
 * latest". Neither (e.g. solved by phone before dispatch): nothing is promised.
 */
async function plannedArrival(ex: Executor, job: Job): Promise<{ plannedAt: string | null; plannedKind: 'appointment' | 'deadline' | null }> {
  const appointment = (job as { appointmentAt?: Date | null }).appointmentAt;
  if (appointment instanceof Date) return { plannedAt: appointment.toISOString(), plannedKind: 'appointment' };
  const [c] = await ex
    .select({ dueAt: slaClocks.dueAt })
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, job.requestId), eq(slaClocks.kind, 'arrive'), isNull(slaClocks.stoppedAt)))
    .limit(1);
  return c ? { plannedAt: c.dueAt.toISOString(), plannedKind: 'deadline' } : { plannedAt: null, plannedKind: null };
}

const ref = (job: Job) => ({ entity: 'work_order', id: job.id });

/**
 * Called by the work-order state machine after every step, inside its transaction (`job` is the
 * work order after the step). Steps the hospital does not need to hear of are silent.
 */
export async function tellHospitalOfStep(ex: Executor, job: Job, from: string, to: string, now: Date) {
  const kind: NotificationKind | null =
    to === 'dispatched'
      ? 'customer_assigned'
      : to === 'on_site'
        ? 'customer_on_site'
        : to === 'resolved'
          ? 'customer_resolved'
          : to === 'closed'
            ? 'customer_archived'
            : null;
  if (!kind) return;
  const readers = await hospitalUsers(ex, job.customerId);
  if (readers.length === 0) return;
  const number = await requestNumberOf(ex, job.requestId);
  const base = { number, workOrder: job.number };
  if (kind === 'customer_assigned') {
    const lead = await engineerOf(ex, job.leadEngineerId);
    await notify(ex, readers, kind, { ...base, engineer: lead.name, phone: lead.phone, ...(await plannedArrival(ex, job)) }, ref(job));
  } else if (kind === 'customer_on_site') {
    const lead = await engineerOf(ex, job.leadEngineerId);
    await notify(ex, readers, kind, { ...base, engineer: lead.name, arrivedAt: now.toISOString() }, ref(job));
  } else if (kind === 'customer_resolved') {
    // Sent back by the reviewer: the corrected report needs a new signature.
    await notify(ex, readers, kind, { ...base, again: from === 'signed_off' ? 1 : 0 }, ref(job));
  } else {
    await notify(ex, readers, kind, base, ref(job));
  }
}

/**
 * Right after the customer signs (R-SV-1 + R-CN-1): the survey of this call with its signed,
 * single-use link (surveys.service issues it). The link is a bearer key for this one survey,
 * stored in the notice's parameters so that the inbox and the email carry it; only this
 * hospital's users receive it.
 */
export async function tellHospitalSurvey(ex: Executor, job: Job, survey: { surveyId: string; token: string | null; expiresAt: Date }) {
  const readers = await hospitalUsers(ex, job.customerId);
  if (readers.length === 0) return;
  const number = await requestNumberOf(ex, job.requestId);
  await notify(
    ex,
    readers,
    'customer_survey',
    { number, workOrder: job.number, surveyId: survey.surveyId, surveyToken: survey.token, expiresAt: survey.expiresAt.toISOString() },
    ref(job),
  );
}
