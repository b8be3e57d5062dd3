// In-app notifications. Composed as a message key + parameters and rendered in the reader's
// language when read, so one event reads right in zh-CN and en-US. The channel layer (email,
// WeCom/DingTalk webhooks via an outbox) will consume the same rows.
import { and, arrayOverlaps, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Role } from '../../lib/access.ts';
import { type Locale, t } from '../../lib/i18n.ts';
import { users } from '../users/users.tables.ts';
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
  | 'parts_transfer_rejected';

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
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await ex.insert(notifications).values(unique.map((userId) => ({ userId, kind, params, refEntity: ref?.entity ?? null, refId: ref?.id ?? null })));
}

export function render(n: typeof notifications.$inferSelect, locale: Locale) {
  const params = { ...n.params };
  if (typeof params.clock === 'string') params.clock = t(`clock.${params.clock}`, locale);
  return {
    id: n.id,
    kind: n.kind,
    title: t(`notify.${n.kind}.title`, locale, params),
    body: t(`notify.${n.kind}.body`, locale, params),
    refEntity: n.refEntity,
    refId: n.refId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export async function listFor(ex: Executor, userId: string, unreadOnly: boolean, limit: number, locale: Locale) {
  const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
  const rows = await ex.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(limit);
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { items: rows.map((r) => render(r, locale)), unread: Number(n) };
}

export async function markRead(ex: Executor, userId: string, ids: string[] | 'all') {
  const where = and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids));
  await ex.update(notifications).set({ readAt: new Date() }).where(where);
}
