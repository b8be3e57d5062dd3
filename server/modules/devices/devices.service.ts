// Installed devices (设备档案): the registry of units, their coverage today and the one-screen
// history of a unit (R-REG-5). Coverage is derived on read from the unit's contracts.
import { and, desc, eq, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import {
  calls,
  consultations,
  contractDevices,
  contracts,
  customers,
  departments,
  deviceHolds,
  installations,
  serviceRequests,
  sites,
  trainingSessions,
  users,
  workOrderEvents,
  workOrders,
} from '../../db/schema.ts';
import { POLICIES } from '../../http/abilities.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { auditLog } from '../../lib/audit.tables.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import {
  allOf,
  deleteAudited,
  inOrderOf,
  insertAudited,
  likePattern,
  lockById,
  offsetOf,
  orderFrom,
  pageAndTotal,
  searchCondition,
  serialReads,
  updateAudited,
} from '../../lib/records.ts';
import { type CoverageContract, coverageAt } from '../contracts/index.ts';
import { assertBelongsToCustomer } from '../customers/index.ts';
import { loansOfDevice } from '../requests/index.ts';
import { customerInUnit } from '../units/index.ts';
import type { createDeviceBody, deviceListQuery, updateDeviceBody } from './devices.dto.ts';
import { decideWarranty, derivedWarrantyEnd, type WarrantyChange, type WarrantyState } from './devices.rules.ts';
import { deviceModels, devices } from './devices.tables.ts';

/** The unit's open safety hold (停用, issue 14 §1, R-REG-1), read from the holds module's table by name. */
type HoldJson = { id: string; since: string; reason: string } | string | null;
const holdColumn = sql<HoldJson>`(select json_build_object('id', h.id, 'since', h.placed_at, 'reason', h.reason)
  from device_holds h where h.device_id = ${devices.id} and h.closed_at is null)`;
const holdOf = (raw: HoldJson) => {
  const h = typeof raw === 'string' ? (JSON.parse(raw) as Exclude<HoldJson, string>) : raw;
  return h ? { id: h.id, since: new Date(h.since).toISOString(), reason: h.reason } : null;
};

const listColumns = {
  device: devices,
  hold: holdColumn,
  modelCode: deviceModels.code,
  modelName: deviceModels.name,
  category: deviceModels.category,
  criticality: deviceModels.criticality,
  customerName: customers.name,
  departmentName: departments.name,
  siteName: sites.name,
  regionClass: sites.regionClass,
};

function joined(ex: Executor) {
  return ex
    .select(listColumns)
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(departments, eq(departments.id, devices.departmentId))
    .leftJoin(sites, eq(sites.id, devices.siteId));
}
type JoinedRow = Awaited<ReturnType<typeof joined>>[number];

/** A device's contracts for its coverage, as a column of its row (a list page's rows and contracts in one statement). */
const contractsColumn = sql<CoverageContract[]>`(select coalesce(json_agg(json_build_object('id', c.id, 'number', c.number, 'kind', c.kind,
  'startDate', c.start_date, 'endDate', c.end_date)), '[]'::json)
  from contract_devices cd join contracts c on c.id = cd.contract_id where cd.device_id = ${devices.id})`;

function joinedWithContracts(ex: Executor) {
  return ex
    .select({ ...listColumns, contracts: contractsColumn })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(departments, eq(departments.id, devices.departmentId))
    .leftJoin(sites, eq(sites.id, devices.siteId));
}

/** Contracts of each device, fetched once for a whole page. */
async function contractsOf(ex: Executor, deviceIds: string[]): Promise<Map<string, CoverageContract[]>> {
  const map = new Map<string, CoverageContract[]>();
  if (deviceIds.length === 0) return map;
  const rows = await ex
    .select({
      deviceId: contractDevices.deviceId,
      id: contracts.id,
      number: contracts.number,
      kind: contracts.kind,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
    })
    .from(contractDevices)
    .innerJoin(contracts, eq(contracts.id, contractDevices.contractId))
    .where(inArray(contractDevices.deviceId, deviceIds));
  for (const { deviceId, ...c } of rows) map.set(deviceId, [...(map.get(deviceId) ?? []), c]);
  return map;
}

function view(r: JoinedRow, contractList: CoverageContract[], now: Date, timeZone: string) {
  const { device, hold, ...names } = r;
  return { ...plain(device), ...names, hold: holdOf(hold), coverage: coverageAt(device, contractList, now, timeZone) };
}

export function scopeCondition(user: Principal): SQL | undefined {
  const c = customerScope(user);
  return c === null ? undefined : eq(devices.customerId, c);
}

export async function listDevices(db: Db, user: Principal, q: z.infer<typeof deviceListQuery>, timeZone: string) {
  return serialReads(db, (tx) => listIn(tx, user, q, timeZone));
}

async function listIn(db: Executor, user: Principal, q: z.infer<typeof deviceListQuery>, timeZone: string) {
  const text = q.q?.trim();
  const pattern = text ? likePattern(text) : undefined;
  // Filters over devices alone (the search a union of trigram-index lookups, resolved once), so
  // a page is chosen from one table's index and joined for its rows only.
  const where = allOf(
    scopeCondition(user),
    pattern
      ? await searchCondition(
          db,
          devices.id,
          sql`select d.id from devices d where d.serial_number ilike ${pattern} or d.udi ilike ${pattern} or d.location ilike ${pattern}
            union all select d.id from devices d join customers cu on cu.id = d.customer_id where cu.name ilike ${pattern}
            union all select d.id from devices d join device_models m on m.id = d.model_id where m.name ilike ${pattern} or m.code ilike ${pattern}`,
        )
      : undefined,
    q.customerId ? eq(devices.customerId, q.customerId) : undefined,
    q.unitId ? customerInUnit(devices.customerId, q.unitId) : undefined,
    q.modelId ? eq(devices.modelId, q.modelId) : undefined,
    q.status ? eq(devices.status, q.status) : undefined,
    q.category ? sql`${devices.modelId} in (select m.id from device_models m where m.category = ${q.category})` : undefined,
    q.criticality ? sql`${devices.modelId} in (select m.id from device_models m where m.criticality = ${q.criticality})` : undefined,
    q.regionClass ? sql`${devices.siteId} in (select s.id from sites s where s.region_class = ${q.regionClass})` : undefined,
    q.warrantyEndBefore ? lte(devices.warrantyEnd, q.warrantyEndBefore) : undefined,
  );
  const order = orderFrom(
    q.sort,
    {
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      customerName: customers.name,
      installDate: devices.installDate,
      acceptanceDate: devices.acceptanceDate,
      warrantyEnd: devices.warrantyEnd,
      status: devices.status,
      updatedAt: devices.updatedAt,
    },
    '-updatedAt',
    devices.id,
  );
  // Sorting by the model's or customer's name needs their join; every other sort is one table's.
  const byJoined = /^-?(modelName|customerName)$/.test(q.sort ?? '');
  const pageQuery = byJoined
    ? db
        .select({ id: devices.id })
        .from(devices)
        .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
        .innerJoin(customers, eq(customers.id, devices.customerId))
    : db.select({ id: devices.id }).from(devices);
  const { ids, ...count } = await pageAndTotal(
    db,
    pageQuery
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ id: devices.id }).from(devices).where(where),
  );
  const rows = ids.length ? inOrderOf(ids, await joinedWithContracts(db).where(inArray(devices.id, ids)), (r) => r.device.id) : [];
  const now = new Date();
  return {
    items: rows.map(({ contracts: list, ...r }) => view(r, typeof list === 'string' ? JSON.parse(list) : list, now, timeZone)),
    ...count,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadJoined(ex: Executor, user: Principal, id: string) {
  const [row] = await joined(ex).where(allOf(eq(devices.id, id), scopeCondition(user)));
  if (!row) throw notFound();
  return row;
}

export async function getDevice(db: Db, user: Principal, id: string, timeZone: string, at = new Date()) {
  const row = await loadJoined(db, user, id);
  const cmap = await contractsOf(db, [id]);
  return view(row, cmap.get(id) ?? [], at, timeZone);
}

export async function getDeviceDetail(db: Db, user: Principal, id: string, timeZone: string) {
  const device = await getDevice(db, user, id, timeZone);
  const [model] = await db.select().from(deviceModels).where(eq(deviceModels.id, device.modelId));
  const contractRows = await db
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
    .where(eq(contractDevices.deviceId, id))
    .orderBy(desc(contracts.endDate));
  // The record's own history from the audit trail; later modules add requests and work orders here.
  const history = await db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      action: auditLog.action,
      actorName: auditLog.actorName,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'device'), eq(auditLog.entityId, id)))
    .orderBy(desc(auditLog.seq))
    .limit(200);
  // Requests and work-order steps of the unit (issue 3); the device page reads one timeline.
  const requests = await db
    .select({
      id: serviceRequests.id,
      number: serviceRequests.number,
      at: serviceRequests.receivedAt,
      fault: serviceRequests.faultDescription,
      reporter: serviceRequests.reporterName,
      woKind: workOrders.kind,
    })
    .from(serviceRequests)
    .leftJoin(workOrders, eq(workOrders.requestId, serviceRequests.id))
    .where(eq(serviceRequests.deviceId, id))
    .orderBy(desc(serviceRequests.receivedAt))
    .limit(100);
  const steps = await db
    .select({
      woId: workOrders.id,
      number: workOrders.number,
      woKind: workOrders.kind,
      to: workOrderEvents.toStatus,
      at: workOrderEvents.at,
      actorName: workOrderEvents.actorName,
    })
    .from(workOrderEvents)
    .innerJoin(workOrders, eq(workOrders.id, workOrderEvents.workOrderId))
    .where(eq(workOrders.deviceId, id))
    .orderBy(desc(workOrderEvents.at))
    .limit(300);
  const orders = await db
    .select({ id: workOrders.id, number: workOrders.number, at: workOrders.createdAt, woKind: workOrders.kind })
    .from(workOrders)
    .where(eq(workOrders.deviceId, id))
    .orderBy(desc(workOrders.createdAt))
    .limit(100);
  const loanRows = await loansOfDevice(db, id);
  // Down periods (issue 10 item 3): from a request reporting the unit down to the resolution of
  // its repair, or to its cancellation.
  const downs = await db
    .select({
      id: serviceRequests.id,
      number: serviceRequests.number,
      from: serviceRequests.receivedAt,
      to: sql<Date | null>`coalesce(${workOrders.resolvedAt}, ${workOrders.cancelledAt})`.mapWith(workOrders.resolvedAt),
      status: serviceRequests.status,
    })
    .from(serviceRequests)
    .leftJoin(workOrders, eq(workOrders.requestId, serviceRequests.id))
    .where(and(eq(serviceRequests.deviceId, id), eq(serviceRequests.deviceDown, true)))
    .orderBy(desc(serviceRequests.receivedAt))
    .limit(100);
  const timeline = [
    ...history.map((h) => ({ at: h.at.toISOString(), kind: `device.${h.action}`, title: h.action, actorName: h.actorName, ref: String(h.seq) })),
    ...requests.map((r) => ({
      at: r.at.toISOString(),
      kind: 'request.received',
      title: `${r.number} ${r.fault.slice(0, 120)}`,
      actorName: r.reporter,
      ref: r.id,
      ...(r.woKind ? { workOrderKind: r.woKind } : {}),
    })),
    ...orders.map((o) => ({ at: o.at.toISOString(), kind: 'workorder.opened', title: o.number, actorName: null, ref: o.id, workOrderKind: o.woKind })),
    ...steps.map((e) => ({ at: e.at.toISOString(), kind: `workorder.${e.to}`, title: e.number, actorName: e.actorName, ref: e.woId, workOrderKind: e.woKind })),
    // R-SLA-3: on a loaner unit, where it went; on a served unit, which loaner stood in for it.
    ...loanRows.flatMap((l) => {
      const title =
        l.loanerDeviceId === id ? `${l.requestNumber} → ${l.customerName} ${l.servedSerial}` : `${l.requestNumber} ${l.loanerModel} ${l.loanerSerial}`;
      return [
        { at: l.lentAt, kind: 'loan.lent', title, actorName: l.lentByName, ref: l.id },
        ...(l.returnedAt
          ? [{ at: l.returnedAt, kind: 'loan.returned', title: `${title} · ${l.returnCondition ?? ''}`, actorName: l.returnedByName, ref: l.id }]
          : []),
      ];
    }),
    ...downs
      .filter((p) => p.status !== 'cancelled' || p.to)
      .map((p) => ({ at: p.from.toISOString(), kind: 'device.down', title: p.number, actorName: null, ref: p.id, until: p.to?.toISOString() ?? null })),
    ...(device.acceptanceDate
      ? [{ at: `${device.acceptanceDate}T00:00:00.000Z`, kind: 'device.accepted', title: device.acceptanceDate, actorName: null, ref: null }]
      : []),
    ...(device.installDate
      ? [{ at: `${device.installDate}T00:00:00.000Z`, kind: 'device.installed', title: device.installDate, actorName: null, ref: null }]
      : []),
    ...(await contactEvents(db, user, device)),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return { device, model: plain(model), contracts: contractRows, timeline };
}

