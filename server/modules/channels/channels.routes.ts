// Channel settings (admin): SMTP, WeCom/DingTalk group robots, the outbox view; and each
// user's own preferences (email on/off, kinds muted).
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorOf, authorize, requireUser } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { definePolicy } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import { idParams, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { notFound, versionConflict } from '../../lib/errors.ts';
import { seal } from '../../lib/secrets.ts';
import { endpointAudit, settingsAudit, shownUrl } from './channels.service.ts';
import { channelEndpoints, channelPreferences, channelSettings, outbox } from './channels.tables.ts';

export const channelsPolicy = definePolicy({ admin: ['admin'] });

const settingsDto = z
  .object({
    version: z.number(),
    smtpHost: z.string().nullable(),
    smtpPort: z.number(),
    smtpSecure: z.boolean(),
    smtpUser: z.string().nullable(),
    hasPassword: z.boolean(),
    fromAddress: z.string().nullable(),
    emailEnabled: z.boolean(),
  })
  .meta(schemaId('ChannelSettings'));
const settingsBody = z.strictObject({
  version: z.number().int().min(0),
  smtpHost: optionalText(200),
  smtpPort: z.number().int().min(1).max(65535),
  smtpSecure: z.boolean(),
  smtpUser: optionalText(200),
  /** Omitted = unchanged; null = removed. */
  smtpPassword: z.string().max(200).nullable().optional(),
  fromAddress: optionalText(200),
  emailEnabled: z.boolean(),
});
const endpointDto = z
  .object({
    id: z.string(),
    version: z.number(),
    kind: z.enum(['wecom', 'dingtalk']),
    name: z.string(),
    url: z.string(),
    hasSecret: z.boolean(),
    kinds: z.array(z.string()),
    locale: z.enum(['zh-CN', 'en-US']),
    active: z.boolean(),
  })
  .meta(schemaId('ChannelEndpoint'));
const endpointShape = {
  kind: z.enum(['wecom', 'dingtalk']),
  name: text(100),
  url: z.url({ protocol: /^https?$/ }).max(500),
  secret: z.string().max(200).nullable().optional(),
  kinds: z.array(z.string().max(60)).max(50),
  locale: z.enum(['zh-CN', 'en-US']),
  active: z.boolean(),
};
const endpointBody = z.strictObject({
  ...endpointShape,
  kinds: endpointShape.kinds.default([]),
  locale: endpointShape.locale.default('zh-CN'),
  active: endpointShape.active.default(true),
});
// No defaults in the patch: a field left out stays as it is.
const endpointPatch = z.strictObject(endpointShape).partial().extend({ version });
const prefsDto = z.object({ version: z.number(), email: z.boolean(), mutedKinds: z.array(z.string()) }).meta(schemaId('NotificationPreferences'));
const prefsBody = z.strictObject({ version: z.number().int().min(0), email: z.boolean(), mutedKinds: z.array(z.string().max(60)).max(50) });
const outboxDto = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        channel: z.string(),
        target: z.string(),
        subject: z.string(),
        status: z.string(),
        attempts: z.number(),
        lastError: z.string().nullable(),
        createdAt: z.string(),
        sentAt: z.string().nullable(),
      }),
    ),
  })
  .meta(schemaId('ChannelOutbox'));

type S = typeof channelSettings.$inferSelect;
const settingsView = (s: S | undefined): z.infer<typeof settingsDto> =>
  s
    ? {
        version: s.version,
        smtpHost: s.smtpHost,
        smtpPort: s.smtpPort,
        smtpSecure: s.smtpSecure,
        smtpUser: s.smtpUser,
        hasPassword: !!s.smtpPassword,
        fromAddress: s.fromAddress,
        emailEnabled: s.emailEnabled,
      }
    : { version: 0, smtpHost: null, smtpPort: 25, smtpSecure: false, smtpUser: null, hasPassword: false, fromAddress: null, emailEnabled: false };
type E = typeof channelEndpoints.$inferSelect;
const endpointView = (e: E): z.infer<typeof endpointDto> => ({
  id: e.id,
  version: e.version,
  kind: e.kind as 'wecom' | 'dingtalk',
  name: e.name,
  // Stored encrypted; shown with the access key in its query hidden (issue 10 item 5).
  url: shownUrl(e.url),
  hasSecret: !!e.secret,
  kinds: e.kinds,
  locale: e.locale as 'zh-CN' | 'en-US',
  active: e.active,
});

