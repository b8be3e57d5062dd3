// Session attacks against the real app (issue 6, reliability item 5): session fixation, CSRF
// on every unsafe operation of the OpenAPI document, password-change revocation, and login
// brute force (per account, password spraying per address, spoofed X-Forwarded-For, user
// enumeration). In-process (createTestEnv); each story uses its own client address so the
// rate limits of one story do not leak into another.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CSRF_COOKIE, SESSION_COOKIE, sessionIdOf } from '../server/http/auth.ts';
import { verifyPassword } from '../server/lib/passwords.ts';
import { LOGIN_FAILURES_PER_ADDRESS } from '../server/modules/users/users.routes.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';
import { createTestEnv, type Res, type TestEnv } from '../server/test/harness.ts';

// Count the password verifications, to show every failed login takes the same path.
vi.mock('../server/lib/passwords.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../server/lib/passwords.ts')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

let env: TestEnv;
let sent = 0;
let assertions = 0;
beforeAll(async () => {
  env = await createTestEnv();
});
afterEach(() => {
  assertions += expect.getState().assertionCalls;
});
afterAll(async () => {
  console.log(`session chaos: ${sent} requests sent, ${assertions} assertions`);
  await env?.close();
});

/** One request from a client address (TEST-NET ranges, so never trusted as a proxy). */
async function call(o: InjectOptions & { ip?: string; cookie?: string; csrf?: string }): Promise<Res> {
  sent++;
  const headers: Record<string, string> = { ...(o.headers as Record<string, string>) };
  if (o.cookie) headers.cookie = o.cookie;
  if (o.csrf !== undefined) headers['x-csrf-token'] = o.csrf;
  const r = (await env.app.inject({ ...o, remoteAddress: o.ip ?? '192.0.2.1', headers })) as Res;
  r.data = String(r.headers['content-type'] ?? '').includes('json') && r.body ? JSON.parse(r.body) : r.body;
  return r;
}

