// 月度考核 (R-AP-1, issue 15 §3; seed 002 §17 and its annexes): one appraisal per engineer and
// month with the KPI snapshot, the customers' rating, the supervisor's assessment and the
// employee's acknowledgement; its penalty (乐捐) and reward lines.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { complaints, users } from '../../db/schema.ts';
import { APPRAISAL_STATUSES, ITEM_KINDS } from './appraisals.rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const appraisals = pgTable(
  'appraisals',
  {
    ...recordColumns(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    month: text('month').notNull(),
    status: text('status', { enum: APPRAISAL_STATUSES }).notNull().default('draft'),
    /** The month's KPIs of the engineer when the appraisal was drawn up (kpis module values + orders). */
    kpis: jsonb('kpis').$type<Record<string, number | null>>().notNull(),
    kpiScore: numeric('kpi_score', { mode: 'number' }),
    customerRating: numeric('customer_rating', { mode: 'number' }),
    surveys: integer('surveys').notNull().default(0),
    supervisorScore: integer('supervisor_score'),
    supervisorComment: text('supervisor_comment'),
    assessedById: uuid('assessed_by_id').references(() => users.id, { onDelete: 'restrict' }),
    assessedByName: text('assessed_by_name'),
    assessedAt: ts('assessed_at'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgementNote: text('acknowledgement_note'),
  },
  (t) => [
    uniqueIndex('appraisals_engineer_month_uq').on(t.engineerId, t.month),
    index('appraisals_month_idx').on(t.month),
    check('appraisals_month_ck', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('appraisals_supervisor_ck', sql`${t.supervisorScore} is null or ${t.supervisorScore} between 0 and 100`),
    check('appraisals_status_ck', sql`${t.status} in ('draft', 'assessed', 'acknowledged')`),
  ],
);

export const appraisalItems = pgTable(
  'appraisal_items',
  {
    ...recordColumns(),
    appraisalId: uuid('appraisal_id')
      .notNull()
      .references(() => appraisals.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ITEM_KINDS }).notNull(),
    reason: text('reason').notNull(),
    amount: numeric('amount', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    /** The verified complaint a 乐捐 comes from (one line per complaint and appraisal). */
    complaintId: uuid('complaint_id').references(() => complaints.id, { onDelete: 'restrict' }),
    repeat: boolean('repeat').notNull().default(false),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [
    index('appraisal_items_appraisal_idx').on(t.appraisalId),
    uniqueIndex('appraisal_items_complaint_uq').on(t.appraisalId, t.complaintId).where(sql`complaint_id is not null`),
    check('appraisal_items_amount_ck', sql`${t.amount} > 0`),
    check('appraisal_items_kind_ck', sql`${t.kind} in ('penalty', 'reward')`),
  ],
);
