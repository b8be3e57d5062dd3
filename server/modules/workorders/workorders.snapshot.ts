// The content a signature or a correction fixes (R-WO-4/5), and its hash.
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, maintenanceFindings, maintenanceReadings, maintenanceRecords, serviceRequests } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/audit.ts';
import { helpersOf, type WorkOrder } from './workorders.access.ts';
import { feeOf } from './workorders.fees.ts';
import { workOrderParts } from './workorders.tables.ts';

/** The content a customer signs and a reviewer approves: exactly what the report shows. */
export async function snapshotOf(ex: Executor, wo: WorkOrder) {
  const [ctx] = await ex
    .select({ serial: devices.serialNumber, udi: devices.udi, model: deviceModels.name, customer: customers.name, request: serviceRequests })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .innerJoin(serviceRequests, eq(serviceRequests.id, wo.requestId))
    .where(eq(devices.id, wo.deviceId));
  const parts = await ex
    .select()
    .from(workOrderParts)
    .where(eq(workOrderParts.workOrderId, wo.id))
    .orderBy(asc(workOrderParts.createdAt), asc(workOrderParts.id));
  const helpers = await helpersOf(ex, wo.id);
  const fee = await feeOf(ex, wo);
  const visit = wo.kind === 'maintenance' ? await visitOf(ex, wo.id) : null;
  return {
    number: wo.number,
    contentVersion: wo.contentVersion,
    requestNumber: ctx.request.number,
    category: ctx.request.category,
    customer: ctx.customer,
    device: { model: ctx.model, serialNumber: ctx.serial, udi: ctx.udi },
    faultDescription: ctx.request.faultDescription,
    leadEngineerId: wo.leadEngineerId,
    helperIds: [...helpers].sort(),
    times: {
      receivedAt: ctx.request.receivedAt.toISOString(),
      arrivedAt: wo.arrivedAt?.toISOString() ?? null,
      resolvedAt: wo.resolvedAt?.toISOString() ?? null,
    },
    phenomenon: wo.phenomenon,
    cause: wo.cause,
    actions: wo.actions,
    testResults: wo.testResults,
    explanation: wo.explanation,
    labourMinutes: wo.labourMinutes,
    travelMinutes: wo.travelMinutes,
    travelKm: wo.travelKm,
    // R-WO-4: the customer signs the fee of a paid job along with the work.
    fee: fee.chargeable
      ? {
          currency: fee.currency,
          priceListVersion: fee.priceListVersion,
          labour: fee.labour,
          parts: fee.parts,
          travel: fee.travel,
          callOut: fee.callOut,
          total: fee.total,
        }
      : null,
    parts: parts.map((p) => ({
      partNo: p.partNo,
      name: p.name,
      quantity: p.quantity,
      unitPrice: p.unitPrice,
      removedSerial: p.removedSerial,
      installedSerial: p.installedSerial,
      // Issue 12 item 2: a line free under its accessory warranty says so (absent otherwise, so
      // the content of earlier signatures hashes as before).
      ...(p.accessoryWarrantyUntil ? { accessoryWarrantyUntil: p.accessoryWarrantyUntil } : {}),
    })),
    // Issue 13 §2 (R-PM-2): a maintenance visit's record is part of what the customer signs, so a
    // correction after sign-off keeps the signed readings in its previous snapshot (absent for other kinds).
    ...(visit ? { maintenance: visit } : {}),
  };
}

/** The visit record of a maintenance job as signed: on-site window, task results, readings, findings. */
async function visitOf(ex: Executor, workOrderId: string) {
  const [r] = await ex.select().from(maintenanceRecords).where(eq(maintenanceRecords.workOrderId, workOrderId));
  if (!r) return null;
  const readings = await ex.select().from(maintenanceReadings).where(eq(maintenanceReadings.recordId, r.id)).orderBy(asc(maintenanceReadings.checkKey));
  const findings = await ex
    .select()
    .from(maintenanceFindings)
    .where(eq(maintenanceFindings.recordId, r.id))
    .orderBy(asc(maintenanceFindings.createdAt), asc(maintenanceFindings.id));
  return {
    template: r.templateName,
    arrivedAt: r.arrivedAt?.toISOString() ?? null,
    departedAt: r.departedAt?.toISOString() ?? null,
    tasks: r.tasks.map((t) => ({ key: t.key, label: t.label, done: r.taskResults[t.key]?.done ?? null, note: r.taskResults[t.key]?.note ?? null })),
    readings: readings.map((x) => ({
      checkKey: x.checkKey,
      label: x.label,
      value: x.value,
      unit: x.unit,
      min: x.min,
      max: x.max,
      outOfRange: x.outOfRange,
      instrumentId: x.instrumentId,
      takenAt: x.takenAt.toISOString(),
    })),
    findings: findings.map((f) => ({ description: f.description, fixedOnSpot: f.fixedOnSpot, requestId: f.requestId })),
  };
}

/** SHA-256 of a snapshot's canonical JSON: the hash a signature or correction records. */
export const hashOf = (snapshot: unknown) => createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
