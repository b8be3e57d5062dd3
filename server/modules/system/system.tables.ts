import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Small operational facts (last heartbeat, last backup); not business records, so not audited. */
export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
