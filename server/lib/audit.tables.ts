import { bigint, bigserial, customType, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id, read and written as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only audit trail (R-AU-1). Writers only insert (no lock, no read of the tail); `xid` is
 * the writing transaction's id (database default), by which the sealer orders the entries into
 * the hash chain (audit_seals). UPDATE, DELETE and TRUNCATE are refused by triggers (0001).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** Insertion id: the order entries were written in; the chain order is audit_seals.pos. */
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Writing transaction (pg_current_xact_id()); NULL for the entries chained before migration 0036. */
    xid: xid8('xid'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId, t.seq),
    index('audit_actor_idx').on(t.actorId, t.seq),
    index('audit_log_xid_idx').on(t.xid, t.seq),
  ],
);

/**
 * An entry's place in the hash chain, given by the sealer (issue 17 item 2): pos counts 1, 2, 3 …
 * without gaps; hash = sha256(prev_hash \n canonical body with seq). Insert-only (triggers, 0036).
 */
export const auditSeals = pgTable('audit_seals', {
  pos: bigint('pos', { mode: 'number' }).primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().unique(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * One sealing: the positions it chained, the Merkle root of their hashes, and the head that
 * chains it to the previous batch, signed with the ledger key (never in the database). The
 * same signed head is appended to the checkpoint file. Insert-only (triggers, 0036).
 */
export const auditBatches = pgTable('audit_batches', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  firstPos: bigint('first_pos', { mode: 'number' }).notNull(),
  lastPos: bigint('last_pos', { mode: 'number' }).notNull(),
  /** Every transaction below this xid had ended when the batch was sealed; the next batch starts here. */
  uptoXid: text('upto_xid').notNull(),
  root: text('root').notNull(),
  prevHead: text('prev_head').notNull(),
  head: text('head').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull(),
  keyId: text('key_id').notNull(),
  signature: text('signature').notNull(),
});
