import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Gapless-enough yearly sequences for human-readable numbers (BX-2026-000123). */
export const counters = pgTable('counters', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});
