// Return/exchange rules (退货/换货, issue 14 §4, R-REG-4). Pure: no I/O.
//
// registered → received (receipt) → inspected (quality check of the returned goods) → decided
// (repair / exchange / refund / scrap) → done (the follow-through); cancel with a reason from any
// state before done. Who may take each step is returns.policy.ts; the step and the roles together
// make the detail's abilities, so the screen offers exactly what the server accepts.
import type { Role } from '../../lib/access.ts';
import { returnsPolicy } from './returns.policy.ts';
import type { RETURN_DECISIONS, RETURN_STATUSES } from './returns.tables.ts';

export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export type ReturnDecision = (typeof RETURN_DECISIONS)[number];
export type ReturnStep = 'receive' | 'inspect' | 'decide' | 'complete' | 'cancel';

/** Each step: the state it starts from and the state it leads to (R-REG-4). */
export const RETURN_STEPS: Record<ReturnStep, { from: readonly ReturnStatus[]; to: ReturnStatus }> = {
  receive: { from: ['registered'], to: 'received' },
  inspect: { from: ['received'], to: 'inspected' },
  decide: { from: ['inspected'], to: 'decided' },
  complete: { from: ['decided'], to: 'done' },
  cancel: { from: ['registered', 'received', 'inspected', 'decided'], to: 'cancelled' },
};

/** Whether the step may be taken from this state (a wrong order is a 409 return_bad_transition). */
export function stepAllowed(status: ReturnStatus, step: ReturnStep): boolean {
  return RETURN_STEPS[step].from.includes(status);
}

/** Whether someone with these roles may take the step now: the detail's abilities and the check. */
export function mayTake(roles: readonly Role[], status: ReturnStatus, step: ReturnStep): boolean {
  return stepAllowed(status, step) && roles.some((r) => returnsPolicy[step].includes(r));
}

export function abilitiesOf(roles: readonly Role[], status: ReturnStatus): Record<ReturnStep, boolean> {
  return {
    receive: mayTake(roles, status, 'receive'),
    inspect: mayTake(roles, status, 'inspect'),
    decide: mayTake(roles, status, 'decide'),
    complete: mayTake(roles, status, 'complete'),
    cancel: mayTake(roles, status, 'cancel'),
  };
}

export interface FollowThrough {
  exchangeSerial?: string | null;
  refundReference?: string | null;
  repairWorkOrderId?: string | null;
  scrapRecord?: string | null;
}

/**
 * The follow-through a decision needs before the return is done (R-REG-4): the exchange unit or
 * part sent (its serial/lot), the refund's reference, the repair work order, the scrap record.
 * Returns the missing field, or null.
 */
export function missingFollowThrough(decision: ReturnDecision, f: FollowThrough): keyof FollowThrough | null {
  const need: Record<ReturnDecision, keyof FollowThrough> = {
    exchange: 'exchangeSerial',
    refund: 'refundReference',
    repair: 'repairWorkOrderId',
    scrap: 'scrapRecord',
  };
  const field = need[decision];
  return f[field]?.trim() ? null : field;
}

/** 经营办法§38: days the supplier/manufacturer has to reply before the notice shows overdue (default 15). */
export const SUPPLIER_REPLY_DAYS = 15;

/** Overdue: no reply recorded and the reply was due before today (dates YYYY-MM-DD, compared as text). */
export function noticeOverdue(n: { repliedOn: string | null; replyDueOn: string }, today: string): boolean {
  return n.repliedOn === null && n.replyDueOn < today;
}
