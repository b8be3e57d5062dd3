// Service handbook (售后服务手册, issue 15 §5, R-KB-1) and model documents (办法§17). Thin: parse,
// authorize, call the use case, present.
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { clockNow } from '../../lib/clock.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { createModelDocument, getModelDocument, hospitalMayReadDocument, listModelDocuments, updateModelDocument } from './handbook.documents.ts';
import {
  createDocumentBody,
  createEntryBody,
  diffQuery,
  documentQuery,
  entryListQuery,
  faultCodeBody,
  faultCodeDto,
  faultCodeListDto,
  faultCodeQuery,
  fromWorkOrderBody,
  handbookDiffDto,
  handbookEntryDetailDto,
  handbookEntryDto,
  handbookSuggestionsDto,
  handbookVersionDto,
  modelDocumentDto,
  modelDocumentListDto,
  monthQuery,
  noteBody,
  publishBody,
  revisionParams,
  stepBody,
  suggestQuery,
  updateDocumentBody,
  updateEntryBody,
  whatsNewDto,
} from './handbook.dto.ts';
import { handbookPolicy } from './handbook.policy.ts';
import { handbookAbilitiesOf } from './handbook.rules.ts';
import {
  createEntry,
  diffVersions,
  draftFromWorkOrder,
  type EntryRow,
  faultCodesOf,
  getEntry,
  getVersion,
  type HandbookVersion,
  listEntries,
  publishEntry,
  rejectEntry,
  retireEntry,
  saveFaultCode,
  submitEntry,
  suggestEntries,
  updateEntry,
  versionsOf,
  whatsNew,
} from './handbook.service.ts';
import { modelDocuments } from './handbook.tables.ts';

registerConstraintFields({
  handbook_entries_subject_ck: 'modelId',
  handbook_entries_title_ck: 'title',
  handbook_fault_codes_model_code_uq: 'code',
  model_documents_title_ck: 'title',
});

