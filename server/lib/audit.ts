// Append-only, hash-chained audit trail (R-AU-1, ARCHITECTURE principle 3).
// Writers call recordAudit() inside the transaction that changes the data, so a change and
// its audit entry commit or vanish together. A transaction-scoped advisory lock serialises
// chain appends: the previous hash read here is the true tail until this transaction ends.
import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { auditLog } from './audit.tables.ts';

export interface Actor {
  id: string | null;
  name: string;
}
export const systemActor: Actor = { id: null, name: 'system' };

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK_KEY = 7_172_001;
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
  const body = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface AuditInput {
  actor: Actor;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const seqRes = await tx.execute(sql`select nextval(pg_get_serial_sequence('audit_log', 'seq'))::int as seq`);
  const seq = Number((seqRes.rows[0] as { seq: number }).seq);
  const row: AuditRowContent = {
    seq,
    at: new Date(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    before: toAuditJson(input.before),
    after: toAuditJson(input.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...row, before: row.before, after: row.after, prevHash, hash: hashEntry(prevHash, row) });
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
