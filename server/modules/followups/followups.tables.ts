import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, devices, serviceRequests, users, workOrders } from '../../db/schema.ts';
import { type CadenceRules, FOLLOWUP_STATUSES, SERVICE_TYPES, type ServiceType, TRACKS } from './followups.rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const followupServiceType = pgEnum('followup_service_type', SERVICE_TYPES);
export const followupTrack = pgEnum('followup_track', TRACKS);
export const followupMethod = pgEnum('followup_method', ['phone', 'onsite']);
export const followupStatus = pgEnum('followup_status', FOLLOWUP_STATUSES);
export const followupOutcome = pgEnum('followup_outcome', ['no_problem', 'solved_by_phone', 'escalated']);
export const outputQuality = pgEnum('output_quality', ['normal', 'poor']);

/**
 * Cadence rule sets per service type (R-FU-1). Never edited in place: a change is a new
 * version effective from an instant; a plan copies the version in force when the service was
 * completed, so later edits never move follow-ups already planned.
 */
export const followupRuleSets = pgTable(
  'followup_rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceType: followupServiceType('service_type').notNull(),
    versionNo: integer('version_no').notNull(),
    effectiveFrom: ts('effective_from').notNull(),
    rules: jsonb('rules').$type<CadenceRules>().notNull(),
    note: text('note'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('followup_rule_sets_version_uq').on(t.serviceType, t.versionNo)],
);

export interface QuestionItem {
  key: string;
  /** zh-CN / en-US labels. */
  label: { 'zh-CN': string; 'en-US': string };
  kind: 'text' | 'choice' | 'quality';
  options?: { value: string; label: { 'zh-CN': string; 'en-US': string } }[];
  required?: boolean;
}

/** 回访问卷 per device category and service type (R-FU-2). */
export const questionnaires = pgTable(
  'followup_questionnaires',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Device categories it applies to; empty = any. */
    deviceCategories: text('device_categories').array().notNull().default(sql`'{}'::text[]`),
    /** Service types it applies to; empty = any. */
    serviceTypes: text('service_types').array().$type<ServiceType[]>().notNull().default(sql`'{}'::text[]`),
    items: jsonb('items').$type<QuestionItem[]>().notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('followup_questionnaires_code_uq').on(t.code)],
);

/** A follow-up plan: one completed service (or a standing cadence) of one device. */
export const followupPlans = pgTable(
  'followup_plans',
  {
    ...recordColumns(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    serviceType: followupServiceType('service_type').notNull(),
    /** T: when the service was completed. */
    completedAt: ts('completed_at').notNull(),
    endsAt: ts('ends_at'),
    /** Standing cadences planned late owe nothing before this instant. */
    since: ts('since'),
    ruleSetId: uuid('rule_set_id').references(() => followupRuleSets.id, { onDelete: 'restrict' }),
    /** 0 = the built-in defaults. */
    ruleVersionNo: integer('rule_version_no').notNull(),
    /** The rules as they stood when the service happened. */
    rules: jsonb('rules').$type<CadenceRules>().notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    // One plan per closed work order: the scan that creates them may run twice or concurrently.
    uniqueIndex('followup_plans_work_order_uq').on(t.workOrderId).where(sql`work_order_id is not null`),
    // One standing cadence of each kind per device (the sweep creates them).
    uniqueIndex('followup_plans_standing_uq').on(t.deviceId, t.serviceType).where(sql`service_type in ('warranty_period', 'post_warranty')`),
    index('followup_plans_device_idx').on(t.deviceId, t.completedAt),
  ],
);

/** One follow-up (回访) of a plan; done ones form the 跟踪回访单 (R-FU-4). */
export const followups = pgTable(
  'followups',
  {
    ...recordColumns(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => followupPlans.id, { onDelete: 'restrict' }),
    number: text('number'),
    key: text('key').notNull(),
    track: followupTrack('track').notNull(),
    method: followupMethod('method').notNull(),
    earliestAt: ts('earliest_at').notNull(),
    dueAt: ts('due_at').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    status: followupStatus('status').notNull().default('pending'),
    questionnaireId: uuid('questionnaire_id').references(() => questionnaires.id, { onDelete: 'restrict' }),
    answers: jsonb('answers').$type<Record<string, string>>(),
    quality: outputQuality('quality'),
    outcome: followupOutcome('outcome'),
    /** 回访记录 */
    record: text('record'),
    remarks: text('remarks'),
    contactName: text('contact_name'),
    doneAt: ts('done_at'),
    visitorId: uuid('visitor_id'),
    visitorName: text('visitor_name'),
    /** Escalation (R-FU-3): the problem and the proposed handling plan, approved by the manager. */
    problem: text('problem'),
    proposedPlan: text('proposed_plan'),
    approvedPlan: text('approved_plan'),
    approvedAt: ts('approved_at'),
    approvedById: uuid('approved_by_id'),
    approvedByName: text('approved_by_name'),
    customerInformedAt: ts('customer_informed_at'),
    requestId: uuid('request_id').references(() => serviceRequests.id, { onDelete: 'restrict' }),
    /** Department head's review and guidance (R-FU-4). */
    guidance: text('guidance'),
    reviewedAt: ts('reviewed_at'),
    reviewedById: uuid('reviewed_by_id'),
    reviewedByName: text('reviewed_by_name'),
  },
  (t) => [
    uniqueIndex('followups_plan_key_uq').on(t.planId, t.key),
    uniqueIndex('followups_number_uq').on(t.number),
    index('followups_open_idx').on(t.status, t.dueAt),
    index('followups_assignee_idx').on(t.assigneeId, t.dueAt),
    // The reminder pass: pending follow-ups whose window has opened (bench/timers.ts).
    index('followups_pending_window_idx').on(t.earliestAt).where(sql`status = 'pending'`),
  ],
);
