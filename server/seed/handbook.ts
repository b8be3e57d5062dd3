// Service handbook demo data (售后服务手册, issue 15 §5, R-KB-1; 办法§17): the fault-code tables of
// the demo models, twenty solved problems written by the engineers and published by the expert or
// quality (never the author), one waiting in review, one revised (version 2), and the documents of
// the pathology stainer and the patient monitor (some offered to the customer).
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { deviceModels, users } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import { runAt } from '../lib/clock.ts';
import { createEntry, createModelDocument, publishEntry, saveFaultCode, submitEntry, updateEntry } from '../modules/handbook/index.ts';

const DAY = 86_400_000;

// [model code, fault code, meaning]
const FAULT_CODES: [string, string, string][] = [
  ['ST-5020', 'E-101', '试剂泵堵转或流量不足'],
  ['ST-5020', 'E-102', '试剂液位传感器异常'],
  ['ST-5020', 'E-205', '烘干加热温度超限'],
  ['ST-5020', 'E-310', '机械臂定位失败'],
  ['TP-8000', 'T-01', '反应缸压力/真空异常'],
  ['TP-8000', 'T-07', '旋转阀换位超时'],
  ['TP-8000', 'T-12', '石蜡缸温度异常'],
  ['MT-2255', 'M-03', '刀架锁紧失效'],
  ['CT-760', 'C-4001', '球管打火'],
  ['CT-760', 'C-2210', '机架空调过温'],
  ['CT-760', 'C-3105', '探测器数据通道丢失'],
  ['MR-1.5T', 'R-110', '液氦液位低'],
  ['SV-600', 'V-21', '氧浓度传感器失效'],
  ['SV-600', 'V-33', '呼气阀漏气'],
  ['SV-600', 'V-40', '涡轮风机故障'],
  ['PM-9000', 'P-05', '血氧信号弱或无'],
  ['PM-9000', 'P-11', '电池不能充电'],
  ['PM-9000', 'P-17', '无创血压测量失败'],
  ['LA-VB', 'L-MLC', '多叶光栅叶片到位超差'],
];

