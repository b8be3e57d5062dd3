// The signatures module's public face (issue 14 §6, R-AU-1): re-authentication, the signature
// record bound to a content hash, and the manifestation printed on PDFs. Import from here only;
// the table comes from server/db/schema.ts (server/boundaries.test.ts).

export { presentSignature, signatureDto } from './signatures.dto.ts';
export {
  manifestationLine,
  SIGNATURE_MEANINGS,
  type SignatureManifest,
  type SignatureMeaning,
  signedContentHash,
  verifyContent,
} from './signatures.rules.ts';
export { type ESignature, reauthenticate, recordSignature, signaturesOf } from './signatures.service.ts';
