// Maintenance templates (issue 13 §1, R-PM-1; seed 004 §4 预防为主: 清洁、润滑、紧固、校准、更换易损件,
// 运行参数): the pure rules. What a template may hold, which template a device gets, and whether a
// reading is inside the check's range (the visit screen flags out-of-range readings with it).

export const TASK_KINDS = ['clean', 'lubricate', 'tighten', 'calibrate', 'replace', 'check', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const INTERVAL_MONTHS = { min: 1, max: 24 } as const;
export const PHOTOS_MAX = 20;

export interface MaintenanceTask {
  key: string;
  label: string;
  kind: TaskKind;
}
/** A reading to take: a numeric range (min and/or max, in `unit`) or, for a pass/fail check, the expected text. */
export interface MaintenanceCheck {
  key: string;
  label: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  expected: string | null;
}
export interface KitLine {
  partCode: string;
  qty: number;
}

export interface TemplateShape {
  intervalMonths: number;
  estimatedMinutes: number;
  minOnSiteMinutes: number;
  photosRequired: number;
  tasks: MaintenanceTask[];
  checks: MaintenanceCheck[];
  partsKit: KitLine[];
}

export interface Problem {
  field: string;
  code: 'duplicate' | 'too_small' | 'too_big' | 'range_order' | 'range_or_expected' | 'required';
  params?: Record<string, unknown>;
}

const hasRange = (c: Pick<MaintenanceCheck, 'min' | 'max'>) => c.min != null || c.max != null;
const hasExpected = (c: Pick<MaintenanceCheck, 'expected'>) => c.expected != null && c.expected.trim() !== '';

/**
 * Everything wrong with a template, each naming its field (`checks.2.max`), in field order; empty
 * when it may be saved. Keys are unique across tasks and checks (a visit records both by key).
 */
export function templateProblems(t: TemplateShape): Problem[] {
  const out: Problem[] = [];
  if (t.intervalMonths < INTERVAL_MONTHS.min) out.push({ field: 'intervalMonths', code: 'too_small', params: { minimum: INTERVAL_MONTHS.min } });
  if (t.intervalMonths > INTERVAL_MONTHS.max) out.push({ field: 'intervalMonths', code: 'too_big', params: { maximum: INTERVAL_MONTHS.max } });
  if (t.minOnSiteMinutes > t.estimatedMinutes) out.push({ field: 'minOnSiteMinutes', code: 'too_big', params: { maximum: t.estimatedMinutes } });
  if (t.photosRequired < 0) out.push({ field: 'photosRequired', code: 'too_small', params: { minimum: 0 } });
  if (t.photosRequired > PHOTOS_MAX) out.push({ field: 'photosRequired', code: 'too_big', params: { maximum: PHOTOS_MAX } });
  if (t.tasks.length === 0 && t.checks.length === 0) out.push({ field: 'tasks', code: 'required' });
  const seen = new Set<string>();
  t.tasks.forEach((task, i) => {
    if (seen.has(task.key)) out.push({ field: `tasks.${i}.key`, code: 'duplicate' });
    seen.add(task.key);
  });
  t.checks.forEach((c, i) => {
    if (seen.has(c.key)) out.push({ field: `checks.${i}.key`, code: 'duplicate' });
    seen.add(c.key);
    if (hasRange(c) === hasExpected(c)) out.push({ field: `checks.${i}.${hasRange(c) ? 'expected' : 'min'}`, code: 'range_or_expected' });
    else if (c.min != null && c.max != null && c.min > c.max) out.push({ field: `checks.${i}.max`, code: 'range_order', params: { min: c.min } });
  });
  const parts = new Set<string>();
  t.partsKit.forEach((k, i) => {
    const code = k.partCode.toLowerCase();
    if (parts.has(code)) out.push({ field: `partsKit.${i}.partCode`, code: 'duplicate' });
    parts.add(code);
  });
  return out;
}

/** The template a device gets: its model's own, else its category's, else none (R-PM-1). */
export function templateFor<T extends { modelId: string | null; category: string | null }>(
  templates: readonly T[],
  model: { id: string; category: string },
): T | null {
  return templates.find((t) => t.modelId === model.id) ?? templates.find((t) => t.modelId == null && t.category === model.category) ?? null;
}

export type ReadingStatus = 'in_range' | 'low' | 'high' | 'not_applicable';

/**
 * Where a reading falls against its check: below min → low, above max → high (bounds included in
 * range). A pass/fail check (expected text, no range), an empty or non-numeric value is
 * not_applicable: there is nothing to compare on a scale.
 */
export function readingStatus(check: Pick<MaintenanceCheck, 'min' | 'max'>, value: number | string | null | undefined): ReadingStatus {
  if (!hasRange(check)) return 'not_applicable';
  if (value == null || (typeof value === 'string' && value.trim() === '')) return 'not_applicable';
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(n)) return 'not_applicable';
  if (check.min != null && n < check.min) return 'low';
  if (check.max != null && n > check.max) return 'high';
  return 'in_range';
}
