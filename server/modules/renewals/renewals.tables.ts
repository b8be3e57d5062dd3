import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { deviceCategory } from '../../db/enums.ts';
import { contracts, customers, deviceModels, devices, users } from '../../db/schema.ts';

export const RENEWAL_STAGES = ['notice_sent', 'visited', 'quoted', 'won', 'lost'] as const;
/** What ran out: a maintenance contract (notice to the customer) or a warranty (report to sales). */
export const RENEWAL_SOURCES = ['maintenance_contract', 'warranty_contract', 'factory_warranty'] as const;
export const NOTICE_KINDS = ['customer_expiry', 'sales_warranty_expiry'] as const;

export const renewalStage = pgEnum('renewal_stage', RENEWAL_STAGES);
export const renewalSource = pgEnum('renewal_source', RENEWAL_SOURCES);
export const renewalNoticeKind = pgEnum('renewal_notice_kind', NOTICE_KINDS);

/**
 * R-CT-1 (seed 002 part 1 §4, §15): how many days before the end each notice goes out. One row
 * (singleton); absent means the defaults (30 to the customer, 90 to sales).
 */
export const renewalSettings = pgTable('renewal_settings', {
  ...recordColumns(),
  singleton: boolean('singleton').notNull().default(true),
  customerNoticeDays: integer('customer_notice_days').notNull().default(30),
  salesNoticeDays: integer('sales_notice_days').notNull().default(90),
});

/**
 * 到期通知记录 (R-CT-1): one row per contract, kind and end date — the unique index is the
 * "sent exactly once" guarantee (a conditional insert; the loser of a race sends nothing).
 */
export const renewalNotices = pgTable(
  'renewal_notices',
  {
    ...recordColumns(),
    /** The expiring contract, or null for a device's factory warranty (device_id instead). */
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    kind: renewalNoticeKind('kind').notNull(),
    /** The contract end the notice announces. */
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    recipients: integer('recipients').notNull().default(0),
  },
  (t) => [
    uniqueIndex('renewal_notices_once_uq').on(t.contractId, t.kind, t.expiresOn),
    uniqueIndex('renewal_notices_device_once_uq').on(t.deviceId, t.kind, t.expiresOn),
    index('renewal_notices_customer_idx').on(t.customerId),
  ],
);

/** 续约商机 (R-CT-1): one per expiring contract, owned by a salesperson, followed to won or lost. */
export const renewals = pgTable(
  'renewals',
  {
    ...recordColumns(),
    /** The expiring contract, or null for a device's factory warranty (device_id instead). */
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    source: renewalSource('source').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    stage: renewalStage('stage').notNull().default('notice_sent'),
    quoteAmount: numeric('quote_amount', { precision: 14, scale: 2 }),
    quoteCurrency: text('quote_currency').notNull().default('CNY'),
    quotedAt: timestamp('quoted_at', { withTimezone: true, mode: 'date' }),
    visitedAt: timestamp('visited_at', { withTimezone: true, mode: 'date' }),
    lostReason: text('lost_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    newContractId: uuid('new_contract_id').references(() => contracts.id, { onDelete: 'set null' }),
    /** Issue 13 §3: the quote computed from the price lines (one per device), kept with the quote. */
    quoteLines: jsonb('quote_lines').$type<QuoteLine[]>(),
    quoteComputed: numeric('quote_computed', { precision: 14, scale: 2 }),
    /** Why the quoted amount differs from the computed one (required when it does). */
    quoteOverrideReason: text('quote_override_reason'),
  },
  (t) => [
    uniqueIndex('renewals_contract_uq').on(t.contractId, t.expiresOn),
    uniqueIndex('renewals_device_uq').on(t.deviceId, t.expiresOn),
    index('renewals_owner_idx').on(t.ownerId),
    index('renewals_expires_idx').on(t.expiresOn),
    index('renewals_stage_idx').on(t.stage),
    index('renewals_customer_idx').on(t.customerId),
  ],
);

/** One device of a quote from the price list: its annual price × the years quoted (issue 13 §3). */
export interface QuoteLine {
  deviceId: string;
  serialNumber: string;
  modelName: string;
  priceLineId: string | null;
  basis: 'model' | 'category' | 'none';
  annualPrice: string | null;
  years: number;
  amount: string;
}

/**
 * 维保合同年度价格 (issue 13 §3 "a quote from the price list"; R-CT-1): the paid-service price list
 * (price_lists) prices labour and travel, not contracts — so the annual maintenance-contract price
 * of a model, or of every model of a category, effective from a date, is kept here. Sales managers
 * edit it; the line in force on the quote day applies (a model's line before its category's).
 */
export const renewalPriceLines = pgTable(
  'renewal_price_lines',
  {
    ...recordColumns(),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    category: deviceCategory('category'),
    annualPrice: numeric('annual_price', { precision: 14, scale: 2 }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('renewal_price_lines_model_uq').on(t.modelId, t.effectiveFrom).where(sql`model_id is not null`),
    uniqueIndex('renewal_price_lines_category_uq').on(t.category, t.effectiveFrom).where(sql`category is not null`),
    check('renewal_price_lines_scope_ck', sql`(${t.modelId} is null) <> (${t.category} is null)`),
    check('renewal_price_lines_price_ck', sql`${t.annualPrice} >= 0`),
  ],
);
