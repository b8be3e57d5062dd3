// Small SQL helpers for the large data generator: one session (a dedicated connection on a
// PostgreSQL server, the single PGlite connection otherwise) and deterministic "random"
// expressions built from hashint8extended(n, seed), so the same --seed gives the same data
// whatever order PostgreSQL evaluates rows in.
import { createHash } from 'node:crypto';
import type { Database } from '../../server/db/client.ts';

export interface Session {
  q<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  release(): void;
}

export async function openSession(database: Database): Promise<Session> {
  if (database.kind === 'postgres' && database.pool) {
    const client = await database.pool.connect();
    return {
      q: async (text, params) => (await client.query(text, params as unknown[])).rows,
      exec: async (text) => {
        await client.query(text);
      },
      release: () => client.release(),
    };
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('no database connection');
  return {
    q: async <T>(text: string, params?: unknown[]) => (await pglite.query<T>(text, params)).rows,
    exec: async (text) => {
      await pglite.exec(text);
    },
    release: () => {},
  };
}

/** A SQL string literal. */
export const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
export const textArray = (items: readonly string[]) => `ARRAY[${items.map(lit).join(',')}]::text[]`;

/** Uniform [0, 1) from the row key and a salt, reproducible for a given seed. */
export function rnd(seed: number, salt: number, key = 'n'): string {
  return `((hashint8extended((${key})::bigint, ${seed * 1000 + salt}) & 2147483647)::float8 / 2147483648.0)`;
}

/** One element of a list, chosen by a [0, 1) expression. */
export function pick(items: readonly string[], r: string): string {
  return `(${textArray(items)})[1 + floor(${r} * ${items.length})::int]`;
}

/** CASE over cumulative weights: [[value, weight], …] chosen by a [0, 1) expression. */
export function weighted(choices: readonly (readonly [string, number])[], r: string): string {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const arms = choices.slice(0, -1).map(([v, w]) => {
    acc += w / total;
    return `when ${r} < ${acc.toFixed(6)} then ${lit(v)}`;
  });
  return `(case ${arms.join(' ')} else ${lit(choices[choices.length - 1][0])} end)`;
}

/**
 * The ids of generated rows: md5 of a text with the version nibble set to 4 and the variant to 8,
 * so they pass z.uuid() in the API (a bare md5(...)::uuid usually does not). In SQL:
 *   overlay(overlay(md5('dev' || n) placing '4' from 13) placing '8' from 17)::uuid
 * benchId('dev' + n) gives the same value in JS — e.g. device n for a benchmark script.
 */
export const idSql = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

export function benchId(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}
