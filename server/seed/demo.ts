// Demo data for a first start: Chinese hospitals with departments and urban / suburban /
// remote sites, device models across categories and criticalities, installed units with
// warranty and maintenance contracts, and one user of every role. Written through the same
// audited helpers as the product, so the audit chain starts clean.
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { contacts, customers, departments, deviceModels, devices, engineerProfiles, sites, users } from '../db/schema.ts';
import type { Role } from '../lib/access.ts';
import type { Actor } from '../lib/audit.ts';
import { hashPassword } from '../lib/passwords.ts';
import { insertAudited } from '../lib/records.ts';
import { createContract, defaultWarrantyEnd } from '../modules/contracts/index.ts';
import { seedParts } from '../modules/parts/index.ts';
import { seedLoaners } from '../modules/requests/index.ts';

export const DEMO_PASSWORD = 'MedService2026';

import { seedMaintenanceTemplates } from './maintenance.ts';
import { seedQualifications } from './training.ts';

const seedActor: Actor = { id: null, name: 'seed' };

type Region = 'urban' | 'suburban' | 'remote';
const hospitals: {
  code: string;
  name: string;
  kind: 'hospital' | 'clinic' | 'distributor';
  grade: string | null;
  province: string;
  city: string;
  address: string;
  phone: string;
  departments: string[];
  sites: [string, Region, string][];
  contact: [string, string, string];
}[] = [
  {
    code: 'BJ-RH',
    name: '北京仁和医院',
    kind: 'hospital',
    grade: '三级甲等',
    province: '北京市',
    city: '北京',
    address: '北京市东城区仁和路1号',
    phone: '010-65295000',
    departments: ['病理科', '放射科', '重症医学科', '麻醉科'],
    sites: [
      ['本部', 'urban', '北京市东城区仁和路1号'],
      ['顺义院区', 'suburban', '北京市顺义区新城路18号'],
    ],
    contact: ['王红', '病理科主任', '13801010001'],
  },
  {
    code: 'SH-RK',
    name: '上海瑞康医院',
    kind: 'hospital',
    grade: '三级甲等',
    province: '上海市',
    city: '上海',
    address: '上海市徐汇区瑞康路200号',
    phone: '021-64370045',
    departments: ['病理科', '影像科', '急诊科'],
    sites: [
      ['本部', 'urban', '上海市徐汇区瑞康路200号'],
      ['松江分院', 'suburban', '上海市松江区玉树路88号'],
    ],
    contact: ['陈立', '设备科科长', '13901820002'],
  },
  {
    code: 'GZ-ZS',
    name: '广州中山肿瘤医院',
    kind: 'hospital',
    grade: '三级甲等',
    province: '广东省',
    city: '广州',
    address: '广州市越秀区东风东路651号',
    phone: '020-87343088',
    departments: ['放疗科', '病理科', '影像科'],
    sites: [['本部', 'urban', '广州市越秀区东风东路651号']],
    contact: ['黄伟', '放疗科物理师', '13602030003'],
  },
  {
    code: 'HB-CD',
    name: '承德市中心医院',
    kind: 'hospital',
    grade: '三级乙等',
    province: '河北省',
    city: '承德',
    address: '河北省承德市双桥区南营子大街36号',
    phone: '0314-2022001',
    departments: ['病理科', '重症医学科'],
    sites: [['本部', 'remote', '河北省承德市双桥区南营子大街36号']],
    contact: ['李娜', '设备科工程师', '13703140004'],
  },
  {
    code: 'CD-HX',
    name: '成都华信病理诊断中心',
    kind: 'clinic',
    grade: null,
    province: '四川省',
    city: '成都',
    address: '成都市武侯区科华北路55号',
    phone: '028-85501234',
    departments: ['技术部'],
    sites: [['诊断中心', 'remote', '成都市武侯区科华北路55号']],
    contact: ['赵强', '技术主管', '13808280005'],
  },
  {
    code: 'HZ-KD',
    name: '杭州康德医疗器械有限公司',
    kind: 'distributor',
    grade: null,
    province: '浙江省',
    city: '杭州',
    address: '杭州市滨江区江南大道3888号',
    phone: '0571-86688800',
    departments: ['售后部'],
    sites: [['仓库', 'remote', '杭州市滨江区江南大道3888号']],
    contact: ['孙悦', '售后经理', '13905710006'],
  },
];

