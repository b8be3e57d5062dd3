// Channel secrets at rest and the audit of channel settings (issue 10 item 5). The SMTP password,
// a DingTalk robot's 加签 secret and a robot URL carrying its access key are stored as AES-256-GCM
// ciphertext under a key that is not in the database; every change is audited with the secret
// replaced by its fingerprint; the API never returns a secret; sending through a real local SMTP
// server (with authentication) and a local webhook receiver still works, and a wrong key fails a
// delivery with a clear error instead of crashing.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../env.ts';
import { loadSecretsKey, parseKey, SecretError, setSecretsKey } from '../../lib/secrets.ts';
import { type Client, createTestEnv, TEST_SECRETS_KEY, type TestEnv } from '../../test/harness.ts';
import { userId } from '../../test/service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { deliver, fanOut, sealPlaintextSecrets } from './channels.service.ts';

const PASSWORD = 'Smtp-Pa55word-Only-Here';
const HOOK_KEY = 'wk-7d1c0ffee15a5ecre7';
const SIGN_SECRET = 'SECd1ngta1k5ecret';
const fp = (s: string) => createHmac('sha256', TEST_SECRETS_KEY).update(s).digest('hex').slice(0, 8);
const EN = { 'accept-language': 'en-US' };

let env: TestEnv;
let admin: Client;
let smtp: SMTPServer;
let smtpPort: number;
let hooks: Server;
let hookPort: number;
const logins: { user: string; pass: string }[] = [];
const mails: string[] = [];
const posts: string[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, cb) {
        logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
        if (auth.username === 'mailer' && auth.password === PASSWORD) return cb(null, { user: 'mailer' });
        return cb(new Error('Invalid username or password'));
      },
      onData(stream, session, cb) {
        stream.on('data', () => {});
        stream.on('end', () => {
          mails.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          cb();
        });
      },
    });
    smtp.listen(0, '127.0.0.1', () => {
      smtpPort = (smtp.server.address() as AddressInfo).port;
      resolve();
    });
  });
  await new Promise<void>((resolve) => {
    hooks = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        posts.push(req.url ?? '');
        res.setHeader('content-type', 'application/json');
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    hooks.listen(0, '127.0.0.1', () => {
      hookPort = (hooks.address() as AddressInfo).port;
      resolve();
    });
  });
  env = await createTestEnv();
  admin = await env.as('admin');
  await fanOut(env.database.db, 100_000); // the demo seed's notices are not this file's business
});
afterAll(async () => {
  setSecretsKey(TEST_SECRETS_KEY);
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => hooks.close(() => r()));
});

const q = async <T = Record<string, unknown>>(sql: string) => (await env.database.query<T>(sql)).rows;
const rawSettings = async () =>
  (await q<{ smtp_password: string | null; version: number }>(`select smtp_password, version from channel_settings where key = 'default'`))[0];
const lastAudit = async (entity: string) =>
  (
    await q<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>(
      `select action, before, after from audit_log where entity = '${entity}' order by seq desc limit 1`,
    )
  )[0];
const auditCount = async () => (await q<{ n: number }>('select count(*)::int as n from audit_log'))[0].n;
const settingsBody = (version: number, extra: Record<string, unknown> = {}) => ({
  version,
  smtpHost: '127.0.0.1',
  smtpPort,
  smtpSecure: false,
  smtpUser: 'mailer',
  fromAddress: 'service@medservice.example',
  emailEnabled: true,
  ...extra,
});
const putSettings = (body: unknown, headers: Record<string, string> = {}) =>
  admin.raw({ method: 'PUT', url: '/api/v1/channels/settings', payload: body as object, headers });

