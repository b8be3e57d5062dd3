// Electronic signatures (issue 14 §6, R-AU-1): re-authenticate the signer, then record the
// signature inside the caller's transaction, so the signed change and its signature commit or
// vanish together. Re-authentication runs before the transaction: argon2 takes tens of
// milliseconds and must not hold row locks.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import { SIGNATURE_MEANINGS, type SignatureMeaning, signedContentHash } from './signatures.rules.ts';
import { eSignatures } from './signatures.tables.ts';

export type ESignature = typeof eSignatures.$inferSelect;

/** R-AU-1: the signer proves it is them again. Wrong or missing password → 422 naming the field, nothing written. */
export async function reauthenticate(ex: Executor, user: Principal, password: string | null | undefined): Promise<void> {
  const [u] = await ex.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!u || !password || !(await verifyPassword(u.hash, password))) {
    throw new AppError(422, 'signature_password_invalid', {}, [{ field: 'password', code: 'password_invalid' }]);
  }
}

/**
 * Records a signature over `content` (call `reauthenticate` first, outside the transaction).
 * The signature's time is part of the signed content, so two signatures of the same record differ.
 */
export async function recordSignature(
  tx: Executor,
  user: Principal,
  input: { meaning: SignatureMeaning; entity: string; entityId: string; content: Record<string, unknown> },
): Promise<ESignature> {
  const signedAt = clockNow();
  const meaningText = SIGNATURE_MEANINGS[input.meaning];
  const contentHash = signedContentHash({ ...input.content, signer: user.id, signedAt: signedAt.toISOString(), meaning: meaningText });
  const [row] = await tx
    .insert(eSignatures)
    .values({
      entity: input.entity,
      entityId: input.entityId,
      meaning: input.meaning,
      meaningText,
      signerId: user.id,
      signerName: user.displayName,
      signedAt,
      contentHash,
    })
    .returning();
  await recordAudit(tx, { actor: { id: user.id, name: user.displayName }, entity: 'e_signature', entityId: row.id, action: 'sign', after: row });
  return row;
}

/** The signatures of these records, oldest first (for pages and PDFs). */
export async function signaturesOf(ex: Executor, entity: string, entityIds: readonly string[]): Promise<ESignature[]> {
  if (entityIds.length === 0) return [];
  return ex
    .select()
    .from(eSignatures)
    .where(and(eq(eSignatures.entity, entity), inArray(eSignatures.entityId, [...entityIds])))
    .orderBy(asc(eSignatures.signedAt));
}
