// Repair requests (SPEC §3): customer service registers them, hospitals report in the portal,
// and the people working the case record response and pauses.
import { ALL, definePolicy, STAFF } from '../../lib/access.ts';

export const requestsPolicy = definePolicy({
  read: ALL,
  register: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technical_expert', 'customer_user'],
  respond: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'],
  pause: ['admin', 'service_manager', 'dispatcher'],
  /** R-SLA-3: putting a loaner unit in place and taking it back. */
  lend: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'],
  readLoans: ALL,
  readLoanerPool: STAFF,
  manageLoanerPool: ['admin', 'service_manager'],
});
