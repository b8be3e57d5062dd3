// Every content version of a report (R-WO-5), each readable exactly as it was signed, corrected
// or, the current one, as it stands now.
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { notFound } from '../../../lib/errors.ts';
import { loadFor } from '../workorders.access.ts';
import { hashOf, snapshotOf } from '../workorders.snapshot.ts';
import { workOrderCorrections, workOrderReviews, workOrderSignatures } from '../workorders.tables.ts';

interface VersionInfo {
  n: number;
  current: boolean;
  source: 'signature' | 'correction' | 'live' | null;
  contentHash: string | null;
  signature: { signerName: string; meaning: string; signedAt: string } | null;
  correction: { reason: string; byName: string; at: string; changes: Record<string, { before: unknown; after: unknown }> } | null;
  reviews: { verdict: 'approved' | 'returned'; comments: string | null; reviewerName: string; at: string }[];
}

async function versionsOf(ex: Executor, user: Principal, id: string) {
  const wo = await loadFor(ex, user, id);
  const signatures = await ex.select().from(workOrderSignatures).where(eq(workOrderSignatures.workOrderId, id));
  const corrections = await ex.select().from(workOrderCorrections).where(eq(workOrderCorrections.workOrderId, id));
  const reviews = await ex.select().from(workOrderReviews).where(eq(workOrderReviews.workOrderId, id)).orderBy(asc(workOrderReviews.at));
  const infos: (VersionInfo & { snapshot: () => Promise<unknown> })[] = [];
  for (let n = 1; n <= wo.contentVersion; n++) {
    const sig = signatures.find((s) => s.contentVersion === n);
    const cor = corrections.find((c) => c.toVersion === n);
    const current = n === wo.contentVersion;
    const source = sig ? 'signature' : cor ? 'correction' : current ? 'live' : null;
    infos.push({
      n,
      current,
      source,
      contentHash: sig?.contentHash ?? cor?.contentHash ?? null,
      signature: sig ? { signerName: sig.signerName, meaning: sig.meaning, signedAt: sig.signedAt.toISOString() } : null,
      correction: cor ? { reason: cor.reason, byName: cor.byName, at: cor.at.toISOString(), changes: cor.changes } : null,
      reviews: reviews
        .filter((r) => r.contentVersion === n)
        .map((r) => ({ verdict: r.verdict, comments: r.comments, reviewerName: r.reviewerName, at: r.at.toISOString() })),
      snapshot: async () => (sig ? sig.snapshot : cor ? cor.snapshot : current ? snapshotOf(ex, wo) : null),
    });
  }
  return infos;
}

/** Every content version of a report, oldest first: signed, reviewed, corrected. */
export async function listVersions(ex: Executor, user: Principal, id: string) {
  return (await versionsOf(ex, user, id)).map(({ snapshot: _s, ...v }) => v);
}

/** One version with its content exactly as signed, corrected or (the current one) as it stands. */
export async function getVersion(ex: Executor, user: Principal, id: string, n: number) {
  const v = (await versionsOf(ex, user, id)).find((x) => x.n === n);
  if (!v) throw notFound();
  const snapshot = (await v.snapshot()) as Record<string, unknown> | null;
  if (!snapshot) throw notFound();
  const { snapshot: _s, ...rest } = v;
  return { ...rest, contentHash: rest.contentHash ?? hashOf(snapshot), snapshot };
}
