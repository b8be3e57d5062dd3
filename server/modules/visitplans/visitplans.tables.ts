import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, users } from '../../db/schema.ts';
import { LINE_SOURCES, VISIT_KINDS, VISIT_PERIODS } from './visitplans.rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const visitKind = pgEnum('visit_kind', VISIT_KINDS);
export const visitPeriod = pgEnum('visit_period', VISIT_PERIODS);
export const visitLineSource = pgEnum('visit_line_source', LINE_SOURCES);

/**
 * 重点客户 (issue 13 §4): a customer flagged key account, with its own visit frequency — `visits`
 * per month or per quarter, on site or by phone — on top of the devices' standing cadences.
 * Unflagging deletes the row (audited).
 */
export const keyAccounts = pgTable(
  'key_accounts',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    period: visitPeriod('period').notNull(),
    visits: integer('visits').notNull(),
    method: visitKind('method').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('key_accounts_customer_uq').on(t.customerId)],
);

/** 季度回访计划 (seed 002 part 2 客户回访以季度为单位，分解到月): one per customer and quarter. */
export const visitPlans = pgTable(
  'visit_plans',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    /** The responsible person (回访责任人); the lines not done follow it. */
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    generatedAt: ts('generated_at').notNull(),
  },
  (t) => [uniqueIndex('visit_plans_customer_quarter_uq').on(t.customerId, t.year, t.quarter), index('visit_plans_quarter_idx').on(t.year, t.quarter)],
);

/**
 * One planned visit of a month. Its state (planned/due/done/missed) is derived on read from the
 * follow-ups recorded (visitplans.rules.ts lineStates); only the missed notice is stored, so it is
 * sent once.
 */
export const visitPlanLines = pgTable(
  'visit_plan_lines',
  {
    ...recordColumns(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => visitPlans.id, { onDelete: 'cascade' }),
    /** YYYY-MM */
    month: text('month').notNull(),
    kind: visitKind('kind').notNull(),
    seq: integer('seq').notNull(),
    source: visitLineSource('source').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    missedNotifiedAt: ts('missed_notified_at'),
  },
  (t) => [uniqueIndex('visit_plan_lines_slot_uq').on(t.planId, t.month, t.kind, t.seq), index('visit_plan_lines_month_idx').on(t.month)],
);
