// Returns and exchanges (退货/换货, issue 14 §4, R-REG-4; seed 003 质管部退货组). Staff register and
// receive the goods and carry out the follow-through; quality inspects the returned goods; quality
// or the service manager decides; hospital users read their own returns (read only). Notices to
// suppliers/manufacturers (经营办法§38) are quality's and the service manager's.
import { ALL, definePolicy, STAFF } from '../../lib/access.ts';

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
});
