import { z } from 'zod';
import { isoDate, listQuery, optionalShape, optionalText, schemaId, text, version } from '../../lib/dto.ts';

export const trackingSchema = z.enum(['none', 'lot', 'serial']);
export const warehouseKindSchema = z.enum(['central', 'emergency', 'van']);
export const conditionSchema = z.enum(['good', 'faulty']);
export const ledgerKindSchema = z.enum(['receipt', 'issue', 'return_faulty', 'transfer_out', 'transfer_in', 'adjustment']);

const record = { id: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string() };
const qty = z.number().int().min(1).max(1_000_000);
const lot = optionalText(100);
const money = z
  .union([z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, { message: 'amount like 128.00' }), z.number().nonnegative().max(999_999_999_999)])
  .transform((v) => String(v));

// ---- catalogue -----------------------------------------------------------------------------

export const supplierDto = z
  .object({
    ...record,
    code: z.string(),
    name: z.string(),
    contactName: z.string().nullable(),
    phone: z.string().nullable(),
    notes: z.string().nullable(),
  })
  .meta(schemaId('Supplier'));
const supplierFields = { name: text(200), contactName: optionalText(100), phone: optionalText(50), notes: optionalText(2000) };
export const createSupplierBody = z.strictObject({ code: text(50), ...supplierFields });
export const updateSupplierBody = z.strictObject({ version, code: text(50).optional(), ...optionalShape(supplierFields) });
export const supplierListQuery = listQuery(['code', 'name', 'updatedAt'], {});

export const partDto = z
  .object({
    ...record,
    code: z.string(),
    name: z.string(),
    spec: z.string().nullable(),
    unit: z.string(),
    modelIds: z.array(z.string()),
    unitCost: z.string(),
    minStock: z.number(),
    emergencyLevel: z.number(),
    tracking: trackingSchema,
    active: z.boolean(),
  })
  .meta(schemaId('Part'));
