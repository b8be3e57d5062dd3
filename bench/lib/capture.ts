// Captures the SQL one HTTP request issues: every statement node-postgres sends (text,
// parameters, and the rows that came back), in order, including BEGIN/COMMIT. Used by the
// write benchmark to replay the exact statements in pgbench.
import pg from 'pg';

export interface Captured {
  text: string;
  values: unknown[];
  fields: string[];
  rows: unknown[][];
}

type QueryFn = (...args: unknown[]) => unknown;

/** Runs fn while recording every query of every pg client in this process. */
export async function captureQueries<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Captured[] }> {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const statements: Captured[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof first === 'string' ? first : first.text;
    // Drizzle passes (config, params); Pool.query passes (text, params, callback).
    const second = Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined;
    const values = second ?? (typeof first === 'string' ? [] : (first.values ?? []));
    const entry: Captured = { text, values: [...values], fields: [], rows: [] };
    statements.push(entry);
    const record = (r: pg.QueryResult | pg.QueryResult[] | undefined) => {
      const res = Array.isArray(r) ? r[r.length - 1] : r;
      entry.fields = (res?.fields ?? []).map((f: { name: string }) => f.name);
      entry.rows = (res?.rows ?? []).map((row: unknown) => (Array.isArray(row) ? row : entry.fields.map((f) => (row as Record<string, unknown>)[f])));
    };
    const cbAt = args.findIndex((a) => typeof a === 'function');
    if (cbAt >= 0) {
      const cb = args[cbAt] as (err: unknown, r?: pg.QueryResult) => void;
      args[cbAt] = (err: unknown, r?: pg.QueryResult) => {
        if (!err) record(r);
        cb(err, r);
      };
    }
    const out = original.apply(this, args);
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      (out as Promise<pg.QueryResult>).then(record, () => {});
    }
    return out;
  };
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    proto.query = original;
  }
}
