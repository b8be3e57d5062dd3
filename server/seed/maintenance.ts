// Maintenance templates for the demo models (issue 13 §1, R-PM-1; seed 004 §4 保养: 清洁、润滑、紧固、
// 校准、更换易损件, 运行参数). Runs inside seedDemo (so the test template has them too), after the
// parts catalogue, whose codes the parts kits name.
import { and, asc, desc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { contracts, deviceModels, devices, instruments, maintenanceRecords, maintenanceVisits, users, workOrders } from '../db/schema.ts';
import type { Principal, Role } from '../lib/access.ts';
import type { Actor } from '../lib/audit.ts';
import { addDays } from '../lib/calendar.ts';
import { type BlobStore, storeDemoPhoto } from '../modules/attachments/index.ts';
import { localDate } from '../modules/contracts/index.ts';
import {
  addFinding,
  createTemplate,
  flagOverdueVisits,
  generatePlan,
  markPresence,
  moveVisit,
  openDueWorkOrders,
  openRecord,
  recordReading,
  respondToVisit,
  sendAdvanceNotices,
  setTask,
} from '../modules/maintenance/index.ts';
import { createWorkOrderOfKind, dispatch, MAINTENANCE_PHOTO_PART, sign, transition } from '../modules/workorders/index.ts';
import { drawnSignature } from './signature.ts';

const seedActor: Actor = { id: null, name: 'seed' };

export async function seedMaintenanceTemplates(db: Db) {
  const modelId = async (code: string) => (await db.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.code, code)))[0]?.id;
  const ct = await modelId('CT-760');
  const st = await modelId('ST-5020');
  if (ct)
    await createTemplate(db, seedActor, {
      modelId: ct,
      name: 'CT 季度保养',
      intervalMonths: 3,
      estimatedMinutes: 240,
      minOnSiteMinutes: 120,
      photosRequired: 4,
      tasks: [
        { key: 'clean_gantry', label: '清洁机架及滑环碳刷粉尘', kind: 'clean' },
        { key: 'clean_filter', label: '清洁/更换机架空调滤网', kind: 'replace' },
        { key: 'lube_table', label: '检查床导轨润滑', kind: 'lubricate' },
        { key: 'tighten_cables', label: '紧固高压电缆及接地线', kind: 'tighten' },
        { key: 'calibrate_air', label: '空气校准', kind: 'calibrate' },
        { key: 'backup', label: '系统日志检查及备份', kind: 'check' },
      ],
      checks: [
        { key: 'room_temp', label: '机房温度', unit: '°C', min: 18, max: 26 },
        { key: 'room_humidity', label: '机房湿度', unit: '%', min: 30, max: 70 },
        { key: 'tube_kv', label: '管电压', unit: 'kV', min: 118, max: 122 },
        { key: 'dose_dev', label: '剂量输出偏差', unit: '%', min: -3, max: 3 },
        { key: 'ct_water', label: '水模 CT 值', unit: 'HU', min: -4, max: 4 },
        { key: 'image_quality', label: '图像质量（伪影检查）', expected: '无环状伪影' },
      ],
      partsKit: [{ partCode: 'BJ-CT-FILTER', qty: 2 }],
    });
  if (st)
    await createTemplate(db, seedActor, {
      modelId: st,
      name: '染色机月度保养',
      intervalMonths: 1,
      estimatedMinutes: 90,
      minOnSiteMinutes: 45,
      photosRequired: 2,
      tasks: [
        { key: 'clean_tanks', label: '清洁试剂缸及废液管路', kind: 'clean' },
        { key: 'lube_arm', label: '机械臂导轨润滑', kind: 'lubricate' },
        { key: 'tighten_tubes', label: '紧固试剂管接头', kind: 'tighten' },
        { key: 'pump_check', label: '蠕动泵泵管检查，磨损即更换', kind: 'replace' },
      ],
      checks: [
        { key: 'oven_temp', label: '烘干温度', unit: '°C', min: 58, max: 62 },
        { key: 'room_temp', label: '室温', unit: '°C', min: 18, max: 26 },
        { key: 'reagent_volume', label: '试剂加注量偏差', unit: '%', min: -5, max: 5 },
        { key: 'reagent_leak', label: '试剂管路渗漏', expected: '无渗漏' },
      ],
      partsKit: [{ partCode: 'BJ-ST-PUMP', qty: 1 }],
    });
  // A category template: every patient monitor without one of its own.
  await createTemplate(db, seedActor, {
    category: 'patient_monitor',
    name: '监护仪半年巡检',
    intervalMonths: 6,
    estimatedMinutes: 40,
    minOnSiteMinutes: 20,
    photosRequired: 1,
    tasks: [
      { key: 'clean_case', label: '清洁外壳及屏幕', kind: 'clean' },
      { key: 'check_cables', label: '检查导联线及探头', kind: 'check' },
    ],
    checks: [
      { key: 'spo2_sim', label: '血氧模拟器读数偏差', unit: '%', min: -2, max: 2 },
      { key: 'alarm', label: '报警功能', expected: '声光报警正常' },
    ],
    partsKit: [],
  });
}

