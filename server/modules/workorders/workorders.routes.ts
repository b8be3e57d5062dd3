// Work orders (R-WO-1..5): thin routes over workorders.service.ts.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  addPartBody,
  contentBody,
  delayReasonBody,
  dispatchBody,
  goodsRegisterItem,
  goodsRegisterQuery,
  partIdParams,
  paymentBody,
  priceListBody,
  priceListDto,
  priceListsDto,
  receiptDto,
  repairCardBody,
  returnBody,
  reviewBody,
  signBody,
  takeBackBody,
  transitionBody,
  workOrderDto,
  workOrderListItem,
  workOrderListQuery,
} from './workorders.dto.ts';
import * as fees from './workorders.fees.ts';
import { workOrdersPolicy } from './workorders.policy.ts';
import * as sameDay from './workorders.sameday.ts';
import * as svc from './workorders.service.ts';
import * as tb from './workorders.takeback.ts';

export function workOrdersRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['work orders'];
  const one = { params: idParams, response: { 200: workOrderDto } };

  app.get(
    '/work-orders',
    {
      schema: {
        tags,
        summary: 'Work orders: search, filter (status may list several, comma-separated), mine, sorted by the next SLA deadline',
        querystring: workOrderListQuery,
        response: { 200: pageOf(workOrderListItem) },
      },
    },
    async (req) => svc.listWorkOrders(db, authorize(req, workOrdersPolicy, 'read'), req.query),
  );

  app.get('/work-orders/:id', { schema: { tags, summary: 'A work order with its parts, steps, signatures and reviews', ...one } }, async (req) =>
    svc.getWorkOrder(db, authorize(req, workOrdersPolicy, 'read'), req.params.id),
  );

  app.post(
    '/work-orders/:id/dispatch',
    { schema: { tags, summary: 'Assign lead and helpers (R-DSP-1); reassigning needs a reason', ...one, body: dispatchBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'dispatch');
      await svc.dispatch(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/transition',
    { schema: { tags, summary: 'Take a status step (R-WO-1); illegal steps are refused', ...one, body: transitionBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await svc.transition(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  app.patch('/work-orders/:id', { schema: { tags, summary: 'Record diagnosis, actions, tests, times (R-WO-2)', ...one, body: contentBody } }, async (req) => {
    const user = authorize(req, workOrdersPolicy, 'act');
    await svc.updateContent(db, user, req.params.id, req.body);
    return svc.getWorkOrder(db, user, req.params.id);
  });

  app.post('/work-orders/:id/parts', { schema: { tags, summary: 'Add a part line', ...one, body: addPartBody } }, async (req) => {
    const user = authorize(req, workOrdersPolicy, 'act');
    await svc.addPart(db, user, req.params.id, req.body);
    return svc.getWorkOrder(db, user, req.params.id);
  });

  app.delete(
    '/work-orders/:id/parts/:partId',
    { schema: { tags, summary: 'Remove a part line', params: partIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.removePart(db, authorize(req, workOrdersPolicy, 'act'), req.params.id, req.params.partId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/work-orders/:id/sign',
    { schema: { tags, summary: "The customer's sign-off (R-WO-4); freezes the content", ...one, body: signBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'sign');
      await svc.sign(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/review',
    { schema: { tags, summary: 'Approve (archive) or send back a signed report (R-WO-5)', ...one, body: reviewBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'review');
      await svc.review(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  // ---- take-back repair (R-WO-3) ----
  const receiptOf = async (user: Parameters<typeof tb.takeBacksOf>[1], woId: string, receiptId: string) =>
    (await tb.takeBacksOf(db, user, woId)).find((r) => r.id === receiptId) as z.infer<typeof receiptDto>;

  app.get(
    '/work-orders/:id/take-back',
    {
      schema: {
        tags,
        summary: 'Receipts (客户商品领取收据) of a work order with their repair cards (修护卡), newest first',
        params: idParams,
        response: { 200: z.array(receiptDto) },
      },
    },
    async (req) => tb.takeBacksOf(db, authorize(req, workOrdersPolicy, 'read'), req.params.id),
  );

  app.post(
    '/work-orders/:id/take-back',
    {
      schema: {
        tags,
        summary: 'Take the unit back for workshop repair: receipt for the customer, "in" line in the goods register (R-WO-3)',
        params: idParams,
        body: takeBackBody,
        response: { 201: receiptDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      const r = await tb.takeBack(db, user, req.params.id, req.body, ctx.timeZone);
      return reply.status(201).send(await receiptOf(user, req.params.id, r.id));
    },
  );

  app.post(
    '/work-orders/:id/take-back/card',
    {
      schema: {
        tags,
        summary: 'Add workshop time and parts to the repair card (修护卡); they count on the work order',
        params: idParams,
        body: repairCardBody,
        response: { 200: receiptDto },
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      const e = await tb.addCardEntry(db, user, req.params.id, req.body);
      return receiptOf(user, req.params.id, e.receiptId);
    },
  );

  app.post(
    '/work-orders/:id/take-back/return',
    {
      schema: {
        tags,
        summary: 'Return the unit: closes the receipt, "out" line in the goods register, work order resolved',
        params: idParams,
        body: returnBody,
        response: { 200: receiptDto },
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      const r = await tb.returnUnit(db, user, req.params.id, req.body);
      return receiptOf(user, req.params.id, r.id);
    },
  );

  app.get(
    '/goods-register',
    {
      schema: {
        tags,
        summary: 'The goods in/out register (客户商品进出登记簿)',
        querystring: goodsRegisterQuery,
        response: { 200: pageOf(goodsRegisterItem) },
      },
    },
    async (req) => tb.listGoodsRegister(db, authorize(req, workOrdersPolicy, 'read'), req.query, ctx.timeZone),
  );

  app.get(
    '/goods-register/export',
    { schema: { tags, summary: 'The filtered goods register as an Excel file', querystring: goodsRegisterQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const user = authorize(req, workOrdersPolicy, 'read');
      const page = await tb.listGoodsRegister(db, user, { ...req.query, page: 1, pageSize: EXPORT_MAX_ROWS }, ctx.timeZone);
      const L = req.locale;
      const local = (iso: string) => DateTime.fromISO(iso, { zone: ctx.timeZone }).toFormat('yyyy-MM-dd HH:mm');
      type Item = (typeof page.items)[number];
      const columns: ExportColumn<Item>[] = [
        { key: 'at', zh: '日期时间', en: 'Date/time', width: 18, value: (g) => local(g.at) },
        {
          key: 'direction',
          zh: '进/出',
          en: 'In/out',
          width: 8,
          value: (g) => (g.direction === 'in' ? (L === 'en-US' ? 'in' : '进') : L === 'en-US' ? 'out' : '出'),
        },
        { key: 'receipt', zh: '收据编号', en: 'Receipt', width: 18, value: (g) => g.receiptNumber },
        { key: 'workOrder', zh: '工单号', en: 'Work order', width: 18, value: (g) => g.workOrderNumber },
        { key: 'customer', zh: '客户', en: 'Customer', width: 24, value: (g) => g.customerName },
        { key: 'model', zh: '型号', en: 'Model', width: 24, value: (g) => g.modelName },
        { key: 'serial', zh: '序列号', en: 'Serial number', width: 20, value: (g) => g.serialNumber },
        {
          key: 'items',
          zh: '物品',
          en: 'Items',
          width: 36,
          value: (g) => g.items.map((i) => `${i.description}${i.serialNumber ? ` (${i.serialNumber})` : ''} ×${i.quantity}`).join('; '),
        },
        { key: 'accessories', zh: '附件', en: 'Accessories', width: 24, value: (g) => g.accessories.join('、') },
        { key: 'condition', zh: '外观状况', en: 'Condition', width: 24, value: (g) => g.condition },
        { key: 'counterpart', zh: '客户经手人', en: 'Customer signer', value: (g) => g.counterpartName },
        { key: 'handledBy', zh: '经手人', en: 'Handled by', value: (g) => g.handledByName },
        {
          key: 'status',
          zh: '收据状态',
          en: 'Receipt',
          value: (g) => (g.receiptStatus === 'open' ? (L === 'en-US' ? 'open' : '未归还') : L === 'en-US' ? 'returned' : '已归还'),
        },
      ];
      const name = L === 'en-US' ? 'Goods register' : '客户商品进出登记簿';
      return sendXlsx(reply, L === 'en-US' ? 'goods-register' : name, await xlsxBuffer(name, columns, page.items, L));
    },
  );

  // ---- fees of paid jobs (R-WO-4, R-FE-1) ----
  const priceTags = ['fees'];
  app.get(
    '/price-list',
    { schema: { tags: priceTags, summary: 'The price list in force now and every version, newest first', response: { 200: priceListsDto } } },
    async (req) => {
      authorize(req, workOrdersPolicy, 'readPrices');
      return fees.getPriceLists(db);
    },
  );

  app.put(
    '/price-list',
    {
      schema: {
        tags: priceTags,
        summary: 'Save a new version of the price list (labour per hour, call-out fee, travel per km or per zone), effective from now or later',
        body: priceListBody,
        response: { 200: priceListDto },
      },
    },
    async (req) => fees.priceListView(await fees.savePriceList(db, authorize(req, workOrdersPolicy, 'editPrices'), req.body)),
  );

  app.post(
    '/work-orders/:id/payment',
    { schema: { tags, summary: 'Finance records the fee of a paid job collected or invoiced (R-WO-4)', ...one, body: paymentBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'pay');
      await fees.recordPayment(db, user, req.params.id, req.body);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );

  // ---- same-day rule (R-WO-6) ----
  app.post(
    '/work-orders/:id/delay-reason',
    {
      schema: {
        tags,
        summary: 'Why a job missed the close of business of the day it was taken, and the date promised (R-WO-6); reported to the sales director',
        ...one,
        body: delayReasonBody,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await sameDay.recordDelayReason(db, user, req.params.id, req.body, ctx.timeZone);
      return svc.getWorkOrder(db, user, req.params.id);
    },
  );
}
