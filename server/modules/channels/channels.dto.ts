// Channel settings, group robots, personal preferences and the outbox view: the API's shapes
// and the views that present stored rows in them (secrets never leave: hasPassword, hasSecret,
// the robot URL with its access key hidden).
import { z } from 'zod';
import { optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { shownUrl } from './channels.service.ts';
import type { channelEndpoints, channelPreferences, channelSettings, outbox } from './channels.tables.ts';

export const settingsDto = z
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
export const settingsBody = z.strictObject({
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
export const endpointDto = z
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
export const endpointBody = z.strictObject({
  ...endpointShape,
  kinds: endpointShape.kinds.default([]),
  locale: endpointShape.locale.default('zh-CN'),
  active: endpointShape.active.default(true),
});
// No defaults in the patch: a field left out stays as it is.
export const endpointPatch = z.strictObject(endpointShape).partial().extend({ version });
export const prefsDto = z.object({ version: z.number(), email: z.boolean(), mutedKinds: z.array(z.string()) }).meta(schemaId('NotificationPreferences'));
export const prefsBody = z.strictObject({ version: z.number().int().min(0), email: z.boolean(), mutedKinds: z.array(z.string().max(60)).max(50) });
export const outboxDto = z
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
export const settingsView = (s: S | undefined): z.infer<typeof settingsDto> =>
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
export const endpointView = (e: E): z.infer<typeof endpointDto> => ({
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

type P = typeof channelPreferences.$inferSelect;
/** No row yet: email on, nothing muted. */
export const prefsView = (p: P | undefined): z.infer<typeof prefsDto> =>
  p ? { version: p.version, email: p.email, mutedKinds: p.mutedKinds } : { version: 0, email: true, mutedKinds: [] };

type O = typeof outbox.$inferSelect;
export const outboxItemView = (r: O): z.infer<typeof outboxDto>['items'][number] => ({
  id: r.id,
  channel: r.channel,
  target: r.target,
  subject: r.payload.subject,
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
});
