// Traceability (R-REG-5, issue 14 §5; 医疗器械使用质量监督管理办法§23 如实提供有关情况和资料).
//
// The device dossier: the unit and everything that happened to it, for a regulator's inspection —
// one query per section, each on an index keyed by the unit's id (bench/dossier.ts). The typed
// sections (unit, sites over time, contracts, work orders, parts, signatures) are here; the
// event-like ones are the loaders of traceability.sections.ts.
//
// Reverse traceability, "who has it?" in one query each: a part lot or serial → every unit it
// went into (and came out of) with the hospital, date and work order; a model → every unit.
import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import {
  adverseEvents,
  auditLog,
  complaints,
  contractDevices,
  contracts,
  customers,
  departments,
  deviceHolds,
  deviceModels,
  devices,
  eSignatures,
  installations,
  partsLedger,
  serviceRequests,
  sites,
  users,
  workOrderParts,
  workOrderSignatures,
  workOrders,
} from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { allOf, likePattern, offsetOf } from '../../lib/records.ts';
import { manifestationLine } from '../signatures/index.ts';
import { placementsFrom } from './traceability.rules.ts';
import { DOSSIER_SECTIONS, type DossierEntry } from './traceability.sections.ts';

export type { DossierEntry } from './traceability.sections.ts';

// ---- the dossier ---------------------------------------------------------------------------------

async function unitOf(ex: Executor, user: Principal, deviceId: string) {
  const scope = customerScope(user);
  const [u] = await ex
    .select({
      id: devices.id,
      serialNumber: devices.serialNumber,
      udi: devices.udi,
      modelId: devices.modelId,
      modelCode: deviceModels.code,
      modelName: deviceModels.name,
      manufacturer: deviceModels.manufacturer,
      regulatoryClass: deviceModels.regulatoryClass,
      implantable: deviceModels.implantable,
      softwareVersion: devices.softwareVersion,
      status: devices.status,
      customerId: devices.customerId,
      customerName: customers.name,
      siteName: sites.name,
      departmentName: departments.name,
      location: devices.location,
      installDate: devices.installDate,
      acceptanceDate: devices.acceptanceDate,
      warrantyEnd: devices.warrantyEnd,
    })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(sites, eq(sites.id, devices.siteId))
    .leftJoin(departments, eq(departments.id, devices.departmentId))
    .where(allOf(eq(devices.id, deviceId), scope === null ? undefined : eq(devices.customerId, scope)));
  if (!u) throw notFound();
  return u;
}
export type DossierUnit = Awaited<ReturnType<typeof unitOf>>;

/** Sites over time: the device record's audited states where hospital, site, department or location changed. */
async function placementsOf(ex: Executor, deviceId: string) {
  const rows = await ex
    .select({ at: auditLog.at, actorName: auditLog.actorName, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'device'),
        eq(auditLog.entityId, deviceId),
        sql`(${auditLog.action} = 'create' or (${auditLog.after}->>'customerId') is distinct from (${auditLog.before}->>'customerId')
          or (${auditLog.after}->>'siteId') is distinct from (${auditLog.before}->>'siteId')
          or (${auditLog.after}->>'departmentId') is distinct from (${auditLog.before}->>'departmentId')
          or (${auditLog.after}->>'location') is distinct from (${auditLog.before}->>'location'))`,
        sql`${auditLog.after} is not null`,
      ),
    )
    .orderBy(asc(auditLog.seq));
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const periods = placementsFrom(
    rows.map((r) => {
      const a = (r.after ?? {}) as Record<string, unknown>;
      return {
        at: r.at,
        actorName: r.actorName,
        customerId: str(a.customerId),
        siteId: str(a.siteId),
        departmentId: str(a.departmentId),
        location: str(a.location),
      };
    }),
  );
  const ids = [...new Set(periods.flatMap((p) => [p.customerId, p.siteId, p.departmentId]).filter((x): x is string => x !== null))];
  const names = new Map<string, string>();
  if (ids.length) {
    const found = await ex.execute<{ id: string; name: string }>(
      sql`select id::text, name from customers where id = any(${sql.param(ids)}::uuid[])
          union all select id::text, name from sites where id = any(${sql.param(ids)}::uuid[])
          union all select id::text, name from departments where id = any(${sql.param(ids)}::uuid[])`,
    );
    for (const r of found.rows) names.set(r.id, r.name);
  }
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return periods.map((p) => ({
    from: p.from,
    to: p.to,
    customerName: nameOf(p.customerId),
    siteName: nameOf(p.siteId),
    departmentName: nameOf(p.departmentId),
    location: p.location,
    actorName: p.actorName,
  }));
}

