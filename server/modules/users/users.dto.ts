import { z } from 'zod';
import { abilitiesDto } from '../../http/abilities.ts';
import { ROLES } from '../../lib/access.ts';
import { email, listQuery, optionalText, pageOf, schemaId, text, version } from '../../lib/dto.ts';

export const roleSchema = z.enum(ROLES);
export const localeSchema = z.enum(['zh-CN', 'en-US']);

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const userDto = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    roles: z.array(roleSchema),
    customerId: z.string().nullable(),
    customerName: z.string().nullable().optional(),
    /** R-ORG-1: the unit a staff member (engineer) belongs to. */
    unitId: z.string().nullable().optional(),
    locale: z.string(),
    active: z.boolean(),
    lastLoginAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta(schemaId('User'));

/** The signed-in user, the CSRF token, and what they may do (issue 11 item 3). */
export const meDto = z
  .object({
    user: userDto,
    csrfToken: z.string(),
    abilities: abilitiesDto,
    // The company's business-calendar zone: "today" in a date field is the company's date, which
    // the server checks dates against, not the date where the browser happens to be.
    timeZone: z.string(),
  })
  .meta(schemaId('Me'));

const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^[A-Za-z0-9._@-]+$/, { message: 'letters, digits and . _ @ - only' });

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: text(100),
  email: z
    .union([email(), z.literal(''), z.null()])
    .optional()
    .transform((v) => v || null),
  phone: optionalText(50),
  roles: z.array(roleSchema).min(1).max(ROLES.length),
  customerId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  locale: localeSchema.default('zh-CN'),
  password: z.string().min(1).max(200),
});

export const updateUserBody = z.strictObject({
  version,
  displayName: text(100).optional(),
  email: z
    .union([email(), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' ? null : v)),
  phone: optionalText(50),
  roles: z.array(roleSchema).min(1).max(ROLES.length).optional(),
  customerId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  locale: localeSchema.optional(),
  active: z.boolean().optional(),
});

export const resetPasswordBody = z.strictObject({ version, password: z.string().min(1).max(200) });
export const changeOwnPasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
export const updateMeBody = z.strictObject({ locale: localeSchema });

export const userListQuery = listQuery(['username', 'displayName', 'createdAt', 'lastLoginAt'], {
  role: roleSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  customerId: z.uuid().optional(),
  unitId: z.uuid().optional(),
});
export const userPage = pageOf(userDto);
