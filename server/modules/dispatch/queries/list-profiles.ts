// The engineers, technicians and experts with their skills, areas and open load: a page, searched
// and filtered (R-DSP-2 inputs).
import { asc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import { allOf, likePattern, offsetOf, orderFrom } from '../../../lib/records.ts';
import type { engineerProfileListQuery } from '../dispatch.dto.ts';
import { isEngineer } from '../dispatch.engineers.ts';
import { type ProfileView, profileQuery, views } from '../dispatch.profiles.ts';
import { engineerProfiles } from '../dispatch.tables.ts';

export async function listProfiles(db: Db, q: z.infer<typeof engineerProfileListQuery>) {
  const text = q.q?.trim();
  const p = text ? likePattern(text) : '';
  const where: SQL | undefined = allOf(
    isEngineer,
    text
      ? or(
          sql`${users.displayName} ilike ${p}`,
          sql`${users.username} ilike ${p}`,
          sql`${engineerProfiles.homeBase} ilike ${p}`,
          sql`array_to_string(${engineerProfiles.areas}, ' ') ilike ${p}`,
        )
      : undefined,
    q.active ? sql`coalesce(${engineerProfiles.active}, true) = ${q.active === 'true'}` : undefined,
    q.category ? sql`${engineerProfiles.categories} @> array[${q.category}]::text[]` : undefined,
    q.modelId ? sql`${engineerProfiles.modelIds} @> array[${q.modelId}]::uuid[]` : undefined,
  );
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users).leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id)).where(where);
  let items: ProfileView[];
  if (q.sort === 'openLoad' || q.sort === '-openLoad') {
    // Load is computed, not a column: sort all matching people (a company's engineers are a short list).
    const all = await views(db, await profileQuery(db).where(where).orderBy(asc(users.displayName), asc(users.id)));
    const dir = q.sort === 'openLoad' ? 1 : -1;
    items = all.sort((a, b) => dir * (a.openLoad - b.openLoad)).slice(offsetOf(q), offsetOf(q) + q.pageSize);
  } else {
    const order = orderFrom(q.sort, { displayName: users.displayName, username: users.username }, 'displayName', users.id);
    items = await views(
      db,
      await profileQuery(db)
        .where(where)
        .orderBy(...order)
        .limit(q.pageSize)
        .offset(offsetOf(q)),
    );
  }
  return { items, total: Number(n), page: q.page, pageSize: q.pageSize };
}
