// Signature rules (issue 14 §6, R-AU-1): the hash binds to the content whatever the key order,
// changes with any value, and the manifestation prints name, time, meaning and the hash prefix.
import { describe, expect, it } from 'vitest';
import { manifestationLine, SIGNATURE_MEANINGS, signedContentHash, verifyContent } from './signatures.rules.ts';

describe('a signature is bound to exactly what was signed (R-AU-1)', () => {
  it('the hash is the same whatever the key order, and differs when any value changes', () => {
    expect(signedContentHash({ a: 1, b: 'x' })).toBe(signedContentHash({ b: 'x', a: 1 }));
    expect(signedContentHash({ a: 1, b: 'x' })).not.toBe(signedContentHash({ a: 1, b: 'y' }));
    expect(signedContentHash({ a: { c: [1, 2] } })).not.toBe(signedContentHash({ a: { c: [2, 1] } }));
  });

  it('content changed after signing no longer verifies', () => {
    const sig = { contentHash: signedContentHash({ result: '合格' }) };
    expect(verifyContent(sig, { result: '合格' })).toBe(true);
    expect(verifyContent(sig, { result: '不合格' })).toBe(false);
  });

  it('the printed manifestation names the signer, the time in the company zone, the meaning and the hash', () => {
    const line = manifestationLine({
      signerName: '钱质量',
      signedAt: new Date('2026-12-07T02:05:00Z'),
      meaningText: SIGNATURE_MEANINGS.hold_release,
      contentHash: 'ab'.repeat(32),
    });
    expect(line).toContain('钱质量');
    expect(line).toContain('2026-12-07 10:05');
    expect(line).toContain('解除停用');
    expect(line).toContain('abababababababab');
  });
});
