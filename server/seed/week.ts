// The demo week (issue 10): a fresh demo install lands in the middle of a normal working week
// of a service company instead of on a dashboard of zeros. The week is written relative to the
// moment it is loaded and replayed THROUGH THE PRODUCT'S OWN SERVICES (register, dispatch,
// accept, arrive, draw parts, resolve, sign, review, follow-ups, surveys, complaints), each
// step run at its past instant (`runAt`, lib/clock.ts) with the SLA and after-care sweeps run
// at every instant they would have fired. So clocks, SLA events, follow-up plans, surveys,
// notifications and audit entries are what the product would have made; nothing is patched.
//
// Deterministic: no randomness; the same `now` gives the same numbers and states. Past jobs sit
// on the working days before today (business calendar: weekends, holidays and 调休 respected);
// open jobs are placed by working time counted back from `now`, so on a Saturday evening the
// open work is Friday's, still waiting, and its working-hour clocks are paused by the calendar
// (the "at risk" job stays at risk until Monday). Emergencies run on calendar time: the
// ventilator emergency is always a few hours old.
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/client.ts';
import {
  businessCalendars,
  complaints,
  devices,
  followupPlans,
  followups,
  installations,
  parts,
  serviceRequests,
  surveys,
  users,
  warehouses,
  workOrders,
} from '../db/schema.ts';
import { careSweep, sweep } from '../jobs/sweeps.ts';
import type { Principal, Role } from '../lib/access.ts';
import type { Actor } from '../lib/audit.ts';
import { type BusinessCalendar, intervalsOn } from '../lib/calendar.ts';
import { runAt } from '../lib/clock.ts';
import type { BlobStore } from '../modules/attachments/index.ts';
import { transition as complaintTransition, updateComplaint } from '../modules/complaints/index.ts';
import { createContract } from '../modules/contracts/index.ts';
import { answer as answerFollowUp } from '../modules/followups/index.ts';
import { addAccessoryTerm, commission, createNotice, recordSiteCheck, startInstallation } from '../modules/installations/index.ts';
import { markPresence, openRecord } from '../modules/maintenance/index.ts';
import { issueToWorkOrder } from '../modules/parts/index.ts';
import { lend, recordResponse, registerRequest } from '../modules/requests/index.ts';
import { loadCalendar } from '../modules/sla/index.ts';
import { answerAsUser } from '../modules/surveys/index.ts';
import type { WorkOrderStatus } from '../modules/workorders/index.ts';
import { createWorkOrderOfKind, dispatch, review, sign, transition, updateContent } from '../modules/workorders/index.ts';
import { seedBillingDemo } from './billing.ts';
import { seedCalls } from './calls.ts';
import { seedCampaignsDemo } from './campaigns.ts';
import { seedEscalationsDemo } from './escalations.ts';
import { seedHandbookDemo } from './handbook.ts';
import { seedHoldsDemo } from './holds.ts';
import { seedInstrumentsDemo } from './instruments.ts';
import { seedKpisDemo } from './kpis.ts';
import { seedMaintenancePlansDemo, seedMaintenanceVisitsDemo } from './maintenance.ts';
import { seedQualityDemo } from './quality.ts';
import { seedQuotesDemo } from './quotes.ts';
import { seedRenewalsDemo } from './renewals.ts';
import { seedReturnsDemo } from './returns.ts';
import { drawnSignature } from './signature.ts';
import { seedTrainingDemo } from './training.ts';
import { seedUnitsDemo } from './units.ts';
import { seedVigilanceDemo } from './vigilance.ts';
import { seedVisitPlansDemo } from './visitplans.ts';

const MIN = 60_000;
const H = 60 * MIN;

export interface DemoWeek {
  /** The local date the week was written for. */
  today: string;
  /** Request number → work-order status, for the start banner and the story test. */
  jobs: { key: string; number: string; status: WorkOrderStatus }[];
  /** What each role should try first, printed at start. */
  tips: { username: string; tip: string }[];
}

// ---- time ---------------------------------------------------------------------------------

const atLocal = (date: string, hm: string, zone: string) => DateTime.fromISO(`${date}T${hm}`, { zone }).toJSDate();

/** The `n` working dates strictly before `today`, most recent first. */
export function workingDaysBefore(cal: BusinessCalendar, today: string, n: number): string[] {
  const out: string[] = [];
  let d = DateTime.fromISO(today, { zone: cal.timeZone });
  for (let i = 0; out.length < n && i < 400; i++) {
    d = d.minus({ days: 1 });
    const iso = d.toISODate() as string;
    if (intervalsOn(cal, iso).length) out.push(iso);
  }
  return out;
}

/** The instant `minutes` of working time before `end` (the mirror of addWorkingMinutes). */
export function workingMinutesBefore(cal: BusinessCalendar, end: Date, minutes: number): Date {
  let left = minutes * MIN;
  const t = end.getTime();
  let day = DateTime.fromMillis(t, { zone: cal.timeZone }).startOf('day');
  for (let i = 0; i < 400; i++, day = day.minus({ days: 1 })) {
    const date = day.toISODate() as string;
    const spans = intervalsOn(cal, date)
      .map(([s, e]) => [atLocal(date, s, cal.timeZone).getTime(), atLocal(date, e, cal.timeZone).getTime()] as const)
      .reverse();
    for (const [s, e] of spans) {
      const to = Math.min(e, t);
      if (to <= s) continue;
      if (to - s >= left) return new Date(to - left);
      left -= to - s;
    }
  }
  throw new RangeError('no working time found');
}

export { drawnSignature };

// ---- the replay -----------------------------------------------------------------------------

