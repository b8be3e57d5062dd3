// The rate-limit counters in PostgreSQL (issue 17 item 7): @fastify/rate-limit's store interface
// (incr, read, child) over one upsert on `rate_limits`, a fixed window per key. Counted in the
// database so the limits on login and the public survey hold across instances; a window that has
// run out restarts at 1. Route-level limits get their own key space (method + URL), as the
// plugin's in-memory store does.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Result) => void;
interface ChildParams {
  routeInfo?: { method?: string | string[]; url?: string };
  groupId?: string;
}

export function pgRateLimitStore(db: Db) {
  class PgStore {
    private readonly prefix: string;
    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix;
    }

    incr(key: string, cb: Callback, timeWindow: number) {
      const k = this.prefix + key;
      db.execute<{ hits: number; ttl: number }>(sql`
        insert into rate_limits as r (key, hits, reset_at) values (${k}, 1, now() + ${timeWindow} * interval '1 millisecond')
        on conflict (key) do update set
          hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
          reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
        returning hits, greatest(0, ceil(extract(epoch from (reset_at - now())) * 1000))::int as ttl`)
        .then((r) => cb(null, { current: Number(r.rows[0].hits), ttl: Number(r.rows[0].ttl) }))
        .catch((e: Error) => cb(e));
    }

    read(key: string, cb: Callback) {
      db.execute<{ hits: number; ttl: number }>(sql`
        select hits, greatest(0, ceil(extract(epoch from (reset_at - now())) * 1000))::int as ttl
        from rate_limits where key = ${this.prefix + key} and reset_at > now()`)
        .then((r) => cb(null, r.rows[0] ? { current: Number(r.rows[0].hits), ttl: Number(r.rows[0].ttl) } : { current: 0, ttl: 0 }))
        .catch((e: Error) => cb(e));
    }

    child(params: ChildParams) {
      const route = params.groupId ?? [params.routeInfo?.method, params.routeInfo?.url].filter(Boolean).join(' ');
      return new PgStore(undefined, route ? `${route}|` : this.prefix);
    }
  }
  return PgStore;
}

/** Windows that ran out more than an hour ago (called by the sessions purge). */
export async function purgeRateLimits(db: Db): Promise<void> {
  await db.execute(sql`delete from rate_limits where reset_at < now() - interval '1 hour'`);
}
