// Issue 12 item 2 (seed 003: 穿刺器…2年质保…可免费更换新品(质保不延长); consumables excluded): a
// parts line whose part code is an accessory term of the device's model is covered — free, not
// billed — while that term runs from the device's acceptance, judged on the day the request was
// received (as the intake's coverage is). Otherwise the line follows the job's category.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { serviceRequests } from '../../db/schema.ts';
import { localDate } from '../contracts/index.ts';
import { accessoryCoverageForPart } from '../installations/index.ts';
import type { WorkOrder } from './workorders.access.ts';

export async function partLineCoverage(
  ex: Executor,
  wo: Pick<WorkOrder, 'deviceId' | 'requestId'>,
  partNo: string | null | undefined,
  timeZone: string,
): Promise<{ accessoryTermId: string | null; accessoryWarrantyUntil: string | null }> {
  const none = { accessoryTermId: null, accessoryWarrantyUntil: null };
  if (!partNo?.trim() || !wo.deviceId) return none;
  const [r] = await ex.select({ receivedAt: serviceRequests.receivedAt }).from(serviceRequests).where(eq(serviceRequests.id, wo.requestId));
  if (!r) return none;
  const c = await accessoryCoverageForPart(ex, wo.deviceId, partNo, localDate(r.receivedAt, timeZone));
  return c ? { accessoryTermId: c.termId, accessoryWarrantyUntil: c.warrantyEnd } : none;
}
