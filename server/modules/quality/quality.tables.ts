import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, deviceModels, devices, users } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 质量跟踪 flags set by quality on a model (issue 14 §5, R-REG-6; seed 003 §4.7): newly launched
 * (首营/新上市, tracked from the launch to `new_until`, default launch + 2 years) and unstable
 * (质量不稳定, with reason, who and when; cleared with a reason), and the model's tracking-visit
 * cadence. Class III and implantable models are tracked from device_models alone. One row per
 * model, created by the first flag; every change audited (entity `model_quality_flags`).
 */
export const modelQualityFlags = pgTable(
  'model_quality_flags',
  {
    ...recordColumns(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    launchDate: date('launch_date', { mode: 'string' }),
    newUntil: date('new_until', { mode: 'string' }),
    unstable: boolean('unstable').notNull().default(false),
    unstableReason: text('unstable_reason'),
    unstableSince: ts('unstable_since'),
    unstableById: uuid('unstable_by_id').references(() => users.id, { onDelete: 'set null' }),
    unstableByName: text('unstable_by_name'),
    clearedAt: ts('cleared_at'),
    clearedByName: text('cleared_by_name'),
    clearedReason: text('cleared_reason'),
    /** Tracking visits every n months; null follows quality_settings (default 3; seed 003 §6 每3个月定期上门回访). */
    visitEveryMonths: integer('visit_every_months'),
  },
  (t) => [
    uniqueIndex('model_quality_flags_model_uq').on(t.modelId),
    check(
      'model_quality_flags_new_ck',
      sql`(${t.launchDate} is null) = (${t.newUntil} is null) and (${t.newUntil} is null or ${t.newUntil} >= ${t.launchDate})`,
    ),
    check(
      'model_quality_flags_unstable_ck',
      sql`not ${t.unstable} or (length(btrim(coalesce(${t.unstableReason}, ''))) > 0 and ${t.unstableSince} is not null)`,
    ),
    check('model_quality_flags_every_ck', sql`${t.visitEveryMonths} between 1 and 12`),
  ],
);

/**
 * A quality-tracking visit owed for one unit of a tracked model in one period (months
 * `period_start`..`due_month`). Created by the daily job, once per unit and period (the unique
 * index makes a re-run add nothing). Its state is derived on read from the visits recorded on
 * the unit (quality.service.ts: a done follow-up, or a work order of any kind with an on-site
 * arrival, in the period) — only the line is stored.
 */
export const qualityVisitLines = pgTable(
  'quality_visit_lines',
  {
    ...recordColumns(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** YYYY-MM: the first month of the period; any visit from here to the end of `due_month` counts. */
    periodStart: text('period_start').notNull(),
    /** YYYY-MM: the visit is due by the end of this month. */
    dueMonth: text('due_month').notNull(),
  },
  (t) => [
    uniqueIndex('quality_visit_lines_device_period_uq').on(t.deviceId, t.periodStart),
    index('quality_visit_lines_model_idx').on(t.modelId, t.periodStart),
  ],
);

/**
 * A model's fault rate jumped in a month (quality.rules.ts rateJump): quality was told once — the
 * unique (model, month) row is the "sent exactly once" claim; the view shows 质量异常.
 */
export const qualityAlerts = pgTable(
  'quality_alerts',
  {
    ...recordColumns(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    /** YYYY-MM */
    month: text('month').notNull(),
    faults: integer('faults').notNull(),
    units: integer('units').notNull(),
    rate: numeric('rate', { precision: 8, scale: 1, mode: 'number' }).notNull(),
    baseline: numeric('baseline', { precision: 8, scale: 1, mode: 'number' }).notNull(),
    notifiedAt: ts('notified_at').notNull(),
  },
  (t) => [uniqueIndex('quality_alerts_model_month_uq').on(t.modelId, t.month)],
);

/**
 * The quality-tracking numbers (R-REG-6), one row (migration 0072; defaults = the former
 * QUALITY_DEFAULTS): new-launch tracking years, the default tracking-visit cadence, the repeat
 * window, the trend's months and the rate-jump rule. Changed by quality/executive, audited
 * (entity `quality_settings`); read by the trend, the tracking lines and both daily jobs.
 */
export const qualitySettings = pgTable(
  'quality_settings',
  {
    ...recordColumns(),
    singleton: boolean('singleton').notNull().default(true),
    newLaunchYears: integer('new_launch_years').notNull().default(2),
    visitEveryMonths: integer('visit_every_months').notNull().default(3),
    repeatWindowDays: integer('repeat_window_days').notNull().default(30),
    trendMonths: integer('trend_months').notNull().default(12),
    jumpFactor: numeric('jump_factor', { precision: 3, scale: 1, mode: 'number' }).notNull().default(2),
    jumpTrailingMonths: integer('jump_trailing_months').notNull().default(6),
    jumpMinFaults: integer('jump_min_faults').notNull().default(3),
  },
  (t) => [
    uniqueIndex('quality_settings_singleton_uq').on(t.singleton),
    check('quality_settings_singleton_ck', sql`${t.singleton}`),
    check('quality_settings_new_launch_years_ck', sql`${t.newLaunchYears} between 1 and 10`),
    check('quality_settings_visit_every_ck', sql`${t.visitEveryMonths} between 1 and 12`),
    check('quality_settings_repeat_window_ck', sql`${t.repeatWindowDays} between 1 and 365`),
    check('quality_settings_trend_months_ck', sql`${t.trendMonths} between 3 and 36`),
    check('quality_settings_jump_factor_ck', sql`${t.jumpFactor} between 1.1 and 10`),
    check('quality_settings_jump_trailing_ck', sql`${t.jumpTrailingMonths} between 1 and 24 and ${t.jumpTrailingMonths} < ${t.trendMonths}`),
    check('quality_settings_jump_min_faults_ck', sql`${t.jumpMinFaults} between 1 and 1000`),
  ],
);
