// Yearly maintenance plans (issue 13 §1, R-PM-1; seed 004 §4 预防为主; seed 002 事先告知客户…影响范围和影响时间):
// generate a contract's plan for a year (every device), list and move its visits, the hospital's
// answer in the portal, plan vs done, and the three sweeps — the advance notice (exactly once), the
// work order of each due visit (exactly one) and the overdue flag to the service manager (once).
// Every change is audited (entities `maintenance_plan`, `maintenance_visit`, `maintenance_settings`).
import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import {
  businessCalendars,
  contractDevices,
  contracts,
  customers,
  deviceModels,
  devices,
  engineerProfiles,
  maintenanceTemplates,
  users,
  workOrders,
} from '../../db/schema.ts';
import { customerScope, type Principal, type Role } from '../../lib/access.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import type { BusinessCalendar } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { localDate } from '../contracts/index.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { loadCalendar } from '../sla/index.ts';
import { createWorkOrderOfKind, dispatch } from '../workorders/index.ts';
import {
  ANSWERABLE_STATUSES,
  addDays,
  coveredSpan,
  DEFAULT_NOTICE_DAYS,
  DEFAULT_ORDER_DAYS,
  DONE_WORK_ORDER_STATUSES,
  isOverdue,
  isWorkingDay,
  KEPT_STATUSES,
  type Load,
  loadKey,
  MOVABLE_STATUSES,
  planVisits,
  planVsDone,
  type ReportBy,
  type VisitStatus,
  visitFlag,
  visitsPerYearOf,
} from './maintenance.plans.rules.ts';
import { maintenancePlans, maintenanceSettings, maintenanceVisits } from './maintenance.plans.tables.ts';
import { templateFor } from './maintenance.rules.ts';

type Visit = typeof maintenanceVisits.$inferSelect;
const actorOf = (u: Principal | Actor): Actor => ('displayName' in u ? { id: u.id, name: u.displayName } : u);
const kind = (k: 'maintenance_notice' | 'maintenance_reschedule' | 'maintenance_overdue' | 'maintenance_dispatch_refused'): NotificationKind => k;
const DONE_SQL = sql.raw(DONE_WORK_ORDER_STATUSES.map((s) => `'${s}'`).join(', '));
/** The status a visit shows: done once its work order is resolved or later. */
const effective = sql<VisitStatus>`(case when ${workOrders.status} in (${DONE_SQL}) then 'done' else ${maintenanceVisits.status}::text end)`;

// ---- settings -----------------------------------------------------------------------------

export async function planSettings(ex: Executor) {
  const [s] = await ex.select().from(maintenanceSettings).limit(1);
  return { noticeDays: s?.noticeDays ?? DEFAULT_NOTICE_DAYS, orderDays: s?.orderDays ?? DEFAULT_ORDER_DAYS, version: s?.version ?? 0 };
}

/** The service manager sets how many days ahead the hospital is told and the work order opens (version 0: never saved). */
export async function updatePlanSettings(db: Db, who: Principal | Actor, input: { version: number; noticeDays: number; orderDays: number }) {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(maintenanceSettings).limit(1).for('update');
    const values = { noticeDays: input.noticeDays, orderDays: input.orderDays };
    if (!cur) {
      if (input.version !== 0) throw new AppError(409, 'version_conflict', { current: 0 }, undefined, { currentVersion: 0 });
      await insertAudited(tx, actorOf(who), 'maintenance_settings', maintenanceSettings, values);
    } else await updateAudited(tx, actorOf(who), 'maintenance_settings', maintenanceSettings, cur.id, input.version, values, cur);
    return planSettings(tx);
  });
}

// ---- generation -----------------------------------------------------------------------------

async function defaultCalendar(ex: Executor): Promise<BusinessCalendar> {
  const [c] = await ex.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1);
  if (!c) throw new AppError(500, 'internal');
  return loadCalendar(ex, c.id);
}

interface Engineer {
  id: string;
  modelIds: string[];
  categories: string[];
}
async function activeEngineers(ex: Executor): Promise<Engineer[]> {
  const rows = await ex
    .select({ id: users.id, modelIds: engineerProfiles.modelIds, categories: engineerProfiles.categories })
    .from(users)
    .leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id))
    .where(and(eq(users.active, true), sql`'engineer' = any(${users.roles})`))
    .orderBy(asc(users.username));
  return rows.map((r) => ({ id: r.id, modelIds: r.modelIds ?? [], categories: r.categories ?? [] }));
}

