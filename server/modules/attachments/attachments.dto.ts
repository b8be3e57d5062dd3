import { z } from 'zod';
import { optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { ATTACHMENT_STATUSES, OWNER_PART } from './attachments.rules.ts';

export const ownerKind = z.string().regex(/^[a-z_]{1,40}$/);
export const ownerPart = z.string().regex(OWNER_PART).max(121);

export const attachmentDto = z
  .object({
    id: z.string(),
    version: z.number(),
    ownerKind: z.string(),
    ownerId: z.string(),
    ownerPart: z.string().nullable(),
    fileName: z.string(),
    /** Sniffed from the bytes, never taken from the client. */
    mime: z.string(),
    size: z.number(),
    sha256: z.string(),
    caption: z.string().nullable(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    /** EXIF DateTimeOriginal of a photo: when it says it was taken (evidence). */
    takenAt: z.string().nullable(),
    uploadedAt: z.string(),
    uploadedById: z.string().nullable(),
    uploadedByName: z.string().nullable(),
    status: z.enum(ATTACHMENT_STATUSES),
    supersededById: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawnByName: z.string().nullable(),
    withdrawReason: z.string().nullable(),
    contentUrl: z.string(),
    /** Null when the file has no thumbnail (not an image, or a format not decoded here). */
    thumbnailUrl: z.string().nullable(),
  })
  .meta(schemaId('Attachment'));
export type AttachmentDto = z.infer<typeof attachmentDto>;

export const listQuery = z.strictObject({
  ownerKind,
  ownerId: z.uuid(),
  /** Only this step or checklist item; empty = only the record's own (no part). */
  ownerPart: z.union([ownerPart, z.literal('')]).optional(),
  /** true: withdrawn and superseded rows too (the history). */
  history: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** The text parts of the upload form (the file part is `file`). */
export const uploadFields = z.strictObject({
  ownerKind,
  ownerId: z.uuid(),
  ownerPart: ownerPart.optional(),
  caption: optionalText(500),
  /** The attachment this one replaces (the old row stays, superseded). */
  supersedes: z.uuid().optional(),
});

/** Documents the multipart body for the OpenAPI document and the web client; the handler reads the parts. */
export const uploadBody = z.object({
  ownerKind: z.string(),
  ownerId: z.string(),
  ownerPart: z.string().optional(),
  caption: z.string().optional(),
  supersedes: z.string().optional(),
  file: z.string().meta({ format: 'binary', description: 'The photo, scan or document: JPEG, PNG, WebP, HEIC, PDF, DOCX or XLSX' }),
});

export const withdrawBody = z.strictObject({ version, reason: text(500) });
export const contentQuery = z.strictObject({ download: z.enum(['0', '1']).optional() });
