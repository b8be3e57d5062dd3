// Attachments (issue 12 item 0): list by owner, upload (multipart), meta, content, thumbnail,
// withdraw. Served only to callers who may read the owning record; never HTML or SVG inline.
import path from 'node:path';
import type { FastifyReply, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams } from '../../lib/dto.ts';
import { AppError } from '../../lib/errors.ts';
import { attachmentDto, contentQuery, listQuery, uploadBody, uploadFields, withdrawBody } from './attachments.dto.ts';
import { attachmentsPolicy } from './attachments.policy.ts';
import { contentDisposition, INLINE } from './attachments.rules.ts';
import { type AttachmentRow, formatLimit, getFor, listByOwner, upload, withdraw } from './attachments.service.ts';
import { type BlobStore, fileBlobStore } from './attachments.store.ts';

export const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Zod validation for params and query; the multipart body is read by the handler instead. */
const skipBody: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : (validatorCompiler as FastifySchemaCompiler<unknown>)(route);

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function view(r: AttachmentRow): z.infer<typeof attachmentDto> {
  const a = r.a;
  return {
    id: a.id,
    version: a.version,
    ownerKind: a.ownerKind,
    ownerId: a.ownerId,
    ownerPart: a.ownerPart,
    fileName: a.fileName,
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    caption: a.caption,
    width: a.width,
    height: a.height,
    takenAt: iso(a.takenAt),
    uploadedAt: a.uploadedAt.toISOString(),
    uploadedById: a.uploadedBy,
    uploadedByName: r.uploadedByName,
    status: a.status,
    supersededById: a.supersededById,
    withdrawnAt: iso(a.withdrawnAt),
    withdrawnByName: r.withdrawnByName,
    withdrawReason: a.withdrawReason,
    contentUrl: `/api/v1/attachments/${a.id}/content`,
    thumbnailUrl: a.thumbSha256 ? `/api/v1/attachments/${a.id}/thumbnail` : null,
  };
}

export function attachmentsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const store: BlobStore = ctx.attachments?.store ?? fileBlobStore(path.join(ctx.dataDir, 'blobs'));
  const maxBytes = ctx.attachments?.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  const tags = ['attachments'];

  async function send(reply: FastifyReply, sha256: string, mime: string, name: string, download: boolean) {
    const bytes = await store.get(sha256);
    if (!bytes) throw new AppError(503, 'attachment_blob_missing');
    // Only raster images and PDF are shown inline; anything else is a download, and the browser is
    // told not to guess a type or run anything (issue 12 item 0).
    const inline = !download && INLINE.has(mime);
    // Images and downloads also get a sandboxing policy; a PDF keeps the app's own (the browser's
    // PDF viewer does not open under `sandbox`).
    if (mime !== 'application/pdf') reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    return reply
      .header('content-type', mime)
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=86400')
      .header('etag', `"${sha256}"`)
      .send(bytes);
  }

  app.get(
    '/attachments',
    {
      schema: {
        tags,
        summary: "A record's attachments, oldest first; history=true adds withdrawn and superseded ones",
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(attachmentDto) }) },
      },
    },
    async (req) => {
      const user = authorize(req, attachmentsPolicy, 'read');
      const rows = await listByOwner(db, user, req.query);
      return { items: rows.map(view) };
    },
  );

  app.post(
    '/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a photo, scan or document to a record (multipart); images get a thumbnail and keep their EXIF time',
        description:
          'multipart/form-data: text parts ownerKind, ownerId, ownerPart?, caption?, supersedes? and one part `file`. The type is sniffed ' +
          'from the bytes (JPEG, PNG, WebP, HEIC, PDF, DOCX, XLSX); anything else → 422 `attachment_type_not_allowed`. ' +
          `Over the size limit (ATTACHMENT_MAX_MB, default ${DEFAULT_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB) → 413.`,
        consumes: ['multipart/form-data'],
        body: uploadBody,
        response: { 201: attachmentDto },
      },
      validatorCompiler: skipBody,
      config: { uploadLimit: maxBytes },
    },
    async (req, reply) => {
      const user = authorize(req, attachmentsPolicy, 'upload');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Buffer } | null = null;
      try {
        for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              part.file.resume();
              continue;
            }
            file = { name: part.filename ?? '', bytes: await part.toBuffer() };
          } else fields[part.fieldname] = String(part.value ?? '');
        }
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'attachment_too_large', { limit: formatLimit(maxBytes) });
        throw e;
      }
      const f = uploadFields.parse(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')));
      if (!file) throw new AppError(422, 'attachment_no_file', {}, [{ field: 'file', code: 'required' }]);
      const row = await upload(
        db,
        store,
        user,
        actorOf(user),
        {
          ownerKind: f.ownerKind,
          ownerId: f.ownerId,
          ownerPart: f.ownerPart ?? null,
          caption: f.caption ?? null,
          supersedes: f.supersedes ?? null,
          fileName: file.name,
          bytes: file.bytes,
        },
        ctx.timeZone,
      );
      return reply.status(201).send(view(await getFor(db, user, row.id)));
    },
  );

  app.get('/attachments/:id', { schema: { tags, summary: "An attachment's facts", params: idParams, response: { 200: attachmentDto } } }, async (req) => {
    const user = authorize(req, attachmentsPolicy, 'read');
    return view(await getFor(db, user, req.params.id));
  });

  app.get(
    '/attachments/:id/content',
    {
      schema: {
        tags,
        summary: 'The file itself (images and PDF inline, the rest as a download; download=1 always downloads)',
        params: idParams,
        querystring: contentQuery,
      },
    },
    async (req, reply) => {
      const user = authorize(req, attachmentsPolicy, 'read');
      const { a } = await getFor(db, user, req.params.id);
      return send(reply, a.sha256, a.mime, a.fileName, req.query.download === '1');
    },
  );

  app.get('/attachments/:id/thumbnail', { schema: { tags, summary: 'A 320 px webp thumbnail of an image', params: idParams } }, async (req, reply) => {
    const user = authorize(req, attachmentsPolicy, 'read');
    const { a } = await getFor(db, user, req.params.id);
    if (!a.thumbSha256) throw new AppError(404, 'not_found');
    const base = a.fileName.replace(/\.[^.]+$/, '');
    return send(reply, a.thumbSha256, 'image/webp', `${base}-thumb.webp`, false);
  });

  app.post(
    '/attachments/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw an attachment with a reason: hidden from the list, kept in the history (never deleted)',
        params: idParams,
        body: withdrawBody,
        response: { 200: attachmentDto },
      },
    },
    async (req) => {
      const user = authorize(req, attachmentsPolicy, 'withdraw');
      await withdraw(db, user, actorOf(user), req.params.id, req.body.version, req.body.reason);
      return view(await getFor(db, user, req.params.id));
    },
  );
}