const models = [
  {
    code: 'ST-5020',
    name: '全自动染色机 ST-5020',
    manufacturer: '康仪医疗',
    category: 'pathology_stainer',
    regulatoryClass: 'I',
    criticality: 'standard',
    warrantyMonths: 12,
  },
  {
    code: 'TP-8000',
    name: '全自动组织脱水机 TP-8000',
    manufacturer: '康仪医疗',
    category: 'tissue_processor',
    regulatoryClass: 'I',
    criticality: 'standard',
    warrantyMonths: 12,
  },
  {
    code: 'MT-2255',
    name: '轮转式切片机 MT-2255',
    manufacturer: '康仪医疗',
    category: 'microtome',
    regulatoryClass: 'I',
    criticality: 'standard',
    warrantyMonths: 12,
  },
  {
    code: 'CT-760',
    name: '64排螺旋CT uCT-760',
    manufacturer: '联影科技',
    category: 'ct',
    regulatoryClass: 'III',
    criticality: 'critical_diagnostic',
    warrantyMonths: 24,
  },
  {
    code: 'MR-1.5T',
    name: '1.5T 超导磁共振 MR-560',
    manufacturer: '联影科技',
    category: 'mri',
    regulatoryClass: 'III',
    criticality: 'critical_diagnostic',
    warrantyMonths: 24,
  },
  {
    code: 'SV-600',
    name: '重症呼吸机 SV-600',
    manufacturer: '安康生命',
    category: 'ventilator',
    regulatoryClass: 'III',
    criticality: 'life_support',
    warrantyMonths: 18,
  },
  {
    code: 'LA-VB',
    name: '医用直线加速器 VitalBeam',
    manufacturer: '瓦力医疗',
    category: 'linac',
    regulatoryClass: 'III',
    criticality: 'critical_diagnostic',
    warrantyMonths: 24,
  },
  {
    code: 'PM-9000',
    name: '多参数监护仪 PM-9000',
    manufacturer: '安康生命',
    category: 'patient_monitor',
    regulatoryClass: 'II',
    criticality: 'standard',
    warrantyMonths: 12,
  },
] as const;

// [hospital code, model code, department, site, serial, acceptance date, software]
const units: [string, string, string, string, string, string | null, string][] = [
  ['BJ-RH', 'ST-5020', '病理科', '本部', 'ST5020-21-0031', '2021-06-18', 'V3.2.1'],
  ['BJ-RH', 'ST-5020', '病理科', '本部', 'ST5020-25-0412', '2025-09-02', 'V4.0.3'],
  ['BJ-RH', 'TP-8000', '病理科', '本部', 'TP8000-24-0107', '2024-03-11', 'V2.1.0'],
  ['BJ-RH', 'CT-760', '放射科', '本部', 'UCT760-23-1009', '2023-11-20', 'R003.2'],
  ['BJ-RH', 'SV-600', '重症医学科', '本部', 'SV600-25-2201', '2025-04-08', 'V1.8.4'],
  ['BJ-RH', 'SV-600', '重症医学科', '顺义院区', 'SV600-22-0815', '2022-07-01', 'V1.6.0'],
  ['BJ-RH', 'PM-9000', '麻醉科', '本部', 'PM9000-26-0301', '2026-02-16', 'V5.1'],
  ['SH-RK', 'ST-5020', '病理科', '本部', 'ST5020-23-0220', '2023-05-15', 'V3.5.0'],
  ['SH-RK', 'MT-2255', '病理科', '本部', 'MT2255-24-0901', '2024-08-30', 'V1.0'],
  ['SH-RK', 'MR-1.5T', '影像科', '本部', 'MR560-24-0033', '2024-12-10', 'VB20A'],
  ['SH-RK', 'CT-760', '影像科', '松江分院', 'UCT760-22-0508', '2022-04-25', 'R002.9'],
  ['SH-RK', 'SV-600', '急诊科', '本部', 'SV600-26-3107', null, 'V1.9.0'],
  ['GZ-ZS', 'LA-VB', '放疗科', '本部', 'VB-H192201', '2022-10-12', 'TrueBeam 2.7'],
  ['GZ-ZS', 'LA-VB', '放疗科', '本部', 'VB-H195530', '2025-06-30', 'TrueBeam 3.0'],
  ['GZ-ZS', 'ST-5020', '病理科', '本部', 'ST5020-24-0376', '2024-01-22', 'V3.8.2'],
  ['GZ-ZS', 'CT-760', '影像科', '本部', 'UCT760-25-1290', '2025-11-05', 'R003.5'],
  ['HB-CD', 'ST-5020', '病理科', '本部', 'ST5020-22-0145', '2022-09-09', 'V3.3.0'],
  ['HB-CD', 'TP-8000', '病理科', '本部', 'TP8000-22-0046', '2022-09-09', 'V2.0.2'],
  ['HB-CD', 'SV-600', '重症医学科', '本部', 'SV600-24-1733', '2024-06-14', 'V1.7.5'],
  ['CD-HX', 'ST-5020', '技术部', '诊断中心', 'ST5020-26-0588', '2026-05-20', 'V4.1.0'],
  ['CD-HX', 'TP-8000', '技术部', '诊断中心', 'TP8000-25-0399', '2025-02-14', 'V2.2.1'],
  ['CD-HX', 'MT-2255', '技术部', '诊断中心', 'MT2255-25-1120', '2025-02-14', 'V1.1'],
  ['HZ-KD', 'PM-9000', '售后部', '仓库', 'PM9000-LOANER-01', '2024-01-01', 'V5.0'],
  // A second loaner, so the demo week can lend one and a visitor can still lend the other.
  ['HZ-KD', 'PM-9000', '售后部', '仓库', 'PM9000-LOANER-02', '2025-03-01', 'V5.1'],
];

