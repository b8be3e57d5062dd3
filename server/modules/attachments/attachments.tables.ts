import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { users } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 附件 (issue 12 item 0): a photo, scan or document attached to a record named by (owner_kind,
 * owner_id[, owner_part]). The bytes live in the blob store under their sha256. Never deleted
 * (a trigger refuses it): removing is withdrawing with a reason, replacing is a new row that
 * supersedes this one; both keep the row as evidence.
 */
export const attachments = pgTable(
  'attachments',
  {
    ...recordColumns(),
    ownerKind: text('owner_kind').notNull(),
    ownerId: uuid('owner_id').notNull(),
    /** A part of the owner: a work-order step ('step:on_site') or checklist item ('checklist:<id>'). */
    ownerPart: text('owner_part'),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    fileName: text('file_name').notNull(),
    caption: text('caption'),
    thumbSha256: text('thumb_sha256'),
    width: integer('width'),
    height: integer('height'),
    /** EXIF DateTimeOriginal: when the photo says it was taken (evidence beside uploaded_at). */
    takenAt: ts('taken_at'),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ['active', 'superseded', 'withdrawn'] })
      .notNull()
      .default('active'),
    supersededById: uuid('superseded_by_id'),
    withdrawnAt: ts('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id, { onDelete: 'restrict' }),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    index('attachments_owner_idx').on(t.ownerKind, t.ownerId, t.uploadedAt),
    check('attachments_sha256_ck', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('attachments_status_ck', sql`${t.status} in ('active','superseded','withdrawn')`),
  ],
);
