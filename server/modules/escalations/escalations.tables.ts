// The technical-support ladder (技术支持升级, issue 15 §2, R-ESC-1): L1 field engineer → L2 technical
// expert → L3 R&D / production. Who is an expert of which tier, each escalation with its question,
// answer and remote guidance, the auto-escalation hours per urgency, progress notes during an
// emergency repair and the temporary measure that keeps a device running (采取临时应急措施).
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { users, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const ESCALATION_TIERS = ['L1', 'L2', 'L3'] as const;
export const EXPERT_TIERS = ['L2', 'L3'] as const;
export const ESCALATION_STATUSES = ['open', 'answered', 'closed'] as const;
/** 专家通过电话、视频等方式…远程技术指导 (seed 001), or the expert on site. */
export const GUIDANCE_CHANNELS = ['phone', 'video', 'on_site'] as const;
export const ESCALATION_URGENCIES = ['emergency', 'urgent', 'normal', 'low'] as const;

/** A user flagged as an L2 technical expert or L3 R&D/production contact; optionally for some models or categories. */
export const expertTiers = pgTable(
  'expert_tiers',
  {
    ...recordColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    tier: text('tier', { enum: EXPERT_TIERS }).notNull(),
    /** Device model ids covered; empty = every model. */
    modelIds: uuid('model_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Device categories covered; empty = every category. */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [uniqueIndex('expert_tiers_user_uq').on(t.userId), check('expert_tiers_tier_ck', sql`tier in ('L2', 'L3')`)],
);

/** One question up the ladder on a work order, its answer and the remote guidance given. */
export const escalations = pgTable(
  'escalations',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    fromTier: text('from_tier', { enum: ESCALATION_TIERS }).notNull(),
    toTier: text('to_tier', { enum: ESCALATION_TIERS }).notNull(),
    status: text('status', { enum: ESCALATION_STATUSES }).notNull().default('open'),
    question: text('question').notNull(),
    askedBy: uuid('asked_by'),
    askedByName: text('asked_by_name').notNull(),
    askedAt: ts('asked_at').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'restrict' }),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    answeredByName: text('answered_by_name'),
    guidanceChannel: text('guidance_channel', { enum: GUIDANCE_CHANNELS }),
    guidanceMinutes: integer('guidance_minutes'),
    guidanceNote: text('guidance_note'),
    guidanceAt: ts('guidance_at'),
    closedAt: ts('closed_at'),
    closedByName: text('closed_by_name'),
    closeNote: text('close_note'),
    /** Set on a time-based step (L2 or L3): the unique index below makes it fire once per work order. */
    autoStep: text('auto_step', { enum: EXPERT_TIERS }),
  },
  (t) => [
    uniqueIndex('escalations_auto_step_uq').on(t.workOrderId, t.autoStep).where(sql`auto_step is not null`),
    index('escalations_work_order_idx').on(t.workOrderId, t.askedAt),
    index('escalations_open_idx').on(t.askedAt).where(sql`status <> 'closed'`),
    check('escalations_tier_order_ck', sql`to_tier > from_tier`),
    check('escalations_minutes_ck', sql`guidance_minutes is null or guidance_minutes between 0 and 10000`),
  ],
);

/** Hours after the report, per urgency, before a job still unresolved goes to L2 and to L3 (null = never). */
export const escalationSettings = pgTable(
  'escalation_settings',
  {
    ...recordColumns(),
    urgency: text('urgency', { enum: ESCALATION_URGENCIES }).notNull(),
    l2AfterHours: integer('l2_after_hours'),
    l3AfterHours: integer('l3_after_hours'),
  },
  (t) => [
    uniqueIndex('escalation_settings_urgency_uq').on(t.urgency),
    check('escalation_settings_order_ck', sql`l2_after_hours is null or l3_after_hours is null or l3_after_hours > l2_after_hours`),
  ],
);

/** 及时向客服人员和售后服务经理汇报进展情况 (seed 001): a progress note on a work order. */
export const workOrderProgressNotes = pgTable(
  'work_order_progress_notes',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    note: text('note').notNull(),
    byId: uuid('by_id'),
    byName: text('by_name').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('work_order_progress_notes_wo_idx').on(t.workOrderId, t.at)],
);

/** 采取临时应急措施: the device runs in a temporary way. Recorded once per work order, apart from "restored". */
export const workOrderDegradations = pgTable(
  'work_order_degradations',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    degradedAt: ts('degraded_at').notNull(),
    measure: text('measure').notNull(),
    byName: text('by_name').notNull(),
  },
  (t) => [uniqueIndex('work_order_degradations_wo_uq').on(t.workOrderId)],
);
