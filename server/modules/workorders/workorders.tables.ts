import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { clockKind, workOrderStatus } from '../../db/enums.ts';
import { customers, devices, serviceRequests, users } from '../../db/schema.ts';
import { WORK_ORDER_KINDS } from './workorders.kinds.ts';

/** Issue 12 item 1: what kind of job (workorders.kinds.ts). */
export const workOrderKind = pgEnum('work_order_kind', WORK_ORDER_KINDS);
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * When a work order is live: from opening until it is closed or cancelled, open-ended while it
 * is neither (an end before the opening, which the product never writes, counts as the opening).
 * The expression of work_orders_live_idx; the daily reports ask it for overlap (`&&`) with a day.
 */
export function liveSpan(t: { createdAt: AnyPgColumn; closedAt: AnyPgColumn; cancelledAt: AnyPgColumn }): SQL {
  return sql`tstzrange(${t.createdAt}, case when ${t.closedAt} is null and ${t.cancelledAt} is null then null else greatest(${t.createdAt}, least(${t.closedAt}, ${t.cancelledAt})) end, '[]')`;
}

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
    /** Distance driven, for a price list that bills travel per km (R-FE-1). */
    travelKm: numeric('travel_km', { precision: 8, scale: 1 }),
    /** Bumped when signed content is changed: the signed version stays as it was signed (R-WO-4/5). */
    contentVersion: integer('content_version').notNull().default(1),
    /** Planned arrival agreed with the customer (issue 10 item 12), set at dispatch or rescheduled with a reason. */
    appointmentAt: ts('appointment_at'),
    /** End of the agreed arrival window, when one was given. */
    appointmentEndAt: ts('appointment_end_at'),
    /** The request's running clock due first, kept by triggers on sla_clocks (migration 0031, issue 10
     * item 6): the next-deadline order reads this table alone, so no join estimate can slow it. */
    nextDueAt: ts('next_due_at'),
    nextDueKind: clockKind('next_due_kind'),
    /** From when the request is at risk on the dispatch board (warned, breached, or its running clocks
     * past their warning point), kept by the same triggers (migration 0075, issue 17 item 4). */
    atRiskFrom: ts('at_risk_from'),
    /** Issue 12 item 1: repair (from a service request) or a job the office creates directly (migration 0042). */
    kind: workOrderKind('kind').notNull().default('repair'),
    /** The company-local day the job is planned for (non-repair kinds; seed 003 installation notice). */
    plannedDate: date('planned_date', { mode: 'string' }),
    /** A return/exchange names the job it comes from (seed 003 开箱检验、安装调试…包换、包退). */
    /** Issue 15 §2 (采取临时应急措施): when a temporary measure got the device running again, before it is restored (escalations module). */
    degradedAt: ts('degraded_at'),
    originWorkOrderId: uuid('origin_work_order_id').references((): AnyPgColumn => workOrders.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('work_orders_number_uq').on(t.number),
    // The dispatch board's day timeline and assigned-today lane (migration 0034).
    index('work_orders_appointment_idx').on(t.appointmentAt).where(sql`appointment_at is not null`),
    index('work_orders_dispatched_idx').on(t.dispatchedAt).where(sql`dispatched_at is not null`),
    index('work_orders_arrived_idx').on(t.arrivedAt).where(sql`arrived_at is not null`),
    // The KPI rollup (R-RP-1, kpis.rollup.ts) reads the orders resolved in a range of days.
    index('work_orders_resolved_idx').on(t.resolvedAt).where(sql`resolved_at is not null`),
    check('work_orders_appointment_window_ck', sql`appointment_end_at is null or (appointment_at is not null and appointment_end_at > appointment_at)`),
    // With creation time and id: from a request's next clock to its order's sort key, index only.
    index('work_orders_request_idx').on(t.requestId, t.createdAt, t.id),
    // The list's filters each with its default order (issue 6, bench/reads.ts).
    // With the request: a customer's or engineer's next deadlines are read from the index alone.
    index('work_orders_lead_idx').on(t.leadEngineerId, t.createdAt, t.id, t.requestId),
    index('work_orders_device_idx').on(t.deviceId, t.createdAt),
    index('work_orders_status_idx').on(t.status, t.createdAt),
    index('work_orders_customer_idx').on(t.customerId, t.createdAt, t.id, t.requestId),
    // With the request, so the next-deadline order's "no running clock" part reads the index alone.
    index('work_orders_created_idx').on(t.createdAt, t.id, t.requestId),
    // Substring search (`ilike '%…%'`).
    index('work_orders_number_trgm').using('gin', t.number.op('gin_trgm_ops')),
    // The daily reports' "live during the day": from opening to closing or cancelling (open-ended while neither).
    index('work_orders_live_idx').using('gist', liveSpan(t)),
    // Next-deadline pages (issue 10 item 6): one range each, over the work with a running clock only.
    index('work_orders_next_due_idx').on(t.nextDueAt, t.createdAt, t.id).where(sql`next_due_at is not null`),
    index('work_orders_customer_next_due_idx').on(t.customerId, t.nextDueAt, t.createdAt, t.id).where(sql`next_due_at is not null`),
    index('work_orders_lead_next_due_idx').on(t.leadEngineerId, t.nextDueAt, t.createdAt, t.id).where(sql`next_due_at is not null`),
    index('work_orders_status_next_due_idx').on(t.status, t.nextDueAt, t.createdAt, t.id).where(sql`next_due_at is not null`),
    // ... and the rest in creation order, from the index alone (deep pages by deadline, issue 17 item 4).
    // The board's at-risk lane: assigned, unresolved work at risk by now (migration 0076).
    index('work_orders_at_risk_idx')
      .on(t.atRiskFrom)
      .where(sql`at_risk_from is not null and status in ('dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back')`),
    index('work_orders_undue_created_idx').on(t.createdAt, t.id).where(sql`next_due_at is null`),
    // Non-repair jobs only (few beside the repairs): the kind filter of the list and board and the
    // device timeline read them from this small index; a repair filter is `kind = 'repair'` on the row.
    index('work_orders_kind_idx').on(t.kind, t.createdAt, t.id).where(sql`kind <> 'repair'`),
    check('work_orders_origin_kind_ck', sql`origin_work_order_id is null or kind = 'return_exchange'`),
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
  // By person too: "my work" (lead or helper) reads a helper's orders (issue 6).
  (t) => [primaryKey({ columns: [t.workOrderId, t.userId] }), index('work_order_helpers_user_idx').on(t.userId)],
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
    /** Issue 16 §1: when the server received the step; `at` is the phone's time when it was recorded offline. */
    receivedAt: ts('received_at').defaultNow(),
  },
  (t) => [
    index('work_order_events_wo_idx').on(t.workOrderId, t.id),
    // Each order's events in time order, for the daily reports' live orders (migration 0078, issue 17 item 4).
    index('work_order_events_order_at_idx').on(t.workOrderId, t.at, t.id),
  ],
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
    /** Where the part came from (issue 10 item 9): 'stock' (drawn through the parts ledger; then
     * ledger_entry_id is set, a CHECK ties the two), 'customer_supplied' or 'non_stock' (a line
     * typed by hand, never touching stock — declared explicitly, with sourceNote saying why). */
    source: text('source', { enum: ['stock', 'customer_supplied', 'non_stock'] })
      .notNull()
      .default('non_stock'),
    sourceNote: text('source_note'),
    /** Issue 12 item 2 (seed 003 穿刺器…2年质保…质保不延长): the accessory term of the device's model
     * that covers this line (free, not billed) and its last covered day, counted from the device's
     * acceptance; null when the line follows the job's category (migration 0047). */
    accessoryTermId: uuid('accessory_term_id'),
    accessoryWarrantyUntil: date('accessory_warranty_until', { mode: 'string' }),
  },
  (t) => [
    index('work_order_parts_wo_idx').on(t.workOrderId),
    // "Who has it?" by a part's serial (R-REG-5, migration 0059).
    index('work_order_parts_installed_serial_idx').on(sql`lower(${t.installedSerial})`).where(sql`installed_serial is not null`),
    index('work_order_parts_removed_serial_idx').on(sql`lower(${t.removedSerial})`).where(sql`removed_serial is not null`),
  ],
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

