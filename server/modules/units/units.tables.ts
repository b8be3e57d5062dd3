import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { eSignatures, users } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** R-ORG-1: 分公司 / 服务中心 / 服务小组. A team sits inside a branch or a service centre. */
export const UNIT_KINDS = ['branch', 'service_centre', 'team'] as const;
/** Whether the company's service managers get a copy of a unit manager's notices (R-ORG-1). */
export const MANAGER_COPY = ['always', 'breaches', 'never'] as const;
/** 分公司日报: draft → signed by the branch manager → received by head office (seed 002 §12). */
export const BRANCH_REPORT_STATUSES = ['draft', 'signed', 'received'] as const;

/** 组织单元 (issue 15 §1, R-ORG-1): customers, sites, engineers and warehouses belong to one. */
export const units = pgTable(
  'units',
  {
    ...recordColumns(),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    managerId: uuid('manager_id').references(() => users.id, { onDelete: 'restrict' }),
    // biome-ignore lint/suspicious/noExplicitAny: a self-reference needs the table's own type.
    parentId: uuid('parent_id').references((): any => units.id, { onDelete: 'restrict' }),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(sql`lower(${t.code})`),
    index('units_parent_idx').on(t.parentId),
    index('units_manager_idx').on(t.managerId),
    check('units_name_ck', sql`length(btrim(${t.name})) > 0`),
    check('units_parent_ck', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/** One row (id = 1): the company's copy rule for unit-routed notices. */
export const unitSettings = pgTable('unit_settings', {
  id: smallint('id').primaryKey().default(1),
  managerCopy: text('manager_copy', { enum: MANAGER_COPY }).notNull().default('breaches'),
  version: smallint('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** 分公司日报 (seed 002 §12): the day's report of one unit, signed by its manager, then received by head office. */
export const branchDailyReports = pgTable(
  'branch_daily_reports',
  {
    ...recordColumns(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    day: date('day').notNull(),
    status: text('status', { enum: BRANCH_REPORT_STATUSES }).notNull().default('draft'),
    content: jsonb('content').notNull(),
    preparedByName: text('prepared_by_name').notNull(),
    signatureId: uuid('signature_id').references(() => eSignatures.id, { onDelete: 'restrict' }),
    signedAt: ts('signed_at'),
    signedById: uuid('signed_by_id').references(() => users.id, { onDelete: 'restrict' }),
    signedByName: text('signed_by_name'),
    comment: text('comment'),
    receivedAt: ts('received_at'),
    receivedById: uuid('received_by_id').references(() => users.id, { onDelete: 'restrict' }),
    receivedByName: text('received_by_name'),
  },
  (t) => [uniqueIndex('branch_daily_reports_day_uq').on(t.unitId, t.day), index('branch_daily_reports_status_idx').on(t.status, t.day)],
);
