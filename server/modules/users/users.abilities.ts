// What the signed-in user may do, computed from every module's policy (issue 11 item 3). The web
// hides menus and buttons by these flags instead of copying role lists, so a policy change on
// the server reaches the UI without a second edit. Keys are flat: '<module>.<action>'.
//
// Kept in the users module (GET /auth/me is its endpoint) rather than in server/lib, because
// lib holds shared code with no domain imports and this file imports every module's policy.
import { z } from 'zod';
import type { Policy, Role } from '../../lib/access.ts';
import { schemaId } from '../../lib/dto.ts';
import { auditPolicy } from '../audit/audit.policy.ts';
import { channelsPolicy } from '../channels/channels.policy.ts';
import { complaintsPolicy } from '../complaints/complaints.policy.ts';
import { contractsPolicy } from '../contracts/contracts.policy.ts';
import { customersPolicy } from '../customers/customers.policy.ts';
import { devicesPolicy, modelsPolicy } from '../devices/devices.policy.ts';
import { dispatchPolicy, engineerProfilesPolicy } from '../dispatch/dispatch.policy.ts';
import { followupsPolicy } from '../followups/followups.policy.ts';
import { importsPolicy } from '../imports/imports.policy.ts';
import { catalogPolicy, partsPolicy } from '../parts/parts.policy.ts';
import { reportsPolicy } from '../reports/reports.policy.ts';
import { requestsPolicy } from '../requests/requests.policy.ts';
import { slaAdminPolicy } from '../sla/sla.policy.ts';
import { surveysPolicy } from '../surveys/surveys.policy.ts';
import { workOrdersPolicy } from '../workorders/workorders.policy.ts';
import { usersPolicy } from './users.policy.ts';

/** Every policy the routes authorize against, under the key prefix the web sees. */
export const POLICIES = {
  audit: auditPolicy,
  catalog: catalogPolicy,
  channels: channelsPolicy,
  complaints: complaintsPolicy,
  contracts: contractsPolicy,
  customers: customersPolicy,
  devices: devicesPolicy,
  dispatch: dispatchPolicy,
  engineerProfiles: engineerProfilesPolicy,
  followups: followupsPolicy,
  imports: importsPolicy,
  models: modelsPolicy,
  parts: partsPolicy,
  reports: reportsPolicy,
  requests: requestsPolicy,
  sla: slaAdminPolicy,
  surveys: surveysPolicy,
  users: usersPolicy,
  workorders: workOrdersPolicy,
} as const;

type Registry = typeof POLICIES;
export type Ability = { [M in keyof Registry]: `${M}.${keyof Registry[M] & string}` }[keyof Registry];

export const ABILITIES: readonly Ability[] = Object.entries(POLICIES).flatMap(([m, p]) => Object.keys(p).map((a) => `${m}.${a}` as Ability));

/** One boolean per ability, each key spelled out in the OpenAPI document so the web type knows them. */
export const abilitiesDto = z.object(Object.fromEntries(ABILITIES.map((k) => [k, z.boolean()])) as Record<Ability, z.ZodBoolean>).meta(schemaId('Abilities'));

export function abilitiesOf(roles: readonly Role[]): Record<Ability, boolean> {
  const out = {} as Record<Ability, boolean>;
  for (const [m, policy] of Object.entries(POLICIES) as [string, Policy<string>][])
    for (const [action, allowed] of Object.entries(policy)) out[`${m}.${action}` as Ability] = roles.some((r) => allowed.includes(r));
  return out;
}