describe('the SMTP password (issue 10 item 5)', () => {
  it('is stored encrypted, never returned, and audited as a fingerprint only', async () => {
    const r = await putSettings(settingsBody(0, { smtpPassword: PASSWORD }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ version: 1, hasPassword: true });
    expect(r.body).not.toContain(PASSWORD);
    const got = await admin.get('/api/v1/channels/settings');
    expect(got.data.hasPassword).toBe(true);
    expect(got.body).not.toContain(PASSWORD);

    const row = await rawSettings();
    expect(row.smtp_password).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(row.smtp_password).not.toContain(PASSWORD);
    expect(JSON.stringify(await q('select * from channel_settings'))).not.toContain(PASSWORD);

    const audit = await lastAudit('channel_settings');
    expect(audit).toMatchObject({ action: 'create', before: null, after: { smtpUser: 'mailer', smtpPassword: `[redacted ${fp(PASSWORD)}]` } });
    expect(JSON.stringify(await q('select before, after from audit_log'))).not.toContain(PASSWORD);
  });

  it('a change of password shows in the audit as a new fingerprint; a save without it keeps the old one', async () => {
    const changed = await putSettings(settingsBody(1, { smtpPassword: 'Another-Pa55word' }));
    expect(changed.statusCode).toBe(200);
    const a = await lastAudit('channel_settings');
    expect(a).toMatchObject({
      action: 'update',
      before: { smtpPassword: `[redacted ${fp(PASSWORD)}]` },
      after: { smtpPassword: `[redacted ${fp('Another-Pa55word')}]` },
    });

    const back = await putSettings(settingsBody(2, { smtpPassword: PASSWORD }));
    expect(back.statusCode).toBe(200);
    const kept = await putSettings(settingsBody(3, { fromAddress: 'kefu@medservice.example' }));
    expect(kept.data).toMatchObject({ version: 4, hasPassword: true, fromAddress: 'kefu@medservice.example' });
    const b = await lastAudit('channel_settings');
    expect(b.before?.smtpPassword).toBe(`[redacted ${fp(PASSWORD)}]`);
    expect(b.after.smtpPassword).toBe(`[redacted ${fp(PASSWORD)}]`);
    expect(b.after.fromAddress).toBe('kefu@medservice.example');
  });

  it('bad input is refused in the reader’s language and changes nothing', async () => {
    const before = { row: await rawSettings(), audit: await auditCount() };
    const port = await putSettings(settingsBody(4, { smtpPort: 70_000, smtpPassword: 'leaks?' }), EN);
    expect(port.statusCode).toBe(400);
    expect(port.data).toMatchObject({
      code: 'validation_failed',
      fields: [{ field: 'smtpPort', code: 'too_big', message: 'Too long or too large (maximum 65535)' }],
    });
    const zh = await putSettings(settingsBody(4, { smtpPassword: 'x'.repeat(201) }));
    expect(zh.data).toMatchObject({ fields: [{ field: 'smtpPassword', message: '过长或过大（最大 200）' }] });
    const stale = await putSettings(settingsBody(1, { smtpPassword: 'stale' }), EN);
    expect(stale.statusCode).toBe(409);
    expect(stale.data.detail).toMatch(/changed by someone else/);
    expect(await rawSettings()).toEqual(before.row);
    expect(await auditCount()).toBe(before.audit);
  });

  it('mail still goes out through the local SMTP server, logging in with the decrypted password', async () => {
    const manager = await userId(env, 'manager');
    await env.database.db.transaction((tx) =>
      notify(
        tx,
        [manager],
        'complaint_major' as never,
        { number: 'TS-2026-000009', customer: '仁和医院', matter: '迟到' },
        { entity: 'complaint', id: manager },
      ),
    );
    await fanOut(env.database.db);
    const r = await deliver(env.database.db);
    expect(r).toMatchObject({ sent: 1, failed: 0 });
    expect(mails).toEqual(['manager@medservice.example']);
    expect(logins).toEqual([{ user: 'mailer', pass: PASSWORD }]);
  });
});

