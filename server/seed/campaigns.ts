// Recall and field-action demo data (召回 / 技术升级, issue 14 §3, R-REG-3, R-UP-1): on a fresh demo
// install (loadDemo) a class II recall of the ST-5020 stainers' heating module is half done — every
// customer notified two days ago, some acknowledged in the portal or by a recorded call, some units
// corrected, one with its upgrade work order under way, some open — and a ventilator software upgrade waits for the
// customers' consent (seed 004 根据客户意愿; seed 003 保修期外收取适当的成本费).
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { campaignNotices, campaignUnits, customers, deviceModels, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { acknowledge, createCampaign, freeze, openUnitWorkOrder, resolveUnit, startNotifying } from '../modules/campaigns/index.ts';

async function who(db: Db, username: string): Promise<Principal | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u
    ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: u.customerId ?? null, locale: u.locale }
    : null;
}

export async function seedCampaignsDemo(db: Db, timeZone: string, now = new Date()) {
  const [quality, dispatcher, renhe] = await Promise.all([who(db, 'quality'), who(db, 'dispatcher'), who(db, 'renhe')]);
  const [stainer] = await db.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.code, 'ST-5020'));
  const [ventilator] = await db.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.code, 'SV-600'));
  if (!quality || !dispatcher || !stainer || !ventilator) return;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000);

  // A class II recall, half done.
  const recall = await runAt(at(60), () =>
    createCampaign(db, quality, {
      type: 'recall_2',
      title: 'ST-5020 染色机加热模块温控异常召回',
      reason: '供应商告知加热模块温控芯片（批号 HM-2025-07）存在缺陷，可能导致染色温度过高、损伤切片；属二级召回。',
      noticeContent:
        '尊敬的客户：\n贵单位使用的全自动染色机 ST-5020 加热模块存在温控异常风险。在更换前请勿使用 60℃以上加热程序；我方工程师将在 7 日内上门免费更换加热模块并进行测试和验证。\n如有疑问请致电售后服务热线 400-800-1234。',
    }),
  );
  const frozen = await runAt(at(56), () => freeze(db, quality, recall.id, { version: recall.version, criteria: { modelId: stainer.id } }, timeZone));
  await runAt(at(50), () => startNotifying(db, quality, recall.id, frozen.version));
  const notices = await db
    .select({ n: campaignNotices, customerName: customers.name })
    .from(campaignNotices)
    .innerJoin(customers, eq(customers.id, campaignNotices.customerId))
    .where(eq(campaignNotices.campaignId, recall.id))
    .orderBy(asc(customers.name));
  for (const { n, customerName } of notices) {
    if (renhe && n.customerId === renhe.customerId) {
      await runAt(at(40), () => acknowledge(db, renhe, n.id, { version: n.version }));
    } else if (customerName.includes('中山') || customerName.includes('瑞康')) {
      await runAt(at(30), () => acknowledge(db, dispatcher, n.id, { version: n.version, note: `电话通知${customerName}设备科，对方确认收到` }));
    }
  }
  const units = await db.select().from(campaignUnits).where(eq(campaignUnits.campaignId, recall.id)).orderBy(asc(campaignUnits.serialNumber));
  // Two corrected on site (verification recorded), one with its work order under way, the rest open.
  for (const [i, u] of units.slice(0, 2).entries()) {
    await runAt(at(20 - i), () =>
      resolveUnit(db, dispatcher, recall.id, u.id, {
        version: u.version,
        outcome: i === 0 ? 'corrected' : 'replaced',
        verification: '更换加热模块（新批号 HM-2025-11），温控测试 60±1℃ 合格，染色程序试运行正常',
      }),
    );
  }
  if (units[2]) await runAt(at(18), () => openUnitWorkOrder(db, dispatcher, recall.id, units[2].id, { version: units[2].version }, timeZone));

  // A technical upgrade waiting for consent.
  const upgrade = await runAt(at(30), () =>
    createCampaign(db, quality, {
      type: 'technical_upgrade',
      title: 'SV-600 呼吸机软件升级至 V1.9.2',
      reason: '厂家发布 V1.9.2：改进低潮气量报警算法，修正夜间模式屏幕亮度问题。',
      noticeContent:
        '尊敬的客户：\n厂家发布 SV-600 呼吸机软件 V1.9.2。根据贵单位意愿安排升级：保修期内免费，保修期外收取成本费。升级后工程师将进行测试和验证。请回复是否同意升级。',
      costFee: '800.00',
    }),
  );
  const up = await runAt(at(28), () => freeze(db, quality, upgrade.id, { version: upgrade.version, criteria: { modelId: ventilator.id } }, timeZone));
  await runAt(at(27), () => startNotifying(db, quality, upgrade.id, up.version));
  // Nothing else: every unit's consent is pending.
}
