// One engineer's profile (version 0 while it has never been saved).
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import { notFound } from '../../../lib/errors.ts';
import { isEngineer } from '../dispatch.engineers.ts';
import { type ProfileView, profileQuery, views } from '../dispatch.profiles.ts';

export async function getProfile(ex: Executor, userId: string): Promise<ProfileView> {
  const [row] = await profileQuery(ex).where(and(eq(users.id, userId), isEngineer));
  if (!row) throw notFound();
  return (await views(ex, [row]))[0];
}
