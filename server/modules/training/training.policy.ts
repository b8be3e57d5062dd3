import { definePolicy } from '../../lib/access.ts';

/**
 * R-TR-1: the service side runs customer training and keeps staff training; hospital users read
 * their own hospital's archive and certificates; only managers grant qualifications and override
 * an unqualified dispatch (seed 001 经过严格的培训和考核后上岗).
 */
export const trainingPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert', 'quality', 'sales', 'executive', 'customer_user'],
  manage: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'],
  staffRead: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert', 'quality', 'executive'],
  staffManage: ['admin', 'service_manager'],
  qualify: ['admin', 'service_manager'],
  overrideDispatch: ['admin', 'service_manager'],
});