describe('group robots: URL with its key and the 加签 secret (issue 10 item 5)', () => {
  let id: string;
  it('are stored encrypted; the API shows the URL with its key hidden and never the secret', async () => {
    const url = `http://127.0.0.1:${hookPort}/robot/send?access_token=${HOOK_KEY}`;
    const r = await admin.post('/api/v1/channels/endpoints', { kind: 'dingtalk', name: '售后群', url, secret: SIGN_SECRET });
    expect(r.statusCode, r.body).toBe(201);
    id = r.data.id;
    expect(r.data).toMatchObject({ url: `http://127.0.0.1:${hookPort}/robot/send?access_token=…`, hasSecret: true });
    const list = await admin.get('/api/v1/channels/endpoints');
    for (const body of [r.body, list.body]) {
      expect(body).not.toContain(HOOK_KEY);
      expect(body).not.toContain(SIGN_SECRET);
    }
    const [row] = await q<{ url: string; secret: string }>(`select url, secret from channel_endpoints where id = '${id}'`);
    expect(row.url).toMatch(/^v1:/);
    expect(row.secret).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(HOOK_KEY);
    const audit = await lastAudit('channel_endpoint');
    expect(audit).toMatchObject({ action: 'create', after: { url: `[redacted ${fp(url)}]`, secret: `[redacted ${fp(SIGN_SECRET)}]`, name: '售后群' } });
    expect(JSON.stringify(audit)).not.toContain(HOOK_KEY);
    expect(JSON.stringify(audit)).not.toContain(SIGN_SECRET);
  });

  it('a rename is audited and keeps the secrets; a posted notice reaches the real URL, signed', async () => {
    const cur = (await admin.get('/api/v1/channels/endpoints')).data.items.find((e: { id: string }) => e.id === id);
    const renamed = await admin.patch(`/api/v1/channels/endpoints/${id}`, { version: cur.version, name: '售后服务群' });
    expect(renamed.statusCode).toBe(200);
    const a = await lastAudit('channel_endpoint');
    expect(a).toMatchObject({ action: 'update', before: { name: '售后群' }, after: { name: '售后服务群' } });
    expect(a.after.secret).toBe(a.before?.secret);
    expect(a.after.url).toBe(a.before?.url);

    const manager = await userId(env, 'manager');
    await env.database.db.transaction((tx) =>
      notify(tx, [manager], 'followup_due' as never, { key: 's1', dueAt: '2026-12-20' }, { entity: 'followup', id: manager }),
    );
    await fanOut(env.database.db);
    posts.length = 0;
    expect((await deliver(env.database.db)).failed).toBe(0);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(new RegExp(`^/robot/send\\?access_token=${HOOK_KEY}&timestamp=\\d+&sign=`));
  });

  it('a bad URL is refused in the reader’s language and nothing is stored', async () => {
    const n = (await q<{ n: number }>('select count(*)::int as n from channel_endpoints'))[0].n;
    const r = await admin.post('/api/v1/channels/endpoints', { kind: 'wecom', name: 'x', url: 'ftp://example.com/hook' }, EN);
    expect(r.statusCode).toBe(400);
    expect(r.data).toMatchObject({ code: 'validation_failed', detail: 'The input is invalid; check the fields marked.', fields: [{ field: 'url' }] });
    expect(r.data.fields[0].message).not.toMatch(/^field\./);
    expect((await q<{ n: number }>('select count(*)::int as n from channel_endpoints'))[0].n).toBe(n);
  });
});

