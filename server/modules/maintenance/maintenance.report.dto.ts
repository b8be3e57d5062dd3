// 月度巡检报告 over HTTP (issue 13 §1; seed 002): the query (customer, YYYY-MM month, optional
// device) and the summary's shape; the PDF is the same data rendered.
import { z } from 'zod';
import { schemaId } from '../../lib/dto.ts';
import { VISIT_STATUSES } from './maintenance.plans.rules.ts';

/** A calendar month: a 400 `invalid_format` (YYYY-MM) otherwise; its pattern is in the OpenAPI document. */
const month = z.stringFormat('YYYY-MM', /^(20\d\d|2100)-(0[1-9]|1[0-2])$/);

export const monthlyReportQuery = z.strictObject({ customerId: z.uuid(), month, deviceId: z.uuid().optional() });

const readingDto = z.object({
  checkKey: z.string(),
  label: z.string(),
  value: z.string(),
  numericValue: z.number().nullable(),
  unit: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  expected: z.string().nullable(),
  status: z.enum(['in_range', 'low', 'high', 'not_applicable']),
  outOfRange: z.boolean(),
  instrumentCode: z.string().nullable(),
  instrumentName: z.string().nullable(),
});

const visitDto = z.object({
  workOrderId: z.string(),
  workOrderNumber: z.string(),
  workOrderStatus: z.string(),
  date: z.string(),
  engineerName: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  departedAt: z.string().nullable(),
  onSiteMinutes: z.number().nullable(),
  tasks: z.array(z.object({ key: z.string(), label: z.string(), done: z.boolean().nullable(), note: z.string().nullable() })),
  readings: z.array(readingDto),
  findings: z.array(z.object({ description: z.string(), fixedOnSpot: z.boolean(), requestNumber: z.string().nullable(), open: z.boolean() })),
  signerName: z.string().nullable(),
  /** R-PM-2: above 1 the record was corrected after sign-off (已更正 vN); the content is the latest version. */
  contentVersion: z.number(),
});

const trendDto = z.object({
  checkKey: z.string(),
  label: z.string(),
  unit: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  points: z.array(z.object({ date: z.string(), value: z.string(), numericValue: z.number().nullable(), outOfRange: z.boolean() })),
});

export const monthlyReportDto = z
  .object({
    companyName: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    month: z.string(),
    generatedAt: z.string(),
    summary: z.object({
      systems: z.number(),
      plannedVisits: z.number(),
      doneVisits: z.number(),
      overdueVisits: z.number(),
      missedVisits: z.number(),
      recordedVisits: z.number(),
      readings: z.number(),
      outOfRange: z.number(),
      findings: z.number(),
      openFindings: z.number(),
    }),
    devices: z.array(
      z.object({
        deviceId: z.string(),
        serialNumber: z.string(),
        modelName: z.string(),
        departmentName: z.string().nullable(),
        location: z.string().nullable(),
        underContract: z.boolean(),
        visits: z.array(visitDto),
        trends: z.array(trendDto),
      }),
    ),
    plannedVisits: z.array(
      z.object({
        visitId: z.string(),
        deviceId: z.string(),
        serialNumber: z.string(),
        plannedDate: z.string(),
        engineerName: z.string().nullable(),
        status: z.enum(VISIT_STATUSES),
        overdue: z.boolean(),
        workOrderNumber: z.string().nullable(),
      }),
    ),
  })
  .meta(schemaId('MaintenanceMonthlyReport'));
