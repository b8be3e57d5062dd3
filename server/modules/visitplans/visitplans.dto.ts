// Request and response shapes of the visit-plan endpoints (issue 13 §4). Shapes and bounds here
// (400 validation_failed); the key account's frequency bounds are the rules' (422 naming visits).
import { z } from 'zod';
import { listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { LINE_SOURCES, LINE_STATES, VISIT_KINDS, VISIT_PERIODS } from './visitplans.rules.ts';

const kind = z.enum(VISIT_KINDS);
const period = z.enum(VISIT_PERIODS);
const state = z.enum(LINE_STATES);
const quarterFields = {
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
};
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const keyAccountBody = z.strictObject({
  keyAccount: z.boolean(),
  period: period.optional(),
  // Bounds 1–10 are the rules' (frequencyProblems): a 422 naming the field.
  visits: z.number().int().min(-1000).max(1000).optional(),
  method: kind.optional(),
  note: optionalText(500),
  version: version.optional(),
});

export const keyAccountDto = z
  .object({
    customerId: z.string(),
    keyAccount: z.boolean(),
    id: z.string().nullable(),
    version: z.number().nullable(),
    period: period.nullable(),
    visits: z.number().nullable(),
    method: kind.nullable(),
    note: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta(schemaId('KeyAccount'));

export const generateBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1).max(4),
  /** One customer; absent: every customer with a device in service or flagged key account. */
  customerId: z.uuid().optional(),
  assigneeId: z.uuid().nullable().optional(),
});
export const generateDto = z.object({ plans: z.number(), planId: z.string().nullable() }).meta(schemaId('VisitPlanGenerated'));

export const recordVisitBody = z.strictObject({ record: text(2000), contactName: optionalText(100), remarks: optionalText(2000) });
export const assignBody = z.strictObject({ version, assigneeId: z.uuid().nullable() });

export const planListQuery = listQuery(['customerName'], {
  ...quarterFields,
  customerId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  keyAccount: bool.optional(),
  state: state.optional(),
});
export const planExportQuery = planListQuery.omit({ page: true, pageSize: true, sort: true });
export const quarterQuery = z.strictObject({ ...quarterFields, by: z.enum(['customer', 'person']).default('customer') });
export const missedQuery = z.strictObject({
  ...quarterFields,
  assigneeId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const cell = z.object({ planned: z.number(), done: z.number(), missed: z.number(), due: z.number() });

export const visitLineDto = z
  .object({
    id: z.string(),
    month: z.string(),
    kind,
    seq: z.number(),
    source: z.enum(LINE_SOURCES),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    state,
    followupId: z.string().nullable(),
    doneAt: z.string().nullable(),
    missedNotifiedAt: z.string().nullable(),
  })
  .meta(schemaId('VisitPlanLine'));

export const visitPlanDto = z
  .object({
    id: z.string(),
    version: z.number(),
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    year: z.number(),
    quarter: z.number(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    keyAccount: z.object({ period, visits: z.number(), method: kind }).nullable(),
    generatedAt: z.string(),
    months: z.array(cell),
    total: cell,
    lines: z.array(visitLineDto),
  })
  .meta(schemaId('VisitPlan'));

export const visitPlanPageDto = z
  .object({ items: z.array(visitPlanDto), total: z.number(), page: z.number(), pageSize: z.number(), months: z.array(z.string()) })
  .meta(schemaId('VisitPlanPage'));

export const planVsDoneDto = z
  .object({
    months: z.array(z.string()),
    rows: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), months: z.array(cell), total: cell })),
    /** All rows together, per month. */
    cells: z.array(cell),
    total: cell,
  })
  .meta(schemaId('VisitPlanVsDone'));

export const missedLineDto = z
  .object({
    id: z.string(),
    planId: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    month: z.string(),
    kind,
    seq: z.number(),
    assigneeName: z.string().nullable(),
    missedNotifiedAt: z.string().nullable(),
  })
  .meta(schemaId('VisitMissedLine'));
export const missedPageDto = z
  .object({ items: z.array(missedLineDto), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta(schemaId('VisitMissedPage'));
