// After-service rows for the generated work orders (issue 4's care sweep, as it would stand
// after five years of running): every reviewed/closed work order has its satisfaction survey
// and its follow-up plan (older plans finished, so inactive), the recent ones carry their
// follow-ups (done or pending, scheduled by the product's cadence engine), every accepted
// device has its standing warranty / post-warranty cadence, and pending follow-ups whose
// window has opened were announced. Without these the first care sweep on the generated
// database would try to plan a million work orders, 500 a minute, each with an audit entry.
import { DateTime } from 'luxon';
import { DEFAULT_RULES, type DoneFollowUp, nextFollowUps, type ServiceType } from '../../server/modules/followups/followups.rules.ts';
import { ms, type Plan } from './generate.ts';
import { benchId, idSql, lit, pick, rnd, type Session } from './sql.ts';
import { GIVEN, SURNAMES } from './vocab.ts';

/** Repair plans completed this recently are still running and get their follow-ups. */
const ACTIVE_DAYS = 100;
const BATCH = 5000;
const RECORDS_OK = ['设备运行正常，客户满意', '设备使用正常，出片质量良好', '客户反馈设备稳定，无新问题', '电话回访，科室使用正常'];
const RECORDS_PHONE = ['客户反映偶有报警，电话指导后解决', '指导科室重新校准后恢复正常'];
const COMMENTS = ['工程师响应及时，服务专业', '维修很快，谢谢', '希望配件能更快到货', '服务态度好', '等待时间有点长'];

/**
 * Surveys and follow-up plans of the reviewed/closed work orders of the current chunk
 * (temp table sl_chunk of generate.ts), as SQL statements run inside the chunk loop.
 */
export function careChunkSql(p: Plan, ctx: { dispatcherId: string }) {
  const R = (salt: number) => rnd(p.seed, salt, 'c.n');
  const NOW = `${lit(p.now.toISOString())}::timestamptz`;
  // The sweep opens the survey and the plan in the minute after the review.
  const opened = `least(${NOW}, coalesce(c.reviewed_at, c.closed_at) + interval '1 minute')`;
  const rating = (salt: number) => `(case when ${R(salt)} < 0.55 then 4 when ${R(salt)} < 0.85 then 3 when ${R(salt)} < 0.95 then 2 else 1 end)`;
  const answered = `(${R(200)} < 0.35 and ${opened} < ${NOW} - interval '3 days')`;
  const surveys = `
    insert into surveys (id, created_at, updated_at, work_order_id, customer_id, device_id, nonce_hash, expires_at, answered_at, channel,
      attitude, skill, timeliness, promise, comments, respondent_name)
    select ${idSql("'sv' || c.n")}, ${opened}, ${opened}, c.wo_id, c.customer_id, c.device_id, md5('lh-nonce-' || ${p.seed} || '-' || c.n),
      ${opened} + interval '14 days',
      case when ${answered} then least(${NOW}, ${opened} + ${R(201)} * interval '7 days') end,
      case when ${answered} then (case when ${R(202)} < 0.6 then 'link' when ${R(202)} < 0.9 then 'phone' else 'portal' end)::survey_channel end,
      case when ${answered} then ${rating(203)} end, case when ${answered} then ${rating(204)} end,
      case when ${answered} then ${rating(205)} end, case when ${answered} then ${rating(206)} end,
      case when ${answered} and ${R(207)} < 0.3 then ${pick(COMMENTS, R(208))} end,
      case when ${answered} then ${pick(SURNAMES, R(209))} || ${pick(GIVEN, R(210))} end
    from sl_chunk c where c.st in ('reviewed', 'closed') order by c.n`;
  const completed = `coalesce(c.resolved_at, c.closed_at, c.reviewed_at, c.updated_at)`;
  const plans = `
    insert into followup_plans (id, created_at, updated_at, device_id, customer_id, work_order_id, service_type, completed_at, rule_version_no, rules,
      owner_id, active)
    select ${idSql("'fp' || c.n")}, ${opened}, ${opened}, c.device_id, c.customer_id, c.wo_id, 'repair', ${completed}, 0,
      ${lit(JSON.stringify(DEFAULT_RULES.repair))}::jsonb, ${lit(ctx.dispatcherId)}::uuid, ${completed} >= ${NOW} - interval '${ACTIVE_DAYS} days'
    from sl_chunk c where c.st in ('reviewed', 'closed') order by c.n`;
  return { surveys, plans };
}

