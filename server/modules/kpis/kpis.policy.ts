// KPIs and the management dashboard (管理驾驶舱, R-RP-1, issue 15 §3): the people who run the
// service business read them — service managers, customer service, quality, finance and the
// executive; the service manager and admin refresh the rollup. Field staff see their numbers in
// the monthly appraisal; hospital users never see them.
import { definePolicy } from '../../lib/access.ts';

export const kpisPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'quality', 'finance', 'executive'],
  rollup: ['admin', 'service_manager'],
});
