// The full R-DSP-2 ranking of the engineers for one work order (the dispatch dialog asks for it;
// the board carries only the top few on waiting cards).
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { workOrders } from '../../../db/schema.ts';
import { notFound } from '../../../lib/errors.ts';
import { qualificationStates } from '../../training/index.ts';
import { candidates } from '../dispatch.engineers.ts';
import { rankEngineers } from '../dispatch.rules.ts';
import { jobOf, workQuery } from '../dispatch.work.ts';

/** The full R-DSP-2 ranking for one work order. */
export async function suggestions(db: Db, workOrderId: string, timeZone = 'Asia/Shanghai', now = new Date()) {
  const [w] = await workQuery(db).where(eq(workOrders.id, workOrderId));
  if (!w) throw notFound();
  const items = rankEngineers(jobOf(w), await candidates(db));
  // Issue 12 item 3: each candidate's qualification for the model (qualified / expired / none).
  const q = await qualificationStates(
    db,
    items.map((i) => i.userId),
    w.modelId,
    now,
    timeZone,
  );
  return { workOrderId, items: items.map((i) => ({ ...i, qualification: q.get(i.userId) ?? 'none' })) };
}
