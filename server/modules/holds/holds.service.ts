// Safety holds (停用, issue 14 §1, R-REG-1; seed 003 医疗器械使用质量监督管理办法): putting a unit on
// hold takes effect at once — the hold and the device's status `safety_hold` in one transaction —
// and tells the hospital's users and the service managers. The hold ends only by a verified
// release (quality signs, password again, on a reviewed work order with test results; the
// signature's meaning and the hash of the signed content are recorded, issue 14 §6) or by retiring
// the unit (不得继续使用). Every write is audited (entity `device_hold`, and `device`).
import { and, desc, eq, gte, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests, users, workOrders } from '../../db/schema.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { reauthenticate, recordSignature } from '../signatures/index.ts';
import { holdsPolicy } from './holds.policy.ts';
import { statusAfterRelease, verificationRefusal } from './holds.rules.ts';
import { deviceHolds } from './holds.tables.ts';

export type DeviceHold = typeof deviceHolds.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const kind = (k: 'device_hold_placed' | 'device_hold_closed') => k as unknown as NotificationKind;
const OPEN_REQUEST = ['open', 'dispatched', 'in_progress'] as const;

const columns = {
  h: deviceHolds,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  customerName: customers.name,
  releaseWorkOrderNumber: workOrders.number,
};
const joined = (ex: Executor) =>
  ex
    .select(columns)
    .from(deviceHolds)
    .innerJoin(devices, eq(devices.id, deviceHolds.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, deviceHolds.customerId))
    .leftJoin(workOrders, eq(workOrders.id, deviceHolds.releaseWorkOrderId));
export type HoldRow = Awaited<ReturnType<typeof joined>>[number];

const scope = (user: Principal): SQL | undefined => {
  const c = customerScope(user);
  return c === null ? undefined : eq(deviceHolds.customerId, c);
};

/** The hospital's active portal users and the service side who must know (service manager, quality). */
async function audienceOf(ex: Executor, customerId: string): Promise<string[]> {
  const hospital = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.active, true), sql`'customer_user' = any(${users.roles})`));
  return [...hospital.map((u) => u.id), ...(await staffWithRoles(ex, ['service_manager', 'quality']))];
}

async function unitOf(ex: Executor, deviceId: string) {
  const [u] = await ex
    .select({ serial: devices.serialNumber, model: deviceModels.name, customer: customers.name })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .where(eq(devices.id, deviceId));
  return u;
}

// ---- place -------------------------------------------------------------------------------------

export async function placeHold(db: Db, user: Principal, input: { deviceId: string; reason: string }): Promise<DeviceHold> {
  return db.transaction(async (tx) => {
    const [visible] = await tx
      .select({ id: devices.id })
      .from(devices)
      .where(allOf(eq(devices.id, input.deviceId), customerScope(user) === null ? undefined : eq(devices.customerId, customerScope(user) as string)));
    if (!visible) throw new AppError(422, 'validation_failed', {}, [{ field: 'deviceId', code: 'not_found' }]);
    const device = await lockById(tx, devices, input.deviceId);
    if (device.status === 'retired') throw new AppError(422, 'hold_device_retired', {}, [{ field: 'deviceId', code: 'invalid' }]);
    const [open] = await tx
      .select({ placedAt: deviceHolds.placedAt })
      .from(deviceHolds)
      .where(and(eq(deviceHolds.deviceId, device.id), isNull(deviceHolds.closedAt)));
    if (open) throw new AppError(409, 'hold_already_open', { since: open.placedAt.toISOString() });
    const actor = actorOf(user);
    const hold = await insertAudited(tx, actor, 'device_hold', deviceHolds, {
      deviceId: device.id,
      customerId: device.customerId,
      reason: input.reason,
      placedAt: clockNow(),
      placedBy: user.id,
      placedByName: user.displayName,
    });
    // Takes effect at once: the unit reads 停用 everywhere from this transaction on.
    await updateAudited(tx, actor, 'device', devices, device.id, device.version, { status: 'safety_hold' }, device);
    const unit = await unitOf(tx, device.id);
    await notify(
      tx,
      await audienceOf(tx, device.customerId),
      kind('device_hold_placed'),
      { serial: unit.serial, model: unit.model, customer: unit.customer, reason: input.reason },
      { entity: 'device', id: device.id },
    );
    return hold;
  });
}

