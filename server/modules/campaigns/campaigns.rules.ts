// Recall and field-action rules (召回 / 现场安全通知 / 技术升级, issue 14 §3, R-REG-3, R-UP-1). Pure: no I/O.
import type { CAMPAIGN_TYPES, UNIT_OUTCOMES } from './campaigns.tables.ts';

export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export type UnitOutcome = (typeof UNIT_OUTCOMES)[number];

/** R-REG-3 defaults: every affected customer told within 1 / 3 / 7 days for class I / II / III. */
export const DEFAULT_DEADLINE_DAYS: Record<CampaignType, number> = {
  recall_1: 1,
  recall_2: 3,
  recall_3: 7,
  field_safety_notice: 3,
  technical_upgrade: 7,
  spec_change: 7,
};

/** R-UP-1 (seed 004 根据客户意愿): only a technical upgrade waits for the customer's consent. */
export const needsConsent = (type: CampaignType) => type === 'technical_upgrade';

/** Seed 003 保修期内免费…保修期外收取适当的成本费: only upgrades are charged, and only out of warranty. */
export function unitFee(type: CampaignType, inWarranty: boolean, costFee: string | null): string {
  if (type !== 'technical_upgrade' || inWarranty || !costFee) return '0';
  return costFee;
}

/** In warranty on `today` (company-local YYYY-MM-DD) by the device's warranty end or a covering contract. */
export const inWarrantyOn = (today: string, warrantyEnd: string | null, contractEnd: string | null) =>
  (warrantyEnd !== null && warrantyEnd >= today) || (contractEnd !== null && contractEnd >= today);

// ---- serial ranges ------------------------------------------------------------------------------

export type SerialRange = { kind: 'numeric'; prefix: string; lo: bigint; hi: bigint } | { kind: 'lexical'; lo: string; hi: string };

const SPLIT = /^(.*?)(\d+)$/;

/**
 * A serial range from its two ends. When both ends share a prefix and end in digits
 * (SN-0098 … SN-0102, or SN-98 … SN-102) the range is numeric on the trailing number within that
 * prefix, so SN-99 falls inside and SN-1000 does not; otherwise it is lexicographic (code-point
 * order). Null when the ends are reversed.
 */
export function serialRange(from: string, to: string): SerialRange | null {
  const a = SPLIT.exec(from.trim());
  const b = SPLIT.exec(to.trim());
  if (a && b && a[1].toLowerCase() === b[1].toLowerCase()) {
    const lo = BigInt(a[2]);
    const hi = BigInt(b[2]);
    return lo <= hi ? { kind: 'numeric', prefix: a[1].toLowerCase(), lo, hi } : null;
  }
  const lo = from.trim().toLowerCase();
  const hi = to.trim().toLowerCase();
  return lo <= hi ? { kind: 'lexical', lo, hi } : null;
}

/** Whether a serial is in the range (the same test the selection's SQL makes). */
export function inSerialRange(serial: string, r: SerialRange): boolean {
  const s = serial.trim().toLowerCase();
  if (r.kind === 'lexical') return s >= r.lo && s <= r.hi;
  const m = SPLIT.exec(s);
  if (!m || m[1] !== r.prefix) return false;
  const n = BigInt(m[2]);
  return n >= r.lo && n <= r.hi;
}

/** Serials of an uploaded list: trimmed, de-duplicated, blanks and header words dropped. */
export function serialsOfList(cells: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const c of cells) {
    const s = String(c ?? '').trim();
    if (!s || /^(序列号|serial( ?(no\.?|number))?|sn)$/i.test(s)) continue;
    out.add(s);
  }
  return [...out];
}

// ---- an uploaded file of serials (R-REG-3) ----------------------------------------------------------

/** The most data rows and bytes a file of serials may have. */
export const SERIAL_FILE_MAX_ROWS = 5000;
export const SERIAL_FILE_MAX_BYTES = 5 * 1024 * 1024;
const SERIAL_HEADER = /^(序列号|设备序列号|出厂编号|serial( ?(no\.?|number))?|s\/?n)$/i;

export type SerialLineReason = 'unknown' | 'duplicate' | 'other_model';
export interface SerialFileLine {
  row: number;
  serial: string;
}

/**
 * The serials of a sheet, with their row numbers as Excel shows them: the column headed 序列号 /
 * Serial number (or the first column when there is no header row), blanks left out. `header` is
 * the header's row number, null without one.
 */