type DeviceValues = Partial<typeof devices.$inferInsert>;

/**
 * Cross-field rules of a device record, checked inside the write transaction. The warranty end
 * is derived from the acceptance date and the model's term unless overridden with a reason
 * (issue 10 item 2, devices.rules.ts). `importReason`: a differing end from an import file is
 * kept as an override with this reason instead of being refused.
 */
async function prepare(tx: Executor, next: DeviceValues, current: WarrantyState | null, change: WarrantyChange, importReason?: string): Promise<DeviceValues> {
  await assertBelongsToCustomer(tx, next.customerId, { departmentId: next.departmentId, siteId: next.siteId });
  if (next.installDate && next.acceptanceDate && next.acceptanceDate < next.installDate) {
    throw new AppError(422, 'date_order', { later: 'acceptanceDate', earlier: 'installDate' }, [{ field: 'acceptanceDate', code: 'invalid' }]);
  }
  const [model] = next.modelId ? await tx.select({ months: deviceModels.warrantyMonths }).from(deviceModels).where(eq(deviceModels.id, next.modelId)) : [];
  const derived = derivedWarrantyEnd(next.acceptanceDate, model?.months);
  const differs = change.warrantyEnd !== undefined && change.warrantyEnd !== null && change.warrantyEnd !== derived;
  const effective = importReason && differs && !change.warrantyOverride ? { ...change, warrantyOverride: { reason: importReason } } : change;
  const w = decideWarranty(derived, current, effective);
  if (!w.ok) throw invalidField(w.field, w.code);
  const out = { ...next, ...w.state };
  if (out.acceptanceDate && out.warrantyEnd && out.warrantyEnd < out.acceptanceDate) {
    throw new AppError(422, 'date_order', { later: 'warrantyEnd', earlier: 'acceptanceDate' }, [{ field: 'warrantyEnd', code: 'invalid' }]);
  }
  return out;
}

