// Stories of the Idempotency-Key on creates: a dispatcher whose "register call" timed out sends
// it again with the same key and gets the first answer, never a second case; a crash between
// commit and answer still tells the retry which record exists.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../lib/audit.ts';
import { type Client, createTestEnv, type Res, type TestEnv } from '../test/harness.ts';
import { count, deviceId, iso, one, userId } from '../test/service.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { purgeIdempotencyKeys } from './idempotency.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let device: string;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  engineer = await env.as('engineer');
  device = await deviceId(env, 'ST5020-21-0031');
});
afterAll(() => env?.close());

let n = 0;
/** A distinct, valid repair call each time (the fault text differs). */
const call = (extra: Record<string, unknown> = {}) => ({
  deviceId: device,
  faultDescription: `开机后报错 E102，无法染色 #${++n}`,
  deviceDown: false,
  channel: 'phone',
  reporterName: '王红',
  reporterPhone: '13801010001',
  receivedAt: iso('2026-11-17 10:00'),
  ...extra,
});
const key = (name: string) => ({ 'idempotency-key': `${name}-${Math.random().toString(36).slice(2)}` });
const requestsWith = (fault: string) => count(env, `select count(*)::int as n from service_requests where fault_description = '${fault}'`);
const workOrdersWith = (fault: string) =>
  count(env, `select count(*)::int as n from work_orders w join service_requests r on r.id = w.request_id where r.fault_description = '${fault}'`);
const keyRow = (k: string) => one<Record<string, unknown>>(env, `select * from idempotency_keys where key = '${k}'`);

describe('a retried create with the same Idempotency-Key', () => {
  it('gets the same status and body, marked as replayed, and exactly one request and one work order exist', async () => {
    const body = call();
    const h = key('retry');
    const first = await dispatcher.post('/api/v1/requests', body, h);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await dispatcher.post('/api/v1/requests', body, h);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.body).toBe(first.body);
    expect(second.data.id).toBe(first.data.id);
    expect(await requestsWith(body.faultDescription)).toBe(1);
    expect(await workOrdersWith(body.faultDescription)).toBe(1);
    // The key is bound to the first audited record of the create, in its transaction.
    expect(await keyRow(h['idempotency-key'])).toMatchObject({ state: 'completed', status_code: 201, entity: 'service_request', entity_id: first.data.id });
  });

  it('the same key with a different body is refused with 422 and creates nothing', async () => {
    const h = key('reuse');
    const a = call();
    expect((await dispatcher.post('/api/v1/requests', a, h)).statusCode).toBe(201);
    const b = call();
    const r = await dispatcher.post('/api/v1/requests', b, { ...h, ...EN });
    expect(r.statusCode).toBe(422);
    expect(r.data).toMatchObject({ code: 'idempotency_key_reused', detail: expect.stringMatching(/different request/) });
    expect(await requestsWith(b.faultDescription)).toBe(0);
    // A different URL with the same key is a different request too.
    const other = await dispatcher.post('/api/v1/requests?x=1', a, h);
    expect(other.statusCode).toBe(422);
  });

  it('8 concurrent sends of one key make exactly one record; the others get the replay or 409 in progress, never a 5xx', async () => {
    const body = call();
    const h = key('burst');
    const answers = await Promise.all(Array.from({ length: 8 }, () => dispatcher.post('/api/v1/requests', body, h)));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const fresh = answers.filter((r) => r.statusCode === 201 && !r.headers['idempotent-replayed']);
    expect(fresh).toHaveLength(1);
    for (const r of answers.filter((x) => x.statusCode === 201)) expect(r.data.id).toBe(fresh[0].data.id);
    for (const r of answers.filter((x) => x.statusCode === 409)) {
      expect(r.data.code).toBe('idempotency_in_progress');
      expect(r.headers['retry-after']).toBe('1');
    }
    expect(await requestsWith(body.faultDescription)).toBe(1);
    expect(await workOrdersWith(body.faultDescription)).toBe(1);
    // Once the first has answered, every later retry is a replay.
    const later = await dispatcher.post('/api/v1/requests', body, h);
    expect(later.statusCode).toBe(201);
    expect(later.data.id).toBe(fresh[0].data.id);
  });

  it('keys belong to the caller: the same key from two users makes two records', async () => {
    const h = key('shared');
    const body = call();
    const a = await dispatcher.post('/api/v1/requests', body, h);
    const b = await engineer.post('/api/v1/requests', body, h);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.data.id).not.toBe(a.data.id);
    expect(await requestsWith(body.faultDescription)).toBe(2);
  });

  it('a refused first attempt (4xx) is replayed as the same refusal', async () => {
    const h = key('refused');
    const body = call({ receivedAt: new Date(Date.now() + 86_400_000).toISOString() });
    const first = await dispatcher.post('/api/v1/requests', body, h);
    expect(first.statusCode).toBe(422);
    expect(first.data.code).toBe('received_in_future');
    const second = await dispatcher.post('/api/v1/requests', body, h);
    expect(second.statusCode).toBe(422);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['content-type']).toMatch(/problem\+json/);
    expect(second.body).toBe(first.body);
    expect(await requestsWith(body.faultDescription)).toBe(0);
  });

  it('a malformed key is refused with 400 before anything runs; GET and requests without a key are untouched', async () => {
    const body = call();
    for (const bad of ['x'.repeat(201), 'tab\there', 'ключ']) {
      const r = await dispatcher.post('/api/v1/requests', body, { 'idempotency-key': bad, ...EN });
      expect(r.statusCode, bad).toBe(400);
      expect(r.data).toMatchObject({ code: 'idempotency_key_invalid', detail: expect.stringMatching(/printable ASCII/) });
    }
    expect(await requestsWith(body.faultDescription)).toBe(0);
    expect((await dispatcher.post('/api/v1/requests', body, { 'idempotency-key': 'x'.repeat(200) })).statusCode).toBe(201);
    expect((await dispatcher.get('/api/v1/requests', key('get'))).statusCode).toBe(200);
  });

  it('login and logout never store a key (their answers carry a session and the body a password)', async () => {
    const h = key('login');
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'engineer', password: 'MedService2026' }, headers: h });
    expect(r.statusCode).toBe(200);
    expect(await count(env, `select count(*)::int as n from idempotency_keys where key = '${h['idempotency-key']}'`)).toBe(0);
  });
});

