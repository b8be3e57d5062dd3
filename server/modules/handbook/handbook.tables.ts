import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { deviceCategory } from '../../db/enums.ts';
import { deviceModels, users, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** R-KB-1: draft → in review → published; a published entry being revised is a draft again (its live version stays); retired. */
export const HANDBOOK_STATES = ['draft', 'in_review', 'published', 'retired'] as const;
/** 办法§17: 维护手册、维修手册、软件备份、故障代码表、备件清单. */
export const MODEL_DOCUMENT_KINDS = ['maintenance_manual', 'service_manual', 'software_backup', 'fault_code_table', 'spare_parts_list'] as const;

/**
 * 售后服务手册 entry (R-KB-1, seed 002): a problem and its solution for a model (or a whole device
 * category) and fault code. The row is the working copy; each publication freezes a
 * `handbook_versions` row (revision 1, 2, …) which readers and suggestions see.
 */
export const handbookEntries = pgTable(
  'handbook_entries',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    category: deviceCategory('category'),
    faultCode: text('fault_code'),
    title: text('title').notNull(),
    symptoms: text('symptoms').notNull(),
    cause: text('cause').notNull().default(''),
    fix: text('fix').notNull().default(''),
    partCodes: text('part_codes').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    state: text('state', { enum: HANDBOOK_STATES }).notNull().default('draft'),
    /** The live (latest published) revision; 0 before the first publication. */
    publishedRevision: integer('published_revision').notNull().default(0),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'restrict' }),
    authorName: text('author_name').notNull(),
    submittedAt: ts('submitted_at'),
    reviewNote: text('review_note'),
    sourceWorkOrderId: uuid('source_work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    retiredAt: ts('retired_at'),
  },
  (t) => [
    uniqueIndex('handbook_entries_number_uq').on(t.number),
    index('handbook_entries_model_idx').on(t.modelId, t.state),
    index('handbook_entries_source_idx').on(t.sourceWorkOrderId).where(sql`source_work_order_id is not null`),
    check('handbook_entries_subject_ck', sql`(${t.modelId} is null) <> (${t.category} is null)`),
    check('handbook_entries_title_ck', sql`length(btrim(${t.title})) > 0`),
  ],
);

/** A published revision of an entry, frozen: the handbook readers, the diff and the suggestions read these. */
export const handbookVersions = pgTable(
  'handbook_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => handbookEntries.id, { onDelete: 'restrict' }),
    revision: integer('revision').notNull(),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    category: deviceCategory('category'),
    faultCode: text('fault_code'),
    title: text('title').notNull(),
    symptoms: text('symptoms').notNull(),
    cause: text('cause').notNull(),
    fix: text('fix').notNull(),
    partCodes: text('part_codes').array().notNull(),
    tags: text('tags').array().notNull(),
    /** Search keys: Chinese character bigrams and ASCII words (handbook.rules.ts searchGrams), GIN-indexed. */
    grams: text('grams').array().notNull(),
    authorName: text('author_name').notNull(),
    publishedAt: ts('published_at').notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'restrict' }),
    publishedByName: text('published_by_name').notNull(),
    reviewNote: text('review_note'),
  },
  (t) => [
    uniqueIndex('handbook_versions_entry_revision_uq').on(t.entryId, t.revision),
    index('handbook_versions_published_idx').on(t.publishedAt),
    index('handbook_versions_grams_idx').using('gin', t.grams),
  ],
);

/** 故障代码表 of a model: code → meaning. */
export const handbookFaultCodes = pgTable(
  'handbook_fault_codes',
  {
    ...recordColumns(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    code: text('code').notNull(),
    meaning: text('meaning').notNull(),
  },
  (t) => [uniqueIndex('handbook_fault_codes_model_code_uq').on(t.modelId, t.code)],
);

/** 每月底…更新后的售后服务手册: one row per month told to the engineers (the job's once-only key). */
export const handbookDigests = pgTable('handbook_digests', {
  month: text('month').primaryKey(),
  entries: integer('entries').notNull(),
  sentAt: ts('sent_at').notNull().defaultNow(),
});

/**
 * 办法§17 documents of a model (maintenance manual, service manual, software backup, fault-code
 * table, spare-parts list); the file hangs on it as an attachment (owner kind `model_document`).
 * `offered_to_customer`: hospitals owning the model may download it in the portal.
 */
export const modelDocuments = pgTable(
  'model_documents',
  {
    ...recordColumns(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: MODEL_DOCUMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    docVersion: text('doc_version').notNull(),
    offeredToCustomer: boolean('offered_to_customer').notNull().default(false),
    note: text('note'),
  },
  (t) => [index('model_documents_model_idx').on(t.modelId), check('model_documents_title_ck', sql`length(btrim(${t.title})) > 0`)],
);
