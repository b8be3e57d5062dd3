// The session cache (issue 17 item 3): a request's session → principal, kept in this process for
// a few seconds so that a page's reads do not each look the session up. Bounded in time and size.
// Revocation reaches it three ways:
//   - in this process at once: logout, password change or reset, a user's roles, hospital,
//     language or active flag changed through the API (auth.ts `forgetSessionsOf`);
//   - from other instances (and raw SQL): triggers on `sessions` and `users` (migration 0037)
//     send NOTIFY ms_sessions with the users concerned at commit; each instance LISTENs on its
//     own connection (PGlite: the one in-process backend) and forgets those users' sessions;
//   - the TTL is the hard bound when a notice is missed: while the listening connection is down
//     nothing is served from the cache, and on reconnecting the cache is emptied.
// A lookup racing a revocation (read before the commit, answered after the notice) is not cached:
// every notice advances `epoch`, and a row read under an older epoch is used once, not kept.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/client.ts';
import type { Principal } from '../lib/access.ts';

/** How long a session is served without asking the database: the bound on a missed revocation. */
export const SESSION_CACHE_MS = 5_000;
/** Sessions kept at most (the oldest go first). */
export const SESSION_CACHE_SIZE = 10_000;
export const SESSION_CHANNEL = 'ms_sessions';
/** Wait before reconnecting a lost listening connection. */
const RECONNECT_MS = 1_000;

interface Entry {
  principal: Principal;
  /** Served until then: the earlier of the cache bound and the session's own expiry (epoch ms). */
  until: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly syncs = new Map<string, () => void>();
  /** Advanced by every revocation; a lookup started under an older epoch is not cached. */
  epoch = 0;
  /** The cache serves only while revocations can reach it (the listening connection is up). */
  listening = false;
  hits = 0;
  misses = 0;

  readonly ttlMs: number;
  readonly maxSize: number;

  constructor(ttlMs = SESSION_CACHE_MS, maxSize = SESSION_CACHE_SIZE) {
    this.ttlMs = ttlMs;
    this.maxSize = maxSize;
  }

  get size() {
    return this.entries.size;
  }

  get(sessionId: string, now = Date.now()): Principal | null {
    if (!this.listening) return null;
    const e = this.entries.get(sessionId);
    if (!e) return null;
    if (now >= e.until) {
      this.entries.delete(sessionId);
      return null;
    }
    this.hits++;
    return { ...e.principal };
  }

  set(sessionId: string, principal: Principal, sessionExpiresAt: Date, epochAtRead: number, now = Date.now()) {
    if (!this.listening || epochAtRead !== this.epoch || this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxSize) {
      // Drop the expired ones; if none, the oldest (insertion order).
      for (const [k, e] of this.entries) if (now >= e.until) this.entries.delete(k);
      if (this.entries.size >= this.maxSize) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(sessionId, { principal: { ...principal }, until: Math.min(now + this.ttlMs, sessionExpiresAt.getTime()) });
  }

  forgetSession(sessionId: string) {
    this.epoch++;
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string) {
    this.epoch++;
    for (const [k, e] of this.entries) if (e.principal.id === userId) this.entries.delete(k);
  }

  clear() {
    this.epoch++;
    this.entries.clear();
  }

  /** A NOTIFY ms_sessions payload: user ids separated by commas, '*' for everyone, or a sync marker. */
  notice(payload: string) {
    if (payload.startsWith('sync:')) {
      this.syncs.get(payload.slice(5))?.();
      return;
    }
    if (payload === '*') return this.clear();
    for (const id of payload.split(',')) if (id) this.forgetUser(id);
  }

  /**
   * Resolves once every revocation committed before the call has reached this cache: a marker
   * sent after them arrives after them (notices are delivered in commit order). For tests that
   * revoke by SQL and ask at once; gives up after `timeoutMs` (the TTL bounds it anyway).
   */
  async sync(database: Database, timeoutMs = 2_000): Promise<void> {
    if (!this.listening) return;
    const token = randomBytes(8).toString('hex');
    const arrived = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.syncs.set(token, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await database.query('select pg_notify($1, $2)', [SESSION_CHANNEL, `sync:${token}`]);
    await arrived;
    this.syncs.delete(token);
  }
}

export interface Listener {
  close(): Promise<void>;
}

/**
 * LISTENs for revocations: on PGlite in its one backend; on PostgreSQL on a connection of its own
 * (not from the pool), reconnected after a loss. Without a database to listen on (tools that
 * build the app for its OpenAPI document) the cache stays off.
 */
export async function listenForRevocations(database: Database, cache: SessionCache, log: { warn(m: string): void; info(m: string): void }): Promise<Listener> {
  if (database.pglite) {
    const unlisten = await database.pglite.listen(SESSION_CHANNEL, (payload) => cache.notice(payload));
    cache.listening = true;
    return {
      close: async () => {
        cache.listening = false;
        if (!database.pglite?.closed) await unlisten().catch(() => {});
      },
    };
  }
  const pool = database.pool;
  if (!pool) return { close: async () => {} };
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let warned = false;
  const lost = () => {
    cache.listening = false;
    cache.clear();
    if (!closed && !warned) log.warn('session cache: lost the connection listening for revocations; sessions are read from the database until it is back');
    warned = true;
    schedule();
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  };
  const connect = async () => {
    const c = new pg.Client({ ...(pool.options as pg.ClientConfig), connectionTimeoutMillis: 5_000 });
    let done = false;
    const fail = () => {
      if (done) return;
      done = true;
      c.removeAllListeners('notification');
      c.end().catch(() => {});
      if (client === c) client = null;
      lost();
    };
    c.on('error', fail);
    c.on('end', fail);
    c.on('notification', (m) => cache.notice(m.payload ?? '*'));
    try {
      await c.connect();
      await c.query(`listen ${SESSION_CHANNEL}`);
    } catch {
      fail();
      return;
    }
    if (closed) {
      done = true;
      await c.end().catch(() => {});
      return;
    }
    client = c;
    // Notices sent while nobody listened are lost: start empty.
    cache.clear();
    cache.listening = true;
    if (warned) log.info('session cache: listening for revocations again');
    warned = false;
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      cache.listening = false;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        c.removeAllListeners('error');
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
