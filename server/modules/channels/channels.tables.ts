import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { notifications, users } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const channelKind = pgEnum('channel_kind', ['email', 'wecom', 'dingtalk']);
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sending', 'sent', 'failed']);

/** SMTP settings (one row, key 'default'), edited by the admin. */
export const channelSettings = pgTable('channel_settings', {
  ...recordColumns(),
  key: text('key').notNull().unique(),
  smtpHost: text('smtp_host'),
  smtpPort: integer('smtp_port').notNull().default(25),
  smtpSecure: boolean('smtp_secure').notNull().default(false),
  smtpUser: text('smtp_user'),
  smtpPassword: text('smtp_password'),
  fromAddress: text('from_address'),
  emailEnabled: boolean('email_enabled').notNull().default(false),
});

/** Outgoing webhooks of WeCom (企业微信) and DingTalk (钉钉) group robots. */
export const channelEndpoints = pgTable('channel_endpoints', {
  ...recordColumns(),
  kind: channelKind('kind').notNull(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** DingTalk "加签" secret. */
  secret: text('secret'),
  /** Notification kinds posted to the group; empty = all. */
  kinds: text('kinds').array().notNull().default(sql`'{}'::text[]`),
  locale: text('locale').notNull().default('zh-CN'),
  active: boolean('active').notNull().default(true),
});

/** A user's channel choices: email on/off and kinds they do not want by email. */
export const channelPreferences = pgTable('channel_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(1),
  email: boolean('email').notNull().default(true),
  mutedKinds: text('muted_kinds').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Marks a notification whose deliveries were put in the outbox (fan-out happens once). */
export const notificationFanout = pgTable('notification_fanout', {
  notificationId: uuid('notification_id')
    .primaryKey()
    .references(() => notifications.id, { onDelete: 'cascade' }),
  at: ts('at').notNull().defaultNow(),
});

/**
 * The outbox: one row per delivery, keyed by a delivery key that is unique (notification ×
 * channel × target). Workers claim rows with SKIP LOCKED and a lease; the key travels with
 * the message (Message-ID, X-Idempotency-Key) so a receiver can drop a redelivery.
 */
export const outbox = pgTable(
  'channel_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryKey: text('delivery_key').notNull(),
    channel: channelKind('channel').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    payload: jsonb('payload').$type<{ subject: string; text: string; kind: string }>().notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: ts('available_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [uniqueIndex('channel_outbox_key_uq').on(t.deliveryKey), index('channel_outbox_due_idx').on(t.status, t.availableAt)],
);
