// A status step that carries no data of its own (R-WO-1), e.g. accept, on the way, on site,
// resolved or cancel; the state machine (workorders.rules) refuses an illegal one.
import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { AppError } from '../../../lib/errors.ts';
import { assertVersion, loadFor, stepTime } from '../workorders.access.ts';
import type { WorkOrderStatus } from '../workorders.rules.ts';
import { applyTransition } from '../workorders.step.ts';

export async function transition(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; to: WorkOrderStatus; reason?: string | null },
  now = new Date(),
  clientAt?: Date,
) {
  if (input.to === 'dispatched' || input.to === 'signed_off' || input.to === 'reviewed' || input.to === 'taken_back') {
    // These steps carry data of their own: dispatch, sign, review, the take-back receipt.
    throw new AppError(422, 'use_dedicated_action', { to: input.to }, [{ field: 'to', code: 'invalid' }]);
  }
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    // Sending a signed report back opens a new content version (R-WO-5): only the review does that.
    if (wo.status === 'signed_off') throw new AppError(422, 'use_dedicated_action', { to: input.to }, [{ field: 'to', code: 'invalid' }]);
    // A unit taken back comes back through the return, which closes its receipt (R-WO-3).
    if (wo.status === 'taken_back') throw new AppError(422, 'use_dedicated_action', { to: input.to }, [{ field: 'to', code: 'invalid' }]);
    // Issue 16 §1: a step replayed from the phone's queue happened at the phone's time.
    return applyTransition(tx, user, wo, input.to, input.reason ?? null, stepTime(wo, clientAt, now));
  });
}
