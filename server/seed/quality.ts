// Quality-tracking demo data (质量跟踪, issue 14 §5, R-REG-6; seed 003 §4.7): on a fresh demo install
// (loadDemo) the monitor PM-9000 is flagged newly launched (新上市, five months ago, tracked two
// years), the stainer ST-5020 is flagged unstable (质量不稳定) after a run of faults this month — the
// faults three closed requests on its units this month, so the daily rate check
// finds the jump and quality is told (质量异常); the tracking-visit lines of the last two periods
// and the current one are made by the job at those instants, so the plan shows done (visits the
// demo week and the visit plans recorded), due (this period) and missed (earlier periods).
import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/client.ts';
import { deviceModels, devices, serviceRequests, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { insertAudited } from '../lib/records.ts';
import { changeFlags, checkRateJumps, generateTrackingLines } from '../modules/quality/index.ts';

const principalOf = (u: typeof users.$inferSelect): Principal => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles as Role[],
  customerId: null,
  locale: u.locale,
});

export async function seedQualityDemo(db: Db, timeZone: string, now = new Date()) {
  const byName = async (username: string) => (await db.select().from(users).where(eq(users.username, username)))[0];
  const [quality, dispatcher] = [await byName('quality'), await byName('dispatcher')];
  const models = await db
    .select()
    .from(deviceModels)
    .where(inArray(deviceModels.code, ['PM-9000', 'ST-5020']));
  const pm = models.find((m) => m.code === 'PM-9000');
  const st = models.find((m) => m.code === 'ST-5020');
  if (!quality || !dispatcher || !pm || !st) return;
  const q = principalOf(quality);
  const local = DateTime.fromJSDate(now, { zone: timeZone });

  // 新上市: the monitor's new generation, launched five months ago.
  await runAt(local.minus({ months: 6 }).toJSDate(), () =>
    changeFlags(db, q, pm.id, 0, { kind: 'new_launch', launchDate: local.minus({ months: 5 }).toISODate() as string }),
  );

  // This month's run of faults on the stainer: three requests already closed (set down as history
  // from a demo-week request, so the dispatch board's open work stays the week's own), audited.
  const units = await db
    .select({ id: devices.id, customerId: devices.customerId, departmentId: devices.departmentId, siteId: devices.siteId })
    .from(devices)
    .where(and(eq(devices.modelId, st.id), inArray(devices.status, ['in_service', 'down'])))
    .orderBy(devices.serialNumber)
    .limit(3);
  const [template] = await db.select().from(serviceRequests).orderBy(serviceRequests.receivedAt).limit(1);
  if (!template) return;
  const faults = ['染色缸液位传感器报警，加液不止', '玻片架卡滞，染色流程中断', '加热模块温度漂移，染色偏淡'];
  const monthStart = local.startOf('month');
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...copy } = template;
  for (const [i, u] of units.entries()) {
    // Spread over the month so far (never before its first day, never after now).
    const at = DateTime.min(local, DateTime.max(monthStart.plus({ hours: 9 + i }), local.minus({ days: 3 - i, hours: 2 }))).toJSDate();
    await runAt(at, () =>
      db.transaction((tx) =>
        insertAudited(tx, { id: dispatcher.id, name: dispatcher.displayName }, 'service_request', serviceRequests, {
          ...copy,
          number: `${template.number}-Q${i + 1}`,
          deviceId: u.id,
          customerId: u.customerId,
          departmentId: u.departmentId,
          siteId: u.siteId,
          faultDescription: faults[i],
          deviceDown: false,
          receivedAt: at,
          contractId: null,
          status: 'closed',
          priorityDispatch: false,
          priorityNotifiedAt: null,
        }),
      ),
    );
  }
  // 质量不稳定: quality flags the stainer after the third fault.
  await runAt(now, () =>
    changeFlags(db, q, st.id, 0, {
      kind: 'unstable',
      unstable: true,
      reason: '本月多台出现液位传感器、玻片架与加热模块故障，疑似新批次部件质量问题，需跟踪分析。',
    }),
  );

  // The tracking-visit lines of the last two periods and this one, each made by the job in its period.
  for (const months of [6, 3, 0]) {
    const at = local.minus({ months }).toJSDate();
    await runAt(at, () => generateTrackingLines(db, timeZone, at));
  }
  await runAt(now, () => checkRateJumps(db, timeZone, now));
}
