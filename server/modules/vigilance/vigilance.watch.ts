// The two watches of adverse events (issue 14 §2, R-REG-2), run by vigilance.jobs.ts:
// - clock warnings: for every unsubmitted event with a deadline, each due level (half the time
//   gone, the last day, breached) goes to quality and the executive exactly once — the unique row
//   (event, level, deadline) makes a re-run or a second worker send nothing more; a deadline moved
//   by a new impact or new settings warns afresh;
// - cluster watch: the same model and fault from ≥ N hospitals within the window opens one
//   "possible group event" flag for quality, notified once (the open flag's unique index).
// An event's overdue supplier notices are chased by the returns module's one job for every
// subject (returns.overdueNotices, migration 0073).
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, deviceModels, devices } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { AppError, versionConflict } from '../../lib/errors.ts';
import { lockById, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { dueWarnings, findClusters } from './vigilance.rules.ts';
import { settingsOf } from './vigilance.service.ts';
import { adverseEventClusters, adverseEvents, adverseEventWarnings } from './vigilance.tables.ts';

const kind = (k: 'adverse_event_clock' | 'adverse_event_cluster') => k as unknown as NotificationKind;
const LEVEL_WORDS = {
  half: '报告时限已过半 / half of the reporting time is gone',
  last_day: '距报告时限不足 1 天 / less than a day left to report',
  breached: '已超过报告时限 / the reporting deadline is breached',
} as const;

export async function sendClockWarnings(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ id: adverseEvents.id, number: adverseEvents.number, awareAt: adverseEvents.awareAt, dueAt: adverseEvents.reportDueAt, customer: customers.name })
    .from(adverseEvents)
    .innerJoin(customers, eq(customers.id, adverseEvents.customerId))
    .where(and(isNull(adverseEvents.submittedAt), isNotNull(adverseEvents.reportDueAt), sql`${adverseEvents.state} = 'draft'`));
  let sent = 0;
  for (const ev of due) {
    if (!ev.dueAt) continue;
    const levels = dueWarnings(ev.awareAt, ev.dueAt, now);
    if (!levels.length) continue;
    // Only the most urgent new level is announced; the lesser ones are recorded as passed.
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(adverseEventWarnings)
        .values(levels.map((level) => ({ adverseEventId: ev.id, level, dueAt: ev.dueAt as Date, sentAt: now })))
        .onConflictDoNothing()
        .returning({ level: adverseEventWarnings.level });
      if (!inserted.length) return;
      const top = levels.filter((l) => inserted.some((i) => i.level === l)).pop() as keyof typeof LEVEL_WORDS;
      await notify(
        tx,
        await staffWithRoles(tx, ['quality', 'executive']),
        kind('adverse_event_clock'),
        { number: ev.number, customer: ev.customer, level: LEVEL_WORDS[top], due: (ev.dueAt as Date).toISOString() },
        { entity: 'adverse_event', id: ev.id },
      );
      sent += 1;
    });
  }
  return sent;
}

