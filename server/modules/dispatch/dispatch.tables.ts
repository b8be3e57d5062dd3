import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { users } from '../../db/schema.ts';

/**
 * What dispatch ranks engineers by (R-DSP-2): the models and categories they are trained on,
 * the cities and provinces they cover and where they are based. One row per engineer,
 * technician or technical expert; a person without a row is still dispatchable, with no
 * skills or areas to their credit. `active = false` takes them out of the suggestions
 * (leave, training) without touching their account.
 */
export const engineerProfiles = pgTable(
  'engineer_profiles',
  {
    ...recordColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** device_models ids; an array cannot carry a foreign key, so the service checks them. */
    modelIds: uuid('model_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** device_category values. */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    /** Cities or provinces covered, as written on customers (e.g. 北京, 河北省). */
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    /** City the engineer starts from. */
    homeBase: text('home_base'),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
  },
  (t) => [uniqueIndex('engineer_profiles_user_uq').on(t.userId)],
);
