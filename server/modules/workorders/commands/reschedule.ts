import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { AppError } from '../../../lib/errors.ts';
import { updateAudited } from '../../../lib/records.ts';
import { assertVersion, auditActor, loadFor } from '../workorders.access.ts';
import { BEFORE_ARRIVAL, vetAppointment } from '../workorders.appointment.ts';
import { workOrderEvents, workOrders } from '../workorders.tables.ts';

/**
 * Agree or move the planned arrival (issue 10 item 12): before the engineer is on site, not in
 * the past, a change of an agreed time with a reason; audited, and a work_order_event
 * (status unchanged) keeps the reason, the old and new time and the arrive deadline it misses.
 */
export async function reschedule(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; appointmentAt: string | null; appointmentEndAt?: string | null; reason?: string | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    if (!BEFORE_ARRIVAL.has(wo.status)) throw new AppError(409, 'appointment_closed', { status: wo.status });
    const at = input.appointmentAt ? new Date(input.appointmentAt) : null;
    const endAt = input.appointmentEndAt ? new Date(input.appointmentEndAt) : null;
    const planned = await vetAppointment(tx, wo, at, endAt, now);
    const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
    if (same(at, wo.appointmentAt) && same(endAt, wo.appointmentEndAt)) return wo;
    const reason = input.reason?.trim() || null;
    // Moving a time the customer already agreed to needs a why; the first one does not.
    if (wo.appointmentAt && !reason) throw new AppError(422, 'reason_required', {}, [{ field: 'reason', code: 'required' }]);
    const next = await updateAudited(tx, auditActor(user), 'work_order', workOrders, id, wo.version, { appointmentAt: at, appointmentEndAt: endAt }, wo);
    await tx.insert(workOrderEvents).values({
      workOrderId: id,
      fromStatus: wo.status,
      toStatus: wo.status,
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      reason,
      data: {
        appointment: true,
        previousAppointmentAt: wo.appointmentAt?.toISOString() ?? null,
        appointmentAt: at?.toISOString() ?? null,
        appointmentEndAt: endAt?.toISOString() ?? null,
        ...planned,
      },
    });
    return next;
  });
}
