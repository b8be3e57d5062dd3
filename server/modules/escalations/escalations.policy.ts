// The technical-support ladder (技术支持升级, issue 15 §2, R-ESC-1). Staff read the ladder; the field
// (engineers, technicians), managers and experts escalate; experts answer and record remote
// guidance (the assigned one or any of the tier — checked in the service); progress notes come
// from whoever works the job; the temporary measure is recorded by the field or a manager;
// managers and admin set the auto-escalation hours and who is an expert. The admin may do all
// but answer as an expert (abilities.test.ts).
import { definePolicy, STAFF } from '../../lib/access.ts';

export const escalationsPolicy = definePolicy({
  read: STAFF,
  escalate: ['admin', 'engineer', 'technician', 'service_manager', 'technical_expert'],
  answer: ['technical_expert', 'engineer', 'quality', 'service_manager'],
  close: ['admin', 'engineer', 'technician', 'service_manager', 'technical_expert'],
  progressNote: ['admin', 'engineer', 'technician', 'service_manager', 'technical_expert', 'dispatcher'],
  degraded: ['admin', 'engineer', 'technician', 'service_manager'],
  settings: ['admin', 'service_manager'],
});
