// KPI reads (R-RP-1, issue 15 §3): the dashboard sums kpi_daily (pre-aggregated per day,
// engineer, customer and model) over the range and the filters — a long range its whole months
// from kpi_monthly and only the edge days from kpi_daily; the drill-down lists the
// kpi_facts behind one number; the call heat map counts calls by weekday and hour.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { serialReads } from '../../lib/records.ts';
import { customerInUnit } from '../units/index.ts';
import {
  type Counters,
  KPI_COUNTERS,
  KPI_DRILL,
  type KpiKey,
  type KpiRollupDimension,
  kpiRangeRefusal,
  kpiValues,
  monthlyGroup,
  mtbfDays,
  periodDays,
  snake,
  splitByMonths,
  sumCounters,
} from './kpis.rules.ts';
import { NO_KEY } from './kpis.tables.ts';

export interface KpiFilters {
  from: string;
  to: string;
  engineerId?: string;
  customerId?: string;
  modelId?: string;
  unitId?: string;
}

/** The date range, checked after authorization (422 with a specific code). */
export function checkFilters(f: KpiFilters) {
  const refusal = kpiRangeRefusal(f.from, f.to);
  if (refusal) throw new AppError(422, refusal, { from: f.from, to: f.to });
}

const SUM_LIST = sql.raw(KPI_COUNTERS.map((c) => `coalesce(sum(${snake(c)}), 0)::float8 as "${c}"`).join(', '));
/** Exact (numeric) partial sums, named like the columns, for an outer sum. */
const PARTIAL_SUMS = sql.raw(KPI_COUNTERS.map((c) => `sum(${snake(c)}) as ${snake(c)}`).join(', '));
const COLUMNS = sql.raw(KPI_COUNTERS.map(snake).join(', '));

/** The dimension filters (no day): they hold on kpi_daily and on the kpi_monthly sets that keep those dimensions. */
function keyFilters(f: Omit<KpiFilters, 'from' | 'to'>): SQL[] {
  const parts: SQL[] = [];
  if (f.engineerId) parts.push(sql`engineer_key = ${f.engineerId}::uuid`);
  if (f.customerId) parts.push(sql`customer_key = ${f.customerId}::uuid`);
  if (f.modelId) parts.push(sql`model_key = ${f.modelId}::uuid`);
  // R-ORG-1: a unit's numbers are those of the customers it (or a team below it) serves.
  if (f.unitId) parts.push(customerInUnit(sql`customer_key`, f.unitId));
  return parts;
}

function dailyWhere(f: KpiFilters): SQL {
  return sql.join([sql`day between ${f.from}::date and ${f.to}::date`, ...keyFilters(f)], sql` and `);
}

/** The dimensions a view is filtered by (a unit filters customers). */
function filteredDims(f: KpiFilters): KpiRollupDimension[] {
  const dims: KpiRollupDimension[] = [];
  if (f.engineerId) dims.push('engineer');
  if (f.customerId || f.unitId) dims.push('customer');
  if (f.modelId) dims.push('model');
  return dims;
}

type Row = Counters & { k: string };
type Groups = Record<'trend' | 'engineer' | 'customer' | 'model', Row[]>;
const GROUPINGS: [keyof Groups, KpiRollupDimension | null][] = [
  ['trend', null],
  ['engineer', 'engineer'],
  ['customer', 'customer'],
  ['model', 'model'],
];

/** The four groupings (trend period, engineer, customer, model) of kpi_daily rows, in one GROUPING SETS pass; sums as `sums`. */
const dailyGroups = (where: SQL, period: SQL, sums: SQL) => sql`select
      case when grouping(${period}) = 0 then 'trend' when grouping(engineer_key) = 0 then 'engineer'
           when grouping(customer_key) = 0 then 'customer' else 'model' end as g,
      coalesce(${period}, engineer_key::text, customer_key::text, model_key::text) as k, ${sums}
    from kpi_daily where ${where}
    group by grouping sets ((${period}), (engineer_key), (customer_key), (model_key))`;

/**
 * The four groupings of the dashboard (trend period, engineer, customer, model) over the range.
 * Issue 15 §3: at 1M work orders a year holds ~700k kpi_daily rows, so a month-trend view reads
 * its whole months from kpi_monthly (per grouping, the set of its filtered dimensions plus the
 * one it groups by) and only the edge days from kpi_daily, and sums both in one statement (numeric
 * partial sums: the same numbers as summing the days). A day-trend view (≤ 62 days) or one
 * filtered by two dimensions (only kpi_daily has all three) sums the days in one GROUPING SETS scan.
 */