describe('when the first attempt died', () => {
  it('crash after commit, before the answer: the pending but bound key answers 409 idempotent_request_committed with the record, never a second one', async () => {
    const body = call();
    const h = key('crash');
    const first = await dispatcher.post('/api/v1/requests', body, h);
    expect(first.statusCode).toBe(201);
    // What the database holds if the process died right after the create committed.
    await env.database.query(
      `update idempotency_keys set state = 'pending', status_code = null, response_body = null, content_type = null, completed_at = null where key = $1`,
      [h['idempotency-key']],
    );
    // Within 30 s the first attempt may still be answering: wait for it.
    const early = await dispatcher.post('/api/v1/requests', body, h);
    expect(early.statusCode).toBe(409);
    expect(early.data.code).toBe('idempotency_in_progress');
    await env.database.query(`update idempotency_keys set created_at = now() - interval '31 seconds' where key = $1`, [h['idempotency-key']]);
    const retry = await dispatcher.post('/api/v1/requests', body, { ...h, ...EN });
    expect(retry.statusCode).toBe(409);
    expect(retry.data).toMatchObject({ code: 'idempotent_request_committed', entity: 'service_request', entityId: first.data.id });
    expect(retry.data.detail).toContain(first.data.id);
    expect(await requestsWith(body.faultDescription)).toBe(1);
    // The client can fetch what was created.
    expect((await dispatcher.get(`/api/v1/requests/${retry.data.entityId}`)).data.number).toBe(first.data.number);
  });

  it('a pending, unbound key younger than 30 s is in progress; older than 30 s it is taken over and the request runs once', async () => {
    const body = call();
    const probe = key('probe');
    // Learn the request hash the server computes for this body from a completed key.
    await dispatcher.post('/api/v1/requests?probe=1', body, probe);
    const hashOf = async () => {
      const r = await env.database.query<{ h: string }>(`select request_hash as h from idempotency_keys where key = $1`, [probe['idempotency-key']]);
      return r.rows[0].h;
    };
    expect(await hashOf()).toMatch(/^[0-9a-f]{64}$/);
    // The hash covers the URL, so compute the one for /api/v1/requests the same way the server does.
    const { requestHash } = await import('./idempotency.ts');
    const { registerRequestBody } = await import('../modules/requests/requests.dto.ts');
    const parsed = registerRequestBody.parse(body);
    expect(requestHash('POST', '/api/v1/requests?probe=1', parsed)).toBe(await hashOf());
    const hash = requestHash('POST', '/api/v1/requests', parsed);
    const uid = await userId(env, 'dispatcher');

    const young = key('young');
    await env.database.query(`insert into idempotency_keys (scope, key, request_hash, created_at) values ($1, $2, $3, now() - interval '5 seconds')`, [
      uid,
      young['idempotency-key'],
      hash,
    ]);
    const busy = await dispatcher.post('/api/v1/requests', body, young);
    expect(busy.statusCode).toBe(409);
    expect(busy.data.code).toBe('idempotency_in_progress');
    expect(busy.headers['retry-after']).toBe('1');

    const stale = key('stale');
    await env.database.query(`insert into idempotency_keys (scope, key, request_hash, created_at) values ($1, $2, $3, now() - interval '31 seconds')`, [
      uid,
      stale['idempotency-key'],
      hash,
    ]);
    const before = await requestsWith(body.faultDescription);
    const ran = await dispatcher.post('/api/v1/requests', body, stale);
    expect(ran.statusCode).toBe(201);
    expect(ran.headers['idempotent-replayed']).toBeUndefined();
    expect(await requestsWith(body.faultDescription)).toBe(before + 1);
    expect(await keyRow(stale['idempotency-key'])).toMatchObject({ state: 'completed', entity_id: ran.data.id });
    const again = await dispatcher.post('/api/v1/requests', body, stale);
    expect(again.data.id).toBe(ran.data.id);
    expect(await requestsWith(body.faultDescription)).toBe(before + 1);
  });
});

