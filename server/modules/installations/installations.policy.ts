import { ALL, definePolicy } from '../../lib/access.ts';

/**
 * R-IN-1: sales and customer service register the installation notice; engineers check the site,
 * install, commission and sign for the service; quality control signs QC; the hospital reads its
 * own installations and signs as the customer; the service manager edits templates and accessory
 * terms, waives a failed site-check item, corrects the acceptance date and cancels.
 */
export const installationsPolicy = definePolicy({
  read: ALL,
  notify: ['admin', 'service_manager', 'dispatcher', 'sales'],
  work: ['admin', 'service_manager', 'engineer', 'technician'],
  sign: ['admin', 'customer_user'],
  signQuality: ['admin', 'quality'],
  manage: ['admin', 'service_manager'],
});
