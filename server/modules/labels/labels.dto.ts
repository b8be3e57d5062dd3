// Shapes of device labels and scan reports (扫码报修, issue 16 §2).
import { z } from 'zod';
import { optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { LABEL_SIZES, SCAN_REPORT_STATUSES_DTO } from './labels.rules.ts';

export const tokenParams = z.strictObject({ token: z.string().min(1).max(100) });

export const labelSizeSchema = z.enum(LABEL_SIZES);

export const labelDto = z
  .object({
    deviceId: z.string(),
    token: z.string(),
    /** The scan page's path (/d/<token>), what the QR code encodes after the site's address. */
    path: z.string(),
    issuedAt: z.string(),
    issuedByName: z.string(),
  })
  .meta(schemaId('DeviceLabel'));

export const sheetQuery = z.strictObject({
  size: labelSizeSchema.default('a4_3x8'),
  /** Selected rows: device ids, comma-separated. */
  ids: z
    .string()
    .max(20_000)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const ids = v.split(',');
      if (ids.some((id) => !z.uuid().safeParse(id).success)) ctx.addIssue({ code: 'custom', message: 'comma-separated device ids' });
      return ids;
    }),
  /** Or the device list's current filter: all=true with the list's filters. */
  all: z.enum(['true']).optional(),
  q: z.string().trim().max(200).optional(),
  customerId: z.uuid().optional(),
  modelId: z.uuid().optional(),
  status: z.enum(['in_service', 'down', 'safety_hold', 'retired']).optional(),
  category: z.string().max(50).optional(),
  criticality: z.enum(['life_support', 'critical_diagnostic', 'standard']).optional(),
});

export const revokeLabelBody = z.strictObject({ reason: optionalText(500) });

export const scanViewDto = z
  .object({
    viewer: z.enum(['staff', 'customer', 'anonymous']),
    modelName: z.string(),
    /** Anonymous visitors: the serial's last four characters; others the whole serial. */
    serial: z.string(),
    status: z.enum(['in_service', 'down', 'safety_hold', 'retired']),
    /** 停用：请勿使用 — the open safety hold (its reason only for staff and the device's hospital). */
    hold: z.object({ since: z.string(), reason: z.string().nullable() }).nullable(),
    hotline: z.string().nullable(),
    /** Staff and the device's hospital only. */
    deviceId: z.string().nullable(),
    /** The engineer's own open work orders on the device (staff only). */
    myWorkOrders: z.array(z.object({ id: z.string(), number: z.string(), status: z.string() })),
  })
  .meta(schemaId('LabelScan'));

export const myWorkOrdersDto = z
  .object({ items: z.array(z.object({ id: z.string(), number: z.string(), status: z.string() })) })
  .meta(schemaId('MyOpenWorkOrdersOnDevice'));

export const scanReportBody = z.strictObject({
  faultDescription: text(2000),
  deviceDown: z.boolean().default(false),
  reporterName: text(100),
  reporterPhone: text(30),
});

export const scanReportResultDto = z
  .object({
    /** request: a repair request was registered (hospital user); held: waiting for a call-back. */
    outcome: z.enum(['request', 'held']),
    requestNumber: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta(schemaId('LabelScanReportResult'));

export const scanReportDto = z
  .object({
    id: z.string(),
    version: z.number(),
    status: z.enum(SCAN_REPORT_STATUSES_DTO),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    customerName: z.string(),
    reporterName: z.string(),
    reporterPhone: z.string(),
    faultDescription: z.string(),
    deviceDown: z.boolean(),
    reportedAt: z.string(),
    requestId: z.string().nullable(),
    requestNumber: z.string().nullable(),
    handledAt: z.string().nullable(),
    handledByName: z.string().nullable(),
    dismissReason: z.string().nullable(),
  })
  .meta(schemaId('ScanReport'));

export const scanReportListQuery = z.strictObject({
  status: z.enum(SCAN_REPORT_STATUSES_DTO).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const convertScanReportBody = z.strictObject({
  version,
  faultDescription: optionalText(2000).optional(),
  deviceDown: z.boolean().optional(),
});

export const dismissScanReportBody = z.strictObject({ version, reason: text(500) });

export const convertedDto = z.object({ requestId: z.string(), requestNumber: z.string(), workOrderId: z.string() }).meta(schemaId('ScanReportConverted'));