async function contractsOf(ex: Executor, deviceId: string, scope: string | null) {
  return ex
    .select({
      id: contracts.id,
      number: contracts.number,
      kind: contracts.kind,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
      slaPolicy: contracts.slaPolicy,
      visitsPerYear: contracts.visitsPerYear,
    })
    .from(contractDevices)
    .innerJoin(contracts, eq(contracts.id, contractDevices.contractId))
    .where(allOf(eq(contractDevices.deviceId, deviceId), scope ? eq(contracts.customerId, scope) : undefined))
    .orderBy(desc(contracts.startDate));
}

const engineer = alias(users, 'dossier_engineer');
async function workOrdersOf(ex: Executor, deviceId: string, scope: string | null) {
  return ex
    .select({
      id: workOrders.id,
      number: workOrders.number,
      kind: workOrders.kind,
      status: workOrders.status,
      createdAt: workOrders.createdAt,
      resolvedAt: workOrders.resolvedAt,
      closedAt: workOrders.closedAt,
      cancelledAt: workOrders.cancelledAt,
      engineerName: engineer.displayName,
      fault: serviceRequests.faultDescription,
      cause: workOrders.cause,
      actions: workOrders.actions,
      testResults: workOrders.testResults,
    })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .leftJoin(engineer, eq(engineer.id, workOrders.leadEngineerId))
    .where(allOf(eq(workOrders.deviceId, deviceId), scope ? eq(workOrders.customerId, scope) : undefined))
    .orderBy(desc(workOrders.createdAt));
}

/** Parts fitted and removed on the unit's work orders, with the lot drawn from stock (parts ledger). */
async function partsOf(ex: Executor, deviceId: string, scope: string | null) {
  return ex
    .select({
      id: workOrderParts.id,
      at: sql<Date>`coalesce(${workOrders.resolvedAt}, ${workOrderParts.createdAt})`.mapWith(workOrderParts.createdAt),
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      partNo: workOrderParts.partNo,
      name: workOrderParts.name,
      quantity: workOrderParts.quantity,
      lot: partsLedger.lot,
      installedSerial: workOrderParts.installedSerial,
      removedSerial: workOrderParts.removedSerial,
      source: workOrderParts.source,
    })
    .from(workOrderParts)
    .innerJoin(workOrders, eq(workOrders.id, workOrderParts.workOrderId))
    .leftJoin(partsLedger, eq(partsLedger.id, workOrderParts.ledgerEntryId))
    .where(allOf(eq(workOrders.deviceId, deviceId), scope ? eq(workOrders.customerId, scope) : undefined))
    .orderBy(desc(workOrders.createdAt), asc(workOrderParts.createdAt));
}

/**
 * Signatures on the unit's records (R-AU-1): e-signatures (hold release, acceptance, review, and
 * whatever other records of the unit are signed) and the hospital's signatures on its work orders.
 */
