// Appointments (issue 10 item 12): until when one can be agreed or moved, the running arrive
// deadline it is measured against, and the check that refuses a bad one.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { slaClocks } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { checkAppointment } from '../dispatch/index.ts';
import type { WorkOrder } from './workorders.access.ts';
import type { WorkOrderStatus } from './workorders.rules.ts';

/** Due instant of the request's running arrive clock (R-SLA-2), if one runs. */
export async function arriveDueOf(ex: Executor, requestId: string): Promise<Date | null> {
  const [c] = await ex
    .select({ dueAt: slaClocks.dueAt })
    .from(slaClocks)
    .where(and(eq(slaClocks.requestId, requestId), eq(slaClocks.kind, 'arrive'), isNull(slaClocks.stoppedAt)))
    .limit(1);
  return c?.dueAt ?? null;
}

/** Refuses a bad appointment with its fields (422); says whether it lands after the arrive deadline. */
export async function vetAppointment(ex: Executor, wo: WorkOrder, at: Date | null, endAt: Date | null, now: Date) {
  const arriveDueAt = await arriveDueOf(ex, wo.requestId);
  const check = checkAppointment(at, endAt, now, arriveDueAt);
  if (check.fields.length) {
    const code = check.fields.some((f) => f.code === 'not_in_past') ? 'appointment_in_past' : 'validation_failed';
    throw new AppError(422, code, {}, check.fields);
  }
  return { arriveDueAt: arriveDueAt?.toISOString() ?? null, afterArriveDeadline: check.afterArriveDeadline };
}

/** Appointments can be agreed or moved until the engineer is on site (issue 10 item 12). */
export const BEFORE_ARRIVAL: ReadonlySet<WorkOrderStatus> = new Set(['new', 'dispatched', 'accepted', 'on_the_way']);
