// 通知供应商/生产企业 (医疗器械经营监督管理办法§38, issue 14 §5): a quality problem found in a return
// or a complaint is sent to the supplier (a parts `suppliers` row) or the manufacturer (free text,
// prefilled from the device model) — when, by which channel, what was said — and the reply is
// tracked: who recorded it, when, what it said. Unanswered past the due day it shows overdue.
import { and, asc, desc, eq, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { complaints, suppliers } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { addDays } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { noticeOverdue, SUPPLIER_REPLY_DAYS } from './returns.rules.ts';
import { dateIn } from './returns.service.ts';
import { returnRecords, supplierNotices } from './returns.tables.ts';

export type SupplierNotice = typeof supplierNotices.$inferSelect;
const actorOf = (u: Principal) => ({ id: u.id, name: u.displayName });

/** The subject's number (TH-… or the complaint's), for the list and the export. */
const subjectNumber = sql<string | null>`case ${supplierNotices.subject}
  when 'return' then (select r.number from return_records r where r.id = ${supplierNotices.subjectId})
  else (select c.number from complaints c where c.id = ${supplierNotices.subjectId}) end`;

export interface NoticeInput {
  subject: 'return' | 'complaint';
  subjectId: string;
  supplierId?: string | null;
  manufacturer?: string | null;
  sentOn: string;
  channel: SupplierNotice['channel'];
  content: string;
  replyDays?: number;
}

export async function sendNotice(db: Db, user: Principal, input: NoticeInput): Promise<SupplierNotice> {
  return db.transaction(async (tx) => {
    const [subject] =
      input.subject === 'return'
        ? await tx.select({ id: returnRecords.id }).from(returnRecords).where(eq(returnRecords.id, input.subjectId))
        : await tx.select({ id: complaints.id }).from(complaints).where(eq(complaints.id, input.subjectId));
    if (!subject) throw invalidField('subjectId', 'not_found');
    let recipientName = input.manufacturer?.trim() ?? '';
    if (input.supplierId) {
      const [s] = await tx.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, input.supplierId));
      if (!s) throw invalidField('supplierId', 'not_found');
      recipientName = s.name;
    }
    if (!recipientName) throw new AppError(422, 'supplier_notice_recipient_required', {}, [{ field: 'supplierId', code: 'required' }]);
    return insertAudited(tx, actorOf(user), 'supplier_notice', supplierNotices, {
      subject: input.subject,
      subjectId: input.subjectId,
      supplierId: input.supplierId ?? null,
      manufacturer: input.supplierId ? null : recipientName,
      recipientName,
      sentOn: input.sentOn,
      channel: input.channel,
      content: input.content,
      sentBy: user.id,
      sentByName: user.displayName,
      replyDueOn: addDays(input.sentOn, input.replyDays ?? SUPPLIER_REPLY_DAYS),
    });
  });
}

export async function recordReply(db: Db, user: Principal, id: string, input: { version: number; repliedOn: string; replyText: string }) {
  return db.transaction(async (tx) => {
    const row = await lockById(tx, supplierNotices, id);
    if (row.repliedOn) throw new AppError(409, 'supplier_notice_replied');
    if (row.version !== input.version) throw versionConflict(row.version);
    if (input.repliedOn < row.sentOn)
      throw new AppError(422, 'validation_failed', {}, [{ field: 'repliedOn', code: 'date_order', params: { earlier: row.sentOn } }]);
    return updateAudited(
      tx,
      actorOf(user),
      'supplier_notice',
      supplierNotices,
      row.id,
      row.version,
      { repliedOn: input.repliedOn, replyText: input.replyText, replyRecordedBy: user.id, replyRecordedByName: user.displayName },
      row,
    );
  });
}

export interface NoticeFilters {
  q?: string;
  sort?: string;
  subject?: 'return' | 'complaint';
  subjectId?: string;
  state?: 'awaiting' | 'replied' | 'overdue';
}

const joined = (ex: Executor) => ex.select({ n: supplierNotices, subjectNumber }).from(supplierNotices);
export type NoticeRow = Awaited<ReturnType<typeof joined>>[number];

function whereOf(f: NoticeFilters, today: string): SQL | undefined {
  const text = f.q?.trim();
  return allOf(
    f.subject ? eq(supplierNotices.subject, f.subject) : undefined,
    f.subjectId ? eq(supplierNotices.subjectId, f.subjectId) : undefined,
    f.state === 'replied' ? isNotNull(supplierNotices.repliedOn) : undefined,
    f.state === 'awaiting' ? isNull(supplierNotices.repliedOn) : undefined,
    f.state === 'overdue' ? and(isNull(supplierNotices.repliedOn), lt(supplierNotices.replyDueOn, today)) : undefined,
    text
      ? sql`(${supplierNotices.recipientName} ilike ${likePattern(text)} or ${supplierNotices.content} ilike ${likePattern(text)} or ${subjectNumber} ilike ${likePattern(text)})`
      : undefined,
  );
}

function orderOf(sort: string | undefined): SQL[] {
  const up = sort !== undefined && !sort.startsWith('-');
  const key = sort?.replace(/^-/, '') === 'replyDueOn' ? supplierNotices.replyDueOn : supplierNotices.sentOn;
  return [up ? asc(key) : desc(key), desc(supplierNotices.createdAt), desc(supplierNotices.id)];
}

export async function listNotices(ex: Executor, f: NoticeFilters, page: number, pageSize: number, timeZone: string, now = clockNow()) {
  const where = whereOf(f, dateIn(now, timeZone));
  const rows = await joined(ex)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(supplierNotices).where(where);
  return { rows, total: Number(n) };
}

export async function exportNotices(ex: Executor, f: NoticeFilters, limit: number, timeZone: string, now = clockNow()) {
  return joined(ex)
    .where(whereOf(f, dateIn(now, timeZone)))
    .orderBy(...orderOf(f.sort))
    .limit(limit);
}

export async function getNotice(ex: Executor, id: string): Promise<NoticeRow> {
  const [row] = await joined(ex).where(eq(supplierNotices.id, id));
  if (!row) throw notFound();
  return row;
}

export const isOverdue = (n: SupplierNotice, timeZone: string, now = clockNow()) => noticeOverdue(n, dateIn(now, timeZone));
