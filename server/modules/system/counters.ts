// Human-readable yearly numbers (BX-2026-000123). The upsert is atomic, so two requests
// registered at once never get the same number.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

export async function nextNumber(ex: Executor, prefix: string, year: number): Promise<string> {
  const key = `${prefix}-${year}`;
  const r = await ex.execute(
    sql`insert into counters (key, value) values (${key}, 1) on conflict (key) do update set value = counters.value + 1 returning value`,
  );
  const n = Number((r.rows[0] as { value: number }).value);
  return `${key}-${String(n).padStart(6, '0')}`;
}
