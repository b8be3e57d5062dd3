// A job as the board and the ranking read it: the work order joined to its request, device, model,
// customer and lead, and the part of it the ranking weighs (R-DSP-2).
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests, users, workOrders } from '../../db/schema.ts';
import { openHoldOf } from '../holds/index.ts';
import type { Job } from './dispatch.rules.ts';

/** The lead engineer, joined by the board, the suggestions and the at-risk list. */
export const lead = alias(users, 'lead');

export function workQuery(ex: Executor) {
  return ex
    .select({
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      version: workOrders.version,
      kind: workOrders.kind,
      plannedDate: workOrders.plannedDate,
      status: workOrders.status,
      customerId: workOrders.customerId,
      requestId: serviceRequests.id,
      requestNumber: serviceRequests.number,
      urgency: serviceRequests.urgency,
      receivedAt: serviceRequests.receivedAt,
      regionClass: serviceRequests.regionClass,
      priorityDispatch: serviceRequests.priorityDispatch,
      slaPolicyId: serviceRequests.slaPolicyId,
      deviceId: devices.id,
      serialNumber: devices.serialNumber,
      modelId: deviceModels.id,
      modelName: deviceModels.name,
      category: deviceModels.category,
      customerName: customers.name,
      city: customers.city,
      province: customers.province,
      leadId: workOrders.leadEngineerId,
      leadName: lead.displayName,
      faultDescription: serviceRequests.faultDescription,
      deviceDown: serviceRequests.deviceDown,
      dispatchedAt: workOrders.dispatchedAt,
      appointmentAt: workOrders.appointmentAt,
      appointmentEndAt: workOrders.appointmentEndAt,
      deviceHold: openHoldOf(devices.id),
    })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(lead, eq(lead.id, workOrders.leadEngineerId));
}
export type WorkRow = Awaited<ReturnType<typeof workQuery>>[number];

export const jobOf = (w: Pick<WorkRow, 'modelId' | 'category' | 'city' | 'province'>): Job => ({
  modelId: w.modelId,
  category: w.category,
  city: w.city,
  province: w.province,
});
