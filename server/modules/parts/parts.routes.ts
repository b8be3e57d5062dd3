// Spare parts (SPEC §6): catalogue, suppliers, warehouses, stock, ledger and movements.
// Purchasing, stocktaking and reports register their routes from their own files.
import { arrayContains, eq } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields, registerTableLabels } from '../../http/errors.ts';
import { resourceRoutes } from '../../http/resource.ts';
import { idParams, pageOf, schemaId } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  createPartBody,
  createSupplierBody,
  createWarehouseBody,
  deviceSwapDto,
  issueBody,
  issueResult,
  ledgerDto,
  ledgerQuery,
  movementResult,
  partDto,
  partListQuery,
  receiptBody,
  returnFaultyBody,
  stockDto,
  stockQuery,
  supplierDto,
  supplierListQuery,
  transferBody,
  updatePartBody,
  updateSupplierBody,
  updateWarehouseBody,
  verifyDto,
  warehouseDto,
  warehouseListQuery,
} from './parts.dto.ts';
import { kindLabel } from './parts.labels.ts';
import { listLedger, verifyLedger } from './parts.ledger.ts';
import { catalogPolicy, partsPolicy } from './parts.policy.ts';
import { purchasingRoutes } from './parts.purchasing.routes.ts';
import { reportRoutes } from './parts.reports.routes.ts';
import * as svc from './parts.service.ts';
import { stocktakeRoutes } from './parts.stocktake.routes.ts';
import { parts, suppliers, warehouses } from './parts.tables.ts';
import { vanRoutes } from './parts.van.routes.ts';

registerConstraintFields({
  parts_code_uq: 'code',
  suppliers_code_uq: 'code',
  warehouses_code_uq: 'code',
  warehouses_van_owner_uq: 'ownerId',
  warehouses_owner_id_users_id_fk: 'ownerId',
  warehouses_unit_id_fkey: 'unitId',
  purchase_contracts_number_uq: 'number',
});
registerTableLabels({
  parts_ledger: 'parts_ledger',
  stock_balances: 'parts_ledger',
  purchase_plan_lines: 'purchase_plans',
  purchase_contract_lines: 'purchase_contracts',
  purchase_contracts: 'purchase_contracts',
  stocktakes: 'stocktakes',
  stocktake_lines: 'stocktakes',
  work_order_parts: 'work_orders',
});

const engineerDto = z.object({ id: z.string(), displayName: z.string(), username: z.string() }).meta(schemaId('Engineer'));

