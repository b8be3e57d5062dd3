// Returns and exchanges (退货/换货, issue 14 §4, R-REG-4; seed 003 质管部退货组). Staff register and
// receive the goods and carry out the follow-through; quality inspects the returned goods; quality
// or the service manager decides; hospital users read their own returns (read only). Notices to
// suppliers/manufacturers (经营办法§38) are quality's and the service manager's, except an adverse
// event's, which are quality's alone wherever they are answered (as vigilancePolicy.notifySupplier;
// returns.test.ts checks the shared list refuses the others).
import { ALL, can, definePolicy, type Principal, STAFF } from '../../lib/access.ts';
import type { NOTICE_SUBJECTS } from './returns.tables.ts';

export const returnsPolicy = definePolicy({
  read: ALL,
  register: STAFF,
  receive: STAFF,
  inspect: ['quality'],
  decide: ['quality', 'service_manager'],
  complete: STAFF,
  cancel: ['admin', 'quality', 'service_manager'],
  readNotices: STAFF,
  notifySupplier: ['admin', 'quality', 'service_manager'],
  /** An adverse event's notice, answered from the shared notice list: the event's own rule. */
  replyEventNotice: ['quality'],
});

/**
 * Who may record a supplier's reply depends on what the notice is about. The shared notice list
 * (/supplier-notices) must not let more roles answer an adverse event's notice than the event's
 * own page does.
 */
export function canReplyToNotice(user: Principal, subject: (typeof NOTICE_SUBJECTS)[number]): boolean {
  return can(user, returnsPolicy, subject === 'adverse_event' ? 'replyEventNotice' : 'notifySupplier');
}