// ---- release and retire ------------------------------------------------------------------------

async function lockOpen(tx: Executor, user: Principal, id: string, version: number): Promise<DeviceHold> {
  const hold = await lockById(tx, deviceHolds, id);
  const c = customerScope(user);
  if (c !== null && hold.customerId !== c) throw notFound();
  if (hold.closedAt) throw new AppError(409, 'hold_closed');
  if (hold.version !== version) throw versionConflict(hold.version);
  return hold;
}

export async function releaseHold(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; workOrderId: string; password: string; note?: string | null },
): Promise<DeviceHold> {
  await reauthenticate(db, user, input.password);
  return db.transaction(async (tx) => {
    const hold = await lockOpen(tx, user, id, input.version);
    const [wo] = await tx
      .select({
        id: workOrders.id,
        number: workOrders.number,
        deviceId: workOrders.deviceId,
        status: workOrders.status,
        testResults: workOrders.testResults,
        resolvedAt: workOrders.resolvedAt,
        reviewedAt: workOrders.reviewedAt,
      })
      .from(workOrders)
      .where(eq(workOrders.id, input.workOrderId));
    if (!wo) throw new AppError(422, 'validation_failed', {}, [{ field: 'workOrderId', code: 'not_found' }]);
    const refusal = verificationRefusal(hold, wo);
    if (refusal) throw new AppError(422, refusal, { number: wo.number }, [{ field: 'workOrderId', code: 'invalid' }]);
    const at = clockNow();
    const evidence = (wo.testResults ?? '').trim();
    const signature = await recordSignature(tx, user, {
      meaning: 'hold_release',
      entity: 'device_hold',
      entityId: hold.id,
      content: {
        hold: hold.id,
        device: hold.deviceId,
        reason: hold.reason,
        workOrder: wo.number,
        testResults: evidence,
        reviewedAt: wo.reviewedAt?.toISOString() ?? null,
        note: input.note ?? null,
      },
    });
    const actor = actorOf(user);
    const closed = await updateAudited(
      tx,
      actor,
      'device_hold',
      deviceHolds,
      hold.id,
      hold.version,
      {
        closedAt: at,
        closedBy: user.id,
        closedByName: user.displayName,
        outcome: 'released',
        releaseWorkOrderId: wo.id,
        releaseEvidence: evidence,
        closingNote: input.note ?? null,
        signatureMeaning: signature.meaningText,
        signatureHash: signature.contentHash,
      },
      hold,
    );
    const device = await lockById(tx, devices, hold.deviceId);
    const downs = await tx
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(and(eq(serviceRequests.deviceId, device.id), eq(serviceRequests.deviceDown, true), inArray(serviceRequests.status, [...OPEN_REQUEST])));
    if (device.status === 'safety_hold') {
      await updateAudited(tx, actor, 'device', devices, device.id, device.version, { status: statusAfterRelease(downs.length) }, device);
    }
    await tellClosed(tx, hold, 'released', input.note ?? wo.number);
    return closed;
  });
}

/** 不得继续使用: the unit cannot be made safe; it is retired and the hold closes. */
export async function retireHeld(db: Db, user: Principal, id: string, input: { version: number; reason: string }): Promise<DeviceHold> {
  return db.transaction(async (tx) => {
    const hold = await lockOpen(tx, user, id, input.version);
    const actor = actorOf(user);
    const closed = await updateAudited(
      tx,
      actor,
      'device_hold',
      deviceHolds,
      hold.id,
      hold.version,
      { closedAt: clockNow(), closedBy: user.id, closedByName: user.displayName, outcome: 'retired', closingNote: input.reason },
      hold,
    );
    const device = await lockById(tx, devices, hold.deviceId);
    await updateAudited(tx, actor, 'device', devices, device.id, device.version, { status: 'retired' }, device);
    await tellClosed(tx, hold, 'retired', input.reason);
    return closed;
  });
}

