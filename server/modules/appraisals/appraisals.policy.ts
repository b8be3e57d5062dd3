// 月度考核 (R-AP-1, issue 15 §3): the service manager (售后服务组长/经理) draws up the month, adds
// penalties and rewards and assesses; the executive reads; field staff read and acknowledge their
// own (checked in the service); hospital users never see appraisals.
import { definePolicy } from '../../lib/access.ts';

export const appraisalsPolicy = definePolicy({
  read: ['admin', 'service_manager', 'executive', 'engineer', 'technician', 'technical_expert'],
  /** Reading anyone's, not only one's own. */
  readAll: ['admin', 'service_manager', 'executive'],
  generate: ['service_manager'],
  assess: ['service_manager'],
  addItem: ['service_manager'],
  acknowledge: ['engineer', 'technician', 'technical_expert', 'service_manager'],
});
