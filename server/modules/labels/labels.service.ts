// Device labels and scan reports (扫码报修, issue 16 §2): issuing and revoking labels (audited),
// resolving a scanned token, the label sheet's rows, the held reports of anonymous visitors and
// their conversion into repair requests (the requests module's registration) or dismissal.
import { and, asc, desc, eq, ilike, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, hotlineSettings, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { allOf, insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { openHoldOf } from '../holds/index.ts';
import { registerRequest } from '../requests/index.ts';
import { scanReportHandledRefusal } from './labels.rules.ts';
import { deviceLabels, scanReports } from './labels.tables.ts';
import { labelKeyOfToken, newLabelKey } from './labels.token.ts';

export const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });

/** The live label of each device, issuing one where there is none (audited). Devices locked while issuing. */
export async function ensureLabels(db: Db, actor: Actor, deviceIds: string[]) {
  if (deviceIds.length === 0) return new Map<string, typeof deviceLabels.$inferSelect>();
  return db.transaction(async (tx) => {
    const live = await liveLabels(tx, deviceIds);
    const missing = deviceIds.filter((id) => !live.has(id));
    if (missing.length > 0) {
      // Two printers at once: the device rows serialise them, so each device gets one label.
      await tx.select({ id: devices.id }).from(devices).where(inArray(devices.id, missing)).orderBy(devices.id).for('update');
      const again = await liveLabels(tx, missing);
      for (const id of missing) {
        const l =
          again.get(id) ?? (await insertAudited(tx, actor, 'device_label', deviceLabels, { deviceId: id, labelKey: newLabelKey(), issuedByName: actor.name }));
        live.set(id, l);
      }
    }
    return live;
  });
}

async function liveLabels(ex: Executor, deviceIds: string[]) {
  const rows = await ex
    .select()
    .from(deviceLabels)
    .where(and(inArray(deviceLabels.deviceId, deviceIds), isNull(deviceLabels.revokedAt)));
  return new Map(rows.map((r) => [r.deviceId, r]));
}

/** A device in the caller's scope (404 otherwise). */
export async function deviceInScope(ex: Executor, user: Principal, id: string) {
  const scope = customerScope(user);
  const [d] = await ex
    .select({ id: devices.id, customerId: devices.customerId })
    .from(devices)
    .where(allOf(eq(devices.id, id), scope === null ? undefined : eq(devices.customerId, scope)));
  if (!d) throw notFound();
  return d;
}

/** Revoke the device's live label and issue a new one, in one transaction (both audited). */
export async function revokeLabel(db: Db, actor: Actor, deviceId: string, reason: string | null) {
  return db.transaction(async (tx) => {
    await tx.select({ id: devices.id }).from(devices).where(eq(devices.id, deviceId)).for('update');
    const [old] = await tx
      .select()
      .from(deviceLabels)
      .where(and(eq(deviceLabels.deviceId, deviceId), isNull(deviceLabels.revokedAt)));
    if (old) {
      await updateAudited(
        tx,
        actor,
        'device_label',
        deviceLabels,
        old.id,
        old.version,
        { revokedAt: new Date(), revokedByName: actor.name, revokeReason: reason },
        old,
      );
    }
    return insertAudited(tx, actor, 'device_label', deviceLabels, { deviceId, labelKey: newLabelKey(), issuedByName: actor.name });
  });
}

