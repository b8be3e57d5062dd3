import { definePolicy, STAFF } from '../../lib/access.ts';

/**
 * R-PM-1 yearly maintenance plans: the service side reads every plan; hospital users read their
 * own organisation's visits (record level, in the service) and answer the advance notice. The
 * service manager and the dispatchers (planners) generate plans and move visits; the service
 * manager sets the notice and work-order lead days.
 */
export const maintenancePlansPolicy = definePolicy({
  read: [...STAFF, 'customer_user'],
  plan: ['admin', 'service_manager', 'dispatcher'],
  respond: ['admin', 'service_manager', 'dispatcher', 'customer_user'],
  settings: ['admin', 'service_manager'],
});
