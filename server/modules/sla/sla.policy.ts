// Who keeps the SLA calendars and policies (SPEC §1: admins own policies and calendars; the
// service manager owns the KPIs they feed). Everyone on the company side may read them.
import { definePolicy, STAFF } from '../../lib/access.ts';

export const slaAdminPolicy = definePolicy({
  read: STAFF,
  edit: ['admin', 'service_manager'],
});
