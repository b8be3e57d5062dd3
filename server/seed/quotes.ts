// Warranty exclusion and quote demo data (issue 15 §4; R-WX-1, R-FE-1; seed 003): on a fresh demo
// install 仁和医院 has a warranty job damaged by lightning (雷击) — excluded by the engineer,
// confirmed by the service manager, quoted at cost, accepted by the hospital in the portal and
// then repaired — and a contract job with misuse (使用不当, materials only) whose quote waits in
// the portal (我的报价). Everything goes through the use cases, so audit and rules apply.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customers, devices, parts, serviceRequests, users, workOrders } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { acceptQuote, createQuote, decideExclusion, proposeExclusion, sendQuote } from '../modules/quotes/index.ts';
import { registerRequest } from '../modules/requests/index.ts';
import { dispatch, transition } from '../modules/workorders/index.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function seedQuotesDemo(db: Db, timeZone = 'Asia/Shanghai', now = new Date()) {
  const who = async (username: string): Promise<Principal | null> => {
    const [u] = await db.select().from(users).where(eq(users.username, username));
    return u
      ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: u.customerId ?? null, locale: u.locale }
      : null;
  };
  const [dispatcher, engineer, manager, renhe] = await Promise.all([who('dispatcher'), who('engineer'), who('manager'), who('renhe')]);
  const [hospital] = await db.select({ id: customers.id }).from(customers).where(eq(customers.code, 'BJ-RH'));
  const catalogue = await db.select({ id: parts.id }).from(parts).where(gt(parts.unitCost, '0')).orderBy(asc(parts.code)).limit(2);
  if (!dispatcher || !engineer || !manager || !renhe || !hospital || catalogue.length === 0) return;
  const today = now.toLocaleDateString('sv-SE', { timeZone });
  const dateIn = (days: number) => new Date(now.getTime() + days * DAY).toLocaleDateString('sv-SE', { timeZone });
  const version = async (id: string) => (await db.select({ v: workOrders.version }).from(workOrders).where(eq(workOrders.id, id)))[0].v;

  /** A job of 仁和医院 on site with the engineer, if the unit's request is a warranty or contract job. */
  async function onSite(serials: string[], fault: string, at: Date): Promise<string | null> {
    for (const serial of serials) {
      const [d] = await db
        .select({ id: devices.id })
        .from(devices)
        .where(and(eq(devices.serialNumber, serial), eq(devices.customerId, hospital.id)));
      if (!d) continue;
      try {
        const r = await runAt(at, () =>
          registerRequest(
            db,
            dispatcher as Principal,
            {
              deviceId: d.id,
              faultDescription: fault,
              deviceDown: true,
              channel: 'phone',
              reporterName: '王红',
              reporterPhone: '010-65295001',
              receivedAt: at.toISOString(),
              internal: false,
              urgencyReason: null,
            },
            timeZone,
            at,
          ),
        );
        const [req] = await db.select({ category: serviceRequests.category }).from(serviceRequests).where(eq(serviceRequests.id, r.requestId));
        const id = r.workOrderId;
        const t1 = new Date(at.getTime() + HOUR);
        await runAt(t1, () => dispatch(db, dispatcher as Principal, id, { version: 1, leadEngineerId: (engineer as Principal).id, helperIds: [] }, t1));
        for (const [to, h] of [
          ['accepted', 1.5],
          ['on_site', 3],
        ] as const) {
          const t = new Date(at.getTime() + h * HOUR);
          await runAt(t, async () => transition(db, engineer as Principal, id, { version: await version(id), to, reason: null }, t));
        }
        if (req.category === 'warranty' || req.category === 'contract') return id;
      } catch {
        // A unit the demo week holds or keeps busy: try the next one.
      }
    }
    return null;
  }

  // 1. Lightning: excluded, quoted, accepted in the portal, repaired.
  const start = new Date(now.getTime() - 4 * DAY);
  const hit = await onSite(['SV600-25-2201', 'ST5020-25-0412', 'PM9000-26-0301'], '雷雨后设备无法开机，电源指示灯不亮', start);
  if (hit) {
    const at = (h: number) => new Date(start.getTime() + h * HOUR);
    const x = await runAt(at(4), () =>
      proposeExclusion(db, engineer, hit, {
        category: 'lightning',
        reason: '当晚雷雨，病区配电箱浪涌保护器击穿，设备电源板烧蚀',
        evidence: '电源板烧蚀及浪涌保护器照片（已上传附件）；医院设备科确认当晚雷击停电',
      }),
    );
    await runAt(at(6), () => decideExclusion(db, manager, x.id, { version: x.version, verdict: 'confirmed', note: '雷击属不可抗力，按最低成本价收费' }));
    const q = await runAt(at(7), () =>
      createQuote(
        db,
        engineer,
        {
          workOrderId: hit,
          validUntil: dateIn(10),
          labourMinutes: 150,
          travelKm: '36',
          parts: [{ partId: catalogue[0].id, quantity: '1' }],
          note: '更换电源板',
        },
        timeZone,
      ),
    );
    const sent = await runAt(at(7.5), () => sendQuote(db, engineer, q.id, { version: q.version }, timeZone));
    await runAt(at(26), () => acceptQuote(db, renhe, sent.id, { via: 'portal', signerName: '王红' }, timeZone));
    await runAt(at(30), async () => transition(db, engineer, hit, { version: await version(hit), to: 'resolved', reason: null }, at(30)));
  }

  // 2. Misuse on a contract job: materials only; the quote waits in the portal.
  const start2 = new Date(now.getTime() - 1 * DAY);
  const misuse = await onSite(['SV600-22-0815', 'TP8000-24-0107'], '管路报警频繁，无法完成自检', start2);
  if (misuse) {
    const at = (h: number) => new Date(start2.getTime() + h * HOUR);
    const x = await runAt(at(4), () =>
      proposeExclusion(db, engineer, misuse, {
        category: 'misuse',
        reason: '使用非原厂耗材导致管路堵塞、阀门损坏',
        evidence: '现场拆下的非原厂耗材及堵塞阀门照片；科室操作记录',
      }),
    );
    await runAt(at(5), () => decideExclusion(db, manager, x.id, { version: x.version, verdict: 'confirmed', note: '使用不当，只收取材料成本费' }));
    const q = await runAt(at(6), () =>
      createQuote(
        db,
        engineer,
        {
          workOrderId: misuse,
          validUntil: dateIn(14) > today ? dateIn(14) : today,
          labourMinutes: 90,
          parts: catalogue.map((p) => ({ partId: p.id, quantity: '1' })),
        },
        timeZone,
      ),
    );
    await runAt(at(6.5), () => sendQuote(db, engineer, q.id, { version: q.version }, timeZone));
  }
}
