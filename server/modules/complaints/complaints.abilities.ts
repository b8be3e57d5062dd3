import { can, type Principal } from '../../lib/access.ts';
import { complaintsPolicy } from './complaints.policy.ts';
import { type ComplaintStatus, complaintEditable, TRANSITIONS } from './complaints.rules.ts';

/**
 * What this caller may do on this complaint (issue 11 item 3): the policy the PATCH and transition
 * endpoints authorize with, and the state rules the service checks (complaints.rules.ts). The web
 * shows its form and step buttons by these alone.
 */
export function complaintAbilities(user: Principal, status: ComplaintStatus) {
  const handles = can(user, complaintsPolicy, 'handle');
  return {
    update: handles && complaintEditable(status),
    transition: handles && TRANSITIONS[status].length > 0,
  };
}
