// Organisation demo data (issue 15 §1, R-ORG-1; seed 002 §12): two branches — 华东分公司 (manager
// 林海) with its 上海服务小组, and 华南分公司 (manager 黄磊) with its 广州服务小组 — serving their
// customers, with the engineers and vans split between them; head office keeps the others (their
// notices still go to every service manager). 华东's daily report of yesterday is signed by its
// manager (分公司日报审核签字) and waits in head office's inbox.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { branchDailyReports, customers, units, users, warehouses } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import type { Actor } from '../lib/audit.ts';
import { runAt } from '../lib/clock.ts';
import { hashPassword } from '../lib/passwords.ts';
import { insertAudited, updateAudited } from '../lib/records.ts';
import { prepareBranchReport, signBranchReport } from '../modules/units/index.ts';
import { DEMO_PASSWORD } from './demo.ts';

const DAY = 86_400_000;
const seedActor: Actor = { id: null, name: 'seed' };

export async function seedUnitsDemo(db: Db, timeZone = 'Asia/Shanghai', now = new Date()) {
  const [already] = await db.select({ id: units.id }).from(units).limit(1);
  if (already) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = new Map((await db.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
  const byCode = new Map((await db.select({ id: customers.id, code: customers.code }).from(customers)).map((c) => [c.code, c.id]));
  const principal = async (username: string): Promise<Principal> => {
    const [u] = await db.select().from(users).where(eq(users.username, username));
    return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale };
  };
  const branchIds = await db.transaction(async (tx) => {
    const manager = async (username: string, displayName: string) =>
      (
        await insertAudited(tx, seedActor, 'user', users, {
          username,
          displayName,
          roles: ['service_manager'],
          passwordHash,
          phone: null,
          email: `${username}@medservice.example`,
        })
      ).id;
    const east = await insertAudited(tx, seedActor, 'unit', units, {
      kind: 'branch',
      code: 'HD',
      name: '华东分公司',
      managerId: await manager('huadong', '林海（华东分公司经理）'),
    });
    const south = await insertAudited(tx, seedActor, 'unit', units, {
      kind: 'branch',
      code: 'HN',
      name: '华南分公司',
      managerId: await manager('huanan', '黄磊（华南分公司经理）'),
    });
    const eastTeam = await insertAudited(tx, seedActor, 'unit', units, { kind: 'team', code: 'HD-SH', name: '上海服务小组', parentId: east.id });
    const southTeam = await insertAudited(tx, seedActor, 'unit', units, { kind: 'team', code: 'HN-GZ', name: '广州服务小组', parentId: south.id });
    const assign = async (codes: string[], unitId: string) => {
      for (const code of codes) {
        const id = byCode.get(code);
        if (!id) continue;
        const [before] = await tx.select().from(customers).where(eq(customers.id, id));
        await updateAudited(tx, seedActor, 'customer', customers, id, before.version, { unitId }, before);
      }
    };
    await assign(['SH-RK'], eastTeam.id);
    await assign(['HZ-KD'], east.id);
    await assign(['GZ-ZS'], southTeam.id);
    const staffTo = async (usernames: string[], unitId: string) => {
      const ids = usernames.map((u) => people.get(u)).filter((x): x is string => !!x);
      if (!ids.length) return;
      for (const u of await tx.select().from(users).where(inArray(users.id, ids)))
        await updateAudited(tx, seedActor, 'user', users, u.id, u.version, { unitId }, u);
      for (const w of await tx.select().from(warehouses).where(inArray(warehouses.ownerId, ids)))
        await updateAudited(tx, seedActor, 'warehouse', warehouses, w.id, w.version, { unitId }, w);
    };
    await staffTo(['engineer', 'technician'], eastTeam.id);
    await staffTo(['engineer2'], southTeam.id);
    return { east: east.id, south: south.id };
  });
  // Yesterday's report of 华东, prepared by the dispatcher and signed by its manager.
  const yesterday = new Date(now.getTime() - DAY).toLocaleDateString('sv-SE', { timeZone });
  const dispatcher = await principal('dispatcher');
  const id = await runAt(new Date(now.getTime() - 2 * 3_600_000), () =>
    prepareBranchReport(db, dispatcher, { unitId: branchIds.east, day: yesterday }, timeZone),
  );
  const [report] = await db.select({ version: branchDailyReports.version }).from(branchDailyReports).where(eq(branchDailyReports.id, id));
  await runAt(new Date(now.getTime() - 3_600_000), async () =>
    signBranchReport(db, await principal('huadong'), id, { version: report.version, password: DEMO_PASSWORD, comment: '已审核，昨日紧急报修均已处理。' }),
  );
  // 华南's report of yesterday is still a draft for its manager.
  await prepareBranchReport(db, dispatcher, { unitId: branchIds.south, day: yesterday }, timeZone);
}
