// Invoices and receivables, cash hand-over, budgets (issue 15 §4, R-FE-1, R-FE-2). Thin: parse,
// authorize, call the use case, present.
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { budgetVsActual, getBudget, saveBudget, tagCost } from './billing.budgets.ts';
import { cashOnHand, confirmHandover, handOverCash, listHandovers } from './billing.cash.ts';
import {
  budgetBody,
  budgetDto,
  budgetVsActualDto,
  cashHandoverDto,
  cashOnHandDto,
  confirmHandoverBody,
  costTagBody,
  costTagDto,
  createInvoiceBody,
  creditNoteBody,
  customerQuery,
  handoverBody,
  handoverListQuery,
  invoiceableDto,
  invoiceDetailDto,
  invoiceDto,
  invoiceEntryParams,
  invoiceExportQuery,
  invoiceListQuery,
  invoicePaymentBody,
  receivablesDto,
  reverseEntryBody,
  yearParams,
} from './billing.dto.ts';
import {
  cents,
  createInvoice,
  exportInvoices,
  getInvoice,
  type InvoiceRow,
  invoiceableWorkOrders,
  issueCreditNote,
  listInvoices,
  money,
  receivablesByCustomer,
  recordInvoicePayment,
  reverseInvoicePayment,
} from './billing.invoices.ts';
import { billingPolicy } from './billing.policy.ts';
import { ageingBucket, daysBetween } from './billing.rules.ts';
import { AGEING_BUCKETS, BUDGET_CATEGORIES } from './billing.tables.ts';

registerConstraintFields({
  invoices_due_ck: 'issueDate',
  invoice_lines_work_order_uq: 'workOrderIds',
  cash_handover_items_payment_uq: 'paymentIds',
  budget_lines_key_uq: 'lines',
});

const BUCKET_WORDS = {
  not_due: ['未到期', 'Not due'],
  d0_30: ['0–30 天', '0–30 days'],
  d31_60: ['31–60 天', '31–60 days'],
  d61_90: ['61–90 天', '61–90 days'],
  d90_plus: ['90 天以上', 'Over 90 days'],
} as const;
const CATEGORY_WORDS = {
  installation: ['安装调试', 'Installation'],
  maintenance: ['维修保养', 'Maintenance'],
  parts: ['配件采购', 'Parts'],
  support: ['技术支持', 'Support'],
  training: ['人员培训', 'Training'],
  travel: ['差旅费', 'Travel'],
} as const;

