// Safety-hold demo data (停用, issue 14 §1, R-REG-1): on a fresh demo install (loadDemo) the
// linear accelerator with the MLC leaf alarm of the demo week is on hold — the device page, the
// dispatch board card, the work order and the 设备停用 register all show 停用：请勿使用.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { devices, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { placeHold } from '../modules/holds/index.ts';

export async function seedHoldsDemo(db: Db, now = new Date()) {
  const [u] = await db.select().from(users).where(eq(users.username, 'engineer2'));
  const [d] = await db.select({ id: devices.id, status: devices.status }).from(devices).where(eq(devices.serialNumber, 'VB-H192201'));
  if (!u || !d || d.status === 'retired') return;
  const who: Principal = { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale };
  await runAt(new Date(now.getTime() - 3 * 3600_000), () =>
    placeHold(db, who, {
      deviceId: d.id,
      reason: '多叶光栅 MLC 第 23 叶片到位偏差超出允差，可能导致照射剂量偏差：停止治疗，待更换叶片电机并经剂量验证合格后方可恢复使用。',
    }),
  );
}
