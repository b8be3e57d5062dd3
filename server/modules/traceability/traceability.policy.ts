// Traceability (R-REG-5, issue 14 §5): staff read any unit's dossier and search by part lot/serial
// or model ("who has it?"); hospital users read their own units' dossiers only (404 otherwise)
// and do not search. The exports for an inspection are quality's, management's and admin's.
import { ALL, definePolicy, STAFF } from '../../lib/access.ts';

export const traceabilityPolicy = definePolicy({
  read: ALL,
  search: STAFF,
  export: ['admin', 'quality', 'service_manager', 'executive'],
});
