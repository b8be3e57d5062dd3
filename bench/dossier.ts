// The device dossier at ten years of history (R-REG-5, issue 14 §5: "generated in under 2 s for a
// device with 10 years of history"). A fresh demo install on PGlite (the server seeds it), then,
// set-based with the server stopped: one unit grown to 600 requests/work orders (one every ~6
// days), 1,200 part lines with lots, 120 follow-ups and 40 complaints, plus 20,000 work orders
// with a part line each on the other units, so the per-unit and per-lot lookups must use their
// indexes. Then the server is started on it and the dossier JSON, PDF and Excel workbook and the
// lot search are timed over HTTP (sequential), and the plans of the per-unit reads are shown.
//
//   node bench/dossier.ts [--history 600] [--others 20000] [--iterations 10] [--append]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../server/db/client.ts';
import { appendResults, arg, flag, login, machine, ms, percentile, startServer, today } from './lib/common.ts';

const ENV = { SECRETS_KEY: 'ab'.repeat(32) };

async function grow(dir: string, history: number, others: number) {
  const database = await openPglite(path.join(dir, 'pgdata'));
  const q = async <T = Record<string, unknown>>(text: string) => {
    const t = performance.now();
    const rows = (await database.query<T & Record<string, unknown>>(text)).rows;
    const took = performance.now() - t;
    if (took > 2000) console.error(`bench/dossier: ${(took / 1000).toFixed(1)} s for ${text.slice(0, 60).replace(/\s+/g, ' ')}…`);
    return rows;
  };
  const t0 = performance.now();
  // The template rows: a closed repair (request + order), a follow-up with its plan, a complaint.
  const [tpl] = await q<{ wid: string; rid: string }>(
    `select w.id as wid, w.request_id as rid from work_orders w where w.status = 'closed' and w.kind = 'repair' order by w.created_at limit 1`,
  );
  const [unit] = await q<{ id: string; customer_id: string; serial_number: string }>(
    `select d.id, d.customer_id, d.serial_number from devices d where d.status = 'in_service' order by d.serial_number limit 1`,
  );
  if (!tpl || !unit) throw new Error('demo data has no closed repair or no unit');
  await q(`create table bench_d as select id, (row_number() over (order by id) - 1)::int as k from devices where id <> '${unit.id}'`);
  await q(`create table bench_g as
    select i, gen_random_uuid() as rid, gen_random_uuid() as wid, now() - ((i % ${history}) * interval '6 days') as at,
      case when i <= ${history} then '${unit.id}'::uuid else (select id from bench_d where k = i % (select count(*)::int from bench_d)) end as device_id
    from generate_series(1, ${history + others}) i`);
  await q(`insert into service_requests select (jsonb_populate_record(null::service_requests, to_jsonb(r) || jsonb_build_object(
      'id', g.rid, 'number', 'BENCH-R-' || lpad(g.i::text, 6, '0'), 'device_id', g.device_id, 'customer_id', d.customer_id,
      'received_at', g.at, 'created_at', g.at, 'updated_at', g.at))).*
    from service_requests r, bench_g g join devices d on d.id = g.device_id where r.id = '${tpl.rid}'`);
  await q(`insert into work_orders select (jsonb_populate_record(null::work_orders, to_jsonb(w) || jsonb_build_object(
      'id', g.wid, 'number', 'BENCH-W-' || lpad(g.i::text, 6, '0'), 'request_id', g.rid, 'device_id', g.device_id, 'customer_id', d.customer_id,
      'created_at', g.at, 'updated_at', g.at, 'dispatched_at', g.at + interval '1 hour', 'resolved_at', g.at + interval '1 day', 'closed_at', g.at + interval '3 days'))).*
    from work_orders w, bench_g g join devices d on d.id = g.device_id where w.id = '${tpl.wid}'`);
  await q(`insert into work_order_parts (work_order_id, part_no, name, quantity, installed_serial, removed_serial, source, source_note, created_at, updated_at)
    select g.wid, 'BJ-' || (g.i % 30), '备件 ' || (g.i % 30), 1, 'LOT-' || (g.i % 400), case when g.i % 3 = 0 then 'OLD-' || g.i end, 'non_stock', 'bench', g.at, g.at
    from bench_g g cross join generate_series(1, case when g.i <= ${history} then 2 else 1 end) k`);
  const [plan] = await q<{ id: string }>(`select id from followup_plans where work_order_id is not null order by created_at limit 1`);
  const [fu] = await q<{ id: string }>(
    `select f.id from followups f join followup_plans p on p.id = f.plan_id where p.work_order_id is not null order by f.created_at limit 1`,
  );
  if (plan && fu) {
    await q(`insert into followup_plans select (jsonb_populate_record(null::followup_plans, to_jsonb(p) || jsonb_build_object(
        'id', '00000000-0000-4000-8000-00000000b001', 'device_id', '${unit.id}', 'customer_id', '${unit.customer_id}', 'work_order_id', (select wid from bench_g where i = 1)))).*
      from followup_plans p where p.id = '${plan.id}'`);
    await q(`insert into followups select (jsonb_populate_record(null::followups, to_jsonb(f) || jsonb_build_object(
        'id', gen_random_uuid(), 'plan_id', '00000000-0000-4000-8000-00000000b001', 'key', 'bench-' || i, 'number', 'BENCH-F-' || lpad(i::text, 5, '0'),
        'earliest_at', now() - (i * interval '30 days'), 'due_at', now() - (i * interval '30 days') + interval '7 days', 'request_id', null))).*
      from followups f, generate_series(1, 120) i where f.id = '${fu.id}'`);
  }
  const [cp] = await q<{ id: string }>(`select id from complaints order by created_at limit 1`);
  if (cp) {
    await q(`insert into complaints select (jsonb_populate_record(null::complaints, to_jsonb(c) || jsonb_build_object(
        'id', gen_random_uuid(), 'number', 'BENCH-C-' || lpad(i::text, 4, '0'), 'device_id', '${unit.id}', 'customer_id', '${unit.customer_id}',
        'work_order_id', null, 'followup_id', null, 'survey_id', null, 'repeat_of_id', null, 'received_at', now() - (i * interval '90 days')))).*
      from complaints c, generate_series(1, 40) i where c.id = '${cp.id}'`);
  }
  await q('drop table bench_g');
  await q('drop table bench_d');
  await q('analyze');
  const counts = (
    await q<{ k: string; n: number }>(`select 'work orders' as k, count(*)::int as n from work_orders where device_id = '${unit.id}'
      union all select 'part lines', count(*)::int from work_order_parts l join work_orders w on w.id = l.work_order_id where w.device_id = '${unit.id}'
      union all select 'follow-ups', count(*)::int from followups f join followup_plans p on p.id = f.plan_id where p.device_id = '${unit.id}'
      union all select 'complaints', count(*)::int from complaints where device_id = '${unit.id}'
      union all select 'work orders (all units)', count(*)::int from work_orders
      union all select 'part lines (all units)', count(*)::int from work_order_parts`)
  ).map((r) => `${r.k} ${r.n.toLocaleString('en')}`);
  // The plans of the reads the dossier and the lot search make on the big tables.
  const plans: string[] = [];
  for (const [label, sql] of [
    ['work orders of the unit', `select * from work_orders where device_id = '${unit.id}' order by created_at desc`],
    ['complaints of the unit', `select * from complaints where device_id = '${unit.id}' order by received_at desc`],
    ['part lines by lot', `select id from work_order_parts where lower(installed_serial) = 'lot-7'`],
    ['part lines by removed serial', `select id from work_order_parts where lower(removed_serial) = 'old-9'`],
  ] as const) {
    const rows = await q<{ 'QUERY PLAN': string }>(`explain ${sql}`);
    const scans = rows.map((r) => r['QUERY PLAN']).filter((l) => /Scan/.test(l));
    plans.push(`| ${label} | ${scans.map((s) => s.trim().replace(/\s+\(cost.*$/, '')).join('; ')} |`);
  }
  await database.close();
  return { unit, counts, plans, growSec: (performance.now() - t0) / 1000 };
}

