import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { contracts, customers, devices, users, workOrders } from '../../db/schema.ts';
import { maintenanceTemplates } from './maintenance.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A planned preventive-maintenance visit's life (issue 13 §1, R-PM-1): planned → notified (the
 * hospital told in advance) → confirmed or reschedule_requested (portal) → ordered (its work order
 * exists) → done (work order resolved or later); missed / cancelled (regenerated away).
 */
export const maintenanceVisitStatus = pgEnum('maintenance_visit_status', [
  'planned',
  'notified',
  'confirmed',
  'reschedule_requested',
  'ordered',
  'done',
  'missed',
  'cancelled',
]);

/** 年度保养计划: one per contract, device and year, generated from the contract and the model's template. */
export const maintenancePlans = pgTable(
  'maintenance_plans',
  {
    ...recordColumns(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    templateId: uuid('template_id').references(() => maintenanceTemplates.id, { onDelete: 'set null' }),
    visitsPerYear: integer('visits_per_year').notNull(),
    generatedAt: ts('generated_at').notNull(),
    generatedById: uuid('generated_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('maintenance_plans_contract_device_year_uq').on(t.contractId, t.deviceId, t.year),
    check('maintenance_plans_year_ck', sql`${t.year} between 2000 and 2100`),
  ],
);

/** One planned visit of a plan; becomes a maintenance work order at most once (unique link). */
export const maintenanceVisits = pgTable(
  'maintenance_visits',
  {
    ...recordColumns(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => maintenancePlans.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    seq: integer('seq').notNull(),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    engineerId: uuid('engineer_id').references(() => users.id, { onDelete: 'set null' }),
    status: maintenanceVisitStatus('status').notNull().default('planned'),
    noticeSentAt: ts('notice_sent_at'),
    /** The hospital's answer in the portal: confirmed, or another date asked with a reason. */
    customerResponse: text('customer_response'),
    respondedAt: ts('responded_at'),
    requestedDate: date('requested_date', { mode: 'string' }),
    requestReason: text('request_reason'),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
    /** When the service manager was told the visit is overdue (once). */
    overdueFlaggedAt: ts('overdue_flagged_at'),
  },
  (t) => [
    uniqueIndex('maintenance_visits_work_order_uq').on(t.workOrderId).where(sql`work_order_id is not null`),
    index('maintenance_visits_plan_idx').on(t.planId, t.seq),
    index('maintenance_visits_date_idx').on(t.plannedDate),
    index('maintenance_visits_customer_idx').on(t.customerId, t.plannedDate),
    check('maintenance_visits_response_ck', sql`${t.customerResponse} is null or ${t.customerResponse} in ('confirmed', 'reschedule')`),
  ],
);

/** 保养计划设置 (one row): how many days ahead the hospital is told, and the work order is opened. */
export const maintenanceSettings = pgTable(
  'maintenance_settings',
  {
    ...recordColumns(),
    singleton: boolean('singleton').notNull().default(true),
    noticeDays: integer('notice_days').notNull().default(7),
    orderDays: integer('order_days').notNull().default(7),
  },
  (t) => [
    uniqueIndex('maintenance_settings_singleton_uq').on(t.singleton),
    check('maintenance_settings_singleton_ck', sql`${t.singleton}`),
    check('maintenance_settings_days_ck', sql`${t.noticeDays} between 1 and 60 and ${t.orderDays} between 0 and 60`),
  ],
);
