// The KPI rollup (R-RP-1, issue 15 §3): rebuilds kpi_facts and kpi_daily for a range of
// company-local days from the source tables, and kpi_monthly for the months those days touch, in one transaction under an advisory lock, so a
// repeated or concurrent run (two workers) leaves exactly the same rows. Each fact's SQL is the
// KPI definition in kpis.rules.ts (first-time fix = isFirstTimeFix, score = surveyScore).
import { type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { dateIn } from '../../lib/calendar.ts';
import { KPI_COUNTERS, KPI_MONTHLY_GROUPS, type KpiMonthlyGroup, snake } from './kpis.rules.ts';
import { NO_KEY } from './kpis.tables.ts';

/** Only rollups take this lock: two workers' runs follow each other. */
const ROLLUP_LOCK = 7172015;

/** Start of a company-local day as timestamptz. */
const startOf = (day: string, tz: string) => sql`((${day}::date)::timestamp at time zone ${tz})`;
const dayOf = (col: SQL, tz: string) => sql`((${col}) at time zone ${tz})::date`;

/** The fact inserts for [from, to] (company-local days, both included). */
function factInserts(from: string, to: string, tz: string): SQL[] {
  const lo = startOf(from, tz);
  const hi = sql`(${startOf(to, tz)} + interval '1 day')`;
  const inRange = (col: SQL) => sql`${col} >= ${lo} and ${col} < ${hi}`;
  const repeatWithin = (days: number) => sql`(w.kind = 'repair' and exists (
      select 1 from work_orders n join service_requests nr on nr.id = n.request_id
      where n.device_id = w.device_id and n.id <> w.id and n.kind = 'repair' and n.cancelled_at is null
        and nr.received_at > w.resolved_at and nr.received_at <= w.resolved_at + interval '${sql.raw(String(days))} days'))::int`;
  return [
    // Work orders resolved in the range (not cancelled): orders, repairs, FTF, MTTR, SLA, repeats, parts.
    sql`insert into kpi_facts (source, source_id, day, engineer_id, customer_id, model_id, work_order_id,
        orders, repairs, ftf, restore_n, restore_minutes, respond_met, respond_total, arrive_met, arrive_total,
        restore_met, restore_total, repeat30, repeat90, parts_qty, parts_cost)
      select 'work_order', w.id, ${dayOf(sql`w.resolved_at`, tz)}, w.lead_engineer_id, w.customer_id, d.model_id, w.id,
        1,
        (w.kind = 'repair')::int,
        (w.kind = 'repair'
          and not exists (select 1 from work_order_events e where e.work_order_id = w.id and e.to_status in ('waiting_parts', 'taken_back'))
          and (select count(*) from work_order_events e where e.work_order_id = w.id and e.to_status = 'on_site') <= 1)::int,
        (w.kind = 'repair')::int,
        case when w.kind = 'repair' then greatest(0, extract(epoch from (w.resolved_at - r.received_at)) / 60) else 0 end,
        coalesce(c.respond_met, 0), coalesce(c.respond_total, 0), coalesce(c.arrive_met, 0), coalesce(c.arrive_total, 0),
        coalesce(c.restore_met, 0), coalesce(c.restore_total, 0),
        ${repeatWithin(30)}, ${repeatWithin(90)},
        coalesce(p.qty, 0), coalesce(p.cost, 0)
      from work_orders w
      join service_requests r on r.id = w.request_id
      join devices d on d.id = w.device_id
      left join lateral (
        select count(*) filter (where k.kind = 'respond' and k.outcome = 'met') respond_met,
               count(*) filter (where k.kind = 'respond' and k.outcome in ('met', 'breached')) respond_total,
               count(*) filter (where k.kind = 'arrive' and k.outcome = 'met') arrive_met,
               count(*) filter (where k.kind = 'arrive' and k.outcome in ('met', 'breached')) arrive_total,
               count(*) filter (where k.kind = 'restore' and k.outcome = 'met') restore_met,
               count(*) filter (where k.kind = 'restore' and k.outcome in ('met', 'breached')) restore_total
        from sla_clocks k where k.request_id = w.request_id) c on true
      left join lateral (
        select sum(x.quantity) qty, sum(x.quantity * coalesce(x.unit_price, 0)) cost
        from work_order_parts x where x.work_order_id = w.id) p on true
      where w.resolved_at is not null and ${inRange(sql`w.resolved_at`)} and w.cancelled_at is null
      on conflict (source, source_id) do nothing`,
    // Surveys answered in the range: the mean of the answered items.
    sql`insert into kpi_facts (source, source_id, day, engineer_id, customer_id, model_id, work_order_id, survey_n, survey_score)
      select 'survey', s.id, ${dayOf(sql`s.answered_at`, tz)}, w.lead_engineer_id, s.customer_id, d.model_id, s.work_order_id, 1, sc.score
      from surveys s
      join work_orders w on w.id = s.work_order_id
      join devices d on d.id = s.device_id
      cross join lateral (select avg(x)::numeric score from unnest(array[s.attitude, s.skill, s.timeliness, s.promise]) x) sc
      where s.answered_at is not null and ${inRange(sql`s.answered_at`)} and sc.score is not null
      on conflict (source, source_id) do nothing`,
    // Complaints received in the range (drafts are not complaints yet): the responsible person, else the order's lead.
    sql`insert into kpi_facts (source, source_id, day, engineer_id, customer_id, model_id, work_order_id, complaints)
      select 'complaint', c.id, ${dayOf(sql`c.received_at`, tz)}, coalesce(c.responsible_id, w.lead_engineer_id), c.customer_id, d.model_id, c.work_order_id, 1
      from complaints c
      left join work_orders w on w.id = c.work_order_id
      left join devices d on d.id = coalesce(c.device_id, w.device_id)
      where c.status <> 'draft' and ${inRange(sql`c.received_at`)}
      on conflict (source, source_id) do nothing`,
    // Follow-ups due in the range: on time = done by the due time.
    sql`insert into kpi_facts (source, source_id, day, engineer_id, customer_id, model_id, work_order_id, followups_due, followups_on_time)
      select 'followup', f.id, ${dayOf(sql`f.due_at`, tz)}, f.assignee_id, p.customer_id, d.model_id, p.work_order_id, 1,
        (f.status = 'done' and f.done_at is not null and f.done_at <= f.due_at)::int
      from followups f
      join followup_plans p on p.id = f.plan_id
      join devices d on d.id = p.device_id
      where ${inRange(sql`f.due_at`)}
      on conflict (source, source_id) do nothing`,
    // Maintenance visits planned in the range (not cancelled): done or not.
    sql`insert into kpi_facts (source, source_id, day, engineer_id, customer_id, model_id, work_order_id, visits_planned, visits_done)
      select 'visit', v.id, v.planned_date, v.engineer_id, v.customer_id, d.model_id, v.work_order_id, 1, (v.status = 'done')::int
      from maintenance_visits v
      join devices d on d.id = v.device_id
      where v.status <> 'cancelled' and v.planned_date between ${from}::date and ${to}::date
      on conflict (source, source_id) do nothing`,
    // Missed calls received in the range: called back or not, and how long it took.
    sql`insert into kpi_facts (source, source_id, day, customer_id, missed_calls, callbacks, callback_minutes)
      select 'missed_call', m.id, ${dayOf(sql`m.received_at`, tz)}, m.customer_id, 1, (m.called_back_at is not null)::int,
        case when m.called_back_at is not null then greatest(0, extract(epoch from (m.called_back_at - m.received_at)) / 60) else 0 end
      from missed_calls m
      where ${inRange(sql`m.received_at`)}
      on conflict (source, source_id) do nothing`,
    // Renewals decided in the range: won or lost.
    sql`insert into kpi_facts (source, source_id, day, engineer_id, customer_id, model_id, renewals_won, renewals_lost)
      select 'renewal', n.id, ${dayOf(sql`n.decided_at`, tz)}, n.owner_id, n.customer_id, d.model_id, (n.stage = 'won')::int, (n.stage = 'lost')::int
      from renewals n
      left join devices d on d.id = n.device_id
      where n.stage in ('won', 'lost') and n.decided_at is not null and ${inRange(sql`n.decided_at`)}
      on conflict (source, source_id) do nothing`,
  ];
}

const COLUMNS = KPI_COUNTERS.map(snake);
const SUMS = sql.raw(COLUMNS.join(', '));
const SUM_EXPRS = sql.raw(COLUMNS.map((c) => `sum(${c})`).join(', '));

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the company time zone. */
export function todayIn(tz: string, now = new Date()): string {
  return dateIn(now, tz);
}

/**
 * Rebuilds the facts and daily sums of [from, to] and the monthly sums of the months they touch
 * (R-RP-1). Idempotent: the range is deleted and recomputed in one transaction, under a lock only
 * rollups take.
 */
export async function rollupKpis(db: Db, range: { from: string; to: string }, tz: string): Promise<{ facts: number; days: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
    await tx.execute(sql`delete from kpi_facts where day between ${range.from}::date and ${range.to}::date`);
    for (const q of factInserts(range.from, range.to, tz)) await tx.execute(q);
    await rebuildDaily(tx, range);
    await rebuildMonthly(tx, range);
    const facts = await tx.execute<{ n: number }>(sql`select count(*)::int n from kpi_facts where day between ${range.from}::date and ${range.to}::date`);
    const days = await tx.execute<{ n: number }>(
      sql`select count(distinct day)::int n from kpi_daily where day between ${range.from}::date and ${range.to}::date`,
    );
    return { facts: Number(facts.rows[0]?.n ?? 0), days: Number(days.rows[0]?.n ?? 0) };
  });
}

