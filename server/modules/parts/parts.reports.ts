// Parts reports (SPEC §6): stock by warehouse, consumption by model / part / month, parts cost
// per work order, slow movers and the reorder list — each as JSON or, with format=xlsx, Excel.
// Movements are the ledger list (GET /parts/ledger, /parts/ledger/export).
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { consumptionQuery, consumptionRow, formatQuery, reorderRow, slowQuery, slowRow, stockByWarehouseRow, woCostQuery, woCostRow } from './parts.dto.ts';
import { kindLabel, reasonLabel } from './parts.labels.ts';
import { partsPolicy } from './parts.policy.ts';
import { reorderSuggestions } from './parts.purchasing.ts';

type Db = AppContext['database']['db'];

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

async function answer<T>(req: FastifyRequest, reply: FastifyReply, format: string, rows: T[], nameZh: string, nameEn: string, columns: ExportColumn<T>[]) {
  if (format !== 'xlsx') return rows;
  const name = req.locale === 'en-US' ? nameEn : nameZh;
  return sendXlsx(reply, name, await xlsxBuffer(name, columns, rows, req.locale));
}

export function reportRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['parts'];

  app.get(
    '/parts/reports/stock-by-warehouse',
    { schema: { tags, summary: 'Quantity and value held per warehouse', querystring: formatQuery, response: { 200: stockByWarehouseRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await stockByWarehouse(db), '分仓库存', 'stock-by-warehouse', [
        { key: 'code', zh: '仓库编号', en: 'Code', value: (r) => r.warehouseCode },
        { key: 'name', zh: '仓库', en: 'Warehouse', width: 24, value: (r) => r.warehouseName },
        { key: 'kind', zh: '类型', en: 'Kind', value: (r) => kindLabel(r.kind, req.locale) },
        { key: 'lines', zh: '品项数', en: 'Lines', value: (r) => r.lines },
        { key: 'qty', zh: '数量', en: 'Quantity', value: (r) => r.qty },
        { key: 'value', zh: '金额', en: 'Value', value: (r) => Number(r.value) },
      ]);
    },
  );

  app.get(
    '/parts/reports/consumption',
    { schema: { tags, summary: 'Parts issued, by part, device model or month', querystring: consumptionQuery, response: { 200: consumptionRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      const q = req.query;
      return answer(req, reply, q.format, await consumption(db, q, tz), '备件消耗', 'consumption', [
        { key: 'key', zh: '分组', en: 'Group', width: 18, value: (r) => r.key },
        { key: 'label', zh: '名称', en: 'Name', width: 26, value: (r) => r.label },
        { key: 'qty', zh: '数量', en: 'Quantity', value: (r) => r.qty },
        { key: 'cost', zh: '金额', en: 'Cost', value: (r) => Number(r.cost) },
      ]);
    },
  );

  app.get(
    '/parts/reports/work-order-costs',
    { schema: { tags, summary: 'Parts cost per work order', querystring: woCostQuery, response: { 200: woCostRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      const q = req.query;
      return answer(req, reply, q.format, await workOrderCosts(db, q, tz), '工单备件成本', 'work-order-parts-cost', [
        { key: 'wo', zh: '工单', en: 'Work order', width: 20, value: (r) => r.workOrderNumber },
        { key: 'lines', zh: '出库笔数', en: 'Issues', value: (r) => r.lines },
        { key: 'qty', zh: '数量', en: 'Quantity', value: (r) => r.qty },
        { key: 'cost', zh: '金额', en: 'Cost', value: (r) => Number(r.cost) },
      ]);
    },
  );

  app.get(
    '/parts/reports/slow-movers',
    { schema: { tags, summary: 'Parts in stock not issued for N days', querystring: slowQuery, response: { 200: slowRow.array() } } },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await slowMovers(db, req.query.days), '呆滞备件', 'slow-movers', [
        { key: 'code', zh: '备件编号', en: 'Part', value: (r) => r.partCode },
        { key: 'name', zh: '名称', en: 'Name', width: 26, value: (r) => r.partName },
        { key: 'onHand', zh: '库存', en: 'On hand', value: (r) => r.onHand },
        { key: 'value', zh: '金额', en: 'Value', value: (r) => Number(r.value) },
        { key: 'last', zh: '最近出库', en: 'Last issued', width: 22, value: (r) => r.lastIssueAt },
      ]);
    },
  );

  app.get(
    '/parts/reports/reorder',
    {
      schema: {
        tags,
        summary: 'Reorder list (minimum stock, emergency level, open-work forecast)',
        querystring: formatQuery,
        response: { 200: reorderRow.array() },
      },
    },
    async (req, reply) => {
      authorize(req, partsPolicy, 'read');
      return answer(req, reply, req.query.format, await reorderSuggestions(db), '补货清单', 'reorder', [
        { key: 'code', zh: '备件编号', en: 'Part', value: (r) => r.partCode },
        { key: 'name', zh: '名称', en: 'Name', width: 26, value: (r) => r.partName },
        { key: 'onHand', zh: '库存', en: 'On hand', value: (r) => r.onHand },
        { key: 'min', zh: '最低库存', en: 'Minimum', value: (r) => r.minStock },
        { key: 'eOnHand', zh: '应急库存', en: 'Emergency on hand', value: (r) => r.emergencyOnHand },
        { key: 'eLevel', zh: '应急储备量', en: 'Emergency level', value: (r) => r.emergencyLevel },
        { key: 'forecast', zh: '在修需求', en: 'Forecast', value: (r) => r.forecast },
        { key: 'qty', zh: '建议采购', en: 'Suggested', value: (r) => r.suggestedQty },
        { key: 'reason', zh: '原因', en: 'Reason', value: (r) => reasonLabel(r.reason, req.locale) },
      ]);
    },
  );
}
