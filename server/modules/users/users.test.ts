// Stories of logging in and out, sessions, CSRF and user administration (SPEC §1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('logging in', () => {
  it('a dispatcher logs in, sees who they are, and logs out; the old cookie then gets 401', async () => {
    const c = await env.as('dispatcher');
    const me = await c.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.data.user.roles).toEqual(['dispatcher']);
    expect(me.data.user).not.toHaveProperty('passwordHash');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('the session cookie is httpOnly and the stored session id is not the cookie value', async () => {
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'MedService2026' } });
    const session = r.cookies.find((c) => c.name === 'ms_session');
    expect(session?.httpOnly).toBe(true);
    const rows = await env.database.query<{ id: string }>('select id from sessions');
    expect(rows.rows.map((x) => x.id)).not.toContain(session?.value);
  });

  it('a wrong password and an unknown user get the same generic message, in the asked language', async () => {
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'nope-nope-1' },
      headers: { 'accept-language': 'en-US' },
    });
    const unknown = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ghost', password: 'nope-nope-1' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(bad.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(bad.json().detail).toBe('Wrong username or password.');
    expect(unknown.json().detail).toBe(bad.json().detail);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const zh = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'x' } });
    expect(zh.json().detail).toBe('用户名或密码错误。');
  });

  it('repeated failed logins for one account are rate-limited with 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'finance', password: `wrong-${i}x` } });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'finance', password: 'MedService2026' } });
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('rate_limited');
  });

  it('the login limit holds across instances: a second server on the same database refuses the account too (issue 17 item 7)', async () => {
    const other = await buildApp(env.ctx);
    await other.ready();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) {
        // Alternate between the two servers, as a load balancer would.
        const app = i % 2 ? other : env.app;
        const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'expert', password: `wrong-${i}x` } });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([...Array(10).fill(401), 429]);
      const r = await other.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'expert', password: 'MedService2026' } });
      expect(r.statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('a cookie-authenticated write without the CSRF token is refused and changes nothing', async () => {
    const c = await env.as('admin');
    const r = await c.raw({ method: 'POST', url: '/api/v1/customers', payload: { code: 'CSRF-1', name: 'x' }, headers: { 'x-csrf-token': 'forged' } });
    expect(r.statusCode).toBe(403);
    expect(r.data.code).toBe('csrf_failed');
    const list = await c.get('/api/v1/customers?q=CSRF-1');
    expect(list.data.total).toBe(0);
  });
});

describe('user administration', () => {
  it('an admin creates an engineer who can then log in; the audit trail records it without the hash', async () => {
    const admin = await env.as('admin');
    const r = await admin.post('/api/v1/users', { username: 'eng.new', displayName: '新工程师', roles: ['engineer'], password: 'Strong-pass-2026' });
    expect(r.statusCode).toBe(201);
    const eng = await env.as('eng.new', 'Strong-pass-2026');
    expect((await eng.get('/api/v1/auth/me')).data.user.roles).toEqual(['engineer']);
    const audit = await admin.get(`/api/v1/audit?entity=user&entityId=${r.data.id}`);
    expect(audit.data.items[0].action).toBe('login');
    const created = audit.data.items.find((e: { action: string }) => e.action === 'create');
    expect(created.after.username).toBe('eng.new');
    expect(JSON.stringify(audit.data)).not.toContain('argon2');
  });

  it('a weak password, a duplicate username and a hospital user without a hospital are refused with field errors', async () => {
    const admin = await env.as('admin');
    const weak = await admin.post('/api/v1/users', { username: 'weak1', displayName: 'W', roles: ['engineer'], password: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.data.code).toBe('password_too_weak');
    const dup = await admin.post('/api/v1/users', { username: 'ADMIN', displayName: 'Dup', roles: ['engineer'], password: 'Strong-pass-2026' });
    expect(dup.statusCode).toBe(409);
    expect(dup.data.fields[0].field).toBe('username');
    const portal = await admin.post('/api/v1/users', { username: 'nohosp', displayName: 'N', roles: ['customer_user'], password: 'Strong-pass-2026' });
    expect(portal.statusCode).toBe(422);
    expect(portal.data.code).toBe('customer_user_needs_customer');
  });

  it('an admin assigns roles with the version read; a stale version gets 409 and changes nothing', async () => {
    const admin = await env.as('admin');
    const list = await admin.get('/api/v1/users?q=technician');
    const tech = list.data.items[0];
    const ok = await admin.patch(`/api/v1/users/${tech.id}`, { version: tech.version, roles: ['technician', 'engineer'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.roles).toEqual(['technician', 'engineer']);
    const stale = await admin.patch(`/api/v1/users/${tech.id}`, { version: tech.version, roles: ['technician'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/users/${tech.id}`)).data.roles).toEqual(['technician', 'engineer']);
  });

  it('a disabled user cannot log in and a reset password ends their sessions', async () => {
    const admin = await env.as('admin');
    const sales = (await admin.get('/api/v1/users?q=sales')).data.items[0];
    const salesClient = await env.as('sales');
    const reset = await admin.post(`/api/v1/users/${sales.id}/password`, { version: sales.version, password: 'New-pass-2026x' });
    expect(reset.statusCode).toBe(204);
    expect((await salesClient.get('/api/v1/auth/me')).statusCode).toBe(401);
    const after = (await admin.get(`/api/v1/users/${sales.id}`)).data;
    expect((await admin.patch(`/api/v1/users/${sales.id}`, { version: after.version, active: false })).statusCode).toBe(200);
    await expect(env.as('sales', 'New-pass-2026x')).rejects.toThrow(/401/);
  });

  it('an admin cannot disable themself', async () => {
    const admin = await env.as('admin');
    const me = (await admin.get('/api/v1/auth/me')).data.user;
    const r = await admin.patch(`/api/v1/users/${me.id}`, { version: me.version, active: false });
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('cannot_disable_self');
  });
});
