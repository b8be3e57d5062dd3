// Who may read the daily reports (R-WO-7). Field staff read their own technician report only
// (checked in the service); customer service, managers and admins read anyone's; the
// executive reads the supervisor's summary.
import { can, definePolicy, type Principal } from '../../lib/access.ts';

export const reportsPolicy = definePolicy({
  technicianDaily: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'],
  supervisorDaily: ['admin', 'service_manager', 'dispatcher', 'executive'],
  /** Reading any person's technician report, not only one's own (the web's person picker). */
  technicianDailyOfAnyone: ['admin', 'service_manager', 'dispatcher'],
});

export function mayReadTechnicianReportOf(user: Principal, userId: string): boolean {
  return user.id === userId || can(user, reportsPolicy, 'technicianDailyOfAnyone');
}
