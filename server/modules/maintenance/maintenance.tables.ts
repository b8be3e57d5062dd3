import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { deviceCategory } from '../../db/enums.ts';
import { deviceModels } from '../../db/schema.ts';
import type { KitLine, MaintenanceCheck, MaintenanceTask } from './maintenance.rules.ts';

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
