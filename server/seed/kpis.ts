// KPI demo history (R-RP-1, issue 15 §3): a month of finished repairs behind the demo week so the
// management dashboard's charts say something — 90 closed repair orders over the last 30 days on
// the demo units, 张伟 faster and more often fixed first time than 刘洋, SLA clocks met or
// breached, surveys, parts, and missed calls at office hours; then the rollup of the last 100
// days. Deterministic: every id, time and score follows from the order's index (md5-derived ids),
// so a second run changes nothing (ON CONFLICT DO NOTHING) and the numbers are always the same.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Principal, Role } from '../lib/access.ts';
import { recordAudit } from '../lib/audit.ts';
import { generateMonth } from '../modules/appraisals/index.ts';
import { addDays, rollupKpis, todayIn } from '../modules/kpis/index.ts';

const N = 90;

export async function seedKpisDemo(db: Db, timeZone = 'Asia/Shanghai', now = new Date()) {
  const today = todayIn(timeZone, now);
  // A finished repair of the demo week is the template of every column not set here.
  const tpl = await db.execute<{ id: string }>(sql`select w.id::text id from work_orders w
    where w.kind = 'repair' and w.resolved_at is not null and w.cancelled_at is null order by w.number limit 1`);
  const people = await db.execute<{ username: string; id: string }>(sql`select username, id::text id from users where username in ('engineer', 'engineer2')`);
  const zhang = people.rows.find((p) => p.username === 'engineer')?.id;
  const liu = people.rows.find((p) => p.username === 'engineer2')?.id;
  const tplId = tpl.rows[0]?.id;
  if (!tplId || !zhang || !liu) return;
  const done = await db.execute<{ n: number }>(sql`select count(*)::int n from work_orders where number like 'WO-H%'`);
  if (Number(done.rows[0]?.n) > 0) return;

  // i = 1..N: day = today − (1 + i mod 30); engineer2 takes every third order and is slower.
  const base = sql`(${today}::date - (1 + g.i % 30))`;
  const received = sql`((${base} + time '08:00' + ((g.i * 37) % 480) * interval '1 minute') at time zone ${timeZone})`;
  const lead = sql`(case when g.i % 3 = 0 then ${liu}::uuid else ${zhang}::uuid end)`;
  const restore = sql`(case when g.i % 3 = 0 then 150 + (g.i * 53) % 420 else 60 + (g.i * 29) % 240 end) * interval '1 minute'`;
  const units = sql`(select array_agg(id order by serial_number) from devices where status = 'in_service')`;
  await db.transaction(async (tx) => {
    const run = (q: ReturnType<typeof sql>) => tx.execute(q);
    await run(sql`create temp table kpi_h_rq on commit drop as
      select r.*, g.i kpi_i from service_requests r join work_orders w on w.request_id = r.id, generate_series(1, ${N}) g(i) where w.id = ${tplId}::uuid`);
    await run(sql`update kpi_h_rq h set id = md5('kpi-demo-rq-' || kpi_i)::uuid, number = 'RQ-H' || lpad(kpi_i::text, 4, '0'),
      received_at = x.received, device_id = x.device, customer_id = d.customer_id, department_id = d.department_id
      from (select g.i, ${received} received, (${units})[1 + g.i % greatest(1, cardinality(${units}))] device from generate_series(1, ${N}) g(i)) x
      join devices d on d.id = x.device
      where x.i = h.kpi_i`);
    await run(sql`alter table kpi_h_rq drop column kpi_i`);
    await run(sql`insert into service_requests select * from kpi_h_rq on conflict do nothing`);
    await run(sql`create temp table kpi_h_wo on commit drop as
      select w.*, g.i kpi_i from work_orders w, generate_series(1, ${N}) g(i) where w.id = ${tplId}::uuid`);
    await run(sql`update kpi_h_wo h set id = md5('kpi-demo-wo-' || kpi_i)::uuid, number = 'WO-H' || lpad(kpi_i::text, 4, '0'),
      request_id = r.id, device_id = r.device_id, customer_id = r.customer_id, lead_engineer_id = x.lead, kind = 'repair', status = 'closed',
      created_at = r.received_at, dispatched_at = r.received_at + interval '10 minutes', accepted_at = r.received_at + interval '15 minutes',
      on_the_way_at = r.received_at + interval '20 minutes', arrived_at = r.received_at + x.restore / 3,
      resolved_at = r.received_at + x.restore, signed_at = r.received_at + x.restore + interval '10 minutes',
      reviewed_at = r.received_at + x.restore + interval '2 hours', closed_at = r.received_at + x.restore + interval '3 hours',
      cancelled_at = null, next_due_at = null, next_due_kind = null, at_risk_from = null, origin_work_order_id = null
      from (select g.i, ${lead} lead, ${restore} restore from generate_series(1, ${N}) g(i)) x
      join service_requests r on r.id = md5('kpi-demo-rq-' || x.i)::uuid
      where x.i = h.kpi_i`);
    await run(sql`alter table kpi_h_wo drop column kpi_i`);
    await run(sql`insert into work_orders select * from kpi_h_wo on conflict do nothing`);
    // Everything is audited, the demo history too: each request and order has its 'create' entry
    // (the chaos suite's verifier checks every row of both tables for one).
    const made = await tx.execute<{ rid: string; rno: string; wid: string; wno: string; received: string }>(
      sql`select r.id::text rid, r.number rno, w.id::text wid, w.number wno, r.received_at::text received
        from kpi_h_wo w join service_requests r on r.id = w.request_id order by w.number`,
    );
    const actor = { id: null, name: '演示数据（历史工单）' };
    for (const m of made.rows) {
      await recordAudit(tx, { actor, entity: 'service_request', entityId: m.rid, action: 'create', after: { number: m.rno, receivedAt: m.received } });
      await recordAudit(tx, { actor, entity: 'work_order', entityId: m.wid, action: 'create', after: { number: m.wno, requestId: m.rid } });
    }
    // Steps: every fifth of 张伟's and every second of 刘洋's waited for parts (not a first-time fix).
    await run(sql`insert into work_order_events (work_order_id, from_status, to_status, at, actor_id, actor_name)
      select w.id, null, s.status::work_order_status, w.created_at + s.k * interval '1 minute', w.lead_engineer_id, u.display_name
      from generate_series(1, ${N}) g(i)
      join work_orders w on w.id = md5('kpi-demo-wo-' || g.i)::uuid
      join users u on u.id = w.lead_engineer_id
      cross join lateral unnest(case when (g.i % 3 = 0 and g.i % 2 = 0) or (g.i % 3 <> 0 and g.i % 5 = 0)
        then array['dispatched', 'on_site', 'waiting_parts', 'on_site', 'resolved', 'closed']
        else array['dispatched', 'on_site', 'resolved', 'closed'] end) with ordinality s(status, k)`);
    // SLA clocks: response always met; arrival breached every fourth (刘洋: every second); restore
    // breached when the repair took more than five hours.
    await run(sql`insert into sla_clocks (id, request_id, kind, basis, target_minutes, started_at, due_at, warn_at, stopped_at, outcome)
      select md5('kpi-demo-clock-' || g.i || k.kind)::uuid, w.request_id, k.kind::sla_clock_kind, 'calendar', k.target, w.created_at,
        w.created_at + k.target * interval '1 minute', w.created_at + k.target * interval '1 minute' * 0.8, w.resolved_at,
        (case when k.kind = 'arrive' and (g.i % 4 = 0 or (g.i % 3 = 0 and g.i % 2 = 0)) then 'breached'
              when k.kind = 'restore' and w.resolved_at - w.created_at > interval '5 hours' then 'breached' else 'met' end)::sla_outcome
      from generate_series(1, ${N}) g(i)
      join work_orders w on w.id = md5('kpi-demo-wo-' || g.i)::uuid
      cross join (values ('respond', 30), ('arrive', 240), ('restore', 300)) k(kind, target)
      on conflict do nothing`);
    // Parts on every fourth order.
    await run(sql`insert into work_order_parts (work_order_id, name, quantity, unit_price, source)
      select w.id, '保险丝 / 密封圈', 1 + g.i % 3, 35 + (g.i % 5) * 40, 'non_stock'
      from generate_series(1, ${N}) g(i) join work_orders w on w.id = md5('kpi-demo-wo-' || g.i)::uuid where g.i % 4 = 0`);
    // Surveys on every second order (1..4): 张伟 mostly 3–4, 刘洋 2–3.
    await run(sql`insert into surveys (id, work_order_id, customer_id, device_id, nonce_hash, expires_at, answered_at, channel, attitude, skill, timeliness, promise)
      select md5('kpi-demo-survey-' || g.i)::uuid, w.id, w.customer_id, w.device_id, md5('kpi-demo-nonce-' || g.i), w.closed_at + interval '14 days',
        w.closed_at + interval '1 day', 'phone',
        case when g.i % 3 = 0 then 2 + g.i % 2 else 3 + g.i % 2 end, case when g.i % 3 = 0 then 2 else 4 end,
        case when g.i % 3 = 0 then 2 + (g.i / 3) % 2 else 3 + (g.i / 2) % 2 end, 3
      from generate_series(1, ${N}) g(i) join work_orders w on w.id = md5('kpi-demo-wo-' || g.i)::uuid
      where g.i % 2 = 0 and w.closed_at + interval '1 day' < ${now.toISOString()}::timestamptz
      on conflict do nothing`);
    // Missed calls at office hours over the month, all called back (10–60 min): none left open in the hotline queue.
    const at = sql`(((${today}::date - (1 + (g.i * 3) % 30)) + time '08:30' + ((g.i * 41) % 540) * interval '1 minute') at time zone ${timeZone})`;
    await run(sql`insert into calls (id, direction, started_at, duration_seconds, phone, topic, handled_by_id)
      select md5('kpi-demo-callback-' || g.i)::uuid, 'outbound', ${at} + (10 + (g.i * 7) % 50) * interval '1 minute', 120,
        '1380000' || lpad(g.i::text, 4, '0'), '未接来电回拨', (select id from users where username = 'dispatcher')
      from generate_series(1, 40) g(i)
      on conflict do nothing`);
    await run(sql`insert into missed_calls (id, phone, received_at, callback_due_at, source, called_back_at, callback_call_id)
      select md5('kpi-demo-missed-' || g.i)::uuid, '1380000' || lpad(g.i::text, 4, '0'), ${at}, ${at} + interval '30 minutes', 'manual',
        c.started_at, c.id
      from generate_series(1, 40) g(i) left join calls c on c.id = md5('kpi-demo-callback-' || g.i)::uuid
      on conflict do nothing`);
  });
  await rollupKpis(db, { from: addDays(today, -99), to: today }, timeZone);
  // Last month's appraisals drawn up by the service manager (月度考核, R-AP-1), awaiting his assessment.
  const [m] = (
    await db.execute<{ id: string; username: string; display_name: string; roles: Role[]; locale: string | null }>(
      sql`select id::text id, username, display_name, roles, locale from users where username = 'manager'`,
    )
  ).rows;
  if (m) {
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const manager: Principal = { id: m.id, username: m.username, displayName: m.display_name, roles: m.roles, customerId: null, locale: m.locale ?? 'zh-CN' };
    await generateMonth(db, manager, { month: lastMonth, teamLeadId: m.id, complaintPenalty: 100 }, timeZone);
  }
}
