// Request and response shapes of the adverse-event endpoints (不良事件, issue 14 §2, R-REG-2).
import { z } from 'zod';
import { isoDate, listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { reportFormSchema } from './vigilance.form.ts';
import { AE_CLUSTER_STATES, AE_REPORT_KINDS, AE_STATES, PATIENT_IMPACTS } from './vigilance.tables.ts';

const state = z.enum(AE_STATES);
const impact = z.enum(PATIENT_IMPACTS);
const instant = z.iso.datetime({ offset: true });

export const aeCreateBody = z.strictObject({
  /** The unit concerned; the hospital is the unit's (or `customerId` when the unit is not known yet). */
  deviceId: z.uuid().nullable().optional(),
  customerId: z.uuid().nullable().optional(),
  workOrderId: z.uuid().nullable().optional(),
  eventDate: isoDate(),
  /** When the company learned of the event: the reporting clock runs from here. */
  awareAt: instant,
  patientImpact: impact,
  groupEvent: z.boolean().default(false),
  description: text(4000),
  deviceProblem: optionalText(1000),
  actionsTaken: optionalText(4000),
  reportForm: reportFormSchema.optional(),
});

export const aeUpdateBody = z.strictObject({
  version,
  deviceId: z.uuid().nullable().optional(),
  workOrderId: z.uuid().nullable().optional(),
  eventDate: isoDate().optional(),
  awareAt: instant.optional(),
  patientImpact: impact.optional(),
  groupEvent: z.boolean().optional(),
  description: text(4000).optional(),
  deviceProblem: optionalText(1000),
  actionsTaken: optionalText(4000),
  reportForm: reportFormSchema.optional(),
});

export const aeDecideBody = z.strictObject({ version, reportable: z.boolean(), reason: text(2000) });
export const aeSubmitBody = z.strictObject({
  version,
  reportNumber: text(100),
  reportedOn: isoDate(),
  /** R-AU-1: the signer's password again. */
  password: z.string().min(1).max(200),
});
export const aeFollowUpBody = z.strictObject({
  version,
  kind: z.enum(['follow_up', 'final']),
  reportDate: isoDate(),
  reportNumber: optionalText(100),
  content: text(4000),
});
export const aeCloseBody = z.strictObject({ version, evaluation: text(4000) });
export const aeNoticeBody = z.strictObject({
  version,
  /** A parts supplier, or else the free-text recipient (e.g. the model's manufacturer). */
  supplierId: z.uuid().nullable().optional(),
  recipient: optionalText(200),
  content: text(4000),
  replyDue: isoDate(),
});
export const aeNoticeReplyBody = z.strictObject({ version, replyText: text(4000), repliedOn: isoDate() });
export const aeNoticeParams = z.strictObject({ id: z.uuid(), noticeId: z.uuid() });

export const aeListQuery = listQuery(['awareAt', 'reportDueAt', 'number'], {
  state: state.optional(),
  patientImpact: impact.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  deviceId: z.uuid().optional(),
  customerId: z.uuid().optional(),
});
export const aeExportQuery = aeListQuery.omit({ page: true, pageSize: true });

const clockState = z.enum(['none', 'running', 'warning', 'breached', 'met', 'met_late']);

export const aeDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    state,
    deviceId: z.string().nullable(),
    serialNumber: z.string().nullable(),
    modelName: z.string().nullable(),
    customerId: z.string(),
    customerName: z.string(),
    complaintId: z.string().nullable(),
    complaintNumber: z.string().nullable(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    eventDate: z.string(),
    awareAt: z.string(),
    patientImpact: impact,
    groupEvent: z.boolean(),
    description: z.string(),
    deviceProblem: z.string().nullable(),
    actionsTaken: z.string().nullable(),
    reportable: z.boolean().nullable(),
    reportabilityReason: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    reportDueAt: z.string().nullable(),
    clock: z.object({ state: clockState, remainingMs: z.number().nullable() }),
    reportNumber: z.string().nullable(),
    reportedOn: z.string().nullable(),
    submittedByName: z.string().nullable(),
    submittedAt: z.string().nullable(),
    evaluation: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    createdByName: z.string(),
  })
  .meta(schemaId('AdverseEvent'));

export const aeReportDto = z
  .object({
    id: z.string(),
    kind: z.enum(AE_REPORT_KINDS),
    reportDate: z.string(),
    reportNumber: z.string().nullable(),
    content: z.string(),
    submittedByName: z.string(),
  })
  .meta(schemaId('AdverseEventReport'));

export const aeNoticeDto = z
  .object({
    id: z.string(),
    version: z.number(),
    supplierId: z.string().nullable(),
    recipient: z.string(),
    sentAt: z.string(),
    content: z.string(),
    replyDue: z.string(),
    replyText: z.string().nullable(),
    repliedOn: z.string().nullable(),
    sentByName: z.string(),
    overdue: z.boolean(),
  })
  .meta(schemaId('AdverseEventNotice'));

export const aeFormFieldDto = z
  .object({
    key: z.string(),
    zh: z.string(),
    en: z.string(),
    kind: z.enum(['text', 'longtext', 'date', 'choice']),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string(), zh: z.string(), en: z.string() })).nullable(),
  })
  .meta(schemaId('AdverseEventFormField'));

export const aeDetailDto = aeDto
  .extend({
    reportForm: z.record(z.string(), z.string().nullable()),
    formFields: z.array(aeFormFieldDto),
    missingFormFields: z.array(z.string()),
    reports: z.array(aeReportDto),
    notices: z.array(aeNoticeDto),
    signatures: z.array(z.object({ signerName: z.string(), signedAt: z.string(), meaningText: z.string(), contentHash: z.string(), line: z.string() })),
    manufacturer: z.string().nullable(),
    abilities: z.object({
      edit: z.boolean(),
      decide: z.boolean(),
      submit: z.boolean(),
      followUp: z.boolean(),
      close: z.boolean(),
      notifySupplier: z.boolean(),
    }),
  })
  .meta(schemaId('AdverseEventDetail'));

export const aeSettingsDto = z
  .object({
    version: z.number(),
    deathDays: z.number(),
    seriousInjuryDays: z.number(),
    otherDays: z.number(),
    groupEventHours: z.number(),
    clusterMinCustomers: z.number(),
    clusterWindowDays: z.number(),
    canEdit: z.boolean(),
  })
  .meta(schemaId('AdverseEventSettings'));
const days = z.number().int().min(1).max(365);
export const aeSettingsBody = z.strictObject({
  version,
  deathDays: days,
  seriousInjuryDays: days,
  otherDays: days,
  groupEventHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  clusterMinCustomers: z.number().int().min(2).max(100),
  clusterWindowDays: days,
});

export const aeClusterDto = z
  .object({
    id: z.string(),
    version: z.number(),
    modelId: z.string(),
    modelName: z.string(),
    faultLabel: z.string(),
    customerCount: z.number(),
    events: z.array(z.object({ id: z.string(), number: z.string(), customerName: z.string() })),
    firstAwareAt: z.string(),
    lastAwareAt: z.string(),
    state: z.enum(AE_CLUSTER_STATES),
    reviewNote: z.string().nullable(),
    reviewedByName: z.string().nullable(),
  })
  .meta(schemaId('AdverseEventCluster'));
export const aeClusterListQuery = listQuery(['lastAwareAt'], { state: z.enum(AE_CLUSTER_STATES).optional() });
export const aeClusterReviewBody = z.strictObject({ version, note: text(2000) });
