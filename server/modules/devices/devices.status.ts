// A unit reported down (registration with deviceDown, requests.service) goes back into service
// when the repair of that request is resolved, which is also when its restore clock stops
// (issue 10 item 3). Runs in the work order's transaction; audited like any device update.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { serviceRequests } from '../../db/schema.ts';
import type { Actor } from '../../lib/audit.ts';
import { lockById, updateAudited } from '../../lib/records.ts';
import { returnsToService } from './devices.rules.ts';
import { devices } from './devices.tables.ts';

const OPEN = ['open', 'dispatched', 'in_progress'] as const;

/** Sets the request's unit back to `in_service` if this request is what keeps it down. Returns whether it did. */
export async function releaseDownDevice(tx: Executor, actor: Actor, requestId: string): Promise<boolean> {
  const [r] = await tx
    .select({ deviceId: serviceRequests.deviceId, deviceDown: serviceRequests.deviceDown })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, requestId));
  if (!r?.deviceDown) return false;
  const device = await lockById(tx, devices, r.deviceId);
  const others = await tx
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.deviceId, r.deviceId),
        ne(serviceRequests.id, requestId),
        eq(serviceRequests.deviceDown, true),
        inArray(serviceRequests.status, [...OPEN]),
      ),
    );
  if (!returnsToService(device.status, r.deviceDown, others.length)) return false;
  await updateAudited(tx, actor, 'device', devices, device.id, device.version, { status: 'in_service' }, device);
  return true;
}

/** "Not fixed after all" (resolved → on site again): the unit this request reported down is down again. */
export async function markDownAgain(tx: Executor, actor: Actor, requestId: string): Promise<void> {
  const [r] = await tx
    .select({ deviceId: serviceRequests.deviceId, deviceDown: serviceRequests.deviceDown })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, requestId));
  if (!r?.deviceDown) return;
  const device = await lockById(tx, devices, r.deviceId);
  if (device.status === 'in_service') await updateAudited(tx, actor, 'device', devices, device.id, device.version, { status: 'down' }, device);
}
