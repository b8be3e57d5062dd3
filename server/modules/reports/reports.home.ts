// The home screen's tiles (issue 17 item 3): every figure the caller may see in one statement —
// a scalar subquery per tile — instead of one list request per tile (six to eleven requests,
// 45 statements). Each figure is the total of the list the tile opens, with the same filters,
// the same hospital scope and the same cap: the big lists (work orders, requests, devices) count
// to COUNT_CAP, the others exactly.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { COUNT_CAP } from '../../lib/records.ts';
import { localDate } from '../contracts/index.ts';
import { workOrdersPolicy } from '../workorders/index.ts';
import type { HomeTileKey } from './reports.dto.ts';

/** The open work of "my work" (the engineer's queue), as the tile has always counted it. */
const MY_WORK = sql.raw(`('dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back', 'resolved')`);
/** Requests the list calls open (`open=true`); literal, so the partial index on open requests applies. */
const OPEN = sql.raw(`('open', 'dispatched', 'in_progress')`);

interface Tile {
  key: HomeTileKey;
  /** The count, as SQL over the table the tile's list reads. */
  count: SQL;
  capped: boolean;
}

/** Which tiles the caller sees: hospital users their own requests and registry, staff by ability. */
function tilesFor(user: Principal, today: string): Tile[] {
  const scope = customerScope(user);
  const hospital = scope !== null;
  const by = (column: string) => (scope === null ? sql`true` : sql`${sql.raw(column)} = ${scope}`);
  const capped = (from: SQL): SQL => sql`(select count(*)::int from (${from} limit ${sql.raw(String(COUNT_CAP + 1))}) c)`;
  const exact = (from: SQL): SQL => sql`(select count(*)::int from (${from}) c)`;
  const tiles: (Tile | false)[] = [
    can(user, workOrdersPolicy, 'myWork') && {
      key: 'myWork',
      capped: true,
      count: capped(sql`select 1 from work_orders w where ${by('w.customer_id')}
        and w.status in ${MY_WORK}
        and (w.lead_engineer_id = ${user.id} or w.id = any(array(select h.work_order_id from work_order_helpers h where h.user_id = ${user.id})))`),
    },
    can(user, workOrdersPolicy, 'dispatch') && {
      key: 'unassigned',
      capped: true,
      count: capped(sql`select 1 from service_requests r where ${by('r.customer_id')} and r.status = 'open'`),
    },
    !hospital && {
      key: 'emergencies',
      capped: true,
      count: capped(sql`select 1 from service_requests r where r.status in ${OPEN} and r.urgency = 'emergency'`),
    },
    !hospital && {
      key: 'openRequests',
      capped: true,
      count: capped(sql`select 1 from service_requests r where r.status in ${OPEN}`),
    },
    can(user, workOrdersPolicy, 'review') && {
      key: 'toReview',
      capped: true,
      count: capped(sql`select 1 from work_orders w where ${by('w.customer_id')} and w.status = 'signed_off'`),
    },
    hospital && {
      key: 'myOpenRequests',
      capped: true,
      count: capped(sql`select 1 from service_requests r where ${by('r.customer_id')} and r.status in ${OPEN}`),
    },
    !hospital && { key: 'customers', capped: false, count: exact(sql`select 1 from customers`) },
    { key: 'devices', capped: true, count: capped(sql`select 1 from devices d where ${by('d.customer_id')}`) },
    { key: 'down', capped: true, count: capped(sql`select 1 from devices d where ${by('d.customer_id')} and d.status = 'down'`) },
    {
      key: 'contracts',
      capped: false,
      count: exact(sql`select 1 from contracts k where ${by('k.customer_id')} and k.start_date <= ${today}::date and k.end_date >= ${today}::date`),
    },
    {
      key: 'expiring',
      capped: false,
      count: exact(
        sql`select 1 from contracts k where ${by('k.customer_id')} and k.start_date <= ${today}::date and k.end_date >= ${today}::date
          and k.end_date <= ${today}::date + 90`,
      ),
    },
  ];
  return tiles.filter((t): t is Tile => t !== false);
}

/** GET /home: the caller's tiles, one statement. */
export async function homeTiles(ex: Executor, user: Principal, timeZone: string, now = new Date()) {
  const tiles = tilesFor(user, localDate(now, timeZone));
  const columns = sql.join(
    tiles.map((t, i) => sql`${t.count} as ${sql.raw(`t${i}`)}`),
    sql`, `,
  );
  const r = await ex.execute<Record<string, number>>(sql`select ${columns}`);
  const row = r.rows[0] ?? {};
  return {
    tiles: tiles.map((t, i) => {
      const n = Number(row[`t${i}`] ?? 0);
      return t.capped && n > COUNT_CAP ? { key: t.key, total: COUNT_CAP, totalExact: false } : { key: t.key, total: n, totalExact: true };
    }),
  };
}