// ---- take-back repair (R-WO-3, seed 002 §6–8) --------------------------------------------

export interface GoodsItem {
  description: string;
  serialNumber: string | null;
  quantity: number;
}
export interface CardPart {
  partNo: string | null;
  name: string;
  quantity: string;
  unitPrice: string | null;
}

export const goodsReceiptStatus = pgEnum('goods_receipt_status', ['open', 'returned']);

/** 客户商品领取收据: what was taken from the customer, in what state, signed for by whom. */
export const goodsReceipts = pgTable(
  'goods_receipts',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    items: jsonb('items').$type<GoodsItem[]>().notNull(),
    accessories: text('accessories').array().notNull().default(sql`'{}'::text[]`),
    /** 外观/状态 when taken. */
    condition: text('condition').notNull(),
    /** The customer's person who handed the unit over and signed the receipt. */
    customerSignerName: text('customer_signer_name').notNull(),
    takenAt: ts('taken_at').notNull(),
    takenById: uuid('taken_by_id'),
    takenByName: text('taken_by_name').notNull(),
    status: goodsReceiptStatus('status').notNull().default('open'),
    returnedAt: ts('returned_at'),
    returnedByName: text('returned_by_name'),
    /** The customer's person who received the unit back. */
    returnSignerName: text('return_signer_name'),
    returnCondition: text('return_condition'),
  },
  (t) => [
    uniqueIndex('goods_receipts_number_uq').on(t.number),
    // One unit out of the hospital per work order at a time.
    uniqueIndex('goods_receipts_open_uq').on(t.workOrderId).where(sql`status = 'open'`),
    index('goods_receipts_customer_idx').on(t.customerId, t.takenAt),
  ],
);

