// Spare parts (SPEC §6, R-PT-1..5): catalogue, suppliers, warehouses (central, emergency,
// engineer vans), an append-only ledger of every movement, the stock balance it maintains,
// purchasing and stocktaking. The balance is written only by a trigger on the ledger, and its
// CHECK (qty >= 0) is what keeps stock from going negative, also under concurrent issues.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { users, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const partTracking = pgEnum('part_tracking', ['none', 'lot', 'serial']);
export const warehouseKind = pgEnum('warehouse_kind', ['central', 'emergency', 'van']);
export const stockCondition = pgEnum('stock_condition', ['good', 'faulty']);
export const ledgerKind = pgEnum('ledger_kind', ['receipt', 'issue', 'return_faulty', 'transfer_out', 'transfer_in', 'adjustment']);
export const purchasePlanStatus = pgEnum('purchase_plan_status', ['draft', 'submitted', 'approved', 'rejected']);
export const purchaseContractStatus = pgEnum('purchase_contract_status', ['open', 'received', 'cancelled']);
export const stocktakeStatus = pgEnum('stocktake_status', ['counting', 'submitted', 'approved']);
export const transferRequestStatus = pgEnum('transfer_request_status', ['requested', 'fulfilled', 'rejected', 'cancelled']);

export const suppliers = pgTable(
  'suppliers',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    contactName: text('contact_name'),
    phone: text('phone'),
    notes: text('notes'),
  },
  (t) => [uniqueIndex('suppliers_code_uq').on(sql`lower(${t.code})`)],
);

/** 备件目录 */
export const parts = pgTable(
  'parts',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    spec: text('spec'),
    unit: text('unit').notNull().default('个'),
    /** Device models the part fits. */
    modelIds: uuid('model_ids').array().notNull().default(sql`'{}'::uuid[]`),
    unitCost: numeric('unit_cost', { precision: 14, scale: 2 }).notNull().default('0'),
    /** Reorder alert below this on-hand quantity (all warehouses, good stock). */
    minStock: integer('min_stock').notNull().default(0),
    /** Quantity to keep in the emergency store (应急备件库). */
    emergencyLevel: integer('emergency_level').notNull().default(0),
    tracking: partTracking('tracking').notNull().default('none'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('parts_code_uq').on(sql`lower(${t.code})`)],
);

export const warehouses = pgTable(
  'warehouses',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: warehouseKind('kind').notNull(),
    /** The engineer whose van this is. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'restrict' }),
    active: boolean('active').notNull().default(true),
    /** R-ORG-1: the unit this warehouse serves (FK to units in 0063). */
    unitId: uuid('unit_id'),
  },
  (t) => [
    uniqueIndex('warehouses_code_uq').on(sql`lower(${t.code})`),
    uniqueIndex('warehouses_van_owner_uq').on(t.ownerId).where(sql`kind = 'van'`),
    index('warehouses_unit_idx').on(t.unitId),
  ],
);

/** 备件台账: one immutable line per movement. Triggers refuse UPDATE/DELETE/TRUNCATE. */
export const partsLedger = pgTable(
  'parts_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of booking, for replay and reports. */
    seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
    at: ts('at').notNull().defaultNow(),
    kind: ledgerKind('kind').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id, { onDelete: 'restrict' }),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    /** Lot or serial number; '' for untracked parts. */
    lot: text('lot').notNull().default(''),
    condition: stockCondition('condition').notNull().default('good'),
    /** Signed: positive in, negative out. */
    qty: integer('qty').notNull(),
    unitCost: numeric('unit_cost', { precision: 14, scale: 2 }),
    reference: text('reference'),
    supplierId: uuid('supplier_id').references(() => suppliers.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    purchaseContractId: uuid('purchase_contract_id'),
    stocktakeId: uuid('stocktake_id'),
    /** Pairs the two sides of a transfer. */
    transferId: uuid('transfer_id'),
    counterpartName: text('counterpart_name'),
    signedById: uuid('signed_by_id'),
    signedByName: text('signed_by_name').notNull(),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('parts_ledger_seq_uq').on(t.seq),
    index('parts_ledger_part_idx').on(t.partId, t.warehouseId, t.at),
    index('parts_ledger_wh_idx').on(t.warehouseId, t.at),
    index('parts_ledger_wo_idx').on(t.workOrderId),
    index('parts_ledger_at_idx').on(t.at),
    // "Who has it?" by a part lot (R-REG-5, migration 0059).
    index('parts_ledger_lot_idx').on(sql`lower(${t.lot})`).where(sql`lot <> ''`),
  ],
);

