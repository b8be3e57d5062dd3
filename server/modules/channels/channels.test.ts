// Notification channels: a real local SMTP server (smtp-server) and a local webhook receiver
// in the formats of WeCom and DingTalk robots. The outbox sends each notice once with two
// workers running; a worker killed between send and acknowledge causes one redelivery with
// the same Message-ID, which the idempotent receiver drops (at-least-once + idempotent
// receiver, see channels.service.ts). Per-user preferences and zh-CN/en-US templates.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { userId } from '../../test/service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { deliver, dingtalkSignedUrl, fanOut } from './channels.service.ts';

let env: TestEnv;
let admin: Client;
let smtp: SMTPServer;
let smtpPort: number;
let hooks: Server;
let hookPort: number;
const mails: { to: string; messageId: string; raw: string }[] = [];
const posts: { url: string; key: string; body: Record<string, unknown> }[] = [];

function startSmtp() {
  return new Promise<void>((resolve) => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => {
          raw += c.toString('utf8');
        });
        stream.on('end', () => {
          const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1].trim() ?? '';
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), messageId, raw });
          cb();
        });
      },
    });
    smtp.listen(0, '127.0.0.1', () => {
      smtpPort = (smtp.server.address() as AddressInfo).port;
      resolve();
    });
  });
}

function startHooks() {
  return new Promise<void>((resolve) => {
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        posts.push({ url: req.url ?? '', key: String(req.headers['x-idempotency-key'] ?? ''), body: JSON.parse(body) });
        res.setHeader('content-type', 'application/json');
        res.end(req.url?.includes('refuse') ? '{"errcode":310000,"errmsg":"sign not match"}' : '{"errcode":0,"errmsg":"ok"}');
      });
    });
    hooks.listen(0, '127.0.0.1', () => {
      hookPort = (hooks.address() as AddressInfo).port;
      resolve();
    });
  });
}

/** Distinct messages as an idempotent receiver (dedupe on Message-ID) would keep them. */
const distinct = () => new Set(mails.map((m) => m.messageId)).size;

beforeAll(async () => {
  await Promise.all([startSmtp(), startHooks()]);
  env = await createTestEnv();
  admin = await env.as('admin');
  // Notifications the demo seed left are not this test's business.
  await fanOut(env.database.db, 100_000);
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => hooks.close(() => r()));
});