// [model code, fault code, title, symptoms, cause, fix, part codes, tags, author]
type Row = [string, string | null, string, string, string, string, string[], string[], string];
export const HANDBOOK_DEMO: Row[] = [
  [
    'ST-5020',
    'E-101',
    '染色机试剂泵报警，试剂加注不足',
    '染色过程中报 E-101，试剂加注量不足，切片染色偏浅，泵运转有异响',
    '蠕动泵管老化变形或泵头卡滞，流量下降',
    '更换蠕动泵组件，清洗试剂管路，运行泵流量校准程序',
    ['BJ-ST-PUMP'],
    ['试剂泵', '染色偏浅'],
    'engineer',
  ],
  [
    'ST-5020',
    'E-102',
    '试剂液位误报缺液',
    '试剂瓶已加满仍提示缺液，液位显示不变，无法开始染色',
    '液位传感器探针结晶污染，信号漂移',
    '用去离子水和无水乙醇清洁液位探针，重新标定液位零点',
    [],
    ['液位', '缺液报警'],
    'engineer2',
  ],
  [
    'ST-5020',
    'E-205',
    '烘干温度过高报警，玻片烤焦',
    '烘干工位温度显示超过80度，报 E-205，玻片边缘发黄烤焦',
    '加热模块温控继电器粘连，温度失控',
    '更换烘干加热模块，检查温控继电器和温度传感器，校准温度',
    ['BJ-ST-HEAT'],
    ['烘干', '温度'],
    'engineer',
  ],
  [
    'ST-5020',
    'E-310',
    '机械臂抓取玻片架失败',
    '机械臂移动到染缸位置时停止，报 E-310 定位失败，玻片架掉落',
    '机械臂原点光电开关积灰，原点丢失',
    '清洁光电开关，执行机械臂原点复位和位置示教',
    [],
    ['机械臂', '定位'],
    'engineer2',
  ],
  [
    'TP-8000',
    'T-01',
    '脱水机反应缸抽真空失败',
    '程序运行中报 T-01，反应缸压力无法建立，试剂不能吸入',
    '反应缸盖密封圈老化漏气',
    '更换反应缸密封圈套件，检查真空泵和管路密封，做压力测试',
    ['BJ-TP-SEAL'],
    ['真空', '漏气'],
    'engineer',
  ],
  [
    'TP-8000',
    'T-07',
    '旋转阀换位超时，程序中断',
    '脱水程序在换试剂时中断，报 T-07 旋转阀超时，有咔哒声',
    '旋转阀电机齿轮磨损或阀体结晶卡滞',
    '拆洗旋转阀去除结晶，磨损严重时更换旋转阀',
    ['BJ-TP-VALVE'],
    ['旋转阀'],
    'engineer2',
  ],
  [
    'TP-8000',
    'T-12',
    '石蜡不熔化，浸蜡温度低',
    '浸蜡步骤报 T-12，石蜡缸温度达不到设定值，石蜡凝固',
    '石蜡缸加热膜断路或温度保险熔断',
    '测量加热膜阻值，更换温度保险，确认升温曲线正常',
    [],
    ['石蜡', '加热'],
    'engineer',
  ],
  [
    'MT-2255',
    'M-03',
    '切片机刀架松动，切片厚薄不均',
    '切片时刀片颤动，切片厚薄不均出现条纹，报 M-03',
    '刀架锁紧杆磨损，夹紧力不足',
    '更换刀架锁紧件，调整刀架角度，试切验证',
    ['BJ-MT-BLADE'],
    ['刀架', '切片'],
    'engineer',
  ],
  [
    'CT-760',
    'C-4001',
    'CT 扫描中球管打火，图像出现伪影',
    '扫描过程中报 C-4001 球管打火，图像出现条状伪影，曝光中断',
    '球管老化真空度下降，高压打火',
    '执行球管老化训练程序，打火频繁时更换球管并做校准',
    ['BJ-CT-TUBE'],
    ['球管', '伪影'],
    'expert',
  ],
  [
    'CT-760',
    'C-2210',
    'CT 机架过热，扫描被锁定',
    '机架温度报警 C-2210，连续扫描后系统锁定不能曝光',
    '机架空调滤网堵塞，散热不良',
    '清洗或更换机架空调滤网，检查空调制冷和风扇',
    ['BJ-CT-FILTER'],
    ['过热', '空调'],
    'engineer2',
  ],
  [
    'CT-760',
    'C-3105',
    'CT 图像环状伪影，探测器通道丢失',
    '重建图像出现同心环状伪影，日志报 C-3105 数据通道丢失',
    '探测器模块数据连接松动或空气校准过期',
    '重新插拔探测器数据线，执行空气校准和探测器校准',
    [],
    ['环状伪影', '探测器'],
    'expert',
  ],
  [
    'MR-1.5T',
    'R-110',
    '磁共振液氦液位下降过快',
    '液氦液位每周下降超过1%，冷头声音异常，报 R-110',
    '冷头性能下降或压缩机水冷不足',
    '检查水冷机流量和温度，更换冷头并补充液氦',
    [],
    ['液氦', '冷头'],
    'expert',
  ],
  [
    'SV-600',
    'V-21',
    '呼吸机氧浓度报警，实测值偏低',
    '呼吸机显示氧浓度低于设定值，报 V-21 氧传感器失效',
    '氧电池到期耗尽',
    '更换氧电池，执行氧浓度21%和100%两点校准',
    ['BJ-SV-O2'],
    ['氧浓度', '氧电池'],
    'engineer',
  ],
  [
    'SV-600',
    'V-33',
    '呼吸机潮气量不足，呼气阀漏气报警',
    '通气时潮气量达不到设定，报 V-33 呼气阀漏气，管路自检不通过',
    '呼气阀膜片破损或安装不到位',
    '更换呼气阀组件，重新做管路泄漏测试和流量校准',
    ['BJ-SV-VALVE'],
    ['潮气量', '漏气'],
    'engineer2',
  ],
  [
    'SV-600',
    'V-40',
    '呼吸机涡轮风机噪音大并报警',
    '呼吸机运行噪音明显增大，报 V-40 风机故障，通气中断',
    '涡轮风机轴承磨损',
    '更换涡轮风机组件，做整机性能测试，故障期间提供备用机',
    [],
    ['风机', '噪音'],
    'expert',
  ],
  [
    'PM-9000',
    'P-05',
    '监护仪血氧无波形或读数跳变',
    '血氧波形消失或数值跳变，报 P-05 信号弱，更换病人后仍存在',
    '血氧探头线缆内部断线',
    '更换血氧探头，检查血氧模块接口，用模拟器验证',
    ['BJ-PM-SPO2'],
    ['血氧', 'SpO2'],
    'engineer',
  ],
  [
    'PM-9000',
    'P-11',
    '监护仪电池不充电，断电后立即关机',
    '拔掉电源后监护仪马上关机，电池图标不充电，报 P-11',
    '锂电池老化容量耗尽',
    '更换监护仪电池，检查充电电路，做充放电测试',
    ['BJ-PM-BATT'],
    ['电池', '关机'],
    'engineer2',
  ],
  [
    'PM-9000',
    'P-17',
    '无创血压测不出，袖带充气后反复重测',
    '无创血压测量时袖带充气后放气反复，报 P-17 测量失败',
    '血压管路漏气或气泵老化',
    '检查袖带和气管漏气，做压力校验，必要时更换气泵',
    [],
    ['血压', 'NIBP'],
    'engineer',
  ],
  [
    'LA-VB',
    'L-MLC',
    '加速器多叶光栅叶片到位超差，治疗中断',
    '治疗时报 MLC 叶片到位超差，治疗计划无法执行',
    '叶片驱动电机老化，叶片运动阻力增大',
    '更换对应叶片驱动电机，执行 MLC 校准和质控验证',
    ['BJ-LA-MLC'],
    ['多叶光栅', 'MLC'],
    'expert',
  ],
  [
    'PM-9000',
    null,
    '监护仪屏幕无显示但指示灯亮',
    '开机后电源指示灯亮、有报警声，屏幕黑屏无显示',
    '屏幕背光板损坏或屏线松动',
    '重新插拔屏线，仍黑屏则更换背光板或显示屏',
    [],
    ['黑屏', '显示'],
    'engineer2',
  ],
];

