import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { recordAudit } from '../../../lib/audit.ts';
import { notFound } from '../../../lib/errors.ts';
import { assertEditable, auditActor, loadFor } from '../workorders.access.ts';
import { workOrderParts, workOrders } from '../workorders.tables.ts';

export async function removePart(db: Db, user: Principal, id: string, partId: string) {
  await db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    await assertEditable(tx, user, wo);
    const [part] = await tx
      .select()
      .from(workOrderParts)
      .where(and(eq(workOrderParts.id, partId), eq(workOrderParts.workOrderId, id)));
    if (!part) throw notFound();
    await tx.delete(workOrderParts).where(eq(workOrderParts.id, partId));
    await recordAudit(tx, { actor: auditActor(user), entity: 'work_order_part', entityId: partId, action: 'delete', before: part });
    await tx
      .update(workOrders)
      .set({ version: wo.version + 1, updatedAt: new Date() })
      .where(eq(workOrders.id, id));
  });
}