describe('a failed attempt (5xx)', () => {
  let app: Api;
  let attempts = 0;
  beforeAll(async () => {
    // The real app plus two routes that fail after writing: one rolls back, one has committed.
    app = await buildApp(env.ctx);
    const db = env.ctx.database.db;
    app.post('/api/v1/test/boom-rolled-back', async () => {
      attempts++;
      await db.transaction(async (tx) => {
        await recordAudit(tx, { actor: { id: null, name: 'test' }, entity: 'test', entityId: `rb-${attempts}`, action: 'create' });
        if (attempts === 1) throw new Error('disk on fire');
      });
      return { ok: true, attempts };
    });
    app.post('/api/v1/test/boom-committed', async () => {
      await db.transaction(async (tx) => {
        await recordAudit(tx, { actor: { id: null, name: 'test' }, entity: 'test', entityId: 'committed-1', action: 'create' });
      });
      throw new Error('lost after commit');
    });
    await app.ready();
  });
  afterAll(() => app?.close());
  const post = (url: string, h: Record<string, string>) =>
    app.inject({ method: 'POST', url, payload: { a: 1 }, headers: { cookie: dispatcher.cookie, 'x-csrf-token': dispatcher.csrf, ...h } }) as Promise<Res>;

  it('that rolled back can be retried with the same key and then runs', async () => {
    const h = key('boom');
    const first = await post('/api/v1/test/boom-rolled-back', h);
    expect(first.statusCode).toBe(500);
    expect(await count(env, `select count(*)::int as n from idempotency_keys where key = '${h['idempotency-key']}'`)).toBe(0);
    const second = await post('/api/v1/test/boom-rolled-back', h);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ ok: true, attempts: 2 });
    expect(await keyRow(h['idempotency-key'])).toMatchObject({ state: 'completed', entity: 'test', entity_id: 'rb-2' });
  });

  it('that failed after its create committed keeps the key, so the retry is told what exists', async () => {
    const h = key('late');
    expect((await post('/api/v1/test/boom-committed', h)).statusCode).toBe(500);
    await env.database.query(`update idempotency_keys set created_at = now() - interval '31 seconds' where key = $1`, [h['idempotency-key']]);
    const retry = await post('/api/v1/test/boom-committed', h);
    expect(retry.statusCode).toBe(409);
    expect(retry.json()).toMatchObject({ code: 'idempotent_request_committed', entity: 'test', entityId: 'committed-1' });
  });
});

describe('housekeeping', () => {
  it('keys older than 24 hours are purged, younger ones stay', async () => {
    await env.database.query(
      `insert into idempotency_keys (scope, key, request_hash, created_at) values ('anon:1.2.3.4', 'old-key', 'h', now() - interval '25 hours'), ('anon:1.2.3.4', 'new-key', 'h', now() - interval '23 hours')`,
    );
    await purgeIdempotencyKeys(env.database.db);
    const left = await env.database.query<{ key: string }>(`select key from idempotency_keys where scope = 'anon:1.2.3.4' order by key`);
    expect(left.rows.map((r) => r.key)).toEqual(['new-key']);
    const all = await env.database.db.execute(sql`select count(*)::int as n from idempotency_keys where created_at < now() - interval '24 hours'`);
    expect((all.rows[0] as { n: number }).n).toBe(0);
  });
});
