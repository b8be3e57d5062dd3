// Service handbook use cases (售后服务手册, issue 15 §5, R-KB-1; seed 002): entries by model or
// category and fault code, drafted by hand or from a reviewed work order (one click; links back),
// submitted, reviewed and published by an expert / quality / service manager who is not the
// author; each publication freezes a new version (old ones stay readable and diff-able); the
// monthly what's-new; suggestions by model + fault text (Chinese bigrams, handbook.rules.ts).
// Every write is audited (entity `handbook_entry`) in its transaction; optimistic versions.
import { and, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Executor } from '../../db/client.ts';
import { deviceModels, devices, parts, workOrderParts, workOrders } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { recordAudit } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, updateAudited } from '../../lib/records.ts';
import { notify, staffWithRoles } from '../notifications/index.ts';
import { nextNumber } from '../system/index.ts';
import {
  digestMonthOf,
  entryGrams,
  type HandbookState,
  type HandbookStep,
  handbookDiff,
  handbookSelfReview,
  handbookStepAllowed,
  searchGrams,
  suggestionScore,
} from './handbook.rules.ts';
import { handbookDigests, handbookEntries, handbookFaultCodes, handbookVersions } from './handbook.tables.ts';

export type HandbookEntry = typeof handbookEntries.$inferSelect;
export type HandbookVersion = typeof handbookVersions.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });

export interface EntryInput {
  modelId?: string | null;
  category?: HandbookEntry['category'];
  faultCode?: string | null;
  title: string;
  symptoms: string;
  cause?: string | null;
  fix?: string | null;
  partCodes?: string[];
  tags?: string[];
}

const columns = { e: handbookEntries, modelName: deviceModels.name, modelCode: deviceModels.code, workOrderNumber: workOrders.number };
const joined = (ex: Executor) =>
  ex
    .select(columns)
    .from(handbookEntries)
    .leftJoin(deviceModels, eq(deviceModels.id, handbookEntries.modelId))
    .leftJoin(workOrders, eq(workOrders.id, handbookEntries.sourceWorkOrderId));
export type EntryRow = Awaited<ReturnType<typeof joined>>[number];

/** The entry's content checked: exactly one of model or category; a fault code from the model's table; known part codes. */
async function checkedContent(ex: Executor, input: EntryInput) {
  const modelId = input.modelId ?? null;
  const category = input.category ?? null;
  if ((modelId === null) === (category === null))
    throw new AppError(422, 'handbook_subject', {}, [{ field: modelId ? 'category' : 'modelId', code: 'invalid' }]);
  if (modelId) {
    const [m] = await ex.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.id, modelId));
    if (!m) throw invalidField('modelId', 'not_found');
  }
  const faultCode = input.faultCode?.trim() || null;
  if (faultCode && modelId) {
    const [fc] = await ex
      .select({ id: handbookFaultCodes.id })
      .from(handbookFaultCodes)
      .where(and(eq(handbookFaultCodes.modelId, modelId), eq(handbookFaultCodes.code, faultCode)));
    if (!fc) throw new AppError(422, 'handbook_fault_code_unknown', { code: faultCode }, [{ field: 'faultCode', code: 'invalid' }]);
  }
  const partCodes = [...new Set((input.partCodes ?? []).map((c) => c.trim()).filter(Boolean))];
  if (partCodes.length) {
    const known = new Set((await ex.select({ code: parts.code }).from(parts).where(inArray(parts.code, partCodes))).map((p) => p.code));
    const missing = partCodes.find((c) => !known.has(c));
    if (missing) throw new AppError(422, 'handbook_part_unknown', { code: missing }, [{ field: 'partCodes', code: 'invalid' }]);
  }
  return {
    modelId,
    category,
    faultCode,
    title: input.title.trim(),
    symptoms: input.symptoms.trim(),
    cause: input.cause?.trim() ?? '',
    fix: input.fix?.trim() ?? '',
    partCodes,
    tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
  };
}

// ---- reads ---------------------------------------------------------------------------------------

export interface EntryFilters {
  q?: string;
  modelId?: string;
  category?: HandbookEntry['category'];
  faultCode?: string;
  state?: HandbookState;
  workOrderId?: string;
  sort?: string;
}