export const goodsDirection = pgEnum('goods_direction', ['in', 'out']);

/** 客户商品进出登记簿: one line per movement of customer goods; append-only. */
export const goodsRegister = pgTable(
  'goods_register',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    direction: goodsDirection('direction').notNull(),
    receiptId: uuid('receipt_id')
      .notNull()
      .references(() => goodsReceipts.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    items: jsonb('items').$type<GoodsItem[]>().notNull(),
    accessories: text('accessories').array().notNull().default(sql`'{}'::text[]`),
    condition: text('condition').notNull(),
    /** The customer's person on the other side of the hand-over. */
    counterpartName: text('counterpart_name').notNull(),
    handledById: uuid('handled_by_id'),
    handledByName: text('handled_by_name').notNull(),
    notes: text('notes'),
  },
  (t) => [
    index('goods_register_at_idx').on(t.at),
    index('goods_register_customer_idx').on(t.customerId, t.at),
    index('goods_register_receipt_idx').on(t.receiptId),
  ],
);

/** 修护卡: the workshop's record of time and parts on a unit taken back. */
export const repairCardEntries = pgTable(
  'repair_card_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    receiptId: uuid('receipt_id')
      .notNull()
      .references(() => goodsReceipts.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    at: ts('at').notNull(),
    technicianId: uuid('technician_id'),
    technicianName: text('technician_name').notNull(),
    minutes: integer('minutes').notNull(),
    description: text('description').notNull(),
    parts: jsonb('parts').$type<CardPart[]>().notNull(),
  },
  (t) => [index('repair_card_entries_receipt_idx').on(t.receiptId, t.at)],
);

// ---- fees of paid jobs (R-WO-4, R-FE-1) -------------------------------------------------

export const travelMode = pgEnum('travel_mode', ['per_km', 'per_zone']);

/**
 * The price list for paid service. Versioned like the SLA policies: a change is a new row
 * effective from a moment, and a job is priced by the version in force when it was received.
 */
