import { z } from 'zod';
import type { Principal } from '../../lib/access.ts';
import { optionalText, pageOf, schemaId, text, version } from '../../lib/dto.ts';
import { followUpAbilities } from './followups.abilities.ts';
import { DEFAULT_RULES, SERVICE_TYPES, type ServiceType } from './followups.rules.ts';
import type { getFollowUp } from './followups.service.ts';
import type { followupRuleSets, questionnaires } from './followups.tables.ts';

const label = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const questionItemDto = z.object({
  key: z.string(),
  label,
  kind: z.enum(['text', 'choice', 'quality']),
  options: z.array(z.object({ value: z.string(), label })).optional(),
  required: z.boolean().optional(),
});
export const questionnaireDto = z
  .object({
    id: z.string(),
    version: z.number(),
    code: z.string(),
    name: z.string(),
    deviceCategories: z.array(z.string()),
    serviceTypes: z.array(z.enum(SERVICE_TYPES)),
    items: z.array(questionItemDto),
    active: z.boolean(),
  })
  .meta(schemaId('Questionnaire'));

export const followupDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string().nullable(),
    key: z.string(),
    track: z.string(),
    method: z.string(),
    earliestAt: z.string(),
    dueAt: z.string(),
    overdue: z.boolean(),
    status: z.enum(['pending', 'escalated', 'approved', 'done']),
    assigneeId: z.string().nullable(),
    planId: z.string(),
    serviceType: z.enum(SERVICE_TYPES),
    completedAt: z.string(),
    ruleVersionNo: z.number(),
    workOrderId: z.string().nullable(),
    deviceId: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    deviceCategory: z.string(),
    questionnaireId: z.string().nullable(),
    answers: z.record(z.string(), z.string()).nullable(),
    quality: z.enum(['normal', 'poor']).nullable(),
    outcome: z.enum(['no_problem', 'solved_by_phone', 'escalated']).nullable(),
    record: z.string().nullable(),
    remarks: z.string().nullable(),
    contactName: z.string().nullable(),
    doneAt: z.string().nullable(),
    visitorName: z.string().nullable(),
    problem: z.string().nullable(),
    proposedPlan: z.string().nullable(),
    approvedPlan: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedByName: z.string().nullable(),
    customerInformedAt: z.string().nullable(),
    requestId: z.string().nullable(),
    guidance: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedByName: z.string().nullable(),
    /** What the caller may do on this follow-up (issue 11 item 3), by the state rule and policy its
     * endpoints enforce: the web shows its forms by these alone. */
    abilities: z
      .object({
        /** Record the answers (POST /followups/:id/answer), while pending. */
        answer: z.boolean(),
        /** Approve the handling plan (POST /followups/:id/approve), once escalated. */
        approve: z.boolean(),
        /** Tell the customer the approved plan (POST /followups/:id/inform). */
        inform: z.boolean(),
        /** Review with guidance (POST /followups/:id/review), once answered. */
        review: z.boolean(),
      })
      .meta(schemaId('FollowupAbilities')),
  })
  .meta(schemaId('Followup'));
export const followupDetailDto = followupDto.extend({ questionnaire: questionnaireDto.nullable() }).meta(schemaId('FollowupDetail'));
export const followupPageDto = pageOf(followupDto);

