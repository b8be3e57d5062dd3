// Corrections of a reviewed report (R-WO-5): a reviewed or closed service report is never
// edited. A correction opens a new content version carrying the changed fields and the reason;
// the reviewed version stays as it was (its signature snapshot, its review) and the new one
// goes back to customer service for review. Every version can be read back.
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import type { Principal } from '../../lib/access.ts';
import { canonicalJson, recordAudit } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { updateAudited } from '../../lib/records.ts';
import { notify, staffWithRoles } from '../notifications/index.ts';
import type { correctionBody } from './workorders.dto.ts';
import { assertVersion, auditActor, loadFor, snapshotOf } from './workorders.service.ts';
import { workOrderCorrections, workOrderEvents, workOrderReviews, workOrderSignatures, workOrders } from './workorders.tables.ts';

const CORRECTABLE = new Set(['reviewed', 'closed']);
const hashOf = (snapshot: unknown) => createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || String(a ?? '') === String(b ?? '');

export async function correct(db: Db, user: Principal, id: string, input: z.infer<typeof correctionBody>, now = new Date()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    if (!CORRECTABLE.has(wo.status)) throw new AppError(409, 'correction_not_allowed', { status: wo.status });
    const patch = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)) as Partial<typeof workOrders.$inferInsert>;
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [k, v] of Object.entries(patch)) {
      const before = wo[k as keyof typeof wo];
      if (!same(before, v)) changes[k] = { before: before ?? null, after: v ?? null };
    }
    if (Object.keys(changes).length === 0) throw new AppError(422, 'correction_no_changes', {}, [{ field: 'changes', code: 'required' }]);
    const previousSnapshot = await snapshotOf(tx, wo);
    const fromVersion = wo.contentVersion;
    const toVersion = fromVersion + 1;
    // Back to "awaiting review" with the new version; the reviewed one is kept in its own rows.
    const next = await updateAudited(
      tx,
      auditActor(user),
      'work_order',
      workOrders,
      id,
      wo.version,
      { ...patch, contentVersion: toVersion, status: 'signed_off' },
      wo,
    );
    await tx.insert(workOrderEvents).values({
      workOrderId: id,
      fromStatus: wo.status,
      toStatus: 'signed_off',
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      reason: input.reason,
      data: { correction: true, fromVersion, toVersion },
    });
    const snapshot = await snapshotOf(tx, next);
    const [row] = await tx
      .insert(workOrderCorrections)
      .values({
        workOrderId: id,
        fromVersion,
        toVersion,
        reason: input.reason,
        changes,
        previousSnapshot,
        snapshot,
        contentHash: hashOf(snapshot),
        at: now,
        byId: user.id,
        byName: user.displayName,
      })
      .returning();
    const { previousSnapshot: _p, snapshot: _s, ...auditable } = row;
    await recordAudit(tx, { actor: auditActor(user), entity: 'work_order_correction', entityId: row.id, action: 'create', after: auditable });
    await notify(
      tx,
      (await staffWithRoles(tx, ['dispatcher', 'service_manager'])).filter((u) => u !== user.id),
      'correction_to_review',
      { number: wo.number, version: toVersion, reason: input.reason },
      { entity: 'work_order', id },
    );
    return next;
  });
}

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
