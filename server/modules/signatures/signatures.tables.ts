import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema.ts';

/**
 * Electronic signatures that hold up (issue 14 §6, R-AU-1): the signer typed the password again,
 * the row records what the signature means and the sha256 of the canonical JSON of what was
 * signed, and is printed as a manifestation (name, time, meaning) on every PDF of the record.
 * Insert-only (trigger, migration 0055): a signature is never edited or removed.
 */
export const eSignatures = pgTable(
  'e_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The signed record: entity name as in the audit trail (`installation`, `work_order`, `device_hold`, …) and its id. */
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** A key of SIGNATURE_MEANINGS (`acceptance`, `review`, `hold_release`, …). */
    meaning: text('meaning').notNull(),
    /** The meaning in the words printed with the signature (zh-CN / en-US), frozen at signing. */
    meaningText: text('meaning_text').notNull(),
    signerId: uuid('signer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    signerName: text('signer_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** sha256 (hex) of the canonical JSON of the signed content. */
    contentHash: text('content_hash').notNull(),
  },
  (t) => [index('e_signatures_entity_idx').on(t.entity, t.entityId, t.signedAt), check('e_signatures_hash_ck', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`)],
);
