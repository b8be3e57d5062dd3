// Electronic signatures (issue 14 §6, R-AU-1). Pure: no I/O.
//
// A signature binds a person, a moment and a meaning to the exact content signed: the sha256 of
// its canonical JSON (keys sorted, so the same content always hashes the same). Changing the
// content afterwards makes `verifyContent` false — the signature then no longer covers it.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/audit.ts';

/** What each kind of signature means, in the words printed with it (zh-CN / en-US). */
export const SIGNATURE_MEANINGS = {
  acceptance: '验收签字：设备安装调试合格，同意验收 / Acceptance: installed, commissioned and accepted',
  review: '审核签字：工单内容真实完整，同意归档 / Review: the work order is true and complete, approved for the archive',
  hold_release: '解除停用：经验证安全，可以继续使用 / Hold released: verified safe for use',
  adverse_event_report: '不良事件报告：报告内容真实 / Adverse-event report: the report is true',
  campaign_closure: '召回/现场行动关闭：全部设备已处理 / Campaign closed: every affected unit is dealt with',
  branch_daily_report: '分公司日报审核签字：日报内容真实，同意报送总部 / Branch daily report reviewed and signed: true, forwarded to head office',
} as const;

export type SignatureMeaning = keyof typeof SIGNATURE_MEANINGS;

/** The sha256 (hex) a signature is bound to: the canonical JSON of what was signed. */
export function signedContentHash(content: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** True when `content` is still exactly what the signature covered. */
export function verifyContent(sig: { contentHash: string }, content: Record<string, unknown>): boolean {
  return signedContentHash(content) === sig.contentHash;
}

export interface SignatureManifest {
  signerName: string;
  signedAt: Date;
  meaningText: string;
  contentHash: string;
}

/**
 * The manifestation printed on a PDF (R-AU-1): name, time (company time zone, to the minute),
 * meaning, and the first 16 hex digits of the content hash so a printout can be matched to the
 * record. `timeZone` is the business calendar's.
 */
export function manifestationLine(sig: SignatureManifest, timeZone = 'Asia/Shanghai'): string {
  const at = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(sig.signedAt);
  return `电子签名 / e-signature: ${sig.signerName} · ${at} · ${sig.meaningText} · SHA-256 ${sig.contentHash.slice(0, 16)}…`;
}