/** Engineers who can do this model (its model or category in their profile); everyone when nobody has it listed. */
function engineersFor(all: Engineer[], model: { id: string; category: string }): string[] {
  const skilled = all.filter((e) => e.modelIds.includes(model.id) || e.categories.includes(model.category));
  return (skilled.length ? skilled : all).map((e) => e.id);
}

/** Engineers' load per day of a year: their work orders planned that day plus their planned visits. */
async function loadOf(ex: Executor, year: number): Promise<Load> {
  const load: Load = new Map();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const orders = await ex
    .select({ eng: workOrders.leadEngineerId, day: workOrders.plannedDate, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(
      and(
        sql`${workOrders.leadEngineerId} is not null`,
        sql`${workOrders.plannedDate} between ${from}::date and ${to}::date`,
        ne(workOrders.status, 'cancelled'),
        // A visit's own work order is counted once, as the visit.
        sql`not exists (select 1 from maintenance_visits mv where mv.work_order_id = ${workOrders.id})`,
      ),
    )
    .groupBy(workOrders.leadEngineerId, workOrders.plannedDate);
  const visits = await ex
    .select({ eng: maintenanceVisits.engineerId, day: maintenanceVisits.plannedDate, n: sql<number>`count(*)::int` })
    .from(maintenanceVisits)
    .where(
      and(
        sql`${maintenanceVisits.engineerId} is not null`,
        sql`${maintenanceVisits.plannedDate} between ${from}::date and ${to}::date`,
        ne(maintenanceVisits.status, 'cancelled'),
      ),
    )
    .groupBy(maintenanceVisits.engineerId, maintenanceVisits.plannedDate);
  for (const r of [...orders, ...visits]) {
    const k = loadKey(r.eng as string, r.day as string);
    load.set(k, (load.get(k) ?? 0) + Number(r.n));
  }
  return load;
}

export interface GenerateResult {
  contractId: string;
  year: number;
  plans: number;
  created: number;
  kept: number;
  cancelled: number;
  skippedDevices: string[];
}

/**
 * R-PM-1: the contract's plan for `year`, one per device: visits per year from the contract (else
 * the template's interval), spread over the covered part of the year on working days, to the least
 * loaded engineer who can do the model. Run again (the contract changed): visits done, ordered,
 * missed or already past are kept; the rest of the year is planned anew from today.
 */
export async function generatePlan(
  db: Db,
  who: Principal,
  input: { contractId: string; year: number },
  timeZone: string,
  now = clockNow(),
): Promise<GenerateResult> {
  return db.transaction(async (tx) => {
    const actor = actorOf(who);
    const [c] = await tx.select().from(contracts).where(eq(contracts.id, input.contractId)).for('update');
    if (!c) throw notFound();
    const span = coveredSpan(input.year, c.startDate, c.endDate);
    if (!span) throw new AppError(422, 'maintenance_plan_outside_contract', { number: c.number, year: input.year }, [{ field: 'year', code: 'invalid' }]);
    const today = localDate(now, timeZone);
    const units = await tx
      .select({ device: devices, modelCategory: deviceModels.category })
      .from(contractDevices)
      .innerJoin(devices, eq(devices.id, contractDevices.deviceId))
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
      .where(eq(contractDevices.contractId, c.id))
      .orderBy(asc(devices.serialNumber));
    const templates = await tx
      .select({
        id: maintenanceTemplates.id,
        modelId: maintenanceTemplates.modelId,
        category: maintenanceTemplates.category,
        intervalMonths: maintenanceTemplates.intervalMonths,
      })
      .from(maintenanceTemplates);
    const cal = await defaultCalendar(tx);
    const engineers = await activeEngineers(tx);
    const result: GenerateResult = { contractId: c.id, year: input.year, plans: 0, created: 0, kept: 0, cancelled: 0, skippedDevices: [] };

    // First take back what will be planned anew, so the load below counts only what stays.
    const work: { unit: (typeof units)[number]; tpl: ReturnType<typeof templateFor<(typeof templates)[number]>>; perYear: number }[] = [];
    const keptByDevice = new Map<string, Visit[]>();
    for (const unit of units) {
      const tpl = templateFor(templates, { id: unit.device.modelId, category: unit.modelCategory });
      const perYear = visitsPerYearOf(c.visitsPerYear, tpl?.intervalMonths ?? null);
      if (unit.device.status === 'retired' || perYear === 0) {
        result.skippedDevices.push(unit.device.serialNumber);
        continue;
      }
      work.push({ unit, tpl, perYear });
      const [plan] = await tx
        .select()
        .from(maintenancePlans)
        .where(and(eq(maintenancePlans.contractId, c.id), eq(maintenancePlans.deviceId, unit.device.id), eq(maintenancePlans.year, input.year)));
      const kept: Visit[] = [];
      if (plan) {
        const existing = await tx
          .select({ v: maintenanceVisits, woStatus: workOrders.status })
          .from(maintenanceVisits)
          .leftJoin(workOrders, eq(workOrders.id, maintenanceVisits.workOrderId))
          .where(and(eq(maintenanceVisits.planId, plan.id), ne(maintenanceVisits.status, 'cancelled')))
          .for('update', { of: maintenanceVisits });
        for (const { v, woStatus } of existing) {
          const done = woStatus && (DONE_WORK_ORDER_STATUSES as readonly string[]).includes(woStatus);
          if (done || KEPT_STATUSES.includes(v.status) || v.plannedDate < today || v.workOrderId) kept.push(v);
          else {
            await updateAudited(tx, actor, 'maintenance_visit', maintenanceVisits, v.id, v.version, { status: 'cancelled' }, v);
            result.cancelled++;
          }
        }
      }
      keptByDevice.set(unit.device.id, kept);
    }
    if (!work.length && units.length) throw new AppError(422, 'maintenance_plan_no_visits', { number: c.number }, [{ field: 'contractId', code: 'invalid' }]);

    const load = await loadOf(tx, input.year);
    for (const { unit, tpl, perYear } of work) {
      const [existing] = await tx
        .select()
        .from(maintenancePlans)
        .where(and(eq(maintenancePlans.contractId, c.id), eq(maintenancePlans.deviceId, unit.device.id), eq(maintenancePlans.year, input.year)))
        .for('update');
      const values = { templateId: tpl?.id ?? null, visitsPerYear: perYear, generatedAt: now, generatedById: 'displayName' in who ? who.id : null };
      const plan = existing
        ? await updateAudited(tx, actor, 'maintenance_plan', maintenancePlans, existing.id, existing.version, values, existing)
        : await insertAudited(tx, actor, 'maintenance_plan', maintenancePlans, {
            contractId: c.id,
            deviceId: unit.device.id,
            customerId: unit.device.customerId,
            year: input.year,
            ...values,
          });
      const kept = keptByDevice.get(unit.device.id) ?? [];
      const [{ maxSeq }] = await tx
        .select({ maxSeq: sql<number>`coalesce(max(${maintenanceVisits.seq}), 0)::int` })
        .from(maintenanceVisits)
        .where(eq(maintenanceVisits.planId, plan.id));
      const slots = planVisits({
        cal,
        year: input.year,
        contractStart: c.startDate,
        contractEnd: c.endDate,
        perYear,
        from: today > span.from ? today : span.from,
        keptDates: kept.map((k) => k.plannedDate),
        engineers: engineersFor(engineers, { id: unit.device.modelId, category: unit.modelCategory }),
        load,
      });
      let seq = Number(maxSeq);
      for (const s of slots) {
        await insertAudited(tx, actor, 'maintenance_visit', maintenanceVisits, {
          planId: plan.id,
          deviceId: unit.device.id,
          customerId: unit.device.customerId,
          seq: ++seq,
          plannedDate: s.plannedDate,
          engineerId: s.engineerId,
        });
      }
      result.plans++;
      result.created += slots.length;
      result.kept += kept.length;
    }
    return result;
  });
}

// ---- reading -----------------------------------------------------------------------------

export interface VisitQuery {
  q?: string;
  sort?: string;
  page: number;
  pageSize: number;
  year?: number;
  month?: number;
  from?: string;
  to?: string;
  engineerId?: string;
  customerId?: string;
  contractId?: string;
  deviceId?: string;
  status?: VisitStatus;
  overdue?: boolean;
}

const visitColumns = {
  v: maintenanceVisits,
  effectiveStatus: effective,
  contractId: maintenancePlans.contractId,
  contractNumber: contracts.number,
  year: maintenancePlans.year,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  customerName: customers.name,
  engineerName: users.displayName,
  workOrderNumber: workOrders.number,
  workOrderStatus: workOrders.status,
};

// biome-ignore lint/suspicious/noExplicitAny: the selection's shape is the caller's; the joins are the same for every read.
function visitsFrom(q: { from: (t: typeof maintenanceVisits) => any }) {
  return q
    .from(maintenanceVisits)
    .innerJoin(maintenancePlans, eq(maintenancePlans.id, maintenanceVisits.planId))
    .innerJoin(contracts, eq(contracts.id, maintenancePlans.contractId))
    .innerJoin(devices, eq(devices.id, maintenanceVisits.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, maintenanceVisits.customerId))
    .leftJoin(users, eq(users.id, maintenanceVisits.engineerId))
    .leftJoin(workOrders, eq(workOrders.id, maintenanceVisits.workOrderId));
}

function visitWhere(user: Principal, q: Omit<VisitQuery, 'page' | 'pageSize' | 'sort'>, today: string): SQL | undefined {
  const scope = customerScope(user);
  return allOf(
    scope === null ? undefined : eq(maintenanceVisits.customerId, scope),
    q.year ? sql`extract(year from ${maintenanceVisits.plannedDate}) = ${q.year}` : undefined,
    q.month ? sql`extract(month from ${maintenanceVisits.plannedDate}) = ${q.month}` : undefined,
    // A date range (inclusive) — the year plan's week view asks one quarter at a time.
    q.from ? sql`${maintenanceVisits.plannedDate} >= ${q.from}::date` : undefined,
    q.to ? sql`${maintenanceVisits.plannedDate} <= ${q.to}::date` : undefined,
    q.engineerId ? eq(maintenanceVisits.engineerId, q.engineerId) : undefined,
    q.customerId ? eq(maintenanceVisits.customerId, q.customerId) : undefined,
    q.contractId ? eq(maintenancePlans.contractId, q.contractId) : undefined,
    q.deviceId ? eq(maintenanceVisits.deviceId, q.deviceId) : undefined,
    q.status ? sql`${effective} = ${q.status}` : q.overdue ? undefined : ne(maintenanceVisits.status, 'cancelled'),
    q.overdue ? sql`${maintenanceVisits.plannedDate} < ${today}::date and ${effective} not in ('done', 'cancelled', 'missed')` : undefined,
    q.q
      ? sql`(${devices.serialNumber} ilike ${likePattern(q.q)} or ${customers.name} ilike ${likePattern(q.q)} or ${contracts.number} ilike ${likePattern(q.q)})`
      : undefined,
  );
}

type VisitRow = {
  v: Visit;
  effectiveStatus: VisitStatus;
  contractId: string;
  contractNumber: string;
  year: number;
  serialNumber: string;
  modelName: string;
  customerName: string;
  engineerName: string | null;
  workOrderNumber: string | null;
  workOrderStatus: string | null;
};

export function visitView(r: VisitRow, today: string, noticeDays: number) {
  const status = r.effectiveStatus;
  return {
    id: r.v.id,
    version: r.v.version,
    planId: r.v.planId,
    contractId: r.contractId,
    contractNumber: r.contractNumber,
    year: r.year,
    deviceId: r.v.deviceId,
    serialNumber: r.serialNumber,
    modelName: r.modelName,
    customerId: r.v.customerId,
    customerName: r.customerName,
    seq: r.v.seq,
    plannedDate: r.v.plannedDate,
    engineerId: r.v.engineerId,
    engineerName: r.engineerName,
    status,
    flag: visitFlag(status, r.v.plannedDate, today, noticeDays),
    overdue: isOverdue(status, r.v.plannedDate, today),
    noticeSentAt: r.v.noticeSentAt?.toISOString() ?? null,
    customerResponse: r.v.customerResponse as 'confirmed' | 'reschedule' | null,
    respondedAt: r.v.respondedAt?.toISOString() ?? null,
    requestedDate: r.v.requestedDate,
    requestReason: r.v.requestReason,
    workOrderId: r.v.workOrderId,
    workOrderNumber: r.workOrderNumber,
    workOrderStatus: r.workOrderStatus,
  };
}
export type VisitView = ReturnType<typeof visitView>;

const SORTS: Record<string, SQL | typeof maintenanceVisits.plannedDate> = {
  plannedDate: maintenanceVisits.plannedDate,
  customer: sql`${customers.name}`,
  engineer: sql`${users.displayName}`,
  device: sql`${devices.serialNumber}`,
};

export async function listVisits(ex: Executor, user: Principal, q: VisitQuery, timeZone: string, now = clockNow()) {
  const today = localDate(now, timeZone);
  const { noticeDays } = await planSettings(ex);
  const where = visitWhere(user, q, today);
  const key = SORTS[q.sort?.replace(/^-/, '') ?? 'plannedDate'] ?? maintenanceVisits.plannedDate;
  const rows = (await visitsFrom(ex.select(visitColumns))
    .where(where)
    .orderBy(q.sort?.startsWith('-') ? desc(key) : asc(key), asc(maintenanceVisits.plannedDate), asc(maintenanceVisits.id))
    .limit(q.pageSize)
    .offset(offsetOf(q))) as VisitRow[];
  const [{ n }] = (await visitsFrom(ex.select({ n: sql<number>`count(*)::int` })).where(where)) as { n: number }[];
  return { items: rows.map((r) => visitView(r, today, noticeDays)), total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function getVisit(ex: Executor, user: Principal, id: string, timeZone: string, now = clockNow()) {
  const today = localDate(now, timeZone);
  const { noticeDays } = await planSettings(ex);
  const [r] = (await visitsFrom(ex.select(visitColumns)).where(allOf(eq(maintenanceVisits.id, id), visitWhere(user, {}, today)))) as VisitRow[];
  if (!r) throw notFound();
  return visitView(r, today, noticeDays);
}

// ---- moving and answering -----------------------------------------------------------------------------

async function lockVisit(tx: Executor, user: Principal, id: string) {
  const v = await lockById(tx, maintenanceVisits, id);
  const scope = customerScope(user);
  // A hospital user never learns that another hospital's visit exists.
  if (scope !== null && v.customerId !== scope) throw notFound();
  const [wo] = v.workOrderId ? await tx.select({ status: workOrders.status }).from(workOrders).where(eq(workOrders.id, v.workOrderId)) : [];
  const status: VisitStatus = wo && (DONE_WORK_ORDER_STATUSES as readonly string[]).includes(wo.status) ? 'done' : v.status;
  return { v, status };
}

/**
 * The planner moves a visit (drag/drop or the date dialog) and/or gives it to another engineer.
 * A non-working day is refused with a translated 422; a visit with its work order, done or
 * cancelled is 409. A new date is announced anew (the notice is sent again by the sweep).
 */
export async function moveVisit(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; plannedDate?: string; engineerId?: string | null },
  timeZone: string,
  now = clockNow(),
) {
  await db.transaction(async (tx) => {
    const { v, status } = await lockVisit(tx, user, id);
    if (!MOVABLE_STATUSES.includes(status)) throw new AppError(409, 'maintenance_visit_locked', { status });
    const patch: Partial<typeof maintenanceVisits.$inferInsert> = {};
    if (input.plannedDate && input.plannedDate !== v.plannedDate) {
      const cal = await defaultCalendar(tx);
      if (!isWorkingDay(cal, input.plannedDate))
        throw new AppError(422, 'maintenance_visit_not_working_day', { date: input.plannedDate }, [{ field: 'plannedDate', code: 'not_working_day' }]);
      if (input.plannedDate < localDate(now, timeZone)) throw new AppError(422, 'validation_failed', {}, [{ field: 'plannedDate', code: 'not_after_today' }]);
      Object.assign(patch, {
        plannedDate: input.plannedDate,
        status: 'planned',
        noticeSentAt: null,
        customerResponse: null,
        respondedAt: null,
        requestedDate: null,
        requestReason: null,
        overdueFlaggedAt: null,
      });
    }
    if (input.engineerId !== undefined && input.engineerId !== v.engineerId) {
      if (input.engineerId) {
        const [e] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.id, input.engineerId), eq(users.active, true), sql`'engineer' = any(${users.roles})`));
        if (!e) throw new AppError(422, 'validation_failed', {}, [{ field: 'engineerId', code: 'not_engineer' }]);
      }
      patch.engineerId = input.engineerId;
    }
    if (Object.keys(patch).length) await updateAudited(tx, actorOf(user), 'maintenance_visit', maintenanceVisits, v.id, input.version, patch, v);
    else if (v.version !== input.version) throw new AppError(409, 'version_conflict', { current: v.version }, undefined, { currentVersion: v.version });
  });
  return getVisit(db, user, id, timeZone, now);
}

