import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { deviceCategory } from '../../db/enums.ts';
import { customers, departments, sites } from '../../db/schema.ts';

export const regulatoryClass = pgEnum('regulatory_class', ['I', 'II', 'III']);
/** Drives emergency urgency (R-REQ-3). */
export const criticality = pgEnum('criticality', ['life_support', 'critical_diagnostic', 'standard']);
export const deviceStatus = pgEnum('device_status', ['in_service', 'down', 'safety_hold', 'retired']);

/** 型号 */
export const deviceModels = pgTable(
  'device_models',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    manufacturer: text('manufacturer'),
    category: deviceCategory('category').notNull(),
    regulatoryClass: regulatoryClass('regulatory_class').notNull(),
    criticality: criticality('criticality').notNull().default('standard'),
    implantable: boolean('implantable').notNull().default(false),
    /** Default warranty length, used to propose a device's warranty end from its acceptance date. */
    warrantyMonths: integer('warranty_months').notNull().default(12),
    notes: text('notes'),
  },
  (t) => [uniqueIndex('device_models_code_uq').on(sql`lower(${t.code})`)],
);

/** 设备档案: one installed unit. */
export const devices = pgTable(
  'devices',
  {
    ...recordColumns(),
    serialNumber: text('serial_number').notNull(),
    udi: text('udi'),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'set null' }),
    location: text('location'),
    installDate: date('install_date', { mode: 'string' }),
    /** 验收合格日期: the warranty starts here (SPEC §2). */
    acceptanceDate: date('acceptance_date', { mode: 'string' }),
    /** Derived: acceptance date + the model's warranty months, unless overridden (issue 10 item 2). */
    warrantyEnd: date('warranty_end', { mode: 'string' }),
    /** An explicit warranty end (e.g. a negotiated term), kept through corrections; needs a reason. */
    warrantyEndOverride: boolean('warranty_end_override').notNull().default(false),
    warrantyOverrideReason: text('warranty_override_reason'),
    softwareVersion: text('software_version'),
    status: deviceStatus('status').notNull().default('in_service'),
    notes: text('notes'),
  },
  (t) => [
    // A manufacturer never reuses a serial within a model; across makers serials may collide.
    uniqueIndex('devices_model_serial_uq').on(t.modelId, sql`lower(${t.serialNumber})`),
    uniqueIndex('devices_udi_uq').on(t.udi),
    index('devices_serial_idx').on(sql`lower(${t.serialNumber})`),
    index('devices_customer_idx').on(t.customerId),
    index('devices_status_idx').on(t.status),
    // The list's default order and substring search (`ilike '%…%'`) (issue 6, bench/reads.ts).
    index('devices_updated_idx').on(t.updatedAt),
    index('devices_serial_trgm').using('gin', t.serialNumber.op('gin_trgm_ops')),
    index('devices_udi_trgm').using('gin', t.udi.op('gin_trgm_ops')),
    index('devices_location_trgm').using('gin', t.location.op('gin_trgm_ops')),
    check(
      'devices_warranty_override_ck',
      sql`CASE WHEN ${t.warrantyEndOverride} THEN ${t.warrantyEnd} IS NOT NULL AND length(btrim(coalesce(${t.warrantyOverrideReason}, ''))) > 0 ELSE ${t.warrantyOverrideReason} IS NULL END`,
    ),
  ],
);
