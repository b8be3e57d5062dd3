// Who keeps the SLA calendars and policies (SPEC §1: admins own policies and calendars; the
// service manager owns the KPIs they feed). Everyone on the company side may read them.
import { definePolicy, STAFF } from '../../lib/access.ts';

export const slaAdminPolicy = definePolicy({
  read: STAFF,
  edit: ['admin', 'service_manager'],
  /** Issue 11 item 3: who follows the SLA settings and finds them in the menu (others read only through their work). */
  overview: ['admin', 'service_manager', 'dispatcher', 'quality', 'executive'],
});
