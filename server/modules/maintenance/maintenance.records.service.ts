// Maintenance visit records (issue 13 §1 recording, §2; R-PM-1, R-PM-2): what happens ON a
// maintenance work order — from a year plan or created directly. The engineer opens the record
// (the device's template copied), marks arrival and departure, marks every task, takes every
// reading with a calibrated instrument (issue 13 §5), records findings (one not fixed on the spot
// opens its repair request in the same transaction) and takes photos (attachments of the work
// order, owner part 'maintenance:photo'). The work order's step machine holds it to the evidence
// (workorders.evidence.ts). Every write is one transaction, audited; a hospital user reaches only
// its own organisation's records (404 otherwise), through the work order's own access.
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { attachments, customers, deviceModels, devices, instruments, serviceRequests, users, workOrderSignatures, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { allOf, insertAudited, updateAudited } from '../../lib/records.ts';
import { assertInstrumentUsable } from '../instruments/index.ts';
import { registerRequest } from '../requests/index.ts';
import {
  assertEditable,
  evidenceMissing,
  FROZEN,
  loadFor,
  MAINTENANCE_PHOTO_PART,
  photosInWindow,
  visitEvidenceOf,
  type WorkOrder,
} from '../workorders/index.ts';
import { type EvidenceException, evidenceExceptions, onSiteMinutes, type VisitFacts } from './maintenance.records.rules.ts';
import { readingStatus, templateFor } from './maintenance.rules.ts';
import { maintenanceFindings, maintenanceReadings, maintenanceRecords, maintenanceTemplates } from './maintenance.tables.ts';

export type MaintenanceRecord = typeof maintenanceRecords.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
/** A time the caller says something happened may not lie ahead of the server's clock (a minute of skew). */
const SKEW_MS = 60_000;

function assertMaintenance(wo: WorkOrder) {
  if (wo.kind !== 'maintenance') throw new AppError(422, 'maintenance_not_maintenance', { number: wo.number });
}

async function recordOfOrder(ex: Executor, workOrderId: string, lock = false) {
  const q = ex.select().from(maintenanceRecords).where(eq(maintenanceRecords.workOrderId, workOrderId));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

/** The work order reached for a change: in scope, of kind maintenance, editable by this caller (not signed). */
async function editableOrder(tx: Executor, user: Principal, workOrderId: string) {
  const wo = await loadFor(tx, user, workOrderId, true);
  assertMaintenance(wo);
  await assertEditable(tx, user, wo);
  return wo;
}

async function requireRecord(tx: Executor, workOrderId: string) {
  const r = await recordOfOrder(tx, workOrderId, true);
  if (!r) throw new AppError(409, 'maintenance_record_missing');
  return r;
}

function assertVersion(r: MaintenanceRecord, version: number) {
  if (r.version !== version) throw new AppError(409, 'version_conflict', { current: r.version }, undefined, { currentVersion: r.version });
}

function notAhead(at: Date, now: Date, field: string) {
  if (at.getTime() > now.getTime() + SKEW_MS) throw new AppError(422, 'validation_failed', {}, [{ field, code: 'invalid' }]);
}

// ---- commands --------------------------------------------------------------------------------

/**
 * Opens the record of a maintenance work order: the device's template (its model's, else its
 * category's — templateFor) is copied into it. Opening again returns the same record.
 */
export async function openRecord(db: Db, user: Principal, workOrderId: string) {
  return db.transaction(async (tx) => {
    const wo = await editableOrder(tx, user, workOrderId);
    const existing = await recordOfOrder(tx, wo.id, true);
    if (existing) return existing;
    const [model] = await tx
      .select({ id: deviceModels.id, category: deviceModels.category })
      .from(devices)
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
      .where(eq(devices.id, wo.deviceId));
    const candidates = model
      ? await tx
          .select()
          .from(maintenanceTemplates)
          .where(sql`${maintenanceTemplates.modelId} = ${model.id} or ${maintenanceTemplates.category} = ${model.category}`)
      : [];
    const t = model ? templateFor(candidates, model) : null;
    return insertAudited(tx, actorOf(user), 'maintenance_record', maintenanceRecords, {
      workOrderId: wo.id,
      deviceId: wo.deviceId,
      templateId: t?.id ?? null,
      templateName: t?.name ?? null,
      minOnSiteMinutes: t?.minOnSiteMinutes ?? 0,
      photosRequired: t?.photosRequired ?? 0,
      tasks: t?.tasks ?? [],
      checks: t?.checks ?? [],
      taskResults: {},
      openedBy: user.id,
    });
  });
}

/** Arrival or departure on site (R-PM-2: the on-site window); departure not before arrival. */
export async function markPresence(
  db: Db,
  user: Principal,
  workOrderId: string,
  which: 'arrival' | 'departure',
  input: { version: number; at?: string | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    await editableOrder(tx, user, workOrderId);
    const r = await requireRecord(tx, workOrderId);
    assertVersion(r, input.version);
    const at = input.at ? new Date(input.at) : now;
    notAhead(at, now, 'at');
    if (which === 'departure') {
      if (!r.arrivedAt) throw new AppError(409, 'maintenance_not_arrived');
      if (at < r.arrivedAt) throw new AppError(422, 'validation_failed', {}, [{ field: 'at', code: 'departure_before_arrival' }]);
    } else if (r.departedAt && at > r.departedAt) {
      throw new AppError(422, 'validation_failed', {}, [{ field: 'at', code: 'departure_before_arrival' }]);
    }
    const patch = which === 'arrival' ? { arrivedAt: at } : { departedAt: at };
    return updateAudited(tx, actorOf(user), 'maintenance_record', maintenanceRecords, r.id, r.version, patch, r);
  });
}

/** A task done or not done; not done needs a note saying why (R-PM-1). */
export async function setTask(db: Db, user: Principal, workOrderId: string, key: string, input: { version: number; done: boolean; note?: string | null }) {
  return db.transaction(async (tx) => {
    await editableOrder(tx, user, workOrderId);
    const r = await requireRecord(tx, workOrderId);
    assertVersion(r, input.version);
    if (!r.tasks.some((t) => t.key === key)) throw new AppError(422, 'maintenance_unknown_task', {}, [{ field: 'taskKey', code: 'invalid' }]);
    const note = input.note?.trim() || null;
    if (!input.done && !note) throw new AppError(422, 'validation_failed', {}, [{ field: 'note', code: 'note_required_not_done' }]);
    const taskResults = { ...r.taskResults, [key]: { done: input.done, note } };
    return updateAudited(tx, actorOf(user), 'maintenance_record', maintenanceRecords, r.id, r.version, { taskResults }, r);
  });
}

/**
 * A reading of a check (R-PM-1): the value against the check's range (out of range flagged), and
 * the instrument that took it — required, and usable on the day it was taken (issue 13 §5: an
 * instrument out of calibration cannot be recorded; a translated 422). Taking it again replaces it.
 */
export async function recordReading(
  db: Db,
  user: Principal,
  workOrderId: string,
  input: { checkKey: string; value: string; instrumentId: string; takenAt?: string | null },
  timeZone: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await editableOrder(tx, user, workOrderId);
    const r = await requireRecord(tx, workOrderId);
    const check = r.checks.find((c) => c.key === input.checkKey);
    if (!check) throw new AppError(422, 'maintenance_unknown_check', {}, [{ field: 'checkKey', code: 'invalid' }]);
    const takenAt = input.takenAt ? new Date(input.takenAt) : now;
    notAhead(takenAt, now, 'takenAt');
    await assertInstrumentUsable(tx, input.instrumentId, takenAt, timeZone);
    const status = readingStatus(check, input.value);
    const n = Number(input.value.trim());
    const values = {
      recordId: r.id,
      workOrderId: wo.id,
      deviceId: r.deviceId,
      checkKey: check.key,
      label: check.label,
      unit: check.unit,
      min: check.min,
      max: check.max,
      expected: check.expected,
      value: input.value.trim(),
      numericValue: input.value.trim() !== '' && Number.isFinite(n) ? n : null,
      status,
      outOfRange: status === 'low' || status === 'high',
      instrumentId: input.instrumentId,
      takenAt,
      takenBy: user.id,
    };
    const [before] = await tx
      .select()
      .from(maintenanceReadings)
      .where(and(eq(maintenanceReadings.recordId, r.id), eq(maintenanceReadings.checkKey, check.key)))
      .for('update');
    if (before) return updateAudited(tx, actorOf(user), 'maintenance_reading', maintenanceReadings, before.id, before.version, values, before);
    return insertAudited(tx, actorOf(user), 'maintenance_reading', maintenanceReadings, values);
  });
}

