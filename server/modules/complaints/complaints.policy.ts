import { definePolicy } from '../../lib/access.ts';

/** R-CP-1..5: customer service registers, the supervisor and QC handle, everyone inside reads. */
export const complaintsPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'quality', 'executive', 'engineer'],
  register: ['admin', 'service_manager', 'dispatcher', 'quality'],
  handle: ['admin', 'service_manager', 'quality'],
  stats: ['admin', 'service_manager', 'quality', 'executive'],
});