interface Step {
  at: Date;
  seq: number;
  what: string;
  run: () => Promise<unknown>;
}

interface JobSpec {
  key: string;
  serial: string;
  fault: string;
  reporter: [string, string];
  deviceDown?: boolean;
  channel?: 'phone' | 'portal';
}

export async function seedDemoWeek(db: Db, timeZone: string, now = new Date()): Promise<DemoWeek> {
  const byName = new Map<string, Principal>();
  for (const u of await db.select().from(users)) {
    byName.set(u.username, {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles as Role[],
      customerId: u.customerId,
      locale: u.locale,
    });
  }
  const who = (username: string) => {
    const p = byName.get(username);
    if (!p) throw new Error(`demo week: no user ${username}`);
    return p;
  };
  const actor = (username: string): Actor => ({ id: who(username).id, name: who(username).displayName });
  const deviceId = async (serial: string) => {
    const [d] = await db.select({ id: devices.id, customerId: devices.customerId }).from(devices).where(eq(devices.serialNumber, serial));
    if (!d) throw new Error(`demo week: no device ${serial}`);
    return d;
  };
  const [calRow] = await db.select().from(businessCalendars).where(eq(businessCalendars.isDefault, true));
  const cal = await loadCalendar(db, calRow.id);
  const zone = timeZone;
  const today = DateTime.fromJSDate(now, { zone }).toISODate() as string;
  const days = workingDaysBefore(cal, today, 12); // days[0] = the last working day before today
  const day = (k: number, hm: string) => atLocal(days[k - 1], hm, zone);
  const back = (minutes: number) => workingMinutesBefore(cal, now, minutes);
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MIN);

  const steps: Step[] = [];
  const at = (t: Date, what: string, run: () => Promise<unknown>) => {
    if (t.getTime() > now.getTime()) throw new Error(`demo week: step in the future: ${what}`);
    steps.push({ at: t, seq: steps.length, what, run });
  };

  // Everything the replay made, by job key.
  const made = new Map<string, { requestId: string; workOrderId: string }>();
  const ids = (key: string) => {
    const m = made.get(key);
    if (!m) throw new Error(`demo week: job ${key} not registered yet`);
    return m;
  };
  const woVersion = async (key: string) =>
    (
      await db
        .select({ v: workOrders.version })
        .from(workOrders)
        .where(eq(workOrders.id, ids(key).workOrderId))
    )[0].v;
  const reqVersion = async (key: string) =>
    (
      await db
        .select({ v: serviceRequests.version })
        .from(serviceRequests)
        .where(eq(serviceRequests.id, ids(key).requestId))
    )[0].v;

  /** One repair job's steps, each at its own instant. */
  const job = (spec: JobSpec, registrar: string) => {
    const j = {
      register(t: Date) {
        at(t, `${spec.key} register`, async () => {
          const d = await deviceId(spec.serial);
          const r = await registerRequest(
            db,
            who(registrar),
            {
              deviceId: d.id,
              faultDescription: spec.fault,
              deviceDown: spec.deviceDown ?? false,
              channel: spec.channel ?? 'phone',
              reporterName: spec.reporter[0],
              reporterPhone: spec.reporter[1],
              receivedAt: t.toISOString(),
              internal: false,
              urgencyReason: null,
            },
            zone,
            t,
          );
          made.set(spec.key, { requestId: r.requestId, workOrderId: r.workOrderId });
        });
        return j;
      },
      /** The owner calls the customer back: the respond clock stops (R-SLA-2). */
      respond(t: Date, by: string) {
        at(t, `${spec.key} respond`, async () => recordResponse(db, who(by), ids(spec.key).requestId, await reqVersion(spec.key), t));
        return j;
      },
      dispatch(t: Date, by: string, lead: string, helpers: string[] = []) {
        at(t, `${spec.key} dispatch`, async () =>
          dispatch(
            db,
            who(by),
            ids(spec.key).workOrderId,
            { version: await woVersion(spec.key), leadEngineerId: who(lead).id, helperIds: helpers.map((h) => who(h).id) },
            t,
          ),
        );
        return j;
      },
      step(t: Date, by: string, to: WorkOrderStatus, reason?: string) {
        at(t, `${spec.key} ${to}`, async () =>
          transition(db, who(by), ids(spec.key).workOrderId, { version: await woVersion(spec.key), to, reason: reason ?? null }, t),
        );
        return j;
      },
      report(
        t: Date,
        by: string,
        c: { phenomenon: string; cause: string; actions: string; testResults: string; labourMinutes: number; travelMinutes: number; travelKm?: string },
      ) {
        at(t, `${spec.key} report`, async () =>
          updateContent(db, who(by), ids(spec.key).workOrderId, { version: await woVersion(spec.key), explanation: null, ...c }),
        );
        return j;
      },
      part(t: Date, by: string, partCode: string, warehouseCode: string, lot: string | null, removedSerial: string | null = null) {
        at(t, `${spec.key} part ${partCode}`, async () => {
          const [p] = await db.select({ id: parts.id }).from(parts).where(eq(parts.code, partCode));
          const [w] = await db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.code, warehouseCode));
          return issueToWorkOrder(db, who(by), {
            workOrderId: ids(spec.key).workOrderId,
            warehouseId: w.id,
            partId: p.id,
            qty: 1,
            lot,
            removedSerial,
            note: null,
          });
        });
        return j;
      },
      sign(t: Date, by: string, signerName: string) {
        at(t, `${spec.key} sign`, async () =>
          sign(
            db,
            who(by),
            ids(spec.key).workOrderId,
            { version: await woVersion(spec.key), signerName, meaning: '确认服务已完成，结果满意', signaturePng: drawnSignature(signerName) },
            t,
          ),
        );
        return j;
      },
      review(t: Date, by: string) {
        at(t, `${spec.key} review`, async () => review(db, who(by), ids(spec.key).workOrderId, { version: await woVersion(spec.key), verdict: 'approved' }, t));
        return j;
      },
      lend(t: Date, by: string, loanerSerial: string, notes: string) {
        at(t, `${spec.key} lend`, async () => {
          const loaner = await deviceId(loanerSerial);
          return lend(db, who(by), ids(spec.key).requestId, { deviceId: loaner.id, lentAt: t.toISOString(), notes }, t);
        });
        return j;
      },
    };
    return j;
  };

  /** A whole repair on site: call, dispatch, travel, repair, signature, review. */
  const archived = (
    spec: JobSpec,
    t: {
      received: Date;
      respond: Date;
      dispatched: Date;
      accepted: Date;
      onTheWay: Date;
      onSite: Date;
      resolved: Date;
      signed: Date;
      reviewed: Date;
    },
    people: { registrar: string; lead: string; signer: string },
    report: Parameters<ReturnType<typeof job>['report']>[2],
    part?: { code: string; warehouse: string; lot: string | null; removedSerial?: string; by?: string },
  ) => {
    const j = job(spec, people.registrar)
      .register(t.received)
      .respond(t.respond, people.registrar)
      .dispatch(t.dispatched, people.registrar, people.lead)
      .step(t.accepted, people.lead, 'accepted')
      .step(t.onTheWay, people.lead, 'on_the_way')
      .step(t.onSite, people.lead, 'on_site');
    if (part) j.part(new Date(t.onSite.getTime() + 40 * MIN), part.by ?? people.lead, part.code, part.warehouse, part.lot, part.removedSerial ?? null);
    j.report(new Date(t.resolved.getTime() - 5 * MIN), people.lead, report)
      .step(t.resolved, people.lead, 'resolved')
      .sign(t.signed, people.lead, people.signer)
      .review(t.reviewed, 'dispatcher');
    return j;
  };

  // ---- the company's base changes of the period --------------------------------------------
  // A maintenance contract of the Chengdu centre that ends next month: the renewal is due.
  const contractStart = day(12, '09:00');
  at(contractStart, 'contract expiring next month', async () => {
    const end = DateTime.fromJSDate(now, { zone }).plus({ months: 1 }).endOf('month');
    const cd = await deviceId('TP8000-25-0399');
    const mt = await deviceId('MT2255-25-1120');
    return createContract(
      db,
      actor('sales'),
      {
        number: `HT-${end.year - 1}-077`,
        customerId: cd.customerId,
        kind: 'maintenance',
        startDate: end.minus({ years: 1 }).plus({ days: 1 }).toISODate() as string,
        endDate: end.toISODate() as string,
        deviceIds: [cd.id, mt.id],
        slaPolicy: '标准服务',
        visitsPerYear: 2,
        price: '18000.00',
        currency: 'CNY',
        notes: '续约提醒：到期前一个月联系客户',
      },
      zone,
    );
  });

  // ---- archived jobs of the past two weeks: signed, reviewed, labour recorded ---------------
  archived(
    { key: 'A1', serial: 'ST5020-21-0031', fault: '染色机加样针报警，试剂泵不出液', reporter: ['王红', '010-65295001'] },
    {
      received: day(9, '09:20'),
      respond: day(9, '09:32'),
      dispatched: day(9, '09:40'),
      accepted: day(9, '09:46'),
      onTheWay: day(9, '10:05'),
      onSite: day(9, '11:02'),
      resolved: day(9, '14:35'),
      signed: day(9, '14:48'),
      reviewed: day(8, '10:10'),
    },
    { registrar: 'dispatcher', lead: 'engineer', signer: '王红' },
    {
      phenomenon: '加样针报警，2 号试剂位不出液',
      cause: '蠕动泵管老化破裂',
      actions: '更换染色机蠕动泵，冲洗管路并校准加样量',
      testResults: '连续 30 张切片染色均匀，加样量误差 < 2%',
      labourMinutes: 150,
      travelMinutes: 55,
      travelKm: '18',
    },
    { code: 'BJ-ST-PUMP', warehouse: 'VAN-engineer', lot: null },
  );
  archived(
    { key: 'A2', serial: 'MT2255-24-0901', fault: '切片厚度不均，刀架有松动', reporter: ['陈立', '021-64370046'] },
    {
      received: day(7, '10:05'),
      respond: day(7, '10:20'),
      dispatched: day(7, '10:30'),
      accepted: day(7, '10:41'),
      onTheWay: day(7, '12:40'),
      onSite: day(7, '13:50'),
      resolved: day(7, '16:00'),
      signed: day(7, '16:12'),
      reviewed: day(6, '09:15'),
    },
    { registrar: 'dispatcher', lead: 'engineer', signer: '陈立' },
    {
      phenomenon: '切片厚度忽厚忽薄，刀架晃动',
      cause: '刀架锁紧杆磨损，锁不紧',
      actions: '更换刀架锁紧件，调整刀架间隙',
      testResults: '连续切 4 μm 切片 50 张，厚度一致',
      labourMinutes: 90,
      travelMinutes: 80,
      travelKm: '26',
    },
    // The van's locking levers: the company's stock of them drops below its minimum (reorder).
    { code: 'BJ-MT-BLADE', warehouse: 'VAN-engineer', lot: null },
  );
  // Late: the engineer reached the remote hospital on the third day; arrival and restoration
  // breached their targets, and the clocks (and the survey) say so.
  archived(
    { key: 'A3', serial: 'TP8000-22-0046', fault: '脱水机程序中断，报“旋转阀位置错误”', reporter: ['李娜', '0314-2022002'] },
    {
      received: day(6, '09:10'),
      respond: day(6, '09:25'),
      dispatched: day(6, '09:40'),
      accepted: day(6, '10:00'),
      onTheWay: day(3, '07:10'),
      onSite: day(3, '10:30'),
      resolved: day(3, '16:40'),
      signed: day(3, '16:55'),
      reviewed: day(2, '09:40'),
    },
    { registrar: 'dispatcher', lead: 'engineer', signer: '李娜' },
    {
      phenomenon: '运行中报“旋转阀位置错误”，程序中断',
      cause: '反应缸密封圈老化漏液，旋转阀定位传感器受潮',
      actions: '更换反应缸密封圈套件，烘干并重新校准旋转阀定位',
      testResults: '空载运行完整程序 2 次，无报警',
      labourMinutes: 240,
      travelMinutes: 210,
      travelKm: '230',
    },
    { code: 'BJ-TP-SEAL', warehouse: 'VAN-engineer', lot: 'L2026-09' },
  );
  archived(
    { key: 'A4', serial: 'VB-H192201', fault: '多叶光栅 MLC 第 23 叶片到位偏差报警', reporter: ['黄伟', '020-87343089'] },
    {
      received: day(4, '08:50'),
      respond: day(4, '09:00'),
      dispatched: day(4, '09:10'),
      accepted: day(4, '09:15'),
      onTheWay: day(4, '09:40'),
      onSite: day(4, '10:45'),
      resolved: day(4, '15:20'),
      signed: day(4, '15:40'),
      reviewed: day(3, '09:30'),
    },
    { registrar: 'dispatcher', lead: 'technician', signer: '黄伟' },
    {
      phenomenon: 'MLC 第 23 叶片到位偏差 > 1 mm 报警',
      cause: '叶片驱动电机磨损',
      actions: '更换 MLC 叶片驱动电机并完成叶片校准',
      testResults: 'MLC 到位精度测试通过，偏差 < 0.5 mm',
      labourMinutes: 210,
      travelMinutes: 45,
      travelKm: '12',
    },
    // Issued from the central store by the parts administrator (the van carries no MLC motors).
    { code: 'BJ-LA-MLC', warehouse: 'WH-CENTRAL', lot: null, by: 'parts' },
  );
  // Resolved 48 h before a time later today: its first follow-up (within 48 h, R-FU-1) is due today.
  const endOfToday = DateTime.fromJSDate(now, { zone }).set({ hour: 23, minute: 30, second: 0, millisecond: 0 }).toJSDate();
  const dueToday = new Date(Math.min(Math.max(atLocal(today, '17:00', zone).getTime(), now.getTime() + 90 * MIN), endOfToday.getTime()));
  const t5 = new Date(dueToday.getTime() - 48 * H);
  archived(
    { key: 'A5', serial: 'ST5020-25-0412', fault: '染色不均匀，部分切片偏淡', reporter: ['王红', '010-65295001'] },
    {
      received: new Date(t5.getTime() - 5 * H),
      respond: new Date(t5.getTime() - 4.8 * H),
      dispatched: new Date(t5.getTime() - 4.6 * H),
      accepted: new Date(t5.getTime() - 4.5 * H),
      onTheWay: new Date(t5.getTime() - 4 * H),
      onSite: new Date(t5.getTime() - 3 * H),
      resolved: t5,
      signed: new Date(t5.getTime() + 15 * MIN),
      reviewed: new Date(t5.getTime() + 20 * H),
    },
    { registrar: 'dispatcher', lead: 'engineer', signer: '王红' },
    {
      phenomenon: '染色不均匀，部分切片偏淡',
      cause: '试剂泵流量不足',
      actions: '更换试剂泵管路并校准',
      testResults: '连续 20 张切片染色均匀',
      labourMinutes: 120,
      travelMinutes: 50,
      travelKm: '15',
    },
  );

  // ---- open work: every stage of the process --------------------------------------------------
  // new: a phone call and a portal report waiting for an engineer.
  job({ key: 'N1', serial: 'MT2255-25-1120', fault: '切片机手轮卡顿，无法锁定', reporter: ['赵强', '028-85501235'] }, 'dispatcher')
    .register(back(45))
    .respond(back(35), 'dispatcher');
  job(
    { key: 'N2', serial: 'ST5020-23-0220', fault: '染色机门锁报警，无法启动程序', reporter: ['陈立', '021-64370046'], channel: 'portal' },
    'ruikang',
  ).register(back(20));
  job({ key: 'N3', serial: 'UCT760-23-1009', fault: '扫描床水平移动异响', reporter: ['王红', '010-65295001'] }, 'dispatcher')
    .register(back(70))
    .respond(back(62), 'dispatcher');
  // dispatched, accepted: 张伟's day.
  job({ key: 'D1', serial: 'TP8000-24-0107', fault: '脱水机石蜡缸温度不达标', reporter: ['王红', '010-65295001'] }, 'dispatcher')
    .register(back(110))
    .respond(back(100), 'dispatcher')
    .dispatch(back(90), 'dispatcher', 'engineer');
  job({ key: 'C1', serial: 'ST5020-22-0145', fault: '染色机烘干温度异常，切片有水迹', reporter: ['李娜', '0314-2022002'] }, 'dispatcher')
    .register(back(220))
    .respond(back(210), 'dispatcher')
    .dispatch(back(200), 'dispatcher', 'engineer')
    .step(back(185), 'engineer', 'accepted');
  // on the way, at risk: a suburban CT whose arrival window (7 working hours) is past its 75 % warning.
  job({ key: 'W1', serial: 'UCT760-22-0508', fault: 'CT 球管预热失败，扫描中断', reporter: ['陈立', '021-64370046'] }, 'dispatcher')
    .register(back(340))
    .respond(back(330), 'dispatcher')
    .dispatch(back(320), 'dispatcher', 'engineer2')
    .step(back(310), 'engineer2', 'accepted')
    .step(back(60), 'engineer2', 'on_the_way');
  // on site: the ventilator emergency, on calendar time (24/7).
  job(
    { key: 'E1', serial: 'SV600-22-0815', fault: '呼吸机潮气量输出偏低，持续高压报警，已停用', reporter: ['王红', '010-65295001'], deviceDown: true },
    'dispatcher',
  )
    .register(ago(170))
    .dispatch(ago(164), 'dispatcher', 'expert', ['engineer'])
    .step(ago(160), 'expert', 'accepted')
    .respond(ago(159), 'expert')
    .step(ago(152), 'expert', 'on_the_way')
    .step(ago(70), 'expert', 'on_site');
  // waiting for parts, with the loaner monitor in place (R-SLA-3).
  job({ key: 'P1', serial: 'PM9000-26-0301', fault: '监护仪电池无法充电，拔电即关机', reporter: ['王红', '010-65295001'], deviceDown: true }, 'dispatcher')
    .register(back(560))
    .respond(back(550), 'dispatcher')
    .dispatch(back(540), 'dispatcher', 'engineer')
    .step(back(530), 'engineer', 'accepted')
    .step(back(500), 'engineer', 'on_the_way')
    .step(back(450), 'engineer', 'on_site')
    .lend(back(420), 'dispatcher', 'PM9000-LOANER-01', '借用监护仪，待电池到货后归还')
    .step(back(400), 'engineer', 'waiting_parts', '电池不可充电，车载库无货，等待中心库调拨 BJ-PM-BATT');
  // resolved, waiting for the customer's signature.
  job({ key: 'R1', serial: 'ST5020-24-0376', fault: '染色机条码打印模糊', reporter: ['黄伟', '020-87343089'] }, 'dispatcher')
    .register(back(300))
    .respond(back(290), 'dispatcher')
    .dispatch(back(280), 'dispatcher', 'technician')
    .step(back(270), 'technician', 'accepted')
    .step(back(240), 'technician', 'on_the_way')
    .step(back(200), 'technician', 'on_site')
    .report(back(35), 'technician', {
      phenomenon: '条码打印模糊，扫码失败',
      cause: '打印头积墨',
      actions: '清洁打印头，更换色带并调整打印浓度',
      testResults: '打印 20 张条码，扫码全部成功',
      labourMinutes: 60,
      travelMinutes: 40,
    })
    .step(back(30), 'technician', 'resolved');
  // signed by the customer, waiting for customer service's review.
  job({ key: 'S1', serial: 'TP8000-25-0399', fault: '脱水机真空泵噪音大', reporter: ['赵强', '028-85501235'] }, 'dispatcher')
    .register(back(420))
    .respond(back(410), 'dispatcher')
    .dispatch(back(400), 'dispatcher', 'technician')
    .step(back(395), 'technician', 'accepted')
    .step(back(380), 'technician', 'on_the_way')
    .step(back(330), 'technician', 'on_site')
    .report(back(125), 'technician', {
      phenomenon: '真空泵运行噪音大，抽真空时间变长',
      cause: '真空泵油位低、油质劣化',
      actions: '更换真空泵油，清洁过滤器',
      testResults: '抽真空时间恢复正常，噪音消失',
      labourMinutes: 75,
      travelMinutes: 30,
    })
    .step(back(120), 'technician', 'resolved')
    .sign(back(110), 'technician', '赵强');

  // ---- jobs of other kinds (issue 12): an installation in progress, a maintenance visit done,
  // a training scheduled — created by the office, then worked like any job.
  const ofKind = (spec: JobSpec & { kind: 'installation' | 'maintenance' | 'training'; plannedDate: string }, by: string, t: Date) => {
    at(t, `${spec.key} create ${spec.kind}`, async () => {
      const d = await deviceId(spec.serial);
      const wo = await db.transaction((tx) =>
        createWorkOrderOfKind(
          tx,
          who(by),
          {
            kind: spec.kind,
            deviceId: d.id,
            description: spec.fault,
            plannedDate: spec.plannedDate,
            contactName: spec.reporter[0],
            contactPhone: spec.reporter[1],
            notifiedAt: t.toISOString(),
          },
          zone,
          t,
        ),
      );
      made.set(spec.key, { requestId: wo.requestId, workOrderId: wo.id });
    });
    return job(spec, by);
  };
  // Seed 003: a new ventilator installed within 1–3 working days of the notice; the engineer is on site.
  ofKind(
    {
      key: 'K1',
      kind: 'installation',
      serial: 'SV600-26-3107',
      fault: '新购呼吸机安装调试及操作培训（销售合同 XS-2026-118）',
      reporter: ['急诊科 刘主任', '021-64085566'],
      plannedDate: days[0],
    },
    'dispatcher',
    day(2, '09:30'),
  )
    .dispatch(day(2, '10:00'), 'dispatcher', 'engineer2')
    .step(day(2, '10:20'), 'engineer2', 'accepted')
    .step(day(1, '08:40'), 'engineer2', 'on_the_way')
    .step(day(1, '09:30'), 'engineer2', 'on_site');
  // A quarterly maintenance visit under the contract, done.
  ofKind(
    {
      key: 'K2',
      kind: 'maintenance',
      serial: 'TP8000-24-0107',
      fault: '季度预防性维护保养：真空系统、加热系统、试剂管路检查',
      reporter: ['病理科 王主任', '010-69155001'],
      plannedDate: days[3],
    },
    'dispatcher',
    day(6, '09:00'),
  )
    .dispatch(day(6, '09:30'), 'dispatcher', 'technician')
    .step(day(6, '10:00'), 'technician', 'accepted')
    .step(day(4, '09:00'), 'technician', 'on_site')
    .report(day(4, '11:00'), 'technician', {
      phenomenon: '运行正常，无报警记录',
      cause: '真空泵油色略深',
      actions: '更换真空泵油，清洁试剂管路与加热槽，检查密封圈',
      testResults: '真空度 -80 kPa 达标；各缸温度偏差 ±0.5℃ 以内',
      labourMinutes: 120,
      travelMinutes: 40,
    })
    .step(day(4, '11:30'), 'technician', 'resolved');
  // R-PM-2 (issue 13 §2): the visit is resolved only with its record — opened on arrival, departure noted.
  at(day(4, '09:01'), 'K2 maintenance record', async () => {
    const r = await openRecord(db, who('technician'), ids('K2').workOrderId);
    const arrived = await markPresence(
      db,
      who('technician'),
      ids('K2').workOrderId,
      'arrival',
      { version: r.version, at: day(4, '09:00').toISOString() },
      day(4, '09:01'),
    );
    return markPresence(
      db,
      who('technician'),
      ids('K2').workOrderId,
      'departure',
      { version: arrived.version, at: day(4, '11:25').toISOString() },
      day(4, '11:25'),
    );
  });
  // Operator training for the ICU's new nurses, scheduled for a coming day.
  ofKind(
    {
      key: 'K3',
      kind: 'training',
      serial: 'SV600-25-2201',
      fault: '重症医学科新入职护士呼吸机操作培训',
      reporter: ['重症医学科 李护士长', '010-66668001'],
      plannedDate: DateTime.fromISO(today, { zone }).plus({ days: 7 }).toISODate() as string,
    },
    'dispatcher',
    day(1, '15:00'),
  ).dispatch(day(1, '15:10'), 'dispatcher', 'engineer');

  // ---- after service: follow-ups, surveys, a complaint -------------------------------------
  // Customer service works the follow-up list at the end of each past working day: every
  // follow-up whose window is open is called, except the one left overdue (A4's first).
  const keepOpen = new Set<string>();
  for (let k = 11; k >= 1; k--) {
    const t = day(k, '16:30');
    // Whatever falls due by the end of that day; tomorrow's are tomorrow's work.
    const dayEnd = DateTime.fromJSDate(t, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
    at(t, `follow-up calls ${days[k - 1]}`, async () => {
      const due = await db
        .select({ f: followups, workOrderId: followupPlans.workOrderId })
        .from(followups)
        .innerJoin(followupPlans, eq(followupPlans.id, followups.planId))
        .where(and(eq(followups.status, 'pending'), sql`${followups.earliestAt} <= ${t}`, sql`${followups.dueAt} < ${dayEnd}`))
        .orderBy(followups.dueAt, followups.key);
      const a4 = made.get('A4')?.workOrderId;
      for (const { f, workOrderId } of due) {
        if (workOrderId && workOrderId === a4 && f.key === 's1') {
          keepOpen.add(f.id);
          continue;
        }
        await answerFollowUp(
          db,
          who('dispatcher'),
          f.id,
          {
            version: f.version,
            answers: {},
            quality: f.track === 'main' || f.track === 'tracking' ? 'normal' : null,
            outcome: 'no_problem',
            record: f.method === 'onsite' ? '上门回访：设备运行正常，客户无新问题' : '电话回访：设备运行正常，客户无新问题',
            contactName: null,
          },
          t,
        );
      }
    });
  }
  const surveyOf = async (key: string) =>
    (
      await db
        .select()
        .from(surveys)
        .where(eq(surveys.workOrderId, ids(key).workOrderId))
    )[0];
  at(day(6, '15:00'), 'A1 survey', async () =>
    answerAsUser(
      db,
      who('dispatcher'),
      actor('dispatcher'),
      (await surveyOf('A1')).id,
      {
        attitude: 4,
        skill: 4,
        timeliness: 4,
        promise: 4,
        comments: '工程师当天到场，处理及时',
        respondentName: '王红',
      },
      day(6, '15:00'),
    ),
  );
  at(day(5, '10:20'), 'A2 survey', async () =>
    answerAsUser(
      db,
      who('ruikang'),
      actor('ruikang'),
      (await surveyOf('A2')).id,
      {
        attitude: 4,
        skill: 3,
        timeliness: 3,
        promise: 4,
        comments: null,
        respondentName: '陈立',
      },
      day(5, '10:20'),
    ),
  );
  // Answered badly by phone → a complaint draft (R-SV-1) → QC opens and investigates it.
  at(day(1, '10:40'), 'A3 survey', async () =>
    answerAsUser(
      db,
      who('dispatcher'),
      actor('dispatcher'),
      (await surveyOf('A3')).id,
      {
        attitude: 3,
        skill: 3,
        timeliness: 1,
        promise: 2,
        comments: '报修后第三天工程师才到，脱水机停了三天，影响出片',
        respondentName: '李娜',
      },
      day(1, '10:40'),
    ),
  );
  const complaintOf = async () => {
    const s = await surveyOf('A3');
    return (await db.select().from(complaints).where(eq(complaints.surveyId, s.id)))[0];
  };
  at(day(1, '11:30'), 'complaint opened', async () => {
    const c = await complaintOf();
    return complaintTransition(db, actor('quality'), c.id, c.version, 'open', zone, 'zh-CN', day(1, '11:30'));
  });
  at(day(1, '14:00'), 'complaint investigated', async () => {
    const c = await complaintOf();
    const u = await updateComplaint(
      db,
      actor('quality'),
      c.id,
      c.version,
      { cause: '响应超时', severity: 'normal', investigationStartedOn: days[0] },
      zone,
      day(1, '14:00'),
    );
    return complaintTransition(db, actor('quality'), c.id, u.version, 'investigating', zone, 'zh-CN', day(1, '14:00'));
  });

  // ---- installations (issue 12 item 2, R-IN-1): one unit installing, one awaiting acceptance ----
  const SITE_OK = ['power', 'water', 'ventilation', 'space', 'environment'].map((key) => ({ key, result: 'pass' as const, note: null }));
  const inst = new Map<string, string>();
  const instVersion = async (key: string) =>
    (
      await db
        .select({ v: installations.version })
        .from(installations)
        .where(eq(installations.id, inst.get(key) as string))
    )[0].v;
  // Issue 12 item 2: each notice opens its installation work order; the dispatcher sends the
  // installation's engineer, who accepts and arrives before the site check (refused before that).
  const instJob = new Map<string, string>();
  const jobVersion = async (key: string) =>
    (
      await db
        .select({ v: workOrders.version })
        .from(workOrders)
        .where(eq(workOrders.id, instJob.get(key) as string))
    )[0].v;
  const sendInstaller = (key: string, t: Date, lead: string) =>
    at(t, `installation job ${key} dispatched`, async () =>
      dispatch(db, who('dispatcher'), instJob.get(key) as string, { version: await jobVersion(key), leadEngineerId: who(lead).id, helperIds: [] }, t),
    );
  const installerStep = (key: string, t: Date, lead: string, to: WorkOrderStatus) =>
    at(t, `installation job ${key} ${to}`, async () =>
      transition(db, who(lead), instJob.get(key) as string, { version: await jobVersion(key), to, reason: null }, t),
    );
  const customerOf = async (code: string) => (await db.execute(sql`select id from customers where code = ${code}`)).rows[0] as { id: string };
  const modelOf = async (code: string) => (await db.execute(sql`select id from device_models where code = ${code}`)).rows[0] as { id: string };
  at(day(4, '10:00'), 'accessory terms', async () => {
    const m = await modelOf('ST-5020');
    await addAccessoryTerm(db, who('manager'), { modelId: m.id, name: '加热染色槽', partNumber: 'ST-HB-01', months: 24, consumable: false });
    await addAccessoryTerm(db, who('manager'), { modelId: m.id, name: '试剂过滤芯', partNumber: 'ST-FL-06', months: 3, consumable: true });
  });
  // The emergency-room ventilator of 瑞康医院 has no acceptance yet: site checked, being installed.
  at(day(3, '09:30'), 'installation notice SV600', async () => {
    const d = await deviceId('SV600-26-3107');
    const r = await createNotice(
      db,
      who('sales'),
      {
        deviceId: d.id,
        customerId: d.customerId,
        siteAddress: '上海瑞康医院 急诊科抢救室',
        plannedDate: days[0],
        salesContact: '吴刚（销售总监）',
        engineerId: who('engineer').id,
      },
      timeZone,
    );
    inst.set('SV', r.id);
    instJob.set('SV', r.workOrderId as string);
  });
  sendInstaller('SV', day(3, '10:00'), 'engineer');
  installerStep('SV', day(3, '10:30'), 'engineer', 'accepted');
  installerStep('SV', day(2, '09:40'), 'engineer', 'on_site');
  at(day(2, '10:00'), 'site check SV600', async () =>
    recordSiteCheck(db, who('engineer'), inst.get('SV') as string, { version: await instVersion('SV'), items: SITE_OK }),
  );
  at(day(1, '09:00'), 'installing SV600', async () => startInstallation(db, who('engineer'), inst.get('SV') as string, { version: await instVersion('SV') }));
  // A new tissue processor for 华西: registered from the notice, commissioned, waiting for the three signatures.
  at(day(4, '15:00'), 'installation notice TP8000', async () => {
    const c = await customerOf('CD-HX');
    const m = await modelOf('TP-8000');
    const r = await createNotice(
      db,
      who('dispatcher'),
      {
        device: { serialNumber: 'TP8000-26-0777', udi: '(01)06940000000777(21)TP8000-26-0777', modelId: m.id },
        customerId: c.id,
        siteAddress: '成都华西诊断中心 技术部 2 楼',
        plannedDate: days[2],
        salesContact: '吴刚（销售总监）',
        engineerId: who('engineer2').id,
      },
      timeZone,
    );
    inst.set('TP', r.id);
    instJob.set('TP', r.workOrderId as string);
  });
  sendInstaller('TP', day(4, '15:30'), 'engineer2');
  installerStep('TP', day(4, '16:00'), 'engineer2', 'accepted');
  installerStep('TP', day(3, '13:40'), 'engineer2', 'on_site');
  at(day(3, '14:00'), 'site check TP8000', async () =>
    recordSiteCheck(db, who('engineer2'), inst.get('TP') as string, { version: await instVersion('TP'), items: SITE_OK }),
  );
  at(day(2, '09:00'), 'installing TP8000', async () => startInstallation(db, who('engineer2'), inst.get('TP') as string, { version: await instVersion('TP') }));
  at(day(2, '16:30'), 'commissioned TP8000', async () =>
    commission(db, who('engineer2'), inst.get('TP') as string, {
      version: await instVersion('TP'),
      items: [
        { key: 'power_on', measured: '自检通过', passed: true },
        { key: 'functions', measured: '脱水、浸蜡程序运行正常', passed: true },
        { key: 'safety', measured: '漏电流 0.05 mA', passed: true },
        { key: 'performance', measured: '温控 ±0.5 ℃', passed: true },
      ],
      consent: { name: '刘敏', signaturePng: drawnSignature('刘敏') },
    }),
  );
  // Installed and commissioned with the customer's consent: the job is resolved, awaiting acceptance.
  installerStep('TP', day(2, '16:40'), 'engineer2', 'resolved');

  // ---- run it in time order, with the sweeps firing when they would have --------------------
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  for (const s of steps) {
    await catchUp(db, timeZone, s.at);
    try {
      await runAt(s.at, s.run);
    } catch (err) {
      throw new Error(`demo week: step "${s.what}" at ${s.at.toISOString()} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  await catchUp(db, timeZone, now);

  const jobs: DemoWeek['jobs'] = [];
  for (const [key, m] of made) {
    const [r] = await db
      .select({ number: serviceRequests.number, status: workOrders.status })
      .from(workOrders)
      .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
      .where(eq(workOrders.id, m.workOrderId));
    jobs.push({ key, number: r.number, status: r.status as WorkOrderStatus });
  }
  const count = (pred: (s: WorkOrderStatus) => boolean) => jobs.filter((j) => pred(j.status)).length;
  const waiting = count((s) => s === 'new');
  const mine = jobs.filter((j) => ['D1', 'C1', 'P1', 'E1'].includes(j.key)).length;
  void keepOpen;
  return {
    today,
    jobs,
    tips: [
      { username: 'dispatcher', tip: `派工看板 / dispatch board: ${waiting} requests waiting for an engineer, one CT at risk of missing its arrival target` },
      { username: 'manager', tip: '首页 → 紧急报修: a ventilator emergency on site; 时限预警 /at-risk: the CT past its warning' },
      { username: 'engineer', tip: `我的工单 / my work: ${mine} jobs today — one waiting for a battery with a loaner in place, one emergency as helper` },
      { username: 'technician', tip: 'a resolved job waiting for the customer’s signature (sign on the phone)' },
      { username: 'quality', tip: '投诉 / complaints: one under investigation, opened from a badly answered survey' },
      { username: 'parts', tip: '库存 / stock: parts below their minimum, reorder suggestions' },
      { username: 'sales', tip: '合同 / contracts: one maintenance contract expiring next month' },
      { username: 'renhe', tip: 'hospital portal (北京仁和医院): the ventilator emergency in progress, archived reports' },
    ],
  };
}

/**
 * The minute sweeps as they would have run up to `t`: the SLA sweep at each warning or due
 * instant that passed (a minute after it, as the cron would), then both sweeps at `t`.
 */
async function catchUp(db: Db, timeZone: string, t: Date) {
  for (let i = 0; i < 1000; i++) {
    const r = await db.execute(sql`select min(x) as t from (
        select warn_at as x from sla_clocks where stopped_at is null and paused_at is null and warned_at is null
        union all select due_at from sla_clocks where stopped_at is null and paused_at is null and breached_at is null) s`);
    const v = (r.rows[0] as { t: string | Date | null }).t;
    if (!v) break;
    const next = new Date(v);
    if (next.getTime() >= t.getTime()) break;
    const when = new Date(Math.min(next.getTime() + MIN, t.getTime()));
    await runAt(when, () => sweep(db, when));
    if (when.getTime() === t.getTime()) break;
  }
  await runAt(t, () => sweep(db, t));
  await runAt(t, () => careSweep(db, timeZone, t));
}

/**
 * A fresh demo install: the base records (seedDemo) as of the start of the period, then the
 * week. Returns what main.ts prints.
 */
export async function loadDemo<T>(
  db: Db,
  timeZone: string,
  seedBase: () => Promise<T>,
  now = new Date(),
  store?: BlobStore,
): Promise<{ base: T; week: DemoWeek }> {
  // The base records exist before the period's first call: twelve working days back, 08:00.
  const [calRow] = await db.select().from(businessCalendars).where(eq(businessCalendars.isDefault, true));
  const cal = await loadCalendar(db, calRow.id);
  const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate() as string;
  const first = workingDaysBefore(cal, today, 13)[12];
  const base = await runAt(atLocal(first, '08:00', timeZone), seedBase);
  const week = await seedDemoWeek(db, timeZone, now);
  await seedTrainingDemo(db, timeZone, now);
  await seedInstrumentsDemo(db, timeZone, now);
  await seedVisitPlansDemo(db, timeZone, now);
  await seedMaintenancePlansDemo(db, timeZone, now, store);
  await seedMaintenanceVisitsDemo(db, timeZone, now, store);
  await seedRenewalsDemo(db, timeZone, now);
  await seedCalls(db, timeZone, now);
  await seedHoldsDemo(db, now);
  await seedVigilanceDemo(db, now);
  await seedQualityDemo(db, timeZone, now);
  await seedReturnsDemo(db, timeZone, now);
  await seedQuotesDemo(db, timeZone, now);
  await seedBillingDemo(db, timeZone, now);
  await seedHandbookDemo(db, now);
  await seedCampaignsDemo(db, timeZone, now);
  await seedEscalationsDemo(db, now);
  // Last: a month of finished repairs and the KPI rollup over everything seeded (R-RP-1).
  await seedKpisDemo(db, timeZone, now);
  await seedUnitsDemo(db, timeZone, now);
  return { base, week };
}
