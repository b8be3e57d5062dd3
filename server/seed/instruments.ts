// Instruments demo data (issue 13 §5; seed 001 为售后服务工程师配备应急维修工具和设备，定期进行维护和检查):
// a handful of service tools and measuring instruments on a fresh demo install (loadDemo): one
// overdue, one due within 30 days, one out of tolerance after a failed calibration, the rest valid.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users, warehouses } from '../db/schema.ts';
import { addDays } from '../lib/calendar.ts';
import { addMonths, createInstrument, recordCalibration } from '../modules/instruments/index.ts';

const dayOf = (now: Date, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
export async function seedInstrumentsDemo(db: Db, timeZone: string, now = new Date()) {
  const today = dayOf(now, timeZone);
  const [manager] = await db.select().from(users).where(eq(users.username, 'manager'));
  const [eng] = await db.select().from(users).where(eq(users.username, 'engineer'));
  const [eng2] = await db.select().from(users).where(eq(users.username, 'engineer2'));
  if (!manager || !eng || !eng2) return;
  const [van] = await db.select().from(warehouses).where(eq(warehouses.ownerId, eng2.id));
  const actor = { id: manager.id, name: manager.displayName };
  // Last calibrated so that the next due date lands where the story wants it (12-month interval).
  const lastFor = (due: string) => addMonths(due, -12);
  const make = (
    code: string,
    name: string,
    kind: Parameters<typeof createInstrument>[2]['kind'],
    due: string,
    holder: { holderKind: 'engineer' | 'warehouse' | 'store'; holderUserId?: string; holderWarehouseId?: string },
    extra: { maker?: string; model?: string; serialNumber?: string } = {},
  ) => createInstrument(db, actor, { code, name, kind, ...holder, ...extra, calibrationIntervalMonths: 12, lastCalibratedOn: lastFor(due) }, today);

  await make(
    'YQ-0001',
    '电气安全分析仪',
    'electrical_safety_analyser',
    addDays(today, 200),
    { holderKind: 'engineer', holderUserId: eng.id },
    { maker: 'Fluke', model: 'ESA615', serialNumber: '4468021' },
  );
  // Overdue: the reminder job tells the holder and the service managers; not usable for readings.
  await make(
    'YQ-0002',
    '数字万用表',
    'multimeter',
    addDays(today, -5),
    { holderKind: 'engineer', holderUserId: eng2.id },
    { maker: 'Fluke', model: '87V', serialNumber: '51230077' },
  );
  // Due soon: within 30 days.
  await make(
    'YQ-0003',
    '医用温度计（校准用）',
    'thermometer',
    addDays(today, 18),
    van ? { holderKind: 'warehouse', holderWarehouseId: van.id } : { holderKind: 'store' },
    { maker: '华盛', model: 'TM-902C' },
  );
  await make(
    'YQ-0004',
    'CT 剂量仪',
    'dose_meter',
    addDays(today, 120),
    { holderKind: 'store' },
    { maker: 'RTI', model: 'Piranha', serialNumber: 'CB2-15040088' },
  );
  const gauge = await make('YQ-0005', '压力表（气源）', 'pressure_gauge', addDays(today, 90), { holderKind: 'store' }, { maker: '红旗', model: 'YB-150' });
  // A failed calibration this week: out of tolerance until recalibrated.
  await recordCalibration(
    db,
    actor,
    gauge.id,
    {
      version: gauge.version,
      calibratedOn: addDays(today, -2),
      result: 'fail',
      certificateNumber: 'JL-2026-0931',
      lab: '北京市计量检测科学研究院',
      note: '示值误差超出允许范围',
    },
    today,
  );
}
