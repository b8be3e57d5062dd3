// Yearly maintenance plans over HTTP (issue 13 §1, R-PM-1). Shapes and bounds here; calendar and
// state rules (working day, movable, the hospital's own visit) in maintenance.plans.service.ts.
import { z } from 'zod';
import { isoDate, listQuery, optionalText, schemaId, version } from '../../lib/dto.ts';
import { REPORT_BY, VISIT_FLAGS, VISIT_STATUSES } from './maintenance.plans.rules.ts';

const year = z.coerce.number().int().min(2000).max(2100);

export const generatePlanBody = z.strictObject({ contractId: z.uuid(), year: z.number().int().min(2000).max(2100) });

export const visitListQuery = listQuery(['plannedDate', 'customer', 'engineer', 'device'], {
  year: year.optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  /** Planned on or after / on or before (inclusive). */
  from: isoDate().optional(),
  to: isoDate().optional(),
  engineerId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  contractId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
  status: z.enum(VISIT_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const moveVisitBody = z.strictObject({ version, plannedDate: isoDate().optional(), engineerId: z.uuid().nullable().optional() });

export const respondVisitBody = z.strictObject({
  version,
  response: z.enum(['confirm', 'reschedule']),
  requestedDate: isoDate().nullable().optional(),
  reason: optionalText(500),
});

export const planReportQuery = z.strictObject({ year, by: z.enum(REPORT_BY).default('month'), format: z.enum(['json', 'xlsx']).default('json') });

export const planSettingsBody = z.strictObject({
  version: z.number().int().min(0),
  noticeDays: z.number().int().min(1).max(60),
  orderDays: z.number().int().min(0).max(60),
});

export const generateResultDto = z
  .object({
    contractId: z.string(),
    year: z.number(),
    plans: z.number(),
    created: z.number(),
    kept: z.number(),
    cancelled: z.number(),
    skippedDevices: z.array(z.string()),
  })
  .meta(schemaId('MaintenancePlanGenerated'));

export const maintenanceVisitDto = z
  .object({
    id: z.string(),
    version: z.number(),
    planId: z.string(),
    contractId: z.string(),
    contractNumber: z.string(),
    year: z.number(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    seq: z.number(),
    plannedDate: z.string(),
    engineerId: z.string().nullable(),
    engineerName: z.string().nullable(),
    status: z.enum(VISIT_STATUSES),
    flag: z.enum(VISIT_FLAGS),
    overdue: z.boolean(),
    noticeSentAt: z.string().nullable(),
    customerResponse: z.enum(['confirmed', 'reschedule']).nullable(),
    respondedAt: z.string().nullable(),
    requestedDate: z.string().nullable(),
    requestReason: z.string().nullable(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    workOrderStatus: z.string().nullable(),
  })
  .meta(schemaId('MaintenanceVisit'));

export const planReportRowDto = z
  .object({ key: z.string(), label: z.string(), planned: z.number(), done: z.number(), overdue: z.number(), rate: z.number() })
  .meta(schemaId('MaintenancePlanReportRow'));

export const planSettingsDto = z.object({ noticeDays: z.number(), orderDays: z.number(), version: z.number() }).meta(schemaId('MaintenancePlanSettings'));
