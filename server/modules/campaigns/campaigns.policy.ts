// Recalls and field actions (召回, issue 14 §3, R-REG-3, R-UP-1). Quality and the service manager run
// campaigns; the office and engineers work the units; quality signs the closure (R-AU-1). Hospital
// users read and acknowledge their own customer's notices only.
import { ALL, definePolicy } from '../../lib/access.ts';

export const campaignsPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technical_expert', 'quality', 'sales', 'executive'],
  manage: ['admin', 'quality', 'service_manager'],
  work: ['admin', 'quality', 'service_manager', 'dispatcher'],
  close: ['quality'],
  notices: ALL,
  acknowledge: ['admin', 'quality', 'service_manager', 'dispatcher', 'customer_user'],
});
