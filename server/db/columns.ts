// Columns every registry record carries: a UUID, an optimistic-concurrency version and
// timestamps. `version` is bumped on each update; a stale update is refused (409).
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

export const recordColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