// Both rebuilds insert in key order: a range read then touches few pages (inserted in hash order,
// a month's edge days were spread over nearly every page of kpi_daily at 1M work orders).
async function rebuildDaily(tx: Executor, range: { from: string; to: string }) {
  await tx.execute(sql`delete from kpi_daily where day between ${range.from}::date and ${range.to}::date`);
  await tx.execute(sql`insert into kpi_daily (day, engineer_key, customer_key, model_key, ${SUMS})
    select day, coalesce(engineer_id, ${NO_KEY}::uuid), coalesce(customer_id, ${NO_KEY}::uuid), coalesce(model_id, ${NO_KEY}::uuid), ${SUM_EXPRS}
    from kpi_facts where day between ${range.from}::date and ${range.to}::date
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`);
}

const DIM_COLUMNS = { engineer: 'engineer_key', customer: 'customer_key', model: 'model_key' } as const;
const MONTHLY = Object.entries(KPI_MONTHLY_GROUPS) as [KpiMonthlyGroup, readonly (keyof typeof DIM_COLUMNS)[]][];
/** grouping(engineer_key, customer_key, model_key) is a bit mask of the columns a set leaves out. */
const GRP_OF_MASK = sql.raw(
  `case grouping(engineer_key, customer_key, model_key) ${MONTHLY.map(([grp, dims]) => {
    const mask = (dims.includes('engineer') ? 0 : 4) + (dims.includes('customer') ? 0 : 2) + (dims.includes('model') ? 0 : 1);
    return `when ${mask} then '${grp}'`;
  }).join(' ')} end`,
);
const MONTHLY_SETS = sql.raw(MONTHLY.map(([, dims]) => `(${['month', ...dims.map((d) => DIM_COLUMNS[d])].join(', ')})`).join(', '));

