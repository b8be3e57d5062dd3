// Work orders (R-WO-1..5): thin routes over the use cases in commands/ and queries/ and the
// take-back, fee and same-day files.
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams, pageOf, schemaId } from '../../lib/dto.ts';
import { AppError } from '../../lib/errors.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { reauthenticate, signatureDto } from '../signatures/index.ts';
import { addPart } from './commands/add-part.ts';
import { correct } from './commands/correct.ts';
import { createWorkOrderOfKind } from './commands/create.ts';
import { dispatch } from './commands/dispatch.ts';
import { removePart } from './commands/remove-part.ts';
import { reschedule } from './commands/reschedule.ts';
import { review } from './commands/review.ts';
import { sign } from './commands/sign.ts';
import { transition } from './commands/transition.ts';
import { updateContent } from './commands/update-content.ts';
import { getWorkOrder } from './queries/get.ts';
import { listWorkOrders } from './queries/list.ts';
import { offlinePack } from './queries/offline-pack.ts';
import { getVersion, listVersions } from './queries/versions.ts';
import {
  addPartBody,
  appointmentBody,
  contentBody,
  correctionBody,
  createWorkOrderBody,
  delayReasonBody,
  dispatchBody,
  goodsRegisterItem,
  goodsRegisterQuery,
  offlinePackDto,
  partIdParams,
  paymentBody,
  paymentIdParams,
  priceListBody,
  priceListDto,
  priceListsDto,
  receiptDto,
  repairCardBody,
  returnBody,
  reversalBody,
  reviewBody,
  sameDayMissDto,
  sameDayMissesQuery,
  signBody,
  takeBackBody,
  transitionBody,
  versionDetailDto,
  versionDto,
  versionParams,
  workOrderDto,
  workOrderListItem,
  workOrderListQuery,
} from './workorders.dto.ts';
import * as fees from './workorders.fees.ts';
import { workOrdersPolicy } from './workorders.policy.ts';
import * as sameDay from './workorders.sameday.ts';
import { verifyReviewSignatures } from './workorders.signed.ts';
import * as tb from './workorders.takeback.ts';

/** The review signatures of a work order, each checked against its content rebuilt now (R-AU-1). */
const signatureVerificationDto = z.object({ items: z.array(signatureDto.extend({ valid: z.boolean() })) }).meta(schemaId('WorkOrderSignatureVerification'));

/** Issue 16 §1: the phone's time of a step recorded offline (ISO 8601 with an offset); absent = now. */
export const CLIENT_TIME_HEADER = 'x-client-time';
const clientTimeHeader = z.iso.datetime({ offset: true });