/**
 * The hospital answers the advance notice in the portal (seed 002 事先告知客户): confirms, or asks for
 * another date with a reason — the planners are told and move the visit. Another hospital's visit is 404.
 */
export async function respondToVisit(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; response: 'confirm' | 'reschedule'; requestedDate?: string | null; reason?: string | null },
  timeZone: string,
  now = clockNow(),
) {
  await db.transaction(async (tx) => {
    const { v, status } = await lockVisit(tx, user, id);
    if (!ANSWERABLE_STATUSES.includes(status)) throw new AppError(409, 'maintenance_visit_locked', { status });
    if (input.response === 'confirm') {
      await updateAudited(
        tx,
        actorOf(user),
        'maintenance_visit',
        maintenanceVisits,
        v.id,
        input.version,
        { status: 'confirmed', customerResponse: 'confirmed', respondedAt: now, requestedDate: null, requestReason: null },
        v,
      );
      return;
    }
    const fields = [];
    if (!input.requestedDate) fields.push({ field: 'requestedDate', code: 'required' as const });
    else if (input.requestedDate <= localDate(now, timeZone)) fields.push({ field: 'requestedDate', code: 'not_after_today' as const });
    if (!input.reason?.trim()) fields.push({ field: 'reason', code: 'required' as const });
    if (fields.length) throw new AppError(422, 'validation_failed', {}, fields);
    const requestedDate = input.requestedDate as string;
    const cal = await defaultCalendar(tx);
    if (!isWorkingDay(cal, requestedDate))
      throw new AppError(422, 'maintenance_visit_not_working_day', { date: requestedDate }, [{ field: 'requestedDate', code: 'not_working_day' }]);
    const after = await updateAudited(
      tx,
      actorOf(user),
      'maintenance_visit',
      maintenanceVisits,
      v.id,
      input.version,
      { status: 'reschedule_requested', customerResponse: 'reschedule', respondedAt: now, requestedDate, requestReason: (input.reason as string).trim() },
      v,
    );
    const info = await visitInfo(tx, after.id);
    await notify(
      tx,
      await staffWithRoles(tx, ['service_manager', 'dispatcher'] as Role[]),
      kind('maintenance_reschedule'),
      { customer: info.customerName, device: info.device, date: v.plannedDate, requestedDate, reason: after.requestReason },
      { entity: 'maintenance_visit', id: v.id },
    );
  });
  return getVisit(db, user, id, timeZone, now);
}