async function tellClosed(tx: Executor, hold: DeviceHold, outcome: 'released' | 'retired', note: string) {
  const unit = await unitOf(tx, hold.deviceId);
  const words = outcome === 'released' ? '经验证安全，已解除停用 / verified safe, back in use' : '不得继续使用，已报废 / may not be used, retired';
  await notify(
    tx,
    await audienceOf(tx, hold.customerId),
    kind('device_hold_closed'),
    { serial: unit.serial, model: unit.model, outcome: words, note },
    { entity: 'device', id: hold.deviceId },
  );
}

// ---- reading -----------------------------------------------------------------------------------

export interface HoldFilters {
  q?: string;
  sort?: string;
  state?: 'open' | 'closed';
  outcome?: 'released' | 'retired';
  customerId?: string;
  deviceId?: string;
}

function whereOf(user: Principal, f: HoldFilters): SQL | undefined {
  const text = f.q?.trim();
  return allOf(
    scope(user),
    f.state === 'open' ? isNull(deviceHolds.closedAt) : f.state === 'closed' ? isNotNull(deviceHolds.closedAt) : undefined,
    f.outcome ? eq(deviceHolds.outcome, f.outcome) : undefined,
    f.customerId ? eq(deviceHolds.customerId, f.customerId) : undefined,
    f.deviceId ? eq(deviceHolds.deviceId, f.deviceId) : undefined,
    text
      ? sql`(${devices.serialNumber} ilike ${likePattern(text)} or ${deviceModels.name} ilike ${likePattern(text)} or ${customers.name} ilike ${likePattern(text)} or ${deviceHolds.reason} ilike ${likePattern(text)})`
      : undefined,
  );
}

function orderOf(sort: string | undefined): SQL[] {
  const desc_ = !sort || sort.startsWith('-');
  const key = sort?.replace(/^-/, '') === 'closedAt' ? deviceHolds.closedAt : deviceHolds.placedAt;
  return [desc_ ? sql`${key} desc nulls last` : sql`${key} asc nulls last`, desc(deviceHolds.id)];
}

export async function listHolds(ex: Executor, user: Principal, f: HoldFilters, page: number, pageSize: number) {
  const where = whereOf(user, f);
  const rows = await joined(ex)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(deviceHolds)
    .innerJoin(devices, eq(devices.id, deviceHolds.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, deviceHolds.customerId))
    .where(where);
  return { rows, total: Number(n) };
}

export async function exportHolds(ex: Executor, user: Principal, f: HoldFilters, limit: number) {
  return joined(ex)
    .where(whereOf(user, f))
    .orderBy(...orderOf(f.sort))
    .limit(limit);
}

export async function getHold(ex: Executor, user: Principal, id: string): Promise<HoldRow> {
  const [row] = await joined(ex).where(allOf(eq(deviceHolds.id, id), scope(user)));
  if (!row) throw notFound();
  return row;
}

/** Work orders on the unit resolved since the hold was placed, each with whether it can verify the release. */
export async function verificationOptions(ex: Executor, user: Principal, hold: DeviceHold) {
  if (hold.closedAt || !can(user, holdsPolicy, 'release')) return [];
  const rows = await ex
    .select({
      id: workOrders.id,
      number: workOrders.number,
      kind: workOrders.kind,
      deviceId: workOrders.deviceId,
      status: workOrders.status,
      testResults: workOrders.testResults,
      resolvedAt: workOrders.resolvedAt,
      reviewedAt: workOrders.reviewedAt,
    })
    .from(workOrders)
    .where(and(eq(workOrders.deviceId, hold.deviceId), gte(workOrders.resolvedAt, hold.placedAt)))
    .orderBy(desc(workOrders.resolvedAt))
    .limit(50);
  return rows.map((w) => ({ ...w, refusal: verificationRefusal(hold, w) }));
}
