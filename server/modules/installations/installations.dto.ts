// Request and response shapes of the installations module (issue 12 item 2, R-IN-1).
import { z } from 'zod';
import { workOrderStatus } from '../../db/enums.ts';
import { isoDate, listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { signatureDto } from '../signatures/index.ts';
import { DEFECT_DECISIONS, INSTALLATION_STATUSES, PARTIES } from './installations.rules.ts';

const status = z.enum(INSTALLATION_STATUSES);
/** A drawn signature (PNG data URL). Optional in the schema so a missing one gets the translated 422 naming it. */
const signaturePng = z.string().max(400_000).nullable().optional();

const templateItem = z.strictObject({ key: z.string().regex(/^[a-z0-9_]{1,40}$/), label: text(200), expected: optionalText(200) });
const templateItemDto = z.object({ key: z.string(), label: z.string(), expected: z.string().nullable().optional() });

export const templateDto = z
  .object({
    id: z.string(),
    version: z.number(),
    kind: z.enum(['site_check', 'commissioning']),
    modelId: z.string().nullable(),
    category: z.string().nullable(),
    items: z.array(templateItemDto),
  })
  .meta(schemaId('InstallationTemplate'));
export const saveTemplateBody = z.strictObject({
  kind: z.enum(['site_check', 'commissioning']),
  modelId: z.uuid().nullable().optional(),
  category: z.string().trim().max(40).nullable().optional(),
  items: z.array(templateItem).min(1).max(60),
});

const listItem = {
  id: z.string(),
  version: z.number(),
  number: z.string(),
  status,
  deviceId: z.string(),
  customerId: z.string(),
  siteAddress: z.string(),
  plannedDate: z.string(),
  salesContact: z.string(),
  notes: z.string().nullable(),
  engineerId: z.string().nullable(),
  engineerName: z.string().nullable(),
  serialNumber: z.string(),
  udi: z.string().nullable(),
  modelId: z.string(),
  modelName: z.string(),
  category: z.string(),
  customerName: z.string(),
  acceptanceDate: z.string().nullable(),
  trainingDueAt: z.string().nullable(),
  handoverDueOn: z.string().nullable(),
  handoverOverdue: z.boolean(),
  defectDecision: z.enum(DEFECT_DECISIONS).nullable(),
  /** Issue 12 item 2: the installation work order the notice opened (null on rows from before it). */
  workOrder: z.object({ id: z.string(), number: z.string(), status: z.enum(workOrderStatus.enumValues), leadName: z.string().nullable() }).nullable(),
  /** The operator training planned at acceptance (R-TR-1). */
  trainingSessionId: z.string().nullable(),
  /** The return/exchange job a defect decision opened (seed 003 包修、包换、包退). */
  defectWorkOrder: z.object({ id: z.string(), number: z.string(), status: z.enum(workOrderStatus.enumValues) }).nullable(),
  createdAt: z.string(),
};
export const installationListItemDto = z.object(listItem).meta(schemaId('InstallationListItem'));

export const installationDto = z
  .object({
    ...listItem,
    siteCheck: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        result: z.enum(['pass', 'fail']),
        note: z.string().nullable(),
        waiver: z.object({ reason: z.string(), byName: z.string(), at: z.string() }).nullable(),
      }),
    ),
    siteCheckedAt: z.string().nullable(),
    installStartedAt: z.string().nullable(),
    commissioning: z.array(z.object({ key: z.string(), label: z.string(), expected: z.string().nullable(), measured: z.string(), passed: z.boolean() })),
    consentName: z.string().nullable(),
    consentAt: z.string().nullable(),
    commissionedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    handover: z.array(z.object({ key: z.string(), label: z.string(), done: z.boolean(), note: z.string().nullable() })),
    handedOverAt: z.string().nullable(),
    defect: z.string().nullable(),
    defectAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    signatures: z.array(
      z.object({
        party: z.enum(['consent', ...PARTIES]),
        meaning: z.string(),
        signerName: z.string(),
        signedAt: z.string(),
        /** R-AU-1: sha256 of the acceptance facts signed (null on the consent and on older rows). */
        contentHash: z.string().nullable(),
      }),
    ),
    /** Electronic signatures of staff (R-AU-1, issue 14 §6): the service and quality acceptance signatures, password confirmed. */
    eSignatures: z.array(signatureDto),
    siteCheckTemplate: z.array(templateItemDto),
    commissioningTemplate: z.array(templateItemDto),
    handoverTemplate: z.array(templateItemDto),
    /** What the caller may do here now (policy + state); the web shows its buttons by these. */
    abilities: z.object({
      siteCheck: z.boolean(),
      waive: z.boolean(),
      start: z.boolean(),
      commission: z.boolean(),
      signService: z.boolean(),
      signCustomer: z.boolean(),
      signQuality: z.boolean(),
      correctAcceptance: z.boolean(),
      handover: z.boolean(),
      defect: z.boolean(),
      cancel: z.boolean(),
    }),
  })
  .meta(schemaId('Installation'));

