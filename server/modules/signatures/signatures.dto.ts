// The shared response piece for electronic signatures (issue 14 §6, R-AU-1): every detail DTO of
// a signed record (work order, installation, hold, …) lists its signatures in this one shape.
import { z } from 'zod';
import { schemaId } from '../../lib/dto.ts';
import type { ESignature } from './signatures.service.ts';

export const signatureDto = z
  .object({
    id: z.string(),
    signerName: z.string(),
    signedAt: z.string(),
    /** A key of SIGNATURE_MEANINGS (`acceptance`, `review`, `hold_release`, …). */
    meaning: z.string(),
    /** The meaning in the words printed with the signature, frozen at signing. */
    meaningText: z.string(),
    /** sha256 (hex) of the canonical JSON of the signed content. */
    contentHash: z.string(),
  })
  .meta(schemaId('ESignature'));

/** An e_signatures row as `signatureDto`. */
export function presentSignature(s: ESignature): z.infer<typeof signatureDto> {
  return { id: s.id, signerName: s.signerName, signedAt: s.signedAt.toISOString(), meaning: s.meaning, meaningText: s.meaningText, contentHash: s.contentHash };
}
