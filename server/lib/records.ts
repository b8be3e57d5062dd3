// Audited writes and list queries shared by every registry resource. Each write runs in the
// caller's transaction and records its audit entry there (principle 3); updates and deletes
// check the optimistic-concurrency version the client read (a stale one gets 409).
import { and, asc, desc, eq, ilike, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '../db/client.ts';
import { type Actor, recordAudit } from './audit.ts';
import { clockNow, stampsNow } from './clock.ts';
import { notFound, versionConflict } from './errors.ts';

// biome-ignore lint/suspicious/noExplicitAny: Drizzle's table generics are not expressible here.
type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn } & Record<string, any>;

export async function insertAudited<T extends VersionedTable>(
  tx: Executor,
  actor: Actor,
  entity: string,
  table: T,
  values: T['$inferInsert'],
): Promise<T['$inferSelect']> {
  // Under a clock override (the demo week) the stamps are that instant, not the database's now().
  const [row] = await tx
    .insert(table)
    .values({ ...stampsNow(), ...values })
    .returning();
  await recordAudit(tx, { actor, entity, entityId: String(row.id), action: 'create', after: row });
  return row as T['$inferSelect'];
}

/** Row by id, locked for update inside the transaction; 404 when missing. */
export async function lockById<T extends VersionedTable>(tx: Executor, table: T, id: string): Promise<T['$inferSelect']> {
  const [row] = await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for('update');
  if (!row) throw notFound();
  return row as T['$inferSelect'];
}

export async function updateAudited<T extends VersionedTable>(
  tx: Executor,
  actor: Actor,
  entity: string,
  table: T,
  id: string,
  expectedVersion: number,
  patch: Partial<T['$inferInsert']>,
  current?: T['$inferSelect'],
): Promise<T['$inferSelect']> {
  const before = current ?? (await lockById(tx, table, id));
  if (before.version !== expectedVersion) throw versionConflict(Number(before.version));
  const [row] = (await tx
    .update(table)
    .set({ ...patch, version: sql`${table.version} + 1`, updatedAt: clockNow() } as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning()) as T['$inferSelect'][];
  // The row lock makes this unreachable in practice; kept so a missed lock can never overwrite.
  if (!row) throw versionConflict(Number(before.version) + 1);
  await recordAudit(tx, { actor, entity, entityId: id, action: 'update', before, after: row });
  return row as T['$inferSelect'];
}

export async function deleteAudited<T extends VersionedTable>(
  tx: Executor,
  actor: Actor,
  entity: string,
  table: T,
  id: string,
  expectedVersion: number,
): Promise<void> {
  const before = await lockById(tx, table, id);
  if (before.version !== expectedVersion) throw versionConflict(Number(before.version));
  await tx.delete(table).where(eq(table.id, id));
  await recordAudit(tx, { actor, entity, entityId: id, action: 'delete', before });
}

// ---- lists -----------------------------------------------------------------------------

export interface ListParams {
  q?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** False when `total` is COUNT_CAP and more rows match. */
  totalExact?: boolean;
  page: number;
  pageSize: number;
}

/** LIKE pattern for a user's search text, with the wildcards in it taken literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchAny(q: string | undefined, columns: PgColumn[]): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const pattern = likePattern(text);
  return or(...columns.map((c) => ilike(c, pattern)));
}

/** `sort=name` or `sort=-name`; unknown keys were already refused by the DTO's enum. */
export function orderFrom(sort: string | undefined, columns: Record<string, PgColumn | SQL>, fallback: string, tieBreaker: PgColumn): SQL[] {
  const key = sort && columns[sort.replace(/^-/, '')] ? sort : fallback;
  const desc_ = key.startsWith('-');
  const col = columns[key.replace(/^-/, '')];
  return [desc_ ? desc(col) : asc(col), asc(tieBreaker)];
}

export function allOf(...conds: (SQL | undefined)[]): SQL | undefined {
  const present = conds.filter((c): c is SQL => c !== undefined);
  return present.length ? and(...present) : undefined;
}

export const offsetOf = (p: ListParams) => (p.page - 1) * p.pageSize;

/**
 * Lists of the big tables count exactly up to this many matches; past it, counting every match
 * of a million rows for each page costs more than the page itself (issue 6, bench/reads.ts).
 */
export const COUNT_CAP = 10_000;

/** `total` of a page: exact up to COUNT_CAP, else COUNT_CAP with `totalExact: false`. */
export async function cappedTotal(ex: Executor, matching: SQLWrapper): Promise<{ total: number; totalExact: boolean }> {
  const r = await ex.execute<{ n: number }>(sql`select count(*)::int as n from (${matching} limit ${sql.raw(String(COUNT_CAP + 1))}) capped`);
  const n = Number(r.rows[0]?.n ?? 0);
  return n > COUNT_CAP ? { total: COUNT_CAP, totalExact: false } : { total: n, totalExact: true };
}

/**
 * A page's ids (a `select id … order by … limit … offset …`, in that order) and its capped total
 * in one statement: two independent subqueries, each planned as on its own (issue 17 item 3: a
 * list page in three statements — settings, this, the rows).
 */
export function pageAndTotal(ex: Executor, page: SQLWrapper, matching: SQLWrapper): Promise<{ ids: string[]; total: number; totalExact: boolean }> {
  return idsAndTotal(ex, sql`array(${page})`, matching);
}

/** As pageAndTotal, for a page whose ids come from an expression of type uuid[] or text[] (in page order). */
export async function idsAndTotal(ex: Executor, ids: SQL, matching: SQLWrapper): Promise<{ ids: string[]; total: number; totalExact: boolean }> {
  const r = await ex.execute<{ ids: string[] | string | null; n: number }>(
    sql`select (${ids})::text[] as ids, (select count(*)::int from (${matching} limit ${sql.raw(String(COUNT_CAP + 1))}) capped) as n`,
  );
  const n = Number(r.rows[0]?.n ?? 0);
  return { ids: textArray(r.rows[0]?.ids ?? null), ...(n > COUNT_CAP ? { total: COUNT_CAP, totalExact: false } : { total: n, totalExact: true }) };
}

/** A text[] as the driver hands it: an array (node-postgres, PGlite) or its literal `{a,b}`. */
function textArray(v: string[] | string | null): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  return v === '{}' ? [] : v.slice(1, -1).split(',');
}

