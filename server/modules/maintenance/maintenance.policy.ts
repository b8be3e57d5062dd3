import { definePolicy, STAFF } from '../../lib/access.ts';

/**
 * R-PM-1: maintenance templates are the service side's working documents — everyone in the office
 * and the engineers read them (the visit follows one); hospital users do not. The service manager
 * (and admin) writes them.
 */
export const maintenancePolicy = definePolicy({
  read: STAFF,
  manage: ['admin', 'service_manager'],
  /** R-PM-2 (issue 13 §2): the suspicious patterns of visit evidence (巡检证据异常) are the managers'. */
  evidence: ['admin', 'service_manager', 'quality', 'executive'],
  /**
   * R-PM-2: a signed visit record is corrected by a new version — by the service manager, quality,
   * or the engineer who did the visit (the service checks he was its lead or helper).
   */
  correct: ['admin', 'service_manager', 'quality', 'engineer'],
});
