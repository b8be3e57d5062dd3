import { definePolicy } from '../../lib/access.ts';

/** R-SV-1: customer service runs surveys; hospital users answer their own in the portal. */
export const surveysPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'quality', 'executive', 'customer_user'],
  issueLink: ['admin', 'service_manager', 'dispatcher'],
  answer: ['admin', 'service_manager', 'dispatcher', 'customer_user'],
});