export async function listEntries(db: Db, f: EntryFilters, page: number, pageSize: number) {
  const q = f.q ? likePattern(f.q) : null;
  const where = allOf(
    f.modelId ? eq(handbookEntries.modelId, f.modelId) : undefined,
    f.category ? eq(handbookEntries.category, f.category) : undefined,
    f.faultCode ? eq(handbookEntries.faultCode, f.faultCode) : undefined,
    f.state ? eq(handbookEntries.state, f.state) : undefined,
    f.workOrderId ? eq(handbookEntries.sourceWorkOrderId, f.workOrderId) : undefined,
    q
      ? or(
          ilike(handbookEntries.title, q),
          ilike(handbookEntries.symptoms, q),
          ilike(handbookEntries.number, q),
          ilike(handbookEntries.faultCode, q),
          ilike(handbookEntries.cause, q),
        )
      : undefined,
  );
  const order =
    f.sort === 'number'
      ? [handbookEntries.number]
      : f.sort === '-number'
        ? [desc(handbookEntries.number)]
        : f.sort === 'updatedAt'
          ? [handbookEntries.updatedAt, handbookEntries.id]
          : [desc(handbookEntries.updatedAt), handbookEntries.id];
  const rows = await joined(db)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(handbookEntries).where(where);
  return { rows, total: Number(n) };
}

export async function getEntry(ex: Executor, id: string): Promise<EntryRow> {
  const [row] = await joined(ex).where(eq(handbookEntries.id, id));
  if (!row) throw notFound();
  return row;
}

export async function versionsOf(ex: Executor, entryId: string): Promise<HandbookVersion[]> {
  return ex.select().from(handbookVersions).where(eq(handbookVersions.entryId, entryId)).orderBy(desc(handbookVersions.revision));
}

export async function getVersion(ex: Executor, entryId: string, revision: number): Promise<HandbookVersion> {
  const [v] = await ex
    .select()
    .from(handbookVersions)
    .where(and(eq(handbookVersions.entryId, entryId), eq(handbookVersions.revision, revision)));
  if (!v) throw notFound();
  return v;
}

/** Field-by-field differences between two published revisions of an entry. */
export async function diffVersions(ex: Executor, entryId: string, from: number, to: number) {
  const [a, b] = await Promise.all([getVersion(ex, entryId, from), getVersion(ex, entryId, to)]);
  return handbookDiff(a, b);
}

// ---- writes --------------------------------------------------------------------------------------

export async function createEntry(db: Db, user: Principal, input: EntryInput, sourceWorkOrderId: string | null = null): Promise<HandbookEntry> {
  return db.transaction(async (tx) => {
    const content = await checkedContent(tx, input);
    const now = clockNow();
    return insertAudited(tx, actorOf(user), 'handbook_entry', handbookEntries, {
      ...content,
      number: await nextNumber(tx, 'SC', now.getUTCFullYear()),
      authorId: user.id,
      authorName: user.displayName,
      sourceWorkOrderId,
    });
  });
}

async function lockFor(tx: Executor, id: string, version: number, step: HandbookStep): Promise<HandbookEntry> {
  const row = await lockById(tx, handbookEntries, id);
  if (!handbookStepAllowed(row.state, step)) throw new AppError(409, 'handbook_bad_transition', { from: row.state, step });
  if (row.version !== version) throw versionConflict(row.version);
  return row;
}

/** Editing a draft, or revising a published entry (it becomes a draft; its live version stays until the next publication). */
export async function updateEntry(db: Db, user: Principal, id: string, input: EntryInput & { version: number }): Promise<HandbookEntry> {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, input.version, 'edit');
    const content = await checkedContent(tx, input);
    return updateAudited(tx, actorOf(user), 'handbook_entry', handbookEntries, id, row.version, { ...content, state: 'draft', reviewNote: null }, row);
  });
}

export async function submitEntry(db: Db, user: Principal, id: string, version: number) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, version, 'submit');
    return updateAudited(tx, actorOf(user), 'handbook_entry', handbookEntries, id, row.version, { state: 'in_review', submittedAt: clockNow() }, row);
  });
}

export async function rejectEntry(db: Db, user: Principal, id: string, input: { version: number; note: string }) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, input.version, 'reject');
    const refusal = handbookSelfReview(row.authorId, user.id);
    if (refusal) throw new AppError(422, refusal);
    return updateAudited(tx, actorOf(user), 'handbook_entry', handbookEntries, id, row.version, { state: 'draft', reviewNote: input.note }, row);
  });
}

