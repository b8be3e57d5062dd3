// The HTTP surface itself: the OpenAPI 3.1 document and docs page, problem+json for unknown
// routes, security headers, and sessions that expire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('the API surface', () => {
  it('publishes an OpenAPI 3.1 document generated from the schemas, with a docs page', async () => {
    const doc = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const json = doc.json();
    expect(json.openapi).toBe('3.1.0');
    for (const p of [
      '/api/v1/devices',
      '/api/v1/devices/{id}',
      '/api/v1/customers',
      '/api/v1/contracts',
      '/api/v1/auth/login',
      '/api/v1/audit/verify',
      '/api/health',
    ]) {
      expect(Object.keys(json.paths)).toContain(p);
    }
    const create = json.paths['/api/v1/devices'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['serialNumber', 'modelId', 'customerId']));
    expect(create.additionalProperties).toBe(false);
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('an unknown API route is a translated problem, not HTML', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/v1/nope?x=1', headers: { 'accept-language': 'en' } });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'route_not_found', detail: 'No such endpoint: GET /api/v1/nope' });
  });

  it('a malformed %-escape or an over-long id in the path is a problem too, not the router’s own JSON (found by the fuzzer)', async () => {
    const bad = await env.app.inject({ method: 'GET', url: '/api/v1/contacts/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().code).toBe('bad_request');
    const long = await env.app.inject({ method: 'GET', url: `/api/v1/devices/${'x'.repeat(201)}` });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json().code).toBe('bad_request');
  });

  it('sends security headers', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('an expired session is no session', async () => {
    const c = await env.as('engineer');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    await env.database.query(`update sessions set expires_at = now() - interval '1 second'`);
    // The cached session is forgotten once the database's notice is in (at once on PGlite).
    await env.app.sessionCache.sync(env.database);
    const r = await c.get('/api/v1/auth/me');
    expect(r.statusCode).toBe(401);
    expect(r.data.code).toBe('unauthenticated');
  });
});
