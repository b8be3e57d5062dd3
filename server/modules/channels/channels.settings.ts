// Channel administration and personal preferences (use cases behind channels.routes.ts): the
// SMTP settings, the group robots, the outbox view and each user's own preferences. Every write
// is one transaction with its audit entry, checks the version read (optimistic concurrency) and
// stores secrets sealed (issue 10 item 5; audited as fingerprints only).
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../lib/audit.ts';
import { recordAudit } from '../../lib/audit.ts';
import { notFound, versionConflict } from '../../lib/errors.ts';
import { seal } from '../../lib/secrets.ts';
import type { endpointBody, endpointPatch, prefsBody, settingsBody } from './channels.dto.ts';
import { endpointAudit, settingsAudit } from './channels.service.ts';
import { channelEndpoints, channelPreferences, channelSettings, outbox } from './channels.tables.ts';

export async function readSettings(db: Db) {
  const [s] = await db.select().from(channelSettings).where(eq(channelSettings.key, 'default'));
  return s;
}

/** Replaces the SMTP settings (version 0 the first time); the password only when sent (null removes it). */
export async function replaceSettings(db: Db, actor: Actor, b: z.infer<typeof settingsBody>) {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(channelSettings).where(eq(channelSettings.key, 'default')).for('update');
    if ((cur?.version ?? 0) !== b.version) throw versionConflict(cur?.version ?? 0);
    const values = {
      smtpHost: b.smtpHost ?? null,
      smtpPort: b.smtpPort,
      smtpSecure: b.smtpSecure,
      smtpUser: b.smtpUser ?? null,
      fromAddress: b.fromAddress ?? null,
      emailEnabled: b.emailEnabled,
      // The password is stored encrypted (issue 10 item 5); audited as a fingerprint only.
      ...(b.smtpPassword !== undefined ? { smtpPassword: seal(b.smtpPassword) } : {}),
    };
    const [next] = cur
      ? await tx
          .update(channelSettings)
          .set({ ...values, version: cur.version + 1, updatedAt: new Date() })
          .where(eq(channelSettings.id, cur.id))
          .returning()
      : await tx
          .insert(channelSettings)
          .values({ key: 'default', ...values })
          .returning();
    await recordAudit(tx, {
      actor,
      entity: 'channel_settings',
      entityId: next.id,
      action: cur ? 'update' : 'create',
      before: settingsAudit(cur),
      after: settingsAudit(next),
    });
    return next;
  });
}

export async function listEndpoints(db: Db) {
  return db.select().from(channelEndpoints).orderBy(channelEndpoints.name);
}

export async function addEndpoint(db: Db, actor: Actor, b: z.infer<typeof endpointBody>) {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(channelEndpoints)
      .values({ ...b, url: seal(b.url) as string, secret: seal(b.secret ?? null) })
      .returning();
    await recordAudit(tx, { actor, entity: 'channel_endpoint', entityId: created.id, action: 'create', after: endpointAudit(created) });
    return created;
  });
}

/** Changes the fields sent (a field left out stays); the URL and secret are sealed again when sent. */
export async function changeEndpoint(db: Db, actor: Actor, id: string, body: z.infer<typeof endpointPatch>) {
  const { version: v, ...patch } = body;
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(channelEndpoints).where(eq(channelEndpoints.id, id)).for('update');
    if (!cur) throw notFound();
    if (cur.version !== v) throw versionConflict(cur.version);
    const secrets = {
      ...(patch.url !== undefined ? { url: seal(patch.url) as string } : {}),
      ...(patch.secret !== undefined ? { secret: seal(patch.secret) } : {}),
    };
    const [next] = await tx
      .update(channelEndpoints)
      .set({ ...patch, ...secrets, version: cur.version + 1, updatedAt: new Date() })
      .where(eq(channelEndpoints.id, cur.id))
      .returning();
    await recordAudit(tx, {
      actor,
      entity: 'channel_endpoint',
      entityId: cur.id,
      action: 'update',
      before: endpointAudit(cur),
      after: endpointAudit(next),
    });
    return next;
  });
}

/** The latest 200 deliveries, newest first. */
export async function latestDeliveries(db: Db) {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(200);
}

export async function readPreferences(db: Db, userId: string) {
  const [p] = await db.select().from(channelPreferences).where(eq(channelPreferences.userId, userId));
  return p;
}

export async function replacePreferences(db: Db, actor: Actor, userId: string, b: z.infer<typeof prefsBody>) {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(channelPreferences).where(eq(channelPreferences.userId, userId)).for('update');
    if ((cur?.version ?? 0) !== b.version) throw versionConflict(cur?.version ?? 0);
    const [next] = cur
      ? await tx
          .update(channelPreferences)
          .set({ email: b.email, mutedKinds: b.mutedKinds, version: cur.version + 1, updatedAt: new Date() })
          .where(eq(channelPreferences.userId, userId))
          .returning()
      : await tx.insert(channelPreferences).values({ userId, email: b.email, mutedKinds: b.mutedKinds }).returning();
    const view = (x: typeof next | undefined) => (x ? { version: x.version, email: x.email, mutedKinds: x.mutedKinds } : null);
    await recordAudit(tx, {
      actor,
      entity: 'channel_preferences',
      entityId: userId,
      action: cur ? 'update' : 'create',
      before: view(cur),
      after: view(next),
    });
    return next;
  });
}