/** R-KB-1: the reviewer (not the author) publishes; a new frozen version is written with its search keys. */
export async function publishEntry(db: Db, user: Principal, id: string, input: { version: number; note?: string | null }) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, input.version, 'publish');
    const refusal = handbookSelfReview(row.authorId, user.id);
    if (refusal) throw new AppError(422, refusal);
    const now = clockNow();
    const revision = row.publishedRevision + 1;
    let meaning: string | null = null;
    if (row.faultCode && row.modelId) {
      const [fc] = await tx
        .select({ meaning: handbookFaultCodes.meaning })
        .from(handbookFaultCodes)
        .where(and(eq(handbookFaultCodes.modelId, row.modelId), eq(handbookFaultCodes.code, row.faultCode)));
      meaning = fc?.meaning ?? null;
    }
    const [v] = await tx
      .insert(handbookVersions)
      .values({
        entryId: row.id,
        revision,
        modelId: row.modelId,
        category: row.category,
        faultCode: row.faultCode,
        title: row.title,
        symptoms: row.symptoms,
        cause: row.cause,
        fix: row.fix,
        partCodes: row.partCodes,
        tags: row.tags,
        grams: entryGrams({ ...row, meaning }),
        authorName: row.authorName,
        publishedAt: now,
        publishedBy: user.id,
        publishedByName: user.displayName,
        reviewNote: input.note ?? null,
      })
      .returning();
    await recordAudit(tx, { actor: actorOf(user), entity: 'handbook_entry', entityId: row.id, action: 'update', after: { publishedRevision: v.revision } });
    return updateAudited(
      tx,
      actorOf(user),
      'handbook_entry',
      handbookEntries,
      id,
      row.version,
      { state: 'published', publishedRevision: revision, reviewNote: input.note ?? null },
      row,
    );
  });
}

export async function retireEntry(db: Db, user: Principal, id: string, input: { version: number; note: string }) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, input.version, 'retire');
    return updateAudited(
      tx,
      actorOf(user),
      'handbook_entry',
      handbookEntries,
      id,
      row.version,
      { state: 'retired', retiredAt: clockNow(), reviewNote: input.note },
      row,
    );
  });
}

/**
 * 写入售后服务手册 (R-KB-1): a draft from a reviewed or closed work order — its device's model, the
 * fault (phenomenon → symptoms, cause, actions → fix), the parts used (catalogue codes only) — linked back.
 */
export async function draftFromWorkOrder(db: Db, user: Principal, workOrderId: string): Promise<HandbookEntry> {
  const [wo] = await db
    .select({
      status: workOrders.status,
      number: workOrders.number,
      phenomenon: workOrders.phenomenon,
      cause: workOrders.cause,
      actions: workOrders.actions,
      modelId: devices.modelId,
    })
    .from(workOrders)
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .where(eq(workOrders.id, workOrderId));
  if (!wo) throw invalidField('workOrderId', 'not_found');
  if (wo.status !== 'reviewed' && wo.status !== 'closed')
    throw new AppError(422, 'handbook_work_order_not_reviewed', {}, [{ field: 'workOrderId', code: 'invalid' }]);
  const used = await db.select({ partNo: workOrderParts.partNo }).from(workOrderParts).where(eq(workOrderParts.workOrderId, workOrderId));
  const codes = used.map((u) => u.partNo).filter((c): c is string => Boolean(c));
  const known = codes.length ? (await db.select({ code: parts.code }).from(parts).where(inArray(parts.code, codes))).map((p) => p.code) : [];
  const phenomenon = wo.phenomenon?.trim() || wo.number;
  return createEntry(
    db,
    user,
    {
      modelId: wo.modelId,
      title: phenomenon.split(/[，。,.;；\n]/)[0].slice(0, 120) || wo.number,
      symptoms: phenomenon,
      cause: wo.cause ?? '',
      fix: wo.actions ?? '',
      partCodes: known,
      tags: [],
    },
    workOrderId,
  );
}

// ---- fault codes -----------------------------------------------------------------------------------

export async function faultCodesOf(ex: Executor, modelId: string) {
  return ex.select().from(handbookFaultCodes).where(eq(handbookFaultCodes.modelId, modelId)).orderBy(handbookFaultCodes.code);
}

/** Add a code to a model's 故障代码表, or change its meaning. */
export async function saveFaultCode(db: Db, user: Principal, input: { modelId: string; code: string; meaning: string }) {
  return db.transaction(async (tx) => {
    const [m] = await tx.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.id, input.modelId));
    if (!m) throw invalidField('modelId', 'not_found');
    const [existing] = await tx
      .select()
      .from(handbookFaultCodes)
      .where(and(eq(handbookFaultCodes.modelId, input.modelId), eq(handbookFaultCodes.code, input.code)))
      .for('update');
    if (existing)
      return updateAudited(tx, actorOf(user), 'handbook_fault_code', handbookFaultCodes, existing.id, existing.version, { meaning: input.meaning }, existing);
    return insertAudited(tx, actorOf(user), 'handbook_fault_code', handbookFaultCodes, input);
  });
}

// ---- suggestions -----------------------------------------------------------------------------------