export async function createDevice(db: Db, actor: Actor, input: z.infer<typeof createDeviceBody>) {
  return db.transaction((tx) => createDeviceIn(tx, actor, input));
}

/** Used by the importer too: the same rules inside the caller's transaction. */
export async function createDeviceIn(tx: Executor, actor: Actor, input: z.infer<typeof createDeviceBody>, importReason?: string) {
  const { warrantyOverride, ...values } = input;
  const change = { warrantyEnd: values.warrantyEnd ?? undefined, warrantyOverride };
  return insertAudited(tx, actor, 'device', devices, (await prepare(tx, values, null, change, importReason)) as typeof devices.$inferInsert);
}

export async function updateDevice(db: Db, actor: Actor, id: string, input: z.infer<typeof updateDeviceBody>) {
  return db.transaction((tx) => updateDeviceIn(tx, actor, id, input));
}

/** The same update inside the caller's transaction (installation acceptance sets the acceptance date, issue 12 item 2). */
export async function updateDeviceIn(tx: Executor, actor: Actor, id: string, input: z.infer<typeof updateDeviceBody>) {
  const { version, warrantyOverride, ...patch } = input;
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as DeviceValues;
  const current = await lockById(tx, devices, id);
  // R-REG-1: while a safety hold is open the status is the hold's (release or retire), not an edit's.
  if (clean.status !== undefined && clean.status !== current.status) {
    const [open] = await tx
      .select({ id: deviceHolds.id })
      .from(deviceHolds)
      .where(and(eq(deviceHolds.deviceId, id), isNull(deviceHolds.closedAt)));
    if (open) throw invalidField('status', 'status_set_by_hold');
  }
  const next = await prepare(tx, { ...current, ...clean }, current, { warrantyEnd: patch.warrantyEnd, warrantyOverride });
  // The derived fields are written (and audited, before and after) with whatever else changed.
  const keys = Object.keys({ ...clean, warrantyEnd: null, warrantyEndOverride: null, warrantyOverrideReason: null });
  const changed = Object.fromEntries(keys.map((k) => [k, next[k as keyof DeviceValues]]));
  return updateAudited(tx, actor, 'device', devices, id, version, changed, current);
}