async function visitInfo(ex: Executor, id: string) {
  const [r] = await ex
    .select({
      customerName: customers.name,
      serialNumber: devices.serialNumber,
      modelId: deviceModels.id,
      category: deviceModels.category,
      modelName: deviceModels.name,
      engineerName: users.displayName,
      templateId: maintenancePlans.templateId,
      generatedById: maintenancePlans.generatedById,
    })
    .from(maintenanceVisits)
    .innerJoin(maintenancePlans, eq(maintenancePlans.id, maintenanceVisits.planId))
    .innerJoin(devices, eq(devices.id, maintenanceVisits.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, maintenanceVisits.customerId))
    .leftJoin(users, eq(users.id, maintenanceVisits.engineerId))
    .where(eq(maintenanceVisits.id, id));
  const [tpl] = r.templateId ? await ex.select().from(maintenanceTemplates).where(eq(maintenanceTemplates.id, r.templateId)) : [];
  return { ...r, device: `${r.modelName} ${r.serialNumber}`, template: tpl ?? null };
}

// ---- plan vs done -----------------------------------------------------------------------------

/** R-PM-1: plan vs done of a year per month, engineer or customer (cancelled visits are not planned). */
export async function planReport(ex: Executor, user: Principal, q: { year: number; by: ReportBy }, timeZone: string, now = clockNow()) {
  const today = localDate(now, timeZone);
  const rows = (await visitsFrom(
    ex.select({
      plannedDate: maintenanceVisits.plannedDate,
      status: effective,
      engineerId: maintenanceVisits.engineerId,
      engineerName: users.displayName,
      customerId: maintenanceVisits.customerId,
      customerName: customers.name,
    }),
  ).where(visitWhere(user, { year: q.year, status: undefined, overdue: false }, today))) as {
    plannedDate: string;
    status: VisitStatus;
    engineerId: string | null;
    engineerName: string | null;
    customerId: string;
    customerName: string;
  }[];
  const labels = new Map<string, string>();
  const keyed = rows.map((r) => {
    const key = q.by === 'month' ? r.plannedDate.slice(0, 7) : q.by === 'engineer' ? (r.engineerId ?? '') : r.customerId;
    labels.set(key, q.by === 'month' ? key : q.by === 'engineer' ? (r.engineerName ?? '—') : r.customerName);
    return { key, plannedDate: r.plannedDate, status: r.status };
  });
  const tallies = planVsDone(keyed, today).map((t) => ({
    key: t.key,
    label: labels.get(t.key) ?? t.key,
    planned: t.planned,
    done: t.done,
    overdue: t.overdue,
    rate: t.planned ? Math.round((t.done / t.planned) * 1000) / 10 : 0,
  }));
  if (q.by === 'month') {
    // Every month of the year, so the chart has twelve columns.
    const byKey = new Map(tallies.map((t) => [t.key, t]));
    return Array.from({ length: 12 }, (_, i) => {
      const key = `${q.year}-${String(i + 1).padStart(2, '0')}`;
      return byKey.get(key) ?? { key, label: key, planned: 0, done: 0, overdue: 0, rate: 0 };
    });
  }
  return tallies.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

// ---- the sweeps -----------------------------------------------------------------------------

async function hospitalUsersOf(ex: Executor, customerId: string) {
  const rows = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.active, true), sql`'customer_user' = any(${users.roles})`));
  return rows.map((r) => r.id);
}

