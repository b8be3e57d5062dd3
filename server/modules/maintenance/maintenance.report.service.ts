// 月度巡检报告 data loading (issue 13 §1; seed 002): everything the monthly inspection report of one
// customer (optionally one device) shows, read in a few queries — the systems under maintenance,
// the year-plan visits of the month, each maintenance record of the month with its tasks, readings,
// findings and signature, and six months of readings per check for the trends. Read-only; a
// hospital user reaches only its own organisation's report (404 otherwise, R-SEC).
import { and, asc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import {
  contractDevices,
  contracts,
  customers,
  departments,
  deviceModels,
  devices,
  instruments,
  serviceRequests,
  users,
  workOrderSignatures,
  workOrders,
} from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { COMPANY_NAME } from '../../lib/pdf.ts';
import { allOf } from '../../lib/records.ts';
import { localDate } from '../contracts/index.ts';
import { DONE_WORK_ORDER_STATUSES, isOverdue, type VisitStatus } from './maintenance.plans.rules.ts';
import { maintenanceVisits } from './maintenance.plans.tables.ts';
import { onSiteMinutes } from './maintenance.records.rules.ts';
import {
  type MonthlyReportData,
  monthBounds,
  type ReportDevice,
  type ReportPlannedVisit,
  type ReportVisit,
  summarise,
  type TrendSeries,
} from './maintenance.report.rules.ts';
import { maintenanceFindings, maintenanceReadings, maintenanceRecords } from './maintenance.tables.ts';

const DONE_SQL = sql.raw(DONE_WORK_ORDER_STATUSES.map((s) => `'${s}'`).join(', '));
const OPEN_REQUEST = ['open', 'dispatched', 'in_progress'];

export interface MonthlyReportQuery {
  customerId: string;
  month: string;
  deviceId?: string;
}

export async function loadMonthlyReport(
  ex: Executor,
  user: Principal,
  q: MonthlyReportQuery,
  timeZone: string,
  now = clockNow(),
): Promise<MonthlyReportData & { customerCode: string }> {
  const scope = customerScope(user);
  // A hospital user never learns that another hospital (or its report) exists.
  if (scope !== null && scope !== q.customerId) throw notFound();
  const [c] = await ex.select({ id: customers.id, name: customers.name, code: customers.code }).from(customers).where(eq(customers.id, q.customerId));
  if (!c) throw notFound();
  const { from, to, trendFrom } = monthBounds(q.month);
  const today = localDate(now, timeZone);
  if (from > today) throw new AppError(422, 'maintenance_report_future_month', { month: q.month });
  const deviceFilter = (col: AnyPgColumn) => (q.deviceId ? eq(col, q.deviceId) : undefined);

  // The visits of the month: maintenance records whose on-site day (else the work order's arrival, else the opening) falls in it.
  const day = sql<string>`to_char((coalesce(${maintenanceRecords.arrivedAt}, ${workOrders.arrivedAt}, ${maintenanceRecords.createdAt}) at time zone ${timeZone})::date, 'YYYY-MM-DD')`;
  const records = await ex
    .select({ r: maintenanceRecords, day, woNumber: workOrders.number, woStatus: workOrders.status, engineerName: users.displayName })
    .from(maintenanceRecords)
    .innerJoin(workOrders, eq(workOrders.id, maintenanceRecords.workOrderId))
    .leftJoin(users, eq(users.id, workOrders.leadEngineerId))
    .where(allOf(eq(workOrders.customerId, c.id), deviceFilter(maintenanceRecords.deviceId), sql`${day} between ${from} and ${to}`))
    .orderBy(asc(day), asc(workOrders.number));
  const recordIds = records.map((x) => x.r.id);
  const woIds = records.map((x) => x.r.workOrderId);

  const readings = recordIds.length
    ? await ex
        .select({ x: maintenanceReadings, instrumentCode: instruments.code, instrumentName: instruments.name })
        .from(maintenanceReadings)
        .leftJoin(instruments, eq(instruments.id, maintenanceReadings.instrumentId))
        .where(inArray(maintenanceReadings.recordId, recordIds))
        .orderBy(asc(maintenanceReadings.takenAt))
    : [];
  const findings = recordIds.length
    ? await ex
        .select({ f: maintenanceFindings, requestNumber: serviceRequests.number, requestStatus: serviceRequests.status })
        .from(maintenanceFindings)
        .leftJoin(serviceRequests, eq(serviceRequests.id, maintenanceFindings.requestId))
        .where(inArray(maintenanceFindings.recordId, recordIds))
        .orderBy(asc(maintenanceFindings.createdAt))
    : [];
  const signatures = woIds.length
    ? await ex
        .select({ workOrderId: workOrderSignatures.workOrderId, signerName: workOrderSignatures.signerName, signedAt: workOrderSignatures.signedAt })
        .from(workOrderSignatures)
        .where(inArray(workOrderSignatures.workOrderId, woIds))
        .orderBy(asc(workOrderSignatures.signedAt))
    : [];
  const signerOf = new Map<string, string>();
  for (const s of signatures) if (!signerOf.has(s.workOrderId)) signerOf.set(s.workOrderId, s.signerName);

  const visits = new Map<string, ReportVisit[]>();
  for (const x of records) {
    const r = x.r;
    const v: ReportVisit = {
      workOrderId: r.workOrderId,
      workOrderNumber: x.woNumber,
      workOrderStatus: x.woStatus,
      date: x.day,
      engineerName: x.engineerName,
      arrivedAt: r.arrivedAt?.toISOString() ?? null,
      departedAt: r.departedAt?.toISOString() ?? null,
      onSiteMinutes: onSiteMinutes(r.arrivedAt, r.departedAt),
      tasks: r.tasks.map((t) => ({ key: t.key, label: t.label, done: r.taskResults[t.key]?.done ?? null, note: r.taskResults[t.key]?.note ?? null })),
      readings: readings
        .filter((y) => y.x.recordId === r.id)
        .map(({ x: y, instrumentCode, instrumentName }) => ({
          checkKey: y.checkKey,
          label: y.label,
          value: y.value,
          numericValue: y.numericValue,
          unit: y.unit,
          min: y.min,
          max: y.max,
          expected: y.expected,
          status: y.status,
          outOfRange: y.outOfRange,
          instrumentCode,
          instrumentName,
        })),
      findings: findings
        .filter((y) => y.f.recordId === r.id)
        .map((y) => ({
          description: y.f.description,
          fixedOnSpot: y.f.fixedOnSpot,
          requestNumber: y.requestNumber,
          open: !y.f.fixedOnSpot && y.requestStatus !== null && OPEN_REQUEST.includes(y.requestStatus),
        })),
      signerName: signerOf.get(r.workOrderId) ?? null,
      contentVersion: r.contentVersion,
    };
    visits.set(r.deviceId, [...(visits.get(r.deviceId) ?? []), v]);
  }

  // The systems under maintenance that month: covered by a contract overlapping the month.
  const covered = await ex
    .selectDistinct({ deviceId: contractDevices.deviceId })
    .from(contractDevices)
    .innerJoin(contracts, eq(contracts.id, contractDevices.contractId))
    .where(allOf(eq(contracts.customerId, c.id), lte(contracts.startDate, to), gte(contracts.endDate, from), deviceFilter(contractDevices.deviceId)));
  const coveredIds = new Set(covered.map((x) => x.deviceId));

  // The year-plan visits planned in the month (cancelled ones are not plans any more).
  const planned = await ex
    .select({
      v: maintenanceVisits,
      serialNumber: devices.serialNumber,
      engineerName: users.displayName,
      workOrderNumber: workOrders.number,
      status: sql<VisitStatus>`(case when ${workOrders.status} in (${DONE_SQL}) then 'done' else ${maintenanceVisits.status}::text end)`,
    })
    .from(maintenanceVisits)
    .innerJoin(devices, eq(devices.id, maintenanceVisits.deviceId))
    .leftJoin(users, eq(users.id, maintenanceVisits.engineerId))
    .leftJoin(workOrders, eq(workOrders.id, maintenanceVisits.workOrderId))
    .where(
      allOf(
        eq(maintenanceVisits.customerId, c.id),
        deviceFilter(maintenanceVisits.deviceId),
        gte(maintenanceVisits.plannedDate, from),
        lte(maintenanceVisits.plannedDate, to),
        ne(maintenanceVisits.status, 'cancelled'),
      ),
    )
    .orderBy(asc(maintenanceVisits.plannedDate), asc(devices.serialNumber));
  const plannedVisits: ReportPlannedVisit[] = planned.map((p) => ({
    visitId: p.v.id,
    deviceId: p.v.deviceId,
    serialNumber: p.serialNumber,
    plannedDate: p.v.plannedDate,
    engineerName: p.engineerName,
    status: p.status,
    overdue: isOverdue(p.status, p.v.plannedDate, today),
    workOrderNumber: p.workOrderNumber,
  }));

  const ids = [...new Set([...coveredIds, ...visits.keys(), ...plannedVisits.map((p) => p.deviceId)])];
  const devRows = ids.length
    ? await ex
        .select({
          id: devices.id,
          serialNumber: devices.serialNumber,
          modelName: deviceModels.name,
          departmentName: departments.name,
          location: devices.location,
        })
        .from(devices)
        .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
        .leftJoin(departments, eq(departments.id, devices.departmentId))
        .where(and(inArray(devices.id, ids), eq(devices.customerId, c.id)))
        .orderBy(asc(deviceModels.name), asc(devices.serialNumber))
    : [];

  // Six months of readings per device and check (the trend, R-PM-1).
  const takenDay = sql<string>`to_char((${maintenanceReadings.takenAt} at time zone ${timeZone})::date, 'YYYY-MM-DD')`;
  const history = devRows.length
    ? await ex
        .select({ x: maintenanceReadings, day: takenDay })
        .from(maintenanceReadings)
        .where(
          and(
            inArray(
              maintenanceReadings.deviceId,
              devRows.map((d) => d.id),
            ),
            sql`${takenDay} between ${trendFrom} and ${to}`,
          ),
        )
        .orderBy(asc(maintenanceReadings.checkKey), asc(maintenanceReadings.takenAt))
    : [];

  const deviceList: ReportDevice[] = devRows.map((d) => {
    const series = new Map<string, TrendSeries>();
    for (const { x, day: dd } of history.filter((h) => h.x.deviceId === d.id)) {
      const s = series.get(x.checkKey) ?? { checkKey: x.checkKey, label: x.label, unit: x.unit, min: x.min, max: x.max, points: [] };
      // The latest range and label win (a template edit shows the current bounds).
      Object.assign(s, { label: x.label, unit: x.unit, min: x.min, max: x.max });
      s.points.push({ date: dd, value: x.value, numericValue: x.numericValue, outOfRange: x.outOfRange });
      series.set(x.checkKey, s);
    }
    return {
      deviceId: d.id,
      serialNumber: d.serialNumber,
      modelName: d.modelName,
      departmentName: d.departmentName,
      location: d.location,
      underContract: coveredIds.has(d.id),
      visits: visits.get(d.id) ?? [],
      trends: [...series.values()],
    };
  });

  return {
    companyName: COMPANY_NAME,
    customerId: c.id,
    customerName: c.name,
    customerCode: c.code,
    month: q.month,
    generatedAt: now.toISOString(),
    devices: deviceList,
    plannedVisits,
  };
}

/** The summary endpoint's shape: the report data with its counted summary. */
export async function monthlySummary(ex: Executor, user: Principal, q: MonthlyReportQuery, timeZone: string, now = clockNow()) {
  const data = await loadMonthlyReport(ex, user, q, timeZone, now);
  const { customerCode: _code, ...rest } = data;
  return { ...rest, summary: summarise(data) };
}
