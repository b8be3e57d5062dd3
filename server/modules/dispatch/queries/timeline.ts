// The engineers' day timeline (issue 10 item 12): per dispatchable engineer, the appointments and
// the time on site of a company-local day over the default calendar's working hours.
import { eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { businessCalendars, customers, serviceRequests, workOrderHelpers, workOrders } from '../../../db/schema.ts';
import { intervalsOn } from '../../../lib/calendar.ts';
import { serialReads } from '../../../lib/records.ts';
import { loadCalendar } from '../../sla/index.ts';
import type { timelineBlockDto } from '../dispatch.dto.ts';
import { candidates } from '../dispatch.engineers.ts';

/** Length of an appointment block when no window end was agreed. */
const APPOINTMENT_MINUTES = 60;

type Block = z.infer<typeof timelineBlockDto>;

/**
 * One row per dispatchable engineer for a company-local day: the agreed appointments and the
 * time on site (arrival to resolution, or to now / the day's end while still there) of the
 * jobs they lead or help on, over the day's working hours of the default calendar.
 */
export async function timeline(db: Db, date: string | undefined, now = new Date(), timeZone = 'Asia/Shanghai') {
  return serialReads(db, async (tx) => {
    const [calRow] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1);
    const cal = calRow ? await loadCalendar(tx, calRow.id) : null;
    const zone = cal?.timeZone ?? timeZone;
    const dayStart = (date ? DateTime.fromISO(date, { zone }) : DateTime.fromJSDate(now, { zone })).startOf('day');
    const dayEnd = dayStart.plus({ days: 1 });
    const isoDay = dayStart.toISODate() as string;
    const hm = (x: string) => {
      const [h, m] = x.split(':').map(Number);
      return (h === 24 ? dayEnd : dayStart.set({ hour: h, minute: m })).toJSDate().toISOString();
    };
    const workingHours = cal ? intervalsOn(cal, isoDay).map(([a, b]) => ({ start: hm(a), end: hm(b) })) : [];
    const from = dayStart.toJSDate();
    const to = dayEnd.toJSDate();
    // Each condition index-backed: appointments of the day, arrivals of the day, still on site.
    const jobs = await tx
      .select({
        id: workOrders.id,
        number: workOrders.number,
        status: workOrders.status,
        leadId: workOrders.leadEngineerId,
        appointmentAt: workOrders.appointmentAt,
        appointmentEndAt: workOrders.appointmentEndAt,
        arrivedAt: workOrders.arrivedAt,
        resolvedAt: workOrders.resolvedAt,
        urgency: serviceRequests.urgency,
        customerName: customers.name,
      })
      .from(workOrders)
      .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
      .innerJoin(customers, eq(customers.id, workOrders.customerId))
      .where(
        sql`${workOrders.id} = any(array(
          select w.id from work_orders w where w.appointment_at >= ${from.toISOString()}::timestamptz and w.appointment_at < ${to.toISOString()}::timestamptz
          union select w.id from work_orders w where w.arrived_at >= ${from.toISOString()}::timestamptz and w.arrived_at < ${to.toISOString()}::timestamptz
          union select w.id from work_orders w where w.status = 'on_site' and w.arrived_at < ${to.toISOString()}::timestamptz))`,
      )
      .limit(5000);
    const helpers = jobs.length
      ? await tx
          .select({ workOrderId: workOrderHelpers.workOrderId, userId: workOrderHelpers.userId })
          .from(workOrderHelpers)
          .where(
            inArray(
              workOrderHelpers.workOrderId,
              jobs.map((j) => j.id),
            ),
          )
      : [];
    const pool = await candidates(tx);
    const rows = new Map(pool.map((c) => [c.userId, { userId: c.userId, name: c.name, openLoad: c.openLoad, blocks: [] as Block[] }]));
    const iso = (d: Date) => d.toISOString();
    const clip = (a: Date, b: Date): [Date, Date] | null => {
      const s0 = a < from ? from : a;
      const e0 = b > to ? to : b;
      return e0 > s0 ? [s0, e0] : null;
    };
    for (const j of jobs) {
      const spans: { kind: Block['kind']; span: [Date, Date] | null }[] = [];
      if (j.appointmentAt && j.appointmentAt >= from && j.appointmentAt < to) {
        spans.push({
          kind: 'appointment',
          span: clip(j.appointmentAt, j.appointmentEndAt ?? new Date(j.appointmentAt.getTime() + APPOINTMENT_MINUTES * 60_000)),
        });
      }
      if (j.arrivedAt && j.arrivedAt < to) {
        // Still on site: up to now (or the day's end); left for parts or the workshop: the hour of arrival only.
        const stillThere = j.status === 'on_site' ? (now < to ? (now > j.arrivedAt ? now : new Date(j.arrivedAt.getTime() + 15 * 60_000)) : to) : null;
        const end = j.resolvedAt ?? stillThere ?? new Date(j.arrivedAt.getTime() + APPOINTMENT_MINUTES * 60_000);
        spans.push({ kind: 'visit', span: clip(j.arrivedAt, end) });
      }
      const team = [
        ...(j.leadId ? [{ userId: j.leadId, role: 'lead' as const }] : []),
        ...helpers.filter((h) => h.workOrderId === j.id).map((h) => ({ userId: h.userId, role: 'helper' as const })),
      ];
      for (const m of team) {
        const row = rows.get(m.userId);
        if (!row) continue; // not dispatchable any more
        for (const { kind, span } of spans) {
          if (!span) continue;
          row.blocks.push({
            workOrderId: j.id,
            workOrderNumber: j.number,
            status: j.status,
            urgency: j.urgency,
            customerName: j.customerName,
            kind,
            role: m.role,
            start: iso(span[0]),
            end: iso(span[1]),
          });
        }
      }
    }
    const engineers = [...rows.values()]
      .map((r) => ({ ...r, blocks: r.blocks.sort((a, b) => a.start.localeCompare(b.start)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { date: isoDay, timeZone: zone, workingHours, engineers, generatedAt: now.toISOString() };
  });
}
