// Renewals demo data (issue 13 §3, R-CT-1; seed 002 part 1 §4 and §15): on a fresh demo install
// (loadDemo), maintenance contracts expiring within the month at each pipeline stage — notice
// sent, visited, quoted, won (with its gap-free successor contract) and lost (with a reason) — a
// warranty ending in under three months reported to sales, and last quarter's decided renewals so
// the renewal-rate chart has history. The notices come from the real sweep, so each is recorded
// once and the hospital's 保养到期通知书 is in its portal.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customers, devices, renewals, users } from '../db/schema.ts';
import { addDays } from '../lib/calendar.ts';
import { insertContract } from '../modules/contracts/index.ts';
import { moveStage, sendExpiryNotices } from '../modules/renewals/index.ts';

const dayOf = (now: Date, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
type Plan = {
  number: string;
  customer: string;
  kind: 'maintenance' | 'warranty';
  endIn: number;
  price: string;
  steps: ('visited' | 'quoted' | 'won' | 'lost')[];
};

export async function seedRenewalsDemo(db: Db, timeZone: string, now = new Date()) {
  const today = dayOf(now, timeZone);
  const [sales] = await db.select().from(users).where(eq(users.username, 'sales'));
  if (!sales) return;
  const actor = { id: sales.id, name: sales.displayName };
  const custs = await db
    .select({ id: customers.id, code: customers.code })
    .from(customers)
    .where(inArray(customers.code, ['BJ-RH', 'SH-RK']));
  const byCode = new Map(custs.map((c) => [c.code, c.id]));
  if (byCode.size === 0) return;
  const devicesOf = async (customerId: string) =>
    (await db.select({ id: devices.id }).from(devices).where(eq(devices.customerId, customerId)).orderBy(devices.serialNumber)).slice(0, 2).map((d) => d.id);

  const plans: Plan[] = [
    // Last quarter: decided, for the rate history.
    { number: 'HT-DEMO-RN-01', customer: 'SH-RK', kind: 'maintenance', endIn: -70, price: '42000.00', steps: ['visited', 'quoted', 'won'] },
    { number: 'HT-DEMO-RN-02', customer: 'BJ-RH', kind: 'maintenance', endIn: -40, price: '18000.00', steps: ['visited', 'lost'] },
    // This month: one at each stage.
    { number: 'HT-DEMO-RN-03', customer: 'BJ-RH', kind: 'maintenance', endIn: 27, price: '36000.00', steps: [] },
    { number: 'HT-DEMO-RN-04', customer: 'SH-RK', kind: 'maintenance', endIn: 24, price: '52000.00', steps: ['visited'] },
    { number: 'HT-DEMO-RN-05', customer: 'BJ-RH', kind: 'maintenance', endIn: 20, price: '28000.00', steps: ['visited', 'quoted'] },
    { number: 'HT-DEMO-RN-06', customer: 'SH-RK', kind: 'maintenance', endIn: 15, price: '64000.00', steps: ['visited', 'quoted', 'won'] },
    { number: 'HT-DEMO-RN-07', customer: 'SH-RK', kind: 'maintenance', endIn: 10, price: '22000.00', steps: ['lost'] },
    // A free warranty ending in under three months: reported to sales.
    { number: 'HT-DEMO-RN-08', customer: 'BJ-RH', kind: 'warranty', endIn: 75, price: '0.00', steps: [] },
  ];
  for (const p of plans) {
    const customerId = byCode.get(p.customer) ?? [...byCode.values()][0];
    const endDate = addDays(today, p.endIn);
    await db.transaction((tx) =>
      insertContract(tx, actor, {
        number: p.number,
        customerId,
        kind: p.kind,
        startDate: addDays(endDate, -364),
        endDate,
        slaPolicy: '标准服务',
        visitsPerYear: p.kind === 'maintenance' ? 4 : 0,
        price: p.price,
        currency: 'CNY',
        notes: null,
        deviceIds: [],
      }),
    );
    const [c] = await db.execute<{ id: string }>(`select id::text as id from contracts where number = '${p.number}'`).then((r) => r.rows);
    const ids = await devicesOf(customerId);
    if (ids.length)
      await db.execute(
        `insert into contract_devices (contract_id, device_id) values ${ids.map((d) => `('${c.id}', '${d}')`).join(', ')} on conflict do nothing`,
      );
  }
  // The notices as the daily job sends them: the past ones on their day, then today's.
  await sendExpiryNotices(db, timeZone, new Date(now.getTime() - 95 * 86_400_000));
  await sendExpiryNotices(db, timeZone, new Date(now.getTime() - 60 * 86_400_000));
  await sendExpiryNotices(db, timeZone, now);
  for (const p of plans) {
    const [r] = await db
      .execute<{ id: string }>(`select r.id::text as id from renewals r join contracts c on c.id = r.contract_id where c.number = '${p.number}'`)
      .then((x) => x.rows);
    if (!r) continue;
    for (const step of p.steps) {
      const [cur] = await db.select({ version: renewals.version }).from(renewals).where(eq(renewals.id, r.id));
      await moveStage(
        db,
        actor,
        r.id,
        {
          version: cur.version,
          stage: step,
          quoteAmount: step === 'quoted' ? (Number(p.price) * 1.05).toFixed(2) : undefined,
          lostReason: step === 'lost' ? '医院预算未批，改为按次付费维修' : undefined,
          quoteOverrideReason: undefined,
        },
        'zh-CN',
      );
    }
  }
}
