// Append-only, hash-chained audit trail (R-AU-1, ARCHITECTURE principle 3).
// Writers call recordAudit() inside the transaction that changes the data, so a change and
// its audit entry commit or vanish together. The entries are inserted just before COMMIT by
// audit_append() (migration 0036) in one statement, taking no lock: the sealer
// (audit.ledger.ts) later chains the entries of finished transactions and signs each batch.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
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
  // seq (the insertion id) sorts last among the keys of the canonical body.
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
 * inserts them in one statement (audit_append, migration 0036) right before COMMIT: one round
 * trip per transaction. No lock is taken (issue 17 item 2; before, a chain lock serialised
 * every concurrent write from this statement to COMMIT).
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
  const entry = { ...row, at: row.at.toISOString() };
  const key = idempotencyBinding.getStore();
  if (key && !key.bound) {
    await tx.execute(sql`update idempotency_keys set entity = ${input.entity}, entity_id = ${input.entityId} where id = ${key.id} and entity_id is null`);
    key.bound = true;
  }
  const buffer = buffered.getStore();
  if (buffer && buffer.tx === tx) buffer.entries.push(entry);
  else await appendEntries(tx, [entry]);
}