interface Session {
  token: string;
  csrf: string;
  cookie: string;
  res: Res;
}
async function login(username: string, ip: string, extra: { cookie?: string; csrf?: string; password?: string } = {}): Promise<Session> {
  const res = await call({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: extra.password ?? DEMO_PASSWORD }, ip, ...extra });
  expect(res.statusCode, `login ${username}: ${res.body}`).toBe(200);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const csrf = res.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
  return { token, csrf, cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`, res };
}
const me = (cookie: string, ip = '192.0.2.1') => call({ method: 'GET', url: '/api/v1/auth/me', cookie, ip });
const failedLogin = (username: string, ip: string, headers: Record<string, string> = {}) =>
  call({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'wrong-password-1' }, ip, headers });

describe('session fixation', () => {
  it('a login carrying an attacker-chosen cookie gets a new token; the planted one never authenticates', async () => {
    const planted = 'attacker-chosen-token-0123456789abcdef';
    const s = await login('engineer', '192.0.2.10', { cookie: `${SESSION_COOKIE}=${planted}` });
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.token).not.toBe(planted);
    expect((await me(`${SESSION_COOKIE}=${planted}`)).statusCode).toBe(401);
    const stored = await env.database.query<{ n: number }>('select count(*)::int as n from sessions where id = $1', [
      sessionIdOf(env.ctx.auth.secret, planted),
    ]);
    expect(stored.rows[0].n).toBe(0);
    expect((await me(s.cookie)).data.user.username).toBe('engineer');
  });

  it("a victim logging in inside the attacker's own valid session gets a fresh session and the attacker's is ended", async () => {
    const attacker = await login('technician', '192.0.2.11');
    // The victim's browser carries the planted cookies; the web client echoes ms_csrf as it always does.
    const victim = await login('engineer', '192.0.2.12', { cookie: attacker.cookie, csrf: attacker.csrf });
    expect(victim.token).not.toBe(attacker.token);
    expect(victim.csrf).not.toBe(attacker.csrf);
    expect((await me(attacker.cookie)).statusCode).toBe(401);
    expect((await me(victim.cookie)).data.user.username).toBe('engineer');
  });

  it('after logout the old token and its CSRF token are worthless', async () => {
    const s = await login('expert', '192.0.2.13');
    expect((await call({ method: 'POST', url: '/api/v1/auth/logout', cookie: s.cookie, csrf: s.csrf })).statusCode).toBe(204);
    expect((await me(s.cookie)).statusCode).toBe(401);
    const write = await call({ method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'en-US' }, cookie: s.cookie, csrf: s.csrf });
    expect(write.statusCode).toBe(401);
    expect(write.data.code).toBe('unauthenticated');
  });

  it("changing one's password ends the user's other sessions, keeps this one, and is audited without the hash", async () => {
    const here = await login('engineer2', '192.0.2.14');
    const phone = await login('engineer2', '192.0.2.15');
    const before = await env.database.query<{ seq: number }>('select coalesce(max(seq), 0)::int as seq from audit_log');
    const r = await call({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'NewSecret2027' },
      cookie: here.cookie,
      csrf: here.csrf,
    });
    expect(r.statusCode).toBe(204);
    expect((await me(phone.cookie)).statusCode).toBe(401);
    expect((await me(here.cookie)).statusCode).toBe(200);
    const trail = await env.database.query<{ action: string; after: Record<string, unknown> }>(
      `select a.action, a.after from audit_log a join users u on u.id::text = a.entity_id where u.username = 'engineer2' and a.entity = 'user' and a.seq > $1`,
      [before.rows[0].seq],
    );
    expect(trail.rows.map((x) => x.action)).toEqual(['update']);
    expect(JSON.stringify(trail.rows[0].after)).not.toMatch(/argon2|passwordHash/);
    expect((await failedLogin('engineer2', '192.0.2.16')).statusCode).toBe(401); // the old password
    await login('engineer2', '192.0.2.16', { password: 'NewSecret2027' });
  });

  it('the session cookie is HttpOnly and SameSite=Lax; the CSRF cookie is readable by the page', async () => {
    const s = await login('quality', '192.0.2.17');
    const session = s.res.cookies.find((c) => c.name === SESSION_COOKIE);
    const csrf = s.res.cookies.find((c) => c.name === CSRF_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrf).toMatchObject({ sameSite: 'Lax', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
  });
});

describe('CSRF on every unsafe operation', () => {
  it('without the token, with a wrong one, or with the token of another session: 403 csrf_failed and nothing changes', async () => {
    const doc = env.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const ops: { method: string; url: string }[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const m of Object.keys(methods)) {
        const method = m.toUpperCase();
        if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) ops.push({ method, url: path.replace(/\{[^}]+\}/g, () => randomUUID()) });
      }
    }
    expect(ops.length).toBeGreaterThan(50);
    expect(new Set(ops.map((o) => o.url.split('/')[3])).size).toBeGreaterThan(10); // many modules

    const admin = await login('admin', '192.0.2.20');
    const adminElsewhere = await login('admin', '192.0.2.21');
    const other = await login('manager', '192.0.2.22');
    const state = async () =>
      (
        await env.database.query<{ seq: number; n: number; s: number }>(
          'select max(seq)::int as seq, count(*)::int as n, (select count(*)::int from sessions) as s from audit_log',
        )
      ).rows[0];
    const before = await state();
    const variants: [string, string | undefined][] = [
      ['none', undefined],
      ['empty', ''],
      ['wrong', 'f'.repeat(32)],
      ["another user's session", other.csrf],
      ["the same user's other session", adminElsewhere.csrf],
    ];
    const wrong: string[] = [];
    for (const op of ops) {
      for (const [name, csrf] of variants) {
        const r = await call({ method: op.method as InjectOptions['method'], url: op.url, cookie: admin.cookie, csrf, ip: '192.0.2.20' });
        if (r.statusCode !== 403 || r.data?.code !== 'csrf_failed') wrong.push(`${op.method} ${op.url} [${name}] → ${r.statusCode} ${r.body.slice(0, 80)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await state()).toEqual(before); // no audit entry, no session ended (logout, password change)
    expect((await me(admin.cookie)).statusCode).toBe(200);
    // The right token passes the same gate (so the refusals above were the CSRF check).
    const ok = await call({ method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'zh-CN' }, cookie: admin.cookie, csrf: admin.csrf, ip: '192.0.2.20' });
    expect(ok.statusCode).toBe(204);
  });
});

