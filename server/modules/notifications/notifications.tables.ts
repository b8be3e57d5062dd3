import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema.ts';

/**
 * In-app inbox. Other channels (email, WeCom/DingTalk webhooks) will read the same rows
 * through an outbox, so a notification is composed once, whatever carries it.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Message key and parameters: rendered in the reader's language when shown. */
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull(),
    refEntity: text('ref_entity'),
    refId: text('ref_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  // By reader; and by the record it is about, for the "already told?" checks of the sweeps.
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_ref_idx').on(t.refId, t.kind)],
);
