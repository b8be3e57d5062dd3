// Customers, departments, sites and contacts (SPEC §2). Hospital users read their own
// organisation only (confinement is applied by the routes); staff maintain the registry.
import { ALL, definePolicy } from '../../lib/access.ts';

export const customersPolicy = definePolicy({
  read: ALL,
  create: ['admin', 'service_manager', 'dispatcher', 'sales'],
  update: ['admin', 'service_manager', 'dispatcher', 'sales'],
  delete: ['admin', 'service_manager'],
});
