import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { updateAudited } from '../../../lib/records.ts';
import { assertEditable, auditActor, loadFor } from '../workorders.access.ts';
import type { contentBody } from '../workorders.dto.ts';
import { workOrders } from '../workorders.tables.ts';

/** The on-site record (R-WO-2). Refused once signed: a correction goes through send-back and a new version. */
export async function updateContent(db: Db, user: Principal, id: string, input: z.infer<typeof contentBody>) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    await assertEditable(tx, user, wo);
    const { version, ...patch } = input;
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return updateAudited(tx, auditActor(user), 'work_order', workOrders, id, version, clean, wo);
  });
}
