// Request and response shapes of the technical-support ladder (技术支持升级, issue 15 §2, R-ESC-1).
import { z } from 'zod';
import { listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { ESCALATION_STATUSES, ESCALATION_TIERS, ESCALATION_URGENCIES, EXPERT_TIERS, GUIDANCE_CHANNELS } from './escalations.tables.ts';

const tier = z.enum(ESCALATION_TIERS);
const expertTier = z.enum(EXPERT_TIERS);
const status = z.enum(ESCALATION_STATUSES);
const channel = z.enum(GUIDANCE_CHANNELS);
export const urgencyParams = z.strictObject({ urgency: z.enum(ESCALATION_URGENCIES) });
const hours = z.number().int().min(0).max(720).nullable();

export const escalateBody = z.strictObject({ toTier: expertTier, question: text(4000), assigneeId: z.uuid().nullish() });
export const answerBody = z.strictObject({ version, answer: text(4000) });
export const guidanceBody = z.strictObject({ version, channel, minutes: z.number().int().min(0).max(10_000), note: optionalText(2000) });
export const closeBody = z.strictObject({ version, note: optionalText(2000) });
export const progressNoteBody = z.strictObject({ note: text(2000) });
export const degradedBody = z.strictObject({ measure: text(2000) });
export const settingsBody = z.strictObject({ version, l2AfterHours: hours, l3AfterHours: hours });
export const expertBody = z.strictObject({
  userId: z.uuid(),
  tier: expertTier,
  modelIds: z.array(z.uuid()).max(200).optional(),
  categories: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
});

const boolFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const escalationListQuery = listQuery(['askedAt', 'tier'], {
  tier: tier.optional(),
  /** open, answered, closed, or active (open or answered). */
  status: z.enum([...ESCALATION_STATUSES, 'active']).optional(),
  /** Open and unanswered for more than 4 hours. */
  overdue: boolFlag.optional(),
  workOrderId: z.uuid().optional(),
  /** Asked by me or assigned to me. */
  mine: boolFlag.optional(),
});
export const escalationExportQuery = escalationListQuery.omit({ page: true, pageSize: true });

export const escalationDto = z
  .object({
    id: z.string(),
    version: z.number(),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    workOrderStatus: z.string(),
    urgency: z.enum(ESCALATION_URGENCIES),
    customerName: z.string(),
    modelName: z.string(),
    serialNumber: z.string(),
    /** Set when the device runs on a temporary measure (采取临时应急措施), not yet restored. */
    degradedAt: z.string().nullable(),
    fromTier: tier,
    toTier: tier,
    status,
    question: z.string(),
    askedByName: z.string(),
    askedAt: z.string(),
    /** True for a time-based step of the ladder (escalations.auto). */
    auto: z.boolean(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredByName: z.string().nullable(),
    guidanceChannel: channel.nullable(),
    guidanceMinutes: z.number().nullable(),
    guidanceNote: z.string().nullable(),
    guidanceAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    closeNote: z.string().nullable(),
    overdue: z.boolean(),
    abilities: z.object({ answer: z.boolean(), guidance: z.boolean(), close: z.boolean() }).meta(schemaId('EscalationAbilities')),
  })
  .meta(schemaId('Escalation'));

export const progressNoteDto = z.object({ id: z.string(), note: z.string(), byName: z.string(), at: z.string() }).meta(schemaId('WorkOrderProgressNote'));

export const degradationDto = z
  .object({ id: z.string(), degradedAt: z.string(), measure: z.string(), byName: z.string() })
  .meta(schemaId('WorkOrderDegradation'));

export const ladderDto = z
  .object({
    escalations: z.array(escalationDto),
    notes: z.array(progressNoteDto),
    degraded: degradationDto.nullable(),
    /** What the caller may do on the work order's ladder. */
    abilities: z.object({ escalate: z.boolean(), progressNote: z.boolean(), degraded: z.boolean() }).meta(schemaId('WorkOrderLadderAbilities')),
  })
  .meta(schemaId('WorkOrderLadder'));

export const settingsDto = z
  .object({
    id: z.string(),
    version: z.number(),
    urgency: z.enum(ESCALATION_URGENCIES),
    l2AfterHours: z.number().nullable(),
    l3AfterHours: z.number().nullable(),
  })
  .meta(schemaId('EscalationSettings'));
export const settingsListDto = z.object({ items: z.array(settingsDto) }).meta(schemaId('EscalationSettingsList'));

export const expertDto = z
  .object({
    id: z.string(),
    version: z.number(),
    userId: z.string(),
    displayName: z.string(),
    username: z.string(),
    tier: expertTier,
    modelIds: z.array(z.string()),
    categories: z.array(z.string()),
  })
  .meta(schemaId('ExpertTier'));
export const expertListDto = z.object({ items: z.array(expertDto) }).meta(schemaId('ExpertTierList'));
