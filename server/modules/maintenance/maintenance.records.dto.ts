// Maintenance visit records over HTTP (issue 13 §1 recording, §2; R-PM-1, R-PM-2).
import { z } from 'zod';
import { isoDate, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { EXCEPTION_KINDS } from './maintenance.records.rules.ts';
import { TASK_KINDS } from './maintenance.rules.ts';

const instant = z.iso.datetime({ offset: true });
export const presenceBody = z.strictObject({ version, at: instant.nullable().optional() });
export const taskParams = z.strictObject({ id: z.uuid(), key: z.string().min(1).max(40) });
export const taskBody = z.strictObject({ version, done: z.boolean(), note: optionalText(500) });
export const readingBody = z.strictObject({
  checkKey: z.string().regex(/^[a-z0-9_]{1,40}$/),
  value: text(100),
  instrumentId: z.uuid(),
  takenAt: instant.nullable().optional(),
});
export const findingBody = z.strictObject({ description: text(2000), fixedOnSpot: z.boolean() });
export const deviceReadingsQuery = z.strictObject({ checkKey: z.string().max(40).optional() });
export const periodQuery = z.strictObject({ from: isoDate().optional(), to: isoDate().optional() });
export const exceptionsQuery = z.strictObject({ from: isoDate().optional(), to: isoDate().optional(), kind: z.enum(EXCEPTION_KINDS).optional() });

export const maintenanceReadingDto = z
  .object({
    id: z.string(),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    checkKey: z.string(),
    label: z.string(),
    unit: z.string().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    expected: z.string().nullable(),
    value: z.string(),
    numericValue: z.number().nullable(),
    status: z.enum(['in_range', 'low', 'high', 'not_applicable']),
    outOfRange: z.boolean(),
    instrumentId: z.string(),
    instrumentCode: z.string(),
    instrumentName: z.string(),
    takenAt: z.string(),
  })
  .meta(schemaId('MaintenanceReading'));

const missingItem = z.object({
  code: z.enum(['evidence_record', 'evidence_arrival', 'evidence_departure', 'evidence_task', 'evidence_reading', 'evidence_photos', 'evidence_signature']),
  key: z.string().optional(),
  label: z.string().optional(),
  required: z.number().optional(),
  inWindow: z.number().optional(),
});

export const maintenanceVisitDto = z
  .object({
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    workOrderStatus: z.string(),
    record: z
      .object({
        id: z.string(),
        version: z.number(),
        deviceId: z.string(),
        templateId: z.string().nullable(),
        templateName: z.string().nullable(),
        minOnSiteMinutes: z.number(),
        photosRequired: z.number(),
        tasks: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(TASK_KINDS), done: z.boolean().nullable(), note: z.string().nullable() })),
        checks: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            unit: z.string().nullable(),
            min: z.number().nullable(),
            max: z.number().nullable(),
            expected: z.string().nullable(),
          }),
        ),
        arrivedAt: z.string().nullable(),
        departedAt: z.string().nullable(),
        onSiteMinutes: z.number().nullable(),
        /** R-PM-2: 1 as signed; above 1 the record was corrected after sign-off (已更正 vN). */
        contentVersion: z.number(),
      })
      .nullable(),
    readings: z.array(maintenanceReadingDto),
    findings: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        fixedOnSpot: z.boolean(),
        requestId: z.string().nullable(),
        requestNumber: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    photos: z.array(
      z.object({ id: z.string(), sha256: z.string(), fileName: z.string(), capturedAt: z.string(), fromExif: z.boolean(), inWindow: z.boolean() }),
    ),
    /** R-PM-2: the evidence still missing before the work order may be resolved (or, once signed, closed). */
    missing: z.array(missingItem),
  })
  .meta(schemaId('MaintenanceVisitRecord'));

export const deviceReadingsDto = z.object({ items: z.array(maintenanceReadingDto) }).meta(schemaId('MaintenanceReadingList'));
export const instrumentReadingsDto = z
  .object({ items: z.array(maintenanceReadingDto), devices: z.array(z.object({ deviceId: z.string(), serialNumber: z.string() })) })
  .meta(schemaId('InstrumentReadings'));

export const evidenceExceptionDto = z
  .object({
    kind: z.enum(EXCEPTION_KINDS),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    customerName: z.string(),
    engineerName: z.string().nullable(),
    arrivedAt: z.string().nullable(),
    departedAt: z.string().nullable(),
    related: z.array(z.object({ workOrderId: z.string(), workOrderNumber: z.string() })),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .meta(schemaId('EvidenceException'));
export const evidenceExceptionListDto = z.object({ items: z.array(evidenceExceptionDto) }).meta(schemaId('EvidenceExceptionList'));

// ---- corrections after sign-off (R-PM-2, like service reports R-WO-5) ----
export const recordCorrectionBody = z.strictObject({
  version,
  reason: text(500),
  tasks: z
    .array(z.strictObject({ key: z.string().min(1).max(40), done: z.boolean(), note: optionalText(500) }))
    .max(50)
    .optional(),
  readings: z
    .array(z.strictObject({ checkKey: z.string().regex(/^[a-z0-9_]{1,40}$/), value: text(100) }))
    .max(50)
    .optional(),
  findings: z
    .array(z.strictObject({ id: z.uuid(), description: text(2000) }))
    .max(50)
    .optional(),
});

export const maintenanceRecordVersionsDto = z
  .object({
    contentVersion: z.number(),
    corrected: z.boolean(),
    canCorrect: z.boolean(),
    items: z.array(
      z.object({
        n: z.number(),
        current: z.boolean(),
        reason: z.string().nullable(),
        byName: z.string(),
        at: z.string(),
        contentHash: z.string(),
        content: z.object({
          tasks: z.array(z.object({ key: z.string(), label: z.string(), done: z.boolean().nullable(), note: z.string().nullable() })),
          readings: z.array(
            z.object({
              checkKey: z.string(),
              label: z.string(),
              value: z.string(),
              unit: z.string().nullable(),
              status: z.string(),
              outOfRange: z.boolean(),
              instrumentId: z.string(),
            }),
          ),
          findings: z.array(z.object({ id: z.string(), description: z.string(), fixedOnSpot: z.boolean(), requestId: z.string().nullable() })),
        }),
      }),
    ),
  })
  .meta(schemaId('MaintenanceRecordVersions'));
