import { z } from 'zod';
import { deviceCategory, regionClass } from '../../db/enums.ts';
import { workOrderKind } from '../../db/schema.ts';
import { isoDate, listQuery, optionalDate, optionalShape, optionalText, schemaId, text, version } from '../../lib/dto.ts';

const regionClassSchema = z.enum(regionClass.enumValues);

export const categorySchema = z.enum(deviceCategory.enumValues);
export const regulatoryClassSchema = z.enum(['I', 'II', 'III']);
export const criticalitySchema = z.enum(['life_support', 'critical_diagnostic', 'standard']);
export const deviceStatusSchema = z.enum(['in_service', 'down', 'safety_hold', 'retired']);

const record = { id: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string() };

export const modelDto = z
  .object({
    ...record,
    code: z.string(),
    name: z.string(),
    manufacturer: z.string().nullable(),
    category: categorySchema,
    regulatoryClass: regulatoryClassSchema,
    criticality: criticalitySchema,
    implantable: z.boolean(),
    warrantyMonths: z.number(),
    notes: z.string().nullable(),
  })
  .meta(schemaId('DeviceModel'));
const modelFields = {
  name: text(200),
  manufacturer: optionalText(200),
  category: categorySchema,
  regulatoryClass: regulatoryClassSchema,
  criticality: criticalitySchema,
  implantable: z.boolean(),
  warrantyMonths: z.number().int().min(0).max(240),
  notes: optionalText(2000),
};
export const createModelBody = z.strictObject({
  code: text(50),
  ...modelFields,
  criticality: criticalitySchema.default('standard'),
  implantable: z.boolean().default(false),
  warrantyMonths: z.number().int().min(0).max(240).default(12),
});
export const updateModelBody = z.strictObject({ version, code: text(50).optional(), ...optionalShape(modelFields) });
export const modelListQuery = listQuery(['code', 'name', 'category', 'criticality', 'createdAt'], {
  category: categorySchema.optional(),
  criticality: criticalitySchema.optional(),
  regulatoryClass: regulatoryClassSchema.optional(),
});

export const coverageDto = z
  .object({
    category: z.enum(['warranty', 'contract', 'paid']),
    basis: z.enum(['factory_warranty', 'warranty_contract', 'maintenance_contract', 'paid_contract', 'none']),
    contractId: z.string().nullable(),
    contractNumber: z.string().nullable(),
    until: z.string().nullable(),
    note: z.enum(['not_accepted']).nullable(),
  })
  .meta(schemaId('DeviceCoverage'));

export const deviceDto = z
  .object({
    ...record,
    serialNumber: z.string(),
    udi: z.string().nullable(),
    modelId: z.string(),
    customerId: z.string(),
    departmentId: z.string().nullable(),
    siteId: z.string().nullable(),
    location: z.string().nullable(),
    installDate: z.string().nullable(),
    acceptanceDate: z.string().nullable(),
    warrantyEnd: z.string().nullable(),
    /** True when the warranty end is an explicit override (with its reason), not derived. */
    warrantyEndOverride: z.boolean(),
    warrantyOverrideReason: z.string().nullable(),
    softwareVersion: z.string().nullable(),
    status: deviceStatusSchema,
    notes: z.string().nullable(),
  })
  .meta(schemaId('Device'));

/** The unit's open safety hold (停用, R-REG-1): every screen showing the unit reads this, not a copy of the rule. */
export const deviceHoldSummaryDto = z.object({ id: z.string(), since: z.string(), reason: z.string() }).meta(schemaId('DeviceHoldSummary'));

export const deviceListItemDto = deviceDto
  .extend({
    modelCode: z.string(),
    modelName: z.string(),
    category: categorySchema,
    criticality: criticalitySchema,
    customerName: z.string(),
    departmentName: z.string().nullable(),
    siteName: z.string().nullable(),
    regionClass: regionClassSchema.nullable(),
    coverage: coverageDto,
    /** Open safety hold, or null (issue 14 §1). */
    hold: deviceHoldSummaryDto.nullable(),
  })
  .meta(schemaId('DeviceListItem'));

const deviceFields = {
  serialNumber: text(100),
  udi: optionalText(200),
  modelId: z.uuid(),
  customerId: z.uuid(),
  departmentId: z.uuid().nullable().optional(),
  siteId: z.uuid().nullable().optional(),
  location: optionalText(200),
  installDate: optionalDate(),
  acceptanceDate: optionalDate(),
  warrantyEnd: optionalDate(),
  softwareVersion: optionalText(100),
  status: deviceStatusSchema,
  notes: optionalText(2000),
};
/**
 * The warranty end is derived from the acceptance date and the model's term (issue 10 item 2):
 * send `warrantyEnd` only with `warrantyOverride: { reason }` to keep another date; `null` clears
 * an override. A `warrantyEnd` alone must equal the derived date.
 */
const warrantyOverride = z
  .strictObject({ reason: text(500) })
  .nullable()
  .optional()
  .describe('Keep warrantyEnd as an explicit override with this reason; null clears the override and derives the date again');
export const createDeviceBody = z.strictObject({ ...deviceFields, status: deviceStatusSchema.default('in_service'), warrantyOverride });
export const updateDeviceBody = z.strictObject({ version, ...optionalShape(deviceFields), warrantyOverride });

export const deviceListQuery = listQuery(['serialNumber', 'modelName', 'customerName', 'installDate', 'acceptanceDate', 'warrantyEnd', 'status', 'updatedAt'], {
  customerId: z.uuid().optional(),
  /** R-ORG-1: devices of customers served by this unit or a team below it. */
  unitId: z.uuid().optional(),
  modelId: z.uuid().optional(),
  status: deviceStatusSchema.optional(),
  category: categorySchema.optional(),
  criticality: criticalitySchema.optional(),
  regionClass: regionClassSchema.optional(),
  warrantyEndBefore: isoDate().optional(),
});

export const deviceExportQuery = deviceListQuery.omit({ page: true, pageSize: true });

export const coverageQuery = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() });

export const auditEntryDto = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const deviceDetailDto = z
  .object({
    device: deviceListItemDto,
    model: modelDto,
    contracts: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        kind: z.enum(['warranty', 'maintenance', 'paid']),
        startDate: z.string(),
        endDate: z.string(),
        slaPolicy: z.string().nullable(),
        visitsPerYear: z.number(),
      }),
    ),
    /** Everything that happened to the unit, newest first; later modules add their events. */
    timeline: z.array(
      z.object({
        at: z.string(),
        kind: z.string(),
        title: z.string(),
        actorName: z.string().nullable(),
        ref: z.string().nullable(),
        /** End of a period (device.down: when the repair was resolved; null while still down). */
        until: z.string().nullable().optional(),
        /** Issue 12: the kind of the work order an entry is about (repair, installation, …). */
        workOrderKind: z.enum(workOrderKind.enumValues).optional(),
      }),
    ),
  })
  .meta(schemaId('DeviceDetail'));
