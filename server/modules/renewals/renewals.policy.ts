import { definePolicy } from '../../lib/access.ts';

/**
 * Issue 13 §3 (R-CT-1, seed 002 §15 销售人员跟进续约): sales follow renewals; the service manager
 * and admins help; executives and finance read the pipeline and the rate. The notice days are set
 * by the service manager, sales director or admin. Hospital users read only their own expiry
 * notice letters (record level, in the service).
 */
export const renewalsPolicy = definePolicy({
  read: ['admin', 'service_manager', 'sales', 'finance', 'executive'],
  manage: ['admin', 'service_manager', 'sales'],
  settings: ['admin', 'service_manager', 'sales'],
  /** Issue 13 §3: the annual contract prices a quote is computed from — sales (and admin) keep them. */
  prices: ['admin', 'sales'],
  notices: ['admin', 'service_manager', 'sales', 'finance', 'executive', 'dispatcher', 'customer_user'],
});