/**
 * A model's warranty term changed: every accepted, non-overridden unit of the model gets its
 * warranty end derived again, each an audited update in the model's transaction (issue 10 item 2).
 * Overridden units keep their recorded date. Returns how many units changed.
 */
export async function rederiveWarrantyOfModel(tx: Executor, actor: Actor, modelId: string): Promise<number> {
  const [model] = await tx.select({ months: deviceModels.warrantyMonths }).from(deviceModels).where(eq(deviceModels.id, modelId));
  if (!model) return 0;
  const units = await tx
    .select()
    .from(devices)
    .where(and(eq(devices.modelId, modelId), eq(devices.warrantyEndOverride, false), isNotNull(devices.acceptanceDate)))
    .orderBy(devices.id)
    .for('update');
  let n = 0;
  for (const d of units) {
    const end = derivedWarrantyEnd(d.acceptanceDate, model.months);
    if (end === d.warrantyEnd) continue;
    await updateAudited(tx, actor, 'device', devices, d.id, d.version, { warrantyEnd: end }, d);
    n++;
  }
  return n;
}

export async function deleteDevice(db: Db, actor: Actor, id: string, version: number) {
  await db.transaction((tx) => deleteAudited(tx, actor, 'device', devices, id, version));
}

const creator = alias(users, 'installation_creator');
type TimelineEntry = { at: string; kind: string; title: string; actorName: string | null; ref: string | null };
const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

