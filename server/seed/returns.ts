// Return/exchange demo data (退货/换货, issue 14 §4, R-REG-4; 经营办法§38): on a fresh demo install
// the 退换货 register shows a patient monitor of 仁和医院 back from the ward, checked by quality and
// awaiting the decision, with a notice to its manufacturer awaiting the reply; and a part
// exchange for 瑞康医院 already done (the good part sent, serial recorded).
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customers, deviceModels, devices, parts, users, warehouses } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { completeReturn, decideReturn, inspectReturn, receiveReturn, registerReturn, sendNotice } from '../modules/returns/index.ts';

const DAY = 86_400_000;

export async function seedReturnsDemo(db: Db, timeZone = 'Asia/Shanghai', now = new Date()) {
  const who = async (username: string): Promise<Principal | null> => {
    const [u] = await db.select().from(users).where(eq(users.username, username));
    return u ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale } : null;
  };
  const [engineer, quality, manager] = await Promise.all([who('engineer'), who('quality'), who('manager')]);
  const [unit] = await db
    .select({ id: devices.id, manufacturer: deviceModels.manufacturer })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(devices.serialNumber, 'PM9000-26-0301'));
  const [part] = await db.select({ id: parts.id }).from(parts).orderBy(asc(parts.code)).limit(1);
  const [ruikang] = await db.select({ id: customers.id }).from(customers).where(eq(customers.code, 'SH-RK'));
  if (!engineer || !quality || !manager || !unit || !part || !ruikang) return;
  const day = (n: number) => new Date(now.getTime() - n * DAY);
  const date = (n: number) => day(n).toLocaleDateString('sv-SE', { timeZone });

  // A device return, inspected, awaiting the decision.
  const r = await runAt(day(6), () =>
    registerReturn(db, engineer, { kind: 'return', item: 'device', deviceId: unit.id, reason: '监护仪到货两周内血氧模块读数漂移，科室要求退货' }),
  );
  const received = await runAt(day(5), () =>
    receiveReturn(
      db,
      engineer,
      r.id,
      { version: r.version, receivedOn: date(5), receivedByName: '张库管', arrivalCondition: '原包装返回，外观完好，附件齐全' },
      timeZone,
    ),
  );
  await runAt(day(4), () =>
    inspectReturn(db, quality, r.id, { version: received.version, findings: '血氧模块零点漂移 4%，超出允差；主机其余功能正常', result: 'fail' }),
  );
  await runAt(day(3), () =>
    sendNotice(db, quality, {
      subject: 'return',
      subjectId: r.id,
      manufacturer: unit.manufacturer ?? '生产企业',
      sentOn: date(3),
      channel: 'email',
      content: '监护仪 PM9000-26-0301 血氧模块零点漂移，请分析原因并反馈纠正措施（经营办法第三十八条）。',
    }),
  );

  // A part exchange, done.
  const p = await runAt(day(10), () =>
    registerReturn(db, engineer, {
      kind: 'exchange',
      item: 'part',
      partId: part.id,
      quantity: 1,
      lotOrSerial: 'LOT-2026-09A',
      customerId: ruikang.id,
      reason: '新换配件开机即报错',
    }),
  );
  // The returned part waits in the central warehouse's quarantine (faulty) stock.
  const [central] = await db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.kind, 'central')).orderBy(asc(warehouses.code)).limit(1);
  const pr = await runAt(day(9), () =>
    receiveReturn(
      db,
      engineer,
      p.id,
      { version: p.version, receivedOn: date(9), receivedByName: '张库管', arrivalCondition: '配件完好，包装已拆', warehouseId: central?.id ?? null },
      timeZone,
    ),
  );
  const pi = await runAt(day(8), () => inspectReturn(db, quality, p.id, { version: pr.version, findings: '上电自检失败，来料不良', result: 'fail' }));
  const pd = await runAt(day(8), () => decideReturn(db, manager, p.id, { version: pi.version, decision: 'exchange', reason: '来料不良，保修期内换新' }));
  await runAt(day(7), () => completeReturn(db, engineer, p.id, { version: pd.version, exchangeSerial: 'LOT-2026-11C', note: `新配件已于 ${date(7)} 发出` }));
}
