// Issue 16 §1: what the engineer's phone keeps for working without a signal — his open work orders
// as the list shows them and each one's full record (device, customer, site, steps, history, parts,
// checklist/maintenance links, abilities) in one call, stored in the phone's IndexedDB on opening.
import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { getWorkOrder, statusViewsOf } from './get.ts';
import { listWorkOrders } from './list.ts';

/** The statuses an engineer still works in (the "my work" screen's open switch). */
export const OFFLINE_STATUSES = ['dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back', 'resolved'] as const;

/** At most this many orders travel in one pack (an engineer's open work fits many times over). */
export const OFFLINE_PACK_MAX = 100;

export async function offlinePack(db: Db, user: Principal, timeZone: string) {
  const list = await listWorkOrders(db, user, { mine: 'true', status: [...OFFLINE_STATUSES], sort: 'deadline', page: 1, pageSize: OFFLINE_PACK_MAX }, timeZone);
  const workOrders = [];
  const statusViews = [];
  for (const item of list.items) {
    workOrders.push(await getWorkOrder(db, user, item.id));
    statusViews.push({ workOrderId: item.id, views: await statusViewsOf(db, user, item.id) });
  }
  return { generatedAt: new Date().toISOString(), items: list.items, workOrders, statusViews };
}