export const priceLists = pgTable(
  'price_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionNo: integer('version_no').notNull(),
    effectiveFrom: ts('effective_from').notNull(),
    currency: text('currency').notNull().default('CNY'),
    labourPerHour: numeric('labour_per_hour', { precision: 12, scale: 2 }).notNull(),
    callOutFee: numeric('call_out_fee', { precision: 12, scale: 2 }).notNull(),
    travelMode: travelMode('travel_mode').notNull(),
    travelPerKm: numeric('travel_per_km', { precision: 12, scale: 2 }).notNull(),
    travelUrban: numeric('travel_urban', { precision: 12, scale: 2 }).notNull(),
    travelSuburban: numeric('travel_suburban', { precision: 12, scale: 2 }).notNull(),
    travelRemote: numeric('travel_remote', { precision: 12, scale: 2 }).notNull(),
    note: text('note'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('price_lists_version_uq').on(t.versionNo), index('price_lists_effective_idx').on(t.effectiveFrom)],
);

export const paymentMethod = pgEnum('payment_method', ['collected', 'invoiced', 'reversal']);

/** Fee collected on site or invoiced (seed 002 §5, §8); append-only, corrections are new lines. */
export const workOrderPayments = pgTable(
  'work_order_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    method: paymentMethod('method').notNull(),
    reference: text('reference').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    at: ts('at').notNull(),
    recordedById: uuid('recorded_by_id'),
    recordedByName: text('recorded_by_name').notNull(),
    /** A reversal (negative amount) names the payment it cancels; a payment is reversed at most once. */
    reversesId: uuid('reverses_id').references((): AnyPgColumn => workOrderPayments.id, { onDelete: 'restrict' }),
    reason: text('reason'),
  },
  (t) => [index('work_order_payments_wo_idx').on(t.workOrderId, t.at), uniqueIndex('work_order_payments_reverses_uq').on(t.reversesId)],
);

// ---- same-day rule (R-WO-6, seed 002 part 1) ---------------------------------------------

/**
 * A job accepted on a day and not resolved by that day's close of business: flagged by the
 * sweep, then explained with a written reason and a promised date, both reported to the
 * sales director. Kept apart from the work order so the flag never bumps its version under
 * an engineer who is editing it.
 */
export const workOrderSameDay = pgTable(
  'work_order_same_day',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    acceptedAt: ts('accepted_at').notNull(),
    /** The close of business the job had to be solved by. */
    dueAt: ts('due_at').notNull(),
    missedAt: ts('missed_at').notNull(),
    reason: text('reason'),
    /** Company-local date by which the customer was promised a solution. */
    promisedDate: date('promised_date', { mode: 'string' }),
    reasonAt: ts('reason_at'),
    reasonById: uuid('reason_by_id'),
    reasonByName: text('reason_by_name'),
  },
  (t) => [uniqueIndex('work_order_same_day_wo_uq').on(t.workOrderId), index('work_order_same_day_open_idx').on(t.missedAt).where(sql`reason is null`)],
);

// ---- corrections of a reviewed report (R-WO-5) --------------------------------------------

/**
 * A correction of a reviewed or closed report: a new content version, never an edit of the
 * approved one. Keeps what changed, why, and the corrected content as it went to review.
 * Append-only. The signed content of earlier versions stays in work_order_signatures.
 */
export const workOrderCorrections = pgTable(
  'work_order_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    fromVersion: integer('from_version').notNull(),
    toVersion: integer('to_version').notNull(),
    reason: text('reason').notNull(),
    changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
    /** The content of the version being corrected, as it stood (reviewed). */
    previousSnapshot: jsonb('previous_snapshot').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    contentHash: text('content_hash').notNull(),
    at: ts('at').notNull(),
    byId: uuid('by_id'),
    byName: text('by_name').notNull(),
  },
  (t) => [uniqueIndex('work_order_corrections_version_uq').on(t.workOrderId, t.toVersion)],
);
