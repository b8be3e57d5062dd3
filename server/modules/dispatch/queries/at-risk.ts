// The manager's at-risk list (R-SLA-4): running clocks warned, breached or past the warning point,
// with the request's owner and the lead engineer, the service manager escalates from.

import { asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests, slaClocks, users, workOrders } from '../../../db/schema.ts';
import { allOf } from '../../../lib/records.ts';
import { calendarsByPolicy } from '../dispatch.clocks.ts';
import type { atRiskItemDto, atRiskQuery } from '../dispatch.dto.ts';
import { type ClockState, clockState, percentElapsed } from '../dispatch.rules.ts';
import { lead } from '../dispatch.work.ts';

/** The manager's list starts at this share of the window (R-SLA-4 default warning point). */
export const AT_RISK_PERCENT = 75;

type AtRiskItem = z.infer<typeof atRiskItemDto>;
const owner = alias(users, 'owner');

/**
 * Running clocks warned, breached, or at least 75 % through their window, with the request's
 * owner (R-REQ-2) and the lead engineer, earliest deadline first.
 */
export async function atRiskList(db: Db, q: z.infer<typeof atRiskQuery>, now = new Date()) {
  const rows = await db
    .select({
      clock: slaClocks,
      requestNumber: serviceRequests.number,
      urgency: serviceRequests.urgency,
      slaPolicyId: serviceRequests.slaPolicyId,
      customerName: customers.name,
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      workOrderId: workOrders.id,
      workOrderNumber: workOrders.number,
      workOrderStatus: workOrders.status,
      ownerId: serviceRequests.ownerId,
      ownerName: owner.displayName,
      leadId: workOrders.leadEngineerId,
      leadName: lead.displayName,
    })
    .from(slaClocks)
    .innerJoin(serviceRequests, eq(serviceRequests.id, slaClocks.requestId))
    .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
    .leftJoin(owner, eq(owner.id, serviceRequests.ownerId))
    .leftJoin(workOrders, eq(workOrders.requestId, serviceRequests.id))
    .leftJoin(lead, eq(lead.id, workOrders.leadEngineerId))
    .where(allOf(isNull(slaClocks.stoppedAt), q.kind ? eq(slaClocks.kind, q.kind) : undefined))
    .orderBy(asc(slaClocks.dueAt), asc(serviceRequests.number))
    .limit(10_000);
  const calendarOf = calendarsByPolicy(db);
  const items: AtRiskItem[] = [];
  for (const r of rows) {
    const c = r.clock;
    const { cal, count } = await calendarOf(r.slaPolicyId);
    const pct = percentElapsed(cal, c, now, count);
    const state: ClockState = clockState(c, pct, now, AT_RISK_PERCENT);
    if (state === 'ok' || (q.state && q.state !== state)) continue;
    items.push({
      clockId: c.id,
      kind: c.kind,
      basis: c.basis,
      state,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      percentElapsed: pct,
      paused: c.pausedAt !== null,
      requestId: c.requestId,
      requestNumber: r.requestNumber,
      urgency: r.urgency,
      customerName: r.customerName,
      serialNumber: r.serialNumber,
      modelName: r.modelName,
      workOrderId: r.workOrderId,
      workOrderNumber: r.workOrderNumber,
      workOrderStatus: r.workOrderStatus,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      leadId: r.leadId,
      leadName: r.leadName,
    });
  }
  return { items, total: items.length, generatedAt: now.toISOString() };
}
