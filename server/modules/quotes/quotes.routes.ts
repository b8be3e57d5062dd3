// Warranty exclusions (R-WX-1) and quotes before paid work (报价单, issue 15 §4, R-FE-1). Thin:
// parse, authorize, call the service, present.
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { dateIn } from '../../lib/calendar.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  acceptQuoteBody,
  createQuoteBody,
  decideExclusionBody,
  exclusionDto,
  proposeExclusionBody,
  quoteDetailDto,
  quoteDto,
  quoteExportQuery,
  quoteListQuery,
  rejectQuoteBody,
  sendQuoteBody,
  workOrderQuotesDto,
} from './quotes.dto.ts';
import { EXCLUSION_WORDS, renderQuote } from './quotes.pdf.ts';
import { quotesPolicy } from './quotes.policy.ts';
import { FORCE_MAJEURE, quoteAbilitiesOf } from './quotes.rules.ts';
import {
  acceptQuote,
  createQuote,
  decideExclusion,
  type Exclusion,
  exclusionById,
  exportQuotes,
  getQuote,
  listQuotes,
  proposeExclusion,
  type QuoteRow,
  quoteForPdf,
  quotesOfWorkOrder,
  rejectQuote,
  sendQuote,
} from './quotes.service.ts';

registerConstraintFields({ warranty_exclusions_reason_ck: 'reason' });

const iso = (d: Date | null) => d?.toISOString() ?? null;
export const exclusionView = (x: Exclusion): z.infer<typeof exclusionDto> => ({
  id: x.id,
  version: x.version,
  workOrderId: x.workOrderId,
  category: x.category,
  forceMajeure: FORCE_MAJEURE.has(x.category),
  reason: x.reason,
  evidence: x.evidence,
  status: x.status,
  proposedAt: x.proposedAt.toISOString(),
  proposedByName: x.proposedByName,
  decidedAt: iso(x.decidedAt),
  decidedByName: x.decidedByName,
  decisionNote: x.decisionNote,
});
const view = (x: QuoteRow): z.infer<typeof quoteDto> => {
  const q = x.q;
  return {
    id: q.id,
    version: q.version,
    number: q.number,
    workOrderId: q.workOrderId,
    workOrderNumber: x.workOrderNumber,
    customerId: q.customerId,
    customerName: x.customerName,
    deviceName: x.modelName,
    serialNumber: x.serialNumber,
    basis: q.basis,
    exclusionCategory: x.exclusionCategory,
    status: q.status,
    currency: q.currency,
    priceListVersion: q.priceListVersion,
    labour: q.labour,
    parts: q.parts,
    travel: q.travel,
    callOut: q.callOut,
    total: q.total,
    validUntil: q.validUntil,
    note: q.note,
    createdAt: q.createdAt.toISOString(),
    createdByName: q.createdByName,
    sentAt: iso(q.sentAt),
    sentByName: q.sentByName,
    decidedAt: iso(q.decidedAt),
    decidedByName: q.decidedByName,
    acceptedVia: q.acceptedVia,
    signerName: q.signerName,
    decisionReason: q.decisionReason,
  };
};

const STATUS_WORDS = {
  draft: ['草稿', 'Draft'],
  sent: ['待客户确认', 'Sent'],
  accepted: ['已接受', 'Accepted'],
  rejected: ['已拒绝', 'Rejected'],
  expired: ['已过期', 'Expired'],
} as const;
const VIA_WORDS = { portal: ['客户门户确认', 'Portal'], signature: ['客户现场签字', 'Signed on site'], staff: ['代客户登记', 'Recorded by staff'] } as const;

