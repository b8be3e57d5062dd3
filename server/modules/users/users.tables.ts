import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers } from '../../db/schema.ts';

export const users = pgTable(
  'users',
  {
    ...recordColumns(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** Roles from SPEC §1; a person may hold several (e.g. dispatcher + quality). */
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    /** Set for hospital (customer) users: they see only this organisation's records. */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    locale: text('locale').notNull().default('zh-CN'),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash').notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    /** R-ORG-1: the unit an engineer (staff member) belongs to (FK to units in 0063). */
    unitId: uuid('unit_id'),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_customer_idx').on(t.customerId), index('users_unit_idx').on(t.unitId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table cannot be replayed as cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
