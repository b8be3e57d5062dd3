// What a reviewer signs (issue 14 §6, R-AU-1): the report's archived fields at one content
// version — number, version, phenomenon, cause, actions, test results, the part lines and the
// customer's sign-off (name, time). The review signature's hash binds to this content; the same
// builder rebuilds it to verify a signature later (a correction makes a new content version, so
// a signature of the old one then no longer verifies the current report — it was never meant to).
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Principal } from '../../lib/access.ts';
import { presentSignature, signaturesOf, verifyContent } from '../signatures/index.ts';
import { loadFor, type WorkOrder } from './workorders.access.ts';
import { workOrderParts, workOrderSignatures } from './workorders.tables.ts';

export async function reviewContent(ex: Executor, wo: WorkOrder): Promise<Record<string, unknown>> {
  const parts = await ex
    .select({
      partNo: workOrderParts.partNo,
      name: workOrderParts.name,
      quantity: workOrderParts.quantity,
      removedSerial: workOrderParts.removedSerial,
      installedSerial: workOrderParts.installedSerial,
    })
    .from(workOrderParts)
    .where(eq(workOrderParts.workOrderId, wo.id))
    .orderBy(asc(workOrderParts.createdAt), asc(workOrderParts.id));
  const [customer] = await ex
    .select({ signerName: workOrderSignatures.signerName, signedAt: workOrderSignatures.signedAt })
    .from(workOrderSignatures)
    .where(and(eq(workOrderSignatures.workOrderId, wo.id), eq(workOrderSignatures.contentVersion, wo.contentVersion)));
  return {
    number: wo.number,
    contentVersion: wo.contentVersion,
    phenomenon: wo.phenomenon ?? null,
    cause: wo.cause ?? null,
    actions: wo.actions ?? null,
    testResults: wo.testResults ?? null,
    parts,
    customerSignature: customer ? { name: customer.signerName, signedAt: customer.signedAt.toISOString() } : null,
  };
}

/**
 * Does each review signature of the work order still cover its current report? The content is
 * rebuilt from the current version and hashed as `recordSignature` did (R-AU-1: tampering is
 * detectable). A corrected report (new content version) no longer verifies the older approval.
 */
export async function verifyReviewSignatures(ex: Executor, user: Principal, id: string) {
  const wo = await loadFor(ex, user, id); // a hospital user: only their own (404 otherwise)
  const content = await reviewContent(ex, wo);
  const sigs = (await signaturesOf(ex, 'work_order', [id])).filter((s) => s.meaning === 'review');
  return {
    items: sigs.map((s) => ({
      ...presentSignature(s),
      valid: verifyContent(s, { ...content, signer: s.signerId, signedAt: s.signedAt.toISOString(), meaning: s.meaningText }),
    })),
  };
}