/**
 * A finding of the visit (R-PM-1). Not fixed on the spot, it becomes a repair request of the same
 * device, registered in the same transaction (so a finding never exists without its request), and
 * the finding names it.
 */
export async function addFinding(
  db: Db,
  user: Principal,
  workOrderId: string,
  input: { description: string; fixedOnSpot: boolean },
  timeZone: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await editableOrder(tx, user, workOrderId);
    const r = await requireRecord(tx, workOrderId);
    let requestId: string | null = null;
    if (!input.fixedOnSpot) {
      const [me] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, user.id));
      // The nested transaction is a savepoint of this one: the request and the finding commit together.
      const registered = await registerRequest(
        tx as unknown as Db,
        user,
        {
          deviceId: wo.deviceId,
          faultDescription: `保养/巡检发现（${wo.number}）：${input.description}`,
          deviceDown: false,
          channel: 'onsite',
          reporterName: user.displayName,
          reporterPhone: me?.phone || '-',
          urgencyReason: null,
          internal: false,
        },
        timeZone,
        now,
      );
      requestId = registered.requestId;
    }
    return insertAudited(tx, actorOf(user), 'maintenance_finding', maintenanceFindings, {
      recordId: r.id,
      workOrderId: wo.id,
      deviceId: r.deviceId,
      description: input.description,
      fixedOnSpot: input.fixedOnSpot,
      requestId,
      createdBy: user.id,
    });
  });
}