function clientTimeOf(req: FastifyRequest): Date | undefined {
  const raw = req.headers[CLIENT_TIME_HEADER];
  if (raw === undefined) return undefined;
  const parsed = clientTimeHeader.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success) throw new AppError(400, 'client_time_invalid');
  return new Date(parsed.data);
}

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
    async (req) => listWorkOrders(db, authorize(req, workOrdersPolicy, 'read'), req.query, ctx.timeZone),
  );

  app.post(
    '/work-orders',
    {
      schema: {
        tags,
        summary:
          'Create a work order of a kind other than repair (installation, maintenance, upgrade, training, consultation, return/exchange); a repair comes from a service request',
        body: createWorkOrderBody,
        response: { 201: workOrderDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, workOrdersPolicy, 'create');
      const wo = await db.transaction((tx) => createWorkOrderOfKind(tx, user, req.body, ctx.timeZone));
      return reply.code(201).send(await getWorkOrder(db, user, wo.id));
    },
  );

  // ---- issue 16 §1: the engineer's offline pack ----
  app.get(
    '/engineer/offline-pack',
    {
      schema: {
        tags,
        summary: "The caller's open work orders (lead or helper) with each full record, for the phone to keep in IndexedDB and work offline",
        response: { 200: offlinePackDto },
      },
    },
    async (req) => offlinePack(db, authorize(req, workOrdersPolicy, 'read'), ctx.timeZone),
  );

  // ---- same-day misses for the sales director (R-WO-6) ----
  app.get(
    '/work-orders/same-day-misses',
    {
      schema: {
        tags,
        summary: 'Jobs not solved the day they were taken (R-WO-6), with the reason and promised date, between two local dates',
        querystring: sameDayMissesQuery,
        response: { 200: z.object({ items: z.array(sameDayMissDto) }) },
      },
    },
    async (req) => {
      authorize(req, workOrdersPolicy, 'sameDayReport');
      return { items: await sameDay.listSameDayMisses(db, req.query, ctx.timeZone) };
    },
  );

  app.get(
    '/work-orders/same-day-misses/export',
    { schema: { tags, summary: 'The same-day misses as an Excel file', querystring: sameDayMissesQuery } },
    async (req, reply) => {
      authorize(req, workOrdersPolicy, 'sameDayReport');
      const items = await sameDay.listSameDayMisses(db, req.query, ctx.timeZone);
      const L = req.locale;
      const en = L === 'en-US';
      const local = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone: ctx.timeZone }).toFormat('yyyy-MM-dd HH:mm') : '');
      type Item = (typeof items)[number];
      const columns: ExportColumn<Item>[] = [
        { key: 'number', zh: '工单号', en: 'Work order', width: 18, value: (i) => i.number },
        { key: 'customer', zh: '客户', en: 'Customer', width: 24, value: (i) => i.customerName },
        { key: 'model', zh: '型号', en: 'Model', width: 20, value: (i) => i.modelName },
        { key: 'serial', zh: '序列号', en: 'Serial number', width: 20, value: (i) => i.serialNumber },
        { key: 'lead', zh: '负责工程师', en: 'Lead engineer', width: 16, value: (i) => i.leadName ?? '' },
        { key: 'accepted', zh: '接单时间', en: 'Accepted', width: 18, value: (i) => local(i.acceptedAt) },
        { key: 'due', zh: '应完成时间', en: 'Due (close of business)', width: 18, value: (i) => local(i.dueAt) },
        { key: 'reason', zh: '未解决原因', en: 'Reason', width: 40, value: (i) => i.reason ?? (en ? '(not yet given)' : '（尚未填写）') },
        { key: 'promised', zh: '承诺完成日期', en: 'Promised date', width: 14, value: (i) => i.promisedDate ?? '' },
        { key: 'reasonBy', zh: '填写人', en: 'Given by', width: 14, value: (i) => i.reasonByName ?? '' },
        { key: 'resolved', zh: '解决时间', en: 'Resolved', width: 18, value: (i) => local(i.resolvedAt) },
      ];
      const name = en ? 'Same-day misses' : '当日未解决工单';
      return sendXlsx(reply, en ? 'same-day-misses' : name, await xlsxBuffer(name, columns, items, L));
    },
  );

  // ---- corrections of a reviewed report (R-WO-5) ----
  app.post(
    '/work-orders/:id/corrections',
    {
      schema: {
        tags,
        summary: 'Correct a reviewed or closed report: a new content version with a reason, reviewed again; the reviewed version stays intact',
        ...one,
        body: correctionBody,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'correct');
      await correct(db, user, req.params.id, req.body);
      return getWorkOrder(db, user, req.params.id);
    },
  );

  app.get(
    '/work-orders/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every content version of the report: signed, reviewed, corrected',
        params: idParams,
        response: { 200: z.object({ items: z.array(versionDto) }) },
      },
    },
    async (req) => ({ items: await listVersions(db, authorize(req, workOrdersPolicy, 'read'), req.params.id) }),
  );

  app.get(
    '/work-orders/:id/versions/:n',
    {
      schema: {
        tags,
        summary: 'One content version exactly as signed, corrected or as it stands now',
        params: versionParams,
        response: { 200: versionDetailDto },
      },
    },
    async (req) => getVersion(db, authorize(req, workOrdersPolicy, 'read'), req.params.id, req.params.n),
  );

  app.get('/work-orders/:id', { schema: { tags, summary: 'A work order with its parts, steps, signatures and reviews', ...one } }, async (req) =>
    getWorkOrder(db, authorize(req, workOrdersPolicy, 'read'), req.params.id),
  );

  app.post(
    '/work-orders/:id/dispatch',
    { schema: { tags, summary: 'Assign lead and helpers (R-DSP-1); reassigning needs a reason', ...one, body: dispatchBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'dispatch');
      await dispatch(db, user, req.params.id, req.body, new Date(), ctx.timeZone);
      return getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/appointment',
    {
      schema: {
        tags,
        summary: 'Agree or move the planned arrival before the engineer is on site; a change needs a reason; audited (issue 10 item 12)',
        ...one,
        body: appointmentBody,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'dispatch');
      await reschedule(db, user, req.params.id, req.body);
      return getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/transition',
    { schema: { tags, summary: 'Take a status step (R-WO-1); illegal steps are refused', ...one, body: transitionBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await transition(db, user, req.params.id, req.body, new Date(), clientTimeOf(req));
      return getWorkOrder(db, user, req.params.id);
    },
  );

  app.patch('/work-orders/:id', { schema: { tags, summary: 'Record diagnosis, actions, tests, times (R-WO-2)', ...one, body: contentBody } }, async (req) => {
    const user = authorize(req, workOrdersPolicy, 'act');
    await updateContent(db, user, req.params.id, req.body);
    return getWorkOrder(db, user, req.params.id);
  });

  app.post('/work-orders/:id/parts', { schema: { tags, summary: 'Add a part line', ...one, body: addPartBody } }, async (req) => {
    const user = authorize(req, workOrdersPolicy, 'act');
    await addPart(db, user, req.params.id, req.body, ctx.timeZone, clientTimeOf(req));
    return getWorkOrder(db, user, req.params.id);
  });

  app.delete(
    '/work-orders/:id/parts/:partId',
    { schema: { tags, summary: 'Remove a part line', params: partIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removePart(db, authorize(req, workOrdersPolicy, 'act'), req.params.id, req.params.partId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/work-orders/:id/sign',
    { schema: { tags, summary: "The customer's sign-off (R-WO-4); freezes the content", ...one, body: signBody } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'sign');
      await sign(db, user, req.params.id, req.body, new Date(), { surveySecret: ctx.auth.secret, clientAt: clientTimeOf(req) });
      return getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/review',
    {
      schema: {
        tags,
        summary: 'Approve (archive, signed by the reviewer with the password again, R-AU-1) or send back a signed report (R-WO-5)',
        ...one,
        body: reviewBody,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'review');
      // R-AU-1: the reviewer signs — password again, before the transaction (wrong → 422, nothing changed).
      const { password, ...body } = req.body;
      await reauthenticate(db, user, password);
      await review(db, user, req.params.id, body);
      return getWorkOrder(db, user, req.params.id);
    },
  );

  app.get(
    '/work-orders/:id/signatures/verify',
    {
      schema: {
        tags,
        summary: 'Verify the review signatures (R-AU-1): the archived content rebuilt from the current version and hashed again',
        params: idParams,
        response: { 200: signatureVerificationDto },
      },
    },
    async (req) => verifyReviewSignatures(db, authorize(req, workOrdersPolicy, 'read'), req.params.id),
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
    {
      schema: {
        tags,
        summary: 'Finance records the fee of a paid job collected or invoiced (R-WO-4); the engineer on the job records cash collected on site',
        ...one,
        body: paymentBody,
      },
    },
    async (req) => {
      // Finance (pay) or the engineer on the job with cash collected (collect); recordPayment checks which.
      const user = authorize(req, workOrdersPolicy, 'recordPayment');
      await fees.recordPayment(db, user, req.params.id, req.body);
      return getWorkOrder(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/payments/:paymentId/reversal',
    {
      schema: {
        tags,
        summary: 'Reverse a payment recorded in error: a negative line naming it, never an edit; the balance is recomputed',
        params: paymentIdParams,
        body: reversalBody,
        response: { 200: workOrderDto },
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'pay');
      await fees.reversePayment(db, user, req.params.id, req.params.paymentId, req.body);
      return getWorkOrder(db, user, req.params.id);
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
      return getWorkOrder(db, user, req.params.id);
    },
  );
}