describe('settings and preferences', () => {
  it('the admin configures SMTP; the password is never shown; others may not', async () => {
    const dispatcher = await env.as('dispatcher');
    expect((await dispatcher.get('/api/v1/channels/settings')).statusCode).toBe(403);
    const put = await admin.raw({
      method: 'PUT',
      url: '/api/v1/channels/settings',
      payload: {
        version: 0,
        smtpHost: '127.0.0.1',
        smtpPort,
        smtpSecure: false,
        smtpUser: null,
        smtpPassword: 'secret',
        fromAddress: 'service@medservice.example',
        emailEnabled: true,
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.data).toMatchObject({ version: 1, hasPassword: true, emailEnabled: true });
    expect(JSON.stringify(put.data)).not.toContain('secret');
    const stale = await admin.raw({
      method: 'PUT',
      url: '/api/v1/channels/settings',
      payload: { version: 0, smtpPort: 25, smtpSecure: false, emailEnabled: false },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('group robots of WeCom and DingTalk are registered', async () => {
    const w = await admin.post('/api/v1/channels/endpoints', { kind: 'wecom', name: '售后群', url: `http://127.0.0.1:${hookPort}/wecom?key=abc` });
    expect(w.statusCode).toBe(201);
    const d = await admin.post('/api/v1/channels/endpoints', {
      kind: 'dingtalk',
      name: '质量群',
      url: `http://127.0.0.1:${hookPort}/dingtalk?access_token=t`,
      secret: 'SECabc',
      kinds: ['complaint_major'],
      locale: 'en-US',
    });
    expect(d.data).toMatchObject({ hasSecret: true, kinds: ['complaint_major'] });
    expect(JSON.stringify(d.data)).not.toContain('SECabc');
    const renamed = await admin.patch(`/api/v1/channels/endpoints/${d.data.id}`, { version: d.data.version, name: '质量管理群' });
    expect(renamed.data).toMatchObject({ name: '质量管理群', kinds: ['complaint_major'], locale: 'en-US', version: 2 });
  });

  it('a user turns email off for a kind', async () => {
    const engineer = await env.as('engineer');
    const r = await engineer.raw({ method: 'PUT', url: '/api/v1/channels/preferences', payload: { version: 0, email: true, mutedKinds: ['followup_due'] } });
    expect(r.data).toEqual({ version: 1, email: true, mutedKinds: ['followup_due'] });
  });
});

describe('the outbox', () => {
  it("fans a notice out once, in each reader's language, and posts to the group once per event", async () => {
    const [manager, executive, engineer] = await Promise.all(['manager', 'executive', 'engineer'].map((u) => userId(env, u)));
    await env.database.exec(`update users set locale = 'en-US' where id = '${executive}'`);
    await env.database.db.transaction((tx) =>
      notify(
        tx,
        [manager, executive],
        'complaint_major' as never,
        { number: 'TS-2026-000001', customer: '仁和医院', matter: '两次迟到' },
        { entity: 'complaint', id: manager },
      ),
    );
    await env.database.db.transaction((tx) =>
      notify(tx, [engineer], 'followup_due' as never, { key: 's1', dueAt: '2026-11-20' }, { entity: 'followup', id: engineer }),
    );
    await Promise.all([fanOut(env.database.db), fanOut(env.database.db)]);
    const rows = await env.database.query<{ channel: string; target: string; payload: { subject: string } }>(
      `select channel, target, payload from channel_outbox order by channel, target`,
    );
    const emails = rows.rows.filter((r) => r.channel === 'email');
    expect(emails.map((r) => [r.target, r.payload.subject]).sort()).toEqual([
      ['executive@medservice.example', 'Major complaint TS-2026-000001'],
      ['manager@medservice.example', '重大投诉 TS-2026-000001'],
    ]);
    // WeCom takes every kind (2 events), DingTalk only major complaints (1 event), once each.
    expect(rows.rows.filter((r) => r.channel === 'wecom')).toHaveLength(2);
    expect(rows.rows.filter((r) => r.channel === 'dingtalk').map((r) => r.payload.subject)).toEqual(['Major complaint TS-2026-000001']);
  });

  it('two workers at once: every message is sent exactly once', async () => {
    const results = await Promise.all([deliver(env.database.db), deliver(env.database.db)]);
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(5);
    expect(mails).toHaveLength(2);
    expect(distinct()).toBe(2);
    expect(posts).toHaveLength(3);
    const manager = mails.find((m) => m.to === 'manager@medservice.example');
    expect(manager?.raw).toMatch(/X-Idempotency-Key: /i);
    const wecom = posts.find((p) => p.url.startsWith('/wecom'));
    expect(wecom?.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**') } });
    const ding = posts.find((p) => p.url.startsWith('/dingtalk'));
    expect(ding?.url).toMatch(/timestamp=\d+&sign=/);
    expect(ding?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Major complaint TS-2026-000001' } });
    expect(await deliver(env.database.db)).toEqual({ sent: 0, failed: 0 });
  });

  it('a worker killed between send and acknowledge: resent after the lease with the same Message-ID; the receiver keeps one', async () => {
    const dispatcher = await userId(env, 'dispatcher');
    await env.database.db.transaction((tx) =>
      notify(tx, [dispatcher], 'followup_escalated' as never, { number: 'HF-2026-000009', problem: '报警' }, { entity: 'followup', id: dispatcher }),
    );
    await fanOut(env.database.db);
    const before = mails.length;
    const now = new Date();
    await expect(
      deliver(env.database.db, {
        now,
        afterSend: () => {
          throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(mails.length).toBe(before + 1);
    // Within the lease nobody touches it.
    expect((await deliver(env.database.db, { now: new Date(now.getTime() + 30_000) })).sent).toBe(0);
    const after = await deliver(env.database.db, { now: new Date(now.getTime() + 61_000) });
    expect(after.sent).toBeGreaterThanOrEqual(1);
    const resent = mails.slice(before).filter((m) => m.to === 'dispatcher@medservice.example');
    expect(resent).toHaveLength(2);
    expect(resent[0].messageId).toBe(resent[1].messageId);
    expect(new Set(mails.slice(before).map((m) => m.messageId)).size).toBe(mails.slice(before).length - 1);
    const row = await env.database.query<{ status: string; attempts: number }>(
      `select status, attempts from channel_outbox where target = 'dispatcher@medservice.example'`,
    );
    expect(row.rows[0]).toEqual({ status: 'sent', attempts: 2 });
  });

  it('a refused webhook is retried later with backoff and the error kept', async () => {
    const ep = await admin.post('/api/v1/channels/endpoints', {
      kind: 'dingtalk',
      name: '坏群',
      url: `http://127.0.0.1:${hookPort}/refuse`,
      kinds: ['followup_approved'],
    });
    const u = await userId(env, 'engineer2');
    await env.database.db.transaction((tx) => notify(tx, [u], 'followup_approved' as never, { number: 'HF-2026-000010' }, { entity: 'followup', id: u }));
    await fanOut(env.database.db);
    const r = await deliver(env.database.db);
    expect(r.failed).toBe(1);
    const row = await env.database.query<{ status: string; last_error: string; available_at: Date }>(
      `select status, last_error, available_at from channel_outbox where target = '${ep.data.id}'`,
    );
    expect(row.rows[0]).toMatchObject({ status: 'pending', last_error: expect.stringContaining('310000') });
    expect(new Date(row.rows[0].available_at).getTime()).toBeGreaterThan(Date.now());
    const list = await admin.get('/api/v1/channels/outbox');
    expect(list.data.items.some((i: { status: string }) => i.status === 'pending')).toBe(true);
  });

  it('DingTalk signing follows the robot documentation', () => {
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=x', 'SEC1', 1_700_000_000_000);
    expect(url).toMatch(/^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=x&timestamp=1700000000000&sign=[A-Za-z0-9%]+$/);
  });
});
