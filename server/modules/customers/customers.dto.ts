import { z } from 'zod';
import { regionClass } from '../../db/enums.ts';
import { listQuery, optionalText, optionalShape as partial, schemaId, text, version } from '../../lib/dto.ts';

export const customerKindSchema = z.enum(['hospital', 'clinic', 'distributor', 'other']);
export const regionClassSchema = z.enum(regionClass.enumValues);

const record = { id: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string() };

export const customerDto = z
  .object({
    ...record,
    code: z.string(),
    name: z.string(),
    kind: customerKindSchema,
    grade: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    notes: z.string().nullable(),
    unitId: z.string().nullable(),
  })
  .meta(schemaId('Customer'));
const customerFields = {
  name: text(200),
  /** R-ORG-1: the unit serving this customer. */
  unitId: z.uuid().nullable().optional(),
  kind: customerKindSchema,
  grade: optionalText(50),
  province: optionalText(50),
  city: optionalText(50),
  address: optionalText(300),
  phone: optionalText(50),
  notes: optionalText(2000),
};
export const createCustomerBody = z.strictObject({ code: text(50), ...customerFields, kind: customerKindSchema.default('hospital') });
export const updateCustomerBody = z.strictObject({ version, code: text(50).optional(), ...partial(customerFields) });
export const customerListQuery = listQuery(['code', 'name', 'city', 'createdAt', 'updatedAt'], {
  kind: customerKindSchema.optional(),
  province: z.string().max(50).optional(),
  city: z.string().max(50).optional(),
  unitId: z.uuid().optional(),
});

export const departmentDto = z.object({ ...record, customerId: z.string(), name: z.string(), phone: z.string().nullable() }).meta(schemaId('Department'));
export const createDepartmentBody = z.strictObject({ customerId: z.uuid(), name: text(100), phone: optionalText(50) });
export const updateDepartmentBody = z.strictObject({ version, name: text(100).optional(), phone: optionalText(50) });
export const childListQuery = (sorts: readonly [string, ...string[]]) => listQuery(sorts, { customerId: z.uuid().optional() });

export const siteDto = z
  .object({
    ...record,
    customerId: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    regionClass: regionClassSchema,
    unitId: z.string().nullable(),
  })
  .meta(schemaId('Site'));
export const createSiteBody = z.strictObject({
  customerId: z.uuid(),
  name: text(100),
  address: optionalText(300),
  regionClass: regionClassSchema.default('urban'),
  unitId: z.uuid().nullable().optional(),
});
export const updateSiteBody = z.strictObject({
  version,
  name: text(100).optional(),
  address: optionalText(300),
  regionClass: regionClassSchema.optional(),
  unitId: z.uuid().nullable().optional(),
});
export const siteListQuery = listQuery(['name', 'regionClass', 'createdAt'], { customerId: z.uuid().optional(), regionClass: regionClassSchema.optional() });

export const contactDto = z
  .object({
    ...record,
    customerId: z.string(),
    departmentId: z.string().nullable(),
    name: z.string(),
    title: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta(schemaId('Contact'));
const contactFields = {
  departmentId: z.uuid().nullable().optional(),
  name: text(100),
  title: optionalText(100),
  phone: optionalText(50),
  email: z
    .union([z.email().max(200), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' ? null : v)),
};
export const createContactBody = z.strictObject({ customerId: z.uuid(), ...contactFields });
export const updateContactBody = z.strictObject({ version, ...partial(contactFields) });
