// 通知供应商/生产企业 (医疗器械经营监督管理办法§38, issue 14 §5): a quality problem found in a return,
// a complaint or an adverse event is sent to the supplier (a parts `suppliers` row) or the
// manufacturer (free text, prefilled from the device model) — when, by which channel, what was
// said — and the reply is tracked: who recorded it, when, what it said. Unanswered past the due
// day it shows overdue, and the daily job `returns.overdueNotices` tells quality and the sender
// once (chaseOverdueNotices). One table and these functions for every subject (migration 0073):
// the vigilance module sends and answers an adverse event's notices through them.
import { and, asc, desc, eq, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { adverseEvents, complaints, suppliers } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { addDays, dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { canReplyToNotice } from './returns.policy.ts';
import { noticeOverdue, SUPPLIER_REPLY_DAYS } from './returns.rules.ts';
import { returnRecords, supplierNotices } from './returns.tables.ts';

export type SupplierNotice = typeof supplierNotices.$inferSelect;
export type NoticeSubject = SupplierNotice['subject'];
const actorOf = (u: Principal) => ({ id: u.id, name: u.displayName });

/** The subject's number (TH-…, the complaint's or the adverse event's), for the list, the export and the chase. */
const subjectNumber = sql<string | null>`case ${supplierNotices.subject}
  when 'return' then (select r.number from return_records r where r.id = ${supplierNotices.subjectId})
  when 'adverse_event' then (select a.number from adverse_events a where a.id = ${supplierNotices.subjectId})
  else (select c.number from complaints c where c.id = ${supplierNotices.subjectId}) end`;

const SUBJECT_TABLES = { return: returnRecords, complaint: complaints, adverse_event: adverseEvents } as const;

export interface NoticeInput {
  subject: NoticeSubject;
  subjectId: string;
  supplierId?: string | null;
  manufacturer?: string | null;
  /** Who at the supplier/manufacturer it went to, when not just the supplier's or manufacturer's name. */
  recipientName?: string | null;
  sentOn: string;
  /** The moment of sending, when it was recorded as it happened (an adverse event's notice). */
  sentAt?: Date | null;
  channel: SupplierNotice['channel'];
  content: string;
  /** The reply is due N days after sentOn (default 15) … */
  replyDays?: number;
  /** … or on this day. */
  replyDueOn?: string;
}

/** A notice written in the caller's transaction (vigilance sends one with its event locked). */
export async function insertNotice(tx: Executor, user: Principal, input: NoticeInput): Promise<SupplierNotice> {
  const table = SUBJECT_TABLES[input.subject];
  const [subject] = await tx.select({ id: table.id }).from(table).where(eq(table.id, input.subjectId));
  if (!subject) throw invalidField('subjectId', 'not_found');
  let name = input.manufacturer?.trim() ?? '';
  if (input.supplierId) {
    const [s] = await tx.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, input.supplierId));
    if (!s) throw invalidField('supplierId', 'not_found');
    name = s.name;
  }
  const recipientName = input.recipientName?.trim() || name;
  if (!recipientName) throw new AppError(422, 'supplier_notice_recipient_required', {}, [{ field: 'supplierId', code: 'required' }]);
  return insertAudited(tx, actorOf(user), 'supplier_notice', supplierNotices, {
    subject: input.subject,
    subjectId: input.subjectId,
    supplierId: input.supplierId ?? null,
    // Without a supplier the notice went to the manufacturer (supplier_notices_recipient_ck).
    manufacturer: input.supplierId ? null : name || recipientName,
    recipientName,
    sentOn: input.sentOn,
    sentAt: input.sentAt ?? null,
    channel: input.channel,
    content: input.content,
    sentBy: user.id,
    sentByName: user.displayName,
    replyDueOn: input.replyDueOn ?? addDays(input.sentOn, input.replyDays ?? SUPPLIER_REPLY_DAYS),
  });
}

