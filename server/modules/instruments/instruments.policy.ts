import { definePolicy } from '../../lib/access.ts';

/**
 * Issue 13 §5 (seed 001 为售后服务工程师配备应急维修工具和设备，定期进行维护和检查): the service manager,
 * the parts administrator and admins keep the register; office staff and engineers read it all;
 * an engineer hands over only an instrument they hold (record level, in the service). Hospital
 * users see none.
 */
export const instrumentsPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert', 'parts_admin', 'quality', 'executive'],
  manage: ['admin', 'service_manager', 'parts_admin'],
  handover: ['admin', 'service_manager', 'parts_admin', 'engineer', 'technician', 'technical_expert'],
});
