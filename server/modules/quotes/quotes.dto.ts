// Request and response shapes of warranty exclusions (R-WX-1) and quotes (报价单, issue 15 §4, R-FE-1).
import { z } from 'zod';
import { WARRANTY_EXCLUSION_CATEGORIES } from '../../db/enums.ts';
import { isoDate, listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { isPngDataUrl } from '../../lib/signature.ts';
import { EXCLUSION_STATUSES, QUOTE_ACCEPT_VIA, QUOTE_BASES, QUOTE_LINE_KINDS, QUOTE_STATUSES } from './quotes.tables.ts';

const category = z.enum(WARRANTY_EXCLUSION_CATEGORIES);
const status = z.enum(QUOTE_STATUSES);
const quantity = z
  .union([z.string().regex(/^\d{1,7}(\.\d{1,3})?$/), z.number().positive().max(1_000_000)])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^(?!0+(\.0+)?$)/, { message: 'must be > 0' }));

export const proposeExclusionBody = z.strictObject({
  category,
  reason: text(2000),
  /** What shows it (photos are attached to the work order with owner part `warranty_exclusion`). */
  evidence: text(2000),
});
export const decideExclusionBody = z.strictObject({ version, verdict: z.enum(['confirmed', 'rejected']), note: optionalText(2000) });

export const createQuoteBody = z.strictObject({
  workOrderId: z.uuid(),
  validUntil: isoDate(),
  /** Estimated labour (minutes) and distance (km, per-km price lists). */
  labourMinutes: z.number().int().min(0).max(100_000),
  travelKm: z
    .union([z.string().regex(/^\d{1,6}(\.\d)?$/), z.number().nonnegative().max(100_000)])
    .transform((v) => String(v))
    .nullish(),
  /** Parts from the catalogue, priced at their cost price. */
  parts: z.array(z.strictObject({ partId: z.uuid(), quantity })).max(50),
  note: optionalText(2000),
});
export const sendQuoteBody = z.strictObject({ version });
export const acceptQuoteBody = z.strictObject({
  via: z.enum(QUOTE_ACCEPT_VIA),
  signerName: text(100),
  signaturePng: z
    .string()
    .max(400_000)
    .refine(isPngDataUrl, { message: 'expected a PNG data URL', params: { code: 'invalid_format', format: 'data:image/png;base64,…' } })
    .nullish(),
  reason: optionalText(2000),
});
export const rejectQuoteBody = z.strictObject({ reason: text(2000) });

export const quoteListQuery = listQuery(['createdAt', 'number', 'validUntil', 'total'], {
  status: status.optional(),
  basis: z.enum(QUOTE_BASES).optional(),
  customerId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
});
export const quoteExportQuery = quoteListQuery.omit({ page: true, pageSize: true });

export const exclusionDto = z
  .object({
    id: z.string(),
    version: z.number(),
    workOrderId: z.string(),
    category,
    forceMajeure: z.boolean(),
    reason: z.string(),
    evidence: z.string(),
    status: z.enum(EXCLUSION_STATUSES),
    proposedAt: z.string(),
    proposedByName: z.string(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta(schemaId('WarrantyExclusion'));

export const quoteLineDto = z
  .object({
    kind: z.enum(QUOTE_LINE_KINDS),
    description: z.string(),
    quantity: z.string(),
    unit: z.string(),
    unitPrice: z.string(),
    amount: z.string(),
  })
  .meta(schemaId('QuoteLine'));

export const quoteDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    deviceName: z.string().nullable(),
    serialNumber: z.string().nullable(),
    basis: z.enum(QUOTE_BASES),
    exclusionCategory: category.nullable(),
    status,
    currency: z.string(),
    priceListVersion: z.number(),
    labour: z.string(),
    parts: z.string(),
    travel: z.string(),
    callOut: z.string(),
    total: z.string(),
    validUntil: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdByName: z.string(),
    sentAt: z.string().nullable(),
    sentByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    acceptedVia: z.enum(QUOTE_ACCEPT_VIA).nullable(),
    signerName: z.string().nullable(),
    decisionReason: z.string().nullable(),
  })
  .meta(schemaId('Quote'));

export const quoteDetailDto = quoteDto
  .extend({
    lines: z.array(quoteLineDto),
    exclusion: exclusionDto.nullable(),
    hasSignature: z.boolean(),
    abilities: z.object({ send: z.boolean(), accept: z.boolean(), reject: z.boolean() }),
  })
  .meta(schemaId('QuoteDetail'));

/** The work order's money section: its exclusion, its quotes and what the reader may do. */
export const workOrderQuotesDto = z
  .object({
    workOrderId: z.string(),
    category: z.string(),
    exclusion: exclusionDto.nullable(),
    quotes: z.array(quoteDto),
    /** A confirmed exclusion without an accepted quote: the job cannot be resolved yet (R-WX-1). */
    awaitingQuote: z.boolean(),
    abilities: z.object({ proposeExclusion: z.boolean(), decideExclusion: z.boolean(), createQuote: z.boolean() }),
  })
  .meta(schemaId('WorkOrderQuotes'));