async function timed(url: string, cookie: string, p: string, n: number) {
  const t: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n + 2; i++) {
    const t0 = performance.now();
    const r = await fetch(`${url}${p}`, { headers: { cookie } });
    const b = await r.arrayBuffer();
    if (!r.ok) throw new Error(`${p}: ${r.status} ${Buffer.from(b).toString().slice(0, 200)}`);
    bytes = b.byteLength;
    if (i >= 2) t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95), max: t.at(-1) ?? 0, bytes };
}

export async function runDossier(opts: { history?: number; others?: number; iterations?: number } = {}): Promise<string> {
  const history = opts.history ?? 600;
  const others = opts.others ?? 20_000;
  const n = opts.iterations ?? 10;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ms-bench-dossier-'));
  try {
    const seed = await startServer({ ...ENV, DATA_DIR: dir, DATABASE_URL: '', SEED_DEMO: 'auto' }, ['--http']);
    await seed.stop();
    const g = await grow(dir, history, others);
    const server = await startServer({ ...ENV, DATA_DIR: dir, DATABASE_URL: '', SEED_DEMO: 'never' }, ['--http']);
    const rows: string[] = [];
    try {
      const { cookie } = await login(server.url, 'quality');
      for (const [label, p] of [
        ['dossier JSON', `/api/v1/devices/${g.unit.id}/dossier`],
        ['dossier PDF', `/api/v1/devices/${g.unit.id}/dossier/pdf`],
        ['dossier Excel', `/api/v1/devices/${g.unit.id}/dossier/xlsx`],
        ['who has lot LOT-7', '/api/v1/traceability/parts?lot=LOT-7'],
        ['who had serial OLD-9 (removed)', '/api/v1/traceability/parts?serial=OLD-9'],
      ] as const) {
        const r = await timed(server.url, cookie, p, n);
        rows.push(`| ${label} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${(r.bytes / 1024).toFixed(0)} KiB |`);
      }
    } finally {
      await server.stop();
    }
    return [
      `### Device dossier at 10 years of history (bench/dossier.ts), ${today()}`,
      '',
      `Machine: ${machine()}. PGlite, demo install grown set-based in ${g.growSec.toFixed(1)} s; unit ${g.unit.serial_number}: ${g.counts.join(', ')}.`,
      '',
      `| request (sequential, ${n} measured, as quality) | p50 | p95 | max | size |`,
      '|---|---|---|---|---|',
      ...rows,
      '',
      '| plan of | scans |',
      '|---|---|',
      ...g.plans,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const md = await runDossier({ history: Number(arg('history', '600')), others: Number(arg('others', '20000')), iterations: Number(arg('iterations', '10')) });
  console.log(md);
  if (flag('append')) appendResults(md);
}
