import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers } from '../customers/customers.tables.ts';
import { devices } from '../devices/devices.tables.ts';
import { serviceRequests } from '../requests/requests.tables.ts';
import { users } from '../users/users.tables.ts';
import { WORK_ORDER_STATUSES } from './workorders.rules.ts';

export const workOrderStatus = pgEnum('work_order_status', WORK_ORDER_STATUSES);
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 派工单 / 服务单: the job done for one request (R-WO-1, R-WO-2). */
export const workOrders = pgTable(
  'work_orders',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    status: workOrderStatus('status').notNull().default('new'),
    leadEngineerId: uuid('lead_engineer_id').references(() => users.id, { onDelete: 'restrict' }),
    dispatchedAt: ts('dispatched_at'),
    acceptedAt: ts('accepted_at'),
    onTheWayAt: ts('on_the_way_at'),
    arrivedAt: ts('arrived_at'),
    resolvedAt: ts('resolved_at'),
    signedAt: ts('signed_at'),
    reviewedAt: ts('reviewed_at'),
    closedAt: ts('closed_at'),
    cancelledAt: ts('cancelled_at'),
    /** 故障现象 */
    phenomenon: text('phenomenon'),
    /** 原因分析 */
    cause: text('cause'),
    actions: text('actions'),
    /** 维修验证: test results after the repair. */
    testResults: text('test_results'),
    explanation: text('explanation'),
    labourMinutes: integer('labour_minutes').notNull().default(0),
    travelMinutes: integer('travel_minutes').notNull().default(0),
    /** Bumped when signed content is changed: the signed version stays as it was signed (R-WO-4/5). */
    contentVersion: integer('content_version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('work_orders_number_uq').on(t.number),
    index('work_orders_request_idx').on(t.requestId),
    index('work_orders_lead_idx').on(t.leadEngineerId, t.status),
    index('work_orders_device_idx').on(t.deviceId, t.createdAt),
    index('work_orders_status_idx').on(t.status, t.updatedAt),
  ],
);

export const workOrderHelpers = pgTable(
  'work_order_helpers',
  {
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.workOrderId, t.userId] })],
);

/** Every status step: when, who, why (R-WO-1). */
export const workOrderEvents = pgTable(
  'work_order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    fromStatus: workOrderStatus('from_status'),
    toStatus: workOrderStatus('to_status').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    reason: text('reason'),
    data: jsonb('data'),
  },
  (t) => [index('work_order_events_wo_idx').on(t.workOrderId, t.id)],
);

/**
 * Parts used. Free lines until the spare-parts module lands; `stockItemId` and
 * `ledgerEntryId` will then tie a line to the warehouse ledger without changing its shape.
 */
export const workOrderParts = pgTable(
  'work_order_parts',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    partNo: text('part_no'),
    name: text('name').notNull(),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 14, scale: 2 }),
    removedSerial: text('removed_serial'),
    installedSerial: text('installed_serial'),
    stockItemId: uuid('stock_item_id'),
    ledgerEntryId: uuid('ledger_entry_id'),
  },
  (t) => [index('work_order_parts_wo_idx').on(t.workOrderId)],
);

/**
 * The customer's signature (R-WO-4, R-AU-1): signer, time, meaning, the drawn image and the
 * exact content signed (snapshot + its hash). Append-only, like the audit trail.
 */
export const workOrderSignatures = pgTable(
  'work_order_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    contentVersion: integer('content_version').notNull(),
    signerName: text('signer_name').notNull(),
    signerUserId: uuid('signer_user_id'),
    meaning: text('meaning').notNull(),
    signedAt: ts('signed_at').notNull(),
    imagePng: text('image_png').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    contentHash: text('content_hash').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [uniqueIndex('work_order_signatures_version_uq').on(t.workOrderId, t.contentVersion)],
);

export const reviewVerdict = pgEnum('review_verdict', ['approved', 'returned']);

/** Customer service's review of the report before archiving (R-WO-5). */
export const workOrderReviews = pgTable(
  'work_order_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    contentVersion: integer('content_version').notNull(),
    verdict: reviewVerdict('verdict').notNull(),
    comments: text('comments'),
    missing: text('missing').array().notNull().default(sql`'{}'::text[]`),
    reviewerId: uuid('reviewer_id').notNull(),
    reviewerName: text('reviewer_name').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('work_order_reviews_wo_idx').on(t.workOrderId)],
);
