// Invoices, receivables, cash hand-over and budgets (issue 15 §4, R-FE-1, R-FE-2; seed 002 §5,
// seed 004 §9). Money is numeric(14,2) and counted in integer cents in billing.rules.ts.
// Invoice entries (payments, their reversals, credit notes) are insert-only: a mistake is undone by
// a new line naming the one it reverses, never by changing or deleting (migration 0067 triggers).
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, users, workOrderPayments, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => numeric(name, { precision: 14, scale: 2 });

/** Seed 004 §9 (一) 费用预算: 安装调试、维修保养、配件采购、技术支持、人员培训、差旅费. */
export const BUDGET_CATEGORIES = ['installation', 'maintenance', 'parts', 'support', 'training', 'travel'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];
export const INVOICE_ENTRY_KINDS = ['payment', 'payment_reversal', 'credit_note'] as const;
/** Days past the due date: not yet due, 0–30, 31–60, 61–90, more than 90 (R-FE-1 receivables). */
export const AGEING_BUCKETS = ['not_due', 'd0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export const HANDOVER_STATUSES = ['pending', 'confirmed'] as const;

/** A hospital's billing terms: payment days and the sales owner told of overdue invoices (R-FE-1). */
export const billingAccounts = pgTable('billing_accounts', {
  ...recordColumns(),
  customerId: uuid('customer_id')
    .notNull()
    .unique('billing_accounts_customer_uq')
    .references(() => customers.id, { onDelete: 'restrict' }),
  paymentTermsDays: integer('payment_terms_days').notNull().default(30),
  salesOwnerId: uuid('sales_owner_id').references(() => users.id, { onDelete: 'restrict' }),
});

/** 发票 / 应收: one hospital's fee-bearing work orders, FP-YYYY-NNNNNN. */
export const invoices = pgTable(
  'invoices',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    termsDays: integer('terms_days').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    total: money('total').notNull(),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'restrict' }),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('invoices_number_uq').on(t.number),
    index('invoices_customer_idx').on(t.customerId, t.issueDate),
    index('invoices_due_idx').on(t.dueDate),
    check('invoices_total_ck', sql`total > 0`),
    check('invoices_due_ck', sql`due_date >= issue_date`),
  ],
);

/** One work order's fee on an invoice; a work order is invoiced once. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    description: text('description').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [uniqueIndex('invoice_lines_work_order_uq').on(t.workOrderId), index('invoice_lines_invoice_idx').on(t.invoiceId)],
);

/** Payments against an invoice, their reversals and credit notes (HZ-YYYY-NNNNNN); insert-only. */
export const invoiceEntries = pgTable(
  'invoice_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: INVOICE_ENTRY_KINDS }).notNull(),
    /** Always positive; the kind says which way it moves the open amount. */
    amount: money('amount').notNull(),
    number: text('number'),
    reference: text('reference'),
    reason: text('reason'),
    reversesId: uuid('reverses_id').references((): AnyPgColumn => invoiceEntries.id, { onDelete: 'restrict' }),
    at: ts('at').notNull().defaultNow(),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'restrict' }),
    recordedByName: text('recorded_by_name').notNull(),
  },
  (t) => [
    index('invoice_entries_invoice_idx').on(t.invoiceId, t.at),
    uniqueIndex('invoice_entries_reverses_uq').on(t.reversesId),
    check('invoice_entries_amount_ck', sql`amount > 0`),
    check('invoice_entries_reason_ck', sql`kind = 'payment' or reason is not null`),
  ],
);

/** A reminder sent for an invoice in an ageing bucket: once per invoice and bucket. */
export const invoiceReminders = pgTable(
  'invoice_reminders',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    bucket: text('bucket', { enum: AGEING_BUCKETS }).notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.bucket], name: 'invoice_reminders_pk' })],
);

/** 现金交接 (seed 002 §5): cash collected on site, handed by the engineer to the accountant, who confirms. */
export const cashHandovers = pgTable(
  'cash_handovers',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    engineerName: text('engineer_name').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull().default('CNY'),
    handedAt: ts('handed_at').notNull(),
    note: text('note'),
    status: text('status', { enum: HANDOVER_STATUSES }).notNull().default('pending'),
    confirmedAt: ts('confirmed_at'),
    confirmedById: uuid('confirmed_by_id').references(() => users.id, { onDelete: 'restrict' }),
    confirmedByName: text('confirmed_by_name'),
  },
  (t) => [
    uniqueIndex('cash_handovers_number_uq').on(t.number),
    index('cash_handovers_status_idx').on(t.status, t.handedAt),
    check('cash_handovers_confirmed_ck', sql`status = 'pending' or confirmed_at is not null`),
  ],
);

/** The collected-on-site payments one hand-over carries; a payment is handed over once. */
export const cashHandoverItems = pgTable(
  'cash_handover_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    handoverId: uuid('handover_id')
      .notNull()
      .references(() => cashHandovers.id, { onDelete: 'restrict' }),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => workOrderPayments.id, { onDelete: 'restrict' }),
    amount: money('amount').notNull(),
  },
  (t) => [uniqueIndex('cash_handover_items_payment_uq').on(t.paymentId), index('cash_handover_items_handover_idx').on(t.handoverId)],
);

/** A year's cost rates for actual cost (R-FE-2): labour per hour and travel per km, at cost. */
export const budgetYears = pgTable(
  'budget_years',
  {
    ...recordColumns(),
    year: integer('year').notNull(),
    labourCostPerHour: money('labour_cost_per_hour').notNull().default('0'),
    travelCostPerKm: money('travel_cost_per_km').notNull().default('0'),
  },
  (t) => [uniqueIndex('budget_years_year_uq').on(t.year)],
);

/**
 * 费用预算 (seed 004 §9, R-FE-2): an amount per year, category, department and project. Department
 * is free text until the units module lands (then a unit id column joins it); '' means none.
 */
export const budgetLines = pgTable(
  'budget_lines',
  {
    ...recordColumns(),
    year: integer('year').notNull(),
    category: text('category', { enum: BUDGET_CATEGORIES }).notNull(),
    department: text('department').notNull().default(''),
    project: text('project').notNull().default(''),
    amount: money('amount').notNull(),
  },
  (t) => [uniqueIndex('budget_lines_key_uq').on(t.year, t.category, t.department, t.project), check('budget_lines_amount_ck', sql`amount >= 0`)],
);

/** Which department and project a work order's cost is booked to (R-FE-2 费用核算…按项目、部门). */
export const costTags = pgTable('cost_tags', {
  ...recordColumns(),
  workOrderId: uuid('work_order_id')
    .notNull()
    .unique('cost_tags_work_order_uq')
    .references(() => workOrders.id, { onDelete: 'restrict' }),
  department: text('department').notNull().default(''),
  project: text('project').notNull().default(''),
});
