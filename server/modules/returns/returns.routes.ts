// Returns and exchanges (退货/换货, issue 14 §4, R-REG-4) and supplier/manufacturer notices
// (经营办法§38, issue 14 §5). Thin: parse, authorize, call the service, present.
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  cancelReturnBody,
  completeReturnBody,
  decideReturnBody,
  inspectReturnBody,
  noticeListQuery,
  noticeReplyBody,
  receiveReturnBody,
  registerReturnBody,
  returnDetailDto,
  returnDto,
  returnExportQuery,
  returnListQuery,
  sendNoticeBody,
  supplierNoticeDto,
} from './returns.dto.ts';
import { exportNotices, getNotice, isOverdue, listNotices, type NoticeRow, recordReply, sendNotice } from './returns.notices.ts';
import { canReplyToNotice, returnsPolicy } from './returns.policy.ts';
import { abilitiesOf } from './returns.rules.ts';
import {
  cancelReturn,
  completeReturn,
  decideReturn,
  exportReturns,
  getReturn,
  inspectReturn,
  listReturns,
  type ReturnRow,
  receiveReturn,
  registerReturn,
} from './returns.service.ts';

registerConstraintFields({
  return_records_reason_ck: 'reason',
  return_records_item_ck: 'item',
  supplier_notices_recipient_ck: 'supplierId',
  supplier_notices_content_ck: 'content',
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const view = (x: ReturnRow): z.infer<typeof returnDto> => {
  const r = x.r;
  return {
    id: r.id,
    version: r.version,
    number: r.number,
    kind: r.kind,
    item: r.item,
    status: r.status,
    customerId: r.customerId,
    customerName: x.customerName,
    deviceId: r.deviceId,
    serialNumber: x.serialNumber,
    modelName: x.modelName,
    partId: r.partId,
    partCode: x.partCode,
    partName: x.partName,
    quantity: r.quantity,
    lotOrSerial: r.lotOrSerial,
    reason: r.reason,
    complaintId: r.complaintId,
    complaintNumber: x.complaintNumber,
    workOrderId: r.workOrderId,
    workOrderNumber: x.workOrderNumber,
    installationId: r.installationId,
    registeredAt: r.registeredAt.toISOString(),
    registeredByName: r.registeredByName,
    receivedOn: r.receivedOn,
    receivedByName: r.receivedByName,
    arrivalCondition: r.arrivalCondition,
    warehouseId: r.warehouseId,
    warehouseName: x.warehouseName,
    inspectedAt: iso(r.inspectedAt),
    inspectorName: r.inspectorName,
    findings: r.findings,
    inspectionResult: r.inspectionResult,
    decision: r.decision,
    decidedAt: iso(r.decidedAt),
    decidedByName: r.decidedByName,
    decisionReason: r.decisionReason,
    doneAt: iso(r.doneAt),
    doneByName: r.doneByName,
    exchangeSerial: r.exchangeSerial,
    refundReference: r.refundReference,
    repairWorkOrderId: r.repairWorkOrderId,
    scrapRecord: r.scrapRecord,
    followThroughNote: r.followThroughNote,
    cancelledAt: iso(r.cancelledAt),
    cancelReason: r.cancelReason,
  };
};

const KIND_WORDS = { return: ['退货', 'Return'], exchange: ['换货', 'Exchange'], repair: ['返修', 'Repair'] } as const;
const STATUS_WORDS = {
  registered: ['已登记', 'Registered'],
  received: ['已接收', 'Received'],
  inspected: ['已检验', 'Inspected'],
  decided: ['已决定', 'Decided'],
  done: ['已完成', 'Done'],
  cancelled: ['已取消', 'Cancelled'],
} as const;
const DECISION_WORDS = { repair: ['维修', 'Repair'], exchange: ['换货', 'Exchange'], refund: ['退款', 'Refund'], scrap: ['报废', 'Scrap'] } as const;
const SUBJECT_WORDS = { return: ['退换货', 'Return'], complaint: ['投诉', 'Complaint'], adverse_event: ['不良事件', 'Adverse event'] } as const;
const CHANNEL_WORDS = {
  email: ['邮件', 'Email'],
  phone: ['电话', 'Phone'],
  letter: ['函件', 'Letter'],
  fax: ['传真', 'Fax'],
  other: ['其他', 'Other'],
} as const;

export function returnsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['returns'];
  const tz = ctx.timeZone;
  const noticeView = (user: Principal, n: NoticeRow): z.infer<typeof supplierNoticeDto> => ({
    id: n.n.id,
    version: n.n.version,
    subject: n.n.subject,
    subjectId: n.n.subjectId,
    subjectNumber: n.subjectNumber,
    supplierId: n.n.supplierId,
    manufacturer: n.n.manufacturer,
    recipientName: n.n.recipientName,
    sentOn: n.n.sentOn,
    channel: n.n.channel,
    content: n.n.content,
    sentByName: n.n.sentByName,
    replyDueOn: n.n.replyDueOn,
    repliedOn: n.n.repliedOn,
    replyText: n.n.replyText,
    replyRecordedByName: n.n.replyRecordedByName,
    overdue: isOverdue(n.n, tz),
    canReply: !n.n.repliedOn && canReplyToNotice(user, n.n.subject),
  });
  const detail = async (user: Principal, id: string): Promise<z.infer<typeof returnDetailDto>> => {
    const r = await getReturn(db, user, id);
    const staff = can(user, returnsPolicy, 'readNotices');
    const notices = staff ? (await listNotices(db, { subject: 'return', subjectId: id }, 1, 200, tz)).rows.map((n) => noticeView(user, n)) : [];
    return {
      ...view(r),
      abilities: { ...abilitiesOf(user.roles, r.r.status), notifySupplier: can(user, returnsPolicy, 'notifySupplier') },
      notices,
      manufacturer: staff ? r.manufacturer : null,
    };
  };

  app.get(
    '/returns',
    {
      schema: {
        tags,
        summary: 'Returns and exchanges (退换货, R-REG-4): by state, decision, kind, item, hospital, unit, complaint or work order; search; newest first',
        querystring: returnListQuery,
        response: { 200: pageOf(returnDto) },
      },
    },
    async (req) => {
      const user = authorize(req, returnsPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await listReturns(db, user, f, page, pageSize);
      return { items: rows.map(view), total, page, pageSize };
    },
  );

  app.get(
    '/returns/export',
    { schema: { tags, summary: 'The return/exchange register as filtered, as an Excel workbook', querystring: returnExportQuery } },
    async (req, reply) => {
      const user = authorize(req, returnsPolicy, 'read');
      const rows = (await exportReturns(db, user, req.query, EXPORT_MAX_ROWS)).map(view);
      const en = req.locale === 'en-US';
      const w = (pair: readonly [string, string] | undefined) => (pair ? pair[en ? 1 : 0] : null);
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'number', zh: '退换货编号', en: 'Number', width: 18, value: (r) => r.number },
        { key: 'kind', zh: '类型', en: 'Kind', width: 10, value: (r) => w(KIND_WORDS[r.kind]) },
        { key: 'status', zh: '状态', en: 'State', width: 10, value: (r) => w(STATUS_WORDS[r.status]) },
        { key: 'customer', zh: '客户', en: 'Customer', width: 22, value: (r) => r.customerName },
        {
          key: 'what',
          zh: '退回物品',
          en: 'Item',
          width: 28,
          value: (r) => (r.item === 'device' ? `${r.modelName ?? ''} ${r.serialNumber ?? ''}` : `${r.partCode ?? ''} ${r.partName ?? ''} ×${r.quantity ?? ''}`),
        },
        { key: 'lot', zh: '批号/序列号', en: 'Lot / serial', width: 16, value: (r) => r.lotOrSerial },
        { key: 'reason', zh: '原因', en: 'Reason', width: 36, value: (r) => r.reason },
        { key: 'complaint', zh: '投诉', en: 'Complaint', width: 16, value: (r) => r.complaintNumber },
        { key: 'workOrder', zh: '工单', en: 'Work order', width: 16, value: (r) => r.workOrderNumber },
        { key: 'registeredAt', zh: '登记时间', en: 'Registered at', width: 18, value: (r) => r.registeredAt },
        { key: 'receivedOn', zh: '接收日期', en: 'Received on', width: 12, value: (r) => r.receivedOn },
        { key: 'condition', zh: '到货状况', en: 'Condition on arrival', width: 24, value: (r) => r.arrivalCondition },
        {
          key: 'result',
          zh: '检验结论',
          en: 'Inspection',
          width: 10,
          value: (r) => (r.inspectionResult ? (r.inspectionResult === 'pass' ? (en ? 'Pass' : '合格') : en ? 'Fail' : '不合格') : null),
        },
        { key: 'findings', zh: '检验情况', en: 'Findings', width: 30, value: (r) => r.findings },
        { key: 'inspector', zh: '检验人', en: 'Inspector', value: (r) => r.inspectorName },
        { key: 'decision', zh: '处理决定', en: 'Decision', width: 10, value: (r) => (r.decision ? w(DECISION_WORDS[r.decision]) : null) },
        { key: 'decidedBy', zh: '决定人', en: 'Decided by', value: (r) => r.decidedByName },
        { key: 'decisionReason', zh: '决定理由', en: 'Why', width: 24, value: (r) => r.decisionReason },
        {
          key: 'followThrough',
          zh: '落实情况',
          en: 'Follow-through',
          width: 24,
          value: (r) => r.exchangeSerial ?? r.refundReference ?? r.scrapRecord ?? r.followThroughNote,
        },
        { key: 'doneAt', zh: '完成时间', en: 'Done at', width: 18, value: (r) => r.doneAt },
      ];
      return sendXlsx(reply, en ? 'returns' : '退换货登记', await xlsxBuffer(en ? 'Returns' : '退换货登记', columns, rows, req.locale));
    },
  );

  app.get(
    '/returns/:id',
    {
      schema: {
        tags,
        summary: 'One return/exchange with what the reader may do and its supplier notices',
        params: idParams,
        response: { 200: returnDetailDto },
      },
    },
    async (req) => detail(authorize(req, returnsPolicy, 'read'), req.params.id),
  );

  app.post(
    '/returns',
    {
      schema: {
        tags,
        summary: 'Register a return or exchange of a unit or a part (TH-YYYY-NNNNNN), linked to its complaint / work order',
        body: registerReturnBody,
        response: { 201: returnDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, returnsPolicy, 'register');
      const r = await registerReturn(db, user, req.body);
      return reply.status(201).send(await detail(user, r.id));
    },
  );

  const step = <B extends z.ZodType>(
    path: string,
    action: 'receive' | 'inspect' | 'decide' | 'complete' | 'cancel',
    body: B,
    summary: string,
    run: (user: Principal, id: string, input: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(path, { schema: { tags, summary, params: idParams, body, response: { 200: returnDetailDto } } }, async (req) => {
      const user = authorize(req, returnsPolicy, action);
      await run(user, req.params.id, req.body as z.infer<B>);
      return detail(user, req.params.id);
    });
  step('/returns/:id/receive', 'receive', receiveReturnBody, 'Receipt of the returned goods: date, received by, condition on arrival', (u, id, b) =>
    receiveReturn(db, u, id, b, tz),
  );
  step('/returns/:id/inspect', 'inspect', inspectReturnBody, 'Quality check of the returned goods (quality): findings and pass/fail', (u, id, b) =>
    inspectReturn(db, u, id, b),
  );
  step(
    '/returns/:id/decide',
    'decide',
    decideReturnBody,
    'Decision after the inspection (quality or service manager): repair / exchange / refund / scrap, and why',
    (u, id, b) => decideReturn(db, u, id, b),
  );
  step('/returns/:id/complete', 'complete', completeReturnBody, 'The follow-through the decision requires; the return is done', (u, id, b) =>
    completeReturn(db, u, id, b),
  );
  step('/returns/:id/cancel', 'cancel', cancelReturnBody, 'Cancel a return that is not done, with the reason', (u, id, b) => cancelReturn(db, u, id, b));

  // ---- supplier / manufacturer notices (经营办法§38) ------------------------------------------

  app.get(
    '/supplier-notices',
    {
      schema: {
        tags,
        summary: 'Notices to suppliers/manufacturers (经营办法§38) about returns, complaints and adverse events: awaiting reply, replied, overdue',
        querystring: noticeListQuery,
        response: { 200: pageOf(supplierNoticeDto) },
      },
    },
    async (req) => {
      const user = authorize(req, returnsPolicy, 'readNotices');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await listNotices(db, f, page, pageSize, tz);
      return { items: rows.map((n) => noticeView(user, n)), total, page, pageSize };
    },
  );

  app.get(
    '/supplier-notices/export',
    {
      schema: {
        tags,
        summary: 'The supplier/manufacturer notices as filtered, as an Excel workbook',
        querystring: noticeListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const user = authorize(req, returnsPolicy, 'readNotices');
      const rows = (await exportNotices(db, req.query, EXPORT_MAX_ROWS, tz)).map((n) => noticeView(user, n));
      const en = req.locale === 'en-US';
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        {
          key: 'subject',
          zh: '关联',
          en: 'Subject',
          width: 18,
          value: (r) => `${SUBJECT_WORDS[r.subject][en ? 1 : 0]} ${r.subjectNumber ?? ''}`,
        },
        { key: 'recipient', zh: '供应商/生产企业', en: 'Supplier / manufacturer', width: 24, value: (r) => r.recipientName },
        { key: 'sentOn', zh: '通知日期', en: 'Sent on', width: 12, value: (r) => r.sentOn },
        { key: 'channel', zh: '方式', en: 'Channel', width: 8, value: (r) => CHANNEL_WORDS[r.channel][en ? 1 : 0] },
        { key: 'content', zh: '通知内容', en: 'Content', width: 40, value: (r) => r.content },
        { key: 'sentBy', zh: '通知人', en: 'Sent by', value: (r) => r.sentByName },
        { key: 'due', zh: '回复期限', en: 'Reply due', width: 12, value: (r) => r.replyDueOn },
        { key: 'repliedOn', zh: '回复日期', en: 'Replied on', width: 12, value: (r) => r.repliedOn },
        { key: 'reply', zh: '回复内容', en: 'Reply', width: 40, value: (r) => r.replyText },
        { key: 'overdue', zh: '逾期', en: 'Overdue', width: 8, value: (r) => (r.overdue ? (en ? 'Yes' : '是') : '') },
      ];
      return sendXlsx(
        reply,
        en ? 'supplier-notices' : '供应商生产企业通知',
        await xlsxBuffer(en ? 'Supplier notices' : '供应商生产企业通知', columns, rows, req.locale),
      );
    },
  );

  app.post(
    '/supplier-notices',
    {
      schema: {
        tags,
        summary: 'Notify the supplier (parts supplier) or the manufacturer of a return or complaint: when, channel, content; reply due in N days (default 15)',
        body: sendNoticeBody,
        response: { 201: supplierNoticeDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, returnsPolicy, 'notifySupplier');
      const n = await sendNotice(db, user, req.body);
      return reply.status(201).send(noticeView(user, await getNotice(db, n.id)));
    },
  );

  app.post(
    '/supplier-notices/:id/reply',
    {
      schema: {
        tags,
        summary: 'Record the supplier/manufacturer’s reply (date, text, who recorded it)',
        params: idParams,
        body: noticeReplyBody,
        response: { 200: supplierNoticeDto },
      },
    },
    async (req) => {
      // Everyone who may answer an adverse event's notice (quality) is among these roles; recordReply
      // checks the notice's own subject.
      const user = authorize(req, returnsPolicy, 'notifySupplier');
      await recordReply(db, user, req.params.id, req.body);
      return noticeView(user, await getNotice(db, req.params.id));
    },
  );
}
