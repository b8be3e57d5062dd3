// Request and response shapes of invoices, receivables, cash hand-over and budgets (issue 15 §4, R-FE-1, R-FE-2).
import { z } from 'zod';
import { isoDate, listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { AGEING_BUCKETS, BUDGET_CATEGORIES, HANDOVER_STATUSES, INVOICE_ENTRY_KINDS } from './billing.tables.ts';

const MONEY = /^\d{1,10}(\.\d{1,2})?$/;
/** A non-negative amount with at most two decimals, as a string ("300", "12.50") or a number. */
const amount = () =>
  z
    .union([z.string().trim(), z.number().nonnegative().max(1e10)])
    .transform((v) => String(v))
    .pipe(z.string().regex(MONEY, { message: 'a non-negative amount with at most 2 decimals' }));
const positive = () => amount().refine((v) => Number(v) > 0, { message: 'must be > 0', params: { code: 'too_small', minimum: '0.01' } });

export const bucket = z.enum(AGEING_BUCKETS);
export const category = z.enum(BUDGET_CATEGORIES);

export const invoiceListQuery = listQuery(['issueDate', 'dueDate', 'number', 'open'], {
  customerId: z.uuid().optional(),
  bucket: bucket.optional(),
  open: z.enum(['true', 'false']).optional(),
});
export const invoiceExportQuery = invoiceListQuery.omit({ page: true, pageSize: true });
export const invoiceEntryParams = z.strictObject({ id: z.uuid(), entryId: z.uuid() });
export const yearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const customerQuery = z.strictObject({ customerId: z.uuid() });

export const createInvoiceBody = z.strictObject({
  workOrderIds: z.array(z.uuid()).min(1).max(100),
  /** Defaults to today (company calendar). */
  issueDate: isoDate().nullish(),
  /** Days to pay; defaults to the hospital's terms (30). */
  termsDays: z.number().int().min(0).max(365).nullish(),
  note: optionalText(500),
});
export const invoicePaymentBody = z.strictObject({ amount: positive(), reference: text(100) });
export const creditNoteBody = z.strictObject({ amount: positive(), reason: text(500) });
export const reverseEntryBody = z.strictObject({ reason: text(500) });

export const handoverBody = z.strictObject({ paymentIds: z.array(z.uuid()).min(1).max(200), note: optionalText(500) });
export const confirmHandoverBody = z.strictObject({ version });
export const handoverListQuery = listQuery(['handedAt'], { status: z.enum(HANDOVER_STATUSES).optional() });

export const budgetBody = z.strictObject({
  /** The year's version the editor read (0 for a year without a budget yet); a newer one gets 409. */
  version: z.number().int().min(0),
  labourCostPerHour: amount(),
  travelCostPerKm: amount(),
  lines: z.array(z.strictObject({ category, department: optionalText(100), project: optionalText(100), amount: amount() })).max(500),
});
export const costTagBody = z.strictObject({ workOrderId: z.uuid(), department: optionalText(100), project: optionalText(100) });

export const invoiceDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    issueDate: z.string(),
    termsDays: z.number(),
    dueDate: z.string(),
    currency: z.string(),
    total: z.string(),
    open: z.string(),
    /** Days past due of an open invoice (negative: not due yet); null once settled. */
    daysOverdue: z.number().nullable(),
    bucket: bucket.nullable(),
    note: z.string().nullable(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .meta(schemaId('Invoice'));

export const invoiceEntryDto = z
  .object({
    id: z.string(),
    kind: z.enum(INVOICE_ENTRY_KINDS),
    amount: z.string(),
    number: z.string().nullable(),
    reference: z.string().nullable(),
    reason: z.string().nullable(),
    reversesId: z.string().nullable(),
    reversedById: z.string().nullable(),
    at: z.string(),
    recordedByName: z.string(),
  })
  .meta(schemaId('InvoiceEntry'));

export const invoiceDetailDto = invoiceDto
  .extend({
    lines: z.array(z.object({ id: z.string(), workOrderId: z.string(), workOrderNumber: z.string(), description: z.string(), amount: z.string() })),
    entries: z.array(invoiceEntryDto),
    paid: z.string(),
    credited: z.string(),
    abilities: z.object({ pay: z.boolean(), credit: z.boolean(), reverse: z.boolean() }),
  })
  .meta(schemaId('InvoiceDetail'));

const bucketAmounts = z.object({ not_due: z.string(), d0_30: z.string(), d31_60: z.string(), d61_90: z.string(), d90_plus: z.string() });
export const receivablesDto = z
  .object({
    asOf: z.string(),
    customers: z.array(z.object({ customerId: z.string(), customerName: z.string(), invoices: z.number(), buckets: bucketAmounts, total: z.string() })),
    totals: bucketAmounts.extend({ total: z.string() }),
  })
  .meta(schemaId('Receivables'));

export const invoiceableDto = z
  .object({ items: z.array(z.object({ id: z.string(), number: z.string(), kind: z.string(), total: z.string(), balance: z.string(), currency: z.string() })) })
  .meta(schemaId('InvoiceableWorkOrders'));

export const cashOnHandDto = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        amount: z.string(),
        currency: z.string(),
        reference: z.string(),
        at: z.string(),
        recordedByName: z.string(),
        workOrderId: z.string(),
        workOrderNumber: z.string(),
        customerName: z.string(),
      }),
    ),
    total: z.string(),
  })
  .meta(schemaId('CashOnHand'));

export const cashHandoverDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    engineerName: z.string(),
    amount: z.string(),
    currency: z.string(),
    handedAt: z.string(),
    note: z.string().nullable(),
    status: z.enum(HANDOVER_STATUSES),
    confirmedAt: z.string().nullable(),
    confirmedByName: z.string().nullable(),
    items: z.array(z.object({ paymentId: z.string(), amount: z.string(), workOrderNumber: z.string(), reference: z.string() })),
    abilities: z.object({ confirm: z.boolean() }),
  })
  .meta(schemaId('CashHandover'));

export const budgetDto = z
  .object({
    year: z.number(),
    version: z.number(),
    labourCostPerHour: z.string(),
    travelCostPerKm: z.string(),
    lines: z.array(z.object({ id: z.string(), category, department: z.string(), project: z.string(), amount: z.string() })),
  })
  .meta(schemaId('Budget'));

const varianceRow = z.object({
  category: category.optional(),
  department: z.string().optional(),
  project: z.string().optional(),
  budget: z.string(),
  actual: z.string(),
  /** Budget − actual; negative is an overrun. */
  variance: z.string(),
  usedPercent: z.number().nullable(),
  overrun: z.boolean(),
});
export const budgetVsActualDto = z
  .object({
    year: z.number(),
    labourCostPerHour: z.string(),
    travelCostPerKm: z.string(),
    rows: z.array(varianceRow),
    byCategory: z.array(varianceRow),
    byDepartment: z.array(varianceRow),
    byProject: z.array(varianceRow),
    total: varianceRow,
  })
  .meta(schemaId('BudgetVsActual'));

export const costTagDto = z.object({ workOrderId: z.string(), department: z.string(), project: z.string(), version: z.number() }).meta(schemaId('CostTag'));
