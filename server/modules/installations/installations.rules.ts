// Installation and acceptance (R-IN-1; seed 004 §3, seed 003, seed 002 part 1): the pure rules —
// the status machine, the site check that blocks installation, commissioning consent, the three
// acceptance signatures, the handover due date and the per-accessory warranty.

import { addDays } from '../../lib/calendar.ts';

/** 安装通知 → 现场检查 → 安装 → 调试 → 验收 → 移交 (R-IN-1), with cancel. */
export const INSTALLATION_STATUSES = [
  'notified',
  'site_check_failed',
  'site_checked',
  'installing',
  'commissioned',
  'accepted',
  'handed_over',
  'cancelled',
] as const;
export type InstallationStatus = (typeof INSTALLATION_STATUSES)[number];

/** Every allowed step. The site check may be done again (a failed item re-checked). */
export const TRANSITIONS: Record<InstallationStatus, readonly InstallationStatus[]> = {
  notified: ['site_checked', 'site_check_failed', 'cancelled'],
  site_check_failed: ['site_checked', 'site_check_failed', 'cancelled'],
  site_checked: ['site_checked', 'site_check_failed', 'installing', 'cancelled'],
  installing: ['commissioned', 'cancelled'],
  commissioned: ['accepted', 'cancelled'],
  accepted: ['handed_over'],
  handed_over: [],
  cancelled: [],
};

export const canTransition = (from: InstallationStatus, to: InstallationStatus) => TRANSITIONS[from].includes(to);

// ---- site check (安装前现场检查) -------------------------------------------------------------

export interface TemplateItem {
  key: string;
  label: string;
  /** Commissioning: the expected value or limits (e.g. "220V ±10%"). */
  expected?: string | null;
}

/** R-IN-1 / seed 004 §3: power, water, ventilation, space and environment before installing. */
export const DEFAULT_SITE_CHECK: TemplateItem[] = [
  { key: 'power', label: '电源（电压、容量、接地）' },
  { key: 'water', label: '水源及排水' },
  { key: 'ventilation', label: '通风' },
  { key: 'space', label: '场地空间及搬运通道' },
  { key: 'environment', label: '环境（温度、湿度、洁净度）' },
];
/** Radiotherapy rooms (seed 004) add their own: shielding and the door interlock. */
export const RADIOTHERAPY_SITE_CHECK: TemplateItem[] = [
  ...DEFAULT_SITE_CHECK,
  { key: 'shielding', label: '机房屏蔽防护（辐射防护验收）' },
  { key: 'interlock', label: '门机联锁及急停' },
];
/** Commissioning (安装调试) default items: the model's template replaces them. */
export const DEFAULT_COMMISSIONING: TemplateItem[] = [
  { key: 'power_on', label: '开机自检', expected: '通过' },
  { key: 'functions', label: '各项功能运行', expected: '正常' },
  { key: 'safety', label: '电气安全（漏电流）', expected: '符合 GB 9706.1' },
  { key: 'performance', label: '主要性能指标', expected: '符合产品技术要求' },
];

export const defaultTemplate = (kind: 'site_check' | 'commissioning', category: string | null): TemplateItem[] =>
  kind === 'commissioning' ? DEFAULT_COMMISSIONING : category === 'linac' ? RADIOTHERAPY_SITE_CHECK : DEFAULT_SITE_CHECK;

export interface SiteCheckItem {
  key: string;
  label: string;
  result: 'pass' | 'fail';
  note: string | null;
  /** A manager's waiver of a failed item: reason, who, when (audited). */
  waiver: { reason: string; byName: string; at: string } | null;
}

/** Items that block installation: failed and not waived (R-IN-1: a failed item blocks until resolved or waived). */
export const blockingItems = (items: readonly SiteCheckItem[]) => items.filter((i) => i.result === 'fail' && !i.waiver);

/** The site check's outcome: every template item answered, none blocking. Missing keys are reported. */
export function siteCheckOutcome(
  template: readonly TemplateItem[],
  items: readonly SiteCheckItem[],
): { status: 'site_checked' | 'site_check_failed'; missing: string[]; blocking: string[] } {
  const keys = new Set(items.map((i) => i.key));
  const missing = template.filter((t) => !keys.has(t.key)).map((t) => t.key);
  const blocking = blockingItems(items).map((i) => i.key);
  return { status: missing.length === 0 && blocking.length === 0 ? 'site_checked' : 'site_check_failed', missing, blocking };
}

/** A waiver needs a reason (R-IN-1) and only a failed item can be waived. */
export function decideWaiver(
  item: SiteCheckItem | undefined,
  reason: string | null | undefined,
): { ok: true } | { ok: false; field: string; code: 'required' | 'invalid' } {
  if (item?.result !== 'fail') return { ok: false, field: 'key', code: 'invalid' };
  if (!reason?.trim()) return { ok: false, field: 'reason', code: 'required' };
  return { ok: true };
}

// ---- acceptance (验收): three parties, each signature with its meaning ----------------------

