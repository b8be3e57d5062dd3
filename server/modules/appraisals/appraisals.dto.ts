// Request and response shapes of the monthly appraisal (月度考核, R-AP-1, issue 15 §3).
import { z } from 'zod';
import { schemaId, text, version } from '../../lib/dto.ts';
import { APPRAISAL_STATUSES, ITEM_KINDS } from './appraisals.rules.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' });

export const generateBody = z.strictObject({
  month,
  /** Bears the 乐捐 of verified complaints with no one responsible (售后服务组长). */
  teamLeadId: z.uuid(),
  /** 乐捐 per verified complaint (CNY), doubled for a repeat. */
  complaintPenalty: z.number().min(1).max(100_000).default(100),
});
export const listQuery = z.strictObject({ month: month.optional(), engineerId: z.uuid().optional() });
export const assessBody = z.strictObject({ version, supervisorScore: z.number().int().min(0).max(100), comment: text(2000) });
export const itemBody = z.strictObject({ version, kind: z.enum(ITEM_KINDS), reason: text(500), amount: z.number().min(0.01).max(1_000_000) });
export const acknowledgeBody = z.strictObject({ version, note: z.string().trim().max(1000).optional() });

const item = z
  .object({
    id: z.string(),
    kind: z.enum(ITEM_KINDS),
    reason: z.string(),
    amount: z.number(),
    complaintId: z.string().nullable(),
    complaintNumber: z.string().nullable(),
    repeat: z.boolean(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .meta(schemaId('AppraisalItem'));

export const appraisalDto = z
  .object({
    id: z.string(),
    version: z.number(),
    engineerId: z.string(),
    engineerName: z.string(),
    month: z.string(),
    status: z.enum(APPRAISAL_STATUSES),
    kpis: z.record(z.string(), z.number().nullable()),
    kpiScore: z.number().nullable(),
    customerRating: z.number().nullable(),
    surveys: z.number(),
    supervisorScore: z.number().nullable(),
    supervisorComment: z.string().nullable(),
    assessedByName: z.string().nullable(),
    assessedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgementNote: z.string().nullable(),
    penaltyTotal: z.number(),
    rewardTotal: z.number(),
    score: z.number().nullable(),
    items: z.array(item),
    abilities: z.object({ assess: z.boolean(), addItem: z.boolean(), acknowledge: z.boolean() }),
  })
  .meta(schemaId('Appraisal'));

export const appraisalListDto = z.object({ items: z.array(appraisalDto) }).meta(schemaId('AppraisalList'));
export const generateDto = z.object({ created: z.number(), penalties: z.number() }).meta(schemaId('AppraisalGenerate'));