/**
 * Demo year plans (issue 13 §1, R-PM-1): the ventilator of 仁和医院 (HT-2025-020, 6 visits a year)
 * and the linac of 中山 (HT-2025-042, monthly), planned from 1 January. Visits already past are done
 * (their work order resolved) except the latest, which is overdue and flagged to the manager; the
 * next week's visits have had their advance notice; 仁和 asked to move its next visit.
 */
export async function seedMaintenancePlansDemo(db: Db, timeZone: string, now = new Date(), store?: BlobStore) {
  const today = localDate(now, timeZone);
  const year = Number(today.slice(0, 4));
  const [manager] = await db.select().from(users).where(eq(users.username, 'manager'));
  const [renhe] = await db.select().from(users).where(eq(users.username, 'renhe'));
  if (!manager) return;
  const asPrincipal = (u: typeof manager): Principal => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    customerId: u.customerId,
    locale: u.locale,
  });
  const jan1 = new Date(`${year}-01-01T00:00:00+08:00`);
  const planned: string[] = [];
  for (const number of ['HT-2025-020', 'HT-2025-042']) {
    const [c] = await db.select().from(contracts).where(eq(contracts.number, number));
    // This year's plan from 1 January, and next year's, so the plan screen has visits ahead too.
    for (const y of [year, year + 1]) {
      if (!c || c.startDate > `${y}-12-31` || c.endDate < `${y}-01-01`) continue;
      await generatePlan(db, asPrincipal(manager), { contractId: c.id, year: y }, timeZone, y === year ? jan1 : now);
      planned.push(c.id);
    }
  }
  if (!planned.length) return;
  // Past visits: each but the last of a plan gets its work order (the job, a week ahead) and is resolved.
  const past = await db
    .select({
      id: maintenanceVisits.id,
      planId: maintenanceVisits.planId,
      plannedDate: maintenanceVisits.plannedDate,
      engineerId: maintenanceVisits.engineerId,
    })
    .from(maintenanceVisits)
    .where(and(lt(maintenanceVisits.plannedDate, today), ne(maintenanceVisits.status, 'cancelled')))
    .orderBy(asc(maintenanceVisits.plannedDate));
  let visitNo = 0;
  const lastOfPlan = new Map<string, string>();
  for (const v of past) lastOfPlan.set(v.planId, v.id);
  for (const v of past) {
    if (lastOfPlan.get(v.planId) === v.id) continue;
    const at = new Date(`${v.plannedDate}T07:15:00+08:00`);
    await openDueWorkOrders(db, timeZone, new Date(at.getTime() - 7 * 86_400_000));
    const [row] = await db.select({ workOrderId: maintenanceVisits.workOrderId }).from(maintenanceVisits).where(eq(maintenanceVisits.id, v.id));
    if (!row?.workOrderId || !v.engineerId) continue;
    // With a blob store (a real first start) the visit is worked as the engineer would work it,
    // photos and all (R-PM-2); the test template has no store, so there it is only marked resolved.
    if (store) await workPlanVisit(db, store, timeZone, asPrincipal(manager), row.workOrderId, v.engineerId, at, visitNo++);
    else await db.update(workOrders).set({ status: 'resolved', leadEngineerId: v.engineerId }).where(eq(workOrders.id, row.workOrderId));
  }
  await flagOverdueVisits(db, timeZone, now);
  // One visit is due within the notice window: the planner moves the next one to a working day in a few days.
  const [soon] = await db
    .select()
    .from(maintenanceVisits)
    .where(and(gte(maintenanceVisits.plannedDate, today), eq(maintenanceVisits.status, 'planned')))
    .orderBy(asc(maintenanceVisits.plannedDate))
    .limit(1);
  if (soon && soon.plannedDate > addDays(today, 7)) {
    for (let d = 2; d <= 7; d++) {
      const moved = await moveVisit(db, asPrincipal(manager), soon.id, { version: soon.version, plannedDate: addDays(today, d) }, timeZone, now).then(
        () => true,
        () => false,
      );
      if (moved) break;
    }
  }
  await sendAdvanceNotices(db, timeZone, now);
  // 仁和 asks to move its next visit (the planner sees it under 客户改期申请).
  if (renhe) {
    const [next] = await db
      .select()
      .from(maintenanceVisits)
      .where(
        and(
          eq(maintenanceVisits.customerId, renhe.customerId as string),
          gte(maintenanceVisits.plannedDate, addDays(today, 8)),
          eq(maintenanceVisits.status, 'planned'),
        ),
      )
      .orderBy(asc(maintenanceVisits.plannedDate))
      .limit(1);
    // The first working day a week or so later (a weekend or holiday is refused).
    for (let d = 7; next && d <= 14; d++) {
      const asked = await respondToVisit(
        db,
        asPrincipal(renhe),
        next.id,
        { version: next.version, response: 'reschedule', requestedDate: addDays(next.plannedDate, d), reason: '当天科室设备使用紧张，请改期' },
        timeZone,
        now,
      ).then(
        () => true,
        () => false,
      );
      if (asked) break;
    }
  }
}