/**
 * Seed 002 事先告知客户…影响范围和影响时间: `noticeDays` before a visit the hospital's portal users are
 * told what will be done (the template's tasks), on which device and for how long it is out of
 * use. Exactly once: the claim is a conditional update (notice_sent_at is null) in the notice's own
 * transaction, so a re-run or a second worker racing finds nothing left to claim.
 */
export async function sendAdvanceNotices(db: Db, timeZone: string, now = clockNow()) {
  const today = localDate(now, timeZone);
  const { noticeDays } = await planSettings(db);
  const due = await db
    .select({ id: maintenanceVisits.id })
    .from(maintenanceVisits)
    .where(
      and(
        isNull(maintenanceVisits.noticeSentAt),
        inArray(maintenanceVisits.status, ['planned', 'confirmed']),
        sql`${maintenanceVisits.plannedDate} between ${today}::date and ${addDays(today, noticeDays)}::date`,
      ),
    )
    .orderBy(asc(maintenanceVisits.plannedDate))
    .limit(500);
  let sent = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(maintenanceVisits).where(eq(maintenanceVisits.id, id));
      const [claimed] = await tx
        .update(maintenanceVisits)
        .set({
          noticeSentAt: now,
          status: sql`(case when ${maintenanceVisits.status} = 'planned' then 'notified' else ${maintenanceVisits.status} end)::maintenance_visit_status`,
          version: sql`${maintenanceVisits.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(maintenanceVisits.id, id), isNull(maintenanceVisits.noticeSentAt), inArray(maintenanceVisits.status, ['planned', 'confirmed'])))
        .returning();
      if (!claimed) return;
      await recordAudit(tx, { actor: systemActor, entity: 'maintenance_visit', entityId: id, action: 'update', before, after: claimed });
      const info = await visitInfo(tx, id);
      const tasks = info.template?.tasks.map((t) => t.label).join('、') || '常规保养';
      await notify(
        tx,
        await hospitalUsersOf(tx, claimed.customerId),
        kind('maintenance_notice'),
        {
          date: claimed.plannedDate,
          device: info.device,
          engineer: info.engineerName ?? '',
          tasks,
          minutes: info.template?.estimatedMinutes ?? null,
        },
        { entity: 'maintenance_visit', id },
      );
      sent++;
    });
  }
  return sent;
}

/** Who the work order is opened as: the planner who generated the plan, else a service manager. */
async function principalFor(ex: Executor, userId: string | null): Promise<Principal | null> {
  const rows = await ex
    .select()
    .from(users)
    .where(
      userId
        ? and(eq(users.id, userId), eq(users.active, true))
        : and(eq(users.active, true), sql`${users.roles} && array['service_manager', 'admin']::text[]`),
    )
    .orderBy(asc(users.username))
    .limit(1);
  const u = rows[0];
  if (!u) return userId ? principalFor(ex, null) : null;
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], customerId: null, locale: u.locale };
}

/**
 * Issue 13 §1: the new work order goes to the visit's planned engineer, dispatched by `who` (the
 * planner) through the work-order dispatch itself, so every dispatch rule holds (an engineer role,
 * an active account, R-TR-1 qualification for the model; no override here) — plus one of the
 * plan's: an engineer whose dispatch profile is switched off (leave, training) is not given new
 * work. It runs in a savepoint: a refusal rolls back only the dispatch and is returned (the code
 * and its parameters), the work order stays undispatched on the dispatch board.
 */
async function dispatchToPlanned(
  tx: Executor,
  who: Principal,
  wo: { id: string; version: number },
  engineerId: string,
  timeZone: string,
  now: Date,
): Promise<{ refusal: string; params: Record<string, string | number> } | null> {
  const [profile] = await tx.select({ active: engineerProfiles.active }).from(engineerProfiles).where(eq(engineerProfiles.userId, engineerId));
  if (profile && !profile.active) return { refusal: 'maintenance_engineer_unavailable', params: {} };
  try {
    await dispatch(tx, who, wo.id, { version: wo.version, leadEngineerId: engineerId, helperIds: [] }, now, timeZone);
    return null;
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(e.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    return { refusal: e.code, params };
  }
}

/**
 * R-PM-1: each visit becomes a maintenance work order `orderDays` before its day (a visit whose
 * hospital asked another date waits for the planner). Exactly one: the visit row is locked and its
 * work_order_id checked inside the transaction that creates the order, and the link is unique.
 * Issue 13 §1: a visit with a planned engineer has its work order dispatched to them in the same
 * transaction (it is in their 我的工单 for the planned day); a refused dispatch leaves it
 * undispatched and tells the service managers once, with the reason (the visit is linked either
 * way, so a later run never comes back to it).
 */
export async function openDueWorkOrders(db: Db, timeZone: string, now = clockNow()) {
  const today = localDate(now, timeZone);
  const { orderDays } = await planSettings(db);
  const due = await db
    .select({ id: maintenanceVisits.id })
    .from(maintenanceVisits)
    .where(
      and(
        isNull(maintenanceVisits.workOrderId),
        inArray(maintenanceVisits.status, ['planned', 'notified', 'confirmed']),
        sql`${maintenanceVisits.plannedDate} <= ${addDays(today, orderDays)}::date`,
      ),
    )
    .orderBy(asc(maintenanceVisits.plannedDate))
    .limit(200);
  let opened = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [v] = await tx.select().from(maintenanceVisits).where(eq(maintenanceVisits.id, id)).for('update', { skipLocked: true });
      if (!v || v.workOrderId || !['planned', 'notified', 'confirmed'].includes(v.status)) return;
      const info = await visitInfo(tx, id);
      const who = await principalFor(tx, info.generatedById);
      if (!who) return;
      const tasks = info.template?.tasks.map((t) => t.label).join('、');
      const wo = await createWorkOrderOfKind(
        tx,
        who,
        {
          kind: 'maintenance',
          deviceId: v.deviceId,
          description: [
            `预防性保养（第${v.seq}次，计划${v.plannedDate}）：${info.device}`,
            tasks ? `保养项目：${tasks}` : null,
            info.engineerName ? `计划工程师：${info.engineerName}` : null,
          ]
            .filter(Boolean)
            .join('\n'),
          plannedDate: v.plannedDate,
          notifiedAt: now.toISOString(),
        },
        timeZone,
        now,
      );
      await updateAudited(tx, systemActor, 'maintenance_visit', maintenanceVisits, v.id, v.version, { workOrderId: wo.id, status: 'ordered' }, v);
      const refused = v.engineerId ? await dispatchToPlanned(tx, who, wo, v.engineerId, timeZone, now) : null;
      if (refused) {
        await notify(
          tx,
          await staffWithRoles(tx, ['service_manager']),
          kind('maintenance_dispatch_refused'),
          {
            ...refused.params,
            number: wo.number,
            device: info.device,
            customer: info.customerName,
            date: v.plannedDate,
            planned: info.engineerName ?? '',
            refusal: refused.refusal,
          },
          { entity: 'maintenance_visit', id: v.id },
        );
      }
      opened++;
    });
  }
  return opened;
}

/**
 * R-PM-1: overdue visits (planned day passed, not done) are flagged to the service managers once
 * (claimed by overdue_flagged_at); a visit whose work order got resolved is marked done on the way.
 */
export async function flagOverdueVisits(db: Db, timeZone: string, now = clockNow()) {
  const today = localDate(now, timeZone);
  // Done: the work order reached resolved or later.
  const finished = await db
    .select({ v: maintenanceVisits })
    .from(maintenanceVisits)
    .innerJoin(workOrders, eq(workOrders.id, maintenanceVisits.workOrderId))
    .where(and(eq(maintenanceVisits.status, 'ordered'), sql`${workOrders.status} in (${DONE_SQL})`))
    .limit(500);
  for (const { v } of finished) {
    await db.transaction(async (tx) => {
      const cur = await lockById(tx, maintenanceVisits, v.id);
      if (cur.status === 'ordered') await updateAudited(tx, systemActor, 'maintenance_visit', maintenanceVisits, cur.id, cur.version, { status: 'done' }, cur);
    });
  }
  const late = await db
    .select({ id: maintenanceVisits.id })
    .from(maintenanceVisits)
    .leftJoin(workOrders, eq(workOrders.id, maintenanceVisits.workOrderId))
    .where(
      and(
        isNull(maintenanceVisits.overdueFlaggedAt),
        sql`${maintenanceVisits.plannedDate} < ${today}::date`,
        sql`${effective} not in ('done', 'cancelled', 'missed')`,
      ),
    )
    .limit(500);
  let flagged = 0;
  for (const { id } of late) {
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(maintenanceVisits)
        .set({ overdueFlaggedAt: now })
        .where(and(eq(maintenanceVisits.id, id), isNull(maintenanceVisits.overdueFlaggedAt)))
        .returning();
      if (!claimed) return;
      const info = await visitInfo(tx, id);
      await notify(
        tx,
        await staffWithRoles(tx, ['service_manager']),
        kind('maintenance_overdue'),
        { customer: info.customerName, device: info.device, date: claimed.plannedDate },
        { entity: 'maintenance_visit', id },
      );
      flagged++;
    });
  }
  return flagged;
}
