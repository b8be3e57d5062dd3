// Idempotency-Key for POST requests: a client that times out can resend the same create with
// the same key and get the first answer back instead of a second record. The key row is made
// `pending` before the handler runs and bound to the created record inside the create's own
// transaction (lib/audit.ts `idempotencyBinding`), so even a crash between commit and response
// leaves enough to say "already created, here is its id" rather than creating it again.
import { createHash } from 'node:crypto';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { canonicalJson, idempotencyBinding } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { idempotencyKeys } from './idempotency.tables.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** A pending, unbound key older than this belongs to an attempt that died before committing. */
export const PENDING_TAKEOVER_SECONDS = 30;
/** Keys older than this are purged by the system job. */
export const KEY_RETENTION_HOURS = 24;
/** Responses larger than this are not stored; a retry learns the outcome only by status. */
export const MAX_STORED_BODY = 1024 * 1024;

const KEY_PATTERN = /^[\x20-\x7e]{1,200}$/;

/** Requests that own their key row (first attempt or takeover); replays and refusals are not here. */
const states = new WeakMap<FastifyRequest, { id: string; binding: { id: string; bound: boolean } }>();

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${url}\n`)
    .update(canonicalJson(body ?? null))
    .digest('hex');
}

/** Login/logout answers carry a session; they are never stored or replayed (nor is a hash of a password). */
const applies = (req: FastifyRequest) => req.method === 'POST' && req.url.startsWith('/api/') && !req.url.startsWith('/api/v1/auth/');

type Row = typeof idempotencyKeys.$inferSelect & { fresh: boolean };

async function claim(db: Db, scope: string, key: string, hash: string): Promise<{ id: string } | Row> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [inserted] = await db
      .insert(idempotencyKeys)
      .values({ scope, key, requestHash: hash })
      .onConflictDoNothing({ target: [idempotencyKeys.scope, idempotencyKeys.key] })
      .returning({ id: idempotencyKeys.id });
    if (inserted) return inserted;
    const [row] = await db
      .select({
        ...getTableColumns(idempotencyKeys),
        fresh: sql<boolean>`${idempotencyKeys.createdAt} > now() - make_interval(secs => ${PENDING_TAKEOVER_SECONDS})`,
      })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (row) return row as Row;
    // Purged between the insert and the read: try again.
  }
  throw new AppError(409, 'idempotency_in_progress');
}

/** A pending row nobody bound for longer than the takeover time: the first attempt never committed. */
async function takeOver(db: Db, id: string): Promise<boolean> {
  const r = await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now()` })
    .where(
      and(
        eq(idempotencyKeys.id, id),
        eq(idempotencyKeys.state, 'pending'),
        sql`${idempotencyKeys.entityId} is null`,
        sql`${idempotencyKeys.createdAt} <= now() - make_interval(secs => ${PENDING_TAKEOVER_SECONDS})`,
      ),
    )
    .returning({ id: idempotencyKeys.id });
  return r.length === 1;
}

function replay(reply: FastifyReply, row: Row) {
  if (row.responseBody === null) {
    throw new AppError(409, 'idempotency_replay_unavailable', { status: row.statusCode }, undefined, {
      originalStatus: row.statusCode,
      entity: row.entity,
      entityId: row.entityId,
    });
  }
  reply.status(row.statusCode ?? 200).header(REPLAYED_HEADER, 'true');
  if (row.contentType) reply.header('content-type', row.contentType);
  return reply.send(row.responseBody === '' ? undefined : row.responseBody);
}

async function decide(db: Db, req: FastifyRequest, reply: FastifyReply): Promise<'proceed' | 'sent'> {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined || !applies(req)) return 'proceed';
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  if (!KEY_PATTERN.test(key)) throw new AppError(400, 'idempotency_key_invalid');
  // A multipart body is a stream that is not read yet, so two different uploads could not be told apart.
  if (String(req.headers['content-type'] ?? '').startsWith('multipart/')) throw new AppError(400, 'idempotency_key_unsupported');
  const scope = req.user ? req.user.id : `anon:${req.ip}`;
  const hash = requestHash(req.method, req.url, req.body);
  const got = await claim(db, scope, key, hash);
  let id: string;
  if (!('scope' in got)) id = got.id;
  else {
    const row = got;
    if (row.requestHash !== hash) throw new AppError(422, 'idempotency_key_reused');
    if (row.state === 'completed') {
      replay(reply, row);
      return 'sent';
    }
    // Bound = the create committed. While young, the first attempt is probably still answering
    // (a concurrent retry lands here between commit and response), so wait for its replay; once
    // old, the answer was lost: say what exists.
    if (row.entityId !== null && !row.fresh) {
      throw new AppError(409, 'idempotent_request_committed', { entity: row.entity, entityId: row.entityId }, undefined, {
        entity: row.entity,
        entityId: row.entityId,
      });
    }
    if (row.fresh || row.entityId !== null || !(await takeOver(db, row.id))) {
      reply.header('retry-after', '1');
      throw new AppError(409, 'idempotency_in_progress');
    }
    id = row.id;
  }
  const binding = { id, bound: false };
  states.set(req, { id, binding });
  return 'proceed';
}

async function complete(db: Db, req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const state = states.get(req);
  if (!state) return;
  states.delete(req);
  state.binding.bound = true; // nothing after the response may bind this key
  const status = reply.statusCode;
  if (status >= 500) {
    // Nothing committed (unbound): the retry runs again. Bound means the create committed and
    // something failed later; keep the row so a retry is told what exists.
    await db.execute(sql`delete from idempotency_keys where id = ${state.id} and entity_id is null`);
    return;
  }
  let body: string | null = null;
  if (payload === undefined || payload === null) body = '';
  else if (typeof payload === 'string') body = payload;
  else if (Buffer.isBuffer(payload) && /json|text/.test(String(reply.getHeader('content-type') ?? ''))) body = payload.toString('utf8');
  if (body !== null && Buffer.byteLength(body) > MAX_STORED_BODY) body = null;
  const contentType = reply.getHeader('content-type');
  await db
    .update(idempotencyKeys)
    .set({
      state: 'completed',
      statusCode: status,
      responseBody: body,
      contentType: contentType === undefined ? null : String(contentType),
      completedAt: new Date(),
    })
    .where(eq(idempotencyKeys.id, state.id));
}

export const idempotencyPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  const { db } = opts;
  // Callback style so the rest of the request (route hooks, handler) runs inside the
  // AsyncLocalStorage scope that recordAudit() reads.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method !== 'POST' || req.headers[IDEMPOTENCY_HEADER] === undefined) return done();
    decide(db, req, reply).then(
      (outcome) => {
        if (outcome === 'sent') return;
        const state = states.get(req);
        if (!state) return done();
        idempotencyBinding.run(state.binding, () => done());
      },
      (err: Error) => done(err),
    );
  });
  app.addHook('onSend', async (req, reply, payload) => {
    try {
      await complete(db, req, reply, payload);
    } catch (err) {
      // The response is already decided; a key left pending answers "in progress" or
      // "committed" and is purged after a day.
      req.log.error({ err }, 'idempotency: could not record the response');
    }
    return payload;
  });
});

/** Purge step for the system job. */
export async function purgeIdempotencyKeys(db: Db): Promise<void> {
  await db.execute(sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${KEY_RETENTION_HOURS})`);
}