export function serialFileLines(rows: readonly { row: number; cells: readonly unknown[] }[]): { header: number | null; lines: SerialFileLine[] } {
  const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());
  const first = rows.find((r) => r.cells.some((c) => text(c) !== ''));
  let column = 0;
  let header: number | null = null;
  if (first) {
    const at = first.cells.findIndex((c) => SERIAL_HEADER.test(text(c)));
    if (at >= 0) {
      column = at;
      header = first.row;
    }
  }
  const lines: SerialFileLine[] = [];
  for (const r of rows) {
    if (r.row === header) continue;
    const serial = text(r.cells[column]);
    if (serial) lines.push({ row: r.row, serial });
  }
  return { header, lines };
}

/**
 * Which lines select a unit (R-REG-3): a serial known as a unit in service (case-insensitive), of
 * the campaign's model when one is chosen, the first time it appears; the rest are reported with
 * their row and why — unknown serial, a repeat of an earlier row, a unit of another model.
 */
export function matchSerialLines(
  lines: readonly SerialFileLine[],
  units: ReadonlyMap<string, { serial: string; modelId: string }>,
  modelId?: string,
): { serials: string[]; unmatched: (SerialFileLine & { reason: SerialLineReason; firstRow?: number })[] } {
  const seen = new Map<string, number>();
  const serials: string[] = [];
  const unmatched: (SerialFileLine & { reason: SerialLineReason; firstRow?: number })[] = [];
  for (const l of lines) {
    const key = l.serial.toLowerCase();
    const firstRow = seen.get(key);
    if (firstRow !== undefined) {
      unmatched.push({ ...l, reason: 'duplicate', firstRow });
      continue;
    }
    seen.set(key, l.row);
    const unit = units.get(key);
    if (!unit) unmatched.push({ ...l, reason: 'unknown' });
    else if (modelId && unit.modelId !== modelId) unmatched.push({ ...l, reason: 'other_model' });
    else serials.push(unit.serial);
  }
  return { serials, unmatched };
}

// ---- notices and closure --------------------------------------------------------------------------

/** The instant by which every customer must have been told (and acknowledge, else escalate). */
export const noticeDeadline = (startedAt: Date, days: number) => new Date(startedAt.getTime() + days * 86_400_000);

export const noticeOverdue = (n: { ackAt: Date | null }, startedAt: Date | null, days: number, now: Date) =>
  n.ackAt === null && startedAt !== null && now.getTime() > noticeDeadline(startedAt, days).getTime();

export type ResolveRefusal =
  | 'campaign_unit_refuse_by_consent'
  | 'campaign_consent_required'
  | 'campaign_unit_verification_required'
  | 'campaign_unit_wo_open'
  | 'campaign_unit_reason_required';

/**
 * Why a unit may not be resolved with this outcome (null when it may): corrected/replaced need the
 * verification (测试和验证) and, when a work order carries the job, that it is resolved; not_found
 * needs a reason; consent_refused comes only from the consent step.
 */
export function resolveRefusal(
  input: { outcome: UnitOutcome; reason?: string | null; verification?: string | null },
  workOrderDone: boolean | null,
  consent: string | null,
): { error: ResolveRefusal; on: string } | null {
  const has = (s: string | null | undefined) => !!s && s.trim().length > 0;
  if (input.outcome === 'consent_refused') return { error: 'campaign_unit_refuse_by_consent', on: 'outcome' };
  if (input.outcome === 'corrected' || input.outcome === 'replaced') {
    if (consent === 'pending' || consent === 'refused') return { error: 'campaign_consent_required', on: 'outcome' };
    if (!has(input.verification)) return { error: 'campaign_unit_verification_required', on: 'verification' };
    if (workOrderDone === false) return { error: 'campaign_unit_wo_open', on: 'outcome' };
  }
  if (input.outcome === 'not_found' && !has(input.reason)) return { error: 'campaign_unit_reason_required', on: 'reason' };
  return null;
}

/** A campaign closes only when every unit is resolved (R-REG-3); the count of those still open. */
export const closeRefusal = (status: string, openUnits: number, frozen: boolean) =>
  status === 'closed' ? 'campaign_closed' : !frozen || status === 'draft' ? 'campaign_not_started' : openUnits > 0 ? 'campaign_units_open' : null;
