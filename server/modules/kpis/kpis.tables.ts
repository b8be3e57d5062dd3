// KPI pre-aggregation (R-RP-1, issue 15 §3). Derived data, rebuilt by the `kpis.rollup` job from
// the work-order, SLA, survey, complaint, follow-up, maintenance, call and renewal tables (not
// audited: nothing here is anyone's act, and a rebuild gives the same rows).
// - kpi_facts: one row per source record (a resolved work order, an answered survey, a
//   complaint, a due follow-up, a planned maintenance visit, a missed call, a decided renewal)
//   with its day (company time zone), dimensions and counters. The drill-down reads it.
// - kpi_daily: kpi_facts summed per day, engineer, customer and model. The dashboard reads it:
//   a year is at most days × active engineer/customer/model triples, not every order.
// - kpi_monthly: kpi_daily summed per month for each set of dimensions the dashboard groups or
//   filters by (KPI_MONTHLY_GROUPS); a long range reads its whole months here and only its edge
//   days from kpi_daily (issue 15 §3: the year view had ~700k daily rows to sum).
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { KPI_MONTHLY_GROUPS, type KpiMonthlyGroup } from './kpis.rules.ts';

/** Where a fact comes from (the drill-down maps each to its work order where there is one). */
export const KPI_SOURCES = ['work_order', 'survey', 'complaint', 'followup', 'visit', 'missed_call', 'renewal'] as const;

/** The "none" key of a daily row's dimension (a missed call has no engineer). */
export const NO_KEY = '00000000-0000-0000-0000-000000000000';

export const kpiFacts = pgTable(
  'kpi_facts',
  {
    source: text('source', { enum: KPI_SOURCES }).notNull(),
    sourceId: uuid('source_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    engineerId: uuid('engineer_id'),
    customerId: uuid('customer_id'),
    modelId: uuid('model_id'),
    workOrderId: uuid('work_order_id'),
    orders: integer('orders').notNull().default(0),
    repairs: integer('repairs').notNull().default(0),
    ftf: integer('ftf').notNull().default(0),
    restoreN: integer('restore_n').notNull().default(0),
    restoreMinutes: numeric('restore_minutes', { mode: 'number' }).notNull().default(0),
    respondMet: integer('respond_met').notNull().default(0),
    respondTotal: integer('respond_total').notNull().default(0),
    arriveMet: integer('arrive_met').notNull().default(0),
    arriveTotal: integer('arrive_total').notNull().default(0),
    restoreMet: integer('restore_met').notNull().default(0),
    restoreTotal: integer('restore_total').notNull().default(0),
    repeat30: integer('repeat30').notNull().default(0),
    repeat90: integer('repeat90').notNull().default(0),
    surveyN: integer('survey_n').notNull().default(0),
    surveyScore: numeric('survey_score', { mode: 'number' }).notNull().default(0),
    complaints: integer('complaints').notNull().default(0),
    followupsDue: integer('followups_due').notNull().default(0),
    followupsOnTime: integer('followups_on_time').notNull().default(0),
    visitsPlanned: integer('visits_planned').notNull().default(0),
    visitsDone: integer('visits_done').notNull().default(0),
    missedCalls: integer('missed_calls').notNull().default(0),
    callbacks: integer('callbacks').notNull().default(0),
    callbackMinutes: numeric('callback_minutes', { mode: 'number' }).notNull().default(0),
    renewalsWon: integer('renewals_won').notNull().default(0),
    renewalsLost: integer('renewals_lost').notNull().default(0),
    partsQty: numeric('parts_qty', { mode: 'number' }).notNull().default(0),
    partsCost: numeric('parts_cost', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId] }), index('kpi_facts_day_idx').on(t.day, t.engineerId)],
);

/** The summed counters of a rollup row: kpi_daily and kpi_monthly carry the same set (fresh builders per table). */
const rollupCounters = () => ({
  orders: bigint('orders', { mode: 'number' }).notNull().default(0),
  repairs: bigint('repairs', { mode: 'number' }).notNull().default(0),
  ftf: bigint('ftf', { mode: 'number' }).notNull().default(0),
  restoreN: bigint('restore_n', { mode: 'number' }).notNull().default(0),
  restoreMinutes: numeric('restore_minutes', { mode: 'number' }).notNull().default(0),
  respondMet: bigint('respond_met', { mode: 'number' }).notNull().default(0),
  respondTotal: bigint('respond_total', { mode: 'number' }).notNull().default(0),
  arriveMet: bigint('arrive_met', { mode: 'number' }).notNull().default(0),
  arriveTotal: bigint('arrive_total', { mode: 'number' }).notNull().default(0),
  restoreMet: bigint('restore_met', { mode: 'number' }).notNull().default(0),
  restoreTotal: bigint('restore_total', { mode: 'number' }).notNull().default(0),
  repeat30: bigint('repeat30', { mode: 'number' }).notNull().default(0),
  repeat90: bigint('repeat90', { mode: 'number' }).notNull().default(0),
  surveyN: bigint('survey_n', { mode: 'number' }).notNull().default(0),
  surveyScore: numeric('survey_score', { mode: 'number' }).notNull().default(0),
  complaints: bigint('complaints', { mode: 'number' }).notNull().default(0),
  followupsDue: bigint('followups_due', { mode: 'number' }).notNull().default(0),
  followupsOnTime: bigint('followups_on_time', { mode: 'number' }).notNull().default(0),
  visitsPlanned: bigint('visits_planned', { mode: 'number' }).notNull().default(0),
  visitsDone: bigint('visits_done', { mode: 'number' }).notNull().default(0),
  missedCalls: bigint('missed_calls', { mode: 'number' }).notNull().default(0),
  callbacks: bigint('callbacks', { mode: 'number' }).notNull().default(0),
  callbackMinutes: numeric('callback_minutes', { mode: 'number' }).notNull().default(0),
  renewalsWon: bigint('renewals_won', { mode: 'number' }).notNull().default(0),
  renewalsLost: bigint('renewals_lost', { mode: 'number' }).notNull().default(0),
  partsQty: numeric('parts_qty', { mode: 'number' }).notNull().default(0),
  partsCost: numeric('parts_cost', { mode: 'number' }).notNull().default(0),
});

export const kpiDaily = pgTable(
  'kpi_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    engineerKey: uuid('engineer_key').notNull(),
    customerKey: uuid('customer_key').notNull(),
    modelKey: uuid('model_key').notNull(),
    ...rollupCounters(),
  },
  (t) => [primaryKey({ columns: [t.day, t.engineerKey, t.customerKey, t.modelKey] })],
);

export const kpiMonthly = pgTable(
  'kpi_monthly',
  {
    grp: text('grp', { enum: Object.keys(KPI_MONTHLY_GROUPS) as [KpiMonthlyGroup, ...KpiMonthlyGroup[]] }).notNull(),
    /** The first day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    engineerKey: uuid('engineer_key').notNull(),
    customerKey: uuid('customer_key').notNull(),
    modelKey: uuid('model_key').notNull(),
    ...rollupCounters(),
  },
  (t) => [
    primaryKey({ columns: [t.grp, t.month, t.engineerKey, t.customerKey, t.modelKey] }),
    // A branch's view (unit → its customers) or one customer's reads the customer sets by customer.
    index('kpi_monthly_customer_idx').on(t.grp, t.customerKey, t.month),
    check('kpi_monthly_grp_ck', sql`${t.grp} in ('all', 'engineer', 'customer', 'model', 'engineer_customer', 'engineer_model', 'customer_model')`),
    check('kpi_monthly_month_ck', sql`extract(day from ${t.month}) = 1`),
  ],
);
