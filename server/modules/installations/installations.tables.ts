import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, deviceModels, devices, trainingSessions, users, workOrders } from '../../db/schema.ts';
import { DEFECT_DECISIONS, INSTALLATION_STATUSES, PARTIES, type SiteCheckItem, type TemplateItem } from './installations.rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const installationStatus = pgEnum('installation_status', INSTALLATION_STATUSES);
/** `consent`: the customer's consent to the commissioning results (seed 003); the others sign the acceptance. */
export const installationParty = pgEnum('installation_party', ['consent', ...PARTIES]);
export const installationDefectDecision = pgEnum('installation_defect_decision', DEFECT_DECISIONS);

export interface CommissioningItem {
  key: string;
  label: string;
  expected: string | null;
  measured: string;
  passed: boolean;
}
export interface HandoverItem {
  key: string;
  label: string;
  done: boolean;
  note: string | null;
}

/** Checklist templates per model or device category (site check, commissioning), edited by the service manager. */
export const installationTemplates = pgTable(
  'installation_templates',
  {
    ...recordColumns(),
    kind: text('kind').$type<'site_check' | 'commissioning'>().notNull(),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    category: text('category'),
    items: jsonb('items').$type<TemplateItem[]>().notNull(),
  },
  (t) => [
    uniqueIndex('installation_templates_scope_uq').on(t.kind, sql`coalesce(${t.modelId}::text, '')`, sql`coalesce(${t.category}, '')`),
    check('installation_templates_kind_ck', sql`${t.kind} in ('site_check', 'commissioning')`),
    check('installation_templates_scope_ck', sql`(${t.modelId} is null) <> (${t.category} is null)`),
  ],
);

/** 安装通知 and everything after it: site check, commissioning, acceptance, handover (R-IN-1). */
export const installations = pgTable(
  'installations',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    status: installationStatus('status').notNull().default('notified'),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    siteAddress: text('site_address').notNull(),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    salesContact: text('sales_contact').notNull(),
    notes: text('notes'),
    engineerId: uuid('engineer_id').references(() => users.id, { onDelete: 'restrict' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    siteCheck: jsonb('site_check').$type<SiteCheckItem[]>().notNull().default(sql`'[]'::jsonb`),
    siteCheckedAt: ts('site_checked_at'),
    installStartedAt: ts('install_started_at'),
    commissioning: jsonb('commissioning').$type<CommissioningItem[]>().notNull().default(sql`'[]'::jsonb`),
    /** Seed 003: the written results given to the customer, and the customer's consent before the engineer leaves. */
    consentName: text('consent_name'),
    consentAt: ts('consent_at'),
    commissionedAt: ts('commissioned_at'),
    acceptedAt: ts('accepted_at'),
    acceptanceDate: date('acceptance_date', { mode: 'string' }),
    trainingDueAt: ts('training_due_at'),
    handover: jsonb('handover').$type<HandoverItem[]>().notNull().default(sql`'[]'::jsonb`),
    handoverDueOn: date('handover_due_on', { mode: 'string' }),
    handedOverAt: ts('handed_over_at'),
    /** Dead on arrival / installation defect (seed 003 包修、包换、包退): the decision; the work order is opened by its own kind. */
    defect: text('defect'),
    defectDecision: installationDefectDecision('defect_decision'),
    defectAt: ts('defect_at'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** The installation work order the notice opened (migration 0045); rows before it may have none. */
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    /** The operator training planned when the acceptance completed (R-TR-1). */
    trainingSessionId: uuid('training_session_id').references(() => trainingSessions.id, { onDelete: 'restrict' }),
    /** The return/exchange (or repair) work order a defect decision opened (seed 003 包修、包换、包退). */
    defectWorkOrderId: uuid('defect_work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('installations_number_uq').on(t.number),
    // One live installation per device: a second notice for a unit being installed is refused.
    uniqueIndex('installations_device_live_uq').on(t.deviceId).where(sql`status <> 'cancelled'`),
    uniqueIndex('installations_work_order_uq').on(t.workOrderId),
    uniqueIndex('installations_defect_work_order_uq').on(t.defectWorkOrderId),
    index('installations_customer_idx').on(t.customerId, t.createdAt),
    index('installations_handover_due_idx').on(t.handoverDueOn).where(sql`status = 'accepted'`),
    check(
      'installations_consent_ck',
      sql`${t.status} not in ('commissioned', 'accepted', 'handed_over') or (consent_name is not null and consent_at is not null)`,
    ),
    check('installations_cancel_ck', sql`${t.status} <> 'cancelled' or cancel_reason is not null`),
    check('installations_defect_ck', sql`(${t.defect} is null) = (${t.defectDecision} is null)`),
  ],
);

/** One signature: the commissioning consent or one of the acceptance (验收), with its meaning (R-IN-1). Images stay out of the audit. */
export const installationSignatures = pgTable(
  'installation_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    installationId: uuid('installation_id')
      .notNull()
      .references(() => installations.id, { onDelete: 'restrict' }),
    party: installationParty('party').notNull(),
    meaning: text('meaning').notNull(),
    signerName: text('signer_name').notNull(),
    signerUserId: uuid('signer_user_id').references(() => users.id, { onDelete: 'set null' }),
    signedAt: ts('signed_at').notNull(),
    imagePng: text('image_png').notNull(),
    /** R-AU-1 (issue 14 §6, migration 0061): sha256 of the acceptance facts signed (installations.signed.ts); null on older rows and the consent. */
    contentHash: text('content_hash'),
  },
  (t) => [
    uniqueIndex('installation_signatures_party_uq').on(t.installationId, t.party),
    check('installation_signatures_hash_ck', sql`${t.contentHash} is null or ${t.contentHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Per-part / per-accessory warranty terms of a model (seed 003: 穿刺器…2年质保…(质保不延长)). */
export const accessoryTerms = pgTable(
  'accessory_terms',
  {
    ...recordColumns(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    partNumber: text('part_number'),
    months: integer('months').notNull(),
    consumable: boolean('consumable').notNull().default(false),
  },
  (t) => [uniqueIndex('accessory_terms_model_name_uq').on(t.modelId, t.name), check('accessory_terms_months_ck', sql`${t.months} >= 0 and ${t.months} <= 240`)],
);
