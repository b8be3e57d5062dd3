// Notification channels: email over SMTP and WeCom / DingTalk group-robot webhooks, fed by a
// transactional outbox.
//
// 1. The business transaction writes the in-app notification (notifications.service notify());
//    that row is the event, committed or rolled back with the change that caused it.
// 2. fanOut() turns each new notification into outbox rows (one per channel and target) in one
//    transaction with a marker row, so the fan-out happens once even with two workers. Every
//    row has a unique delivery key; group robots are keyed by event, not recipient, so a
//    notice to three managers posts once to the group.
// 3. deliver() claims due rows with FOR UPDATE SKIP LOCKED and a lease (two workers never send
//    the same row at once), sends, then acknowledges. A worker that dies between send and
//    acknowledge leaves the row leased; when the lease expires it is sent again.
//
// Guarantee: AT-LEAST-ONCE sending with an IDEMPOTENT RECEIVER. Exactly-once is impossible
// with SMTP or a webhook (the send and our acknowledgement cannot commit together), so every
// message carries its delivery key — the email Message-ID and an X-Idempotency-Key header —
// and a receiver that drops repeated keys (mail stores dedupe on Message-ID) sees it once.
// Redelivery happens only after a crash inside the send→ack window, never in normal running.
import { createHash, createHmac } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { notifications, users } from '../../db/schema.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import { type Locale, pickLocale } from '../../lib/i18n.ts';
import { isSealed, maskUrl, open as openSecret, redacted, SecretError, seal } from '../../lib/secrets.ts';
import { CUSTOMER_KINDS, contextOf, type MailOptions, mailOf, render } from '../notifications/index.ts';
import { channelEndpoints, channelPreferences, channelSettings, notificationFanout, outbox } from './channels.tables.ts';

export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 8;
type OutboxRow = typeof outbox.$inferSelect;
type Settings = typeof channelSettings.$inferSelect;
type Endpoint = typeof channelEndpoints.$inferSelect;

