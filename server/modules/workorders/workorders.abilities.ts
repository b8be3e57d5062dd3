import { can, type Principal } from '../../lib/access.ts';
import { BEFORE_ARRIVAL } from './workorders.appointment.ts';
import { paymentRefusal, signedCents } from './workorders.fee.rules.ts';
import { kindHasParts, type WorkOrderKind } from './workorders.kinds.ts';
import { workOrdersPolicy } from './workorders.policy.ts';
import { type Actor, actionsFor, FROZEN, inWorkshop, nextSteps, type WorkOrderLinks, type WorkOrderStatus } from './workorders.rules.ts';

/**
 * What this caller may do on this work order (issue 11 item 3): the module policy for their roles,
 * the order's state, and their capacities on it (lead, helper, office, its hospital — actorsFor),
 * the same checks the commands make (commands/, assertEditable, workorders.takeback.ts, recordPayment).
 * The web shows its buttons by these alone. Without the fee (the dispatch board) `pay` is false.
 */
export function abilitiesOf(
  user: Principal,
  status: WorkOrderStatus,
  actors: readonly Actor[],
  fee?: { chargeable: boolean; balance: string },
  kind: WorkOrderKind = 'repair',
  /** Issue 12: an installation job is not resolved before its installation is commissioned (workorders.rules linkRefusal). */
  links?: WorkOrderLinks,
) {
  const may = (a: keyof typeof workOrdersPolicy) => can(user, workOrdersPolicy, a);
  const steps = nextSteps(status, actors, kind, links);
  const transitions = actionsFor(status, actors, kind, links).filter((a) => a.via === 'transition');
  // assertEditable: not signed or cancelled, and on the job or in the office.
  const editable =
    may('act') && !FROZEN.has(status) && status !== 'cancelled' && actors.some((c) => c === 'lead' || c === 'helper' || c === 'manager' || c === 'dispatch');
  return {
    update: editable,
    // Issue 12: training and consultation have no parts step (workorders.kinds).
    addParts: editable && kindHasParts(kind),
    transition: may('act') && transitions.some((a) => a.to !== 'cancelled'),
    // The step to resolved on its own (issue 12: false while a linked installation is not commissioned).
    resolve: may('act') && transitions.some((a) => a.to === 'resolved'),
    cancel: may('act') && transitions.some((a) => a.to === 'cancelled'),
    dispatch: may('dispatch') && steps.includes('dispatched'),
    reschedule: may('dispatch') && BEFORE_ARRIVAL.has(status),
    sign: may('sign') && steps.includes('signed_off'),
    review: may('review') && steps.includes('reviewed'),
    correct: may('correct') && (status === 'reviewed' || status === 'closed'),
    takeBack: may('act') && steps.includes('taken_back'),
    // workorders.takeback.ts: card entries by anyone who acts, while the unit is in the workshop;
    // the return is the step taken_back → resolved, the lead's.
    repairCard: may('act') && inWorkshop(status),
    returnUnit: may('act') && inWorkshop(status) && steps.includes('resolved'),
    // Finance records any payment; the engineer or technician on the job records cash he collected.
    pay:
      (may('pay') || (may('collect') && actors.some((c) => c === 'lead' || c === 'helper'))) &&
      fee !== undefined &&
      paymentRefusal(status, fee.chargeable, signedCents(fee.balance)) === null,
  };
}
