// Request and response shapes of the KPIs and the management dashboard (管理驾驶舱, R-RP-1,
// issue 15 §3).
import { z } from 'zod';
import { isoDate, schemaId } from '../../lib/dto.ts';
import { KPI_KEYS } from './kpis.rules.ts';

const kpiKey = z.enum(KPI_KEYS);

/** The dashboard's filters: a date range (company-local days) and the dimensions. */
const filters = {
  from: isoDate(),
  to: isoDate(),
  engineerId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  modelId: z.uuid().optional(),
  /** Hook for branches/teams (issue 15 §1): refused with 422 until the units module exists. */
  unitId: z.uuid().optional(),
};

export const dashboardQuery = z.strictObject({ ...filters, format: z.enum(['json', 'xlsx']).optional() });
export const drillQuery = z.strictObject({
  ...filters,
  kpi: kpiKey,
  /** Only the facts that missed (e.g. SLA breached, not first-time fixed). */
  missed: z.enum(['true', 'false']).optional(),
  /** One month (YYYY-MM) or one day of the range, when the number clicked was a trend point. */
  period: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/)
    .optional(),
});
export const rollupBody = z.strictObject({ from: isoDate(), to: isoDate() });
export const monthlyPdfQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' }),
  engineerId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  modelId: z.uuid().optional(),
});

const values = z
  .object(Object.fromEntries(KPI_KEYS.map((k) => [k, z.number().nullable()])) as Record<(typeof KPI_KEYS)[number], z.ZodNullable<z.ZodNumber>>)
  .meta(schemaId('KpiValues'));

const text = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const kpiDefinitionDto = z
  .object({
    key: kpiKey,
    unit: z.enum(['%', 'h', 'min', 'score', 'count', 'CNY', 'per100']),
    higherIsBetter: z.boolean(),
    name: text,
    definition: text,
  })
  .meta(schemaId('KpiDefinition'));
export const kpiDefinitionsDto = z.object({ items: z.array(kpiDefinitionDto) }).meta(schemaId('KpiDefinitions'));

const group = z
  .object({
    key: z.string(),
    name: z.string(),
    orders: z.number(),
    values,
    /** Per model only: MTBF in days (units × days ÷ repairs) and the units counted. */
    mtbfDays: z.number().nullable().optional(),
    units: z.number().optional(),
  })
  .meta(schemaId('KpiGroup'));

export const dashboardDto = z
  .object({
    from: z.string(),
    to: z.string(),
    /** 'day' for ranges up to 62 days, else 'month'. */
    trendBy: z.enum(['day', 'month']),
    totals: z.object({ orders: z.number(), values }),
    trend: z.array(group),
    byEngineer: z.array(group),
    byCustomer: z.array(group),
    byModel: z.array(group),
    /** Inbound and missed calls per weekday (0 = Sunday) and hour, company time. */
    callsHeatmap: z.array(z.object({ weekday: z.number(), hour: z.number(), calls: z.number() })),
    /** Newest day the rollup has rows for (null: never run on this range). */
    rolledUpTo: z.string().nullable(),
  })
  .meta(schemaId('KpiDashboard'));

export const drillDto = z
  .object({
    kpi: kpiKey,
    count: z.number(),
    items: z.array(
      z.object({
        source: z.string(),
        sourceId: z.string(),
        day: z.string(),
        workOrderId: z.string().nullable(),
        workOrderNumber: z.string().nullable(),
        customerName: z.string().nullable(),
        engineerName: z.string().nullable(),
        modelName: z.string().nullable(),
        /** The fact's counter for this KPI (e.g. 1 respond clock) and whether it missed. */
        value: z.number(),
        missed: z.boolean(),
      }),
    ),
  })
  .meta(schemaId('KpiDrill'));

export const rollupDto = z.object({ facts: z.number(), days: z.number() }).meta(schemaId('KpiRollup'));
