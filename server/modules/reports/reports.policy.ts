// Who may read the daily reports (R-WO-7). Field staff read their own technician report only
// (checked in the service); customer service, managers and admins read anyone's; the
// executive reads the supervisor's summary.
import { definePolicy, type Principal } from '../../lib/access.ts';

export const reportsPolicy = definePolicy({
  technicianDaily: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'],
  supervisorDaily: ['admin', 'service_manager', 'dispatcher', 'executive'],
});

/** Roles that may read any person's technician report. */
const READ_ANY = ['admin', 'service_manager', 'dispatcher'] as const;

export function mayReadTechnicianReportOf(user: Principal, userId: string): boolean {
  return user.id === userId || user.roles.some((r) => (READ_ANY as readonly string[]).includes(r));
}
