// Human-readable yearly numbers (BX-2026-000123). The upsert is atomic, so two requests
// registered at once never get the same number.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

export async function nextNumber(ex: Executor, prefix: string, year: number): Promise<string> {
  const key = `${prefix}-${year}`;
  const r = await ex.execute(
    sql`insert into counters (key, value) values (${key}, 1) on conflict (key) do update set value = counters.value + 1 returning value`,
  );
  const n = Number((r.rows[0] as { value: number }).value);
  return `${key}-${String(n).padStart(6, '0')}`;
}

/**
 * The next yearly number as an SQL expression, drawn from a sequence (migration 0038) inside
 * the statement that stores it: no row lock and no round trip of its own. BX-2026-000124.
 */
export function numberFromSequence(prefix: string, year: number): SQL<string> {
  return sql<string>`next_number(${prefix}, ${year}::int)`;
}
