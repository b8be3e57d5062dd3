// Timers at scale (issue 6, benchmark 4): SLA clocks and follow-ups are rows swept once a
// minute by indexed queries (server/modules/sla/sla.jobs.ts, followups.jobs.ts), not one timer
// each. This measures, at 10k → 30k → 100k open clocks and as many pending follow-ups:
//   - scheduling: starting the clocks of a new request (startClocks, per clock);
//   - the idle sweep: one SLA sweep and one reminder pass when nothing is due (the per-minute cost);
//   - firing: a sweep that finds 300 clocks past their warning/due instant (per clock fired);
// and shows the plan of the due-clock query. Runs on its own database (dropped and re-created).
//
//   node bench/timers.ts [--database-url URL] [--append]
import { prepareDatabase } from '../server/boot.ts';
import { type Database, openPostgres } from '../server/db/client.ts';
import { sweep } from '../server/jobs/sweeps.ts';
import type { Principal, Role } from '../server/lib/access.ts';
import { planClosedWorkOrders, remindDue } from '../server/modules/followups/followups.service.ts';
import { registerRequest } from '../server/modules/requests/requests.registration.ts';
import { startClocks } from '../server/modules/sla/sla.service.ts';
import { seedCareDemo } from '../server/seed/care.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { captureQueries } from './lib/capture.ts';
import { appendResults, arg, flag, machine, ms, percentile, today } from './lib/common.ts';

const TZ = 'Asia/Shanghai';
const SCALES = [10_000, 30_000, 100_000];

async function freshDatabase(url: string): Promise<Database> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = await openPostgres(Object.assign(new URL(url), { pathname: '/postgres' }).toString(), 1);
  await admin.exec(`drop database if exists ${name} with (force)`);
  await admin.exec(`create database ${name}`);
  await admin.close();
  const database = await openPostgres(url);
  await prepareDatabase(database);
  await seedDemo(database.db);
  await seedCareDemo(database.db, TZ);
  await planClosedWorkOrders(database.db);
  return database;
}

async function principal(database: Database, username: string): Promise<Principal> {
  const r = await database.query<{ id: string; display_name: string; roles: Role[] }>(`select id, display_name, roles from users where username = $1`, [
    username,
  ]);
  const u = r.rows[0];
  return { id: u.id, username, displayName: u.display_name, roles: u.roles, customerId: null, locale: 'zh-CN' };
}

/**
 * Adds open requests with running clocks (3 each) and pending follow-ups by cloning real rows
 * made through the service, so every column and constraint is the app's own. Due instants are
 * spread over the next 1–30 days: nothing fires until the bench moves some into the past.
 */
async function grow(database: Database, templateRequest: string, templateFollowup: string, clocks: number, tag: string) {
  const requests = Math.ceil(clocks / 3);
  await database.exec(`begin;
    create temp table new_req as select gen_random_uuid() as id, g from generate_series(1, ${requests}) g;
    insert into service_requests select (jsonb_populate_record(null::service_requests,
        to_jsonb(t) || jsonb_build_object('id', n.id, 'number', 'TB-${tag}-' || n.g))).*
      from service_requests t, new_req n where t.id = '${templateRequest}';
    insert into sla_clocks select (jsonb_populate_record(null::sla_clocks, to_jsonb(c) || jsonb_build_object(
        'id', gen_random_uuid(), 'request_id', n.id,
        'due_at', now() + make_interval(hours => 24 + (n.g % 700)), 'warn_at', now() + make_interval(hours => 20 + (n.g % 700))))).*
      from sla_clocks c, new_req n where c.request_id = '${templateRequest}';
    insert into followups select (jsonb_populate_record(null::followups, to_jsonb(f) || jsonb_build_object(
        'id', gen_random_uuid(), 'key', 'tb-${tag}-' || g, 'number', null, 'status', 'pending',
        'earliest_at', now() + make_interval(hours => 24 + (g % 700)), 'due_at', now() + make_interval(hours => 48 + (g % 700))))).*
      from followups f, generate_series(1, ${clocks}) g where f.id = '${templateFollowup}';
    drop table new_req;
    commit; analyze sla_clocks; analyze followups; analyze service_requests;`);
}

async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