// ---- reads -----------------------------------------------------------------------------------

const readingCols = {
  r: maintenanceReadings,
  instrumentCode: instruments.code,
  instrumentName: instruments.name,
  workOrderNumber: workOrders.number,
  serialNumber: devices.serialNumber,
};
const readingView = (x: {
  r: typeof maintenanceReadings.$inferSelect;
  instrumentCode: string;
  instrumentName: string;
  workOrderNumber: string;
  serialNumber: string;
}) => ({
  id: x.r.id,
  workOrderId: x.r.workOrderId,
  workOrderNumber: x.workOrderNumber,
  deviceId: x.r.deviceId,
  serialNumber: x.serialNumber,
  checkKey: x.r.checkKey,
  label: x.r.label,
  unit: x.r.unit,
  min: x.r.min,
  max: x.r.max,
  expected: x.r.expected,
  value: x.r.value,
  numericValue: x.r.numericValue,
  status: x.r.status,
  outOfRange: x.r.outOfRange,
  instrumentId: x.r.instrumentId,
  instrumentCode: x.instrumentCode,
  instrumentName: x.instrumentName,
  takenAt: x.r.takenAt.toISOString(),
});
const readingsQuery = (ex: Executor, where: SQL | undefined) =>
  ex
    .select(readingCols)
    .from(maintenanceReadings)
    .innerJoin(instruments, eq(instruments.id, maintenanceReadings.instrumentId))
    .innerJoin(workOrders, eq(workOrders.id, maintenanceReadings.workOrderId))
    .innerJoin(devices, eq(devices.id, maintenanceReadings.deviceId))
    .where(where);

/**
 * The record of a maintenance work order as the visit screen shows it: the record (null before it
 * is opened), readings, findings, photos with their capture time and whether it falls in the
 * on-site window, the minutes on site and what evidence is still missing (R-PM-2).
 */
