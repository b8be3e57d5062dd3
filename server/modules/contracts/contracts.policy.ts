// Warranty, maintenance and paid-service contracts (SPEC §2, §8). Sales and finance own them.
import { ALL, definePolicy } from '../../lib/access.ts';

export const contractsPolicy = definePolicy({
  read: ALL,
  create: ['admin', 'service_manager', 'sales', 'finance'],
  update: ['admin', 'service_manager', 'sales', 'finance'],
  delete: ['admin', 'service_manager'],
});
