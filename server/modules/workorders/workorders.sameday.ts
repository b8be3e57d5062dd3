// Same-day rule (R-WO-6, seed 002 part 1): a job accepted on a working day and not resolved
// by that day's close of business gets a written reason and a promised date, and both the
// miss and the explanation are reported to the sales director. The minute sweep flags misses
// (idempotent: one row per work order); the lead or customer service records the reason.
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests, slaPolicies, users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { systemActor } from '../../lib/audit.ts';
import type { BusinessCalendar } from '../../lib/calendar.ts';
import { AppError } from '../../lib/errors.ts';
import { EXPORT_MAX_ROWS } from '../../lib/excel.ts';
import { insertAudited, updateAudited } from '../../lib/records.ts';
import { undispatchedFlagAt } from '../dispatch/index.ts';
import { notify, staffWithRoles } from '../notifications/index.ts';
import { loadCalendar } from '../sla/index.ts';
import { auditActor, capacities, loadFor } from './workorders.access.ts';
import type { delayReasonBody, sameDayMissesQuery } from './workorders.dto.ts';
import { workOrderSameDay, workOrders } from './workorders.tables.ts';

/** Statuses in which the job is taken but not yet solved. */
const UNSOLVED = ['accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back'] as const;

/**
 * The close of business a job accepted at `acceptedAt` must be solved by: that working day's
 * close, or — accepted after hours or on a day off — the close of the next working day.
 */
export const sameDayDueAt = (cal: BusinessCalendar, acceptedAt: Date) => undispatchedFlagAt(cal, acceptedAt);

export async function flagSameDayMisses(db: Db, now: Date): Promise<number> {
  const candidates = await db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      acceptedAt: workOrders.acceptedAt,
      lead: workOrders.leadEngineerId,
      policyId: serviceRequests.slaPolicyId,
      ownerId: serviceRequests.ownerId,
    })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .where(
      and(
        inArray(workOrders.status, [...UNSOLVED]),
        sql`${workOrders.acceptedAt} is not null and ${workOrders.acceptedAt} <= ${now}`,
        sql`not exists (select 1 from work_order_same_day s where s.work_order_id = ${workOrders.id})`,
      ),
    )
    .limit(2000);
  const calendars = new Map<string, BusinessCalendar>();
  let flagged = 0;
  for (const c of candidates) {
    let cal = calendars.get(c.policyId);
    if (!cal) {
      const [p] = await db.select({ calendarId: slaPolicies.calendarId }).from(slaPolicies).where(eq(slaPolicies.id, c.policyId));
      cal = await loadCalendar(db, p.calendarId);
      calendars.set(c.policyId, cal);
    }
    const acceptedAt = c.acceptedAt as Date;
    const dueAt = sameDayDueAt(cal, acceptedAt);
    if (dueAt.getTime() > now.getTime()) continue;
    const done = await db.transaction(async (tx) => {
      // Re-read under the work order's lock: it may have been resolved or flagged meanwhile.
      const [wo] = await tx.select().from(workOrders).where(eq(workOrders.id, c.id)).for('update');
      if (!wo || !UNSOLVED.includes(wo.status as (typeof UNSOLVED)[number]) || wo.acceptedAt?.getTime() !== acceptedAt.getTime()) return false;
      const [existing] = await tx.select({ id: workOrderSameDay.id }).from(workOrderSameDay).where(eq(workOrderSameDay.workOrderId, c.id));
      if (existing) return false;
      await insertAudited(tx, systemActor, 'work_order_same_day', workOrderSameDay, { workOrderId: c.id, acceptedAt, dueAt, missedAt: now });
      const to = [...(await staffWithRoles(tx, ['sales'])), ...(c.lead ? [c.lead] : []), ...(c.ownerId ? [c.ownerId] : [])];
      await notify(tx, to, 'same_day_missed', { number: c.number, dueAt: dueAt.toISOString() }, { entity: 'work_order', id: c.id });
      return true;
    });
    if (done) flagged++;
  }
  return flagged;
}