export async function sendNotice(db: Db, user: Principal, input: NoticeInput): Promise<SupplierNotice> {
  return db.transaction((tx) => insertNotice(tx, user, input));
}

/** The reply; `of` confines it to one record's notices (another record's notice is a 404). */
export async function recordReply(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; repliedOn: string; replyText: string },
  of?: { subject: NoticeSubject; subjectId: string },
) {
  return db.transaction(async (tx) => {
    const row = await lockById(tx, supplierNotices, id);
    if (of && (row.subject !== of.subject || row.subjectId !== of.subjectId)) throw notFound();
    // Whichever route records it, the notice's subject decides who may (an adverse event's: quality).
    if (!canReplyToNotice(user, row.subject)) throw forbidden();
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
  subject?: NoticeSubject;
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

/** One record's notices, oldest first (an adverse event's page). */
export const noticesOf = (ex: Executor, subject: NoticeSubject, subjectId: string) =>
  ex
    .select()
    .from(supplierNotices)
    .where(and(eq(supplierNotices.subject, subject), eq(supplierNotices.subjectId, subjectId)))
    .orderBy(asc(supplierNotices.sentOn), asc(supplierNotices.sentAt), asc(supplierNotices.createdAt), asc(supplierNotices.id));

export const isOverdue = (n: SupplierNotice, timeZone: string, now = clockNow()) => noticeOverdue(n, dateIn(now, timeZone));

// ---- chasing an overdue reply (经营办法§38) --------------------------------------------------------

const overdueKind = (k: 'supplier_notice_overdue' | 'ae_notice_overdue') => k as unknown as NotificationKind;

/** An adverse event's overdue notice is told as such and opens the event; any other opens the overdue notices. */
const chaseOf = (n: SupplierNotice) =>
  n.subject === 'adverse_event'
    ? { kind: overdueKind('ae_notice_overdue'), ref: { entity: 'adverse_event', id: n.subjectId } }
    : { kind: overdueKind('supplier_notice_overdue'), ref: { entity: 'supplier_notice', id: n.id } };

/**
 * The daily chase, one job for every subject: every notice unanswered after its reply-due day
 * (company time zone) tells quality and its sender once. Each notice is claimed by setting
 * overdue_notified_at where it is still null (and still unanswered), in the transaction that
 * writes the notifications — a re-run finds it set, and of two concurrent sweeps the second waits
 * on the row and then matches nothing. Notices without a sender (adverse-event notices from before
 * migration 0072) tell quality alone. Returns the number of notices chased.
 */
export async function chaseOverdueNotices(db: Db, timeZone: string, now = clockNow()): Promise<number> {
  const today = dateIn(now, timeZone);
  const late = await db
    .select({ id: supplierNotices.id })
    .from(supplierNotices)
    .where(and(isNull(supplierNotices.repliedOn), isNull(supplierNotices.overdueNotifiedAt), lt(supplierNotices.replyDueOn, today)))
    .orderBy(asc(supplierNotices.replyDueOn))
    .limit(500);
  let chased = 0;
  for (const { id } of late) {
    const told = await db.transaction(async (tx) => {
      const [n] = await tx
        .update(supplierNotices)
        .set({ overdueNotifiedAt: now })
        .where(
          and(eq(supplierNotices.id, id), isNull(supplierNotices.overdueNotifiedAt), isNull(supplierNotices.repliedOn), lt(supplierNotices.replyDueOn, today)),
        )
        .returning();
      if (!n) return false;
      const [{ subjectNumber: number }] = await joined(tx).where(eq(supplierNotices.id, id));
      const quality = await staffWithRoles(tx, ['quality']);
      const { kind, ref } = chaseOf(n);
      await notify(
        tx,
        n.sentBy ? [...quality, n.sentBy] : quality,
        kind,
        { recipient: n.recipientName, subject: number ?? '', number: number ?? '', sentOn: n.sentOn, due: n.replyDueOn },
        ref,
      );
      return true;
    });
    if (told) chased++;
  }
  return chased;
}
