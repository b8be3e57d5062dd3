// Append-only, hash-chained audit trail (R-AU-1, ARCHITECTURE principle 3).
// Writers call recordAudit() inside the transaction that changes the data, so a change and
// its audit entry commit or vanish together. The entries are appended just before COMMIT by
// audit_append() (migration 0020) under a transaction-scoped advisory lock, so the previous
// hash it reads is the true tail until this transaction ends.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { asc, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { auditLog } from './audit.tables.ts';
import { clockNow } from './clock.ts';

export interface Actor {
  id: string | null;
  name: string;
}
export const systemActor: Actor = { id: null, name: 'system' };

export const GENESIS_HASH = '0'.repeat(64);
/** Fields never copied into the trail. */
const REDACTED = new Set(['passwordHash']);

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Plain JSON form of a record: Dates become ISO strings, secrets are dropped. */
export function toAuditJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (!REDACTED.has(k) && v !== undefined) out[k] = toAuditJson(v);
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  return value as Json;
}

/** JSON with keys sorted at every level, so the hash does not depend on jsonb key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export interface AuditRowContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export function hashEntry(prevHash: string, row: AuditRowContent): string {
  // The same canonical body audit_append() hashes in SQL: seq sorts last among the keys.
  const body = `${bodyWithoutSeq(row)}${row.seq}}`;
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * The Idempotency-Key row of the current HTTP request (set by http/idempotency.ts). The first
 * audited write of the request binds it to the record it creates, inside the same transaction,
 * so a crash after commit but before the response still tells a retry what was created.
 */
export const idempotencyBinding = new AsyncLocalStorage<{ id: string; bound: boolean }>();

export interface AuditInput {
  actor: Actor;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Canonical body of an entry without its seq: the chain hash is over `${body}${seq}}`. */
export function bodyWithoutSeq(row: Omit<AuditRowContent, 'seq'>): string {
  const full = canonicalJson({
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  // 'seq' sorts after every other key, so it is always the last member.
  return `${full.slice(0, -1)},"seq":`;
}

interface Buffer {
  tx: Executor;
  entries: Record<string, unknown>[];
}
/** Entries of the transaction in progress; see withAuditAtCommit. */
const buffered = new AsyncLocalStorage<Buffer>();

/**
 * Wraps a Drizzle database so that every `db.transaction(fn)` buffers its audit entries and
 * appends them to the chain in one statement (audit_append, migration 0020) right before COMMIT.
 * The chain lock is then held for that statement and the commit, not for the whole
 * transaction, which otherwise serialised every concurrent write (issue 6, bench/write.ts).
 */
export function withAuditAtCommit<D extends { transaction: (...args: never[]) => unknown }>(db: D): D {
  const original = (db.transaction as (fn: (tx: Executor) => Promise<unknown>, config?: unknown) => Promise<unknown>).bind(db);
  const wrapped = (fn: (tx: Executor) => Promise<unknown>, config?: unknown) =>
    original(async (tx) => {
      const buffer: Buffer = { tx, entries: [] };
      const result = await buffered.run(buffer, () => fn(tx));
      if (buffer.entries.length > 0) await appendEntries(tx, buffer.entries);
      return result;
    }, config);
  (db as { transaction: unknown }).transaction = wrapped;
  return db;
}

async function appendEntries(ex: Executor, entries: Record<string, unknown>[]) {
  await ex.execute(sql`select audit_append(${JSON.stringify(entries)}::jsonb)`);
}

/**
 * Records an audit entry in the caller's transaction. Inside `db.transaction` it is appended
 * with the transaction's other entries just before COMMIT; elsewhere at once (one statement,
 * atomic on its own).
 */
export async function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  const row = {
    at: clockNow(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    before: toAuditJson(input.before),
    after: toAuditJson(input.after),
  };
  const entry = { ...row, at: row.at.toISOString(), body: bodyWithoutSeq(row) };
  const key = idempotencyBinding.getStore();
  if (key && !key.bound) {
    await tx.execute(sql`update idempotency_keys set entity = ${input.entity}, entity_id = ${input.entityId} where id = ${key.id} and entity_id is null`);
    key.bound = true;
  }
  const buffer = buffered.getStore();
  if (buffer && buffer.tx === tx) buffer.entries.push(entry);
  else await appendEntries(tx, [entry]);
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastSeq: number | null;
  brokenAt?: number;
  reason?: 'hash_mismatch' | 'link_mismatch';
}

/** Walks the whole chain in seq order, recomputing every hash. */
export async function verifyChain(ex: Executor, batchSize = 2000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  let lastSeq: number | null = null;
  for (;;) {
    const rows = await ex.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prevHash) return { ok: false, checked, lastSeq, brokenAt: r.seq, reason: 'link_mismatch' };
      const expected = hashEntry(prevHash, { ...r, before: r.before, after: r.after });
      if (expected !== r.hash) return { ok: false, checked, lastSeq, brokenAt: r.seq, reason: 'hash_mismatch' };
      prevHash = r.hash;
      checked++;
      lastSeq = r.seq;
    }
    after = rows[rows.length - 1].seq;
  }
  return { ok: true, checked, lastSeq };
}