describe('the key is not in the database', () => {
  it('under another key a delivery fails with a clear error and is retried; nothing crashes, and the list still answers', async () => {
    const manager = await userId(env, 'manager');
    await env.database.db.transaction((tx) =>
      notify(
        tx,
        [manager],
        'complaint_major' as never,
        { number: 'TS-2026-000010', customer: '仁和医院', matter: '再次迟到' },
        { entity: 'complaint', id: manager },
      ),
    );
    await fanOut(env.database.db);
    setSecretsKey(Buffer.alloc(32, 9));
    try {
      const r = await deliver(env.database.db);
      expect(r.sent).toBe(0);
      expect(r.failed).toBeGreaterThan(0);
      const rows = await q<{ status: string; last_error: string }>(`select status, last_error from channel_outbox where status <> 'sent'`);
      expect(rows.every((x) => x.status === 'pending' && /cannot be decrypted: the secrets key/.test(x.last_error))).toBe(true);
      const list = await admin.get('/api/v1/channels/endpoints');
      expect(list.statusCode).toBe(200);
      expect(list.data.items[0].url).toMatch(/another key/);
    } finally {
      setSecretsKey(TEST_SECRETS_KEY);
    }
  });

  it('secrets saved in plain text before encryption existed are encrypted at start-up, once, and still work', async () => {
    await env.database.exec(`update channel_settings set smtp_password = '${PASSWORD}'`);
    await env.database.exec(`update channel_endpoints set url = 'http://127.0.0.1:${hookPort}/plain?key=${HOOK_KEY}', secret = null`);
    const first = await sealPlaintextSecrets(env.database.db);
    expect(first).toBe(2);
    expect(await sealPlaintextSecrets(env.database.db)).toBe(0);
    expect((await rawSettings()).smtp_password).toMatch(/^v1:/);
    expect(JSON.stringify(await q('select url, secret from channel_endpoints'))).not.toContain(HOOK_KEY);
    const a = await lastAudit('channel_settings');
    expect(a).toMatchObject({
      action: 'secrets_encrypted',
      before: { smtpPassword: `[redacted ${fp(PASSWORD)}]` },
      after: { smtpPassword: `[redacted ${fp(PASSWORD)}]` },
    });
    mails.length = 0;
    logins.length = 0;
    // A second back, not now(): the database keeps microseconds and deliver() asks with a JS
    // Date (milliseconds), so a row due "now" can be a few microseconds in deliver's future.
    await env.database.exec(`update channel_outbox set available_at = now() - interval '1 second' where status = 'pending'`);
    await deliver(env.database.db);
    expect(mails.length).toBeGreaterThan(0);
    expect(logins.at(-1)).toEqual({ user: 'mailer', pass: PASSWORD });
  });

  it('the key comes from SECRETS_KEY, else a key file made once in DATA_DIR (0600); on PostgreSQL a key file is a warning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ms-secrets-'));
    try {
      const warnings: string[] = [];
      const k1 = loadSecretsKey({ dataDir: dir, postgres: false, warn: (m) => warnings.push(m) });
      const file = path.join(dir, 'secrets.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadSecretsKey({ dataDir: dir, postgres: false, warn: (m) => warnings.push(m) })).toEqual(k1);
      expect(warnings).toEqual([]);
      loadSecretsKey({ dataDir: dir, postgres: true, warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([expect.stringMatching(/SECRETS_KEY is not set.*secrets\.key/)]);
      const fromEnv = Buffer.alloc(32, 3);
      expect(loadSecretsKey({ fromEnv, dataDir: dir, postgres: true, warn: (m) => warnings.push(m) })).toBe(fromEnv);
      expect(readFileSync(file, 'utf8').trim()).toBe(k1.toString('base64'));
      writeFileSync(file, 'not a key');
      expect(() => loadSecretsKey({ dataDir: dir, postgres: false, warn: () => {} })).toThrow(SecretError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on PostgreSQL with a DATA_DIR that does not exist yet, the key file is made in a new directory (no ENOENT at start)', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'ms-secrets-'));
    try {
      const dir = path.join(parent, 'not', 'yet');
      const key = loadSecretsKey({ dataDir: dir, postgres: true, warn: () => {} });
      expect(readFileSync(path.join(dir, 'secrets.key'), 'utf8').trim()).toBe(key.toString('base64'));
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('SECRETS_KEY takes 32 bytes as hex or base64; anything else stops start-up without echoing the value', () => {
    const key = Buffer.alloc(32, 5);
    expect(parseKey(key.toString('hex'))).toEqual(key);
    expect(parseKey(key.toString('base64'))).toEqual(key);
    expect(parseKey(key.toString('base64url'))).toEqual(key);
    expect(parseKey('too-short')).toBeNull();
    expect(loadEnv({ SECRETS_KEY: key.toString('hex') }).SECRETS_KEY).toEqual(key);
    expect(() => loadEnv({ SECRETS_KEY: 'my-weak-secret' })).toThrow(EnvError);
    try {
      loadEnv({ SECRETS_KEY: 'my-weak-secret' });
    } catch (e) {
      expect((e as Error).message).toMatch(/SECRETS_KEY=\(hidden\): must be 32 bytes/);
      expect((e as Error).message).not.toContain('my-weak-secret');
    }
  });
});