export async function getRecord(ex: Executor, user: Principal, workOrderId: string) {
  const wo = await loadFor(ex, user, workOrderId);
  assertMaintenance(wo);
  const r = await recordOfOrder(ex, wo.id);
  const readings = r ? await readingsQuery(ex, eq(maintenanceReadings.recordId, r.id)).orderBy(asc(maintenanceReadings.takenAt)) : [];
  const findings = r
    ? await ex
        .select({ f: maintenanceFindings, requestNumber: serviceRequests.number })
        .from(maintenanceFindings)
        .leftJoin(serviceRequests, eq(serviceRequests.id, maintenanceFindings.requestId))
        .where(eq(maintenanceFindings.recordId, r.id))
        .orderBy(asc(maintenanceFindings.createdAt))
    : [];
  const photos = await ex
    .select({
      id: attachments.id,
      sha256: attachments.sha256,
      takenAt: attachments.takenAt,
      uploadedAt: attachments.uploadedAt,
      fileName: attachments.fileName,
    })
    .from(attachments)
    .where(
      and(
        eq(attachments.ownerKind, 'work_order'),
        eq(attachments.ownerId, wo.id),
        eq(attachments.ownerPart, MAINTENANCE_PHOTO_PART),
        eq(attachments.status, 'active'),
      ),
    )
    .orderBy(asc(attachments.uploadedAt));
  const evidence = await visitEvidenceOf(ex, wo.id);
  const signed = FROZEN.has(wo.status);
  return {
    workOrderId: wo.id,
    workOrderNumber: wo.number,
    workOrderStatus: wo.status,
    record: r
      ? {
          id: r.id,
          version: r.version,
          deviceId: r.deviceId,
          templateId: r.templateId,
          templateName: r.templateName,
          minOnSiteMinutes: r.minOnSiteMinutes,
          photosRequired: r.photosRequired,
          tasks: r.tasks.map((t) => ({ ...t, done: r.taskResults[t.key]?.done ?? null, note: r.taskResults[t.key]?.note ?? null })),
          checks: r.checks,
          arrivedAt: r.arrivedAt?.toISOString() ?? null,
          departedAt: r.departedAt?.toISOString() ?? null,
          onSiteMinutes: onSiteMinutes(r.arrivedAt, r.departedAt),
          contentVersion: r.contentVersion,
        }
      : null,
    readings: readings.map(readingView),
    findings: findings.map(({ f, requestNumber }) => ({
      id: f.id,
      description: f.description,
      fixedOnSpot: f.fixedOnSpot,
      requestId: f.requestId,
      requestNumber,
      createdAt: f.createdAt.toISOString(),
    })),
    photos: photos.map((p) => {
      const capturedAt = p.takenAt ?? p.uploadedAt;
      return {
        id: p.id,
        sha256: p.sha256,
        fileName: p.fileName,
        capturedAt: capturedAt.toISOString(),
        fromExif: p.takenAt != null,
        inWindow: photosInWindow([capturedAt], r?.arrivedAt ?? null, r?.departedAt ?? null) === 1,
      };
    }),
    missing: evidenceMissing(evidence, signed ? 'signed' : 'visit'),
  };
}

/** Readings of a device per check over time (the trend chart, R-PM-1); a hospital user sees only its own devices. */
export async function readingsOfDevice(ex: Executor, user: Principal, deviceId: string, q: { checkKey?: string }) {
  const [d] = await ex.select({ customerId: devices.customerId }).from(devices).where(eq(devices.id, deviceId));
  const scope = customerScope(user);
  if (!d || (scope !== null && d.customerId !== scope)) throw notFound();
  const rows = await readingsQuery(
    ex,
    allOf(eq(maintenanceReadings.deviceId, deviceId), q.checkKey ? eq(maintenanceReadings.checkKey, q.checkKey) : undefined),
  ).orderBy(asc(maintenanceReadings.checkKey), asc(maintenanceReadings.takenAt));
  return { items: rows.map(readingView) };
}

/** Issue 13 §5: the readings (and so the devices) an instrument took — what a recalled instrument may have affected. */
export async function readingsByInstrument(ex: Executor, instrumentId: string, q: { from?: string; to?: string }) {
  const [i] = await ex.select({ id: instruments.id }).from(instruments).where(eq(instruments.id, instrumentId));
  if (!i) throw notFound();
  const rows = await readingsQuery(
    ex,
    allOf(
      eq(maintenanceReadings.instrumentId, instrumentId),
      q.from ? gte(maintenanceReadings.takenAt, new Date(`${q.from}T00:00:00+08:00`)) : undefined,
      q.to ? lte(maintenanceReadings.takenAt, new Date(`${q.to}T23:59:59.999+08:00`)) : undefined,
    ),
  ).orderBy(desc(maintenanceReadings.takenAt));
  const devicesAffected = [...new Map(rows.map((x) => [x.r.deviceId, { deviceId: x.r.deviceId, serialNumber: x.serialNumber }])).values()];
  return { items: rows.map(readingView), devices: devicesAffected };
}

/**
 * 巡检证据异常 (R-PM-2): the suspicious patterns over the visits with an arrival in the period
 * (default the last 180 days) — identical readings, short visits, photos reused, signatures outside
 * the on-site window — one row per visit and pattern, newest visit first.
 */
