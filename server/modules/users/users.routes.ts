import { z } from 'zod';
import { abilitiesOf } from '../../http/abilities.ts';
import { actorOf, authorize, csrfTokenOf, endSession, forgetSessionsOf, requireUser, SESSION_COOKIE, startSession } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams } from '../../lib/dto.ts';
import { AppError } from '../../lib/errors.ts';
import {
  changeOwnPasswordBody,
  createUserBody,
  loginBody,
  meDto,
  resetPasswordBody,
  updateMeBody,
  updateUserBody,
  userDto,
  userListQuery,
  userPage,
} from './users.dto.ts';
import { usersPolicy } from './users.policy.ts';
import * as svc from './users.service.ts';

/** Failed logins per client address per minute, over all usernames. */
export const LOGIN_FAILURES_PER_ADDRESS = 50;

registerConstraintFields({ users_username_uq: 'username', users_customer_id_customers_id_fk: 'customerId', users_unit_id_fkey: 'unitId' });

export function usersRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['auth'];
  // Password spraying (one password tried on many accounts) passes the per-account limit, so
  // failed logins are also counted per address. Looser than per account and only failures count,
  // so a hospital behind one NAT is not locked out by its own successful logins.
  const failuresByAddress = app.createRateLimit({
    max: LOGIN_FAILURES_PER_ADDRESS,
    timeWindow: '1 minute',
    keyGenerator: (req) => `login-failures|${req.ip}`,
  });

  app.post(
    '/auth/login',
    {
      schema: { tags, summary: 'Log in (sets the session cookie)', body: loginBody, response: { 200: meDto } },
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          // Per address and account, so one attacker cannot lock out everyone behind a NAT.
          keyGenerator: (req: { ip: string; body?: unknown }) =>
            `${req.ip}|${String((req.body as { username?: string } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => {
      const seen = await failuresByAddress(req, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0) {
        reply.header('retry-after', String(seen.ttlInSeconds));
        throw new AppError(429, 'rate_limited', { seconds: Math.max(1, seen.ttlInSeconds) });
      }
      if (req.sessionId) await endSession(req, reply, db); // no session fixation: always a fresh one
      const user = await svc.authenticate(db, req.body.username, req.body.password).catch(async (err: unknown) => {
        if (err instanceof AppError && err.code === 'invalid_credentials') await failuresByAddress(req);
        throw err;
      });
      const csrfToken = await startSession(req, reply, ctx.auth, user.id);
      const me = await svc.getUser(db, user.id);
      return { user: me, csrfToken, abilities: abilitiesOf(me.roles), timeZone: ctx.timeZone };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: 'Log out', response: { 204: z.null() } } }, async (req, reply) => {
    await endSession(req, reply, db);
    return reply.status(204).send(null);
  });

  app.get('/auth/me', { schema: { tags, summary: 'The logged-in user', response: { 200: meDto } } }, async (req) => {
    const user = requireUser(req);
    const token = req.cookies[SESSION_COOKIE] ?? '';
    return { user: await svc.getUser(db, user.id), csrfToken: csrfTokenOf(ctx.auth.secret, token), abilities: abilitiesOf(user.roles), timeZone: ctx.timeZone };
  });

  app.patch('/auth/me', { schema: { tags, summary: 'Change own preferences', body: updateMeBody, response: { 204: z.null() } } }, async (req, reply) => {
    const user = requireUser(req);
    await svc.setOwnLocale(db, user, req.body.locale);
    forgetSessionsOf(req, user.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/auth/password',
    { schema: { tags, summary: 'Change own password (ends other sessions)', body: changeOwnPasswordBody, response: { 204: z.null() } } },
    async (req, reply) => {
      const user = requireUser(req);
      await svc.changeOwnPassword(db, user, req.body.currentPassword, req.body.newPassword, req.sessionId);
      forgetSessionsOf(req, user.id);
      return reply.status(204).send(null);
    },
  );

  const utags = ['users'];
  app.get('/users', { schema: { tags: utags, summary: 'List users', querystring: userListQuery, response: { 200: userPage } } }, async (req) => {
    authorize(req, usersPolicy, 'list');
    return svc.listUsers(db, req.query);
  });

  app.get('/users/:id', { schema: { tags: utags, params: idParams, response: { 200: userDto } } }, async (req) => {
    authorize(req, usersPolicy, 'read');
    return svc.getUser(db, req.params.id);
  });

  app.post('/users', { schema: { tags: utags, summary: 'Create a user', body: createUserBody, response: { 201: userDto } } }, async (req, reply) => {
    const user = authorize(req, usersPolicy, 'create');
    return reply.status(201).send(await svc.createUser(db, actorOf(user), req.body));
  });

  app.patch(
    '/users/:id',
    { schema: { tags: utags, summary: 'Update a user, roles included', params: idParams, body: updateUserBody, response: { 200: userDto } } },
    async (req) => {
      const user = authorize(req, usersPolicy, 'update');
      const updated = await svc.updateUser(db, user, req.params.id, req.body);
      forgetSessionsOf(req, req.params.id); // roles, hospital, active: what the sessions carry
      return updated;
    },
  );

  app.post(
    '/users/:id/password',
    {
      schema: { tags: utags, summary: "Reset a user's password (ends their sessions)", params: idParams, body: resetPasswordBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const user = authorize(req, usersPolicy, 'resetPassword');
      await svc.resetPassword(db, actorOf(user), req.params.id, req.body.version, req.body.password);
      forgetSessionsOf(req, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
