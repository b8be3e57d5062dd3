// Demo data of the call centre (issue 12 item 4, R-CL-1): a few logged calls (one turned into a
// consultation), two missed calls (one overdue), this week's on-call roster, an open and an
// answered consultation. Written through the calls module's own use cases, relative to `now`,
// deterministic.
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/client.ts';
import { devices, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { convertCall, createConsultation, logCall, recordMissed, setDuty, stepConsultation } from '../modules/calls/index.ts';

const MIN = 60_000;

export async function seedCalls(db: Db, timeZone: string, now = new Date()) {
  const people = new Map((await db.select().from(users)).map((u) => [u.username, u]));
  const who = (username: string): Principal => {
    const u = people.get(username);
    if (!u) throw new Error(`demo calls: no user ${username}`);
    return { id: u.id, username, displayName: u.displayName, roles: u.roles as Role[], customerId: u.customerId, locale: u.locale };
  };
  const actor = (username: string) => ({ id: who(username).id, name: who(username).displayName });
  const device = async (serial: string) => (await db.select().from(devices).where(eq(devices.serialNumber, serial)))[0];
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MIN);
  const at = <T>(t: Date, run: () => Promise<T>) => runAt(t, run);

  // The on-call roster from last night through the coming week: the two engineers take turns
  // (a night's duty runs until the hotline opens, so at 02:00 it is yesterday's engineer).
  const first = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').minus({ days: 1 });
  for (let i = 0; i < 8; i++) {
    const d = first.plus({ days: i });
    const [engineer, phone] = d.ordinal % 2 === 0 ? ['engineer', '13911110001'] : ['engineer2', '13911110002'];
    await setDuty(db, actor('manager'), { dutyDate: d.toISODate() as string, engineerId: who(engineer).id, phone, note: d.weekday >= 6 ? '周末值班' : null });
  }

  const st = await device('ST5020-21-0031');
  const renhe = st.customerId;
  // A call about a staining program → a consultation (open).
  const c1 = await at(ago(26 * 60), () =>
    logCall(
      db,
      actor('dispatcher'),
      {
        direction: 'inbound',
        durationSeconds: 240,
        callerName: '王红',
        phone: '13801010001',
        deviceId: st.id,
        topic: '染色程序能否增加快速模式？',
        outcome: 'info_given',
      },
      ago(26 * 60),
    ),
  );
  await at(ago(26 * 60 - 5), () =>
    convertCall(db, who('dispatcher'), c1.id, { version: c1.version, kind: 'consultation' }, timeZone, 'zh-CN', ago(26 * 60 - 5)),
  );
  // A question answered on the spot, and an outbound call confirming an appointment.
  await at(ago(5 * 60), () =>
    logCall(
      db,
      actor('dispatcher'),
      {
        direction: 'inbound',
        durationSeconds: 95,
        callerName: '陈立',
        phone: '021-64370045',
        topic: '询问年度保养上门时间',
        outcome: 'info_given',
        notes: '已告知下周二上门',
      },
      ago(5 * 60),
    ),
  );
  await at(ago(3 * 60), () =>
    logCall(
      db,
      actor('dispatcher'),
      {
        direction: 'outbound',
        durationSeconds: 60,
        callerName: '王红',
        phone: '13801010001',
        customerId: renhe,
        topic: '确认工程师到达时间',
        outcome: 'resolved',
      },
      ago(3 * 60),
    ),
  );
  // An answered consultation: the expert answered a question about a software upgrade.
  const q = await at(ago(3 * 24 * 60), () =>
    createConsultation(
      db,
      actor('dispatcher'),
      {
        question: '升级到 V3.2.1 后是否需要重新校准温控？',
        customerId: renhe,
        deviceId: st.id,
        askerName: '王红',
        askerPhone: '13801010001',
        askedAt: ago(3 * 24 * 60),
      },
      ago(3 * 24 * 60),
    ),
  );
  await at(ago(3 * 24 * 60 - 90), () =>
    stepConsultation(
      db,
      who('expert'),
      q.id,
      { version: q.version, action: 'answer', answer: '不需要重新校准；升级后请运行一次自检程序并记录结果。', kbCandidate: true },
      ago(3 * 24 * 60 - 90),
    ),
  );
  // Missed calls: one two days old and overdue, one just now.
  await at(ago(2 * 24 * 60), () =>
    recordMissed(
      db,
      actor('dispatcher'),
      { phone: '13801010001', callerName: '王红', receivedAt: ago(2 * 24 * 60), note: '交换机未接' },
      timeZone,
      ago(2 * 24 * 60),
    ),
  );
  await at(ago(5), () => recordMissed(db, actor('dispatcher'), { phone: '0755-83922001', receivedAt: ago(5) }, timeZone, ago(5)));
}
