// Quotes and warranty exclusions (issue 15 §4, R-FE-1, R-WX-1). The engineer on the job (or the
// office) proposes an exclusion with its evidence; the service manager confirms or rejects it.
// Engineers, the office, the manager and finance draw up and send quotes; the hospital accepts or
// rejects its own quotes in the portal; staff record an acceptance given on site (drawn signature)
// or otherwise (with a reason). Hospital users read their own quotes only.
import { ALL, definePolicy } from '../../lib/access.ts';

export const quotesPolicy = definePolicy({
  read: ALL,
  proposeExclusion: ['engineer', 'technician', 'service_manager', 'dispatcher'],
  decideExclusion: ['service_manager'],
  manage: ['engineer', 'technician', 'service_manager', 'dispatcher', 'finance'],
  recordAcceptance: ['engineer', 'technician', 'service_manager', 'dispatcher'],
  respond: ['customer_user'],
  /** The customer's answer to a quote: given in the portal (respond) or recorded by staff (recordAcceptance). */
  answer: ['customer_user', 'engineer', 'technician', 'service_manager', 'dispatcher'],
});
