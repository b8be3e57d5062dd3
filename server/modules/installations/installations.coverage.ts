// Per-accessory warranty where a job needs it (issue 12 item 2; seed 003: 穿刺器…2年质保…可免费更换
// 新品(质保不延长), consumables excluded): the accessory term covering a parts line. (The intake's
// coverage panel reads GET /devices/:id/accessory-warranty, deviceAccessoryWarranty.)
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { devices } from '../../db/schema.ts';
import { partAccessoryCoverage } from './installations.rules.ts';
import { accessoryTerms } from './installations.tables.ts';

async function unitTerms(ex: Executor, deviceId: string) {
  const [d] = await ex.select({ modelId: devices.modelId, acceptanceDate: devices.acceptanceDate }).from(devices).where(eq(devices.id, deviceId));
  if (!d) return null;
  const terms = await ex.select().from(accessoryTerms).where(eq(accessoryTerms.modelId, d.modelId)).orderBy(asc(accessoryTerms.name));
  return { acceptanceDate: d.acceptanceDate, terms };
}

/**
 * The accessory term that makes a part of this unit free on `day` (YYYY-MM-DD), by part code;
 * counted from the unit's acceptance, so a replacement never extends it. Null otherwise.
 */
export async function accessoryCoverageForPart(ex: Executor, deviceId: string, partNo: string | null | undefined, day: string) {
  if (!partNo?.trim()) return null;
  const u = await unitTerms(ex, deviceId);
  if (!u) return null;
  return partAccessoryCoverage(u.terms, partNo, u.acceptanceDate, day);
}
