// Who sees the loaner, correction, reversal and same-day-miss actions, mirroring the server's
// policy files (requests.policy.ts, workorders.policy.ts).
import type { Role } from '../../../auth';

export const loansCan = {
  /** POST /requests/:id/loaner and /loans/:id/return. */
  lend: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'] as Role[],
  /** GET /loaner-units (staff). */
  readPool: [
    'admin',
    'service_manager',
    'dispatcher',
    'engineer',
    'technician',
    'technical_expert',
    'parts_admin',
    'quality',
    'sales',
    'finance',
    'executive',
  ] as Role[],
  /** POST /loaner-units. */
  managePool: ['admin', 'service_manager'] as Role[],
  /** POST /work-orders/:id/corrections. */
  correct: ['admin', 'service_manager', 'dispatcher'] as Role[],
  /** POST /work-orders/:id/payments/:paymentId/reversal. */
  reverse: ['admin', 'finance'] as Role[],
  /** GET /work-orders/same-day-misses. */
  sameDayMisses: ['admin', 'service_manager', 'sales', 'executive'] as Role[],
};
