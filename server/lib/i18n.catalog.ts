// The modules' message files, merged into the catalogue by ./i18n.ts (issue 11 item 6).
// Why server/lib imports server/modules here, and only here: the closed code types that
// lib/errors.ts and http/ rely on (ErrorCode, FieldCode, MessageKey) must see every module's keys,
// so the catalogue is assembled from static imports at compile time, not registered by the modules
// at run time. The message files are leaves — plain data that import nothing but the `Catalog`
// type (erased at run time) — so this adds no import cycle and loads no module code.
// A new module adds its <m>.messages.ts and one line below.

import { appraisalsMessages } from '../modules/appraisals/appraisals.messages.ts';
import { attachmentsMessages } from '../modules/attachments/attachments.messages.ts';
import { billingMessages } from '../modules/billing/billing.messages.ts';
import { callsMessages } from '../modules/calls/calls.messages.ts';
import { campaignsMessages } from '../modules/campaigns/campaigns.messages.ts';
import { complaintsMessages } from '../modules/complaints/complaints.messages.ts';
import { contractsMessages } from '../modules/contracts/contracts.messages.ts';
import { customersMessages } from '../modules/customers/customers.messages.ts';
import { devicesMessages } from '../modules/devices/devices.messages.ts';
import { dispatchMessages } from '../modules/dispatch/dispatch.messages.ts';
import { escalationsMessages } from '../modules/escalations/escalations.messages.ts';
import { followupsMessages } from '../modules/followups/followups.messages.ts';
import { handbookMessages } from '../modules/handbook/handbook.messages.ts';
import { holdsMessages } from '../modules/holds/holds.messages.ts';
import { importsMessages } from '../modules/imports/imports.messages.ts';
import { installationsMessages } from '../modules/installations/installations.messages.ts';
import { instrumentsMessages } from '../modules/instruments/instruments.messages.ts';
import { kpisMessages } from '../modules/kpis/kpis.messages.ts';
import { labelsMessages } from '../modules/labels/labels.messages.ts';
import { maintenanceMessages } from '../modules/maintenance/maintenance.messages.ts';
import { notificationsMessages } from '../modules/notifications/notifications.messages.ts';
import { partsMessages } from '../modules/parts/parts.messages.ts';
import { qualityMessages } from '../modules/quality/quality.messages.ts';
import { quotesMessages } from '../modules/quotes/quotes.messages.ts';
import { renewalsMessages } from '../modules/renewals/renewals.messages.ts';
import { reportsMessages } from '../modules/reports/reports.messages.ts';
import { requestsMessages } from '../modules/requests/requests.messages.ts';
import { returnsMessages } from '../modules/returns/returns.messages.ts';
import { signaturesMessages } from '../modules/signatures/signatures.messages.ts';
import { slaMessages } from '../modules/sla/sla.messages.ts';
import { surveysMessages } from '../modules/surveys/surveys.messages.ts';
import { traceabilityMessages } from '../modules/traceability/traceability.messages.ts';
import { trainingMessages } from '../modules/training/training.messages.ts';
import { unitsMessages } from '../modules/units/units.messages.ts';
import { usersMessages } from '../modules/users/users.messages.ts';
import { vigilanceMessages } from '../modules/vigilance/vigilance.messages.ts';
import { visitPlansMessages } from '../modules/visitplans/visitplans.messages.ts';
import { workordersMessages } from '../modules/workorders/workorders.messages.ts';

export const moduleMessages = [
  attachmentsMessages,
  billingMessages,
  callsMessages,
  complaintsMessages,
  contractsMessages,
  customersMessages,
  devicesMessages,
  dispatchMessages,
  escalationsMessages,
  followupsMessages,
  installationsMessages,
  instrumentsMessages,
  holdsMessages,
  handbookMessages,
  qualityMessages,
  traceabilityMessages,
  campaignsMessages,
  signaturesMessages,
  renewalsMessages,
  importsMessages,
  maintenanceMessages,
  notificationsMessages,
  partsMessages,
  reportsMessages,
  requestsMessages,
  quotesMessages,
  returnsMessages,
  labelsMessages,
  slaMessages,
  surveysMessages,
  trainingMessages,
  usersMessages,
  vigilanceMessages,
  kpisMessages,
  appraisalsMessages,
  visitPlansMessages,
  workordersMessages,
  unitsMessages,
] as const;