/**
 * Demo visits (issue 13 §1, §2): three monthly visits of the Renhe stainer with readings that form
 * a trend — the reagent volume deviation creeping up until it is out of range, with a finding that
 * opened a repair request — and the last visit shorter than the template's minimum, so the
 * manager's 巡检证据异常 list is not empty. With a blob store (a real first start) each visit gets
 * its photos, is resolved and signed by the customer; without one (the test template) the visits
 * wait at "on site" with the photos named as the missing evidence.
 */
export async function seedMaintenanceVisitsDemo(db: Db, timeZone: string, now = new Date(), store?: BlobStore) {
  const people = await db
    .select()
    .from(users)
    .where(inArray(users.username, ['dispatcher', 'engineer']));
  const p = (name: string): Principal => {
    const u = people.find((x) => x.username === name);
    if (!u) throw new Error(`maintenance demo: no user ${name}`);
    return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: u.customerId, locale: u.locale };
  };
  const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.serialNumber, 'ST5020-21-0031'));
  const [meter] = await db.select({ id: instruments.id }).from(instruments).where(eq(instruments.code, 'YQ-0001'));
  if (!device || !meter || people.length < 2) return;
  const office = p('dispatcher');
  const eng = p('engineer');
  const visits = [
    { daysAgo: 84, minutes: 70, readings: { oven_temp: '60.1', room_temp: '22', reagent_volume: '1.8', reagent_leak: '无渗漏' } },
    { daysAgo: 56, minutes: 65, readings: { oven_temp: '60.4', room_temp: '23', reagent_volume: '3.9', reagent_leak: '无渗漏' } },
    { daysAgo: 28, minutes: 25, readings: { oven_temp: '60.2', room_temp: '21', reagent_volume: '6.4', reagent_leak: '无渗漏' } },
  ];
  for (const v of visits) {
    const t = (minutes: number) => new Date(now.getTime() - v.daysAgo * 86_400_000 + minutes * 60_000);
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone }).format(t(0));
    const wo = await db.transaction((tx) =>
      createWorkOrderOfKind(
        tx,
        office,
        { kind: 'maintenance', deviceId: device.id, description: '染色机月度保养', plannedDate: day },
        timeZone,
        t(-2 * 24 * 60),
      ),
    );
    let version = (await dispatch(db, office, wo.id, { version: wo.version, leadEngineerId: eng.id, helperIds: [] }, t(-2 * 24 * 60 + 10))).version;
    version = (await transition(db, eng, wo.id, { version, to: 'accepted', reason: null }, t(-24 * 60))).version;
    await transition(db, eng, wo.id, { version, to: 'on_site', reason: null }, t(0));
    const opened = await openRecord(db, eng, wo.id);
    let rec = await markPresence(db, eng, wo.id, 'arrival', { version: opened.version, at: t(0).toISOString() }, t(1));
    for (const key of ['clean_tanks', 'lube_arm', 'tighten_tubes', 'pump_check'])
      rec = await setTask(db, eng, wo.id, key, { version: rec.version, done: true, note: null });
    let i = 0;
    for (const [checkKey, value] of Object.entries(v.readings)) {
      i += 1;
      await recordReading(db, eng, wo.id, { checkKey, value, instrumentId: meter.id, takenAt: t(5 + i).toISOString() }, timeZone, t(5 + i));
    }
    if (Number(v.readings.reagent_volume) > 5)
      await addFinding(
        db,
        eng,
        wo.id,
        { description: `试剂加注量偏差 ${v.readings.reagent_volume}% 超出 ±5%，需更换计量泵`, fixedOnSpot: false },
        timeZone,
        t(v.minutes - 5),
      );
    const [cur] = await db.select({ version: maintenanceRecords.version }).from(maintenanceRecords).where(eq(maintenanceRecords.workOrderId, wo.id));
    await markPresence(db, eng, wo.id, 'departure', { version: cur.version, at: t(v.minutes).toISOString() }, t(v.minutes));
    if (store) await finishVisit(db, store, timeZone, eng, wo.id, t(0), t(v.minutes), '#7f9c8b');
  }
}