/** What a scanned token names: the label (live or revoked) and its device; 404 for a forged or unknown token. */
export async function resolveToken(ex: Executor, secret: Buffer, token: string) {
  const key = labelKeyOfToken(secret, token);
  if (!key) throw notFound();
  const [r] = await ex
    .select({
      label: deviceLabels,
      deviceId: devices.id,
      customerId: devices.customerId,
      serialNumber: devices.serialNumber,
      status: devices.status,
      modelName: sql<string>`${deviceModels.name}`.as('model_name'),
      modelCode: deviceModels.code,
      hold: openHoldOf(devices.id).as('hold'),
    })
    .from(deviceLabels)
    .innerJoin(devices, eq(devices.id, deviceLabels.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(eq(deviceLabels.labelKey, key));
  if (!r) throw notFound();
  return r;
}

/** As resolveToken, but a revoked label answers 410 label_revoked. */
export async function liveToken(ex: Executor, secret: Buffer, token: string) {
  const r = await resolveToken(ex, secret, token);
  if (r.label.revokedAt) throw new AppError(410, 'label_revoked');
  return r;
}

/** The 服务热线 number printed on labels (calls module's hotline settings). */
export async function hotlinePhone(ex: Executor): Promise<string | null> {
  const [h] = await ex.select({ phone: hotlineSettings.phone }).from(hotlineSettings).limit(1);
  return h?.phone ?? null;
}

/** The engineer's own open work orders on the device (lead or helper). */
export async function myOpenWorkOrders(ex: Executor, userId: string, deviceId: string) {
  return ex
    .select({ id: workOrders.id, number: workOrders.number, status: workOrders.status })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.deviceId, deviceId),
        notInArray(workOrders.status, ['signed_off', 'reviewed', 'closed', 'cancelled']),
        sql`(${workOrders.leadEngineerId} = ${userId} or ${workOrders.id} in (select h.work_order_id from work_order_helpers h where h.user_id = ${userId}))`,
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(5);
}

export interface SheetFilter {
  ids?: string[];
  q?: string;
  customerId?: string;
  modelId?: string;
  status?: 'in_service' | 'down' | 'safety_hold' | 'retired';
  category?: string;
  criticality?: 'life_support' | 'critical_diagnostic' | 'standard';
}

export const SHEET_MAX = 500;

/** The devices a label sheet prints, in serial order, within the caller's scope (at most SHEET_MAX). */
export async function sheetDevices(ex: Executor, user: Principal, f: SheetFilter) {
  const scope = customerScope(user);
  const p = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return ex
    .select({
      id: devices.id,
      serialNumber: devices.serialNumber,
      modelName: sql<string>`${deviceModels.name}`.as('model_name'),
      modelCode: deviceModels.code,
      customerName: sql<string>`${customers.name}`.as('customer_name'),
    })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .where(
      allOf(
        scope === null ? undefined : eq(devices.customerId, scope),
        f.ids ? inArray(devices.id, f.ids) : undefined,
        f.customerId ? eq(devices.customerId, f.customerId) : undefined,
        f.modelId ? eq(devices.modelId, f.modelId) : undefined,
        f.status ? eq(devices.status, f.status) : undefined,
        f.category ? sql`${deviceModels.category}::text = ${f.category}` : undefined,
        f.criticality ? eq(deviceModels.criticality, f.criticality) : undefined,
        p ? or(ilike(devices.serialNumber, p), ilike(deviceModels.name, p), ilike(customers.name, p)) : undefined,
      ),
    )
    .orderBy(asc(customers.name), asc(devices.serialNumber))
    .limit(SHEET_MAX + 1);
}

// ---- scan reports ----------------------------------------------------------------------

export interface ReportInput {
  faultDescription: string;
  deviceDown: boolean;
  reporterName: string;
  reporterPhone: string;
}

/** An anonymous visitor's report, held for a dispatcher's call-back (audited, actor: the visitor as named). */
export async function holdReport(db: Db, labelId: string, deviceId: string, input: ReportInput) {
  const actor: Actor = { id: null, name: `扫码报修 ${input.reporterName} ${input.reporterPhone}` };
  return db.transaction((tx) => insertAudited(tx, actor, 'scan_report', scanReports, { deviceId, labelId, ...input }));
}

/** A hospital user of the device's hospital: a normal repair request (portal channel). */
export async function reportAsCustomer(db: Db, user: Principal, deviceId: string, input: ReportInput, timeZone: string) {
  return registerRequest(db, user, { deviceId, ...input, channel: 'portal', urgencyReason: null, internal: false }, timeZone);
}

export type ScanReportRow = Awaited<ReturnType<typeof listScanReports>>['rows'][number];

const reportSelect = {
  r: scanReports,
  serialNumber: devices.serialNumber,
  modelName: sql<string>`${deviceModels.name}`.as('model_name'),
  customerName: sql<string>`${customers.name}`.as('customer_name'),
  requestNumber: sql<string | null>`(select sr.number from service_requests sr where sr.id = ${scanReports.requestId})`.as('request_number'),
};

export async function listScanReports(ex: Executor, q: { status?: 'held' | 'converted' | 'dismissed'; page: number; pageSize: number }) {
  const where = q.status ? eq(scanReports.status, q.status) : undefined;
  const rows = await ex
    .select(reportSelect)
    .from(scanReports)
    .innerJoin(devices, eq(devices.id, scanReports.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .where(where)
    .orderBy(q.status === 'held' ? asc(scanReports.createdAt) : desc(scanReports.createdAt), asc(scanReports.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(scanReports).where(where);
  return { rows, total: Number(n) };
}

export async function getScanReport(ex: Executor, id: string) {
  const [row] = await ex
    .select(reportSelect)
    .from(scanReports)
    .innerJoin(devices, eq(devices.id, scanReports.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .where(eq(scanReports.id, id));
  if (!row) throw notFound();
  return row;
}

/**
 * After the call-back: the report becomes a repair request (the dispatcher's registration, phone
 * channel, received when the visitor reported) and is linked to it, in one transaction — the
 * report locked first, so two clicks cannot create two requests.
 */
export async function convertScanReport(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; faultDescription?: string | null; deviceDown?: boolean },
  timeZone: string,
) {
  const actor = actorOf(user);
  return db.transaction(async (tx) => {
    const r = await lockById(tx, scanReports, id);
    const refusal = scanReportHandledRefusal(r.status);
    if (refusal) throw new AppError(409, refusal);
    if (r.version !== input.version) throw new AppError(409, 'version_conflict', { current: r.version }, undefined, { currentVersion: r.version });
    const reg = await registerRequest(
      tx as unknown as Db,
      user,
      {
        deviceId: r.deviceId,
        faultDescription: input.faultDescription ?? r.faultDescription,
        deviceDown: input.deviceDown ?? r.deviceDown,
        channel: 'phone',
        reporterName: r.reporterName,
        reporterPhone: r.reporterPhone,
        receivedAt: r.createdAt.toISOString(),
        urgencyReason: null,
        internal: false,
      },
      timeZone,
    );
    await updateAudited(
      tx,
      actor,
      'scan_report',
      scanReports,
      id,
      input.version,
      { status: 'converted', requestId: reg.requestId, handledAt: new Date(), handledByName: actor.name },
      r,
    );
    return reg;
  });
}

export async function dismissScanReport(db: Db, user: Principal, id: string, input: { version: number; reason: string }) {
  const actor = actorOf(user);
  return db.transaction(async (tx) => {
    const r = await lockById(tx, scanReports, id);
    const refusal = scanReportHandledRefusal(r.status);
    if (refusal) throw new AppError(409, refusal);
    return updateAudited(
      tx,
      actor,
      'scan_report',
      scanReports,
      id,
      input.version,
      { status: 'dismissed', dismissReason: input.reason, handledAt: new Date(), handledByName: actor.name },
      r,
    );
  });
}