async function signaturesOfUnit(ex: Executor, deviceId: string, scope: string | null) {
  const mine = (table: SQL) => sql`select id from ${table} where device_id = ${deviceId}${scope ? sql` and customer_id = ${scope}` : sql``}`;
  const e = await ex
    .select({
      id: eSignatures.id,
      entity: eSignatures.entity,
      entityId: eSignatures.entityId,
      meaningText: eSignatures.meaningText,
      signerName: eSignatures.signerName,
      signedAt: eSignatures.signedAt,
      contentHash: eSignatures.contentHash,
    })
    .from(eSignatures)
    .where(
      or(
        and(eq(eSignatures.entity, 'device_hold'), sql`${eSignatures.entityId} in (${mine(sql`${deviceHolds}`)})`),
        and(eq(eSignatures.entity, 'work_order'), sql`${eSignatures.entityId} in (${mine(sql`${workOrders}`)})`),
        and(eq(eSignatures.entity, 'installation'), sql`${eSignatures.entityId} in (${mine(sql`${installations}`)})`),
        and(eq(eSignatures.entity, 'complaint'), sql`${eSignatures.entityId} in (${mine(sql`${complaints}`)})`),
        // Adverse-event reports are signed (R-AU-1) but never shown to hospital users.
        scope ? undefined : and(eq(eSignatures.entity, 'adverse_event'), sql`${eSignatures.entityId} in (${mine(sql`${adverseEvents}`)})`),
      ),
    );
  const c = await ex
    .select({
      id: workOrderSignatures.id,
      entityId: workOrderSignatures.workOrderId,
      number: workOrders.number,
      meaningText: workOrderSignatures.meaning,
      signerName: workOrderSignatures.signerName,
      signedAt: workOrderSignatures.signedAt,
      contentHash: workOrderSignatures.contentHash,
    })
    .from(workOrderSignatures)
    .innerJoin(workOrders, eq(workOrders.id, workOrderSignatures.workOrderId))
    .where(allOf(eq(workOrders.deviceId, deviceId), scope ? eq(workOrders.customerId, scope) : undefined));
  return [...e.map((s) => ({ ...s, number: null as string | null })), ...c.map((s) => ({ ...s, entity: 'work_order' }))]
    .map((s) => ({ ...s, manifestation: manifestationLine(s) }))
    .sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime());
}

export interface DossierSectionData {
  key: string;
  titleZh: string;
  titleEn: string;
  entries: DossierEntry[];
}

/** Everything about one unit. A hospital user reads only their own units (another's → 404). */
export async function dossierOf(ex: Executor, user: Principal, deviceId: string) {
  const scope = customerScope(user);
  const unit = await unitOf(ex, user, deviceId);
  const sections = DOSSIER_SECTIONS.filter((s) => !(scope && s.staffOnly));
  const [placements, contractRows, orders, parts, signatures, ...loaded] = await Promise.all([
    placementsOf(ex, deviceId),
    contractsOf(ex, deviceId, scope),
    workOrdersOf(ex, deviceId, scope),
    partsOf(ex, deviceId, scope),
    signaturesOfUnit(ex, deviceId, scope),
    ...sections.map((s) => s.load(ex, deviceId, scope)),
  ]);
  const events: DossierSectionData[] = sections.map((s, i) => ({
    key: s.key,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    entries: (loaded[i] as DossierEntry[]).sort((a, b) => b.at.getTime() - a.at.getTime()),
  }));
  return { unit, placements: scope ? [] : placements, contracts: contractRows, workOrders: orders, parts, signatures, sections: events };
}
export type Dossier = Awaited<ReturnType<typeof dossierOf>>;

// ---- reverse: part lot or serial → units -----------------------------------------------------------

export interface PartTraceQuery {
  lot?: string;
  serial?: string;
  partCode?: string;
}

/**
 * "Who has it?": every work-order part line whose lot (from stock, parts ledger) or serial matches,
 * with the unit, its hospital and the work order. Fitted = the lot/serial went in; removed = it
 * came out of the unit. Case-insensitive exact match, each branch on its own index.
 */
