import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Idempotency-Key records for POST requests: one row per (caller scope, key). A row is
 * `pending` while the first attempt runs and `completed` with the stored response after it.
 * `entity`/`entity_id` are bound inside the create's own transaction (first audit entry), so a
 * crash after commit but before the response leaves a pending-but-bound row: a retry is told
 * what was created instead of creating it twice. Not business records, so not audited; purged
 * after 24 h by the system job.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** User id, or `anon:<ip>` for unauthenticated callers. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method + url + canonical JSON body. */
    requestHash: text('request_hash').notNull(),
    state: text('state').notNull().default('pending'),
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    contentType: text('content_type'),
    entity: text('entity'),
    entityId: text('entity_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('idempotency_keys_scope_key_uq').on(t.scope, t.key),
    index('idempotency_keys_created_idx').on(t.createdAt),
    check('idempotency_keys_state_ck', sql`${t.state} in ('pending', 'completed')`),
  ],
);