/**
 * Issue 12 items 1 and 5: every kind of contact with the unit on its timeline, in the entry shape
 * the timeline already uses — calls logged against it (call.inbound / call.outbound: staff only,
 * calls.policy gives hospital users no call log), consultations about it (consultation.asked /
 * .answered), its installation's milestones (installation.notice / site_checked / commissioned /
 * accepted / handed_over / cancelled) and the customer training for it (training.session). A
 * training session counts for the unit when it names the unit, or names no unit and is on the
 * unit's model at the unit's hospital (a session for "the hospital's ST-5020s"). Each source is
 * read only by callers its module lets read it; the unit itself is already in the caller's scope
 * (getDevice), and a hospital's rows are filtered to its own hospital besides.
 */
async function contactEvents(ex: Executor, user: Principal, device: { id: string; customerId: string; modelId: string }): Promise<TimelineEntry[]> {
  const scope = customerScope(user);
  const out: TimelineEntry[] = [];
  if (can(user, POLICIES.calls, 'read')) {
    const rows = await ex
      .select({ id: calls.id, at: calls.startedAt, direction: calls.direction, topic: calls.topic, by: users.displayName })
      .from(calls)
      .leftJoin(users, eq(users.id, calls.handledById))
      .where(allOf(eq(calls.deviceId, device.id), scope === null ? undefined : eq(calls.customerId, scope)))
      .orderBy(desc(calls.startedAt))
      .limit(100);
    for (const c of rows) out.push({ at: c.at.toISOString(), kind: `call.${c.direction}`, title: clip(c.topic), actorName: c.by, ref: c.id });
  }
  if (can(user, POLICIES.consultations, 'read')) {
    const rows = await ex
      .select({
        id: consultations.id,
        number: consultations.number,
        question: consultations.question,
        askedAt: consultations.askedAt,
        asker: consultations.askerName,
        answeredAt: consultations.answeredAt,
        answeredBy: users.displayName,
      })
      .from(consultations)
      .leftJoin(users, eq(users.id, consultations.answeredById))
      .where(allOf(eq(consultations.deviceId, device.id), scope === null ? undefined : eq(consultations.customerId, scope)))
      .orderBy(desc(consultations.askedAt))
      .limit(100);
    for (const c of rows) {
      const title = clip(`${c.number} ${c.question}`);
      out.push({ at: c.askedAt.toISOString(), kind: 'consultation.asked', title, actorName: c.asker, ref: c.id });
      if (c.answeredAt) out.push({ at: c.answeredAt.toISOString(), kind: 'consultation.answered', title, actorName: c.answeredBy, ref: c.id });
    }
  }
  if (can(user, POLICIES.installations, 'read')) {
    const rows = await ex
      .select({ i: installations, engineer: users.displayName, creator: creator.displayName })
      .from(installations)
      .leftJoin(users, eq(users.id, installations.engineerId))
      .leftJoin(creator, eq(creator.id, installations.createdById))
      .where(allOf(eq(installations.deviceId, device.id), scope === null ? undefined : eq(installations.customerId, scope)))
      .orderBy(desc(installations.createdAt))
      .limit(20);
    for (const { i, engineer, creator: notifiedBy } of rows) {
      const at = (kind: string, when: Date | null, actorName: string | null) => {
        if (when) out.push({ at: when.toISOString(), kind: `installation.${kind}`, title: i.number, actorName, ref: i.id });
      };
      at('notice', i.createdAt, notifiedBy);
      at('site_checked', i.siteCheckedAt, engineer);
      at('commissioned', i.commissionedAt, engineer);
      at('accepted', i.acceptedAt, null);
      at('handed_over', i.handedOverAt, null);
      at('cancelled', i.cancelledAt, null);
    }
  }
  if (can(user, POLICIES.training, 'read')) {
    const rows = await ex
      .select({ id: trainingSessions.id, title: trainingSessions.title, heldOn: trainingSessions.heldOn, trainer: users.displayName })
      .from(trainingSessions)
      .leftJoin(users, eq(users.id, trainingSessions.trainerId))
      .where(
        and(
          eq(trainingSessions.customerId, device.customerId),
          sql`(${device.id}::uuid = any(${trainingSessions.deviceIds}) or (cardinality(${trainingSessions.deviceIds}) = 0 and ${trainingSessions.modelId} = ${device.modelId}))`,
        ),
      )
      .orderBy(desc(trainingSessions.heldOn))
      .limit(50);
    for (const r of rows) out.push({ at: `${r.heldOn}T00:00:00.000Z`, kind: 'training.session', title: clip(r.title), actorName: r.trainer, ref: r.id });
  }
  return out;
}
