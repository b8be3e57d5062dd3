// Visit-plan demo data (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行): on a
// fresh demo install (loadDemo) the radiotherapy centre GZ-ZS is a key account (one on-site visit a
// month), every customer gets the last and the current quarter planned with customer service as the
// responsible person, a few follow-ups are answered in the past months (lines done) so the rest of
// those months shows missed (and the managers get the missed notices), the current month due.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/client.ts';
import { customers, devices, followupPlans, followups, keyAccounts, users } from '../db/schema.ts';
import type { Role } from '../lib/access.ts';
import { systemActor } from '../lib/audit.ts';
import { answer, createPlan } from '../modules/followups/index.ts';
import { generatePlan, notifyMissed, quarterOf, setKeyAccount } from '../modules/visitplans/index.ts';

export async function seedVisitPlansDemo(db: Db, timeZone: string, now = new Date()) {
  const [key] = await db.select().from(customers).where(eq(customers.code, 'GZ-ZS'));
  const [disp] = await db.select().from(users).where(eq(users.username, 'dispatcher'));
  const [manager] = await db.select().from(users).where(eq(users.username, 'manager'));
  if (!key || !disp || !manager) return;
  const actor = { id: manager.id, name: manager.displayName };
  const [flagged] = await db.select({ id: keyAccounts.id }).from(keyAccounts).where(eq(keyAccounts.customerId, key.id));
  if (!flagged) await setKeyAccount(db, actor, key.id, { keyAccount: true, period: 'month', visits: 1, method: 'onsite', note: '放疗中心，直线加速器两台' });

  const cur = quarterOf(now, timeZone);
  const prev = cur.quarter === 1 ? { year: cur.year - 1, quarter: 4 } : { year: cur.year, quarter: cur.quarter - 1 };
  const start = DateTime.fromObject({ year: prev.year, month: (prev.quarter - 1) * 3 + 1, day: 10, hour: 10 }, { zone: timeZone });

  // The key account's first linac: its standing cadence from the start of last quarter (the sweep may have made it already).
  const [linac] = await db
    .select()
    .from(devices)
    .where(and(eq(devices.customerId, key.id), isNotNull(devices.acceptanceDate), isNotNull(devices.warrantyEnd)))
    .orderBy(asc(devices.serialNumber));
  if (linac) {
    const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate() as string;
    const under = (linac.warrantyEnd as string) >= today;
    await db.transaction((tx) =>
      createPlan(tx, systemActor, {
        deviceId: linac.id,
        customerId: key.id,
        serviceType: under ? 'warranty_period' : 'post_warranty',
        completedAt: DateTime.fromISO(under ? (linac.acceptanceDate as string) : (linac.warrantyEnd as string), { zone: timeZone })
          .set({ hour: 9 })
          .toJSDate(),
        endsAt: under
          ? DateTime.fromISO(linac.warrantyEnd as string, { zone: timeZone })
              .endOf('day')
              .toJSDate()
          : null,
        since: start.startOf('month').toJSDate(),
      }),
    );
    const who = { id: disp.id, username: disp.username, displayName: disp.displayName, roles: disp.roles as Role[], customerId: null, locale: disp.locale };
    // Last quarter's first month: the call and the on-site visit made; its second month: only the call.
    const visits: [string, DateTime][] = [
      ['phone', start],
      ['onsite', start.plus({ days: 5 })],
      ['phone', start.plus({ months: 1 })],
    ];
    for (const [track, at] of visits) {
      if (at.toJSDate().getTime() >= now.getTime()) continue;
      const [f] = await db
        .select({ id: followups.id, version: followups.version })
        .from(followups)
        .innerJoin(followupPlans, eq(followupPlans.id, followups.planId))
        .where(and(eq(followupPlans.deviceId, linac.id), eq(followups.track, track as 'phone' | 'onsite'), eq(followups.status, 'pending')))
        .orderBy(asc(followups.dueAt))
        .limit(1);
      if (!f) continue;
      await answer(
        db,
        who,
        f.id,
        {
          version: f.version,
          answers: {},
          outcome: 'no_problem',
          record: track === 'onsite' ? '上门回访：设备运行正常，放疗科物理师无意见' : '电话回访：设备运行正常',
        },
        at.toJSDate(),
      );
    }
  }

  // Every customer with devices in service (or flagged key account), last quarter and this one.
  const all = await db.select({ id: customers.id }).from(customers).orderBy(asc(customers.code));
  for (const q of [prev, cur])
    for (const c of all) {
      const [d] = await db
        .select({ id: devices.id })
        .from(devices)
        .where(and(eq(devices.customerId, c.id), isNotNull(devices.acceptanceDate)))
        .limit(1);
      if (!d && c.id !== key.id) continue;
      await generatePlan(db, actor, { customerId: c.id, year: q.year, quarter: q.quarter, assigneeId: disp.id }, timeZone, now);
    }
  await notifyMissed(db, timeZone, now);
}
