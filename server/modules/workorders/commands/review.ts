import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { serviceRequests } from '../../../db/schema.ts';
import type { Principal } from '../../../lib/access.ts';
import { AppError } from '../../../lib/errors.ts';
import { notify } from '../../notifications/index.ts';
import { recordSignature } from '../../signatures/index.ts';
import { assertVersion, loadFor } from '../workorders.access.ts';
import { missingForReview } from '../workorders.rules.ts';
import { reviewContent } from '../workorders.signed.ts';
import { applyTransition, refuse } from '../workorders.step.ts';
import { workOrderReviews } from '../workorders.tables.ts';

/**
 * R-WO-5: customer service approves (archived, immutable) or sends back with comments.
 * R-AU-1 (issue 14 §6): an approval is an electronic signature — `recordSignature` (meaning
 * 'review') over the archived report content, in this transaction. The password check is the
 * caller's: the route calls `reauthenticate` before this (outside the transaction, so argon2
 * holds no row lock); the seeds, acting as the system, call this use case directly. There is no
 * way to skip the password over HTTP: the route body requires it.
 */
export async function review(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; verdict: 'approved' | 'returned'; comments?: string | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    if (wo.status !== 'signed_off') refuse('illegal_transition', wo.status, input.verdict === 'approved' ? 'reviewed' : 'resolved');
    const [req] = await tx.select({ category: serviceRequests.category }).from(serviceRequests).where(eq(serviceRequests.id, wo.requestId));
    const missing = missingForReview({ ...wo, category: req.category, kind: wo.kind });
    if (input.verdict === 'approved' && missing.length) {
      throw new AppError(
        422,
        'report_incomplete',
        { missing: missing.join(', ') },
        missing.map((field) => ({ field, code: 'required' })),
        { missing },
      );
    }
    await tx.insert(workOrderReviews).values({
      workOrderId: id,
      contentVersion: wo.contentVersion,
      verdict: input.verdict,
      comments: input.comments ?? null,
      missing,
      reviewerId: user.id,
      reviewerName: user.displayName,
      at: now,
    });
    if (input.verdict === 'returned') {
      if (!input.comments?.trim()) throw new AppError(422, 'reason_required', {}, [{ field: 'comments', code: 'required' }]);
      // A new content version: the signed one stays as signed, the correction is signed anew.
      const back = await applyTransition(tx, user, wo, 'resolved', input.comments, now, { contentVersion: wo.contentVersion + 1 });
      const [r] = await tx.select({ ownerId: serviceRequests.ownerId }).from(serviceRequests).where(eq(serviceRequests.id, wo.requestId));
      await notify(
        tx,
        [wo.leadEngineerId, r?.ownerId].filter((x): x is string => Boolean(x)),
        'work_order_returned',
        { number: wo.number, comments: input.comments },
        { entity: 'work_order', id },
      );
      return back;
    }
    await recordSignature(tx, user, { meaning: 'review', entity: 'work_order', entityId: id, content: await reviewContent(tx, wo) });
    const reviewed = await applyTransition(tx, user, wo, 'reviewed', null, now);
    return applyTransition(tx, user, reviewed, 'closed', null, now); // archived
  });
}
