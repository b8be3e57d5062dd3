// Escalation-ladder demo data (技术支持升级, issue 15 §2, R-ESC-1): 赵敏 is the L2 technical expert and
// 周涛 stands in for L3 R&D/production; the newest open emergency job of the demo week was escalated
// by its engineer to the L2 expert, who answered and guided by phone; then the auto-escalation job
// runs once as the worker would at its first minute, so a job unresolved past the emergency hours
// shows its automatic L2 and L3 steps (the executive told). One more question, asked by the service
// manager on another open job five hours before the start, is still unanswered: the list's
// 只看超时 filter has an overdue question to show on a fresh install.
import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { serviceRequests, users, workOrders } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { answerEscalation, autoEscalate, escalate, recordGuidance, setExpert } from '../modules/escalations/index.ts';

const MIN = 60_000;

export async function seedEscalationsDemo(db: Db, now = new Date()) {
  const who = async (username: string): Promise<Principal | null> => {
    const [u] = await db.select().from(users).where(eq(users.username, username));
    return u ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale } : null;
  };
  const [admin, engineer, expert, quality] = await Promise.all([who('admin'), who('engineer'), who('expert'), who('quality')]);
  if (!admin || !engineer || !expert || !quality) return;
  await setExpert(db, admin, { userId: expert.id, tier: 'L2' });
  await setExpert(db, admin, { userId: quality.id, tier: 'L3' });

  const open = await db
    .select({ id: workOrders.id, createdAt: workOrders.createdAt, urgency: serviceRequests.urgency })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .where(
      and(
        eq(workOrders.kind, 'repair'),
        inArray(serviceRequests.urgency, ['emergency', 'urgent']),
        notInArray(workOrders.status, ['new', 'resolved', 'signed_off', 'reviewed', 'closed', 'cancelled']),
      ),
    )
    .orderBy(desc(serviceRequests.urgency), desc(workOrders.createdAt))
    .limit(5);
  const job = open.find((j) => j.urgency === 'emergency') ?? open[0];
  if (job) {
    const askedAt = new Date(Math.max(job.createdAt.getTime() + 30 * MIN, now.getTime() - 90 * MIN));
    const e = await runAt(askedAt, () =>
      escalate(db, engineer, job.id, { toTier: 'L2', question: '现场更换电源板后仍间歇性报警（E21），是否需要升级固件？请专家指导排查步骤。' }),
    );
    const a = await runAt(new Date(askedAt.getTime() + 20 * MIN), () =>
      answerEscalation(db, expert, e.id, {
        version: e.version,
        answer: '先读取报警日志确认 E21 出现时的电压波动，再检查主板 J12 接插件；如仍报警，按升级包 V3.2 升级固件。',
      }),
    );
    await runAt(new Date(askedAt.getTime() + 25 * MIN), () =>
      recordGuidance(db, expert, e.id, { version: a.version, channel: 'phone', minutes: 25, note: '电话指导工程师完成日志读取与接插件检查' }),
    );
  }
  const waiting = open.find((j) => j.id !== job?.id && j.createdAt.getTime() < now.getTime() - 5 * 60 * MIN);
  const manager = await who('manager');
  if (waiting && manager) {
    await runAt(new Date(now.getTime() - 5 * 60 * MIN), () =>
      escalate(db, manager, waiting.id, { toTier: 'L2', question: '客户反映设备自检反复失败，现场判断为主控板通信异常，请专家确认是否需要更换主控板。' }),
    );
  }
  await autoEscalate(db, now);
}
