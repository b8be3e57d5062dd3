import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { WARRANTY_EXCLUSION_CATEGORIES } from '../../db/enums.ts';
import { customers, users, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const EXCLUSION_STATUSES = ['proposed', 'confirmed', 'rejected'] as const;
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
/** How the customer's acceptance was recorded: portal button, drawn signature on site, staff with a reason. */
export const QUOTE_ACCEPT_VIA = ['portal', 'signature', 'staff'] as const;
export const QUOTE_LINE_KINDS = ['labour', 'part', 'travel', 'call_out'] as const;
/** Why the job is billed: paid service, or a warranty/contract job excluded (R-WX-1). */
export const QUOTE_BASES = ['paid', 'exclusion'] as const;

/**
 * 保修除外 (R-WX-1, seed 003): a warranty/contract job reclassified as chargeable for misuse or force
 * majeure — the engineer proposes it (category, reason, evidence; photos hang on the work order as
 * attachments with owner part `warranty_exclusion`), the service manager confirms or rejects it.
 * At most one live (proposed/confirmed) exclusion per work order.
 */
export const warrantyExclusions = pgTable(
  'warranty_exclusions',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    category: text('category', { enum: WARRANTY_EXCLUSION_CATEGORIES }).notNull(),
    reason: text('reason').notNull(),
    evidence: text('evidence').notNull(),
    status: text('status', { enum: EXCLUSION_STATUSES }).notNull().default('proposed'),
    proposedAt: ts('proposed_at').notNull().defaultNow(),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'restrict' }),
    proposedByName: text('proposed_by_name').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'restrict' }),
    decidedByName: text('decided_by_name'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    uniqueIndex('warranty_exclusions_live_uq').on(t.workOrderId).where(sql`status in ('proposed', 'confirmed')`),
    check('warranty_exclusions_reason_ck', sql`length(btrim(${t.reason})) > 0 and length(btrim(${t.evidence})) > 0`),
  ],
);

export interface QuoteLineItem {
  kind: (typeof QUOTE_LINE_KINDS)[number];
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  partId?: string | null;
}

/**
 * 报价单 (issue 15 §4, R-FE-1, R-WX-1): the price of a paid or excluded job told to the customer before
 * the work goes on — lines priced from the price list in force when the request came in (parts at
 * cost), a total and a validity date; draft → sent → accepted | rejected | expired. At most one open
 * (draft/sent) quote per work order.
 */
export const quotes = pgTable(
  'quotes',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    exclusionId: uuid('exclusion_id').references(() => warrantyExclusions.id, { onDelete: 'restrict' }),
    basis: text('basis', { enum: QUOTE_BASES }).notNull(),
    status: text('status', { enum: QUOTE_STATUSES }).notNull().default('draft'),
    currency: text('currency').notNull(),
    priceListVersion: integer('price_list_version').notNull(),
    lines: jsonb('lines').$type<QuoteLineItem[]>().notNull(),
    labour: numeric('labour', { precision: 14, scale: 2 }).notNull(),
    parts: numeric('parts', { precision: 14, scale: 2 }).notNull(),
    travel: numeric('travel', { precision: 14, scale: 2 }).notNull(),
    callOut: numeric('call_out', { precision: 14, scale: 2 }).notNull(),
    total: numeric('total', { precision: 14, scale: 2 }).notNull(),
    validUntil: date('valid_until').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdByName: text('created_by_name').notNull(),
    sentAt: ts('sent_at'),
    sentByName: text('sent_by_name'),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'restrict' }),
    decidedByName: text('decided_by_name'),
    acceptedVia: text('accepted_via', { enum: QUOTE_ACCEPT_VIA }),
    signerName: text('signer_name'),
    signaturePng: text('signature_png'),
    decisionReason: text('decision_reason'),
    expiredAt: ts('expired_at'),
  },
  (t) => [
    uniqueIndex('quotes_number_uq').on(t.number),
    uniqueIndex('quotes_open_uq').on(t.workOrderId).where(sql`status in ('draft', 'sent')`),
    index('quotes_customer_idx').on(t.customerId, t.createdAt),
    index('quotes_due_idx').on(t.validUntil).where(sql`status = 'sent'`),
  ],
);