export async function evidenceExceptionList(ex: Executor, q: { from?: string; to?: string; kind?: string }, now = new Date()) {
  const from = q.from ? new Date(`${q.from}T00:00:00+08:00`) : new Date(now.getTime() - 180 * 86_400_000);
  const to = q.to ? new Date(`${q.to}T23:59:59.999+08:00`) : now;
  const records = await ex
    .select({
      r: maintenanceRecords,
      number: workOrders.number,
      engineerId: workOrders.leadEngineerId,
      engineerName: users.displayName,
      serialNumber: devices.serialNumber,
      customerName: customers.name,
    })
    .from(maintenanceRecords)
    .innerJoin(workOrders, eq(workOrders.id, maintenanceRecords.workOrderId))
    .innerJoin(devices, eq(devices.id, maintenanceRecords.deviceId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(users, eq(users.id, workOrders.leadEngineerId))
    .where(and(isNotNull(maintenanceRecords.arrivedAt), gte(maintenanceRecords.arrivedAt, from), lte(maintenanceRecords.arrivedAt, to)));
  if (!records.length) return { items: [] };
  const ids = records.map((x) => x.r.id);
  const woIds = records.map((x) => x.r.workOrderId);
  const readings = await ex
    .select({ recordId: maintenanceReadings.recordId, key: maintenanceReadings.checkKey, value: maintenanceReadings.value })
    .from(maintenanceReadings)
    .where(inArray(maintenanceReadings.recordId, ids));
  // Photos are compared against every visit photo on file, not only the period's (a photo reused from last year).
  const photos = await ex
    .select({ ownerId: attachments.ownerId, sha256: attachments.sha256 })
    .from(attachments)
    .where(and(eq(attachments.ownerKind, 'work_order'), eq(attachments.ownerPart, MAINTENANCE_PHOTO_PART), eq(attachments.status, 'active')));
  const signatures = await ex
    .select({ workOrderId: workOrderSignatures.workOrderId, signedAt: sql<Date>`min(${workOrderSignatures.signedAt})`.mapWith((v) => new Date(v)) })
    .from(workOrderSignatures)
    .where(inArray(workOrderSignatures.workOrderId, woIds))
    .groupBy(workOrderSignatures.workOrderId);
  const signedAt = new Map(signatures.map((s) => [s.workOrderId, s.signedAt]));
  const facts: VisitFacts[] = records.map((x) => ({
    recordId: x.r.id,
    workOrderId: x.r.workOrderId,
    deviceId: x.r.deviceId,
    engineerId: x.engineerId,
    arrivedAt: x.r.arrivedAt,
    departedAt: x.r.departedAt,
    minOnSiteMinutes: x.r.minOnSiteMinutes,
    readings: Object.fromEntries(readings.filter((g) => g.recordId === x.r.id).map((g) => [g.key, g.value])),
    photoHashes: photos.filter((p) => p.ownerId === x.r.workOrderId).map((p) => p.sha256),
    signedAt: signedAt.get(x.r.workOrderId) ?? null,
  }));
  // Photos of visits outside the period still count as "other visits" for reuse.
  const inPeriod = new Set(woIds);
  const outside = [...new Set(photos.filter((p) => !inPeriod.has(p.ownerId)).map((p) => p.ownerId))].map(
    (id): VisitFacts => ({
      recordId: id,
      workOrderId: id,
      deviceId: '',
      engineerId: null,
      arrivedAt: null,
      departedAt: null,
      minOnSiteMinutes: 0,
      readings: {},
      photoHashes: photos.filter((p) => p.ownerId === id).map((p) => p.sha256),
      signedAt: null,
    }),
  );
  const byWo = new Map(records.map((x) => [x.r.workOrderId, x]));
  const numbers = new Map(
    (
      await ex
        .select({ id: workOrders.id, number: workOrders.number })
        .from(workOrders)
        .where(inArray(workOrders.id, [...woIds, ...outside.map((o) => o.workOrderId)]))
    ).map((w) => [w.id, w.number]),
  );
  const found: EvidenceException[] = evidenceExceptions([...facts, ...outside]).filter((e) => byWo.has(e.workOrderId) && (!q.kind || e.kind === q.kind));
  const items = found.map((e) => {
    const x = byWo.get(e.workOrderId) as (typeof records)[number];
    return {
      kind: e.kind,
      workOrderId: e.workOrderId,
      workOrderNumber: x.number,
      deviceId: x.r.deviceId,
      serialNumber: x.serialNumber,
      customerName: x.customerName,
      engineerName: x.engineerName,
      arrivedAt: x.r.arrivedAt?.toISOString() ?? null,
      departedAt: x.r.departedAt?.toISOString() ?? null,
      related: e.related.map((id) => ({ workOrderId: id, workOrderNumber: numbers.get(id) ?? '' })),
      params: e.params,
    };
  });
  items.sort((a, b) => (b.arrivedAt ?? '').localeCompare(a.arrivedAt ?? '') || a.kind.localeCompare(b.kind));
  return { items };
}
