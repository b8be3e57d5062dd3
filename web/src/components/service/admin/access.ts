// Who sees the service administration screens, mirroring the server's policy files
// (workorders.policy.ts, dispatch.policy.ts, sla.policy.ts, reports.policy.ts).
import type { Role } from '../../../auth';

const STAFF: Role[] = [
  'admin',
  'service_manager',
  'dispatcher',
  'engineer',
  'technician',
  'technical_expert',
  'parts_admin',
  'quality',
  'sales',
  'finance',
  'executive',
];

export const svcAdminCan = {
  /** GET /goods-register: everyone on the company side (hospital users see theirs via the work order). */
  goodsRegister: STAFF,
  /** GET /price-list: staff; PUT: admin, finance. The menu shows it to those who work with fees. */
  priceListMenu: ['admin', 'finance', 'service_manager', 'sales', 'dispatcher'] as Role[],
  /** GET /sla/*: staff; edit: admin, service_manager. */
  sla: ['admin', 'service_manager', 'dispatcher', 'quality', 'executive'] as Role[],
  /** GET /engineer-profiles: admin, service_manager, dispatcher. */
  engineers: ['admin', 'service_manager', 'dispatcher'] as Role[],
  /** GET /dispatch/at-risk. */
  atRisk: ['admin', 'service_manager', 'dispatcher'] as Role[],
  /** Technician or supervisor daily report. */
  dailyReports: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert', 'executive'] as Role[],
};