export const installationListQuery = listQuery(['createdAt'], {
  status: status.optional(),
  customerId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
  handoverOverdue: z.enum(['true', 'false']).optional(),
});

export const createNoticeBody = z.strictObject({
  deviceId: z.uuid().nullable().optional(),
  /** A unit not registered yet: registered from its serial/UDI and model (held until acceptance). */
  device: z
    .strictObject({
      serialNumber: text(100),
      udi: optionalText(200),
      modelId: z.uuid(),
      departmentId: z.uuid().nullable().optional(),
      siteId: z.uuid().nullable().optional(),
    })
    .nullable()
    .optional(),
  customerId: z.uuid(),
  siteAddress: text(300),
  plannedDate: isoDate(),
  salesContact: text(100),
  notes: optionalText(2000),
  engineerId: z.uuid().nullable().optional(),
});
export const updateNoticeBody = z.strictObject({
  version,
  plannedDate: isoDate().optional(),
  siteAddress: text(300).optional(),
  salesContact: text(100).optional(),
  notes: optionalText(2000),
  engineerId: z.uuid().nullable().optional(),
});

export const siteCheckBody = z.strictObject({
  version,
  items: z
    .array(z.strictObject({ key: z.string().max(40), result: z.enum(['pass', 'fail']), note: optionalText(1000) }))
    .min(1)
    .max(60),
});
export const waiveBody = z.strictObject({ version, key: z.string().max(40), reason: z.string().max(1000) });
export const versionBody = z.strictObject({ version });
export const commissionBody = z.strictObject({
  version,
  items: z
    .array(z.strictObject({ key: z.string().max(40), measured: text(200), passed: z.boolean() }))
    .min(1)
    .max(60),
  consent: z
    .strictObject({ name: z.string().trim().max(100).nullable().optional(), signaturePng })
    .nullable()
    .optional(),
});
export const signBody = z.strictObject({
  version,
  party: z.enum(PARTIES),
  signerName: z.string().trim().max(100).nullable().optional(),
  signaturePng,
  /** R-AU-1: the staff signer's own password again (service, quality); the customer party has no account and needs none. */
  password: z.string().max(200).nullable().optional(),
});
export const correctAcceptanceBody = z.strictObject({ version, acceptanceDate: isoDate(), reason: z.string().max(1000) });
export const handoverBody = z.strictObject({
  version,
  items: z
    .array(z.strictObject({ key: z.string().max(40), done: z.boolean(), note: optionalText(1000) }))
    .min(1)
    .max(20),
});
export const defectBody = z.strictObject({ version, defect: text(2000), decision: z.enum(DEFECT_DECISIONS) });
export const cancelBody = z.strictObject({ version, reason: text(1000) });

export const accessoryTermDto = z
  .object({
    id: z.string(),
    version: z.number(),
    modelId: z.string(),
    modelName: z.string(),
    name: z.string(),
    partNumber: z.string().nullable(),
    months: z.number(),
    consumable: z.boolean(),
  })
  .meta(schemaId('AccessoryTerm'));
export const accessoryTermQuery = z.strictObject({ modelId: z.uuid().optional() });
export const addAccessoryTermBody = z.strictObject({
  modelId: z.uuid(),
  name: text(200),
  partNumber: optionalText(100),
  months: z.number().int().min(0).max(240),
  consumable: z.boolean().default(false),
});
export const changeAccessoryTermBody = z.strictObject({
  version,
  name: text(200).optional(),
  partNumber: optionalText(100),
  months: z.number().int().min(0).max(240).optional(),
  consumable: z.boolean().optional(),
});
export const deviceAccessoryWarrantyDto = z
  .object({
    acceptanceDate: z.string().nullable(),
    installation: z.object({ id: z.string(), number: z.string(), status }).nullable(),
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        partNumber: z.string().nullable(),
        months: z.number(),
        consumable: z.boolean(),
        warrantyEnd: z.string().nullable(),
        coveredToday: z.boolean(),
      }),
    ),
  })
  .meta(schemaId('DeviceAccessoryWarranty'));
export const overdueDto = z.object({ handoverOverdue: z.number() }).meta(schemaId('InstallationCounts'));