async function grouped(ex: Executor, f: KpiFilters, trendBy: 'day' | 'month'): Promise<Groups> {
  const { months, edges } = splitByMonths(f.from, f.to);
  const filtered = filteredDims(f);
  const sets = GROUPINGS.map(([g, by]) => [g, monthlyGroup(filtered, by)] as const);
  let query: SQL;
  if (trendBy === 'day' || !months || sets.some(([, grp]) => grp === null)) {
    const period = trendBy === 'day' ? sql`to_char(day, 'YYYY-MM-DD')` : sql`to_char(day, 'YYYY-MM')`;
    query = sql`${dailyGroups(dailyWhere(f), period, SUM_LIST)} order by 1, 2`;
  } else {
    const keyOf = { trend: sql`to_char(month, 'YYYY-MM')`, engineer: sql`engineer_key::text`, customer: sql`customer_key::text`, model: sql`model_key::text` };
    const parts: SQL[] = sets.map(
      ([g, grp]) => sql`select ${g}::text as g, ${keyOf[g]} as k, ${COLUMNS} from kpi_monthly
        where ${sql.join([sql`grp = ${grp}`, sql`month between ${months.from}::date and ${months.to}::date`, ...keyFilters(f)], sql` and `)}`,
    );
    if (edges.length) {
      const days = sql.join(
        edges.map((e) => sql`day between ${e.from}::date and ${e.to}::date`),
        sql` or `,
      );
      parts.push(dailyGroups(sql.join([sql`(${days})`, ...keyFilters(f)], sql` and `), sql`to_char(day, 'YYYY-MM')`, PARTIAL_SUMS));
    }
    query = sql`select g, k, ${SUM_LIST} from (${sql.join(parts, sql` union all `)}) u group by g, k order by 1, 2`;
  }
  const res = await ex.execute<Row & { g: keyof Groups }>(query);
  const out: Groups = { trend: [], engineer: [], customer: [], model: [] };
  for (const r of res.rows) {
    const { g, ...row } = r;
    out[g].push({ ...row, ...sumCounters([row]) });
  }
  return out;
}

async function namesOf(ex: Executor, table: 'users' | 'customers' | 'device_models', ids: string[]): Promise<Map<string, string>> {
  const real = ids.filter((i) => i !== NO_KEY);
  if (!real.length) return new Map();
  const col = table === 'users' ? sql.raw('display_name') : sql.raw('name');
  const res = await ex.execute<{ id: string; name: string }>(
    sql`select id::text id, ${col} as name from ${sql.raw(table)} where id = any(${sql.param(real)}::uuid[])`,
  );
  return new Map(res.rows.map((r) => [r.id, r.name]));
}

const groupView = (r: Row, name: string) => ({ key: r.k, name, orders: r.orders, values: kpiValues(r) });

export async function dashboard(ex: Executor, f: KpiFilters, tz: string) {
  checkFilters(f);
  const days = periodDays(f.from, f.to) ?? 1;
  const trendBy: 'day' | 'month' = days <= 62 ? 'day' : 'month';
  return serialReads(ex, async (tx) => {
    const groups = await grouped(tx, f, trendBy);
    const { trend, engineer: byEngineer, customer: byCustomer, model: byModel } = groups;
    const engineers = await namesOf(
      tx,
      'users',
      byEngineer.map((r) => r.k),
    );
    const customers = await namesOf(
      tx,
      'customers',
      byCustomer.map((r) => r.k),
    );
    const models = await namesOf(
      tx,
      'device_models',
      byModel.map((r) => r.k),
    );
    // MTBF per model: units in service during the period (installed by its end, not retired).
    const realModels = byModel.map((r) => r.k).filter((k) => k !== NO_KEY);
    const units = new Map<string, number>();
    if (realModels.length) {
      const res = await tx.execute<{ id: string; n: number }>(sql`select model_id::text id, count(*)::int n from devices
        where model_id = any(${sql.param(realModels)}::uuid[]) and status <> 'retired'
          and (install_date is null or install_date <= ${f.to}::date)
          ${f.customerId ? sql`and customer_id = ${f.customerId}::uuid` : sql``}
        group by model_id`);
      for (const r of res.rows) units.set(r.id, Number(r.n));
    }
    const heat = await tx.execute<{ weekday: number; hour: number; calls: number }>(sql`
      select extract(dow from t at time zone ${tz})::int as weekday, extract(hour from t at time zone ${tz})::int as hour, count(*)::int as calls
      from (
        select started_at t from calls where direction = 'inbound' ${f.customerId ? sql`and customer_id = ${f.customerId}::uuid` : sql``}
          and started_at >= ((${f.from}::date)::timestamp at time zone ${tz}) and started_at < ((${f.to}::date + 1)::timestamp at time zone ${tz})
        union all
        select received_at from missed_calls where true ${f.customerId ? sql`and customer_id = ${f.customerId}::uuid` : sql``}
          and received_at >= ((${f.from}::date)::timestamp at time zone ${tz}) and received_at < ((${f.to}::date + 1)::timestamp at time zone ${tz})
      ) c group by 1, 2 order by 1, 2`);
    const last = await tx.execute<{ d: string | null }>(
      sql`select to_char(max(day), 'YYYY-MM-DD') d from kpi_daily where day between ${f.from}::date and ${f.to}::date`,
    );
    const total = sumCounters(trend);
    const none = (m: Map<string, string>, k: string) => m.get(k) ?? (k === NO_KEY ? '—' : k);
    return {
      from: f.from,
      to: f.to,
      trendBy,
      totals: { orders: total.orders, values: kpiValues(total) },
      trend: trend.map((r) => groupView(r, r.k)),
      byEngineer: byEngineer.map((r) => groupView(r, none(engineers, r.k))).sort((a, b) => b.orders - a.orders),
      byCustomer: byCustomer.map((r) => groupView(r, none(customers, r.k))).sort((a, b) => b.orders - a.orders),
      byModel: byModel
        .map((r) => ({ ...groupView(r, none(models, r.k)), units: units.get(r.k) ?? 0, mtbfDays: mtbfDays(units.get(r.k) ?? 0, days, r.repairs) }))
        .sort((a, b) => b.orders - a.orders),
      callsHeatmap: heat.rows.map((h) => ({ weekday: Number(h.weekday), hour: Number(h.hour), calls: Number(h.calls) })),
      rolledUpTo: last.rows[0]?.d ?? null,
    };
  });
}

