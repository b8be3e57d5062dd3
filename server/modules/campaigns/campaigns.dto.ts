// Request and response shapes of the recall / field-action endpoints (召回, issue 14 §3, R-REG-3, R-UP-1).
import { z } from 'zod';
import { listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { ACK_CHANNELS, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, CONSENTS, UNIT_OUTCOMES } from './campaigns.tables.ts';

const type = z.enum(CAMPAIGN_TYPES);
const status = z.enum(CAMPAIGN_STATUSES);
const outcome = z.enum(UNIT_OUTCOMES);
const money = z.union([z.string().regex(/^\d{1,9}(\.\d{1,2})?$/), z.null()]).optional();

export const createCampaignBody = z.strictObject({
  type,
  title: text(200),
  reason: text(4000),
  /** The customer notice text (致客户通知); version 1. */
  noticeContent: text(8000),
  /** Days to tell every customer; by default the class deadline (I 1, II 3, III 7). */
  deadlineDays: z.number().int().min(1).max(365).optional(),
  costFee: money,
});

export const updateCampaignBody = z.strictObject({
  version,
  title: text(200).optional(),
  reason: text(4000).optional(),
  /** A changed text is a new content version; notices already sent keep the version they carried. */
  noticeContent: text(8000).optional(),
  deadlineDays: z.number().int().min(1).max(365).optional(),
  costFee: money,
});

/** How the affected units are found; the criteria combine (AND). At least one is required. */
export const campaignCriteria = z.strictObject({
  modelId: z.uuid().optional(),
  serialFrom: text(100).optional(),
  serialTo: text(100).optional(),
  /** devices.software_version, exact (any of). */
  softwareVersions: z.array(text(100)).min(1).max(50).optional(),
  /** A part lot (or part serial) fitted through a work order: every device it went into. */
  partLot: text(100).optional(),
  /** Narrows the lot to one part number. */
  partNo: text(100).optional(),
  /** An uploaded list of serial numbers. */
  serials: z.array(text(100)).min(1).max(20_000).optional(),
});
export type CampaignCriteria = z.infer<typeof campaignCriteria>;

export const previewBody = z.strictObject({ criteria: campaignCriteria });
export const freezeBody = z.strictObject({ version, criteria: campaignCriteria });
export const versionBody = z.strictObject({ version });
export const closeCampaignBody = z.strictObject({ version, password: z.string().min(1).max(200), note: optionalText(2000) });
export const ackBody = z.strictObject({ version, note: optionalText(1000) });
export const consentBody = z.strictObject({ version, decision: z.enum(['given', 'refused']), note: optionalText(1000) });
export const unitWorkOrderBody = z.strictObject({
  version,
  plannedDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export const resolveUnitBody = z.strictObject({
  version,
  outcome,
  reason: optionalText(2000),
  verification: optionalText(4000),
});
export const noticeIdParams = z.strictObject({ id: z.uuid(), noticeId: z.uuid() });
export const unitIdParams = z.strictObject({ id: z.uuid(), unitId: z.uuid() });

export const campaignListQuery = listQuery(['createdAt', 'number'], { type: type.optional(), status: status.optional() });
export const campaignExportQuery = campaignListQuery.omit({ page: true, pageSize: true });
export const NOTICE_STATES = ['unsent', 'sent', 'acked', 'overdue'] as const;
export const noticeListQuery = listQuery(['sentAt', 'customerName'], { state: z.enum(NOTICE_STATES).optional() });
export const myNoticesQuery = listQuery(['sentAt'], { state: z.enum(['unacked', 'acked']).optional() });
export const unitListQuery = listQuery(['serialNumber', 'customerName'], {
  customerId: z.uuid().optional(),
  state: z.enum(['open', 'done']).optional(),
  outcome: outcome.optional(),
});

export const campaignDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    type,
    title: z.string(),
    reason: z.string(),
    noticeContent: z.string(),
    contentVersion: z.number(),
    deadlineDays: z.number(),
    costFee: z.string().nullable(),
    status,
    createdAt: z.string(),
    createdByName: z.string(),
    criteria: campaignCriteria.nullable(),
    frozenAt: z.string().nullable(),
    frozenByName: z.string().nullable(),
    notifyStartedAt: z.string().nullable(),
    noticeDeadline: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    closingNote: z.string().nullable(),
    signatureMeaning: z.string().nullable(),
    signatureHash: z.string().nullable(),
    units: z.number(),
    unitsDone: z.number(),
    customers: z.number(),
    customersAcked: z.number(),
  })
  .meta(schemaId('Campaign'));

export const campaignDetailDto = campaignDto
  .extend({
    abilities: z.object({ edit: z.boolean(), freeze: z.boolean(), notify: z.boolean(), work: z.boolean(), close: z.boolean() }),
    needsConsent: z.boolean(),
  })
  .meta(schemaId('CampaignDetail'));

export const campaignPreviewDto = z
  .object({
    total: z.number(),
    customers: z.number(),
    byCustomer: z.array(z.object({ customerId: z.string(), customerName: z.string(), units: z.number() })),
    sample: z.array(
      z.object({ deviceId: z.string(), serialNumber: z.string(), modelName: z.string(), customerName: z.string(), softwareVersion: z.string().nullable() }),
    ),
  })
  .meta(schemaId('CampaignPreview'));

export const campaignNoticeDto = z
  .object({
    id: z.string(),
    version: z.number(),
    campaignId: z.string(),
    campaignNumber: z.string(),
    campaignTitle: z.string(),
    campaignType: type,
    customerId: z.string(),
    customerName: z.string(),
    unitCount: z.number(),
    sentAt: z.string().nullable(),
    channel: z.string().nullable(),
    contentVersion: z.number().nullable(),
    /** The notice text as the customer reads it (the campaign's current content). */
    content: z.string(),
    ackAt: z.string().nullable(),
    ackByName: z.string().nullable(),
    ackChannel: z.enum(ACK_CHANNELS).nullable(),
    ackNote: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta(schemaId('CampaignNotice'));

export const campaignUnitDto = z
  .object({
    id: z.string(),
    version: z.number(),
    campaignId: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    region: z.string().nullable(),
    softwareVersion: z.string().nullable(),
    inWarranty: z.boolean(),
    fee: z.string(),
    consent: z.enum(CONSENTS).nullable(),
    consentAt: z.string().nullable(),
    consentByName: z.string().nullable(),
    consentNote: z.string().nullable(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    workOrderStatus: z.string().nullable(),
    outcome: outcome.nullable(),
    outcomeReason: z.string().nullable(),
    verification: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolvedByName: z.string().nullable(),
  })
  .meta(schemaId('CampaignUnit'));

const progressRow = z.object({ key: z.string(), label: z.string(), units: z.number(), done: z.number(), acked: z.boolean().nullable() });
export const campaignProgressDto = z
  .object({
    total: z.number(),
    done: z.number(),
    byOutcome: z.record(z.string(), z.number()),
    byCustomer: z.array(progressRow),
    byRegion: z.array(progressRow),
  })
  .meta(schemaId('CampaignProgress'));

/** Documents the multipart body (the route reads the part itself). */
export const serialFileBody = z.object({
  file: z.string().meta({ format: 'binary', description: 'A column of serial numbers (header row optional): .xlsx, or .csv in UTF-8; ≤ 5,000 rows, ≤ 5 MB' }),
});
/** The model the campaign selects, when chosen: a serial of another model is reported, not matched. */
export const serialFileQuery = z.strictObject({ modelId: z.uuid().optional() });
export const serialFileDto = z
  .object({
    /** Data rows with a serial. */
    rows: z.number(),
    /** The matched serials as the units spell them, in file order: the selection's list. */
    serials: z.array(z.string()),
    /** The lines not matched, with their row number (as Excel shows it) and why. */
    unmatched: z.array(
      z.object({ row: z.number(), serial: z.string(), reason: z.enum(['unknown', 'duplicate', 'other_model']), firstRow: z.number().nullable() }),
    ),
    preview: campaignPreviewDto,
  })
  .meta(schemaId('CampaignSerialFile'));