// [number, hospital, kind, start, end, serials, sla, visits, price]
const contractRows: [string, string, 'warranty' | 'maintenance' | 'paid', string, string, string[], string | null, number, string | null][] = [
  ['HT-2025-001', 'BJ-RH', 'maintenance', '2025-07-01', '2026-06-30', ['ST5020-21-0031'], '标准服务', 4, '28000.00'],
  ['HT-2026-014', 'BJ-RH', 'maintenance', '2026-07-01', '2027-06-30', ['ST5020-21-0031', 'TP8000-24-0107'], '标准服务', 4, '52000.00'],
  ['HT-2025-020', 'BJ-RH', 'maintenance', '2024-07-01', '2027-06-30', ['SV600-22-0815'], '急救设备保障', 6, '96000.00'],
  ['HT-2024-031', 'SH-RK', 'maintenance', '2024-05-15', '2027-05-14', ['ST5020-23-0220'], '标准服务', 4, '75000.00'],
  ['YB-2024-002', 'SH-RK', 'warranty', '2024-04-25', '2027-04-24', ['UCT760-22-0508'], '影像设备保障', 4, '380000.00'],
  ['HT-2025-042', 'GZ-ZS', 'maintenance', '2024-10-12', '2027-10-11', ['VB-H192201'], '放疗设备保障', 12, '1200000.00'],
  ['FW-2026-003', 'HB-CD', 'paid', '2026-01-01', '2026-12-31', ['ST5020-22-0145', 'TP8000-22-0046'], null, 0, null],
  ['HT-2026-051', 'HB-CD', 'maintenance', '2025-12-15', '2026-12-14', ['SV600-24-1733'], '急救设备保障', 4, '36000.00'],
];

const staff: [string, string, Role[]][] = [
  ['admin', '系统管理员', ['admin']],
  ['manager', '王建国（售后服务经理）', ['service_manager']],
  ['dispatcher', '李晓梅（客服）', ['dispatcher']],
  ['engineer', '张伟（工程师）', ['engineer']],
  ['engineer2', '刘洋（工程师）', ['engineer']],
  ['technician', '陈磊（维修技师）', ['technician']],
  ['expert', '赵敏（技术支持专家）', ['technical_expert']],
  ['parts', '孙丽（配件管理员）', ['parts_admin']],
  ['quality', '周涛（质量控制）', ['quality']],
  ['sales', '吴刚（销售总监）', ['sales']],
  ['finance', '郑芳（财务）', ['finance']],
  ['executive', '钱明（副总经理）', ['executive']],
];

export async function hasData(db: Db): Promise<boolean> {
  const r = await db.execute(sql`select exists(select 1 from users) as any`);
  return Boolean((r.rows[0] as { any: boolean }).any);
}

export interface SeedResult {
  users: { username: string; roles: Role[] }[];
  password: string;
}

