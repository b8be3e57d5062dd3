// Renewals (issue 13 §3, R-CT-1): the pipeline card, the stage move, the owner, the notice days
// setting, the expiry notices, and the renewal rate report.
import { z } from 'zod';
import { deviceCategory } from '../../db/enums.ts';
import { isoDate, listQuery, optionalText, schemaId, version } from '../../lib/dto.ts';

export const stageSchema = z.enum(['notice_sent', 'visited', 'quoted', 'won', 'lost']);
export const sourceSchema = z.enum(['maintenance_contract', 'warranty_contract', 'factory_warranty']);
export const noticeKindSchema = z.enum(['customer_expiry', 'sales_warranty_expiry']);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' });
const money = z
  .union([z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, { message: 'amount like 12800.00' }), z.number().nonnegative().max(999_999_999_999)])
  .transform((v) => String(v));

const quoteLineDto = z.object({
  deviceId: z.string(),
  serialNumber: z.string(),
  modelName: z.string(),
  priceLineId: z.string().nullable(),
  basis: z.enum(['model', 'category', 'none']),
  annualPrice: z.string().nullable(),
  years: z.number(),
  amount: z.string(),
});

export const renewalQuoteDto = z
  .object({ years: z.number(), day: z.string(), currency: z.string(), lines: z.array(quoteLineDto), total: z.string(), unpriced: z.number() })
  .meta(schemaId('RenewalPriceListQuote'));
export const quoteQuery = z.strictObject({ years: z.coerce.number().int().min(1).max(10).default(1) });

export const priceLineDto = z
  .object({
    id: z.string(),
    version: z.number(),
    modelId: z.string().nullable(),
    modelName: z.string().nullable(),
    category: z.string().nullable(),
    annualPrice: z.string(),
    currency: z.string(),
    effectiveFrom: z.string(),
    note: z.string().nullable(),
  })
  .meta(schemaId('RenewalPriceLine'));
export const priceLineBody = z.strictObject({
  modelId: z.uuid().optional(),
  category: z.enum(deviceCategory.enumValues).optional(),
  annualPrice: money,
  effectiveFrom: isoDate(),
  note: optionalText(500),
});
// "A model or a category, not both" is checked by createPriceLine, after the authorization.

export const renewalDto = z
  .object({
    id: z.string(),
    version: z.number(),
    /** The expiring contract; null for a device's factory warranty (deviceId instead). */
    contractId: z.string().nullable(),
    contractNumber: z.string().nullable(),
    contractKind: z.enum(['warranty', 'maintenance', 'paid']).nullable(),
    deviceId: z.string().nullable(),
    /** Model and serial of that device. */
    deviceLabel: z.string().nullable(),
    contractPrice: z.string().nullable(),
    customerId: z.string(),
    customerName: z.string(),
    source: sourceSchema,
    expiresOn: z.string(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    stage: stageSchema,
    quoteAmount: z.string().nullable(),
    quoteCurrency: z.string(),
    quotedAt: z.string().nullable(),
    /** Issue 13 §3: the price-list lines the quote was computed from (null when typed in). */
    quoteLines: z.array(quoteLineDto).nullable(),
    quoteComputed: z.string().nullable(),
    quoteOverrideReason: z.string().nullable(),
    visitedAt: z.string().nullable(),
    lostReason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    newContractId: z.string().nullable(),
    newContractNumber: z.string().nullable(),
    deviceCount: z.number(),
    updatedAt: z.string(),
  })
  .meta(schemaId('Renewal'));

export const renewalListQuery = listQuery(['expiresOn', 'customerName', 'stage', 'updatedAt'], {
  ownerId: z.uuid().optional(),
  /** Expiry month, YYYY-MM. */
  month: month.optional(),
  stage: stageSchema.optional(),
  contractId: z.uuid().optional(),
  customerId: z.uuid().optional(),
});

export const moveBody = z.strictObject({
  version,
  stage: stageSchema,
  /** Required to quote; on won, an updated quote may be sent. */
  quoteAmount: money.optional(),
  /** Issue 13 §3: quote from the price list (devices × annual price × years); quoteAmount then overrides it. */
  fromPriceList: z.boolean().optional(),
  years: z.number().int().min(1).max(10).optional(),
  /** Required when quoteAmount differs from the price-list amount. */
  quoteOverrideReason: optionalText(500),
  /** Required to lose. */
  lostReason: optionalText(1000),
  /** On won: the new contract's last day (default: as long as the old one ran). */
  endDate: isoDate().optional(),
});

export const ownerOptionDto = z.object({ id: z.string(), name: z.string() }).meta(schemaId('RenewalOwnerOption'));
export const ownerBody = z.strictObject({ version, ownerId: z.uuid().nullable() });

export const settingsDto = z.object({ version: z.number(), customerNoticeDays: z.number(), salesNoticeDays: z.number() }).meta(schemaId('RenewalSettings'));
export const settingsBody = z.strictObject({
  version: z.number().int().min(0),
  customerNoticeDays: z.number().int().min(1).max(365),
  salesNoticeDays: z.number().int().min(1).max(365),
});

export const noticeDto = z
  .object({
    id: z.string(),
    contractId: z.string().nullable(),
    contractNumber: z.string().nullable(),
    deviceId: z.string().nullable(),
    customerId: z.string(),
    customerName: z.string(),
    kind: noticeKindSchema,
    expiresOn: z.string(),
    daysBefore: z.number(),
    sentOn: z.string(),
    recipients: z.number(),
    /** The 保养到期通知书 letter, for a customer notice. */
    letterUrl: z.string().nullable(),
  })
  .meta(schemaId('RenewalNotice'));
export const noticeListQuery = z.strictObject({ contractId: z.uuid().optional() });

export const rateQuery = z.strictObject({ from: month.optional(), to: month.optional(), ownerId: z.uuid().optional() });
const rateLine = z.object({
  key: z.string().nullable(),
  label: z.string(),
  total: z.number(),
  won: z.number(),
  lost: z.number(),
  open: z.number(),
  rate: z.number().nullable(),
});
export const rateDto = z
  .object({ from: z.string(), to: z.string(), byMonth: z.array(rateLine), byOwner: z.array(rateLine), overall: rateLine })
  .meta(schemaId('RenewalRate'));