export function channelsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['channels'];

  app.get('/channels/settings', { schema: { tags, summary: 'SMTP settings (the password is never shown)', response: { 200: settingsDto } } }, async (req) => {
    authorize(req, channelsPolicy, 'admin');
    const [s] = await db.select().from(channelSettings).where(eq(channelSettings.key, 'default'));
    return settingsView(s);
  });

  app.put(
    '/channels/settings',
    { schema: { tags, summary: 'Replace the SMTP settings (send the version read; 0 the first time)', body: settingsBody, response: { 200: settingsDto } } },
    async (req) => {
      const user = authorize(req, channelsPolicy, 'admin');
      const b = req.body;
      const row = await db.transaction(async (tx) => {
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
          actor: actorOf(user),
          entity: 'channel_settings',
          entityId: next.id,
          action: cur ? 'update' : 'create',
          before: settingsAudit(cur),
          after: settingsAudit(next),
        });
        return next;
      });
      return settingsView(row);
    },
  );

  app.get(
    '/channels/endpoints',
    { schema: { tags, summary: 'WeCom / DingTalk group robots', response: { 200: z.object({ items: z.array(endpointDto) }) } } },
    async (req) => {
      authorize(req, channelsPolicy, 'admin');
      return { items: (await db.select().from(channelEndpoints).orderBy(channelEndpoints.name)).map(endpointView) };
    },
  );

  app.post(
    '/channels/endpoints',
    { schema: { tags, summary: 'Add a group robot webhook', body: endpointBody, response: { 201: endpointDto } } },
    async (req, reply) => {
      const user = authorize(req, channelsPolicy, 'admin');
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(channelEndpoints)
          .values({ ...req.body, url: seal(req.body.url) as string, secret: seal(req.body.secret ?? null) })
          .returning();
        await recordAudit(tx, { actor: actorOf(user), entity: 'channel_endpoint', entityId: created.id, action: 'create', after: endpointAudit(created) });
        return created;
      });
      return reply.status(201).send(endpointView(row));
    },
  );

  app.patch(
    '/channels/endpoints/:id',
    {
      schema: {
        tags,
        summary: 'Change a group robot (send the version read)',
        params: idParams,
        body: endpointPatch,
        response: { 200: endpointDto },
      },
    },
    async (req) => {
      const user = authorize(req, channelsPolicy, 'admin');
      const { version: v, ...patch } = req.body;
      const row = await db.transaction(async (tx) => {
        const [cur] = await tx.select().from(channelEndpoints).where(eq(channelEndpoints.id, req.params.id)).for('update');
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
          actor: actorOf(user),
          entity: 'channel_endpoint',
          entityId: cur.id,
          action: 'update',
          before: endpointAudit(cur),
          after: endpointAudit(next),
        });
        return next;
      });
      return endpointView(row);
    },
  );

  app.get('/channels/outbox', { schema: { tags, summary: 'The latest deliveries and their state', response: { 200: outboxDto } } }, async (req) => {
    authorize(req, channelsPolicy, 'admin');
    const rows = await db.select().from(outbox).orderBy(desc(outbox.id)).limit(200);
    return {
      items: rows.map((r) => ({
        id: r.id,
        channel: r.channel,
        target: r.target,
        subject: r.payload.subject,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      })),
    };
  });

  app.get('/channels/preferences', { schema: { tags, summary: 'My channel preferences', response: { 200: prefsDto } } }, async (req) => {
    const user = requireUser(req);
    const [p] = await db.select().from(channelPreferences).where(eq(channelPreferences.userId, user.id));
    return p ? { version: p.version, email: p.email, mutedKinds: p.mutedKinds } : { version: 0, email: true, mutedKinds: [] };
  });

  app.put(
    '/channels/preferences',
    { schema: { tags, summary: 'Replace my channel preferences (send the version read; 0 the first time)', body: prefsBody, response: { 200: prefsDto } } },
    async (req) => {
      const user = requireUser(req);
      const b = req.body;
      const p = await db.transaction(async (tx) => {
        const [cur] = await tx.select().from(channelPreferences).where(eq(channelPreferences.userId, user.id)).for('update');
        if ((cur?.version ?? 0) !== b.version) throw versionConflict(cur?.version ?? 0);
        const [next] = cur
          ? await tx
              .update(channelPreferences)
              .set({ email: b.email, mutedKinds: b.mutedKinds, version: cur.version + 1, updatedAt: new Date() })
              .where(eq(channelPreferences.userId, user.id))
              .returning()
          : await tx.insert(channelPreferences).values({ userId: user.id, email: b.email, mutedKinds: b.mutedKinds }).returning();
        const view = (x: typeof next | undefined) => (x ? { version: x.version, email: x.email, mutedKinds: x.mutedKinds } : null);
        await recordAudit(tx, {
          actor: actorOf(user),
          entity: 'channel_preferences',
          entityId: user.id,
          action: cur ? 'update' : 'create',
          before: view(cur),
          after: view(next),
        });
        return next;
      });
      return { version: p.version, email: p.email, mutedKinds: p.mutedKinds };
    },
  );
}