export interface Suggestion {
  entryId: string;
  number: string;
  revision: number;
  title: string;
  faultCode: string | null;
  symptoms: string;
  fix: string;
  modelId: string | null;
  score: number;
}

/**
 * Published entries (live revision, not retired) matching a model + fault text: candidates share a
 * search key with the query (GIN `&&` on the bigrams) and fit the model (same model, or the
 * model's category, or any when no model is given); ranked by the share of the query's keys they hold.
 */
export async function suggestEntries(
  ex: Executor,
  input: { modelId?: string | null; deviceId?: string | null; q: string; limit?: number },
): Promise<Suggestion[]> {
  if (!input.modelId && input.deviceId) {
    const [d] = await ex.select({ modelId: devices.modelId }).from(devices).where(eq(devices.id, input.deviceId));
    if (!d) return [];
    input = { ...input, modelId: d.modelId };
  }
  const grams = searchGrams(input.q);
  if (grams.length === 0) return [];
  const limit = input.limit ?? 5;
  let fits: SQL | undefined;
  if (input.modelId) {
    const [m] = await ex.select({ category: deviceModels.category }).from(deviceModels).where(eq(deviceModels.id, input.modelId));
    if (!m) return [];
    fits = or(eq(handbookVersions.modelId, input.modelId), eq(handbookVersions.category, m.category));
  }
  const gramArray = sql`array[${sql.join(
    grams.map((g) => sql`${g}`),
    sql`, `,
  )}]::text[]`;
  const rows = await ex
    .select({ v: handbookVersions, number: handbookEntries.number })
    .from(handbookVersions)
    .innerJoin(handbookEntries, and(eq(handbookEntries.id, handbookVersions.entryId), eq(handbookEntries.publishedRevision, handbookVersions.revision)))
    .where(and(sql`${handbookVersions.grams} && ${gramArray}`, sql`${handbookEntries.state} <> 'retired'`, fits))
    .limit(500);
  return rows
    .map((r) => ({
      entryId: r.v.entryId,
      number: r.number,
      revision: r.v.revision,
      title: r.v.title,
      faultCode: r.v.faultCode,
      symptoms: r.v.symptoms,
      fix: r.v.fix,
      modelId: r.v.modelId,
      score: Math.round(suggestionScore(grams, r.v.grams, Boolean(input.modelId) && r.v.modelId === input.modelId) * 1000) / 1000,
    }))
    .sort((a, b) => b.score - a.score || a.number.localeCompare(b.number))
    .slice(0, limit);
}

// ---- what's new and the monthly digest -------------------------------------------------------------

/** Versions published in a month (company time zone): revision 1 new, later ones revised. */
export async function whatsNew(ex: Executor, month: string, timeZone: string) {
  const start = DateTime.fromISO(`${month}-01`, { zone: timeZone });
  const from = start.toJSDate();
  const to = start.plus({ months: 1 }).toJSDate();
  return ex
    .select({ v: handbookVersions, number: handbookEntries.number, modelName: deviceModels.name, state: handbookEntries.state })
    .from(handbookVersions)
    .innerJoin(handbookEntries, eq(handbookEntries.id, handbookVersions.entryId))
    .leftJoin(deviceModels, eq(deviceModels.id, handbookVersions.modelId))
    .where(and(gte(handbookVersions.publishedAt, from), lt(handbookVersions.publishedAt, to)))
    .orderBy(desc(handbookVersions.publishedAt));
}

/**
 * Seed 002 每月底…更新后的售后服务手册: on the month's last day (company time), engineers and
 * technicians are told once what was published or revised. The digest row is the once-only key
 * (ON CONFLICT DO NOTHING): a repeated or concurrent run sends nothing twice.
 */
export async function sendMonthlyDigest(
  db: Db,
  now: Date,
  timeZone: string,
  opts: { force?: boolean } = {},
): Promise<{ month: string; sent: boolean; entries: number }> {
  const local = DateTime.fromJSDate(now, { zone: timeZone }).toISODate() as string;
  const { month, lastDay } = digestMonthOf(local);
  if (!lastDay && !opts.force) return { month, sent: false, entries: 0 };
  return db.transaction(async (tx) => {
    const entries = (await whatsNew(tx, month, timeZone)).length;
    const inserted = await tx.insert(handbookDigests).values({ month, entries, sentAt: now }).onConflictDoNothing().returning();
    if (inserted.length === 0) return { month, sent: false, entries };
    await notify(
      tx,
      await staffWithRoles(tx, ['engineer', 'technician', 'technical_expert']),
      'handbook_digest' as never,
      { month, entries },
      { entity: 'handbook_digest', id: month },
    );
    return { month, sent: true, entries };
  });
}
