// An engineer's profile as the API shows it (R-DSP-2 inputs): the user joined to the profile,
// presented with the models' names and the open load. Read by the profile queries and by saving.
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { deviceModels, users } from '../../db/schema.ts';
import type { engineerProfileDto } from './dispatch.dto.ts';
import { openLoads } from './dispatch.engineers.ts';
import { engineerProfiles } from './dispatch.tables.ts';

export type ProfileView = z.infer<typeof engineerProfileDto>;
type ProfileRow = { user: typeof users.$inferSelect; p: typeof engineerProfiles.$inferSelect | null };

export function profileQuery(ex: Executor) {
  return ex.select({ user: users, p: engineerProfiles }).from(users).leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id));
}

export async function views(ex: Executor, rows: ProfileRow[]): Promise<ProfileView[]> {
  const ids = [...new Set(rows.flatMap((r) => r.p?.modelIds ?? []))];
  const models = ids.length
    ? await ex.select({ id: deviceModels.id, code: deviceModels.code, name: deviceModels.name }).from(deviceModels).where(inArray(deviceModels.id, ids))
    : [];
  const byId = new Map(models.map((m) => [m.id, m]));
  const loads = await openLoads(ex);
  return rows.map(({ user, p }) => ({
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    userActive: user.active,
    version: p?.version ?? 0,
    modelIds: p?.modelIds ?? [],
    models: (p?.modelIds ?? []).flatMap((id) => byId.get(id) ?? []),
    categories: (p?.categories ?? []) as ProfileView['categories'],
    areas: p?.areas ?? [],
    homeBase: p?.homeBase ?? null,
    active: p?.active ?? true,
    notes: p?.notes ?? null,
    openLoad: loads.get(user.id) ?? 0,
    updatedAt: p ? p.updatedAt.toISOString() : null,
  }));
}
