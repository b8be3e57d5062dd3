// A small after-service demo (issue 4): a repair of a pathology stainer completed two days ago
// (closed work order → repair follow-up plan and satisfaction survey) and an installation
// completed yesterday. Not part of seedDemo(), so the test template (and every other suite's
// counts) stays as it was; the timers benchmark loads it (bench/timers.ts). A fresh demo
// install gets the demo week instead (week.ts). Moved here from the followups module, whose
// import of surveys it was the only reason for (followups <-> surveys cycle).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { devices, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { createPlan, planClosedWorkOrders } from '../modules/followups/index.ts';
import { registerRequest } from '../modules/requests/index.ts';
import { ensureSurveys } from '../modules/surveys/index.ts';

const H = 3_600_000;

export async function seedCareDemo(db: Db, timeZone: string, now = new Date()) {
  const [u] = await db.select().from(users).where(eq(users.username, 'dispatcher'));
  const [eng] = await db.select().from(users).where(eq(users.username, 'engineer'));
  if (!u || !eng) return;
  const dispatcher: Principal = { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale };
  const device = async (serial: string) => (await db.select().from(devices).where(eq(devices.serialNumber, serial)))[0];

  const stainer = await device('ST5020-25-0412');
  if (stainer) {
    const receivedAt = new Date(now.getTime() - 72 * H);
    const r = await registerRequest(
      db,
      dispatcher,
      {
        deviceId: stainer.id,
        faultDescription: '染色不均匀，部分切片偏淡',
        deviceDown: false,
        channel: 'phone',
        reporterName: '王红',
        reporterPhone: '010-65550101',
        receivedAt: receivedAt.toISOString(),
        internal: false,
        urgencyReason: null,
      },
      timeZone,
      now,
    );
    const resolved = new Date(now.getTime() - 40 * H);
    const closed = new Date(now.getTime() - 36 * H);
    await db.execute(sql`update work_orders set status = 'closed', lead_engineer_id = ${eng.id}, dispatched_at = ${receivedAt}, accepted_at = ${receivedAt},
      arrived_at = ${new Date(receivedAt.getTime() + 2 * H)}, resolved_at = ${resolved}, signed_at = ${resolved}, reviewed_at = ${closed}, closed_at = ${closed},
      phenomenon = '染色不均匀', cause = '试剂泵流量不足', actions = '更换试剂泵管路并校准', test_results = '连续 20 张切片染色均匀'
      where id = ${r.workOrderId}`);
    await db.execute(sql`update service_requests set status = 'closed' where id = ${r.requestId}`);
    await db.execute(sql`update sla_clocks set stopped_at = ${resolved}, outcome = 'met' where request_id = ${r.requestId} and stopped_at is null`);
  }
  await planClosedWorkOrders(db);
  await ensureSurveys(db, now);

  const fresh = await device('ST5020-26-0588');
  if (fresh) {
    await db.transaction((tx) =>
      createPlan(
        tx,
        { id: u.id, name: u.displayName },
        {
          deviceId: fresh.id,
          customerId: fresh.customerId,
          serviceType: 'installation',
          completedAt: new Date(now.getTime() - 26 * H),
          ownerId: u.id,
        },
      ),
    );
  }
}