async function explainFirst(database: Database, statements: { text: string; values: unknown[] }[], match: RegExp) {
  const st = statements.find((s) => match.test(s.text));
  if (!st) return '(statement not found)';
  const r = await database.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers off, costs off, timing off, summary off) ${st.text}`, st.values);
  return r.rows.map((x) => x['QUERY PLAN']).join('\n');
}

export async function runTimers(url: string): Promise<string> {
  const database = await freshDatabase(url);
  const db = database.db;
  const dispatcher = await principal(database, 'dispatcher');
  const device = (await database.query<{ id: string }>(`select id from devices where status = 'in_service' order by serial_number limit 1`)).rows[0].id;
  const body = {
    deviceId: device,
    faultDescription: '计时基准',
    deviceDown: false,
    channel: 'phone' as const,
    reporterName: '基准',
    reporterPhone: '13800000000',
    urgencyReason: null,
    internal: false,
  };
  const template = await registerRequest(db, dispatcher, body, TZ);
  const followup = (await database.query<{ id: string }>(`select id from followups order by due_at limit 1`)).rows[0]?.id;
  if (!followup) throw new Error('the demo has no follow-up to clone');

  const rows: string[] = [];
  const plans: string[] = [];
  let have = 0;
  for (const scale of SCALES) {
    await grow(database, template.requestId, followup, scale - have, String(scale));
    have = scale;
    // Scheduling: clocks for 100 new requests (cloned without clocks), per clock.
    const fresh = await database.query<{ id: string; received_at: Date; urgency: 'normal'; region_class: 'urban'; sla_policy_id: string }>(
      `insert into service_requests select (jsonb_populate_record(null::service_requests, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'number', 'TS-${scale}-' || g, 'received_at', now()))).*
         from service_requests t, generate_series(1, 100) g where t.id = $1 returning id, received_at, urgency, region_class, sla_policy_id`,
      [template.requestId],
    );
    const per: number[] = [];
    for (const r of fresh.rows) {
      const t = await timeIt(() =>
        db.transaction((tx) =>
          startClocks(tx, { id: r.id, receivedAt: new Date(r.received_at), urgency: r.urgency, regionClass: r.region_class, slaPolicyId: r.sla_policy_id }),
        ),
      );
      per.push(t.ms / 3);
    }
    per.sort((a, b) => a - b);
    const now = new Date();
    // Idle sweeps: nothing due. Median of 5.
    const idleSla: number[] = [];
    const idleFu: number[] = [];
    for (let i = 0; i < 5; i++) {
      idleSla.push((await timeIt(() => sweep(db, now))).ms);
      idleFu.push((await timeIt(() => remindDue(db, now))).ms);
    }
    idleSla.sort((a, b) => a - b);
    idleFu.sort((a, b) => a - b);
    // Firing: 300 clocks past their due instant (each gets its warning, then its breach).
    await database.exec(`update sla_clocks set warn_at = now() - interval '2 hours', due_at = now() - interval '1 hour'
      where id in (select id from sla_clocks where stopped_at is null and warned_at is null and breached_at is null and due_at > now() limit 300)`);
    const captured = await captureQueries(() => timeIt(() => sweep(db, new Date())));
    const fire = captured.result;
    const fired = fire.result.warned + fire.result.breached;
    // Follow-up reminders: 300 whose window opened.
    await database.exec(`update followups set earliest_at = now() - interval '1 hour'
      where id in (select id from followups where status = 'pending' and earliest_at > now() limit 300)`);
    const remind = await timeIt(() => remindDue(db, new Date()));
    rows.push(
      `| ${scale.toLocaleString('en')} | ${ms(percentile(per, 50))} | ${ms(idleSla[2])} | ${ms(fire.ms / Math.max(1, fired))} (${fired} events) | ${ms(idleFu[2])} | ${ms(remind.ms / Math.max(1, remind.result))} (${remind.result}) |`,
    );
    if (scale === SCALES[SCALES.length - 1]) {
      const sweepPlan = await explainFirst(database, captured.statements, /from "sla_clocks" where/);
      const remindCap = await captureQueries(() => remindDue(db, new Date()));
      const remindPlan = await explainFirst(database, remindCap.statements, /from "followups"/);
      plans.push('Due-clock query of the sweep (at the largest scale):', '```', sweepPlan, '```', 'Follow-up reminder query:', '```', remindPlan, '```');
    }
    console.error(`timers: ${scale} done`);
  }
  await database.close();
  return [
    `### Timers at scale (bench/timers.ts), ${today()}`,
    '',
    `Machine: ${machine()}. PostgreSQL server, own database. "open clocks" = running SLA clocks (3 per request), and as many pending follow-ups.`,
    '',
    '| open clocks / follow-ups | schedule (per clock, p50) | idle SLA sweep | firing (per event) | idle reminder pass | reminding (per follow-up) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...plans,
  ].join('\n');
}

if (import.meta.main) {
  const md = await runTimers(arg('database-url', 'postgres://postgres@127.0.0.1:5432/medservice_timers') as string);
  console.log(md);
  if (flag('append')) appendResults(md);
}
