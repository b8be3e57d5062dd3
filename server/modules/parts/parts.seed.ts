// Demo spare parts: suppliers, a catalogue fitting the demo models, the central store, the
// emergency store (应急备件库) and one van per engineer, with opening stock booked as ledger
// receipts — so the demo books start balanced like any real ones.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { deviceModels, users } from '../../db/schema.ts';
import { insertAudited } from '../../lib/records.ts';
import { post } from './parts.ledger.ts';
import { parts, suppliers, warehouses } from './parts.tables.ts';

const actor = { id: null, name: 'seed' };

const supplierRows = [
  { code: 'SUP-LK', name: '上海联科医疗配件有限公司', contactName: '何平', phone: '021-55881234' },
  { code: 'SUP-HY', name: '北京华焱医疗设备备件中心', contactName: '黄敏', phone: '010-82331100' },
  { code: 'SUP-GD', name: '广东国达精密部件有限公司', contactName: '冯军', phone: '020-38886612' },
];

// [code, name, spec, unit, models, unitCost, minStock, emergencyLevel, tracking]
const partRows: [string, string, string, string, string[], string, number, number, 'none' | 'lot' | 'serial'][] = [
  ['BJ-ST-PUMP', '染色机蠕动泵', 'ST-5020 试剂泵组件 24V', '个', ['ST-5020'], '1280.00', 4, 1, 'none'],
  ['BJ-ST-HEAT', '染色机加热模块', 'ST-5020 烘干加热板 220V 600W', '个', ['ST-5020'], '2350.00', 2, 1, 'serial'],
  ['BJ-TP-VALVE', '脱水机旋转阀', 'TP-8000 12 通道旋转阀', '个', ['TP-8000'], '3600.00', 2, 1, 'serial'],
  ['BJ-TP-SEAL', '脱水机密封圈套件', 'TP-8000 反应缸密封圈（10 只/套）', '套', ['TP-8000'], '180.00', 10, 2, 'lot'],
  ['BJ-MT-BLADE', '切片机刀架锁紧件', 'MT-2255 刀架锁紧杆', '个', ['MT-2255'], '420.00', 5, 1, 'none'],
  ['BJ-CT-TUBE', 'CT 球管', 'uCT-760 5.3 MHU 球管', '支', ['CT-760'], '380000.00', 1, 1, 'serial'],
  ['BJ-CT-FILTER', 'CT 空调滤网', '机架空调滤网', '片', ['CT-760', 'MR-1.5T'], '95.00', 20, 4, 'none'],
  ['BJ-SV-O2', '呼吸机氧电池', 'SV-600 氧浓度传感器', '个', ['SV-600'], '860.00', 6, 3, 'lot'],
  ['BJ-SV-VALVE', '呼吸机呼气阀', 'SV-600 呼气阀组件（可高压灭菌）', '个', ['SV-600'], '1450.00', 4, 2, 'none'],
  ['BJ-PM-SPO2', '血氧探头', 'PM-9000 成人指夹式 SpO2 探头', '根', ['PM-9000'], '320.00', 10, 3, 'none'],
  ['BJ-PM-BATT', '监护仪电池', 'PM-9000 锂电池 11.1V 4400mAh', '块', ['PM-9000'], '560.00', 6, 2, 'lot'],
  ['BJ-LA-MLC', '加速器多叶光栅电机', 'VitalBeam MLC 叶片驱动电机', '个', ['LA-VB'], '5200.00', 4, 2, 'none'],
];