export function billingRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['billing'];
  const today = () => dateIn(clockNow(), tz);

  const view = (r: InvoiceRow, asOf: string): z.infer<typeof invoiceDto> => {
    const open = cents(r.open) > 0n;
    return {
      id: r.i.id,
      version: r.i.version,
      number: r.i.number,
      customerId: r.i.customerId,
      customerName: r.customerName,
      issueDate: r.i.issueDate,
      termsDays: r.i.termsDays,
      dueDate: r.i.dueDate,
      currency: r.i.currency,
      total: r.i.total,
      open: money(cents(r.open)),
      daysOverdue: open ? daysBetween(r.i.dueDate, asOf) : null,
      bucket: open ? ageingBucket(r.i.dueDate, asOf) : null,
      note: r.i.note,
      createdByName: r.i.createdByName,
      createdAt: r.i.createdAt.toISOString(),
    };
  };
  const detail = async (user: Principal, id: string): Promise<z.infer<typeof invoiceDetailDto>> => {
    const d = await getInvoice(db, user, id);
    const sum = (k: string) => money(d.entries.filter((e) => e.kind === k).reduce((n, e) => n + cents(e.amount), 0n));
    const isOpen = cents(d.open) > 0n;
    return {
      ...view(d, today()),
      lines: d.lines.map((l) => ({
        id: l.l.id,
        workOrderId: l.l.workOrderId,
        workOrderNumber: l.workOrderNumber,
        description: l.l.description,
        amount: l.l.amount,
      })),
      entries: d.entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        amount: e.amount,
        number: e.number,
        reference: e.reference,
        reason: e.reason,
        reversesId: e.reversesId,
        reversedById: d.entries.find((x) => x.reversesId === e.id)?.id ?? null,
        at: e.at.toISOString(),
        recordedByName: e.recordedByName,
      })),
      paid: money(cents(sum('payment')) - cents(sum('payment_reversal'))),
      credited: sum('credit_note'),
      abilities: {
        pay: isOpen && can(user, billingPolicy, 'pay'),
        credit: isOpen && can(user, billingPolicy, 'credit'),
        reverse: can(user, billingPolicy, 'pay'),
      },
    };
  };
  const filtersOf = (q: z.infer<typeof invoiceExportQuery>) => ({ ...q, open: q.open === undefined ? undefined : q.open === 'true' });

  app.get(
    '/invoices',
    {
      schema: {
        tags,
        summary: 'Invoices (发票/应收, R-FE-1): by hospital, ageing bucket (days past due) or open; search number or hospital',
        querystring: invoiceListQuery,
        response: { 200: pageOf(invoiceDto) },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'readInvoices');
      const { page, pageSize, ...f } = req.query;
      const asOf = today();
      const { rows, total } = await listInvoices(db, user, filtersOf(f), page, pageSize, asOf);
      return { items: rows.map((r) => view(r, asOf)), total, page, pageSize };
    },
  );

  app.get(
    '/invoices/export',
    { schema: { tags, summary: 'The invoices as filtered, with open amounts and ageing, as an Excel workbook', querystring: invoiceExportQuery } },
    async (req, reply) => {
      const user = authorize(req, billingPolicy, 'readInvoices');
      const asOf = today();
      const rows = (await exportInvoices(db, user, filtersOf(req.query), EXPORT_MAX_ROWS, asOf)).map((r) => view(r, asOf));
      const en = req.locale === 'en-US';
      type R = (typeof rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'number', zh: '发票编号', en: 'Invoice', width: 18, value: (r) => r.number },
        { key: 'customer', zh: '客户', en: 'Customer', width: 24, value: (r) => r.customerName },
        { key: 'issueDate', zh: '开票日期', en: 'Issued', width: 12, value: (r) => r.issueDate },
        { key: 'dueDate', zh: '到期日', en: 'Due', width: 12, value: (r) => r.dueDate },
        { key: 'total', zh: '金额', en: 'Total', width: 12, value: (r) => Number(r.total) },
        { key: 'open', zh: '未收金额', en: 'Open', width: 12, value: (r) => Number(r.open) },
        { key: 'days', zh: '逾期天数', en: 'Days overdue', width: 10, value: (r) => (r.daysOverdue !== null && r.daysOverdue >= 0 ? r.daysOverdue : null) },
        { key: 'bucket', zh: '账龄', en: 'Ageing', width: 12, value: (r) => (r.bucket ? BUCKET_WORDS[r.bucket][en ? 1 : 0] : en ? 'Settled' : '已结清') },
      ];
      return sendXlsx(reply, en ? 'receivables' : '应收账款', await xlsxBuffer(en ? 'Receivables' : '应收账款', columns, rows, req.locale));
    },
  );

  app.get(
    '/invoices/:id',
    { schema: { tags, summary: 'One invoice with its lines, payments, reversals and credit notes', params: idParams, response: { 200: invoiceDetailDto } } },
    async (req) => detail(authorize(req, billingPolicy, 'readInvoices'), req.params.id),
  );

  app.post(
    '/invoices',
    {
      schema: {
        tags,
        summary: 'Invoice one hospital’s final fees of paid jobs (FP-YYYY-NNNNNN), due after its payment terms',
        body: createInvoiceBody,
        response: { 201: invoiceDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, billingPolicy, 'invoice');
      const inv = await createInvoice(db, user, req.body, tz);
      return reply.status(201).send(await detail(user, inv.id));
    },
  );

  app.post(
    '/invoices/:id/payments',
    {
      schema: {
        tags,
        summary: 'A payment received against the invoice (never more than is open)',
        params: idParams,
        body: invoicePaymentBody,
        response: { 200: invoiceDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'pay');
      await recordInvoicePayment(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/invoices/:id/credit-notes',
    {
      schema: {
        tags,
        summary: 'A credit note (红字冲销, HZ-YYYY-NNNNNN) lowering what is owed, with its reason',
        params: idParams,
        body: creditNoteBody,
        response: { 200: invoiceDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'credit');
      await issueCreditNote(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/invoices/:id/entries/:entryId/reverse',
    {
      schema: {
        tags,
        summary: 'Reverse a payment recorded in error by a line naming it (never an edit)',
        params: invoiceEntryParams,
        body: reverseEntryBody,
        response: { 200: invoiceDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'pay');
      await reverseInvoicePayment(db, user, req.params.id, req.params.entryId, req.body);
      return detail(user, req.params.id);
    },
  );

  app.get(
    '/receivables',
    { schema: { tags, summary: 'Open amounts per hospital by ageing bucket (0–30 / 31–60 / 61–90 / >90 days past due)', response: { 200: receivablesDto } } },
    async (req) => {
      const user = authorize(req, billingPolicy, 'readInvoices');
      const asOf = today();
      const rows = await receivablesByCustomer(db, user, asOf);
      const sum = (b: (typeof AGEING_BUCKETS)[number]) => money(rows.reduce((n, r) => n + r.buckets[b], 0n));
      const fmt = (b: Record<(typeof AGEING_BUCKETS)[number], bigint>) =>
        Object.fromEntries(AGEING_BUCKETS.map((k) => [k, money(b[k])])) as Record<(typeof AGEING_BUCKETS)[number], string>;
      return {
        asOf,
        customers: rows.map((r) => ({
          customerId: r.customerId,
          customerName: r.customerName,
          invoices: r.invoices,
          buckets: fmt(r.buckets),
          total: money(r.total),
        })),
        totals: {
          not_due: sum('not_due'),
          d0_30: sum('d0_30'),
          d31_60: sum('d31_60'),
          d61_90: sum('d61_90'),
          d90_plus: sum('d90_plus'),
          total: money(rows.reduce((n, r) => n + r.total, 0n)),
        },
      };
    },
  );

  app.get(
    '/invoices-candidates',
    {
      schema: {
        tags,
        summary: 'A hospital’s work orders that can be invoiced: final fees of paid jobs still owed, not invoiced',
        querystring: customerQuery,
        response: { 200: invoiceableDto },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'invoice');
      return { items: await invoiceableWorkOrders(db, user, req.query.customerId) };
    },
  );

  // ---- cash hand-over (现金交接, seed 002 §5) ----
  const handoverView = (user: Principal, x: Awaited<ReturnType<typeof listHandovers>>['rows'][number]): z.infer<typeof cashHandoverDto> => ({
    id: x.h.id,
    version: x.h.version,
    number: x.h.number,
    engineerName: x.h.engineerName,
    amount: x.h.amount,
    currency: x.h.currency,
    handedAt: x.h.handedAt.toISOString(),
    note: x.h.note,
    status: x.h.status,
    confirmedAt: x.h.confirmedAt?.toISOString() ?? null,
    confirmedByName: x.h.confirmedByName,
    items: x.items.map((i) => ({ paymentId: i.paymentId, amount: i.amount, workOrderNumber: i.workOrderNumber, reference: i.reference })),
    abilities: { confirm: x.h.status === 'pending' && can(user, billingPolicy, 'confirmHandover') },
  });

  app.get(
    '/cash-handovers',
    {
      schema: {
        tags,
        summary: 'Cash hand-overs (现金交接): finance sees all, an engineer his own',
        querystring: handoverListQuery,
        response: { 200: pageOf(cashHandoverDto) },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'handOver');
      const { page, pageSize, status } = req.query;
      const { rows, total } = await listHandovers(db, user, { status }, page, pageSize);
      return { items: rows.map((r) => handoverView(user, r)), total, page, pageSize };
    },
  );

  app.get(
    '/cash-handovers/on-hand',
    { schema: { tags, summary: 'Cash collected on site not yet handed over (an engineer’s own; finance: everyone’s)', response: { 200: cashOnHandDto } } },
    async (req) => {
      const user = authorize(req, billingPolicy, 'handOver');
      const rows = await cashOnHand(db, user);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        total: money(rows.reduce((n, r) => n + cents(r.amount), 0n)),
      };
    },
  );

  app.post(
    '/cash-handovers',
    { schema: { tags, summary: 'Hand collected cash to the accountant (XJ-YYYY-NNNNNN)', body: handoverBody, response: { 201: cashHandoverDto } } },
    async (req, reply) => {
      const user = authorize(req, billingPolicy, 'handOver');
      const h = await handOverCash(db, user, req.body, clockNow());
      return reply.status(201).send(handoverView(user, { h, items: (await listOne(user, h.id)).items }));
    },
  );

  const listOne = async (user: Principal, id: string) => {
    const { rows } = await listHandovers(db, { ...user, roles: ['finance'] }, {}, 1, 200);
    const found = rows.find((r) => r.h.id === id);
    if (!found) throw new Error('hand-over vanished');
    void user;
    return found;
  };

  app.post(
    '/cash-handovers/:id/confirm',
    {
      schema: {
        tags,
        summary: 'The accountant confirms the cash was received',
        params: idParams,
        body: confirmHandoverBody,
        response: { 200: cashHandoverDto },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'confirmHandover');
      const h = await confirmHandover(db, user, req.params.id, req.body.version, clockNow());
      return handoverView(user, { h, items: (await listOne(user, h.id)).items });
    },
  );

  // ---- budgets (费用预算, seed 004 §9, R-FE-2) ----
  app.get(
    '/budgets/:year',
    { schema: { tags, summary: 'The year’s budget grid and cost rates', params: yearParams, response: { 200: budgetDto } } },
    async (req) => {
      authorize(req, billingPolicy, 'readBudgets');
      return getBudget(db, req.params.year);
    },
  );

  app.post(
    '/budgets/:year',
    {
      schema: {
        tags,
        summary: 'Save the year’s budget grid and cost rates as a whole (version checked)',
        params: yearParams,
        body: budgetBody,
        response: { 200: budgetDto },
      },
    },
    async (req) => {
      const user = authorize(req, billingPolicy, 'editBudgets');
      return saveBudget(db, user, req.params.year, req.body);
    },
  );

  app.get(
    '/budgets/:year/actual',
    {
      schema: {
        tags,
        summary: 'Budget vs actual cost with variance by category, department and project (R-FE-2); overruns flagged',
        params: yearParams,
        response: { 200: budgetVsActualDto },
      },
    },
    async (req) => {
      authorize(req, billingPolicy, 'readBudgets');
      return budgetVsActual(db, req.params.year, tz);
    },
  );

  app.get(
    '/budgets/:year/export',
    { schema: { tags, summary: 'Budget vs actual of the year as an Excel workbook', params: yearParams } },
    async (req, reply) => {
      authorize(req, billingPolicy, 'readBudgets');
      const r = await budgetVsActual(db, req.params.year, tz);
      const en = req.locale === 'en-US';
      type R = (typeof r.rows)[number];
      const columns: ExportColumn<R>[] = [
        { key: 'category', zh: '费用类别', en: 'Category', width: 14, value: (x) => (x.category ? CATEGORY_WORDS[x.category][en ? 1 : 0] : null) },
        { key: 'department', zh: '部门', en: 'Department', width: 16, value: (x) => x.department ?? null },
        { key: 'project', zh: '项目', en: 'Project', width: 16, value: (x) => x.project ?? null },
        { key: 'budget', zh: '预算', en: 'Budget', width: 14, value: (x) => Number(x.budget) },
        { key: 'actual', zh: '实际', en: 'Actual', width: 14, value: (x) => Number(x.actual) },
        { key: 'variance', zh: '差异', en: 'Variance', width: 14, value: (x) => Number(x.variance) },
        { key: 'used', zh: '使用率 %', en: 'Used %', width: 10, value: (x) => x.usedPercent },
        { key: 'overrun', zh: '超支', en: 'Overrun', width: 8, value: (x) => (x.overrun ? (en ? 'Yes' : '是') : '') },
      ];
      void BUDGET_CATEGORIES;
      return sendXlsx(reply, en ? `budget-${r.year}` : `预算-${r.year}`, await xlsxBuffer(en ? 'Budget vs actual' : '预算执行', columns, r.rows, req.locale));
    },
  );

  app.post(
    '/cost-tags',
    { schema: { tags, summary: 'Book a work order’s cost to a department and project (R-FE-2)', body: costTagBody, response: { 200: costTagDto } } },
    async (req) => {
      const user = authorize(req, billingPolicy, 'tagCosts');
      const t = await tagCost(db, user, req.body.workOrderId, req.body);
      return { workOrderId: t.workOrderId, department: t.department, project: t.project, version: t.version };
    },
  );
}
