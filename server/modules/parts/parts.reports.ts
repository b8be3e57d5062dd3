// Parts reports (SPEC §6): the queries behind stock by warehouse, consumption by model / part /
// month, parts cost per work order and slow movers (routes in parts.reports.routes.ts, Excel
// columns in parts.reports.export.ts; the reorder list is parts.purchasing.reorderSuggestions).
// Movements are the ledger list (GET /parts/ledger, /parts/ledger/export).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

function period(from: string | undefined, to: string | undefined, tz: string) {
  return sql`${from ? sql`and l.at >= (${from}::date)::timestamp at time zone ${tz}` : sql``} ${to ? sql`and l.at < ((${to}::date + 1)::timestamp) at time zone ${tz}` : sql``}`;
}

export async function stockByWarehouse(db: Db) {
  const r = await db.execute(sql`
    select w.id as "warehouseId", w.code as "warehouseCode", w.name as "warehouseName", w.kind,
           count(b.part_id) filter (where b.qty > 0)::int as lines, coalesce(sum(b.qty), 0)::int as qty,
           coalesce(sum(b.qty * p.unit_cost) filter (where b.condition = 'good'), 0)::numeric(14,2)::text as value
    from warehouses w
    left join stock_balances b on b.warehouse_id = w.id
    left join parts p on p.id = b.part_id
    group by w.id order by w.code`);
  return (
    r.rows as {
      warehouseId: string;
      warehouseCode: string;
      warehouseName: string;
      kind: 'central' | 'emergency' | 'van';
      lines: number;
      qty: number;
      value: string;
    }[]
  ).map((x) => ({ ...x, lines: Number(x.lines), qty: Number(x.qty) }));
}

export async function consumption(db: Db, q: { groupBy: 'part' | 'model' | 'month'; from?: string; to?: string }, tz: string) {
  const key = q.groupBy === 'part' ? sql`p.code` : q.groupBy === 'model' ? sql`coalesce(m.code, '-')` : sql`to_char(l.at at time zone ${tz}, 'YYYY-MM')`;
  const label =
    q.groupBy === 'part' ? sql`max(p.name)` : q.groupBy === 'model' ? sql`coalesce(max(m.name), '-')` : sql`max(to_char(l.at at time zone ${tz}, 'YYYY-MM'))`;
  const r = await db.execute(sql`
    select ${key} as key, ${label} as label, (-sum(l.qty))::int as qty,
           coalesce(sum(-l.qty * coalesce(l.unit_cost, p.unit_cost)), 0)::numeric(14,2)::text as cost
    from parts_ledger l
    join parts p on p.id = l.part_id
    left join work_orders wo on wo.id = l.work_order_id
    left join devices d on d.id = wo.device_id
    left join device_models m on m.id = d.model_id
    where l.kind = 'issue' ${period(q.from, q.to, tz)}
    group by 1
    order by 1`);
  return (r.rows as { key: string; label: string; qty: number; cost: string }[]).map((x) => ({ ...x, qty: Number(x.qty) }));
}

export async function workOrderCosts(db: Db, q: { from?: string; to?: string }, tz: string) {
  const r = await db.execute(sql`
    select wo.id as "workOrderId", wo.number as "workOrderNumber", count(*)::int as lines, (-sum(l.qty))::int as qty,
           coalesce(sum(-l.qty * coalesce(l.unit_cost, p.unit_cost)), 0)::numeric(14,2)::text as cost
    from parts_ledger l
    join parts p on p.id = l.part_id
    join work_orders wo on wo.id = l.work_order_id
    where l.kind = 'issue' ${period(q.from, q.to, tz)}
    group by wo.id order by wo.number`);
  return (r.rows as { workOrderId: string; workOrderNumber: string; lines: number; qty: number; cost: string }[]).map((x) => ({
    ...x,
    lines: Number(x.lines),
    qty: Number(x.qty),
  }));
}

/** Parts in stock with no issue in the last N days. */
export async function slowMovers(db: Db, days: number) {
  const r = await db.execute(sql`
    with s as (select part_id, sum(qty)::int as on_hand from stock_balances where condition = 'good' group by part_id having sum(qty) > 0),
    last as (select part_id, max(at) as last_at from parts_ledger where kind = 'issue' group by part_id)
    select p.id as "partId", p.code as "partCode", p.name as "partName", s.on_hand as "onHand",
           (s.on_hand * p.unit_cost)::numeric(14,2)::text as value, last.last_at as "lastIssueAt"
    from s join parts p on p.id = s.part_id left join last on last.part_id = p.id
    where last.last_at is null or last.last_at < now() - make_interval(days => ${days})
    order by (s.on_hand * p.unit_cost) desc, p.code`);
  return (r.rows as { partId: string; partCode: string; partName: string; onHand: number; value: string; lastIssueAt: Date | string | null }[]).map((x) => ({
    ...x,
    onHand: Number(x.onHand),
    lastIssueAt: x.lastIssueAt === null ? null : new Date(x.lastIssueAt).toISOString(),
  }));
}