export const followupListQuery = z.strictObject({
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(['open', 'pending', 'escalated', 'approved', 'done']).optional(),
  reviewed: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const answerBody = z.strictObject({
  version,
  questionnaireId: z.uuid().nullable().optional(),
  answers: z.record(z.string().max(60), z.string().max(2000)).default({}),
  quality: z.enum(['normal', 'poor']).nullable().optional(),
  outcome: z.enum(['no_problem', 'solved_by_phone', 'escalated']),
  record: text(2000),
  remarks: optionalText(1000),
  contactName: optionalText(100),
  problem: optionalText(2000),
  proposedPlan: optionalText(2000),
});
export const approveBody = z.strictObject({ version, approvedPlan: text(2000) });
export const informBody = z.strictObject({ version, requestId: z.uuid().nullable().optional(), note: optionalText(1000) });
export const reviewBody = z.strictObject({ version, guidance: text(2000) });

const hours = z
  .number()
  .min(0)
  .max(24 * 366);
const cadenceRulesShape = {
  steps: z.array(z.strictObject({ earliestHours: hours, dueHours: hours })).max(20),
  recurring: z
    .strictObject({ everyDays: z.number().min(1).max(366), windowDays: z.number().min(0).max(60), untilDays: z.number().min(1).max(3660) })
    .nullable(),
  poorQualityDaily: z.boolean(),
  tracking: z.strictObject({ everyWeeks: z.number().int().min(1).max(52), weeks: z.number().int().min(1).max(104) }).nullable(),
  onsiteEveryMonths: z.number().int().min(1).max(60).nullable(),
  phoneEveryMonths: z.number().int().min(1).max(60).nullable(),
  standingWindowDays: z.number().int().min(0).max(60),
};
export const cadenceRulesDto = z.strictObject(cadenceRulesShape);
// Stored versions from before issue 10 still carry dailyEveryHours / dailyWindowHours (the daily
// loop is now the next calendar day, R-FU-1); answers drop such keys instead of failing.
const cadenceRulesOut = z.object(cadenceRulesShape);
export const ruleSetDto = z
  .object({
    id: z.string().nullable(),
    serviceType: z.enum(SERVICE_TYPES),
    versionNo: z.number(),
    effectiveFrom: z.string().nullable(),
    inForce: z.boolean(),
    rules: cadenceRulesOut,
    note: z.string().nullable(),
    createdByName: z.string().nullable(),
  })
  .meta(schemaId('FollowupRuleSet'));
export const createRuleSetBody = z.strictObject({
  serviceType: z.enum(SERVICE_TYPES),
  effectiveFrom: z.iso.datetime({ offset: true }).nullable().optional(),
  rules: cadenceRulesDto,
  note: optionalText(500),
});
export const createPlanBody = z.strictObject({
  deviceId: z.uuid(),
  serviceType: z.enum(SERVICE_TYPES),
  completedAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
});
export const createPlanResponse = z.object({ id: z.string() }).meta(schemaId('FollowupPlanCreated'));
export const questionnaireListDto = z.object({ items: z.array(questionnaireDto) }).meta(schemaId('QuestionnaireList'));
export const ruleSetListDto = z.object({ items: z.array(ruleSetDto) }).meta(schemaId('FollowupRuleSetList'));

const labelIn = z.strictObject({ 'zh-CN': text(300), 'en-US': text(300) });
export const questionnaireBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{2,40}$/),
  name: text(100),
  deviceCategories: z.array(z.string().max(40)).max(20),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).max(7),
  items: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z0-9_]{1,40}$/),
        label: labelIn,
        kind: z.enum(['text', 'choice', 'quality']),
        options: z
          .array(z.strictObject({ value: z.string().regex(/^[a-z0-9_]{1,40}$/), label: labelIn }))
          .max(10)
          .optional(),
        required: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(40)
    .refine((items) => new Set(items.map((i) => i.key)).size === items.length, { message: 'duplicate key' })
    .refine((items) => items.every((i) => i.kind === 'text' || (i.options?.length ?? 0) >= 2), { message: 'choices need options' })
    .refine((items) => items.every((i) => i.kind !== 'quality' || (i.options ?? []).every((o) => o.value === 'normal' || o.value === 'poor')), {
      message: 'a quality item answers normal or poor',
    }),
  active: z.boolean(),
});
// No defaults in the patch: a field left out stays as it is.
export const questionnairePatch = questionnaireBody.partial().extend({ version });

// ---- views: stored rows as the API shows them ---------------------------------------------

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function followupView(r: Awaited<ReturnType<typeof getFollowUp>>, user: Principal | null, now = new Date()): z.infer<typeof followupDto> {
  const f = r.f;
  return {
    id: f.id,
    version: f.version,
    number: f.number,
    key: f.key,
    track: f.track,
    method: f.method,
    earliestAt: f.earliestAt.toISOString(),
    dueAt: f.dueAt.toISOString(),
    overdue: f.status === 'pending' && f.dueAt.getTime() < now.getTime(),
    status: f.status,
    assigneeId: f.assigneeId,
    planId: r.plan.id,
    serviceType: r.plan.serviceType,
    completedAt: r.plan.completedAt.toISOString(),
    ruleVersionNo: r.plan.ruleVersionNo,
    workOrderId: r.plan.workOrderId,
    deviceId: r.plan.deviceId,
    customerId: r.plan.customerId,
    customerName: r.customerName,
    serialNumber: r.serialNumber,
    modelName: r.modelName,
    deviceCategory: r.category,
    questionnaireId: f.questionnaireId,
    answers: f.answers,
    quality: f.quality,
    outcome: f.outcome,
    record: f.record,
    remarks: f.remarks,
    contactName: f.contactName,
    doneAt: iso(f.doneAt),
    visitorName: f.visitorName,
    problem: f.problem,
    proposedPlan: f.proposedPlan,
    approvedPlan: f.approvedPlan,
    approvedAt: iso(f.approvedAt),
    approvedByName: f.approvedByName,
    customerInformedAt: iso(f.customerInformedAt),
    requestId: f.requestId,
    guidance: f.guidance,
    reviewedAt: iso(f.reviewedAt),
    reviewedByName: f.reviewedByName,
    abilities: followUpAbilities(user, f.status),
  };
}

type QRow = typeof questionnaires.$inferSelect;
export const questionnaireView = (q: QRow): z.infer<typeof questionnaireDto> => ({
  id: q.id,
  version: q.version,
  code: q.code,
  name: q.name,
  deviceCategories: q.deviceCategories,
  serviceTypes: q.serviceTypes,
  items: q.items,
  active: q.active,
});

type RuleSetEntry = { serviceType: ServiceType; row: typeof followupRuleSets.$inferSelect | null; inForce: boolean };
/** A stored version, or (row null) the built-in defaults as version 0. */
export const ruleSetView = ({ serviceType, row, inForce }: RuleSetEntry): z.infer<typeof ruleSetDto> =>
  row
    ? {
        id: row.id,
        serviceType,
        versionNo: row.versionNo,
        effectiveFrom: row.effectiveFrom.toISOString(),
        inForce,
        rules: row.rules,
        note: row.note,
        createdByName: row.createdByName,
      }
    : { id: null, serviceType, versionNo: 0, effectiveFrom: null, inForce, rules: DEFAULT_RULES[serviceType], note: null, createdByName: null };