/** The written reason and promised date for a missed same-day job; a later one replaces it (audited). */
export async function recordDelayReason(db: Db, user: Principal, id: string, input: z.infer<typeof delayReasonBody>, timeZone: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    const caps = await capacities(tx, user, wo);
    if (!caps.some((c) => c === 'lead' || c === 'helper' || c === 'manager' || c === 'dispatch')) throw new AppError(403, 'forbidden');
    const [row] = await tx.select().from(workOrderSameDay).where(eq(workOrderSameDay.workOrderId, id)).for('update');
    if (!row) throw new AppError(409, 'delay_reason_not_needed');
    const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate() as string;
    if (input.promisedDate < today) throw new AppError(422, 'promised_date_past', { today }, [{ field: 'promisedDate', code: 'not_in_past' }]);
    const next = await updateAudited(
      tx,
      auditActor(user),
      'work_order_same_day',
      workOrderSameDay,
      row.id,
      row.version,
      { reason: input.reason, promisedDate: input.promisedDate, reasonAt: now, reasonById: user.id, reasonByName: user.displayName },
      row,
    );
    // R-WO-6: reported to the sales director.
    await notify(
      tx,
      await staffWithRoles(tx, ['sales']),
      'delay_reason_recorded',
      { number: wo.number, reason: input.reason, promisedDate: input.promisedDate, by: user.displayName },
      { entity: 'work_order', id },
    );
    return next;
  });
}

export async function sameDayOf(ex: Executor, workOrderId: string) {
  const [r] = await ex.select().from(workOrderSameDay).where(eq(workOrderSameDay.workOrderId, workOrderId));
  if (!r) return null;
  return {
    acceptedAt: r.acceptedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    missedAt: r.missedAt.toISOString(),
    reasonRequired: r.reason === null,
    reason: r.reason,
    promisedDate: r.promisedDate,
    reasonAt: r.reasonAt?.toISOString() ?? null,
    reasonByName: r.reasonByName,
  };
}

/**
 * R-WO-6 report for the sales director: the jobs that missed their same-day close of business
 * between two company-local dates (inclusive), with the reason and the date promised.
 */
export async function listSameDayMisses(ex: Executor, q: z.infer<typeof sameDayMissesQuery>, timeZone: string) {
  const from = DateTime.fromISO(q.from, { zone: timeZone }).startOf('day');
  const to = DateTime.fromISO(q.to, { zone: timeZone }).plus({ days: 1 }).startOf('day');
  if (to <= from) throw new AppError(422, 'date_order', { later: 'to', earlier: 'from' }, [{ field: 'to', code: 'invalid' }]);
  const rows = await ex
    .select({
      s: workOrderSameDay,
      number: workOrders.number,
      status: workOrders.status,
      resolvedAt: workOrders.resolvedAt,
      customerName: customers.name,
      modelName: deviceModels.name,
      serialNumber: devices.serialNumber,
      leadName: users.displayName,
    })
    .from(workOrderSameDay)
    .innerJoin(workOrders, eq(workOrders.id, workOrderSameDay.workOrderId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .leftJoin(users, eq(users.id, workOrders.leadEngineerId))
    .where(
      and(
        gte(workOrderSameDay.dueAt, from.toJSDate()),
        lt(workOrderSameDay.dueAt, to.toJSDate()),
        q.unexplained === 'true' ? isNull(workOrderSameDay.reason) : q.unexplained === 'false' ? isNotNull(workOrderSameDay.reason) : undefined,
      ),
    )
    .orderBy(asc(workOrderSameDay.dueAt), asc(workOrders.number))
    .limit(EXPORT_MAX_ROWS);
  return rows.map((r) => ({
    workOrderId: r.s.workOrderId,
    number: r.number,
    status: r.status,
    customerName: r.customerName,
    modelName: r.modelName,
    serialNumber: r.serialNumber,
    leadName: r.leadName,
    acceptedAt: r.s.acceptedAt.toISOString(),
    dueAt: r.s.dueAt.toISOString(),
    missedAt: r.s.missedAt.toISOString(),
    reason: r.s.reason,
    promisedDate: r.s.promisedDate,
    reasonAt: r.s.reasonAt?.toISOString() ?? null,
    reasonByName: r.s.reasonByName,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  }));
}