const principalOf = (u: typeof users.$inferSelect): Principal => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles as Role[],
  customerId: u.customerId,
  locale: u.locale,
});

/** The photos the record asks for, taken on site; then resolved and signed by the customer at departure. */
async function finishVisit(db: Db, store: BlobStore, timeZone: string, eng: Principal, workOrderId: string, arrived: Date, departed: Date, colour: string) {
  const [rec] = await db
    .select({ photosRequired: maintenanceRecords.photosRequired })
    .from(maintenanceRecords)
    .where(eq(maintenanceRecords.workOrderId, workOrderId));
  const n = Math.max(rec?.photosRequired ?? 0, 1);
  const span = departed.getTime() - arrived.getTime();
  for (let k = 0; k < n; k++)
    await storeDemoPhoto(db, store, timeZone, {
      ownerKind: 'work_order',
      ownerId: workOrderId,
      ownerPart: MAINTENANCE_PHOTO_PART,
      colour,
      takenAt: new Date(arrived.getTime() + Math.round((span * (k + 1)) / (n + 1))),
      fileName: `保养现场-${k + 1}.jpg`,
      caption: k === 0 ? '保养前' : '保养后',
      uploadedBy: eng.id,
    });
  const [wo] = await db.select({ version: workOrders.version }).from(workOrders).where(eq(workOrders.id, workOrderId));
  const resolved = await transition(db, eng, workOrderId, { version: wo.version, to: 'resolved', reason: null }, departed);
  await sign(
    db,
    eng,
    workOrderId,
    { version: resolved.version, signerName: '王护士长', meaning: '确认保养已完成', signaturePng: drawnSignature('王护士长') },
    departed,
  );
}