export async function seedDemo(db: Db, opts: { password?: string } = {}): Promise<SeedResult> {
  const password = opts.password ?? DEMO_PASSWORD;
  const passwordHash = await hashPassword(password);
  const created: SeedResult['users'] = [];
  const ids = new Map<string, string>();
  await db.transaction(async (tx: Executor) => {
    for (const h of hospitals) {
      const c = await insertAudited(tx, seedActor, 'customer', customers, {
        code: h.code,
        name: h.name,
        kind: h.kind,
        grade: h.grade,
        province: h.province,
        city: h.city,
        address: h.address,
        phone: h.phone,
      });
      ids.set(h.code, c.id);
      for (const d of h.departments)
        ids.set(`${h.code}/d/${d}`, (await insertAudited(tx, seedActor, 'department', departments, { customerId: c.id, name: d })).id);
      for (const [name, regionClass, address] of h.sites) {
        ids.set(`${h.code}/s/${name}`, (await insertAudited(tx, seedActor, 'site', sites, { customerId: c.id, name, regionClass, address })).id);
      }
      const [name, title, phone] = h.contact;
      await insertAudited(tx, seedActor, 'contact', contacts, {
        customerId: c.id,
        departmentId: ids.get(`${h.code}/d/${h.departments[0]}`),
        name,
        title,
        phone,
      });
    }
    for (const m of models) ids.set(`m/${m.code}`, (await insertAudited(tx, seedActor, 'device_model', deviceModels, { ...m })).id);
    for (const [hc, mc, dept, site, serial, acceptance, sw] of units) {
      const model = models.find((m) => m.code === mc);
      const install = acceptance ? shiftDays(acceptance, -7) : '2026-11-10';
      const d = await insertAudited(tx, seedActor, 'device', devices, {
        serialNumber: serial,
        udi: `(01)0694${String(ids.size).padStart(6, '0')}(21)${serial}`,
        modelId: ids.get(`m/${mc}`) as string,
        customerId: ids.get(hc) as string,
        departmentId: ids.get(`${hc}/d/${dept}`),
        siteId: ids.get(`${hc}/s/${site}`),
        location: `${dept}`,
        installDate: install,
        acceptanceDate: acceptance,
        warrantyEnd: acceptance && model ? defaultWarrantyEnd(acceptance, model.warrantyMonths) : null,
        softwareVersion: sw,
        // A unit is down only through a request reporting it down (issue 10 item 3); the demo week registers one.
        status: 'in_service',
      });
      ids.set(`d/${serial}`, d.id);
    }
    for (const [username, displayName, roles] of staff) {
      await insertAudited(tx, seedActor, 'user', users, { username, displayName, roles, passwordHash, phone: null, email: `${username}@medservice.example` });
      created.push({ username, roles });
    }
    for (const [username, displayName, hc] of [
      ['renhe', '王红（仁和医院病理科）', 'BJ-RH'],
      ['ruikang', '陈立（瑞康医院设备科）', 'SH-RK'],
    ] as const) {
      await insertAudited(tx, seedActor, 'user', users, { username, displayName, roles: ['customer_user'], customerId: ids.get(hc), passwordHash });
      created.push({ username, roles: ['customer_user'] });
    }
  });
  // Contracts go through their service, so the covered-device rules and audit apply to them too.
  for (const [number, hc, kind, startDate, endDate, serials, slaPolicy, visitsPerYear, price] of contractRows) {
    await createContract(
      db,
      seedActor,
      {
        number,
        customerId: ids.get(hc) as string,
        kind,
        startDate,
        endDate,
        deviceIds: serials.map((s) => ids.get(`d/${s}`) as string),
        slaPolicy,
        visitsPerYear,
        price,
        currency: 'CNY',
        notes: null,
      },
      'Asia/Shanghai',
    );
  }
  await seedEngineerProfiles(db);
  await db.transaction((tx: Executor) => seedQualifications(tx));
  await seedParts(db);
  await seedMaintenanceTemplates(db);
  await seedLoaners(db);
  return { users: created, password };
}

function shiftDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Engineer profiles for dispatch suggestions (R-DSP-2): [username, model codes, categories, areas, home base]
const engineerSkills: [string, string[], string[], string[], string][] = [
  ['engineer', ['ST-5020', 'TP-8000', 'MT-2255'], ['pathology_stainer', 'tissue_processor', 'microtome'], ['北京', '北京市', '承德', '河北省'], '北京'],
  ['engineer2', ['CT-760', 'MR-1.5T', 'SV-600'], ['ct', 'mri', 'ventilator', 'patient_monitor'], ['上海', '上海市', '杭州', '浙江省'], '上海'],
  ['technician', ['PM-9000'], ['pathology_stainer', 'tissue_processor', 'microtome', 'patient_monitor'], ['广州', '广东省', '成都', '四川省'], '广州'],
  ['expert', ['LA-VB', 'CT-760', 'MR-1.5T', 'SV-600'], ['linac', 'ct', 'mri', 'ventilator'], ['北京', '北京市', '上海', '上海市', '广州', '广东省'], '北京'],
];

async function seedEngineerProfiles(db: Db) {
  await db.transaction(async (tx: Executor) => {
    const models = await tx.select({ id: deviceModels.id, code: deviceModels.code }).from(deviceModels);
    const people = await tx.select({ id: users.id, username: users.username }).from(users);
    for (const [username, codes, categories, areas, homeBase] of engineerSkills) {
      const user = people.find((u) => u.username === username);
      if (!user) continue;
      const modelIds = codes.flatMap((c) => models.find((m) => m.code === c)?.id ?? []);
      await insertAudited(tx, seedActor, 'engineer_profile', engineerProfiles, { userId: user.id, modelIds, categories, areas, homeBase });
    }
  });
}