export async function watchClusters(db: Db, now: Date): Promise<number> {
  const s = await settingsOf(db);
  const from = new Date(now.getTime() - s.clusterWindowDays * 86_400_000);
  const rows = await db
    .select({
      id: adverseEvents.id,
      modelId: devices.modelId,
      modelName: deviceModels.name,
      faultKey: adverseEvents.faultKey,
      faultLabel: adverseEvents.deviceProblem,
      customerId: adverseEvents.customerId,
      awareAt: adverseEvents.awareAt,
    })
    .from(adverseEvents)
    .innerJoin(devices, eq(devices.id, adverseEvents.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(and(isNotNull(adverseEvents.faultKey), gte(adverseEvents.awareAt, from)));
  const found = findClusters(
    rows.map((r) => ({ ...r, faultKey: r.faultKey as string, faultLabel: r.faultLabel ?? '' })),
    s,
    now,
  );
  let flagged = 0;
  for (const c of found) {
    await db.transaction(async (tx) => {
      const [open] = await tx
        .select()
        .from(adverseEventClusters)
        .where(and(eq(adverseEventClusters.modelId, c.modelId), eq(adverseEventClusters.faultKey, c.faultKey), eq(adverseEventClusters.state, 'open')))
        .for('update');
      if (open) {
        // Already flagged: keep its picture current, say nothing again.
        const ids = [...new Set([...open.eventIds, ...c.eventIds])];
        if (ids.length !== open.eventIds.length || c.customerCount > open.customerCount) {
          await tx
            .update(adverseEventClusters)
            .set({
              eventIds: ids,
              customerCount: Math.max(open.customerCount, c.customerCount),
              lastAwareAt: c.lastAwareAt,
              updatedAt: now,
              version: open.version + 1,
            })
            .where(eq(adverseEventClusters.id, open.id));
        }
        return;
      }
      const [row] = await tx
        .insert(adverseEventClusters)
        .values({ ...c, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: adverseEventClusters.id });
      if (!row) return;
      const model = rows.find((r) => r.modelId === c.modelId)?.modelName ?? '';
      await notify(
        tx,
        await staffWithRoles(tx, ['quality']),
        kind('adverse_event_cluster'),
        { model, fault: c.faultLabel, customers: c.customerCount, days: s.clusterWindowDays },
        { entity: 'adverse_event_cluster', id: row.id },
      );
      flagged += 1;
    });
  }
  return flagged;
}

// ---- the flags' register and review -------------------------------------------------------------

export async function listClusters(db: Db, f: { state?: 'open' | 'reviewed'; sort?: string }, page: number, pageSize: number) {
  const where = f.state ? eq(adverseEventClusters.state, f.state) : undefined;
  const rows = await db
    .select({ c: adverseEventClusters, modelName: deviceModels.name })
    .from(adverseEventClusters)
    .innerJoin(deviceModels, eq(deviceModels.id, adverseEventClusters.modelId))
    .where(where)
    .orderBy(f.sort === 'lastAwareAt' ? asc(adverseEventClusters.lastAwareAt) : desc(adverseEventClusters.lastAwareAt), desc(adverseEventClusters.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(adverseEventClusters).where(where);
  const ids = [...new Set(rows.flatMap((r) => r.c.eventIds))];
  const events = ids.length
    ? await db
        .select({ id: adverseEvents.id, number: adverseEvents.number, customerName: customers.name })
        .from(adverseEvents)
        .innerJoin(customers, eq(customers.id, adverseEvents.customerId))
        .where(inArray(adverseEvents.id, ids))
    : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  return {
    total: Number(n),
    items: rows.map((r) => ({
      id: r.c.id,
      version: r.c.version,
      modelId: r.c.modelId,
      modelName: r.modelName,
      faultLabel: r.c.faultLabel,
      customerCount: r.c.customerCount,
      events: r.c.eventIds.flatMap((id) => (byId.get(id) ? [byId.get(id) as (typeof events)[number]] : [])),
      firstAwareAt: r.c.firstAwareAt.toISOString(),
      lastAwareAt: r.c.lastAwareAt.toISOString(),
      state: r.c.state,
      reviewNote: r.c.reviewNote,
      reviewedByName: r.c.reviewedByName,
    })),
  };
}

/** Quality's review of a flag (group event confirmed or not, and what was done): the flag closes. */
export async function reviewCluster(db: Db, user: Principal, id: string, input: { version: number; note: string }) {
  return db.transaction(async (tx) => {
    const c = await lockById(tx, adverseEventClusters, id);
    if (c.version !== input.version) throw versionConflict(c.version);
    if (c.state !== 'open') throw new AppError(409, 'ae_cluster_reviewed');
    return updateAudited(
      tx,
      { id: user.id, name: user.displayName },
      'adverse_event_cluster',
      adverseEventClusters,
      c.id,
      c.version,
      { state: 'reviewed', reviewNote: input.note, reviewedByName: user.displayName },
      c,
    );
  });
}
