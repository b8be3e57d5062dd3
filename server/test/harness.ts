// Test harness: a real database per test file (PGlite restored from the template, or a
// PostgreSQL database cloned from it), the real app, and clients that log in as demo users
// through the real login endpoint and carry the session cookie and CSRF token.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../db/client.ts';
import { buildApp } from '../http/app.ts';
import type { Api, AppContext } from '../http/context.ts';
import type { Queue } from '../jobs/queue.ts';
import { setSecretsKey } from '../lib/secrets.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { withDb } from './global-setup.ts';

export interface TestEnv {
  app: Api;
  database: Database;
  ctx: AppContext;
  as(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export interface Client {
  csrf: string;
  cookie: string;
  get(url: string, headers?: Record<string, string>): Promise<Res>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  delete(url: string, headers?: Record<string, string>): Promise<Res>;
  raw(opts: InjectOptions): Promise<Res>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered.
export type Res = LightMyRequestResponse & { body: string; data: any };

export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const pgTemplate = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (pgTemplate && url) {
    const name = `medservice_t_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(url, 1);
    await admin.exec(`create database ${name} template ${pgTemplate}`);
    const database = await openPostgres(withDb(url, name), 10);
    return {
      database,
      drop: async () => {
        await database.close();
        await admin.exec(`drop database if exists ${name}`).catch(() => {});
        await admin.close();
      },
    };
  }
  const file = inject('pgliteTemplate');
  const database = await openPglite(undefined, new Blob([readFileSync(file)]));
  return { database, drop: () => database.close() };
}

/** The key channel secrets are sealed with in tests (server/lib/secrets.ts); main.ts loads the real one. */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7);

export async function createTestEnv(opts: { queue?: Queue | null; timeZone?: string } = {}): Promise<TestEnv> {
  setSecretsKey(TEST_SECRETS_KEY);
  const { database, drop } = await openTestDatabase();
  const ctx: AppContext = {
    database,
    queue: opts.queue ?? null,
    auth: { db: database.db, secret: 'test-secret-'.padEnd(40, 'x'), ttlHours: 12, secureCookies: false },
    dataDir: '.tmp',
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
  };
  const app = await buildApp(ctx);
  await app.ready();

  const client = (cookie: string, csrf: string): Client => {
    const raw = async (o: InjectOptions) => {
      const r = (await app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } })) as Res;
      const type = String(r.headers['content-type'] ?? '');
      r.data = type.includes('json') && r.body ? JSON.parse(r.body) : r.body;
      return r;
    };
    return {
      csrf,
      cookie,
      raw,
      get: (url, headers) => raw({ method: 'GET', url, headers }),
      post: (url, body, headers) => raw({ method: 'POST', url, payload: body as InjectOptions['payload'], headers }),
      patch: (url, body, headers) => raw({ method: 'PATCH', url, payload: body as InjectOptions['payload'], headers }),
      delete: (url, headers) => raw({ method: 'DELETE', url, headers }),
    };
  };

  return {
    app,
    database,
    ctx,
    anonymous: () => client('', ''),
    async as(username, password = DEMO_PASSWORD) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (r.statusCode !== 200) throw new Error(`login as ${username} failed: ${r.statusCode} ${r.body}`);
      const cookies = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(cookies, r.json().csrfToken);
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
