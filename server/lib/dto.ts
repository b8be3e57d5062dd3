// Zod building blocks shared by every module's DTOs, so that the same input rules (no NUL
// bytes, trimmed text, real calendar dates, bounded paging) hold everywhere.
import { z } from 'zod';

// Control characters (NUL among them, which PostgreSQL text refuses) except tab, LF and CR.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*$/;

/** Trimmed text without control characters, 1..max long. */
export const text = (max = 200) => z.string().trim().min(1).max(max).regex(NO_CONTROL, { message: 'control characters are not allowed' });

/** Optional free text: empty string and null both mean "no value". */
export const optionalText = (max = 500) =>
  z
    .union([z.string().trim().max(max).regex(NO_CONTROL), z.null()])
    .optional()
    .transform((v) => (v === '' ? null : v));

export const uuid = () => z.uuid();
export const idParams = z.strictObject({ id: z.uuid() });

function isCalendarDate(s: string) {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A calendar date, YYYY-MM-DD, that exists (no 2026-02-30). */
export const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected YYYY-MM-DD' })
    .refine(isCalendarDate, { message: 'no such date', params: { code: 'invalid_format', format: 'YYYY-MM-DD' } });

export const optionalDate = () =>
  z
    .union([isoDate(), z.null(), z.literal('')])
    .optional()
    .transform((v) => (v === '' ? null : v));

export const email = () => z.email().max(200);

export const version = z.number().int().min(1);

/** Query string of a list endpoint: search text, sort key (optionally '-' for descending), paging. */
export function listQuery<S extends string, F extends z.ZodRawShape>(sortKeys: readonly [S, ...S[]], filters: F) {
  const sortValues = sortKeys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z.strictObject({
    q: z.string().trim().max(100).regex(NO_CONTROL, { message: 'control characters are not allowed' }).optional(),
    sort: z.enum(sortValues).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    ...filters,
  });
}

// Issue 11 item 1: a schema given an id (`.meta(schemaId('WorkOrder'))`) becomes a named entry
// of the OpenAPI document's components.schemas (fastify-type-provider-zod reads ids from Zod's
// global registry) and every route using it refers to it by $ref, so the web client's types get
// real names. Zod lets a second schema take an id silently, so a duplicate fails here, at load.
const schemaIds = new Set<string>();
export function schemaId(id: string) {
  if (schemaIds.has(id)) throw new Error(`OpenAPI schema id "${id}" is used twice`);
  schemaIds.add(id);
  return { id };
}
/** The ids given so far, for the document test. */
export const schemaIdsGiven = (): ReadonlySet<string> => schemaIds;

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Exact, or (the big lists, `totalExact: false`) a lower bound: counting stops at 10,000. */
    total: z.number().int(),
    totalExact: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
const pages = new WeakMap<z.ZodType, z.ZodType>();
/** One page of a list; a page of a named item is itself named (WorkOrder → WorkOrderPage), once. */
export const pageOf = <T extends z.ZodType>(item: T): ReturnType<typeof page<T>> => {
  const known = pages.get(item);
  if (known) return known as ReturnType<typeof page<T>>;
  // WorkOrderListItem → WorkOrderPage; an unnamed item keeps its page inline.
  const id = z.globalRegistry.get(item)?.id;
  const schema = id ? page(item).meta(schemaId(`${id.replace(/(List)?Item$/, '')}Page`)) : page(item);
  pages.set(item, schema);
  return schema;
};

export const timestamp = () => z.string();
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string(),
    fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .meta(schemaId('Problem'));

/** Every field of a shape made optional, for PATCH bodies. */
export function optionalShape<S extends z.ZodRawShape>(shape: S) {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
}
