// Maintenance templates (issue 13 §1, R-PM-1; seed 004 §4 保养: 清洁、润滑、紧固、校准、更换易损件,
// 运行参数): the service manager keeps one per model or per device category; everyone on the
// service side reads them, and a device resolves to its model's own, else its category's. Every
// write is one transaction, audited (entity `maintenance_template`); a stale version gets 409.
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { deviceModels, parts } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError, type FieldError, notFound } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { type KitLine, type MaintenanceCheck, type MaintenanceTask, type TemplateShape, templateFor, templateProblems } from './maintenance.rules.ts';
import { maintenanceTemplates } from './maintenance.tables.ts';

export type MaintenanceTemplate = typeof maintenanceTemplates.$inferSelect;
type Category = NonNullable<MaintenanceTemplate['category']>;
const actorOf = (u: Principal | Actor): Actor => ('displayName' in u ? { id: u.id, name: u.displayName } : u);

export interface TemplateInput {
  modelId?: string | null;
  category?: Category | null;
  name: string;
  intervalMonths: number;
  estimatedMinutes: number;
  minOnSiteMinutes: number;
  photosRequired: number;
  tasks: MaintenanceTask[];
  checks: { key: string; label: string; unit?: string | null; min?: number | null; max?: number | null; expected?: string | null }[];
  partsKit?: KitLine[];
}

/** Validated, normalised values of a template, or a 422 naming every bad field. */
async function valuesOf(ex: Executor, input: TemplateInput) {
  const checks: MaintenanceCheck[] = input.checks.map((c) => ({
    key: c.key,
    label: c.label,
    unit: c.unit ?? null,
    min: c.min ?? null,
    max: c.max ?? null,
    expected: c.expected ?? null,
  }));
  const shape: TemplateShape = { ...input, checks, partsKit: input.partsKit ?? [] };
  const fields: FieldError[] = [];
  // Exactly one scope: a model, or a device category.
  if (!input.modelId && !input.category) fields.push({ field: 'modelId', code: 'required' });
  if (input.modelId && input.category) fields.push({ field: 'category', code: 'invalid' });
  fields.push(...templateProblems(shape));
  // The parts kit names parts of the catalogue (active ones), stored with the catalogue's spelling.
  const codes = shape.partsKit.map((k) => k.partCode.toLowerCase());
  const known = codes.length
    ? await ex
        .select({ code: parts.code })
        .from(parts)
        .where(and(inArray(sql`lower(${parts.code})`, codes), eq(parts.active, true)))
    : [];
  const byLower = new Map(known.map((p) => [p.code.toLowerCase(), p.code]));
  shape.partsKit.forEach((k, i) => {
    if (!byLower.has(k.partCode.toLowerCase())) fields.push({ field: `partsKit.${i}.partCode`, code: 'not_found' });
  });
  if (fields.length) throw new AppError(422, 'validation_failed', {}, fields);
  return {
    modelId: input.modelId ?? null,
    category: input.modelId ? null : (input.category ?? null),
    name: input.name,
    intervalMonths: input.intervalMonths,
    estimatedMinutes: input.estimatedMinutes,
    minOnSiteMinutes: input.minOnSiteMinutes,
    photosRequired: input.photosRequired,
    tasks: input.tasks,
    checks,
    partsKit: shape.partsKit.map((k) => ({ partCode: byLower.get(k.partCode.toLowerCase()) as string, qty: k.qty })),
  };
}

export async function createTemplate(db: Db, who: Principal | Actor, input: TemplateInput) {
  return db.transaction(async (tx) => insertAudited(tx, actorOf(who), 'maintenance_template', maintenanceTemplates, await valuesOf(tx, input)));
}

export async function updateTemplate(db: Db, who: Principal | Actor, id: string, input: TemplateInput & { version: number }) {
  return db.transaction(async (tx) => {
    const current = await lockById(tx, maintenanceTemplates, id);
    const values = await valuesOf(tx, input);
    return updateAudited(tx, actorOf(who), 'maintenance_template', maintenanceTemplates, id, input.version, values, current);
  });
}

// ---- reading ---------------------------------------------------------------------------------

const columns = {
  t: maintenanceTemplates,
  modelCode: deviceModels.code,
  modelName: deviceModels.name,
};

async function withNames(ex: Executor, rows: { t: MaintenanceTemplate; modelCode: string | null; modelName: string | null }[]) {
  const codes = [...new Set(rows.flatMap((r) => r.t.partsKit.map((k) => k.partCode)))];
  const names = codes.length ? await ex.select({ code: parts.code, name: parts.name }).from(parts).where(inArray(parts.code, codes)) : [];
  const nameOf = new Map(names.map((p) => [p.code, p.name]));
  return rows.map((r) => ({
    ...r.t,
    modelCode: r.modelCode,
    modelName: r.modelName,
    partsKit: r.t.partsKit.map((k) => ({ ...k, partName: nameOf.get(k.partCode) ?? null })),
  }));
}

export async function listTemplates(ex: Executor, q: { q?: string; sort?: string; page: number; pageSize: number; modelId?: string; category?: Category }) {
  const text = q.q?.trim();
  const where = allOf(
    q.modelId ? eq(maintenanceTemplates.modelId, q.modelId) : undefined,
    q.category ? sql`coalesce(${maintenanceTemplates.category}, ${deviceModels.category}) = ${q.category}` : undefined,
    text
      ? sql`(${maintenanceTemplates.name} ilike ${likePattern(text)} or ${deviceModels.name} ilike ${likePattern(text)} or ${deviceModels.code} ilike ${likePattern(text)})`
      : undefined,
  );
  const key = q.sort?.replace(/^-/, '') === 'updatedAt' ? maintenanceTemplates.updatedAt : maintenanceTemplates.name;
  const order: SQL[] = [q.sort?.startsWith('-') ? desc(key) : asc(key), asc(maintenanceTemplates.id)];
  const rows = await ex
    .select(columns)
    .from(maintenanceTemplates)
    .leftJoin(deviceModels, eq(deviceModels.id, maintenanceTemplates.modelId))
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(maintenanceTemplates)
    .leftJoin(deviceModels, eq(deviceModels.id, maintenanceTemplates.modelId))
    .where(where);
  return { items: await withNames(ex, rows), total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function getTemplate(ex: Executor, id: string) {
  const rows = await ex
    .select(columns)
    .from(maintenanceTemplates)
    .leftJoin(deviceModels, eq(deviceModels.id, maintenanceTemplates.modelId))
    .where(eq(maintenanceTemplates.id, id));
  if (!rows.length) throw notFound();
  return (await withNames(ex, rows))[0];
}

/** The template a unit of this model follows (its own, else its category's); 404 for an unknown model or when none applies. */
export async function templateForModel(ex: Executor, modelId: string) {
  const [m] = await ex.select({ id: deviceModels.id, category: deviceModels.category }).from(deviceModels).where(eq(deviceModels.id, modelId));
  if (!m) throw notFound();
  const candidates = await ex
    .select({ id: maintenanceTemplates.id, modelId: maintenanceTemplates.modelId, category: maintenanceTemplates.category })
    .from(maintenanceTemplates)
    .where(sql`${maintenanceTemplates.modelId} = ${m.id} or ${maintenanceTemplates.category} = ${m.category}`);
  const hit = templateFor(candidates, m);
  if (!hit) throw notFound();
  return getTemplate(ex, hit.id);
}
