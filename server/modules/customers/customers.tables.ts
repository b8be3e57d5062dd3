import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { regionClass } from '../../db/enums.ts';

export const customerKind = pgEnum('customer_kind', ['hospital', 'clinic', 'distributor', 'other']);

/** 客户: a hospital, clinic or distributor. */
export const customers = pgTable(
  'customers',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: customerKind('kind').notNull().default('hospital'),
    /** e.g. 三级甲等 */
    grade: text('grade'),
    province: text('province'),
    city: text('city'),
    address: text('address'),
    phone: text('phone'),
    notes: text('notes'),
    /** R-ORG-1: the branch / service centre / team serving this customer (FK to units in 0063). */
    unitId: uuid('unit_id'),
  },
  (t) => [
    uniqueIndex('customers_code_uq').on(sql`lower(${t.code})`),
    index('customers_name_idx').on(t.name),
    // Substring search by name (`ilike '%…%'`) in every list that searches by customer.
    index('customers_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
    index('customers_unit_idx').on(t.unitId),
  ],
);

/** 科室 */
export const departments = pgTable(
  'departments',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    phone: text('phone'),
  },
  (t) => [uniqueIndex('departments_name_uq').on(t.customerId, t.name)],
);

/** A place where devices stand; its region class drives the arrival SLA. */
export const sites = pgTable(
  'sites',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    address: text('address'),
    regionClass: regionClass('region_class').notNull().default('urban'),
    /** R-ORG-1: a site may be served by another unit than its customer (FK to units in 0063). */
    unitId: uuid('unit_id'),
  },
  (t) => [uniqueIndex('sites_name_uq').on(t.customerId, t.name), index('sites_unit_idx').on(t.unitId)],
);

export const contacts = pgTable(
  'contacts',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId), index('contacts_phone_idx').on(t.phone)],
);
