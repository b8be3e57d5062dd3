// In-app notifications. Composed as a message key + parameters and rendered in the reader's
// language when read, so one event reads right in zh-CN and en-US. The channel layer (email,
// WeCom/DingTalk webhooks via an outbox) consumes the same rows.
//
// Readable notices (issue 10 item 11): the row stores structured data only (kind, the record it
// is about, parameters); the business numbers, hospital and device come from the referenced
// record when read (notifications.context.ts), so rows written before this read the same way.
// Instants in parameters are shown in company-local time, follow-up keys (s1, d2, p26) in words.
import { and, arrayOverlaps, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Role } from '../../lib/access.ts';
import { clockNow, stampsNow } from '../../lib/clock.ts';
import { type Locale, t } from '../../lib/i18n.ts';
import { contextOf, linksOf, type NoticeContext } from './notifications.context.ts';
import { notifications } from './notifications.tables.ts';

export type NotificationKind =
  | 'emergency_request'
  | 'sla_warning'
  | 'sla_breach'
  | 'loaner_needed'
  | 'work_order_assigned'
  | 'work_order_returned'
  | 'request_registered'
  | 'same_day_missed'
  | 'delay_reason_recorded'
  | 'priority_dispatch'
  | 'correction_to_review'
  // Van replenishment (issue 10 item 9, parts.van.ts).
  | 'parts_transfer_requested'
  | 'parts_transfer_fulfilled'
  | 'parts_transfer_rejected'
  // R-CN-1: progress notices to the hospital (notifications.customer.ts).
  | 'customer_assigned'
  | 'customer_on_site'
  | 'customer_resolved'
  | 'customer_survey'
  | 'customer_archived'
  // Yearly maintenance plans (issue 13 §1): the advance notice to the hospital; the planners' and manager's notices.
  | 'maintenance_notice'
  | 'maintenance_reschedule'
  | 'maintenance_overdue'
  | 'maintenance_dispatch_refused'
  // R-CT-1 (issue 13 §3, renewals): 保养到期通知书 to the hospital, warranty expiry to sales.
  | 'contract_expiry_notice'
  | 'warranty_expiry_report'
  // Quotes before paid work (issue 15 §4, quotes module): to the hospital when sent; to its author when decided.
  | 'quote_sent'
  | 'quote_accepted'
  | 'quote_rejected';

/** An identical notice (same reader, kind, record and parameters) within this window is a duplicate. */
export const DUPLICATE_WINDOW_MINUTES = 10;

export async function staffWithRoles(ex: Executor, roles: Role[]): Promise<string[]> {
  const rows = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(arrayOverlaps(users.roles, roles), eq(users.active, true)));
  return rows.map((r) => r.id);
}