export async function unitsWithPart(ex: Executor, q: PartTraceQuery, limit: number) {
  // Exactly one of lot and serial. Checked here, after the route's authorization, not as a schema
  // refinement: a refusal by the schema would answer before the gate (and hide who may search).
  if ((q.lot === undefined) === (q.serial === undefined)) {
    throw new AppError(400, 'validation_failed', {}, [{ field: 'querystring.lot', code: 'lot_or_serial' }]);
  }
  const code = (q.lot ?? q.serial ?? '').trim().toLowerCase();
  const byLot = q.lot !== undefined;
  const matching = byLot
    ? sql`select l.id from work_order_parts l join parts_ledger e on e.id = l.ledger_entry_id where lower(e.lot) = ${code} and e.lot <> ''
          union select l.id from work_order_parts l where lower(l.installed_serial) = ${code}`
    : sql`select l.id from work_order_parts l where lower(l.installed_serial) = ${code}
          union select l.id from work_order_parts l where lower(l.removed_serial) = ${code}`;
  const rows = await ex
    .select({
      lineId: workOrderParts.id,
      at: sql<Date>`coalesce(${workOrders.resolvedAt}, ${workOrderParts.createdAt})`.mapWith(workOrderParts.createdAt),
      partNo: workOrderParts.partNo,
      partName: workOrderParts.name,
      quantity: workOrderParts.quantity,
      lot: partsLedger.lot,
      installedSerial: workOrderParts.installedSerial,
      removedSerial: workOrderParts.removedSerial,
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      workOrderStatus: workOrders.status,
      deviceId: devices.id,
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      deviceStatus: devices.status,
      customerId: customers.id,
      customerName: customers.name,
    })
    .from(workOrderParts)
    .innerJoin(workOrders, eq(workOrders.id, workOrderParts.workOrderId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(partsLedger, eq(partsLedger.id, workOrderParts.ledgerEntryId))
    .where(
      allOf(
        sql`${workOrderParts.id} in (${matching})`,
        q.partCode?.trim() ? sql`lower(${workOrderParts.partNo}) = ${q.partCode.trim().toLowerCase()}` : undefined,
      ),
    )
    .orderBy(asc(customers.name), asc(devices.serialNumber), desc(workOrders.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    direction: (!byLot && (r.removedSerial ?? '').toLowerCase() === code && (r.installedSerial ?? '').toLowerCase() !== code ? 'removed' : 'fitted') as
      | 'fitted'
      | 'removed',
  }));
}
export type PartTraceRow = Awaited<ReturnType<typeof unitsWithPart>>[number];

// ---- reverse: model → units ------------------------------------------------------------------------

export interface ModelTraceQuery {
  modelId: string;
  q?: string;
  softwareVersion?: string;
  status?: 'in_service' | 'down' | 'safety_hold' | 'retired';
  sort?: string;
}

function modelWhere(f: ModelTraceQuery): SQL | undefined {
  const text = f.q?.trim();
  return allOf(
    eq(devices.modelId, f.modelId),
    f.softwareVersion?.trim() ? eq(devices.softwareVersion, f.softwareVersion.trim()) : undefined,
    f.status ? eq(devices.status, f.status) : undefined,
    text ? sql`(${devices.serialNumber} ilike ${likePattern(text)} or ${customers.name} ilike ${likePattern(text)})` : undefined,
  );
}

const modelColumns = {
  deviceId: devices.id,
  serialNumber: devices.serialNumber,
  softwareVersion: devices.softwareVersion,
  status: devices.status,
  customerId: customers.id,
  customerName: customers.name,
  siteName: sites.name,
  location: devices.location,
  acceptanceDate: devices.acceptanceDate,
  modelName: deviceModels.name,
};
const modelJoined = (ex: Executor) =>
  ex
    .select(modelColumns)
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(sites, eq(sites.id, devices.siteId));

const modelOrder = (sort: string | undefined): SQL[] => {
  const key = sort?.replace(/^-/, '');
  const dir = sort?.startsWith('-') ? sql`desc` : sql`asc`;
  const col = key === 'serialNumber' ? devices.serialNumber : key === 'softwareVersion' ? devices.softwareVersion : customers.name;
  return [sql`${col} ${dir} nulls last`, asc(devices.serialNumber), asc(devices.id)];
};

export async function unitsOfModel(ex: Executor, f: ModelTraceQuery, page: number, pageSize: number) {
  const where = modelWhere(f);
  const rows = await modelJoined(ex)
    .where(where)
    .orderBy(...modelOrder(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(devices).innerJoin(customers, eq(customers.id, devices.customerId)).where(where);
  return { rows, total: Number(n) };
}

export async function exportUnitsOfModel(ex: Executor, f: ModelTraceQuery, limit: number) {
  return modelJoined(ex)
    .where(modelWhere(f))
    .orderBy(...modelOrder(f.sort))
    .limit(limit);
}
export type ModelTraceRow = Awaited<ReturnType<typeof exportUnitsOfModel>>[number];
