// Request and response shapes of the service handbook (售后服务手册, issue 15 §5, R-KB-1) and of the
// model documents (办法§17).
import { z } from 'zod';
import { deviceCategory } from '../../db/enums.ts';
import { listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { DIFF_FIELDS } from './handbook.rules.ts';
import { HANDBOOK_STATES, MODEL_DOCUMENT_KINDS } from './handbook.tables.ts';

const state = z.enum(HANDBOOK_STATES);
const category = z.enum(deviceCategory.enumValues);
const docKind = z.enum(MODEL_DOCUMENT_KINDS);
const codeText = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { message: 'letters, digits, . _ / -' });

const content = {
  /** Exactly one of model or category (checked by the service: 422 handbook_subject). */
  modelId: z.uuid().nullish(),
  category: category.nullish(),
  /** A code of the model's 故障代码表. */
  faultCode: codeText.nullish(),
  title: text(200),
  symptoms: text(4000),
  cause: optionalText(4000),
  fix: optionalText(8000),
  /** Part codes from the parts catalogue. */
  partCodes: z.array(codeText).max(30).optional(),
  tags: z.array(text(30)).max(20).optional(),
};
export const createEntryBody = z.strictObject(content);
export const updateEntryBody = z.strictObject({ version, ...content });
export const fromWorkOrderBody = z.strictObject({ workOrderId: z.uuid() });
export const stepBody = z.strictObject({ version });
export const publishBody = z.strictObject({ version, note: optionalText(2000) });
export const noteBody = z.strictObject({ version, note: text(2000) });

export const entryListQuery = listQuery(['updatedAt', 'number'], {
  modelId: z.uuid().optional(),
  category: category.optional(),
  faultCode: codeText.optional(),
  state: state.optional(),
  workOrderId: z.uuid().optional(),
});
export const revisionParams = z.strictObject({ id: z.uuid(), revision: z.coerce.number().int().min(1).max(100_000) });
export const diffQuery = z.strictObject({ from: z.coerce.number().int().min(1).max(100_000), to: z.coerce.number().int().min(1).max(100_000) });
export const suggestQuery = z.strictObject({
  modelId: z.uuid().optional(),
  /** Or the unit: its model is used (intake, the work-order page). */
  deviceId: z.uuid().optional(),
  q: text(500),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const monthQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
export const faultCodeQuery = z.strictObject({ modelId: z.uuid() });
export const faultCodeBody = z.strictObject({ modelId: z.uuid(), code: codeText, meaning: text(500) });
export const documentQuery = z.strictObject({ modelId: z.uuid().optional() });
export const createDocumentBody = z.strictObject({
  modelId: z.uuid(),
  kind: docKind,
  title: text(200),
  docVersion: text(40),
  offeredToCustomer: z.boolean(),
  note: optionalText(1000),
});
export const updateDocumentBody = z.strictObject({
  version,
  title: text(200).optional(),
  docVersion: text(40).optional(),
  offeredToCustomer: z.boolean().optional(),
  note: optionalText(1000),
});

const entryShape = {
  id: z.string(),
  version: z.number(),
  number: z.string(),
  modelId: z.string().nullable(),
  modelName: z.string().nullable(),
  modelCode: z.string().nullable(),
  category: category.nullable(),
  faultCode: z.string().nullable(),
  title: z.string(),
  symptoms: z.string(),
  cause: z.string(),
  fix: z.string(),
  partCodes: z.array(z.string()),
  tags: z.array(z.string()),
  state,
  publishedRevision: z.number(),
  authorName: z.string(),
  submittedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  sourceWorkOrderId: z.string().nullable(),
  sourceWorkOrderNumber: z.string().nullable(),
  updatedAt: z.string(),
};
export const handbookEntryDto = z.object(entryShape).meta(schemaId('HandbookEntry'));

export const handbookVersionDto = z
  .object({
    entryId: z.string(),
    revision: z.number(),
    modelId: z.string().nullable(),
    category: category.nullable(),
    faultCode: z.string().nullable(),
    title: z.string(),
    symptoms: z.string(),
    cause: z.string(),
    fix: z.string(),
    partCodes: z.array(z.string()),
    tags: z.array(z.string()),
    authorName: z.string(),
    publishedAt: z.string(),
    publishedByName: z.string(),
    reviewNote: z.string().nullable(),
  })
  .meta(schemaId('HandbookVersion'));

export const handbookEntryDetailDto = z
  .object({
    ...entryShape,
    versions: z.array(handbookVersionDto),
    abilities: z.object({ edit: z.boolean(), submit: z.boolean(), publish: z.boolean(), reject: z.boolean(), retire: z.boolean() }),
  })
  .meta(schemaId('HandbookEntryDetail'));

export const handbookDiffDto = z
  .object({ changes: z.array(z.object({ field: z.enum(DIFF_FIELDS), before: z.string(), after: z.string() })) })
  .meta(schemaId('HandbookDiff'));

export const handbookSuggestionDto = z
  .object({
    entryId: z.string(),
    number: z.string(),
    revision: z.number(),
    title: z.string(),
    faultCode: z.string().nullable(),
    symptoms: z.string(),
    fix: z.string(),
    modelId: z.string().nullable(),
    score: z.number(),
  })
  .meta(schemaId('HandbookSuggestion'));
export const handbookSuggestionsDto = z.object({ items: z.array(handbookSuggestionDto) }).meta(schemaId('HandbookSuggestions'));

export const whatsNewDto = z
  .object({
    month: z.string(),
    items: z.array(
      z.object({
        entryId: z.string(),
        number: z.string(),
        revision: z.number(),
        title: z.string(),
        faultCode: z.string().nullable(),
        modelName: z.string().nullable(),
        category: category.nullable(),
        change: z.enum(['new', 'revised']),
        publishedAt: z.string(),
        publishedByName: z.string(),
      }),
    ),
  })
  .meta(schemaId('HandbookWhatsNew'));

export const faultCodeDto = z
  .object({ id: z.string(), version: z.number(), modelId: z.string(), code: z.string(), meaning: z.string() })
  .meta(schemaId('HandbookFaultCode'));
export const faultCodeListDto = z.object({ items: z.array(faultCodeDto) }).meta(schemaId('HandbookFaultCodeList'));

export const modelDocumentDto = z
  .object({
    id: z.string(),
    version: z.number(),
    modelId: z.string(),
    modelName: z.string(),
    modelCode: z.string(),
    kind: docKind,
    title: z.string(),
    docVersion: z.string(),
    offeredToCustomer: z.boolean(),
    note: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta(schemaId('ModelDocument'));
export const modelDocumentListDto = z.object({ items: z.array(modelDocumentDto), canManage: z.boolean() }).meta(schemaId('ModelDocumentList'));