/**
 * The queries of one page of a big list, without parallel workers and without JIT. They are
 * short, index-driven and LIMITed; PostgreSQL's cost model still hands some to workers, whose
 * start-up then costs more than the query on a busy server (and a Gather Merge lets them read on
 * past the rows the LIMIT needs), or compiles them, which alone takes 10–15 ms. One
 * transaction, so the settings hold for these statements only. `sort: false` also switches
 * explicit sorts off, for a page that must walk an index in order whatever the statistics say
 * (the work orders by deadline); in the same statement, so it costs no round trip.
 */
export function serialReads<T>(db: Executor, read: (tx: Tx) => Promise<T>, opts: { sort?: boolean } = {}): Promise<T> {
  return db.transaction(async (tx) => {
    // One statement for all (a list page's statement count, issue 17 item 3); `true` = local.
    await tx.execute(
      opts.sort === false
        ? sql`select set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true), set_config('enable_sort', 'off', true)`
        : sql`select set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`,
    );
    return read(tx);
  });
}

/**
 * A search (a union of small index lookups, `select id …`) resolved once for all of a page's
 * queries: up to COUNT_CAP matches become `id = any(…)`, more stay a semi-join.
 */
export async function searchCondition(ex: Executor, id: PgColumn, matching: SQL): Promise<SQL> {
  const found = (await ex.execute<{ id: string }>(sql`select distinct id from (${matching}) m limit ${sql.raw(String(COUNT_CAP + 1))}`)).rows;
  if (found.length > COUNT_CAP) return sql`${id} in (${matching})`;
  return found.length ? sql`${id} = any(${sql.param(found.map((r) => r.id))}::uuid[])` : sql`false`;
}

/** Rows fetched by id for a page of ids, put back in the page's order. */
export function inOrderOf<T>(ids: string[], rows: T[], idOf: (row: T) => string): T[] {
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.filter((r) => at.has(idOf(r))).sort((a, b) => (at.get(idOf(a)) ?? 0) - (at.get(idOf(b)) ?? 0));
}

export async function countOf(ex: Executor, table: PgTable, where: SQL | undefined): Promise<number> {
  const [r] = await ex.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return Number(r?.n ?? 0);
}
