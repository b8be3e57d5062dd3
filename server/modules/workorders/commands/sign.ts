import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { customerScope, type Principal } from '../../../lib/access.ts';
import { canonicalJson, recordAudit } from '../../../lib/audit.ts';
import { AppError } from '../../../lib/errors.ts';
import { tellHospitalSurvey } from '../../notifications/index.ts';
import { openAtSignOff } from '../../surveys/index.ts';
import { assertVersion, auditActor, loadFor, stepTime } from '../workorders.access.ts';
import type { signBody } from '../workorders.dto.ts';
import { isPngDataUrl } from '../workorders.rules.ts';
import { snapshotOf } from '../workorders.snapshot.ts';
import { applyTransition } from '../workorders.step.ts';
import { workOrderSignatures } from '../workorders.tables.ts';

/** The DTO refuses a bad image with 400; callers that bypass HTTP are held to the same rule. */
export function assertPngDataUrl(dataUrl: string) {
  if (!isPngDataUrl(dataUrl)) throw new AppError(400, 'signature_invalid', {}, [{ field: 'signaturePng', code: 'invalid' }]);
}

/**
 * R-WO-4: the customer confirms by name, drawn signature and time; the signature records its
 * meaning and the hash of the exact content signed, and the work order is frozen.
 */
export async function sign(
  db: Db,
  user: Principal,
  id: string,
  input: z.infer<typeof signBody>,
  received = new Date(),
  opts: { surveySecret?: string; clientAt?: Date } = {},
) {
  assertPngDataUrl(input.signaturePng);
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, id, true);
    assertVersion(wo, input.version);
    // Issue 16 §1: signed on the phone offline — the signature's time is the phone's (bounded).
    const now = stepTime(wo, opts.clientAt, received);
    const snapshot = await snapshotOf(tx, wo);
    const contentHash = createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
    const next = await applyTransition(tx, user, wo, 'signed_off', null, now);
    const [signature] = await tx
      .insert(workOrderSignatures)
      .values({
        workOrderId: id,
        contentVersion: wo.contentVersion,
        signerName: input.signerName,
        signerUserId: customerScope(user) !== null ? user.id : null,
        meaning: input.meaning,
        signedAt: now,
        imagePng: input.signaturePng,
        snapshot,
        contentHash,
        recordedBy: user.id,
      })
      .returning();
    const { imagePng: _img, snapshot: _s, ...auditable } = signature;
    await recordAudit(tx, { actor: auditActor(user), entity: 'work_order_signature', entityId: signature.id, action: 'sign', after: auditable });
    // Right after signing, the survey and its link (R-SV-1, R-CN-1).
    const survey = await openAtSignOff(tx, auditActor(user), next, opts.surveySecret ?? null, now);
    if (survey) await tellHospitalSurvey(tx, next, survey);
    return { workOrder: next, signatureId: signature.id, contentHash };
  });
}