/**
 * A past plan visit worked through the product (R-PM-1, R-PM-2): dispatched to the planned
 * engineer, on site at 09:30 for 80 minutes, every task done, every check read with a usable
 * instrument (values inside the range, varied from visit to visit so no two look copied), photos,
 * resolved and signed by the customer.
 */
async function workPlanVisit(
  db: Db,
  store: BlobStore,
  timeZone: string,
  office: Principal,
  workOrderId: string,
  engineerId: string,
  at: Date,
  visitNo: number,
) {
  const [engRow] = await db.select().from(users).where(eq(users.id, engineerId));
  if (!engRow) return;
  const eng = principalOf(engRow);
  const [meter] = await db
    .select({ id: instruments.id })
    .from(instruments)
    .where(ne(instruments.status, 'retired'))
    .orderBy(desc(instruments.nextDueOn))
    .limit(1);
  const arrived = new Date(at.getTime() + 2 * 3_600_000 + 15 * 60_000);
  const departed = new Date(arrived.getTime() + 80 * 60_000);
  const [wo] = await db
    .select({ version: workOrders.version, status: workOrders.status, lead: workOrders.leadEngineerId })
    .from(workOrders)
    .where(eq(workOrders.id, workOrderId));
  // The plan may already have sent the job to its engineer when it opened it.
  let version =
    wo.status === 'dispatched' && wo.lead === eng.id
      ? wo.version
      : (await dispatch(db, office, workOrderId, { version: wo.version, leadEngineerId: eng.id, helperIds: [] }, new Date(at.getTime() - 86_400_000))).version;
  version = (await transition(db, eng, workOrderId, { version, to: 'accepted', reason: null }, at)).version;
  await transition(db, eng, workOrderId, { version, to: 'on_site', reason: null }, arrived);
  const opened = await openRecord(db, eng, workOrderId);
  let rec = await markPresence(db, eng, workOrderId, 'arrival', { version: opened.version, at: arrived.toISOString() }, new Date(arrived.getTime() + 60_000));
  const [shape] = await db
    .select({ tasks: maintenanceRecords.tasks, checks: maintenanceRecords.checks })
    .from(maintenanceRecords)
    .where(eq(maintenanceRecords.workOrderId, workOrderId));
  for (const task of shape?.tasks ?? []) rec = await setTask(db, eng, workOrderId, task.key, { version: rec.version, done: true, note: null });
  let i = 0;
  for (const check of shape?.checks ?? []) {
    i += 1;
    if (!meter) break;
    const takenAt = new Date(arrived.getTime() + (10 + 3 * i) * 60_000);
    await recordReading(
      db,
      eng,
      workOrderId,
      { checkKey: check.key, value: demoValue(check, visitNo + i), instrumentId: meter.id, takenAt: takenAt.toISOString() },
      timeZone,
      takenAt,
    );
  }
  const [cur] = await db.select({ version: maintenanceRecords.version }).from(maintenanceRecords).where(eq(maintenanceRecords.workOrderId, workOrderId));
  await markPresence(db, eng, workOrderId, 'departure', { version: cur.version, at: departed.toISOString() }, departed);
  await finishVisit(db, store, timeZone, eng, workOrderId, arrived, departed, ['#8d9db6', '#a3b18a', '#b08968', '#9a8c98'][visitNo % 4]);
}

/** A reading inside the check's range (or its expected text), a little different on each visit. */
function demoValue(check: { min: number | null; max: number | null; expected: string | null }, k: number): string {
  if (check.min == null && check.max == null) return check.expected ?? '正常';
  const lo = check.min ?? (check.max as number) * 0.5;
  const hi = check.max ?? (check.min as number) * 1.5;
  const share = 0.3 + 0.4 * (((k * 37) % 11) / 10);
  return (lo + (hi - lo) * share).toFixed(1);
}
