// Device models and installed devices (SPEC §2). Engineers may correct a unit's record on
// site (location, software version); hospital users read their own units only.
import { ALL, definePolicy } from '../../lib/access.ts';

export const modelsPolicy = definePolicy({
  read: ALL,
  create: ['admin', 'service_manager', 'quality'],
  update: ['admin', 'service_manager', 'quality'],
  delete: ['admin', 'service_manager'],
});

export const devicesPolicy = definePolicy({
  read: ALL,
  create: ['admin', 'service_manager', 'dispatcher', 'engineer'],
  update: ['admin', 'service_manager', 'dispatcher', 'engineer', 'quality'],
  delete: ['admin', 'service_manager'],
});
