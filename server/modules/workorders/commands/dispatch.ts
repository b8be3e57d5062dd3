// Dispatch and reassignment (R-DSP-1): the lead and helpers, optionally the appointment agreed
// with the customer (issue 10 item 12); a reassignment needs a reason.
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import type { Principal } from '../../../lib/access.ts';
import { AppError } from '../../../lib/errors.ts';
import { notify } from '../../notifications/index.ts';
import { vetTeamQualification } from '../../training/index.ts';
import { assertVersion, loadFor } from '../workorders.access.ts';
import { vetAppointment } from '../workorders.appointment.ts';
import { applyTransition } from '../workorders.step.ts';
import { workOrderHelpers } from '../workorders.tables.ts';

/**
 * `db` may be an open transaction: the dispatch then runs in a savepoint, so a refusal rolls back
 * only the dispatch (the maintenance sweep dispatches the work order it just opened, issue 13 §1).
 */
export async function dispatch(
  db: Executor,
  user: Principal,
  id: string,
  input: {
    version: number;
    leadEngineerId: string;
    helperIds: string[];
    reason?: string | null;
    appointmentAt?: string | null;
    appointmentEndAt?: string | null;
    /** A manager's reason to assign a lead or helpers without a valid qualification (issue 12 item 3). */
    overrideReason?: string | null;
  },
  now = new Date(),
  timeZone = 'Asia/Shanghai',
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    // Not sent: a reassignment keeps the appointment already agreed with the customer.
    const appointmentAt = input.appointmentAt ? new Date(input.appointmentAt) : input.appointmentAt === undefined ? wo.appointmentAt : null;
    const appointmentEndAt =
      input.appointmentEndAt !== undefined
        ? input.appointmentEndAt
          ? new Date(input.appointmentEndAt)
          : null
        : input.appointmentAt === undefined
          ? wo.appointmentEndAt
          : null;
    const given = input.appointmentAt !== undefined || input.appointmentEndAt !== undefined;
    const planned = given ? await vetAppointment(tx, wo, appointmentAt, appointmentEndAt, now) : null;
    const team = [input.leadEngineerId, ...input.helperIds];
    if (new Set(team).size !== team.length) throw new AppError(422, 'validation_failed', {}, [{ field: 'helperIds', code: 'invalid' }]);
    const found = await tx.select({ id: users.id, roles: users.roles, active: users.active }).from(users).where(inArray(users.id, team));
    const ok = (uid: string) =>
      found.some((u) => u.id === uid && u.active && u.roles.some((r) => r === 'engineer' || r === 'technician' || r === 'technical_expert'));
    if (!ok(input.leadEngineerId)) throw new AppError(422, 'not_an_engineer', {}, [{ field: 'leadEngineerId', code: 'invalid' }]);
    if (!input.helperIds.every(ok)) throw new AppError(422, 'not_an_engineer', {}, [{ field: 'helperIds', code: 'invalid' }]);
    // Seed 003 维修人员必须经培训合格后方可上岗 (dealers' staff too): an unqualified lead or helper
    // only with a manager's override covering the named people (audited), R-TR-1.
    const q = await vetTeamQualification(tx, user, {
      workOrderId: id,
      leadId: input.leadEngineerId,
      helperIds: input.helperIds,
      deviceId: wo.deviceId,
      overrideReason: input.overrideReason,
      at: now,
      timeZone,
    });
    const reassign = wo.status !== 'new';
    const next = await applyTransition(
      tx,
      user,
      wo,
      'dispatched',
      input.reason ?? null,
      now,
      { leadEngineerId: input.leadEngineerId, appointmentAt, appointmentEndAt },
      {
        lead: input.leadEngineerId,
        helpers: input.helperIds,
        reassign,
        ...(q.overridden ? { qualificationOverride: { state: q.state, unqualified: q.unqualified, reason: input.overrideReason } } : {}),
        ...(planned ? { appointmentAt: appointmentAt?.toISOString() ?? null, appointmentEndAt: appointmentEndAt?.toISOString() ?? null, ...planned } : {}),
      },
      // R-REQ-2: a portal report gets its owner when customer service first dispatches it;
      // R-DSP-1: once dispatched it no longer waits for the morning.
      (r) => ({ ownerId: r.ownerId ?? user.id, priorityDispatch: false }),
    );
    await tx.delete(workOrderHelpers).where(eq(workOrderHelpers.workOrderId, id));
    if (input.helperIds.length) await tx.insert(workOrderHelpers).values(input.helperIds.map((userId) => ({ workOrderId: id, userId })));
    await notify(tx, team, 'work_order_assigned', { number: wo.number }, { entity: 'work_order', id });
    return next;
  });
}
