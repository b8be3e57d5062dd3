// Saving an engineer's profile: models, categories, areas, home base and availability (R-DSP-2
// inputs), versioned and audited.
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { deviceModels, users } from '../../../db/schema.ts';
import type { Principal } from '../../../lib/access.ts';
import { recordAudit } from '../../../lib/audit.ts';
import { AppError, notFound, versionConflict } from '../../../lib/errors.ts';
import { updateAudited } from '../../../lib/records.ts';
import type { putEngineerProfileBody } from '../dispatch.dto.ts';
import { isEngineer } from '../dispatch.engineers.ts';
import { engineerProfiles } from '../dispatch.tables.ts';
import { getProfile } from '../queries/get-profile.ts';

/** Create (version 0) or replace (the version read) an engineer's profile; audited. */
export async function putProfile(db: Db, actor: Principal, userId: string, input: z.infer<typeof putEngineerProfileBody>) {
  const a = { id: actor.id, name: actor.displayName };
  await db.transaction(async (tx) => {
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), isEngineer));
    if (!u) throw notFound();
    const modelIds = [...new Set(input.modelIds)];
    if (modelIds.length) {
      const found = await tx.select({ id: deviceModels.id }).from(deviceModels).where(inArray(deviceModels.id, modelIds));
      if (found.length !== modelIds.length) {
        throw new AppError(422, 'invalid_reference', { field: 'modelIds' }, [{ field: 'modelIds', code: 'not_found' }]);
      }
    }
    const values = {
      modelIds,
      categories: [...new Set(input.categories)],
      areas: [...new Set(input.areas)],
      homeBase: input.homeBase ?? null,
      active: input.active,
      notes: input.notes ?? null,
    };
    const [current] = await tx.select().from(engineerProfiles).where(eq(engineerProfiles.userId, userId)).for('update');
    if (input.version === 0) {
      if (current) throw versionConflict(current.version);
      const [row] = await tx
        .insert(engineerProfiles)
        .values({ userId, ...values })
        .onConflictDoNothing({ target: engineerProfiles.userId })
        .returning();
      if (!row) {
        // Someone else created it between our read and insert.
        const [now] = await tx.select({ version: engineerProfiles.version }).from(engineerProfiles).where(eq(engineerProfiles.userId, userId));
        throw versionConflict(now?.version ?? 1);
      }
      await recordAudit(tx, { actor: a, entity: 'engineer_profile', entityId: row.id, action: 'create', after: row });
      return;
    }
    if (!current) throw versionConflict(0);
    await updateAudited(tx, a, 'engineer_profile', engineerProfiles, current.id, input.version, values, current);
  });
  return getProfile(db, userId);
}