export async function settingsOf(ex: Executor): Promise<Settings | null> {
  const [s] = await ex.select().from(channelSettings).where(eq(channelSettings.key, 'default'));
  return s ?? null;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Outbox rows for notifications not fanned out yet. Returns how many notifications were handled. */
export async function fanOut(db: Db, limit = 500, mail: MailOptions = {}): Promise<number> {
  // Notices not fanned out yet come from notification_fanout_pending (a trigger queues every new
  // notice, migration 0024), not from a scan of the week's notices. Older than a week: not sent.
  await db.execute(sql`delete from notification_fanout_pending where created_at <= now() - interval '7 days'`);
  const queued = await db.execute<{ id: string }>(
    sql`select notification_id as id from notification_fanout_pending where created_at > now() - interval '7 days' order by created_at, notification_id limit ${limit}`,
  );
  const pending = queued.rows;
  if (pending.length === 0) return 0;
  const settings = await settingsOf(db);
  const endpoints = await db.select().from(channelEndpoints).where(eq(channelEndpoints.active, true));
  let handled = 0;
  for (const { id } of pending) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from notification_fanout_pending where notification_id = ${id}`);
      const [mark] = await tx.insert(notificationFanout).values({ notificationId: id }).onConflictDoNothing().returning();
      if (!mark) return; // another worker fanned it out
      const [n] = await tx.select().from(notifications).where(eq(notifications.id, id));
      if (!n) return;
      const rows: (typeof outbox.$inferInsert)[] = [];
      if (settings?.emailEnabled && settings.smtpHost) {
        const [u] = await tx.select().from(users).where(eq(users.id, n.userId));
        const [pref] = await tx.select().from(channelPreferences).where(eq(channelPreferences.userId, n.userId));
        const wants = (pref?.email ?? true) && !(pref?.mutedKinds ?? []).includes(n.kind);
        if (u?.active && u.email && wants) {
          // The email names the record, hospital and device and links to it (issue 10 item 11).
          const r = mailOf(n, pickLocale(undefined, u.locale), (await contextOf(tx, [n])).get(n.id) ?? null, mail);
          rows.push({
            deliveryKey: `${n.id}:email`,
            channel: 'email',
            notificationId: n.id,
            target: u.email,
            payload: { subject: r.subject, text: r.text, kind: n.kind },
          });
        }
      }
      for (const ep of endpoints) {
        if (ep.kinds.length && !ep.kinds.includes(n.kind)) continue;
        // Notices to a hospital (R-CN-1) are the hospital's, not the staff group's: posted only
        // where a robot lists the kind; the survey's link is a key for that hospital alone.
        if (CUSTOMER_KINDS.has(n.kind) && (!ep.kinds.includes(n.kind) || n.kind === 'customer_survey')) continue;
        const r = render(n, ep.locale as Locale);
        // Keyed by the event, so one notice to several people posts to the group once.
        const eventKey = `${n.kind}:${n.refEntity ?? ''}:${n.refId ?? ''}:${hash(JSON.stringify(n.params))}`;
        rows.push({
          deliveryKey: `${ep.kind}:${ep.id}:${eventKey}`,
          channel: ep.kind,
          notificationId: n.id,
          target: ep.id,
          payload: { subject: r.title, text: r.body, kind: n.kind },
        });
      }
      if (rows.length) await tx.insert(outbox).values(rows).onConflictDoNothing();
      handled++;
    });
  }
  return handled;
}

// ---- senders ------------------------------------------------------------------------------

export function wecomPayload(subject: string, text: string) {
  return { msgtype: 'markdown', markdown: { content: `**${subject}**\n${text}` } };
}
export function dingtalkPayload(subject: string, text: string) {
  return { msgtype: 'markdown', markdown: { title: subject, text: `#### ${subject}\n${text}` } };
}
/** DingTalk 加签: timestamp and sign appended to the webhook URL. */
export function dingtalkSignedUrl(url: string, secret: string | null, now = Date.now()) {
  if (!secret) return url;
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${now}&sign=${encodeURIComponent(sign)}`;
}

export const messageIdOf = (deliveryKey: string) => `<${deliveryKey.replace(/[^A-Za-z0-9.-]/g, '.')}@medservice>`;

export interface Senders {
  email(settings: Settings, row: OutboxRow): Promise<void>;
  webhook(endpoint: Endpoint, row: OutboxRow): Promise<void>;
}

export const realSenders: Senders = {
  async email(s, row) {
    // Loaded at the first e-mail, not at start-up: most installations never configure SMTP (issue 17 item 5).
    const { default: nodemailer } = await import('nodemailer');
    const transport = nodemailer.createTransport({
      host: s.smtpHost as string,
      port: s.smtpPort,
      secure: s.smtpSecure,
      auth: s.smtpUser ? { user: s.smtpUser, pass: s.smtpPassword ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    try {
      await transport.sendMail({
        from: s.fromAddress ?? 'medservice@localhost',
        to: row.target,
        subject: row.payload.subject,
        text: row.payload.text,
        messageId: messageIdOf(row.deliveryKey),
        headers: { 'X-Idempotency-Key': row.deliveryKey },
      });
    } finally {
      transport.close();
    }
  },
  async webhook(ep, row) {
    const body = ep.kind === 'wecom' ? wecomPayload(row.payload.subject, row.payload.text) : dingtalkPayload(row.payload.subject, row.payload.text);
    const url = ep.kind === 'dingtalk' ? dingtalkSignedUrl(ep.url, ep.secret) : ep.url;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-idempotency-key': row.deliveryKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    // Both robots answer 200 with {"errcode":0,...}; a non-zero errcode is a refusal.
    try {
      const j = JSON.parse(text) as { errcode?: number; errmsg?: string };
      if (typeof j.errcode === 'number' && j.errcode !== 0) throw new Error(`errcode ${j.errcode}: ${j.errmsg ?? ''}`);
    } catch (e) {
      if (e instanceof SyntaxError) return;
      throw e;
    }
  },
};

// ---- delivery -----------------------------------------------------------------------------

export interface DeliverOptions {
  now?: Date;
  leaseMs?: number;
  limit?: number;
  senders?: Senders;
  /** Test hook between send and acknowledge (a throw here is a worker dying mid-way). */
  afterSend?: (row: OutboxRow) => void | Promise<void>;
}

/** Claims due rows (pending, or leased by a worker whose lease ran out) for this worker. */
async function claim(db: Db, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const until = new Date(now.getTime() + leaseMs);
  const r = await db.execute(sql`
    update channel_outbox set status = 'sending', attempts = attempts + 1, locked_until = ${until}
    where id in (
      select id from channel_outbox
      where (status = 'pending' and available_at <= ${now}) or (status = 'sending' and locked_until < ${now})
      order by id for update skip locked limit ${limit})
    returning id`);
  const ids = (r.rows as { id: string | number }[]).map((x) => Number(x.id));
  if (ids.length === 0) return [];
  return db.select().from(outbox).where(inArray(outbox.id, ids)).orderBy(outbox.id);
}

export async function deliver(db: Db, opts: DeliverOptions = {}) {
  const now = opts.now ?? new Date();
  const senders = opts.senders ?? realSenders;
  const rows = await claim(db, now, opts.leaseMs ?? LEASE_MS, opts.limit ?? 100);
  const result = { sent: 0, failed: 0 };
  if (rows.length === 0) return result;
  const settings = await settingsOf(db);
  const endpoints = new Map((await db.select().from(channelEndpoints)).map((e) => [e.id, e]));
  for (const row of rows) {
    try {
      // Secrets are opened only here, for the send (issue 10 item 5); a wrong key fails this
      // delivery with a clear lastError (SecretError) and the row is retried, nothing crashes.
      if (row.channel === 'email') {
        if (!settings?.smtpHost) throw new Error('SMTP is not configured');
        await senders.email({ ...settings, smtpPassword: openSecret(settings.smtpPassword) }, row);
      } else {
        const ep = endpoints.get(row.target);
        if (!ep?.active) throw new Error('endpoint removed or inactive');
        await senders.webhook({ ...ep, url: openSecret(ep.url) as string, secret: openSecret(ep.secret) }, row);
      }
    } catch (err) {
      const gaveUp = row.attempts >= MAX_ATTEMPTS;
      const backoff = Math.min(60, 2 ** row.attempts) * 60_000;
      await db
        .update(outbox)
        .set({
          status: gaveUp ? 'failed' : 'pending',
          lockedUntil: null,
          availableAt: new Date(now.getTime() + backoff),
          lastError: String((err as Error).message).slice(0, 500),
        })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending')));
      result.failed++;
      continue;
    }
    await opts.afterSend?.(row);
    await db
      .update(outbox)
      .set({ status: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending')));
    result.sent++;
  }
  return result;
}

// ---- secrets at rest (issue 10 item 5) -------------------------------------------------------

/** How a stored secret appears in an audit entry: its fingerprint, or a mark when it cannot be opened. */
export function auditSecret(stored: string | null): string | null {
  try {
    return redacted(openSecret(stored));
  } catch (e) {
    if (e instanceof SecretError) return '[redacted, not readable with this key]';
    throw e;
  }
}

/** A robot's URL as the API shows it: the access key in its query hidden. */
export function shownUrl(stored: string): string {
  try {
    return maskUrl(openSecret(stored) as string);
  } catch (e) {
    if (e instanceof SecretError) return '(encrypted with another key; enter the URL again)';
    throw e;
  }
}

export const settingsAudit = (s: Settings | null | undefined) =>
  s
    ? {
        version: s.version,
        smtpHost: s.smtpHost,
        smtpPort: s.smtpPort,
        smtpSecure: s.smtpSecure,
        smtpUser: s.smtpUser,
        smtpPassword: auditSecret(s.smtpPassword),
        fromAddress: s.fromAddress,
        emailEnabled: s.emailEnabled,
      }
    : null;

export const endpointAudit = (e: Endpoint | null | undefined) =>
  e
    ? {
        version: e.version,
        kind: e.kind,
        name: e.name,
        url: auditSecret(e.url),
        urlShown: shownUrl(e.url),
        secret: auditSecret(e.secret),
        kinds: e.kinds,
        locale: e.locale,
        active: e.active,
      }
    : null;

/**
 * Encrypts secrets stored in plain text (rows from before encryption existed). Run at start-up:
 * the migration cannot, the key is not in the database. Idempotent: sealed values are skipped.
 */
export async function sealPlaintextSecrets(db: Db, actor: Actor = systemActor): Promise<number> {
  return db.transaction(async (tx) => {
    let sealed = 0;
    for (const s of await tx.select().from(channelSettings).for('update')) {
      if (s.smtpPassword === null || isSealed(s.smtpPassword)) continue;
      const [after] = await tx
        .update(channelSettings)
        .set({ smtpPassword: seal(s.smtpPassword) })
        .where(eq(channelSettings.id, s.id))
        .returning();
      await recordAudit(tx, {
        actor,
        entity: 'channel_settings',
        entityId: s.id,
        action: 'secrets_encrypted',
        before: settingsAudit(s),
        after: settingsAudit(after),
      });
      sealed++;
    }
    for (const e of await tx.select().from(channelEndpoints).for('update')) {
      if (isSealed(e.url) && (e.secret === null || isSealed(e.secret))) continue;
      const [after] = await tx
        .update(channelEndpoints)
        .set({ url: seal(e.url) as string, secret: seal(e.secret) })
        .where(eq(channelEndpoints.id, e.id))
        .returning();
      await recordAudit(tx, {
        actor,
        entity: 'channel_endpoint',
        entityId: e.id,
        action: 'secrets_encrypted',
        before: endpointAudit(e),
        after: endpointAudit(after),
      });
      sealed++;
    }
    return sealed;
  });
}