export const PARTIES = ['service', 'customer', 'quality'] as const;
export type Party = (typeof PARTIES)[number];
/** What each signature means (R-IN-1; seed 003 产品验收证明书). */
export const SIGNATURE_MEANING: Record<Party, string> = {
  service: '安装调试完成',
  customer: '设备验收合格',
  quality: '质量检验合格',
};
/**
 * What an acceptance signature signs (issue 14 §6, R-AU-1): the installation's acceptance facts —
 * its number, the unit's serial, the commissioning results, the acceptance date (the signing day:
 * the third signature makes it the device's acceptance date), the party, its meaning and the name
 * typed. The staff parties (service, quality) re-enter their password and sign it as an
 * e_signatures row (meaning 'acceptance'); the customer signs on the engineer's tablet with a
 * drawn signature and a name and has no account, so there is no signer to re-authenticate and
 * no e_signatures row (its signer must be a user) — instead the sha256 of this same content
 * (plus its signing instant) is stored on the customer's installation_signatures row and printed
 * with it, so the drawn signature is bound to exactly these facts too.
 */
export function acceptanceContent(i: {
  number: string;
  serialNumber: string;
  commissioning: readonly { key: string; label: string; expected: string | null; measured: string; passed: boolean }[];
  acceptanceDate: string;
  party: Party;
  signerName: string;
}): Record<string, unknown> {
  return {
    installation: i.number,
    serialNumber: i.serialNumber,
    commissioning: i.commissioning.map((c) => ({ key: c.key, label: c.label, expected: c.expected, measured: c.measured, passed: c.passed })),
    acceptanceDate: i.acceptanceDate,
    party: i.party,
    partyMeaning: SIGNATURE_MEANING[i.party],
    signerName: i.signerName,
  };
}

/** Accepted when the third party has signed. */
export const acceptanceComplete = (signed: readonly Party[]) => PARTIES.every((p) => signed.includes(p));

// ---- handover (项目移交, seed 002: 项目验收后两周内完成项目移交) -------------------------------

export const HANDOVER_ITEMS: TemplateItem[] = [
  { key: 'documents', label: '技术资料（说明书、维修手册、合格证等）' },
  { key: 'open_issues', label: '遗留问题及完成时间表' },
  { key: 'boundaries', label: '维护界面划分' },
  { key: 'warranty', label: '保修期限及保修期后的服务安排' },
  { key: 'faq', label: '常见问题解答' },
  { key: 'contacts', label: '紧急联系人及联系方式' },
];
export const HANDOVER_DAYS = 14;

/** Seed 002: handover within two weeks of acceptance. */
export const handoverDueOn = (acceptanceDate: string) => addDays(acceptanceDate, HANDOVER_DAYS);
export const handoverOverdue = (dueOn: string | null, handedOver: boolean, today: string) => Boolean(dueOn) && !handedOver && (dueOn as string) < today;

/** Operator training is due within this many days of acceptance (seed 003: 安装、调试运行、操作培训). */
export const TRAINING_DUE_DAYS = 7;

// ---- per-part / per-accessory warranty (seed 003: 穿刺器…2年质保…可免费更换新品(质保不延长)) ------

export interface AccessoryTerm {
  months: number;
  consumable: boolean;
}

/** The last covered day: acceptance + months − 1 day (the device warranty counts the same way). */
export function accessoryWarrantyEnd(acceptanceDate: string, months: number): string {
  const d = new Date(`${acceptanceDate}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Is an accessory covered on `at` (ISO date)? Consumables never are; the term runs from the
 * device's acceptance and a replacement part does not restart it (质保不延长): the same end date
 * applies whether or not `isReplacement`.
 */
export function accessoryCovered(term: AccessoryTerm, acceptanceDate: string | null, at: string, _isReplacement = false): boolean {
  if (term.consumable || !acceptanceDate || term.months <= 0) return false;
  if (at < acceptanceDate) return false;
  return at <= accessoryWarrantyEnd(acceptanceDate, term.months);
}

// ---- dead on arrival / installation defect (seed 003: 包修、包换、包退) ------------------------
export const DEFECT_DECISIONS = ['repair', 'exchange', 'return'] as const;
export type DefectDecision = (typeof DEFECT_DECISIONS)[number];

// ---- signatures --------------------------------------------------------------------------
/** A drawn signature is a PNG data URL: the same check as the work-order signature (R-WO-4). */
export { isPngDataUrl as isSignaturePng } from '../../lib/signature.ts';

export interface PartTerm extends AccessoryTerm {
  id: string;
  name: string;
  partNumber: string | null;
}

/**
 * The accessory term that makes a parts line free (issue 12 item 2; seed 003 穿刺器…2年质保…可免费
 * 更换新品(质保不延长)): a term of the device's model whose part number is the line's part code
 * (trimmed, case-insensitive), not a consumable, running on `day` from the device's acceptance —
 * never from an earlier replacement. Null: the line follows the job's category.
 */
export function partAccessoryCoverage(
  terms: readonly PartTerm[],
  partNo: string | null | undefined,
  acceptanceDate: string | null,
  day: string,
): { termId: string; name: string; warrantyEnd: string } | null {
  const code = partNo?.trim().toLowerCase();
  if (!code || !acceptanceDate) return null;
  for (const t of terms) {
    if (t.partNumber?.trim().toLowerCase() !== code) continue;
    if (!accessoryCovered(t, acceptanceDate, day)) continue;
    return { termId: t.id, name: t.name, warrantyEnd: accessoryWarrantyEnd(acceptanceDate, t.months) };
  }
  return null;
}