// 办法§17: the document's file hangs on it; hospital users read it only when it is offered and
// they own a unit of the model (handbook.documents.ts), any other document is a 404 to them.
registerAttachmentOwner('model_document', {
  canRead: (u) => can(u, handbookPolicy, 'readDocuments'),
  canWrite: (u) => can(u, handbookPolicy, 'manageDocuments'),
  hospitalOf: async (ex, id) => {
    const [row] = await ex.select({ id: modelDocuments.id }).from(modelDocuments).where(eq(modelDocuments.id, id));
    return row ? null : undefined;
  },
  hospitalMayRead: hospitalMayReadDocument,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const entryView = (x: EntryRow): z.infer<typeof handbookEntryDto> => ({
  id: x.e.id,
  version: x.e.version,
  number: x.e.number,
  modelId: x.e.modelId,
  modelName: x.modelName,
  modelCode: x.modelCode,
  category: x.e.category,
  faultCode: x.e.faultCode,
  title: x.e.title,
  symptoms: x.e.symptoms,
  cause: x.e.cause,
  fix: x.e.fix,
  partCodes: x.e.partCodes,
  tags: x.e.tags,
  state: x.e.state,
  publishedRevision: x.e.publishedRevision,
  authorName: x.e.authorName,
  submittedAt: iso(x.e.submittedAt),
  reviewNote: x.e.reviewNote,
  sourceWorkOrderId: x.e.sourceWorkOrderId,
  sourceWorkOrderNumber: x.workOrderNumber,
  updatedAt: x.e.updatedAt.toISOString(),
});
const versionView = (v: HandbookVersion): z.infer<typeof handbookVersionDto> => ({
  entryId: v.entryId,
  revision: v.revision,
  modelId: v.modelId,
  category: v.category,
  faultCode: v.faultCode,
  title: v.title,
  symptoms: v.symptoms,
  cause: v.cause,
  fix: v.fix,
  partCodes: v.partCodes,
  tags: v.tags,
  authorName: v.authorName,
  publishedAt: v.publishedAt.toISOString(),
  publishedByName: v.publishedByName,
  reviewNote: v.reviewNote,
});
type DocRow = Awaited<ReturnType<typeof listModelDocuments>>[number];
const documentView = (r: DocRow): z.infer<typeof modelDocumentDto> => ({
  id: r.d.id,
  version: r.d.version,
  modelId: r.d.modelId,
  modelName: r.modelName,
  modelCode: r.modelCode,
  kind: r.d.kind,
  title: r.d.title,
  docVersion: r.d.docVersion,
  offeredToCustomer: r.d.offeredToCustomer,
  note: r.d.note,
  updatedAt: r.d.updatedAt.toISOString(),
});

export function handbookRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['handbook'];
  const tz = ctx.timeZone;

  const detail = async (user: Principal, id: string): Promise<z.infer<typeof handbookEntryDetailDto>> => {
    const row = await getEntry(db, id);
    return {
      ...entryView(row),
      versions: (await versionsOf(db, id)).map(versionView),
      abilities: handbookAbilitiesOf(user.roles, user.id, row.e),
    };
  };

  app.get(
    '/handbook/entries',
    {
      schema: {
        tags,
        summary: 'Service handbook entries (售后服务手册, R-KB-1): search, by model, category, fault code, state or source work order',
        querystring: entryListQuery,
        response: { 200: pageOf(handbookEntryDto) },
      },
    },
    async (req) => {
      authorize(req, handbookPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await listEntries(db, f, page, pageSize);
      return { items: rows.map(entryView), total, page, pageSize };
    },
  );

  app.get(
    '/handbook/entries/:id',
    {
      schema: {
        tags,
        summary: 'One handbook entry: working copy, published versions, what the reader may do',
        params: idParams,
        response: { 200: handbookEntryDetailDto },
      },
    },
    async (req) => detail(authorize(req, handbookPolicy, 'read'), req.params.id),
  );

  app.get(
    '/handbook/entries/:id/versions/:revision',
    { schema: { tags, summary: 'A published revision of an entry, as it was published', params: revisionParams, response: { 200: handbookVersionDto } } },
    async (req) => {
      authorize(req, handbookPolicy, 'read');
      return versionView(await getVersion(db, req.params.id, req.params.revision));
    },
  );

  app.get(
    '/handbook/entries/:id/diff',
    {
      schema: {
        tags,
        summary: 'Field-by-field differences between two published revisions',
        params: idParams,
        querystring: diffQuery,
        response: { 200: handbookDiffDto },
      },
    },
    async (req) => {
      authorize(req, handbookPolicy, 'read');
      return { changes: await diffVersions(db, req.params.id, req.query.from, req.query.to) };
    },
  );

  app.post(
    '/handbook/entries',
    {
      schema: {
        tags,
        summary: 'Write a handbook entry (a draft): model or category, fault code, symptoms, cause, fix, parts, tags',
        body: createEntryBody,
        response: { 201: handbookEntryDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, handbookPolicy, 'write');
      const e = await createEntry(db, user, req.body);
      return reply.status(201).send(await detail(user, e.id));
    },
  );

  app.post(
    '/handbook/entries/from-work-order',
    {
      schema: {
        tags,
        summary: '写入售后服务手册: a draft from a reviewed or closed work order (model, phenomenon, cause, actions, parts used), linked back',
        body: fromWorkOrderBody,
        response: { 201: handbookEntryDetailDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, handbookPolicy, 'write');
      const e = await draftFromWorkOrder(db, user, req.body.workOrderId);
      return reply.status(201).send(await detail(user, e.id));
    },
  );

  app.patch(
    '/handbook/entries/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft, or revise a published entry (it becomes a draft; the live version stays)',
        params: idParams,
        body: updateEntryBody,
        response: { 200: handbookEntryDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'write');
      await updateEntry(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/handbook/entries/:id/submit',
    { schema: { tags, summary: 'Send a draft for review', params: idParams, body: stepBody, response: { 200: handbookEntryDetailDto } } },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'write');
      await submitEntry(db, user, req.params.id, req.body.version);
      return detail(user, req.params.id);
    },
  );
  app.post(
    '/handbook/entries/:id/publish',
    {
      schema: {
        tags,
        summary: 'Review and publish (expert, quality or service manager; never the author): a new version',
        params: idParams,
        body: publishBody,
        response: { 200: handbookEntryDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'review');
      await publishEntry(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );
  app.post(
    '/handbook/entries/:id/reject',
    {
      schema: {
        tags,
        summary: 'Send an entry in review back to draft with the reviewer’s note',
        params: idParams,
        body: noteBody,
        response: { 200: handbookEntryDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'review');
      await rejectEntry(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );
  app.post(
    '/handbook/entries/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire an entry (no longer suggested); its versions stay readable',
        params: idParams,
        body: noteBody,
        response: { 200: handbookEntryDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'review');
      await retireEntry(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  app.get(
    '/handbook/suggest',
    {
      schema: {
        tags,
        summary: 'Published entries suggested for a model + fault description (Chinese bigram matching; at intake and on the work order)',
        querystring: suggestQuery,
        response: { 200: handbookSuggestionsDto },
      },
    },
    async (req) => {
      authorize(req, handbookPolicy, 'read');
      return {
        items: await suggestEntries(db, { modelId: req.query.modelId ?? null, deviceId: req.query.deviceId ?? null, q: req.query.q, limit: req.query.limit }),
      };
    },
  );

  app.get(
    '/handbook/whats-new',
    {
      schema: {
        tags,
        summary: 'Entries published or revised in a month (default: this month, company time) — seed 002 每月底',
        querystring: monthQuery,
        response: { 200: whatsNewDto },
      },
    },
    async (req) => {
      authorize(req, handbookPolicy, 'read');
      const month = req.query.month ?? (DateTime.fromJSDate(clockNow(), { zone: tz }).toFormat('yyyy-MM') as string);
      const rows = await whatsNew(db, month, tz);
      return {
        month,
        items: rows.map((r) => ({
          entryId: r.v.entryId,
          number: r.number,
          revision: r.v.revision,
          title: r.v.title,
          faultCode: r.v.faultCode,
          modelName: r.modelName,
          category: r.v.category,
          change: r.v.revision === 1 ? ('new' as const) : ('revised' as const),
          publishedAt: r.v.publishedAt.toISOString(),
          publishedByName: r.v.publishedByName,
        })),
      };
    },
  );

  app.get(
    '/handbook/fault-codes',
    { schema: { tags, summary: 'A model’s fault-code table (故障代码表)', querystring: faultCodeQuery, response: { 200: faultCodeListDto } } },
    async (req) => {
      authorize(req, handbookPolicy, 'read');
      return {
        items: (await faultCodesOf(db, req.query.modelId)).map((f) => ({ id: f.id, version: f.version, modelId: f.modelId, code: f.code, meaning: f.meaning })),
      };
    },
  );
  app.post(
    '/handbook/fault-codes',
    { schema: { tags, summary: 'Add a code to a model’s fault-code table, or change its meaning', body: faultCodeBody, response: { 200: faultCodeDto } } },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'manageFaultCodes');
      const f = await saveFaultCode(db, user, req.body);
      return { id: f.id, version: f.version, modelId: f.modelId, code: f.code, meaning: f.meaning };
    },
  );

  app.get(
    '/model-documents',
    {
      schema: {
        tags,
        summary:
          'Model documents (办法§17: manuals, software backups, fault-code tables, spare-parts lists); hospitals see those offered for the models they own',
        querystring: documentQuery,
        response: { 200: modelDocumentListDto },
      },
    },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'readDocuments');
      return { items: (await listModelDocuments(db, user, req.query)).map(documentView), canManage: can(user, handbookPolicy, 'manageDocuments') };
    },
  );
  app.get(
    '/model-documents/:id',
    { schema: { tags, summary: 'One model document (404 to a hospital it is not offered to)', params: idParams, response: { 200: modelDocumentDto } } },
    async (req) => documentView(await getModelDocument(db, authorize(req, handbookPolicy, 'readDocuments'), req.params.id)),
  );
  app.post(
    '/model-documents',
    {
      schema: {
        tags,
        summary: 'Register a model document (kind, title, version, offered to the customer); the file is attached to it',
        body: createDocumentBody,
        response: { 201: modelDocumentDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, handbookPolicy, 'manageDocuments');
      const d = await createModelDocument(db, user, req.body);
      return reply.status(201).send(documentView(await getModelDocument(db, user, d.id)));
    },
  );
  app.patch(
    '/model-documents/:id',
    {
      schema: {
        tags,
        summary: 'Change a model document’s title, version or customer offer',
        params: idParams,
        body: updateDocumentBody,
        response: { 200: modelDocumentDto },
      },
    },
    async (req) => {
      const user = authorize(req, handbookPolicy, 'manageDocuments');
      await updateModelDocument(db, user, req.params.id, req.body);
      return documentView(await getModelDocument(db, user, req.params.id));
    },
  );
}