/**
 * Re-sums kpi_monthly for every month [from, to] touches, whole months from kpi_daily (the days of
 * those months outside the range are already rolled up), one GROUPING SETS pass for all the sets.
 */
async function rebuildMonthly(tx: Executor, range: { from: string; to: string }) {
  const first = sql`date_trunc('month', ${range.from}::date)::date`;
  const last = sql`date_trunc('month', ${range.to}::date)::date`;
  await tx.execute(sql`delete from kpi_monthly where month between ${first} and ${last}`);
  await tx.execute(sql`insert into kpi_monthly (grp, month, engineer_key, customer_key, model_key, ${SUMS})
    select ${GRP_OF_MASK}, month, coalesce(engineer_key, ${NO_KEY}::uuid), coalesce(customer_key, ${NO_KEY}::uuid), coalesce(model_key, ${NO_KEY}::uuid), ${SUM_EXPRS}
    from (select date_trunc('month', day)::date as month, * from kpi_daily
          where day >= ${first} and day < (${last} + interval '1 month')::date) d
    group by grouping sets (${MONTHLY_SETS})
    order by 1, 2, 3, 4, 5`);
}

/** The job's run: the last `days` days up to today (repeat repairs look 90 days back, so 100 by default). */
export function rollupRecent(db: Db, tz: string, days: number, now = new Date()) {
  const to = todayIn(tz, now);
  return rollupKpis(db, { from: addDays(to, -(days - 1)), to }, tz);
}
