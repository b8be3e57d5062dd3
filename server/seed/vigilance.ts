// Adverse-event demo data (不良事件, issue 14 §2, R-REG-2): on a fresh demo install (loadDemo)
// - a serious injury with a ventilator at 北京仁和医院, learned of 5 days ago, still a draft: its
//   20-day reporting clock is running (15 days left) on the 不良事件 register and the detail page;
// - a monitor event at the same hospital, decided reportable, its report submitted and signed by
//   quality (password again, R-AU-1), a final report filed and the event closed with an evaluation.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { devices, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { addFollowUp, closeAdverseEvent, createAdverseEvent, decideReportability, submitReport, updateAdverseEvent } from '../modules/vigilance/index.ts';
import { DEMO_PASSWORD } from './demo.ts';

const DAY = 86_400_000;
const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

async function principalOf(db: Db, username: string): Promise<Principal | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale } : null;
}

export async function seedVigilanceDemo(db: Db, now = new Date()) {
  const engineer = await principalOf(db, 'engineer');
  const quality = await principalOf(db, 'quality');
  const [vent] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serialNumber, 'SV600-25-2201'));
  const [monitor] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serialNumber, 'PM9000-26-0301'));
  if (!engineer || !quality || !vent || !monitor) return;

  const aware = new Date(now.getTime() - 5 * DAY);
  await runAt(aware, () =>
    createAdverseEvent(db, engineer, {
      deviceId: vent.id,
      eventDate: day(new Date(aware.getTime() - DAY)),
      awareAt: aware,
      patientImpact: 'serious_injury',
      description: '重症医学科使用呼吸机通气过程中潮气量实际输出明显低于设定值，患者血氧饱和度下降至 82%，经改用备用呼吸机及抢救后恢复。',
      deviceProblem: '潮气量输出偏低',
      actionsTaken: '当班护士立即更换备用呼吸机；设备已停止使用并封存，待工程师检测流量传感器。',
      reportForm: { reporterType: 'mah', reportingUnit: 'MedService 医疗器械售后服务中心', useSite: 'hospital' },
    }),
  );

  const earlier = new Date(now.getTime() - 40 * DAY);
  const ev = await runAt(earlier, () =>
    createAdverseEvent(db, engineer, {
      deviceId: monitor.id,
      eventDate: day(earlier),
      awareAt: earlier,
      patientImpact: 'other',
      description: '麻醉科监护仪术中无创血压测量多次失败，改用备用监护仪，未对患者造成伤害。',
      deviceProblem: '无创血压测量失败',
      actionsTaken: '更换袖带及气路管，检测合格后恢复使用。',
    }),
  );
  const decided = await runAt(new Date(earlier.getTime() + 2 * DAY), () =>
    decideReportability(db, quality, ev.id, { version: ev.version, reportable: true, reason: '可能影响术中监护，按可疑不良事件报告' }),
  );
  const filled = await runAt(new Date(earlier.getTime() + 3 * DAY), () =>
    updateAdverseEvent(db, quality, ev.id, {
      version: decided.version,
      reportForm: {
        reporterType: 'mah',
        reportingUnit: 'MedService 医疗器械售后服务中心',
        contactName: '李静',
        contactPhone: '010-88886666',
        registrationNumber: '国械注准20213070125',
        useSite: 'hospital',
        useProcess: '全麻手术中按 5 分钟间隔自动测量无创血压',
        causeAnalysis: '袖带气路管老化漏气',
        reporterName: '李静',
      },
    }),
  );
  const submitted = await runAt(new Date(earlier.getTime() + 4 * DAY), () =>
    submitReport(db, quality, ev.id, {
      version: filled.version,
      reportNumber: 'JC-2026-000318',
      reportedOn: day(new Date(earlier.getTime() + 4 * DAY)),
      password: DEMO_PASSWORD,
    }),
  );
  const final = await runAt(new Date(earlier.getTime() + 20 * DAY), () =>
    addFollowUp(db, quality, ev.id, {
      version: submitted.version,
      kind: 'final',
      reportDate: day(new Date(earlier.getTime() + 20 * DAY)),
      content: '厂家确认为袖带气路管老化，已更换并对同型号设备进行巡检，未再发生。',
    }),
  );
  await runAt(new Date(earlier.getTime() + 21 * DAY), () =>
    closeAdverseEvent(db, quality, ev.id, { version: final.version, evaluation: '原因明确（气路管老化），纠正措施有效，同型号巡检未发现同类问题，关闭。' }),
  );
}
