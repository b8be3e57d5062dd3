// Sessions stored in the database behind an httpOnly cookie, plus a double-submit CSRF token
// for cookie-authenticated writes. The cookie holds a random token; the database holds only
// its HMAC under SESSION_SECRET, so a copy of the sessions table cannot be replayed.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { can, type Policy, type Principal, type Role } from '../lib/access.ts';
import type { Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { pickLocale } from '../lib/i18n.ts';

export const SESSION_COOKIE = 'ms_session';
export const CSRF_COOKIE = 'ms_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
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

export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions) => {
  const { db, secret } = opts;
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const id = sessionIdOf(secret, token);
    const [row] = await db
      .select({ user: users, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())))
      .limit(1);
    if (!row?.user.active) return;
    if (UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenOf(secret, token))) throw new AppError(403, 'csrf_failed');
    }
    req.sessionId = id;
    req.user = {
      id: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      roles: row.user.roles as Role[],
      customerId: row.user.customerId,
      locale: row.user.locale,
    };
  });
});

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
  if (req.sessionId) await db.delete(sessions).where(eq(sessions.id, req.sessionId));
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
