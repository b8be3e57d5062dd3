// Sessions stored in the database behind an httpOnly cookie, plus a double-submit CSRF token
// for cookie-authenticated writes. The cookie holds a random token; the database holds only
// its HMAC under SESSION_SECRET, so a copy of the sessions table cannot be replayed. A session
// looked up is kept a few seconds in this process (session-cache.ts) and forgotten when revoked.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database, Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { can, type Policy, type Principal, type Role } from '../lib/access.ts';
import type { Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { pickLocale } from '../lib/i18n.ts';
import { listenForRevocations, SessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'ms_session';
export const CSRF_COOKIE = 'ms_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyInstance {
    sessionCache: SessionCache;
  }
  interface FastifyRequest {
    user: Principal | null;
    sessionId: string | null;
    locale: 'zh-CN' | 'en-US';
  }
}

export interface AuthOptions {
  db: Db;
  secret: string;
  ttlHours: number;
  secureCookies: boolean;
}

const hmac = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('hex');

export function sessionIdOf(secret: string, token: string) {
  return hmac(secret, `session:${token}`);
}
export function csrfTokenOf(secret: string, token: string) {
  return hmac(secret, `csrf:${token}`).slice(0, 32);
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session's user, read from the database (a cache miss). */
async function lookUp(db: Db, id: string, cache: SessionCache): Promise<Principal | null> {
  const epoch = cache.epoch;
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      customerId: users.customerId,
      locale: users.locale,
      active: users.active,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!row?.active) return null;
  const principal: Principal = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    customerId: row.customerId,
    locale: row.locale,
  };
  cache.set(id, principal, row.expiresAt, epoch);
  return principal;
}

export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions & { database: Database }) => {
  const { db, secret } = opts;
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('locale', 'zh-CN');
  const cache = new SessionCache();
  app.decorate('sessionCache', cache);
  const listener = await listenForRevocations(opts.database, cache, app.log);
  app.addHook('onClose', async () => listener.close());

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const id = sessionIdOf(secret, token);
    const user = cache.get(id) ?? (await lookUp(db, id, cache));
    if (!user) return;
    if (UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenOf(secret, token))) throw new AppError(403, 'csrf_failed');
    }
    req.sessionId = id;
    req.user = user;
  });
});

/**
 * A user's sessions or what they carry changed in this request (password, roles, hospital,
 * language, active): this process forgets them at once; other instances learn it from the
 * database's notice (migration 0037).
 */
export function forgetSessionsOf(req: FastifyRequest, userId: string) {
  req.server.sessionCache?.forgetUser(userId);
}

/** Starts a session for a user and sets the cookies; returns the CSRF token for the client. */
export async function startSession(req: FastifyRequest, reply: FastifyReply, opts: AuthOptions, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + opts.ttlHours * 3600_000);
  await opts.db.insert(sessions).values({
    id: sessionIdOf(opts.secret, token),
    userId,
    expiresAt,
    ip: req.ip,
    userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
  });
  const base = { path: '/', sameSite: 'lax' as const, secure: opts.secureCookies, expires: expiresAt };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  const csrf = csrfTokenOf(opts.secret, token);
  reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
  return csrf;
}

export async function endSession(req: FastifyRequest, reply: FastifyReply, db: Db) {
  if (req.sessionId) {
    await db.delete(sessions).where(eq(sessions.id, req.sessionId));
    req.server.sessionCache?.forgetSession(req.sessionId);
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function requireUser(req: FastifyRequest): Principal {
  if (!req.user) throw new AppError(401, 'unauthenticated');
  return req.user;
}

/** 401 without a session, 403 when the user's roles do not allow the action. */
export function authorize<A extends string>(req: FastifyRequest, policy: Policy<A>, action: A): Principal {
  const user = requireUser(req);
  if (!can(user, policy, action)) throw new AppError(403, 'forbidden');
  return user;
}

export const actorOf = (user: Principal): Actor => ({ id: user.id, name: user.displayName });
