import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { complaints, customers, devices, installations, parts, suppliers, users, warehouses, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What the customer asks for (退货 / 换货 / 返修); 包退/包换/包修 from installation map onto it. */
export const RETURN_KINDS = ['return', 'exchange', 'repair'] as const;
/** What comes back: a device unit, or a part (quantity, lot or serial). */
export const RETURN_ITEMS = ['device', 'part'] as const;
export const RETURN_STATUSES = ['registered', 'received', 'inspected', 'decided', 'done', 'cancelled'] as const;
export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
/** R-REG-4: what is done with the returned goods after the quality check. */
export const RETURN_DECISIONS = ['repair', 'exchange', 'refund', 'scrap'] as const;
/** What a supplier notice is about; an adverse event's notices are sent from the event (migration 0073). */
export const NOTICE_SUBJECTS = ['return', 'complaint', 'adverse_event'] as const;
export const NOTICE_CHANNELS = ['email', 'phone', 'letter', 'fax', 'other'] as const;

/**
 * 退货/换货 (issue 14 §4, R-REG-4; seed 003 质管部退货组): a device or part coming back from a
 * customer — registered → received (receipt) → inspected (quality check of the returned goods) →
 * decided (repair / exchange / refund / scrap, who and why) → done (the follow-through); or
 * cancelled with a reason. A dead-on-arrival defect at installation opens one (installation_id).
 */
export const returnRecords = pgTable(
  'return_records',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    kind: text('kind', { enum: RETURN_KINDS }).notNull(),
    item: text('item', { enum: RETURN_ITEMS }).notNull(),
    status: text('status', { enum: RETURN_STATUSES }).notNull().default('registered'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'restrict' }),
    partId: uuid('part_id').references(() => parts.id, { onDelete: 'restrict' }),
    quantity: integer('quantity'),
    lotOrSerial: text('lot_or_serial'),
    reason: text('reason').notNull(),
    complaintId: uuid('complaint_id').references(() => complaints.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    installationId: uuid('installation_id').references(() => installations.id, { onDelete: 'restrict' }),
    registeredAt: ts('registered_at').notNull().defaultNow(),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'restrict' }),
    registeredByName: text('registered_by_name').notNull(),
    // receipt
    receivedOn: date('received_on'),
    receivedByName: text('received_by_name'),
    /** A returned part's quarantine: the warehouse whose faulty stock it was booked into on receipt. */
    warehouseId: uuid('warehouse_id').references(() => warehouses.id, { onDelete: 'restrict' }),
    arrivalCondition: text('arrival_condition'),
    // quality check of the returned goods
    inspectedAt: ts('inspected_at'),
    inspectorId: uuid('inspector_id').references(() => users.id, { onDelete: 'restrict' }),
    inspectorName: text('inspector_name'),
    findings: text('findings'),
    inspectionResult: text('inspection_result', { enum: INSPECTION_RESULTS }),
    // decision
    decision: text('decision', { enum: RETURN_DECISIONS }),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'restrict' }),
    decidedByName: text('decided_by_name'),
    decisionReason: text('decision_reason'),
    // follow-through
    doneAt: ts('done_at'),
    doneByName: text('done_by_name'),
    exchangeSerial: text('exchange_serial'),
    refundReference: text('refund_reference'),
    repairWorkOrderId: uuid('repair_work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    scrapRecord: text('scrap_record'),
    followThroughNote: text('follow_through_note'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('return_records_number_uq').on(t.number),
    uniqueIndex('return_records_installation_uq').on(t.installationId).where(sql`installation_id is not null`),
    index('return_records_customer_idx').on(t.customerId, t.registeredAt),
    index('return_records_device_idx').on(t.deviceId, t.registeredAt),
    check('return_records_reason_ck', sql`length(btrim(${t.reason})) > 0`),
    check(
      'return_records_item_ck',
      sql`(${t.item} = 'device' and ${t.deviceId} is not null) or (${t.item} = 'part' and ${t.partId} is not null and ${t.quantity} > 0)`,
    ),
  ],
);

/**
 * 通知供应商/生产企业 (经营办法§38, issue 14 §5): a quality problem of a return, a complaint or an
 * adverse event sent to the supplier (parts `suppliers`) or the manufacturer (free text, from the
 * device model), with when, channel and content, and the tracked reply; overdue while unanswered
 * past `reply_due_on`. The one table for every subject (migration 0073 took in adverse_event_notices).
 */
export const supplierNotices = pgTable(
  'supplier_notices',
  {
    ...recordColumns(),
    subject: text('subject', { enum: NOTICE_SUBJECTS }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    supplierId: uuid('supplier_id').references(() => suppliers.id, { onDelete: 'restrict' }),
    manufacturer: text('manufacturer'),
    recipientName: text('recipient_name').notNull(),
    sentOn: date('sent_on').notNull(),
    /** The moment an adverse-event notice was recorded (migration 0073); null when only the day was entered. */
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    channel: text('channel', { enum: NOTICE_CHANNELS }).notNull(),
    content: text('content').notNull(),
    sentBy: uuid('sent_by').references(() => users.id, { onDelete: 'restrict' }),
    sentByName: text('sent_by_name').notNull(),
    replyDueOn: date('reply_due_on').notNull(),
    repliedOn: date('replied_on'),
    replyText: text('reply_text'),
    replyRecordedBy: uuid('reply_recorded_by').references(() => users.id, { onDelete: 'restrict' }),
    replyRecordedByName: text('reply_recorded_by_name'),
    /** When quality and the sender were told the reply is overdue (once; migration 0072). */
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('supplier_notices_subject_idx').on(t.subject, t.subjectId),
    index('supplier_notices_due_idx').on(t.replyDueOn).where(sql`replied_on is null`),
    check('supplier_notices_recipient_ck', sql`${t.supplierId} is not null or length(btrim(coalesce(${t.manufacturer}, ''))) > 0`),
    check('supplier_notices_content_ck', sql`length(btrim(${t.content})) > 0`),
    check('supplier_notices_reply_ck', sql`(${t.repliedOn} is null) = (${t.replyText} is null)`),
  ],
);
