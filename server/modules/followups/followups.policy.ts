import { definePolicy } from '../../lib/access.ts';

/** Who runs follow-ups (R-FU-2..4): customer service calls, the manager approves and reviews. */
export const followupsPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'engineer', 'quality', 'executive'],
  answer: ['admin', 'service_manager', 'dispatcher', 'engineer'],
  approve: ['admin', 'service_manager'],
  review: ['admin', 'service_manager'],
  plan: ['admin', 'service_manager', 'dispatcher'],
  rules: ['admin'],
});