export async function notify(
  ex: Executor,
  userIds: string[],
  kind: NotificationKind,
  params: Record<string, string | number | null>,
  ref?: { entity: string; id: string },
) {
  let unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  if (ref) {
    // The same event told twice (a sweep and a retry racing, a step repeated at once) is one
    // notice: a reader who already has it from the last few minutes does not get it again.
    const since = new Date(clockNow().getTime() - DUPLICATE_WINDOW_MINUTES * 60_000);
    const had = await ex
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(
        and(
          eq(notifications.refId, ref.id),
          eq(notifications.kind, kind),
          inArray(notifications.userId, unique),
          sql`${notifications.params} = ${JSON.stringify(params)}::jsonb`,
          gt(notifications.createdAt, since),
        ),
      );
    const told = new Set(had.map((h) => h.userId));
    unique = unique.filter((u) => !told.has(u));
    if (unique.length === 0) return;
  }
  // stampsNow: the demo week's past instant when replaying history, else the database's now().
  const stamp = stampsNow(['createdAt']);
  await ex.insert(notifications).values(unique.map((userId) => ({ userId, kind, params, refEntity: ref?.entity ?? null, refId: ref?.id ?? null, ...stamp })));
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** An ISO instant as company-local wall-clock time; anything else unchanged. */
export function localTime(v: unknown, timeZone: string): unknown {
  if (typeof v !== 'string' || !ISO_INSTANT.test(v)) return v;
  const d = DateTime.fromISO(v, { zone: timeZone });
  return d.isValid ? d.toFormat('yyyy-MM-dd HH:mm') : v;
}

/** A follow-up's stable key (s1, d3, r2, t4, o1, p7 — followups.rules.ts) in words. */
export function followupStep(key: string, locale: Locale): string {
  const m = /^([sdrtop])(\d+)$/.exec(key);
  return m ? t(`followup.step.${m[1]}`, locale, { n: m[2] }) : key;
}

/** Parameters as the reader should see them: local times, words for codes, optional phrases. */
function readable(n: typeof notifications.$inferSelect, locale: Locale, timeZone: string) {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n.params)) params[k] = localTime(v, timeZone);
  if (typeof params.clock === 'string') params.clock = t(`clock.${params.clock}`, locale);
  if (typeof params.key === 'string') params.key = followupStep(params.key, locale);
  // A refusal's code (an error code) in the reader's words, with the refusal's own parameters.
  if (typeof params.refusal === 'string') params.refusal = t(params.refusal, locale, params).replace(/[。.]$/, '');
  if (n.kind === 'customer_assigned') {
    params.phoneText = n.params.phone ? t('notify.part.phone', locale, { phone: n.params.phone }) : '';
    params.plannedText = params.plannedAt ? t(`notify.part.planned_${n.params.plannedKind ?? 'deadline'}`, locale, { at: params.plannedAt }) : '';
  }
  return params;
}

export function render(n: typeof notifications.$inferSelect, locale: Locale, timeZone = 'Asia/Shanghai', context: NoticeContext | null = null) {
  const params = readable(n, locale, timeZone);
  const links = linksOf(n);
  return {
    id: n.id,
    kind: n.kind,
    title: t(`notify.${n.kind}.title`, locale, params),
    body: t(`notify.${n.kind}.body`, locale, params),
    refEntity: n.refEntity,
    refId: n.refId,
    context,
    link: links.link,
    downloadUrl: links.downloadUrl,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** One line naming the record, hospital and device, for channels that show plain text (email). */
export function contextLine(c: NoticeContext | null, locale: Locale): string {
  if (!c) return '';
  return [
    c.requestNumber ? t('notify.ctx.request', locale, { number: c.requestNumber }) : '',
    c.workOrderNumber ? t('notify.ctx.workOrder', locale, { number: c.workOrderNumber }) : '',
    c.recordNumber ?? '',
    c.customerName ?? '',
    `${c.deviceModel ?? ''} ${c.deviceSerial ?? ''}`.trim(),
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface MailOptions {
  timeZone?: string;
  /** The web address users open (PUBLIC_URL), so that links in an email work outside the app. */
  publicUrl?: string;
}

/** Subject and plain text of a notice for email: the text, what it is about, and its links. */
export function mailOf(n: typeof notifications.$inferSelect, locale: Locale, context: NoticeContext | null, opts: MailOptions = {}) {
  const r = render(n, locale, opts.timeZone ?? 'Asia/Shanghai', context);
  const url = (path: string) => `${(opts.publicUrl ?? '').replace(/\/$/, '')}${path}`;
  const lines = [
    r.body,
    contextLine(context, locale),
    r.link ? t('notify.mail.open', locale, { url: url(r.link) }) : '',
    r.downloadUrl ? t('notify.mail.download', locale, { url: url(r.downloadUrl) }) : '',
  ];
  return { subject: r.title, text: lines.filter(Boolean).join('\n') };
}

export async function listFor(ex: Executor, userId: string, unreadOnly: boolean, limit: number, locale: Locale, timeZone = 'Asia/Shanghai') {
  const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
  const rows = await ex.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  const ctx = await contextOf(ex, rows);
  return { items: rows.map((r) => render(r, locale, timeZone, ctx.get(r.id) ?? null)), unread: Number(n) };
}

export async function markRead(ex: Executor, userId: string, ids: string[] | 'all') {
  const where = and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids));
  await ex.update(notifications).set({ readAt: new Date() }).where(where);
}
