// Stories of the session cache (issue 17 item 3): a page's reads do not look the session up
// again, and a revoked session — logged out, password changed, roles changed, user disabled, or
// ended by SQL — stops working on every instance within the cache's bound (SESSION_CACHE_MS).
// Two app instances on one database, as behind a load balancer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Res, type TestEnv } from '../test/harness.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { SESSION_CACHE_MS, SessionCache } from './session-cache.ts';

let env: TestEnv;
let other: Api;
beforeAll(async () => {
  env = await createTestEnv();
  other = await buildApp(env.ctx);
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await env?.close();
});

interface Session {
  cookie: string;
  csrf: string;
}
async function login(username: string, password = 'MedService2026'): Promise<Session> {
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  expect(r.statusCode, r.body).toBe(200);
  return { cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: r.json().csrfToken };
}
async function call(app: Api, s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<Res> {
  const r = (await app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })) as Res;
  r.data = r.body ? JSON.parse(r.body) : null;
  return r;
}
/** Polls instance B until `done`; the time from the revocation's answer, or fails past the bound. */
async function within(check: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > SESSION_CACHE_MS + 1_000) throw new Error('the revocation did not reach the other instance within the bound');
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}
/** B serves this session from its cache (a hit), so what follows tests the invalidation, not a miss. */
async function warm(s: Session) {
  expect((await call(other, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
  const hits = other.sessionCache.hits;
  expect((await call(other, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
  expect(other.sessionCache.hits).toBe(hits + 1);
}

describe('the session cache', () => {
  it('a list page is served without a session query once the session is cached', async () => {
    const s = await login('dispatcher');
    // A page with rows: register a call first.
    const device = (await call(env.app, s, 'GET', '/api/v1/devices?pageSize=1')).data.items[0];
    const registered = await call(env.app, s, 'POST', '/api/v1/requests', {
      deviceId: device.id,
      faultDescription: '开机报错',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect((await call(env.app, s, 'GET', '/api/v1/requests?pageSize=20')).data.items.length).toBeGreaterThan(0);
    const sent: string[] = [];
    const off = env.database.tap((q) => sent.push(q));
    try {
      expect((await call(env.app, s, 'GET', '/api/v1/requests?pageSize=20')).statusCode).toBe(200);
    } finally {
      off();
    }
    const statements = sent.filter((q) => !/^(begin|commit)$/i.test(q.trim()));
    expect(statements.some((q) => /from "sessions"/.test(q))).toBe(false);
    // The settings of the page's transaction, the page's ids, its rows and the capped total.
    expect(statements.length).toBeLessThanOrEqual(3);
  });

  it('logging out on instance A ends the session on instance B within the bound', async () => {
    const s = await login('expert');
    await warm(s);
    expect((await call(env.app, s, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const ms = await within(async () => (await call(other, s, 'GET', '/api/v1/auth/me')).statusCode === 401);
    expect(ms).toBeLessThan(SESSION_CACHE_MS);
  });

  it('a password change on A ends the other sessions on B; the changing one goes on', async () => {
    const here = await login('quality');
    const there = await login('quality');
    await warm(there);
    const r = await call(env.app, here, 'POST', '/api/v1/auth/password', { currentPassword: 'MedService2026', newPassword: 'Quality-new-2026' });
    expect(r.statusCode, r.body).toBe(204);
    const ms = await within(async () => (await call(other, there, 'GET', '/api/v1/auth/me')).statusCode === 401);
    expect(ms).toBeLessThan(SESSION_CACHE_MS);
    expect((await call(other, here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('a role change on A reaches the session on B within the bound', async () => {
    const admin = await login('admin');
    const finance = await login('finance');
    await warm(finance);
    const before = (await call(other, finance, 'GET', '/api/v1/auth/me')).data;
    const user = (await call(env.app, admin, 'GET', `/api/v1/users/${before.user.id}`)).data;
    const r = await call(env.app, admin, 'PATCH', `/api/v1/users/${user.id}`, { version: user.version, roles: ['sales'] });
    expect(r.statusCode, r.body).toBe(200);
    // Instance A forgot at once; B learns it from the database's notice.
    const now = (await call(env.app, finance, 'GET', '/api/v1/auth/me')).data.abilities;
    expect(now).not.toEqual(before.abilities);
    const ms = await within(async () => JSON.stringify((await call(other, finance, 'GET', '/api/v1/auth/me')).data.abilities) === JSON.stringify(now));
    expect(ms).toBeLessThan(SESSION_CACHE_MS);
  });

  it('disabling a user on A refuses their session on B within the bound', async () => {
    const admin = await login('admin');
    const parts = await login('parts');
    await warm(parts);
    const id = (await call(other, parts, 'GET', '/api/v1/auth/me')).data.user.id;
    const user = (await call(env.app, admin, 'GET', `/api/v1/users/${id}`)).data;
    expect((await call(env.app, admin, 'PATCH', `/api/v1/users/${id}`, { version: user.version, active: false })).statusCode).toBe(200);
    const ms = await within(async () => (await call(other, parts, 'GET', '/api/v1/requests?pageSize=1')).statusCode === 401);
    expect(ms).toBeLessThan(SESSION_CACHE_MS);
  });

  it('a session ended by SQL (a script, another tool) is refused on both instances once the notice is in', async () => {
    const s = await login('sales');
    await warm(s);
    expect((await call(env.app, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await env.database.query(`delete from sessions where user_id = (select id from users where username = 'sales')`);
    await env.app.sessionCache.sync(env.database);
    await other.sessionCache.sync(env.database);
    expect((await call(env.app, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await call(other, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('the cache itself', () => {
  const principal = { id: 'u1', username: 'x', displayName: 'X', roles: [], customerId: null, locale: 'zh-CN' };
  const fresh = () => {
    const c = new SessionCache(5_000, 3);
    c.listening = true;
    return c;
  };
  const later = new Date(Date.now() + 3600_000);

  it('serves a session for the bound at most, and never past the session’s own expiry', () => {
    const c = fresh();
    c.set('a', principal, later, c.epoch, 1_000);
    expect(c.get('a', 5_999)).toMatchObject({ id: 'u1' });
    expect(c.get('a', 6_000)).toBeNull();
    c.set('b', principal, new Date(2_000), c.epoch, 1_000);
    expect(c.get('b', 1_999)).not.toBeNull();
    expect(c.get('b', 2_000)).toBeNull();
  });

  it('holds a bounded number of sessions, dropping the oldest', () => {
    const c = fresh();
    for (const k of ['a', 'b', 'c', 'd']) c.set(k, principal, later, c.epoch, 0);
    expect(c.size).toBe(3);
    expect(c.get('a', 1)).toBeNull();
    expect(c.get('d', 1)).not.toBeNull();
  });

  it('does not keep a lookup that raced a revocation, and forgets by user or for everyone', () => {
    const c = fresh();
    const epoch = c.epoch;
    c.notice('u1'); // revoked while the lookup was under way
    c.set('a', principal, later, epoch, 0);
    expect(c.get('a', 1)).toBeNull();
    c.set('a', principal, later, c.epoch, 0);
    c.set('b', { ...principal, id: 'u2' }, later, c.epoch, 0);
    c.notice('u3,u1');
    expect(c.get('a', 1)).toBeNull();
    expect(c.get('b', 1)).not.toBeNull();
    c.notice('*');
    expect(c.size).toBe(0);
  });

  it('serves nothing while revocations cannot reach it', () => {
    const c = fresh();
    c.set('a', principal, later, c.epoch, 0);
    c.listening = false;
    expect(c.get('a', 1)).toBeNull();
  });
});