export function partsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['parts'];

  resourceRoutes(app, ctx, {
    path: '/parts/suppliers',
    entity: 'supplier',
    tag: 'parts',
    table: suppliers,
    policy: catalogPolicy,
    dto: supplierDto,
    listQuery: supplierListQuery,
    createBody: createSupplierBody,
    updateBody: updateSupplierBody,
    search: [suppliers.code, suppliers.name, suppliers.contactName],
    sorts: { code: suppliers.code, name: suppliers.name, updatedAt: suppliers.updatedAt },
    defaultSort: 'code',
  });

  resourceRoutes(app, ctx, {
    path: '/parts/catalog',
    entity: 'part',
    tag: 'parts',
    table: parts,
    policy: catalogPolicy,
    dto: partDto,
    listQuery: partListQuery,
    createBody: createPartBody,
    updateBody: updatePartBody,
    search: [parts.code, parts.name, parts.spec],
    sorts: { code: parts.code, name: parts.name, minStock: parts.minStock, updatedAt: parts.updatedAt },
    defaultSort: 'code',
    filters: (q) => [
      q.modelId ? arrayContains(parts.modelIds, [q.modelId]) : undefined,
      q.tracking ? eq(parts.tracking, q.tracking) : undefined,
      q.active ? eq(parts.active, q.active === 'true') : undefined,
    ],
    export: {
      fileZh: '备件目录',
      fileEn: 'parts',
      columns: [
        { key: 'code', zh: '备件编号', en: 'Code', width: 16, value: (p) => p.code as string },
        { key: 'name', zh: '名称', en: 'Name', width: 26, value: (p) => p.name as string },
        { key: 'spec', zh: '规格', en: 'Spec', width: 26, value: (p) => p.spec as string | null },
        { key: 'unit', zh: '单位', en: 'Unit', value: (p) => p.unit as string },
        { key: 'cost', zh: '单价', en: 'Unit cost', value: (p) => Number(p.unitCost) },
        { key: 'min', zh: '最低库存', en: 'Minimum stock', value: (p) => p.minStock as number },
        { key: 'emergency', zh: '应急库存量', en: 'Emergency level', value: (p) => p.emergencyLevel as number },
        { key: 'tracking', zh: '批次/序列号', en: 'Tracking', term: 'partTracking', value: (p) => p.tracking as string },
      ],
    },
  });

  resourceRoutes(app, ctx, {
    path: '/parts/warehouses',
    entity: 'warehouse',
    tag: 'parts',
    table: warehouses,
    policy: catalogPolicy,
    dto: warehouseDto,
    listQuery: warehouseListQuery,
    createBody: createWarehouseBody,
    updateBody: updateWarehouseBody,
    search: [warehouses.code, warehouses.name],
    sorts: { code: warehouses.code, name: warehouses.name, kind: warehouses.kind, updatedAt: warehouses.updatedAt },
    defaultSort: 'code',
    filters: (q) => [q.kind ? eq(warehouses.kind, q.kind) : undefined, q.unitId ? eq(warehouses.unitId, q.unitId) : undefined],
    check: svc.checkWarehouse,
  });

  app.get(
    '/parts/device-history/:id',
    {
      schema: {
        tags,
        summary: 'Which units went into and came out of a device, by work order (R-PT-2)',
        params: idParams,
        response: { 200: z.array(deviceSwapDto) },
      },
    },
    async (req) => {
      authorize(req, partsPolicy, 'read');
      return svc.deviceHistory(db, req.params.id);
    },
  );

  app.get(
    '/parts/engineers',
    {
      schema: {
        tags,
        summary: 'Engineers who can own a van warehouse',
        response: { 200: z.array(engineerDto) },
      },
    },
    async (req) => {
      authorize(req, catalogPolicy, 'read');
      return svc.listEngineers(db);
    },
  );

  app.get(
    '/parts/stock',
    { schema: { tags, summary: 'Stock on hand by part, warehouse and lot', querystring: stockQuery, response: { 200: pageOf(stockDto) } } },
    async (req) => {
      authorize(req, partsPolicy, 'read');
      return svc.listStock(db, req.query);
    },
  );

  app.get(
    '/parts/stock/export',
    { schema: { tags, summary: 'Stock on hand as an Excel file', querystring: stockQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      const page = await svc.listStock(db, { ...req.query, page: 1, pageSize: EXPORT_MAX_ROWS });
      type Item = (typeof page.items)[number];
      const columns: ExportColumn<Item>[] = [
        { key: 'wh', zh: '仓库', en: 'Warehouse', width: 20, value: (s) => s.warehouseName },
        { key: 'code', zh: '备件编号', en: 'Part', width: 16, value: (s) => s.partCode },
        { key: 'name', zh: '名称', en: 'Name', width: 26, value: (s) => s.partName },
        { key: 'lot', zh: '批次/序列号', en: 'Lot / serial', value: (s) => s.lot },
        { key: 'cond', zh: '状态', en: 'Condition', value: (s) => kindLabel(s.condition, req.locale) },
        { key: 'qty', zh: '数量', en: 'Quantity', value: (s) => s.qty },
        { key: 'unit', zh: '单位', en: 'Unit', value: (s) => s.unit },
      ];
      const name = req.locale === 'en-US' ? 'stock' : '库存';
      return sendXlsx(reply, name, await xlsxBuffer(name, columns, page.items, req.locale));
    },
  );

  app.get(
    '/parts/ledger',
    { schema: { tags, summary: 'Ledger entries (movements), newest first', querystring: ledgerQuery, response: { 200: pageOf(ledgerDto) } } },
    async (req) => {
      authorize(req, partsPolicy, 'read');
      return listLedger(db, req.query, ctx.timeZone);
    },
  );

  app.get(
    '/parts/ledger/export',
    { schema: { tags, summary: 'Movements as an Excel file', querystring: ledgerQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      const page = await listLedger(db, { ...req.query, page: 1, pageSize: EXPORT_MAX_ROWS }, ctx.timeZone);
      type Item = (typeof page.items)[number];
      const columns: ExportColumn<Item>[] = [
        { key: 'at', zh: '时间', en: 'Time', width: 22, value: (e) => e.at },
        { key: 'kind', zh: '类型', en: 'Kind', value: (e) => kindLabel(e.kind, req.locale) },
        { key: 'wh', zh: '仓库', en: 'Warehouse', width: 20, value: (e) => e.warehouseName },
        { key: 'code', zh: '备件编号', en: 'Part', width: 16, value: (e) => e.partCode },
        { key: 'name', zh: '名称', en: 'Name', width: 24, value: (e) => e.partName },
        { key: 'lot', zh: '批次/序列号', en: 'Lot / serial', value: (e) => e.lot },
        { key: 'qty', zh: '数量', en: 'Quantity', value: (e) => e.qty },
        { key: 'ref', zh: '单据', en: 'Reference', value: (e) => e.reference },
        { key: 'supplier', zh: '供应商', en: 'Supplier', value: (e) => e.supplierName },
        { key: 'wo', zh: '工单', en: 'Work order', value: (e) => e.workOrderNumber },
        { key: 'by', zh: '经手人', en: 'Signed by', value: (e) => e.signedByName },
      ];
      const name = req.locale === 'en-US' ? 'movements' : '出入库台账';
      return sendXlsx(reply, name, await xlsxBuffer(name, columns, page.items, req.locale));
    },
  );

  app.get(
    '/parts/ledger/verify',
    { schema: { tags, summary: 'Prove that every balance equals its ledger sum', response: { 200: verifyDto } } },
    async (req) => {
      authorize(req, partsPolicy, 'verify');
      return verifyLedger(db);
    },
  );

  app.post(
    '/parts/receipts',
    { schema: { tags, summary: 'Receive parts into a warehouse', body: receiptBody, response: { 201: movementResult } } },
    async (req, reply) => reply.status(201).send(await svc.receive(db, authorize(req, partsPolicy, 'receive'), req.body)),
  );

  app.post(
    '/parts/transfers',
    { schema: { tags, summary: 'Move parts between warehouses (sender signs, receiver named)', body: transferBody, response: { 201: movementResult } } },
    async (req, reply) => reply.status(201).send(await svc.transfer(db, authorize(req, partsPolicy, 'transfer'), req.body)),
  );

  app.post(
    '/parts/issue-to-work-order',
    {
      schema: {
        tags,
        summary: 'Draw a part from a warehouse onto a work order (ledger issue + parts line, one transaction)',
        body: issueBody,
        response: { 201: issueResult },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.issueToWorkOrder(db, authorize(req, partsPolicy, 'issue'), req.body, ctx.timeZone)),
  );

  app.post(
    '/parts/return-faulty',
    { schema: { tags, summary: 'Bring the faulty unit removed on a work order into faulty stock', body: returnFaultyBody, response: { 201: movementResult } } },
    async (req, reply) => reply.status(201).send(await svc.returnFaulty(db, authorize(req, partsPolicy, 'issue'), req.body)),
  );

  vanRoutes(app, ctx);
  purchasingRoutes(app, ctx);
  stocktakeRoutes(app, ctx);
  reportRoutes(app, ctx);
}
