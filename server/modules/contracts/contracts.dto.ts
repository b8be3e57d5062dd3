import { z } from 'zod';
import { isoDate, listQuery, optionalShape, optionalText, schemaId, text, version } from '../../lib/dto.ts';

export const contractKindSchema = z.enum(['warranty', 'maintenance', 'paid']);

export const contractDto = z
  .object({
    id: z.string(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    number: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    kind: contractKindSchema,
    startDate: z.string(),
    endDate: z.string(),
    slaPolicy: z.string().nullable(),
    visitsPerYear: z.number(),
    price: z.string().nullable(),
    currency: z.string(),
    notes: z.string().nullable(),
    deviceIds: z.array(z.string()),
    deviceCount: z.number(),
    /** The contract this one renews (R-CT-1), when it came from a renewal won. */
    previousContractId: z.string().nullable(),
    /** active | upcoming | expired, on today's company-local date. */
    state: z.enum(['active', 'upcoming', 'expired']),
  })
  .meta(schemaId('Contract'));

const money = z
  .union([z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, { message: 'amount like 12800.00' }), z.number().nonnegative().max(999_999_999_999), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? v : String(v)));

const fields = {
  customerId: z.uuid(),
  kind: contractKindSchema,
  startDate: isoDate(),
  endDate: isoDate(),
  slaPolicy: optionalText(100),
  visitsPerYear: z.number().int().min(0).max(365),
  price: money,
  currency: z.string().regex(/^[A-Z]{3}$/),
  notes: optionalText(2000),
  deviceIds: z.array(z.uuid()).max(5000),
};
export const createContractBody = z.strictObject({
  number: text(50),
  ...fields,
  visitsPerYear: fields.visitsPerYear.default(0),
  currency: fields.currency.default('CNY'),
  deviceIds: fields.deviceIds.default([]),
});
export const updateContractBody = z.strictObject({ version, number: text(50).optional(), ...optionalShape(fields) });

export const contractListQuery = listQuery(['number', 'customerName', 'startDate', 'endDate', 'kind', 'updatedAt'], {
  customerId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
  kind: contractKindSchema.optional(),
  state: z.enum(['active', 'upcoming', 'expired']).optional(),
  /** Active contracts ending within N days (renewal follow-up, R-CT-1). */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});
