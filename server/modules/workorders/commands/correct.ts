// Corrections of a reviewed report (R-WO-5): a reviewed or closed service report is never
// edited. A correction opens a new content version carrying the changed fields and the reason;
// the reviewed version stays as it was (its signature snapshot, its review) and the new one
// goes back to customer service for review. Every version can be read back (queries/versions.ts).
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../lib/access.ts';
import { recordAudit } from '../../../lib/audit.ts';
import { AppError } from '../../../lib/errors.ts';
import { updateAudited } from '../../../lib/records.ts';
import { notify, staffWithRoles } from '../../notifications/index.ts';
import { assertVersion, auditActor, loadFor } from '../workorders.access.ts';
import type { correctionBody } from '../workorders.dto.ts';
import { hashOf, snapshotOf } from '../workorders.snapshot.ts';
import { workOrderCorrections, workOrderEvents, workOrders } from '../workorders.tables.ts';

const CORRECTABLE = new Set(['reviewed', 'closed']);
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
