// The content a signature or a correction fixes (R-WO-4/5), and its hash.
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests } from '../../db/schema.ts';
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
  };
}

/** SHA-256 of a snapshot's canonical JSON: the hash a signature or correction records. */
export const hashOf = (snapshot: unknown) => createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
