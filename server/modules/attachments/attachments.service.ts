// Attachments' use cases (issue 12 item 0): upload (sniff, thumbnail, EXIF, store, record), list by
// owner, read one, replace (supersede) and withdraw. Nothing is ever deleted; every write is audited
// in the transaction that makes it.
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.ts';
import { attachments, users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { can } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { insertAudited, lockById } from '../../lib/records.ts';
import { readImage } from './attachments.media.ts';
import { reachOwner } from './attachments.owners.ts';
import { attachmentsPolicy } from './attachments.policy.ts';
import { isImage, sanitiseFileName, sniff } from './attachments.rules.ts';
import type { BlobStore } from './attachments.store.ts';

export type Attachment = typeof attachments.$inferSelect;
export const ENTITY = 'attachment';

export interface UploadInput {
  ownerKind: string;
  ownerId: string;
  ownerPart: string | null;
  caption: string | null;
  supersedes: string | null;
  fileName: string;
  bytes: Buffer;
}

export const formatLimit = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export async function upload(db: Db, store: BlobStore, user: Principal, actor: Actor, input: UploadInput, timeZone: string): Promise<Attachment> {
  await reachOwner(db, user, input.ownerKind, input.ownerId, 'write');
  if (input.bytes.length === 0) throw new AppError(422, 'attachment_empty', {}, [{ field: 'file', code: 'required' }]);
  // Issue 12 item 0: the type is what the bytes are, whatever the name or the declared type say.
  const kind = await sniff(input.bytes);
  if (!kind.ok) throw new AppError(422, 'attachment_type_not_allowed', { detected: kind.detected ?? '?' }, [{ field: 'file', code: 'invalid' }]);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const facts = isImage(kind.mime) ? await readImage(input.bytes, timeZone) : null;
  let thumbSha256: string | null = null;
  await store.put(sha256, input.bytes, kind.mime);
  if (facts?.thumbnail) {
    thumbSha256 = createHash('sha256').update(facts.thumbnail).digest('hex');
    await store.put(thumbSha256, facts.thumbnail, 'image/webp');
  }
  // The bytes are stored before the row (content-addressed, so a failed insert leaves only an
  // unreferenced blob, never a row without its content).
  return db.transaction(async (tx) => {
    let old: Attachment | null = null;
    if (input.supersedes) {
      if (!can(user, attachmentsPolicy, 'supersede')) throw new AppError(403, 'forbidden');
      old = await lockById(tx, attachments, input.supersedes).catch(() => {
        throw new AppError(422, 'validation_failed', {}, [{ field: 'supersedes', code: 'not_found' }]);
      });
      if (old.ownerKind !== input.ownerKind || old.ownerId !== input.ownerId)
        throw new AppError(422, 'validation_failed', {}, [{ field: 'supersedes', code: 'attachment_owner_mismatch' }]);
      if (old.status !== 'active') throw new AppError(409, 'attachment_not_active', { status: old.status });
    }
    const row = await insertAudited(tx, actor, ENTITY, attachments, {
      ownerKind: input.ownerKind,
      ownerId: input.ownerId,
      ownerPart: input.ownerPart ?? old?.ownerPart ?? null,
      sha256,
      mime: kind.mime,
      size: input.bytes.length,
      fileName: sanitiseFileName(input.fileName, kind.ext),
      caption: input.caption,
      thumbSha256,
      width: facts?.width ?? null,
      height: facts?.height ?? null,
      takenAt: facts?.takenAt ?? null,
      uploadedAt: clockNow(),
      uploadedBy: user.id,
    });
    if (old) {
      const [after] = await tx
        .update(attachments)
        .set({ status: 'superseded', supersededById: row.id, version: old.version + 1, updatedAt: clockNow() })
        .where(eq(attachments.id, old.id))
        .returning();
      await recordAudit(tx, { actor, entity: ENTITY, entityId: old.id, action: 'supersede', before: old, after });
    }
    return row;
  });
}

export async function withdraw(db: Db, user: Principal, actor: Actor, id: string, version: number, reason: string): Promise<Attachment> {
  return db.transaction(async (tx) => {
    const before = await lockById(tx, attachments, id);
    await reachOwner(tx, user, before.ownerKind, before.ownerId, 'read');
    if (before.version !== version) throw versionConflict(before.version);
    if (before.status !== 'active') throw new AppError(409, 'attachment_not_active', { status: before.status });
    const [after] = await tx
      .update(attachments)
      .set({ status: 'withdrawn', withdrawnAt: clockNow(), withdrawnBy: user.id, withdrawReason: reason, version: before.version + 1, updatedAt: clockNow() })
      .where(eq(attachments.id, id))
      .returning();
    await recordAudit(tx, { actor, entity: ENTITY, entityId: id, action: 'withdraw', before, after });
    return after;
  });
}

const uploader = alias(users, 'uploader');
const withdrawer = alias(users, 'withdrawer');
const select = { a: attachments, uploadedByName: uploader.displayName, withdrawnByName: withdrawer.displayName };
export type AttachmentRow = { a: Attachment; uploadedByName: string | null; withdrawnByName: string | null };

function joined(ex: Executor, where: SQL | undefined) {
  return ex
    .select(select)
    .from(attachments)
    .leftJoin(uploader, eq(uploader.id, attachments.uploadedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, attachments.withdrawnBy))
    .where(where)
    .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
}

export async function listByOwner(
  ex: Executor,
  user: Principal,
  q: { ownerKind: string; ownerId: string; ownerPart?: string; history: boolean },
): Promise<AttachmentRow[]> {
  await reachOwner(ex, user, q.ownerKind, q.ownerId, 'read');
  return joined(
    ex,
    and(
      eq(attachments.ownerKind, q.ownerKind),
      eq(attachments.ownerId, q.ownerId),
      q.ownerPart === undefined ? undefined : q.ownerPart === '' ? isNull(attachments.ownerPart) : eq(attachments.ownerPart, q.ownerPart),
      q.history ? undefined : inArray(attachments.status, ['active']),
    ),
  );
}

/** One attachment, 404 unless the caller may read the record it hangs on. */
export async function getFor(ex: Executor, user: Principal, id: string): Promise<AttachmentRow> {
  const [row] = await joined(ex, eq(attachments.id, id));
  if (!row) throw notFound();
  await reachOwner(ex, user, row.a.ownerKind, row.a.ownerId, 'read');
  return row;
}