export function quotesRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['quotes'];
  const tz = ctx.timeZone;
  const detail = async (user: Principal, id: string): Promise<z.infer<typeof quoteDetailDto>> => {
    const r = await getQuote(db, user, id);
    const x = await exclusionById(db, r.q.exclusionId);
    return {
      ...view(r),
      lines: r.q.lines.map(({ partId: _p, ...l }) => l),
      exclusion: x ? exclusionView(x) : null,
      hasSignature: r.q.signaturePng !== null,
      abilities: quoteAbilitiesOf(user.roles, r.q.status, customerScope(user) !== null),
    };
  };
  const section = async (user: Principal, workOrderId: string): Promise<z.infer<typeof workOrderQuotesDto>> => {
    const s = await quotesOfWorkOrder(db, user, workOrderId);
    const covered = s.category === 'warranty' || s.category === 'contract';
    const open = !['signed_off', 'reviewed', 'closed', 'cancelled'].includes(s.wo.status);
    const live = s.exclusion && (s.exclusion.status === 'proposed' || s.exclusion.status === 'confirmed');
    const confirmed = s.exclusion?.status === 'confirmed';
    const quotesSeen = s.rows.map(view);
    return {
      workOrderId,
      category: s.category,
      exclusion: s.exclusion ? exclusionView(s.exclusion) : null,
      quotes: quotesSeen,
      awaitingQuote: confirmed && !quotesSeen.some((q) => q.status === 'accepted'),
      abilities: {
        proposeExclusion: open && covered && !live && can(user, quotesPolicy, 'proposeExclusion'),
        decideExclusion: open && s.exclusion?.status === 'proposed' && can(user, quotesPolicy, 'decideExclusion'),
        createQuote:
          open &&
          (s.category === 'paid' || confirmed) &&
          !quotesSeen.some((q) => q.status === 'draft' || q.status === 'sent') &&
          can(user, quotesPolicy, 'manage'),
      },
    };
  };

  // ---- warranty exclusion (R-WX-1) --------------------------------------------------------------

  app.get(
    '/work-orders/:id/quotes',
    {
      schema: {
        tags,
        summary: 'The work order’s money section: its warranty exclusion (R-WX-1), its quotes and what the reader may do',
        params: idParams,
        response: { 200: workOrderQuotesDto },
      },
    },
    async (req) => section(authorize(req, quotesPolicy, 'read'), req.params.id),
  );

  app.post(
    '/work-orders/:id/warranty-exclusion',
    {
      schema: {
        tags,
        summary:
          'Propose a warranty exclusion (保修除外, R-WX-1: 人为损坏/使用不当/自然灾害/地震/雷击/虫害) on a warranty or contract job, with reason and evidence',
        params: idParams,
        body: proposeExclusionBody,
        response: { 201: workOrderQuotesDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, quotesPolicy, 'proposeExclusion');
      await proposeExclusion(db, user, req.params.id, req.body);
      return reply.status(201).send(await section(user, req.params.id));
    },
  );

  app.post(
    '/warranty-exclusions/:id/decide',
    {
      schema: {
        tags,
        summary: 'The service manager confirms (chargeable at cost, quote required before resolving) or rejects a proposed warranty exclusion',
        params: idParams,
        body: decideExclusionBody,
        response: { 200: exclusionDto },
      },
    },
    async (req) => {
      const user = authorize(req, quotesPolicy, 'decideExclusion');
      return exclusionView(await decideExclusion(db, user, req.params.id, req.body));
    },
  );

  // ---- quotes -----------------------------------------------------------------------------------

  app.get(
    '/quotes',
    {
      schema: {
        tags,
        summary: 'Quotes (报价单): by state, basis, hospital or work order; search; newest first. Hospital users see their own sent quotes.',
        querystring: quoteListQuery,
        response: { 200: pageOf(quoteDto) },
      },
    },
    async (req) => {
      const user = authorize(req, quotesPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await listQuotes(db, user, f, page, pageSize);
      return { items: rows.map(view), total, page, pageSize };
    },
  );

  app.get(
    '/quotes/export',
    { schema: { tags, summary: 'The quotes as filtered, as an Excel workbook', querystring: quoteExportQuery } },
    async (req, reply) => {
      const user = authorize(req, quotesPolicy, 'read');
      const rows = (await exportQuotes(db, user, req.query, EXPORT_MAX_ROWS)).map(view);
      const en = req.locale === 'en-US';
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'number', zh: '报价单号', en: 'Number', width: 18, value: (r) => r.number },
        { key: 'status', zh: '状态', en: 'State', width: 10, value: (r) => STATUS_WORDS[r.status][en ? 1 : 0] },
        { key: 'customer', zh: '客户', en: 'Customer', width: 22, value: (r) => r.customerName },
        { key: 'workOrder', zh: '工单', en: 'Work order', width: 16, value: (r) => r.workOrderNumber },
        { key: 'device', zh: '设备', en: 'Device', width: 24, value: (r) => `${r.deviceName ?? ''} ${r.serialNumber ?? ''}` },
        {
          key: 'basis',
          zh: '收费依据',
          en: 'Basis',
          width: 16,
          value: (r) =>
            r.basis === 'paid'
              ? en
                ? 'Paid service'
                : '有偿服务'
              : `${en ? 'Exclusion' : '保修除外'} ${r.exclusionCategory ? EXCLUSION_WORDS[r.exclusionCategory] : ''}`,
        },
        { key: 'labour', zh: '人工费', en: 'Labour', width: 10, value: (r) => Number(r.labour) },
        { key: 'parts', zh: '配件费', en: 'Parts', width: 10, value: (r) => Number(r.parts) },
        { key: 'travel', zh: '差旅费', en: 'Travel', width: 10, value: (r) => Number(r.travel) },
        { key: 'callOut', zh: '上门费', en: 'Call-out', width: 10, value: (r) => Number(r.callOut) },
        { key: 'total', zh: '合计', en: 'Total', width: 12, value: (r) => Number(r.total) },
        { key: 'validUntil', zh: '有效期至', en: 'Valid until', width: 12, value: (r) => r.validUntil },
        { key: 'createdBy', zh: '报价人', en: 'Quoted by', value: (r) => r.createdByName },
        { key: 'sentAt', zh: '发送时间', en: 'Sent at', width: 18, value: (r) => r.sentAt },
        { key: 'decidedAt', zh: '确认时间', en: 'Decided at', width: 18, value: (r) => r.decidedAt },
        { key: 'signer', zh: '客户确认人', en: 'Accepted by', value: (r) => r.signerName },
        { key: 'via', zh: '确认方式', en: 'How', width: 14, value: (r) => (r.acceptedVia ? VIA_WORDS[r.acceptedVia][en ? 1 : 0] : null) },
        { key: 'reason', zh: '理由', en: 'Reason', width: 24, value: (r) => r.decisionReason },
      ];
      return sendXlsx(reply, en ? 'quotes' : '报价单', await xlsxBuffer(en ? 'Quotes' : '报价单', columns, rows, req.locale));
    },
  );

  app.get(
    '/quotes/:id',
    { schema: { tags, summary: 'One quote with its lines, its exclusion and what the reader may do', params: idParams, response: { 200: quoteDetailDto } } },
    async (req) => detail(authorize(req, quotesPolicy, 'read'), req.params.id),
  );

  app.get('/quotes/:id/quote.pdf', { schema: { tags, summary: '报价单 as PDF (Chinese)', params: idParams } }, async (req, reply) => {
    const user = authorize(req, quotesPolicy, 'read');
    const d = await quoteForPdf(db, user, req.params.id);
    const q = d.row.q;
    const pdf = await renderQuote({
      number: q.number,
      customerName: d.row.customerName,
      workOrderNumber: d.row.workOrderNumber,
      requestNumber: d.requestNumber,
      device: `${d.row.modelName ?? ''} ${d.row.serialNumber}`.trim(),
      phenomenon: d.phenomenon,
      basis: q.basis,
      exclusion: d.exclusion ? { category: d.exclusion.category, reason: d.exclusion.reason } : null,
      lines: q.lines,
      labour: q.labour,
      parts: q.parts,
      travel: q.travel,
      callOut: q.callOut,
      total: q.total,
      currency: q.currency,
      validUntil: q.validUntil,
      createdOn: dateIn(q.createdAt, tz),
      createdByName: q.createdByName,
      status: STATUS_WORDS[q.status][0],
      acceptance:
        q.status === 'accepted' && q.signerName && q.acceptedVia && q.decidedAt
          ? { signerName: q.signerName, via: VIA_WORDS[q.acceptedVia][0], at: dateIn(q.decidedAt, tz) }
          : null,
      signaturePng: q.signaturePng,
    });
    const file = `${q.number}.pdf`;
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${file}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.post(
    '/quotes',
    {
      schema: {
        tags,
        summary: 'Draw up a quote (BJ-YYYY-NNNNNN) for a paid or excluded job: estimated labour, travel and parts priced from the price list, parts at cost',
        body: createQuoteBody,
        response: { 201: quoteDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, quotesPolicy, 'manage');
      const q = await createQuote(db, user, req.body, tz);
      return reply.status(201).send(await detail(user, q.id));
    },
  );

  app.post(
    '/quotes/:id/send',
    {
      schema: {
        tags,
        summary: 'Send the quote to the hospital (its portal users are notified)',
        params: idParams,
        body: sendQuoteBody,
        response: { 200: quoteDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, quotesPolicy, 'manage');
      await sendQuote(db, user, req.params.id, req.body, tz);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/quotes/:id/accept',
    {
      schema: {
        tags,
        summary:
          'The customer accepts: a hospital user in the portal (via portal, with their name), or staff recording the drawn signature on site (via signature) or an acceptance given otherwise (via staff, with a reason)',
        params: idParams,
        body: acceptQuoteBody,
        response: { 200: quoteDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, quotesPolicy, 'answer');
      await acceptQuote(db, user, req.params.id, req.body, tz);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/quotes/:id/reject',
    {
      schema: {
        tags,
        summary: 'The customer rejects the quote (in the portal, or recorded by staff), with the reason',
        params: idParams,
        body: rejectQuoteBody,
        response: { 200: quoteDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, quotesPolicy, 'answer');
      await rejectQuote(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );
}
