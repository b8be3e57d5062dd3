// What the signed-in user may do, computed from every module's policy (issue 11 item 3). The web
// hides menus and buttons by these flags instead of copying role lists, so a policy change on
// the server reaches the UI without a second edit. Keys are flat: '<module>.<action>'.
//
// One of the three registries outside the modules (server/boundaries.test.ts): like
// server/db/schema.ts for tables and server/lib/i18n.catalog.ts for messages, it lists one leaf
// file of every module (its <m>.policy.ts, plain data) and imports nothing else from them, so
// building the Abilities schema at load can never meet a module half-evaluated in a cycle.
import { z } from 'zod';
import type { Policy, Role } from '../lib/access.ts';
import { schemaId } from '../lib/dto.ts';
import { appraisalsPolicy } from '../modules/appraisals/appraisals.policy.ts';
import { attachmentsPolicy } from '../modules/attachments/attachments.policy.ts';
import { auditPolicy } from '../modules/audit/audit.policy.ts';
import { billingPolicy } from '../modules/billing/billing.policy.ts';
import { callsPolicy, consultationsPolicy, hotlinePolicy } from '../modules/calls/calls.policy.ts';
import { campaignsPolicy } from '../modules/campaigns/campaigns.policy.ts';
import { channelsPolicy } from '../modules/channels/channels.policy.ts';
import { complaintsPolicy } from '../modules/complaints/complaints.policy.ts';
import { contractsPolicy } from '../modules/contracts/contracts.policy.ts';
import { customersPolicy } from '../modules/customers/customers.policy.ts';
import { devicesPolicy, modelsPolicy } from '../modules/devices/devices.policy.ts';
import { dispatchPolicy, engineerProfilesPolicy } from '../modules/dispatch/dispatch.policy.ts';
import { escalationsPolicy } from '../modules/escalations/escalations.policy.ts';
import { followupsPolicy } from '../modules/followups/followups.policy.ts';
import { handbookPolicy } from '../modules/handbook/handbook.policy.ts';
import { holdsPolicy } from '../modules/holds/holds.policy.ts';
import { importsPolicy } from '../modules/imports/imports.policy.ts';
import { installationsPolicy } from '../modules/installations/installations.policy.ts';
import { instrumentsPolicy } from '../modules/instruments/instruments.policy.ts';
import { kpisPolicy } from '../modules/kpis/kpis.policy.ts';
import { labelsPolicy } from '../modules/labels/labels.policy.ts';
import { maintenancePlansPolicy } from '../modules/maintenance/maintenance.plans.policy.ts';
import { maintenancePolicy } from '../modules/maintenance/maintenance.policy.ts';
import { catalogPolicy, partsPolicy } from '../modules/parts/parts.policy.ts';
import { qualityPolicy } from '../modules/quality/quality.policy.ts';
import { quotesPolicy } from '../modules/quotes/quotes.policy.ts';
import { renewalsPolicy } from '../modules/renewals/renewals.policy.ts';
import { reportsPolicy } from '../modules/reports/reports.policy.ts';
import { requestsPolicy } from '../modules/requests/requests.policy.ts';
import { returnsPolicy } from '../modules/returns/returns.policy.ts';
import { slaAdminPolicy } from '../modules/sla/sla.policy.ts';
import { surveysPolicy } from '../modules/surveys/surveys.policy.ts';
import { traceabilityPolicy } from '../modules/traceability/traceability.policy.ts';
import { trainingPolicy } from '../modules/training/training.policy.ts';
import { unitsPolicy } from '../modules/units/units.policy.ts';
import { usersPolicy } from '../modules/users/users.policy.ts';
import { vigilancePolicy } from '../modules/vigilance/vigilance.policy.ts';
import { visitPlansPolicy } from '../modules/visitplans/visitplans.policy.ts';
import { workOrdersPolicy } from '../modules/workorders/workorders.policy.ts';

/** Every policy the routes authorize against, under the key prefix the web sees. */
export const POLICIES = {
  attachments: attachmentsPolicy,
  audit: auditPolicy,
  billing: billingPolicy,
  calls: callsPolicy,
  catalog: catalogPolicy,
  channels: channelsPolicy,
  complaints: complaintsPolicy,
  consultations: consultationsPolicy,
  contracts: contractsPolicy,
  customers: customersPolicy,
  devices: devicesPolicy,
  dispatch: dispatchPolicy,
  escalations: escalationsPolicy,
  engineerProfiles: engineerProfilesPolicy,
  followups: followupsPolicy,
  installations: installationsPolicy,
  maintenance: maintenancePolicy,
  maintenancePlans: maintenancePlansPolicy,
  hotline: hotlinePolicy,
  imports: importsPolicy,
  models: modelsPolicy,
  parts: partsPolicy,
  reports: reportsPolicy,
  requests: requestsPolicy,
  quotes: quotesPolicy,
  returns: returnsPolicy,
  kpis: kpisPolicy,
  appraisals: appraisalsPolicy,
  units: unitsPolicy,
  handbook: handbookPolicy,
  labels: labelsPolicy,
  sla: slaAdminPolicy,
  surveys: surveysPolicy,
  training: trainingPolicy,
  instruments: instrumentsPolicy,
  holds: holdsPolicy,
  vigilance: vigilancePolicy,
  quality: qualityPolicy,
  traceability: traceabilityPolicy,
  campaigns: campaignsPolicy,
  visitplans: visitPlansPolicy,
  renewals: renewalsPolicy,
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
