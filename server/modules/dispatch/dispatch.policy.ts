// Who sees the dispatch board and the at-risk list, and who keeps engineers' profiles
// (SPEC §1: customer service dispatches, the service manager owns KPIs and escalations).
import { definePolicy } from '../../lib/access.ts';

export const dispatchPolicy = definePolicy({
  board: ['admin', 'service_manager', 'dispatcher'],
  atRisk: ['admin', 'service_manager', 'dispatcher'],
});

export const engineerProfilesPolicy = definePolicy({
  /** Dispatchers read skills and areas to choose; managers keep them. */
  read: ['admin', 'service_manager', 'dispatcher'],
  update: ['admin', 'service_manager'],
});
