// Who may be sent (R-DSP-2 inputs): the engineers, technicians and experts, their open load, and
// the candidates the ranking chooses from. Read by the board, the suggestions, the timeline and
// the engineers' profiles.
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Candidate } from './dispatch.rules.ts';
import { engineerProfiles } from './dispatch.tables.ts';

export const isEngineer = sql`${users.roles} && array['engineer','technician','technical_expert']::text[]`;

/** Open assigned work orders per person, as lead or helper. */
export async function openLoads(ex: Executor): Promise<Map<string, number>> {
  const r = await ex.execute(sql`
    select user_id, count(distinct wo_id)::int as n from (
      select lead_engineer_id as user_id, id as wo_id from work_orders
        where lead_engineer_id is not null and status in ('dispatched','accepted','on_the_way','on_site','waiting_parts','taken_back')
      union all
      select h.user_id, h.work_order_id from work_order_helpers h join work_orders w on w.id = h.work_order_id
        where w.status in ('dispatched','accepted','on_the_way','on_site','waiting_parts','taken_back')
    ) x group by user_id`);
  return new Map((r.rows as { user_id: string; n: number }[]).map((x) => [x.user_id, Number(x.n)]));
}

/** Everyone who may be suggested: active engineers, technicians and experts not marked unavailable. */
export async function candidates(ex: Executor): Promise<Candidate[]> {
  const rows = await ex
    .select({ id: users.id, name: users.displayName, p: engineerProfiles })
    .from(users)
    .leftJoin(engineerProfiles, eq(engineerProfiles.userId, users.id))
    .where(and(eq(users.active, true), isEngineer, or(isNull(engineerProfiles.id), eq(engineerProfiles.active, true))));
  const loads = await openLoads(ex);
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    modelIds: r.p?.modelIds ?? [],
    categories: r.p?.categories ?? [],
    areas: r.p?.areas ?? [],
    homeBase: r.p?.homeBase ?? null,
    openLoad: loads.get(r.id) ?? 0,
  }));
}