// [warehouse code, part code, qty, lot or '']
const openingStock: [string, string, number, string][] = [
  ['WH-CENTRAL', 'BJ-ST-PUMP', 6, ''],
  ['WH-CENTRAL', 'BJ-ST-HEAT', 1, 'HT-2026-0001'],
  ['WH-CENTRAL', 'BJ-ST-HEAT', 1, 'HT-2026-0002'],
  ['WH-CENTRAL', 'BJ-TP-VALVE', 1, 'RV-2026-0101'],
  ['WH-CENTRAL', 'BJ-TP-SEAL', 12, 'L2026-09'],
  ['WH-CENTRAL', 'BJ-MT-BLADE', 3, ''],
  ['WH-CENTRAL', 'BJ-CT-FILTER', 30, ''],
  ['WH-CENTRAL', 'BJ-SV-O2', 4, 'O2-2026-10'],
  ['WH-CENTRAL', 'BJ-SV-VALVE', 5, ''],
  ['WH-CENTRAL', 'BJ-PM-SPO2', 14, ''],
  ['WH-CENTRAL', 'BJ-PM-BATT', 5, 'BT-2026-08'],
  ['WH-CENTRAL', 'BJ-LA-MLC', 3, ''],
  ['WH-EMERGENCY', 'BJ-CT-TUBE', 1, 'XT-760-2026-007'],
  ['WH-EMERGENCY', 'BJ-SV-O2', 3, 'O2-2026-10'],
  ['WH-EMERGENCY', 'BJ-SV-VALVE', 2, ''],
  ['WH-EMERGENCY', 'BJ-PM-SPO2', 3, ''],
  ['WH-EMERGENCY', 'BJ-ST-PUMP', 1, ''],
  ['VAN-engineer', 'BJ-ST-PUMP', 3, ''], // one goes into the demo week's archived job, one into a browser story
  ['VAN-engineer', 'BJ-MT-BLADE', 2, ''],
  ['VAN-engineer', 'BJ-TP-SEAL', 2, 'L2026-09'],
  ['VAN-engineer2', 'BJ-SV-VALVE', 1, ''],
  ['VAN-engineer2', 'BJ-CT-FILTER', 6, ''],
  ['VAN-technician', 'BJ-PM-SPO2', 2, ''],
];

export async function seedParts(db: Db) {
  await db.transaction(async (tx) => {
    const models = await tx.select({ id: deviceModels.id, code: deviceModels.code }).from(deviceModels);
    const people = await tx
      .select({ id: users.id, username: users.username, displayName: users.displayName })
      .from(users)
      .where(inArray(users.username, ['engineer', 'engineer2', 'technician', 'parts']));
    const supplierIds: string[] = [];
    for (const s of supplierRows) supplierIds.push((await insertAudited(tx, actor, 'supplier', suppliers, s)).id);
    const partIds = new Map<string, string>();
    for (const [code, name, spec, unit, codes, unitCost, minStock, emergencyLevel, tracking] of partRows) {
      const modelIds = codes.flatMap((c) => models.find((m) => m.code === c)?.id ?? []);
      const p = await insertAudited(tx, actor, 'part', parts, { code, name, spec, unit, modelIds, unitCost, minStock, emergencyLevel, tracking });
      partIds.set(code, p.id);
    }
    const whIds = new Map<string, string>();
    whIds.set('WH-CENTRAL', (await insertAudited(tx, actor, 'warehouse', warehouses, { code: 'WH-CENTRAL', name: '北京中心备件库', kind: 'central' })).id);
    whIds.set('WH-EMERGENCY', (await insertAudited(tx, actor, 'warehouse', warehouses, { code: 'WH-EMERGENCY', name: '应急备件库', kind: 'emergency' })).id);
    for (const u of people.filter((p) => p.username !== 'parts')) {
      const w = await insertAudited(tx, actor, 'warehouse', warehouses, {
        code: `VAN-${u.username}`,
        name: `车载库 · ${u.displayName.replace(/（.*）/, '')}`,
        kind: 'van',
        ownerId: u.id,
      });
      whIds.set(`VAN-${u.username}`, w.id);
    }
    const keeper = people.find((p) => p.username === 'parts');
    const signer = { id: keeper?.id ?? null, name: keeper?.displayName ?? 'seed' };
    const partCost = new Map(partRows.map((r) => [r[0], r[5]]));
    await post(
      tx,
      signer,
      openingStock.flatMap(([wh, code, qty, lot], i) => {
        const warehouseId = whIds.get(wh);
        const partId = partIds.get(code);
        if (!warehouseId || !partId) return [];
        return [
          {
            kind: 'receipt' as const,
            partId,
            warehouseId,
            lot,
            qty,
            unitCost: partCost.get(code) ?? null,
            supplierId: supplierIds[i % supplierIds.length],
            reference: '期初库存',
          },
        ];
      }),
      new Date('2026-10-08T01:00:00Z'),
    );
  });
}
