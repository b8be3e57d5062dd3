import { can, type Principal } from '../../lib/access.ts';
import { followupsPolicy } from './followups.policy.ts';
import { type FollowUpStatus, followUpAccepts } from './followups.rules.ts';

/**
 * What this caller may do on this follow-up (issue 11 item 3): the policy each step's endpoint
 * authorizes with and the state the service accepts it in (followUpAccepts). The web shows its
 * forms by these alone.
 */
export function followUpAbilities(user: Principal | null, status: FollowUpStatus) {
  return {
    answer: can(user, followupsPolicy, 'answer') && followUpAccepts(status, 'answer'),
    approve: can(user, followupsPolicy, 'approve') && followUpAccepts(status, 'approve'),
    inform: can(user, followupsPolicy, 'answer') && followUpAccepts(status, 'inform'),
    review: can(user, followupsPolicy, 'review') && followUpAccepts(status, 'review'),
  };
}
