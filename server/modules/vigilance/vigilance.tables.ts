import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { complaints, customers, deviceModels, devices, users, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const AE_STATES = ['draft', 'reported', 'follow_up', 'closed'] as const;
export const PATIENT_IMPACTS = ['death', 'serious_injury', 'other', 'none'] as const;
export const AE_REPORT_KINDS = ['initial', 'follow_up', 'final'] as const;
export const AE_WARNING_LEVELS = ['half', 'last_day', 'breached'] as const;
export const AE_CLUSTER_STATES = ['open', 'reviewed'] as const;

/**
 * 不良事件 (issue 14 §2, R-REG-2): a suspicious medical-device adverse event, linked to the unit,
 * the hospital and the complaint / work order it came from. The reporting clock runs from the
 * awareness date (`aware_at`, when the company learned of it); `report_due_at` is the deadline the
 * configured regulation gives (strictest applicable), kept by the service on every write.
 * draft → reported (signed initial report) → follow_up → closed (evaluation).
 */
export const adverseEvents = pgTable(
  'adverse_events',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    state: text('state', { enum: AE_STATES }).notNull().default('draft'),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    complaintId: uuid('complaint_id').references(() => complaints.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    awareAt: ts('aware_at').notNull(),
    patientImpact: text('patient_impact', { enum: PATIENT_IMPACTS }).notNull(),
    groupEvent: boolean('group_event').notNull().default(false),
    description: text('description').notNull(),
    deviceProblem: text('device_problem'),
    /** The device problem normalized (cluster watch): same model + same key from several hospitals. */
    faultKey: text('fault_key'),
    actionsTaken: text('actions_taken'),
    /** Reportability decision (quality): yes/no, why, who. */
    reportable: boolean('reportable'),
    reportabilityReason: text('reportability_reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'restrict' }),
    decidedByName: text('decided_by_name'),
    decidedAt: ts('decided_at'),
    /** The national form's fields (可疑医疗器械不良事件报告表), shape in vigilance.form.ts. */
    reportForm: jsonb('report_form').$type<Record<string, unknown>>().notNull().default({}),
    reportDueAt: ts('report_due_at'),
    reportNumber: text('report_number'),
    reportedOn: date('reported_on', { mode: 'string' }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'restrict' }),
    submittedByName: text('submitted_by_name'),
    submittedAt: ts('submitted_at'),
    signatureMeaning: text('signature_meaning'),
    signatureHash: text('signature_hash'),
    evaluation: text('evaluation'),
    closedAt: ts('closed_at'),
    closedByName: text('closed_by_name'),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('adverse_events_number_uq').on(t.number),
    uniqueIndex('adverse_events_complaint_uq').on(t.complaintId).where(sql`complaint_id is not null`),
    index('adverse_events_device_idx').on(t.deviceId, t.awareAt),
    index('adverse_events_due_idx').on(t.reportDueAt).where(sql`submitted_at is null`),
    check('adverse_events_description_ck', sql`length(btrim(${t.description})) > 0`),
    check(
      'adverse_events_reported_ck',
      sql`${t.state} = 'draft' or (${t.state} = 'closed' and ${t.reportable} = false) or (${t.reportNumber} is not null and ${t.submittedAt} is not null and ${t.signatureHash} is not null)`,
    ),
    check('adverse_events_closed_ck', sql`(${t.state} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** The reports filed for an event: the initial one (on submission), follow-ups and the final one. */
export const adverseEventReports = pgTable(
  'adverse_event_reports',
  {
    ...recordColumns(),
    adverseEventId: uuid('adverse_event_id')
      .notNull()
      .references(() => adverseEvents.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: AE_REPORT_KINDS }).notNull(),
    reportDate: date('report_date', { mode: 'string' }).notNull(),
    reportNumber: text('report_number'),
    content: text('content').notNull(),
    submittedByName: text('submitted_by_name').notNull(),
  },
  (t) => [index('adverse_event_reports_event_idx').on(t.adverseEventId, t.reportDate)],
);

/** The reporting clocks and cluster watch, one row (configurable per regulation, R-REG-2). */
export const adverseEventSettings = pgTable(
  'adverse_event_settings',
  {
    ...recordColumns(),
    singleton: boolean('singleton').notNull().default(true),
    deathDays: integer('death_days').notNull().default(7),
    seriousInjuryDays: integer('serious_injury_days').notNull().default(20),
    otherDays: integer('other_days').notNull().default(30),
    groupEventHours: integer('group_event_hours').notNull().default(12),
    clusterMinCustomers: integer('cluster_min_customers').notNull().default(3),
    clusterWindowDays: integer('cluster_window_days').notNull().default(30),
  },
  (t) => [uniqueIndex('adverse_event_settings_singleton_uq').on(t.singleton), check('adverse_event_settings_singleton_ck', sql`${t.singleton}`)],
);

/** A clock warning sent: one row per event and level, so each level is sent exactly once. */
export const adverseEventWarnings = pgTable(
  'adverse_event_warnings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    adverseEventId: uuid('adverse_event_id')
      .notNull()
      .references(() => adverseEvents.id, { onDelete: 'restrict' }),
    level: text('level', { enum: AE_WARNING_LEVELS }).notNull(),
    dueAt: ts('due_at').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('adverse_event_warnings_uq').on(t.adverseEventId, t.level, t.dueAt)],
);

/** 可能的群体不良事件: the same model and fault from several hospitals within the window. */
export const adverseEventClusters = pgTable(
  'adverse_event_clusters',
  {
    ...recordColumns(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    faultKey: text('fault_key').notNull(),
    faultLabel: text('fault_label').notNull(),
    customerCount: integer('customer_count').notNull(),
    eventIds: uuid('event_ids').array().notNull(),
    firstAwareAt: ts('first_aware_at').notNull(),
    lastAwareAt: ts('last_aware_at').notNull(),
    state: text('state', { enum: AE_CLUSTER_STATES }).notNull().default('open'),
    reviewNote: text('review_note'),
    reviewedByName: text('reviewed_by_name'),
  },
  (t) => [uniqueIndex('adverse_event_clusters_open_uq').on(t.modelId, t.faultKey).where(sql`state = 'open'`)],
);

// An event's notices to the supplier / manufacturer (经营办法§38) are supplier_notices rows with
// subject 'adverse_event' (returns.tables.ts; migration 0073 took in adverse_event_notices).