const DRILL_LIMIT = 1000;

/** The facts behind one KPI number (R-RP-1 drill-down), newest first, at most 1000 listed. */
export async function drill(ex: Executor, f: KpiFilters & { kpi: KpiKey; missed?: 'true' | 'false'; period?: string }) {
  checkFilters(f);
  const { counter, miss } = KPI_DRILL[f.kpi];
  const c = sql.raw(snake(counter));
  const m = miss ? sql.raw(snake(miss)) : null;
  const parts: SQL[] = [sql`k.day between ${f.from}::date and ${f.to}::date`, sql`k.${c} > 0`];
  if (f.engineerId) parts.push(f.engineerId === NO_KEY ? sql`k.engineer_id is null` : sql`k.engineer_id = ${f.engineerId}::uuid`);
  if (f.customerId) parts.push(f.customerId === NO_KEY ? sql`k.customer_id is null` : sql`k.customer_id = ${f.customerId}::uuid`);
  if (f.modelId) parts.push(f.modelId === NO_KEY ? sql`k.model_id is null` : sql`k.model_id = ${f.modelId}::uuid`);
  if (f.unitId) parts.push(customerInUnit(sql`k.customer_id`, f.unitId));
  if (f.period) parts.push(sql`to_char(k.day, ${f.period.length === 7 ? 'YYYY-MM' : 'YYYY-MM-DD'}) = ${f.period}`);
  if (f.missed === 'true' && m) parts.push(sql`k.${m} < k.${c}`);
  const where = sql.join(parts, sql` and `);
  return serialReads(ex, async (tx) => {
    const n = await tx.execute<{ n: number }>(sql`select count(*)::int n from kpi_facts k where ${where}`);
    const rows = await tx.execute<{
      source: string;
      source_id: string;
      day: string;
      work_order_id: string | null;
      number: string | null;
      customer_name: string | null;
      engineer_name: string | null;
      model_name: string | null;
      value: number;
      missed: boolean;
    }>(sql`select k.source, k.source_id::text, to_char(k.day, 'YYYY-MM-DD') as day, k.work_order_id::text, w.number,
        cu.name customer_name, u.display_name engineer_name, dm.name model_name, k.${c}::float8 as value,
        ${m ? sql`k.${m} < k.${c}` : sql`false`} as missed
      from kpi_facts k
      left join work_orders w on w.id = k.work_order_id
      left join customers cu on cu.id = k.customer_id
      left join users u on u.id = k.engineer_id
      left join device_models dm on dm.id = k.model_id
      where ${where}
      order by k.day desc, w.number desc nulls last, k.source_id
      limit ${DRILL_LIMIT}`);
    return {
      kpi: f.kpi,
      count: Number(n.rows[0]?.n ?? 0),
      items: rows.rows.map((r) => ({
        source: r.source,
        sourceId: r.source_id,
        day: r.day,
        workOrderId: r.work_order_id,
        workOrderNumber: r.number,
        customerName: r.customer_name,
        engineerName: r.engineer_name,
        modelName: r.model_name,
        value: Number(r.value),
        missed: Boolean(r.missed),
      })),
    };
  });
}

/** Each engineer's summed counters and KPIs over [from, to] from the daily rollup (the monthly appraisal reads it). */
export async function engineerKpis(ex: Executor, from: string, to: string): Promise<Map<string, { counters: Counters; values: ReturnType<typeof kpiValues> }>> {
  const res = await ex.execute<Row>(sql`select engineer_key::text as k, ${SUM_LIST} from kpi_daily where ${dailyWhere({ from, to })} group by 1 order by 1`);
  const rows = res.rows.map((r) => ({ ...r, ...sumCounters([r]) }));
  return new Map(rows.filter((r) => r.k !== NO_KEY).map((r) => [r.k, { counters: sumCounters([r]), values: kpiValues(r) }]));
}