export async function seedHandbookDemo(db: Db, now = new Date()) {
  const who = async (username: string): Promise<Principal | null> => {
    const [u] = await db.select().from(users).where(eq(users.username, username));
    return u ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale } : null;
  };
  const people = new Map<string, Principal>();
  for (const n of ['engineer', 'engineer2', 'expert', 'quality', 'manager']) {
    const p = await who(n);
    if (!p) return;
    people.set(n, p);
  }
  const person = (n: string) => people.get(n) as Principal;
  const models = new Map((await db.select({ id: deviceModels.id, code: deviceModels.code }).from(deviceModels)).map((m) => [m.code, m.id]));
  const day = (n: number) => new Date(now.getTime() - n * DAY);
  for (const [code, fc, meaning] of FAULT_CODES) {
    const modelId = models.get(code);
    if (modelId) await runAt(day(60), () => saveFaultCode(db, person('expert'), { modelId, code: fc, meaning }));
  }
  let i = 0;
  for (const [code, faultCode, title, symptoms, cause, fix, partCodes, tags, author] of HANDBOOK_DEMO) {
    const modelId = models.get(code);
    if (!modelId) continue;
    i++;
    const writer = person(author);
    const reviewer = author === 'expert' ? person('quality') : person('expert');
    const at = day(50 - i * 2);
    const e = await runAt(at, () => createEntry(db, writer, { modelId, faultCode, title, symptoms, cause, fix, partCodes, tags }));
    const s = await runAt(at, () => submitEntry(db, writer, e.id, e.version));
    // The last one waits in review: the expert has it on the list.
    if (i === HANDBOOK_DEMO.length) continue;
    const p = await runAt(new Date(at.getTime() + DAY / 2), () => publishEntry(db, reviewer, e.id, { version: s.version, note: '已核实，可发布' }));
    if (i === 1) {
      // A revision: the fix gains the check learnt on a later job — version 2, this month.
      const u = await runAt(day(3), () =>
        updateEntry(db, writer, e.id, {
          version: p.version,
          modelId,
          faultCode,
          title,
          symptoms,
          cause,
          fix: `${fix}；同时检查试剂瓶吸液滤头是否堵塞`,
          partCodes,
          tags,
        }),
      );
      const s2 = await runAt(day(3), () => submitEntry(db, writer, e.id, u.version));
      await runAt(day(2), () => publishEntry(db, reviewer, e.id, { version: s2.version, note: '补充滤头检查' }));
    }
  }
  const docs: [string, 'maintenance_manual' | 'service_manual' | 'software_backup' | 'fault_code_table' | 'spare_parts_list', string, string, boolean][] = [
    ['ST-5020', 'maintenance_manual', 'ST-5020 全自动染色机维护手册', 'V3.0', true],
    ['ST-5020', 'fault_code_table', 'ST-5020 故障代码表', '2026-06', true],
    ['ST-5020', 'service_manual', 'ST-5020 维修手册（工程师版）', 'V3.2', false],
    ['ST-5020', 'software_backup', 'ST-5020 控制软件备份', 'V4.1.0', false],
    ['PM-9000', 'spare_parts_list', 'PM-9000 备件清单', '2026-01', true],
    ['PM-9000', 'maintenance_manual', 'PM-9000 多参数监护仪维护手册', 'V5.1', true],
  ];
  for (const [code, kind, title, docVersion, offeredToCustomer] of docs) {
    const modelId = models.get(code);
    if (modelId) await runAt(day(40), () => createModelDocument(db, person('expert'), { modelId, kind, title, docVersion, offeredToCustomer }));
  }
}