describe('login brute force', () => {
  it('10 failed logins lock the account for this address: the 11th, even with the right password, is 429 in both languages', async () => {
    const ip = '198.51.100.1';
    for (let i = 0; i < 10; i++) expect((await failedLogin('quality', ip)).statusCode).toBe(401);
    const zh = await call({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'quality', password: DEMO_PASSWORD }, ip });
    expect(zh.statusCode).toBe(429);
    expect(zh.data.code).toBe('rate_limited');
    expect(zh.data.detail).toMatch(/^尝试次数过多，请 \d+ 秒后再试。$/);
    expect(zh.headers['retry-after']).toBeDefined();
    expect(zh.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    const en = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'QUALITY ', password: DEMO_PASSWORD }, // case and spaces do not make a new account
      headers: { 'accept-language': 'en-US' },
      ip,
    });
    expect(en.statusCode).toBe(429);
    expect(en.data.detail).toMatch(/^Too many attempts; try again in \d+ s\.$/);
    // Another account from the same address, and this account from elsewhere, still log in.
    await login('sales', ip);
    await login('quality', '198.51.100.2');
  });

  it(`password spraying over many usernames from one address stops after ${LOGIN_FAILURES_PER_ADDRESS} failures; a spoofed X-Forwarded-For does not help`, async () => {
    const ip = '198.51.100.3';
    const names = Array.from({ length: LOGIN_FAILURES_PER_ADDRESS }, (_, i) =>
      i < 10 ? ['admin', 'manager', 'dispatcher', 'parts', 'finance'][i % 5] : `user${i}`,
    );
    for (const [i, name] of names.entries()) {
      const r = await failedLogin(name, ip);
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await call({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'executive', password: DEMO_PASSWORD }, ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.data.code).toBe('rate_limited');
    expect(blocked.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 5; i++) {
      const spoofed = await call({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'executive', password: DEMO_PASSWORD },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        ip,
      });
      expect(spoofed.statusCode).toBe(429);
    }
    await login('executive', '198.51.100.4');
    // Behind a reverse proxy on this host the forwarded client address is the one counted.
    const proxied = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'executive', password: DEMO_PASSWORD },
      headers: { 'x-forwarded-for': '198.51.100.5' },
      ip: '127.0.0.1',
    });
    expect(proxied.statusCode).toBe(200);
  });

  it('successful logins do not count against the address: a hospital behind one NAT is not locked out', async () => {
    const ip = '198.51.100.6';
    const users = [
      'admin',
      'manager',
      'dispatcher',
      'engineer',
      'technician',
      'expert',
      'parts',
      'quality',
      'sales',
      'finance',
      'executive',
      'renhe',
      'ruikang',
    ];
    let ok = 0;
    while (ok <= LOGIN_FAILURES_PER_ADDRESS) {
      await login(users[ok % users.length], ip); // under 10 per account, so only the address limit could stop it
      ok++;
    }
    expect(ok).toBe(LOGIN_FAILURES_PER_ADDRESS + 1);
    expect((await failedLogin('admin', ip)).statusCode).toBe(401);
  });

  it('a wrong password, an unknown user and a disabled account get the same answer through the same path (no enumeration)', async () => {
    await env.database.query(`update users set active = false where username = 'technician'`);
    const cases: [string, { username: string; password: string }][] = [
      ['wrong password', { username: 'manager', password: 'wrong-password-1' }],
      ['unknown user', { username: 'nobody-here', password: 'wrong-password-1' }],
      ['disabled account, right password', { username: 'technician', password: DEMO_PASSWORD }],
    ];
    for (const locale of ['zh-CN', 'en-US']) {
      const answers: Res[] = [];
      for (const [, payload] of cases) {
        vi.mocked(verifyPassword).mockClear();
        answers.push(await call({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'accept-language': locale }, ip: '198.51.100.7' }));
        expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(1); // one argon2 check whether or not the user exists
      }
      for (const [i, r] of answers.entries()) {
        expect(r.statusCode, cases[i][0]).toBe(401);
        expect(r.body, cases[i][0]).toBe(answers[0].body);
        expect(Object.keys(r.headers).sort(), cases[i][0]).toEqual(Object.keys(answers[0].headers).sort());
      }
      expect(answers[0].data.detail).toBe(locale === 'zh-CN' ? '用户名或密码错误。' : 'Wrong username or password.');
    }
  });
});