/** Stock on hand, maintained by the ledger trigger only. */
export const stockBalances = pgTable(
  'stock_balances',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id, { onDelete: 'restrict' }),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    lot: text('lot').notNull().default(''),
    condition: stockCondition('condition').notNull().default('good'),
    qty: integer('qty').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partId, t.warehouseId, t.lot, t.condition] }), index('stock_balances_wh_idx').on(t.warehouseId)],
);

// ---- purchasing (R-PT-3) -----------------------------------------------------------------

export const purchasePlans = pgTable(
  'purchase_plans',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    status: purchasePlanStatus('status').notNull().default('draft'),
    note: text('note'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    decidedById: uuid('decided_by_id'),
    decidedByName: text('decided_by_name'),
    decisionNote: text('decision_note'),
  },
  (t) => [uniqueIndex('purchase_plans_number_uq').on(t.number)],
);

export const purchasePlanLines = pgTable(
  'purchase_plan_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => purchasePlans.id, { onDelete: 'cascade' }),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id, { onDelete: 'restrict' }),
    qty: integer('qty').notNull(),
    /** min_stock | forecast | emergency | manual */
    reason: text('reason').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    forecast: integer('forecast').notNull().default(0),
  },
  (t) => [index('purchase_plan_lines_plan_idx').on(t.planId)],
);

export const purchaseContracts = pgTable(
  'purchase_contracts',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'restrict' }),
    planId: uuid('plan_id').references(() => purchasePlans.id, { onDelete: 'restrict' }),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    status: purchaseContractStatus('status').notNull().default('open'),
    notes: text('notes'),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [uniqueIndex('purchase_contracts_number_uq').on(sql`lower(${t.number})`), index('purchase_contracts_supplier_idx').on(t.supplierId)],
);

export const purchaseContractLines = pgTable(
  'purchase_contract_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => purchaseContracts.id, { onDelete: 'cascade' }),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id, { onDelete: 'restrict' }),
    spec: text('spec'),
    qty: integer('qty').notNull(),
    unitPrice: numeric('unit_price', { precision: 14, scale: 2 }).notNull(),
    receivedQty: integer('received_qty').notNull().default(0),
  },
  (t) => [index('purchase_contract_lines_contract_idx').on(t.contractId)],
);

// ---- stocktaking (R-PT-4) ----------------------------------------------------------------

export const stocktakes = pgTable(
  'stocktakes',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    status: stocktakeStatus('status').notNull().default('counting'),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    submittedAt: ts('submitted_at'),
    approvedAt: ts('approved_at'),
    approvedById: uuid('approved_by_id'),
    approvedByName: text('approved_by_name'),
    note: text('note'),
  },
  (t) => [uniqueIndex('stocktakes_number_uq').on(t.number), index('stocktakes_wh_idx').on(t.warehouseId)],
);

export const stocktakeLines = pgTable(
  'stocktake_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stocktakeId: uuid('stocktake_id')
      .notNull()
      .references(() => stocktakes.id, { onDelete: 'cascade' }),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id, { onDelete: 'restrict' }),
    lot: text('lot').notNull().default(''),
    condition: stockCondition('condition').notNull().default('good'),
    /** Booked quantity when the sheet was opened. */
    bookedQty: integer('booked_qty').notNull(),
    countedQty: integer('counted_qty'),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('stocktake_lines_uq').on(t.stocktakeId, t.partId, t.lot, t.condition)],
);

// ---- van replenishment (issue 10 item 9, R-PT-5) ----------------------------------------

/**
 * 调拨申请: an engineer whose van lacks a part asks the parts administrator for it from the
 * central store (or the emergency store, for an emergency job). Fulfilling posts the ledger
 * transfer into the van (transfer_id links it); requested → fulfilled | rejected | cancelled.
 */
export const partsTransferRequests = pgTable(
  'parts_transfer_requests',
  {
    ...recordColumns(),
    status: transferRequestStatus('status').notNull().default('requested'),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id, { onDelete: 'restrict' }),
    qty: integer('qty').notNull(),
    fromWarehouseId: uuid('from_warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    toWarehouseId: uuid('to_warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    requestedById: uuid('requested_by_id'),
    requestedByName: text('requested_by_name').notNull(),
    note: text('note'),
    decidedAt: ts('decided_at'),
    decidedById: uuid('decided_by_id'),
    decidedByName: text('decided_by_name'),
    decisionNote: text('decision_note'),
    lot: text('lot'),
    transferId: uuid('transfer_id'),
  },
  (t) => [
    index('parts_transfer_requests_status_idx').on(t.status, t.createdAt),
    index('parts_transfer_requests_requester_idx').on(t.requestedById, t.createdAt),
    index('parts_transfer_requests_wo_idx').on(t.workOrderId),
  ],
);
