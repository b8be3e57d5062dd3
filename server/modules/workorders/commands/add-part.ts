// A part line on the work order (R-WO-2) typed by hand: supplied by the customer or not stocked.
// Stock drawn from a van goes through the parts ledger instead (parts module, issue 10 item 9).
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { AppError } from '../../../lib/errors.ts';
import { insertAudited } from '../../../lib/records.ts';
import { assertEditable, auditActor, loadFor, stepTime } from '../workorders.access.ts';
import type { addPartBody } from '../workorders.dto.ts';
import { kindHasParts } from '../workorders.kinds.ts';
import { partLineCoverage } from '../workorders.partcoverage.ts';
import { workOrderParts, workOrders } from '../workorders.tables.ts';

export async function addPart(db: Db, user: Principal, id: string, input: z.infer<typeof addPartBody>, timeZone = 'Asia/Shanghai', clientAt?: Date) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    await assertEditable(tx, user, wo);
    stepTime(wo, clientAt, new Date()); // issue 16 §1: a line replayed from the phone's queue, its time within bounds
    // Issue 12: a training or consultation job has no parts step (workorders.kinds).
    if (!kindHasParts(wo.kind)) throw new AppError(422, 'kind_has_no_parts', { kind: wo.kind }, [{ field: 'partNo', code: 'invalid' }]);
    // A typed line must not stand in for stock (issue 10 item 9): a catalogue part number is drawn
    // from the van through the ledger, unless the customer supplied the unit themselves.
    if (input.partNo && input.source !== 'customer_supplied') {
      const [known] = await tx
        .execute(sql`select code from parts where lower(code) = lower(${input.partNo}) limit 1`)
        .then((r) => r.rows as { code: string }[]);
      if (known) throw new AppError(422, 'part_in_catalogue', { code: known.code }, [{ field: 'partNo', code: 'invalid' }]);
    }
    if (input.source === 'customer_supplied' && !input.sourceNote?.trim())
      throw new AppError(422, 'part_source_note_required', {}, [{ field: 'sourceNote', code: 'required' }]);
    // Issue 12 item 2: an accessory still under its own warranty is free (the reason stays on the line).
    const coverage = await partLineCoverage(tx, wo, input.partNo, timeZone);
    const row = await insertAudited(tx, auditActor(user), 'work_order_part', workOrderParts, { workOrderId: id, ...input, ...coverage });
    await tx
      .update(workOrders)
      .set({ version: wo.version + 1, updatedAt: new Date() })
      .where(eq(workOrders.id, id));
    return row;
  });
}