/** Small deterministic PRNG (mulberry32) for the JS-side choices. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FollowUpRow {
  plan_id: string;
  key: string;
  track: string;
  method: string;
  earliest_at: string;
  due_at: string;
  assignee_id: string | null;
  status: string;
  quality: string | null;
  outcome: string | null;
  record: string | null;
  contact_name: string | null;
  done_at: string | null;
  visitor_id: string | null;
  visitor_name: string | null;
  created_at: string;
}

async function bulk(s: Session, rows: unknown[], sql: string) {
  for (let i = 0; i < rows.length; i += BATCH) await s.q(sql, [JSON.stringify(rows.slice(i, i + BATCH))]);
}

const INSERT_FOLLOWUPS = `
  insert into followups (id, created_at, updated_at, plan_id, number, key, track, method, earliest_at, due_at, assignee_id, status, quality, outcome,
    record, contact_name, done_at, visitor_id, visitor_name)
  select ${idSql("'fu' || x.plan_id || x.key")}, x.created_at, coalesce(x.done_at, x.created_at), x.plan_id, x.number, x.key, x.track::followup_track,
    x.method::followup_method, x.earliest_at, x.due_at, x.assignee_id, x.status::followup_status, x.quality::output_quality,
    x.outcome::followup_outcome, x.record, x.contact_name, x.done_at, x.visitor_id, x.visitor_name
  from json_to_recordset($1::json) as x(plan_id uuid, number text, key text, track text, method text, earliest_at timestamptz, due_at timestamptz,
    assignee_id uuid, status text, quality text, outcome text, record text, contact_name text, done_at timestamptz, visitor_id uuid,
    visitor_name text, created_at timestamptz)`;

export async function generateCare(s: Session, p: Plan, ctx: { dispatcherId: string; dispatcherName: string }) {
  let t = Date.now();
  const now = p.now;
  const rand = prng(p.seed * 7919 + 17);
  const rows: (FollowUpRow & { number?: string | null })[] = [];

  // ---- follow-ups of the running repair plans: answered while their window was open, the
  // rest pending; the engine decides what comes next after each answer.
  const plans = await s.q<{ id: string; completed_at: Date; owner_id: string | null; created_at: Date }>(
    `select p.id, p.completed_at, p.owner_id, p.created_at from followup_plans p
     where p.active and p.service_type = 'repair' and not exists (select 1 from followups f where f.plan_id = p.id) order by p.completed_at, p.id`,
  );
  const rules = DEFAULT_RULES.repair;
  for (const plan of plans) {
    const done: DoneFollowUp[] = [];
    const decided = new Set<string>();
    const completedAt = new Date(plan.completed_at);
    let created = new Date(plan.created_at).toISOString();
    for (let round = 0; round < 30; round++) {
      let answered = 0;
      for (const f of nextFollowUps(rules, { completedAt, endsAt: null, since: null, done })) {
        if (decided.has(f.key)) continue;
        decided.add(f.key);
        const span = f.dueAt.getTime() - f.earliestAt.getTime();
        const at = new Date(f.earliestAt.getTime() + (rand() < 0.9 ? rand() * span : span + rand() * 2 * 86_400_000));
        const base = { plan_id: plan.id, key: f.key, track: f.track, method: f.method, earliest_at: f.earliestAt.toISOString(), due_at: f.dueAt.toISOString() };
        if (at.getTime() > now.getTime()) {
          rows.push({ ...base, assignee_id: plan.owner_id, status: 'pending', ...EMPTY, created_at: created });
          continue;
        }
        const quality = f.track === 'main' && rand() < 0.05 ? 'poor' : 'normal';
        const byPhone = rand() < 0.1;
        done.push({ key: f.key, track: f.track, doneAt: at, quality });
        rows.push({
          ...base,
          assignee_id: plan.owner_id,
          status: 'done',
          quality,
          outcome: byPhone ? 'solved_by_phone' : 'no_problem',
          record: byPhone ? RECORDS_PHONE[Math.floor(rand() * RECORDS_PHONE.length)] : RECORDS_OK[Math.floor(rand() * RECORDS_OK.length)],
          contact_name: SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)],
          done_at: at.toISOString(),
          visitor_id: ctx.dispatcherId,
          visitor_name: ctx.dispatcherName,
          created_at: created,
        });
        answered++;
      }
      if (answered === 0) break;
      created = done[done.length - 1].doneAt.toISOString();
    }
  }
  // Answered follow-ups carry their HF number (yearly sequence by the answer's UTC year, like the service).
  const numbered = rows.filter((r) => r.done_at).sort((a, b) => (a.done_at as string).localeCompare(b.done_at as string));
  const hf = new Map<number, number>(
    (await s.q<{ yr: number; v: number }>(`select substr(key, 4)::int as yr, value as v from counters where key ~ '^HF-[0-9]{4}$'`)).map((r) => [r.yr, r.v]),
  );
  for (const r of numbered) {
    const yr = Number((r.done_at as string).slice(0, 4));
    const n = (hf.get(yr) ?? 0) + 1;
    hf.set(yr, n);
    r.number = `HF-${yr}-${String(n).padStart(6, '0')}`;
  }
  await bulk(s, rows, INSERT_FOLLOWUPS);
  for (const [yr, v] of hf)
    await s.q(`insert into counters (key, value) values ($1, $2) on conflict (key) do update set value = greatest(counters.value, excluded.value)`, [
      `HF-${yr}`,
      v,
    ]);
  p.log(`follow-ups: ${rows.length} (${numbered.length} answered) for ${plans.length} running repair plans (${ms(t)})`);

  // ---- standing cadences (planStandingCadences): every accepted device that is not retired.
  t = Date.now();
  const devices = await s.q<{ id: string; customer_id: string; acceptance_date: string; warranty_end: string }>(
    `select d.id, d.customer_id, d.acceptance_date, d.warranty_end from devices d
     where d.acceptance_date is not null and d.warranty_end is not null and d.status <> 'retired'
       and not exists (select 1 from followup_plans p where p.device_id = d.id and p.service_type in ('warranty_period', 'post_warranty'))
     order by d.id`,
  );
  const zone = p.timeZone;
  const today = DateTime.fromJSDate(now, { zone }).toISODate() as string;
  const at9 = (d: string) => DateTime.fromISO(d, { zone }).set({ hour: 9 }).toJSDate();
  const endOf = (d: string) => DateTime.fromISO(d, { zone }).endOf('day').toJSDate();
  const standingPlans: Record<string, unknown>[] = [];
  const standingRows: FollowUpRow[] = [];
  for (const d of devices) {
    const type: ServiceType = d.warranty_end >= today ? 'warranty_period' : 'post_warranty';
    const completedAt = type === 'warranty_period' ? at9(d.acceptance_date) : at9(DateTime.fromISO(d.warranty_end).plus({ days: 1 }).toISODate() as string);
    const endsAt = type === 'warranty_period' ? endOf(d.warranty_end) : null;
    const planId = benchId(`sp${d.id}${type}`);
    standingPlans.push({
      id: planId,
      device_id: d.id,
      customer_id: d.customer_id,
      service_type: type,
      completed_at: completedAt.toISOString(),
      ends_at: endsAt?.toISOString() ?? null,
      since: now.toISOString(),
    });
    for (const f of nextFollowUps(DEFAULT_RULES[type], { completedAt, endsAt, since: now, done: [] })) {
      standingRows.push({
        plan_id: planId,
        key: f.key,
        track: f.track,
        method: f.method,
        earliest_at: f.earliestAt.toISOString(),
        due_at: f.dueAt.toISOString(),
        assignee_id: null,
        status: 'pending',
        ...EMPTY,
        created_at: now.toISOString(),
      });
    }
  }
  await bulk(
    s,
    standingPlans.map((x) => ({ ...x, rules: DEFAULT_RULES[x.service_type as ServiceType] })),
    `insert into followup_plans (id, created_at, updated_at, device_id, customer_id, service_type, completed_at, ends_at, since, rule_version_no, rules)
     select x.id, x.since, x.since, x.device_id, x.customer_id, x.service_type::followup_service_type, x.completed_at, x.ends_at, x.since, 0, x.rules
     from json_to_recordset($1::json) as x(id uuid, device_id uuid, customer_id uuid, service_type text, completed_at timestamptz, ends_at timestamptz,
       since timestamptz, rules jsonb)`,
  );
  await bulk(s, standingRows, INSERT_FOLLOWUPS);
  p.log(`standing cadences: ${standingPlans.length} device plans, ${standingRows.length} follow-ups (${ms(t)})`);

  // ---- the reminder pass (remindDue) has announced every pending follow-up whose window opened;
  // notices of the last week were fanned out (no channel is configured on a fresh install).
  t = Date.now();
  await s.exec(`
    create temp table sl_due as
    select f.id, f.key, f.due_at, f.assignee_id, greatest(f.earliest_at, f.created_at) as at from followups f
    where f.status = 'pending' and f.earliest_at <= ${lit(now.toISOString())}::timestamptz
      and not exists (select 1 from notifications n where n.ref_id = f.id::text and n.kind = 'followup_due');
    insert into notifications (id, user_id, kind, params, ref_entity, ref_id, created_at)
    select ${idSql("'nf' || f.id || u.id")}, u.id, 'followup_due',
      jsonb_build_object('key', f.key, 'dueAt', to_char(f.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), 'followup', f.id::text, f.at
    from sl_due f join users u on u.id = f.assignee_id;
    insert into notifications (id, user_id, kind, params, ref_entity, ref_id, created_at)
    select ${idSql("'nf' || f.id || u.id")}, u.id, 'followup_due',
      jsonb_build_object('key', f.key, 'dueAt', to_char(f.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), 'followup', f.id::text, f.at
    from sl_due f cross join users u where f.assignee_id is null and 'dispatcher' = any(u.roles) and u.active;
    drop table sl_due;
    insert into notification_fanout (notification_id, at)
    select n.id, n.created_at from notifications n
    where n.kind = 'followup_due' and n.created_at > ${lit(now.toISOString())}::timestamptz - interval '7 days'
      and not exists (select 1 from notification_fanout x where x.notification_id = n.id);
  `);
  const [{ n }] = await s.q<{ n: number }>(`select count(*)::int as n from notifications where kind = 'followup_due'`);
  p.log(`follow-up notices: ${n} (${ms(t)})`);

  // The sweep's work queues (migration 0024) were filled by their triggers as the rows went in;
  // the plans, surveys and fan-out marks written above bypassed the sweep, so recompute them.
  t = Date.now();
  await s.q('select care_queues_refill($1::date)', [today]);
  p.log(`care queues recomputed (${ms(t)})`);
}

const EMPTY = {
  quality: null,
  outcome: null,
  record: null,
  contact_name: null,
  done_at: null,
  visitor_id: null,
  visitor_name: null,
};
