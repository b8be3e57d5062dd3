// Audited writes and list queries shared by every registry resource. Each write runs in the
// caller's transaction and records its audit entry there (principle 3); updates and deletes
// check the optimistic-concurrency version the client read (a stale one gets 409).
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.ts';
import { type Actor, recordAudit } from './audit.ts';
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
  const [row] = await tx.insert(table).values(values).returning();
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
    .set({ ...patch, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
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

export async function countOf(ex: Executor, table: PgTable, where: SQL | undefined): Promise<number> {
  const [r] = await ex.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return Number(r?.n ?? 0);
}
