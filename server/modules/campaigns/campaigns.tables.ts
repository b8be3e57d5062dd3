import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, devices, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** R-REG-3 / R-UP-1 (issue 14 §3): recalls by class, field safety notices, technical upgrades, spec-change notices. */
export const CAMPAIGN_TYPES = ['recall_1', 'recall_2', 'recall_3', 'field_safety_notice', 'technical_upgrade', 'spec_change'] as const;
export const CAMPAIGN_STATUSES = ['draft', 'notifying', 'in_progress', 'closed'] as const;
export const UNIT_OUTCOMES = ['corrected', 'replaced', 'returned', 'not_found', 'consent_refused'] as const;
export const CONSENTS = ['pending', 'given', 'refused'] as const;
export const ACK_CHANNELS = ['portal', 'phone'] as const;

/**
 * 召回 / 现场安全通知 / 技术升级 (issue 14 §3, R-REG-3, R-UP-1). draft (selection previewed, then
 * frozen) → notifying (each affected customer's notice sent once, acknowledged or escalated past
 * the class deadline) → in_progress (every customer acknowledged) → closed (every unit resolved,
 * signed by quality with the password again, R-AU-1).
 */
export const campaigns = pgTable(
  'campaigns',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    type: text('type', { enum: CAMPAIGN_TYPES }).notNull(),
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    /** The customer notice (致客户通知): its current text and version; each notice records the version it carried. */
    noticeContent: text('notice_content').notNull(),
    contentVersion: integer('content_version').notNull().default(1),
    /** Days from the start of notification within which every customer must be told (I 1, II 3, III 7 by default). */
    deadlineDays: integer('deadline_days').notNull(),
    /** Technical upgrades out of warranty: the cost fee (seed 003 保修期外收取适当的成本费). */
    costFee: numeric('cost_fee', { precision: 12, scale: 2 }),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    createdByName: text('created_by_name').notNull(),
    /** The selection criteria as frozen, and when/by whom. */
    criteria: jsonb('criteria'),
    frozenAt: ts('frozen_at'),
    frozenByName: text('frozen_by_name'),
    notifyStartedAt: ts('notify_started_at'),
    closedAt: ts('closed_at'),
    closedByName: text('closed_by_name'),
    closingNote: text('closing_note'),
    signatureMeaning: text('signature_meaning'),
    signatureHash: text('signature_hash'),
  },
  (t) => [
    uniqueIndex('campaigns_number_uq').on(t.number),
    index('campaigns_status_idx').on(t.status, t.createdAt),
    check('campaigns_title_ck', sql`length(btrim(${t.title})) > 0`),
    check('campaigns_deadline_ck', sql`${t.deadlineDays} between 1 and 365`),
    check('campaigns_closed_ck', sql`(${t.status} = 'closed') = (${t.closedAt} is not null) and (${t.closedAt} is null or ${t.signatureHash} is not null)`),
  ],
);

/** The frozen selection: one row per affected unit, never re-derived from the devices (R-REG-3). */
export const campaignUnits = pgTable(
  'campaign_units',
  {
    ...recordColumns(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    /** The unit's hospital when frozen (scope of hospital users, per-customer counts). */
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    serialNumber: text('serial_number').notNull(),
    softwareVersion: text('software_version'),
    /** In warranty or under contract when frozen: the upgrade is free (seed 003 保修期内免费). */
    inWarranty: boolean('in_warranty').notNull(),
    fee: numeric('fee', { precision: 12, scale: 2 }).notNull().default('0'),
    /** Technical upgrades only (seed 004 根据客户意愿): pending → given | refused. */
    consent: text('consent', { enum: CONSENTS }),
    consentAt: ts('consent_at'),
    consentByName: text('consent_by_name'),
    consentNote: text('consent_note'),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    outcome: text('outcome', { enum: UNIT_OUTCOMES }),
    outcomeReason: text('outcome_reason'),
    /** 测试和验证: what proves the corrected unit works. */
    verification: text('verification'),
    resolvedAt: ts('resolved_at'),
    resolvedByName: text('resolved_by_name'),
  },
  (t) => [
    uniqueIndex('campaign_units_uq').on(t.campaignId, t.deviceId),
    index('campaign_units_customer_idx').on(t.campaignId, t.customerId),
    index('campaign_units_device_idx').on(t.deviceId),
    check('campaign_units_resolved_ck', sql`(${t.outcome} is null) = (${t.resolvedAt} is null)`),
    check(
      'campaign_units_verified_ck',
      sql`${t.outcome} is null or ${t.outcome} not in ('corrected', 'replaced') or length(btrim(coalesce(${t.verification}, ''))) > 0`,
    ),
    check('campaign_units_reason_ck', sql`${t.outcome} is null or ${t.outcome} <> 'not_found' or length(btrim(coalesce(${t.outcomeReason}, ''))) > 0`),
  ],
);

/** One notice per affected customer (the unique row makes it exactly once), with its proof. */
export const campaignNotices = pgTable(
  'campaign_notices',
  {
    ...recordColumns(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    unitCount: integer('unit_count').notNull(),
    sentAt: ts('sent_at'),
    channel: text('channel'),
    contentVersion: integer('content_version'),
    recipients: integer('recipients'),
    ackAt: ts('ack_at'),
    ackByName: text('ack_by_name'),
    ackChannel: text('ack_channel', { enum: ACK_CHANNELS }),
    ackNote: text('ack_note'),
    escalatedAt: ts('escalated_at'),
  },
  (t) => [
    uniqueIndex('campaign_notices_uq').on(t.campaignId, t.customerId),
    index('campaign_notices_customer_idx').on(t.customerId, t.createdAt),
    check('campaign_notices_ack_ck', sql`${t.ackAt} is null or ${t.sentAt} is not null`),
  ],
);
