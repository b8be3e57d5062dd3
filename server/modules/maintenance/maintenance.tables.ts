import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { deviceCategory } from '../../db/enums.ts';
import { deviceModels, devices, instruments, serviceRequests, users, workOrders } from '../../db/schema.ts';
import type { KitLine, MaintenanceCheck, MaintenanceTask } from './maintenance.rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** A task's result on a visit: done or not, with a note (why not, what was seen). */
export interface TaskResult {
  done: boolean;
  note: string | null;
}

/**
 * 保养模板 (issue 13 §1, R-PM-1): what a preventive-maintenance visit of a model — or of every model
 * of a device category — does (tasks), measures (checks with range and unit), takes along (parts
 * kit), how often (interval) and how long it takes; the minimum time on site and the photos
 * required are the evidence bar the visit will be held to (R-PM-2). One per model, one per category.
 */
export const maintenanceTemplates = pgTable(
  'maintenance_templates',
  {
    ...recordColumns(),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    category: deviceCategory('category'),
    name: text('name').notNull(),
    intervalMonths: integer('interval_months').notNull(),
    estimatedMinutes: integer('estimated_minutes').notNull(),
    minOnSiteMinutes: integer('min_on_site_minutes').notNull(),
    photosRequired: integer('photos_required').notNull().default(0),
    tasks: jsonb('tasks').$type<MaintenanceTask[]>().notNull().default(sql`'[]'::jsonb`),
    checks: jsonb('checks').$type<MaintenanceCheck[]>().notNull().default(sql`'[]'::jsonb`),
    partsKit: jsonb('parts_kit').$type<KitLine[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    uniqueIndex('maintenance_templates_model_uq').on(t.modelId).where(sql`model_id is not null`),
    uniqueIndex('maintenance_templates_category_uq').on(t.category).where(sql`category is not null`),
    check('maintenance_templates_scope_ck', sql`(${t.modelId} is null) <> (${t.category} is null)`),
    check('maintenance_templates_interval_ck', sql`${t.intervalMonths} between 1 and 24`),
    check('maintenance_templates_minutes_ck', sql`${t.estimatedMinutes} between 1 and 1440 and ${t.minOnSiteMinutes} between 0 and ${t.estimatedMinutes}`),
    check('maintenance_templates_photos_ck', sql`${t.photosRequired} between 0 and 20`),
  ],
);

/**
 * 保养/巡检记录 (issue 13 §1 recording, §2; R-PM-1, R-PM-2): one per maintenance work order. The
 * template is copied when the record is opened (a later template edit does not change a visit
 * done), with the on-site window (arrival, departure) and each task's result. Readings and findings
 * hang on it; its photos are the work order's attachments with owner_part 'maintenance:photo'.
 */
export const maintenanceRecords = pgTable(
  'maintenance_records',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    templateId: uuid('template_id').references(() => maintenanceTemplates.id, { onDelete: 'restrict' }),
    templateName: text('template_name'),
    minOnSiteMinutes: integer('min_on_site_minutes').notNull().default(0),
    photosRequired: integer('photos_required').notNull().default(0),
    tasks: jsonb('tasks').$type<MaintenanceTask[]>().notNull().default(sql`'[]'::jsonb`),
    checks: jsonb('checks').$type<MaintenanceCheck[]>().notNull().default(sql`'[]'::jsonb`),
    taskResults: jsonb('task_results').$type<Record<string, TaskResult>>().notNull().default(sql`'{}'::jsonb`),
    arrivedAt: ts('arrived_at'),
    departedAt: ts('departed_at'),
    openedBy: uuid('opened_by').references(() => users.id, { onDelete: 'restrict' }),
    /** R-PM-2: 1 as signed; each correction after sign-off is the next (maintenance_record_versions). */
    contentVersion: integer('content_version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('maintenance_records_work_order_uq').on(t.workOrderId),
    index('maintenance_records_device_idx').on(t.deviceId, t.arrivedAt),
    check('maintenance_records_window_ck', sql`${t.departedAt} is null or (${t.arrivedAt} is not null and ${t.departedAt} >= ${t.arrivedAt})`),
  ],
);

/** One reading of a check on a visit (R-PM-1), naming the instrument that took it (issue 13 §5). */
export const maintenanceReadings = pgTable(
  'maintenance_readings',
  {
    ...recordColumns(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => maintenanceRecords.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    checkKey: text('check_key').notNull(),
    label: text('label').notNull(),
    unit: text('unit'),
    min: doublePrecision('min'),
    max: doublePrecision('max'),
    expected: text('expected'),
    value: text('value').notNull(),
    numericValue: doublePrecision('numeric_value'),
    status: text('status', { enum: ['in_range', 'low', 'high', 'not_applicable'] }).notNull(),
    outOfRange: boolean('out_of_range').notNull().default(false),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'restrict' }),
    takenAt: ts('taken_at').notNull(),
    takenBy: uuid('taken_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('maintenance_readings_check_uq').on(t.recordId, t.checkKey),
    index('maintenance_readings_device_idx').on(t.deviceId, t.checkKey, t.takenAt),
    index('maintenance_readings_instrument_idx').on(t.instrumentId, t.takenAt),
    check('maintenance_readings_status_ck', sql`${t.status} in ('in_range', 'low', 'high', 'not_applicable')`),
  ],
);

/** A finding of a visit (R-PM-1): fixed on the spot, or its repair request opened with it. */
export const maintenanceFindings = pgTable(
  'maintenance_findings',
  {
    ...recordColumns(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => maintenanceRecords.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    description: text('description').notNull(),
    fixedOnSpot: boolean('fixed_on_spot').notNull(),
    requestId: uuid('request_id').references(() => serviceRequests.id, { onDelete: 'restrict' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [index('maintenance_findings_record_idx').on(t.recordId), check('maintenance_findings_request_ck', sql`${t.fixedOnSpot} = (${t.requestId} is null)`)],
);

/** What a version of a signed record holds (R-PM-2): tasks with their results, readings, findings. */
export interface RecordVersionContent {
  tasks: { key: string; label: string; done: boolean | null; note: string | null }[];
  readings: { checkKey: string; label: string; value: string; unit: string | null; status: string; outOfRange: boolean; instrumentId: string }[];
  findings: { id: string; description: string; fixedOnSpot: boolean; requestId: string | null }[];
}

/**
 * Versions of a signed maintenance record (R-PM-2 "corrections after sign-off are new versions",
 * like service reports, R-WO-5). Insert-only (append-only trigger): v1 is the record as signed,
 * written when the first correction is made; every correction adds the next with its reason.
 */
export const maintenanceRecordVersions = pgTable(
  'maintenance_record_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => maintenanceRecords.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    n: integer('n').notNull(),
    reason: text('reason'),
    content: jsonb('content').$type<RecordVersionContent>().notNull(),
    contentHash: text('content_hash').notNull(),
    byId: uuid('by_id').references(() => users.id, { onDelete: 'restrict' }),
    byName: text('by_name').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('maintenance_record_versions_n_uq').on(t.recordId, t.n),
    check('maintenance_record_versions_reason_ck', sql`${t.n} = 1 or ${t.reason} is not null`),
  ],
);