const partFields = {
  name: text(200),
  spec: optionalText(500),
  unit: text(20),
  modelIds: z.array(z.uuid()).max(200),
  unitCost: money,
  minStock: z.number().int().min(0).max(1_000_000),
  emergencyLevel: z.number().int().min(0).max(1_000_000),
  tracking: trackingSchema,
  active: z.boolean(),
};
export const createPartBody = z.strictObject({
  code: text(50),
  ...partFields,
  unit: partFields.unit.default('个'),
  modelIds: partFields.modelIds.default([]),
  unitCost: partFields.unitCost.default('0'),
  minStock: partFields.minStock.default(0),
  emergencyLevel: partFields.emergencyLevel.default(0),
  tracking: partFields.tracking.default('none'),
  active: partFields.active.default(true),
});
export const updatePartBody = z.strictObject({ version, code: text(50).optional(), ...optionalShape(partFields) });
export const partListQuery = listQuery(['code', 'name', 'minStock', 'updatedAt'], {
  modelId: z.uuid().optional(),
  tracking: trackingSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const warehouseDto = z
  .object({
    ...record,
    code: z.string(),
    name: z.string(),
    kind: warehouseKindSchema,
    ownerId: z.string().nullable(),
    active: z.boolean(),
    unitId: z.string().nullable(),
  })
  .meta(schemaId('Warehouse'));
const warehouseFields = {
  name: text(200),
  kind: warehouseKindSchema,
  ownerId: z.union([z.uuid(), z.null()]).optional(),
  active: z.boolean(),
  /** R-ORG-1: the unit this warehouse serves. */
  unitId: z.union([z.uuid(), z.null()]).optional(),
};
export const createWarehouseBody = z.strictObject({ code: text(50), ...warehouseFields, active: warehouseFields.active.default(true) });
export const updateWarehouseBody = z.strictObject({ version, code: text(50).optional(), ...optionalShape(warehouseFields) });
export const warehouseListQuery = listQuery(['code', 'name', 'kind', 'updatedAt'], { kind: warehouseKindSchema.optional(), unitId: z.uuid().optional() });

// ---- stock and ledger ----------------------------------------------------------------------

export const stockDto = z
  .object({
    /** part|warehouse|lot|condition */
    key: z.string(),
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    unit: z.string(),
    warehouseId: z.string(),
    warehouseCode: z.string(),
    warehouseName: z.string(),
    warehouseKind: warehouseKindSchema,
    lot: z.string(),
    condition: conditionSchema,
    qty: z.number(),
    unitCost: z.string(),
  })
  .meta(schemaId('StockBalance'));
export const stockQuery = listQuery(['partCode', 'warehouseCode', 'qty'], {
  warehouseId: z.uuid().optional(),
  partId: z.uuid().optional(),
  condition: conditionSchema.optional(),
  /** Hide zero balances (default). */
  nonZero: z.enum(['true', 'false']).default('true'),
});

export const ledgerDto = z
  .object({
    id: z.string(),
    seq: z.number(),
    at: z.string(),
    kind: ledgerKindSchema,
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    warehouseId: z.string(),
    warehouseCode: z.string(),
    warehouseName: z.string(),
    lot: z.string(),
    condition: conditionSchema,
    qty: z.number(),
    unitCost: z.string().nullable(),
    reference: z.string().nullable(),
    supplierId: z.string().nullable(),
    supplierName: z.string().nullable(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    purchaseContractId: z.string().nullable(),
    stocktakeId: z.string().nullable(),
    transferId: z.string().nullable(),
    counterpartName: z.string().nullable(),
    signedByName: z.string(),
    note: z.string().nullable(),
  })
  .meta(schemaId('StockLedgerEntry'));
export const ledgerQuery = listQuery(['at'], {
  warehouseId: z.uuid().optional(),
  partId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
  kind: ledgerKindSchema.optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
});

export const receiptBody = z.strictObject({
  warehouseId: z.uuid(),
  partId: z.uuid(),
  qty,
  lot,
  supplierId: z.union([z.uuid(), z.null()]).optional(),
  unitCost: money.optional(),
  reference: optionalText(100),
  note: optionalText(500),
});

export const transferBody = z.strictObject({
  fromWarehouseId: z.uuid(),
  toWarehouseId: z.uuid(),
  partId: z.uuid(),
  qty,
  lot,
  /** Who took the parts over at the receiving end. */
  receiverName: text(100),
  note: optionalText(500),
});

export const issueBody = z.strictObject({
  workOrderId: z.uuid(),
  warehouseId: z.uuid(),
  partId: z.uuid(),
  qty,
  /** Lot or serial number of the unit put in. */
  lot,
  /** Serial of the faulty unit taken out, if any. */
  removedSerial: optionalText(100),
  note: optionalText(500),
});

export const returnFaultyBody = z.strictObject({
  workOrderId: z.uuid(),
  warehouseId: z.uuid(),
  partId: z.uuid(),
  qty: qty.default(1),
  /** Serial or lot of the faulty unit. */
  serial: optionalText(100),
  note: optionalText(500),
});

export const movementResult = z.object({ entries: z.array(ledgerDto) }).meta(schemaId('StockMovement'));
export const issueResult = z.object({ entry: ledgerDto, workOrderPartId: z.string() }).meta(schemaId('PartIssue'));

export const verifyDto = z
  .object({
    ok: z.boolean(),
    balances: z.number(),
    entries: z.number(),
    mismatches: z.array(
      z.object({ partId: z.string(), warehouseId: z.string(), lot: z.string(), condition: z.string(), balance: z.number(), ledger: z.number() }),
    ),
    negative: z.number(),
  })
  .meta(schemaId('StockLedgerCheck'));

// ---- purchasing ----------------------------------------------------------------------------

export const planLineDto = z
  .object({
    id: z.string(),
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    qty: z.number(),
    reason: z.string(),
    onHand: z.number(),
    forecast: z.number(),
  })
  .meta(schemaId('PurchasePlanLine'));
export const planDto = z
  .object({
    ...record,
    number: z.string(),
    status: z.enum(['draft', 'submitted', 'approved', 'rejected']),
    note: z.string().nullable(),
    createdByName: z.string(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionNote: z.string().nullable(),
    /** What the caller may do on this plan (issue 11 item 3), by the state rule and policy its
     * endpoints enforce: the web shows its actions by these alone. */
    abilities: z
      .object({
        /** Submit the draft for approval (POST /parts/purchase-plans/:id/submit). */
        submit: z.boolean(),
        /** Approve or reject the submitted plan (POST /parts/purchase-plans/:id/decide). */
        decide: z.boolean(),
      })
      .meta(schemaId('PurchasePlanAbilities')),
    lines: z.array(planLineDto),
  })
  .meta(schemaId('PurchasePlan'));
/** Why a part is (to be) ordered; a suggestion gives one of the first three. */
const reason = z.enum(['min_stock', 'forecast', 'emergency', 'manual']);
export const suggestionDto = z
  .object({
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    onHand: z.number(),
    emergencyOnHand: z.number(),
    minStock: z.number(),
    emergencyLevel: z.number(),
    forecast: z.number(),
    suggestedQty: z.number(),
    reason,
  })
  .meta(schemaId('PurchaseSuggestion'));
export const createPlanBody = z.strictObject({
  note: optionalText(1000),
  lines: z
    .array(z.strictObject({ partId: z.uuid(), qty, reason: reason.default('manual') }))
    .min(1)
    .max(500),
});
export const decisionBody = z.strictObject({ version, approve: z.boolean(), note: optionalText(1000) });
export const versionBody = z.strictObject({ version });
export const planListQuery = listQuery(['number', 'updatedAt'], { status: z.enum(['draft', 'submitted', 'approved', 'rejected']).optional() });

export const contractLineDto = z
  .object({
    id: z.string(),
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    spec: z.string().nullable(),
    qty: z.number(),
    unitPrice: z.string(),
    receivedQty: z.number(),
  })
  .meta(schemaId('PurchaseContractLine'));
export const purchaseContractDto = z
  .object({
    ...record,
    number: z.string(),
    supplierId: z.string(),
    supplierName: z.string(),
    planId: z.string().nullable(),
    deliveryDate: z.string(),
    currency: z.string(),
    status: z.enum(['open', 'received', 'cancelled']),
    notes: z.string().nullable(),
    createdByName: z.string(),
    total: z.string(),
    /** What the caller may do on this contract (issue 11 item 3), as its endpoint decides. */
    abilities: z
      .object({
        /** Receive delivered parts against it (POST /parts/purchase-contracts/:id/receive). */
        receive: z.boolean(),
      })
      .meta(schemaId('PurchaseContractAbilities')),
    lines: z.array(contractLineDto),
  })
  .meta(schemaId('PurchaseContract'));
export const createPurchaseContractBody = z.strictObject({
  number: text(50),
  supplierId: z.uuid(),
  planId: z.union([z.uuid(), z.null()]).optional(),
  deliveryDate: isoDate(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  notes: optionalText(2000),
  lines: z
    .array(z.strictObject({ partId: z.uuid(), spec: optionalText(500), qty, unitPrice: money }))
    .min(1)
    .max(500),
});
export const receiveBody = z.strictObject({
  warehouseId: z.uuid(),
  lines: z
    .array(z.strictObject({ lineId: z.uuid(), qty, lot }))
    .min(1)
    .max(500),
  reference: optionalText(100),
});
export const purchaseContractListQuery = listQuery(['number', 'deliveryDate', 'updatedAt'], { status: z.enum(['open', 'received', 'cancelled']).optional() });

// ---- stocktaking ---------------------------------------------------------------------------

export const stocktakeLineDto = z
  .object({
    id: z.string(),
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    unit: z.string(),
    lot: z.string(),
    condition: conditionSchema,
    bookedQty: z.number(),
    countedQty: z.number().nullable(),
    variance: z.number().nullable(),
    reason: z.string().nullable(),
  })
  .meta(schemaId('StocktakeLine'));
export const stocktakeDto = z
  .object({
    ...record,
    number: z.string(),
    warehouseId: z.string(),
    warehouseName: z.string(),
    status: z.enum(['counting', 'submitted', 'approved']),
    createdByName: z.string(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedByName: z.string().nullable(),
    note: z.string().nullable(),
    /** What the caller may do on this sheet (issue 11 item 3), by the state rule and policy its
     * endpoints enforce: the web shows its actions by these alone. */
    abilities: z
      .object({
        /** Enter counts and variance reasons (POST /parts/stocktakes/:id/count). */
        count: z.boolean(),
        /** Submit for approval (POST /parts/stocktakes/:id/submit). */
        submit: z.boolean(),
        /** Approve or send back for recount (POST /parts/stocktakes/:id/decide). */
        decide: z.boolean(),
      })
      .meta(schemaId('StocktakeAbilities')),
    lines: z.array(stocktakeLineDto),
  })
  .meta(schemaId('Stocktake'));
export const createStocktakeBody = z.strictObject({ warehouseId: z.uuid(), note: optionalText(1000) });
export const countBody = z.strictObject({
  version,
  lines: z
    .array(
      z.strictObject({
        /** An existing line, or a part found on the shelf that the books do not show. */
        lineId: z.uuid().optional(),
        partId: z.uuid().optional(),
        lot,
        countedQty: z.number().int().min(0).max(1_000_000),
        reason: optionalText(500),
      }),
    )
    .min(1)
    .max(2000),
});
export const stocktakeListQuery = listQuery(['number', 'updatedAt'], {
  warehouseId: z.uuid().optional(),
  status: z.enum(['counting', 'submitted', 'approved']).optional(),
});

// ---- reports -------------------------------------------------------------------------------

export const reportFormat = z.enum(['json', 'xlsx']).default('json');
export const consumptionQuery = z.strictObject({
  groupBy: z.enum(['part', 'model', 'month']).default('part'),
  from: isoDate().optional(),
  to: isoDate().optional(),
  format: reportFormat,
});
export const consumptionRow = z.object({ key: z.string(), label: z.string(), qty: z.number(), cost: z.string() }).meta(schemaId('PartsConsumptionRow'));
export const woCostQuery = z.strictObject({ from: isoDate().optional(), to: isoDate().optional(), format: reportFormat });
export const woCostRow = z
  .object({ workOrderId: z.string(), workOrderNumber: z.string(), lines: z.number(), qty: z.number(), cost: z.string() })
  .meta(schemaId('WorkOrderPartsCostRow'));
export const slowQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(3650).default(180), format: reportFormat });
export const slowRow = z
  .object({
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    onHand: z.number(),
    value: z.string(),
    lastIssueAt: z.string().nullable(),
  })
  .meta(schemaId('SlowMovingPartRow'));
export const reorderRow = z
  .object({
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    onHand: z.number(),
    minStock: z.number(),
    emergencyOnHand: z.number(),
    emergencyLevel: z.number(),
    forecast: z.number(),
    suggestedQty: z.number(),
    reason,
  })
  .meta(schemaId('ReorderRow'));
export const formatQuery = z.strictObject({ format: reportFormat });
export const stockByWarehouseRow = z
  .object({
    warehouseId: z.string(),
    warehouseCode: z.string(),
    warehouseName: z.string(),
    kind: warehouseKindSchema,
    lines: z.number(),
    qty: z.number(),
    value: z.string(),
  })
  .meta(schemaId('StockByWarehouseRow'));

export const deviceSwapDto = z
  .object({
    lineId: z.string(),
    at: z.string(),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    partNo: z.string().nullable(),
    name: z.string(),
    quantity: z.string(),
    installedSerial: z.string().nullable(),
    removedSerial: z.string().nullable(),
    fromStock: z.boolean(),
  })
  .meta(schemaId('DeviceSwap'));

// ---- the engineer's parts dialog and van replenishment (issue 10 item 9, R-PT-5) ----------

export const partsOptionsQuery = z.strictObject({
  /** Search the catalogue by code or name; without it: parts fitting the device and parts in the van. */
  q: optionalText(100),
});

const storeStock = z.object({ warehouseId: z.string(), code: z.string(), name: z.string(), kind: warehouseKindSchema, qty: z.number() });

export const partsOptionsDto = z
  .object({
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    urgency: z.enum(['emergency', 'urgent', 'normal', 'low']),
    modelName: z.string(),
    /** The caller's own van (车载库), or null when they have none. Other engineers' vans are never listed. */
    van: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    /** Emergency stock may serve this job (emergency jobs only, R-PT-5). */
    emergencyAllowed: z.boolean(),
    /** Parts fitting the device first, then what the van holds. */
    items: z.array(
      z.object({
        partId: z.string(),
        code: z.string(),
        name: z.string(),
        spec: z.string().nullable(),
        unit: z.string(),
        tracking: trackingSchema,
        compatible: z.boolean(),
        /** Good stock in the caller's van, and by lot/serial. */
        vanQty: z.number(),
        lots: z.array(z.object({ lot: z.string(), qty: z.number() })),
        /** Stores this job may ask for a transfer from, with their good stock (central; emergency only for emergency jobs). */
        stores: z.array(storeStock),
        /** Already requested for this job and not yet decided. */
        requestedQty: z.number(),
      }),
    ),
  })
  .meta(schemaId('PartsOptions'));

export const transferRequestStatusSchema = z.enum(['requested', 'fulfilled', 'rejected', 'cancelled']);

export const createTransferRequestBody = z.strictObject({
  workOrderId: z.uuid(),
  partId: z.uuid(),
  /** The central or emergency store to send from. */
  fromWarehouseId: z.uuid(),
  qty,
  note: optionalText(500),
});

export const fulfilTransferRequestBody = z.strictObject({
  version,
  /** Lot or serial shipped, for tracked parts. */
  lot,
  note: optionalText(500),
});
export const decideTransferRequestBody = z.strictObject({ version, reason: text(500) });
export const cancelTransferRequestBody = z.strictObject({ version });

export const transferRequestDto = z
  .object({
    ...record,
    status: transferRequestStatusSchema,
    partId: z.string(),
    partCode: z.string(),
    partName: z.string(),
    unit: z.string(),
    tracking: trackingSchema,
    qty: z.number(),
    fromWarehouseId: z.string(),
    fromWarehouseName: z.string(),
    fromWarehouseKind: warehouseKindSchema,
    toWarehouseId: z.string(),
    toWarehouseName: z.string(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    requestedByName: z.string(),
    note: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionNote: z.string().nullable(),
    lot: z.string().nullable(),
    transferId: z.string().nullable(),
    /** What the caller may do on this request (issue 11 item 3), by the state rule and policy its
     * endpoints enforce: the web shows its actions by these alone. */
    abilities: z
      .object({
        /** Ship it into the van (POST /parts/transfer-requests/:id/fulfil). */
        fulfil: z.boolean(),
        /** Refuse it with a reason (POST /parts/transfer-requests/:id/reject). */
        reject: z.boolean(),
        /** Withdraw it: the engineer who asked, or a role over every warehouse (POST /parts/transfer-requests/:id/cancel). */
        cancel: z.boolean(),
      })
      .meta(schemaId('TransferRequestAbilities')),
  })
  .meta(schemaId('TransferRequest'));

export const transferRequestListQuery = listQuery(['createdAt'], {
  status: transferRequestStatusSchema.optional(),
  workOrderId: z.uuid().optional(),
});
