// The bulk part of the large data set (scripts/seed-large.ts): hospitals with departments and
// sites, device models, installed devices, contracts, engineers, and years of service requests
// with their work orders — all with set-based SQL (INSERT … SELECT … generate_series), in
// chunks, with deterministic hashes for every random choice. Rows written here get no audit
// entries: nothing is appended to audit_log, so the base seed's hash chain stays valid.
//
// Stable ids other scripts can compute from an integer, id(t) = benchId(t) in sql.ts, i.e. in SQL
// overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid (v4-shaped: z.uuid() accepts it):
//   customers  id('lh-cust-' || n)   n = 1..customers
//   devices    id('dev' || n)        n = 1..devices   (device n is installed on day ~n of the spread)
//   requests   id('sr' || n)         n = 1..work orders, in order of receipt
//   work order id('wo' || n)         same n as its request
//   engineers  id('lh-eng-' || k)    username engNNN
import { hashPassword } from '../../server/lib/passwords.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { careChunkSql } from './care.ts';
import { idSql, lit, pick, rnd, type Session, textArray, weighted } from './sql.ts';
import {
  ACTIONS,
  BUILDINGS,
  CAUSES,
  CITIES,
  CLINIC_TYPES,
  DEPARTMENTS,
  EXTRA_MODELS,
  FAULTS,
  GIVEN,
  GRADES,
  HOSPITAL_QUALIFIERS,
  HOSPITAL_TYPES,
  ROADS,
  SECOND_SITES,
  SURNAMES,
  TEST_RESULTS,
  URGENCY_DOWN,
  URGENCY_UP,
} from './vocab.ts';

export interface Plan {
  devices: number;
  workOrders: number;
  customers: number;
  engineers: number;
  seed: number;
  now: Date;
  timeZone: string;
  /** Work-order events, SLA clocks and follow-ups are written for requests received this recently. */
  recentDays: number;
  chunk: number;
  log: (line: string) => void;
}

export interface Context {
  dispatcherId: string;
  dispatcherName: string;
  policyId: string;
}

const YEAR_DAYS = 365;
/** Devices are installed over six years (the first year before any request of the five-year history). */
const INSTALL_SPAN_DAYS = 6 * YEAR_DAYS - 14;
const REQUEST_SPAN_DAYS = 5 * YEAR_DAYS;

export function sizes(devices: number, workOrders: number) {
  return {
    customers: Math.max(10, Math.min(2000, Math.round(devices / 50))),
    engineers: Math.max(5, Math.min(200, Math.round(devices / 500))),
    devices,
    workOrders,
  };
}

/** Builds the SQL fragments of one plan. */
function exprs(p: Plan) {
  const R = (salt: number, key = 'n') => rnd(p.seed, salt, key);
  const NOW = `${lit(p.now.toISOString())}::timestamptz`;
  const TZ = lit(p.timeZone);
  const TODAY = `((${NOW}) at time zone ${TZ})::date`;
  const START6 = `(${TODAY} - ${INSTALL_SPAN_DAYS + 14})`;
  const START5 = `(${TODAY} - ${REQUEST_SPAN_DAYS - 1})`;
  const person = (a: number, b: number, c: number, key = 'n') =>
    `(${pick(SURNAMES, R(a, key))} || ${pick(GIVEN, R(b, key))} || case when ${R(c, key)} < 0.6 then ${pick(GIVEN, R(c + 1, key))} else '' end)`;
  const mobile = (a: number, b: number, key = 'n') =>
    `('1' || ${pick(['3', '5', '7', '8', '9'], R(a, key))} || lpad(floor(${R(b, key)} * 1000000000)::bigint::text, 9, '0'))`;
  return { R, NOW, TZ, TODAY, START6, START5, person, mobile };
}

export async function generateBase(s: Session, p: Plan) {
  const { R, NOW, TZ, TODAY, START6, person, mobile } = exprs(p);
  const C = p.customers;
  const N = p.devices;
  const tiers = `ARRAY[${CITIES.map((c) => c[2]).join(',')}]::int[]`;
  const cityOf = (ci: string) => `(${textArray(CITIES.map((c) => c[1]))})[${ci}]`;
  const provinceOf = (ci: string) => `(${textArray(CITIES.map((c) => c[0]))})[${ci}]`;

  // ---- customers, departments, sites, contacts
  let t = Date.now();
  await s.exec(`
    create temp table sl_cust as
    select n, ${idSql("'lh-cust-' || n")} as id, ci, kind, ndept, doff, nsite, s2,
      case (${tiers})[ci]
        when 1 then case when rr < 0.85 then 'urban' else 'suburban' end
        when 2 then case when rr < 0.6 then 'urban' when rr < 0.8 then 'suburban' else 'remote' end
        else case when rr < 0.3 then 'suburban' else 'remote' end
      end as region
    from (
      select n, 1 + floor(${R(1)} * ${CITIES.length})::int as ci,
        case when ${R(2)} < 0.9 then 'hospital' else 'clinic' end as kind,
        3 + floor(${R(5)} * 6)::int as ndept, floor(${R(6)} * ${DEPARTMENTS.length})::int as doff,
        1 + (${R(7)} < 0.35)::int + (${R(8)} < 0.1)::int as nsite, ${R(17)} as s2, ${R(9)} as rr
      from generate_series(1, ${C}) n
    ) x;
    alter table sl_cust add primary key (n);
    analyze sl_cust;

    insert into customers (id, code, name, kind, grade, province, city, address, phone, created_at, updated_at)
    select c.id, 'LH' || lpad(c.n::text, 5, '0'),
      case when c.kind = 'hospital' then ${cityOf('c.ci')} || ${pick(HOSPITAL_QUALIFIERS, R(3, 'c.n'))} || ${pick(HOSPITAL_TYPES, R(4, 'c.n'))}
           else ${cityOf('c.ci')} || ${pick(CLINIC_TYPES, R(4, 'c.n'))} end,
      c.kind::customer_kind,
      case when c.kind = 'hospital' then ${pick(GRADES, R(10, 'c.n'))} end,
      ${provinceOf('c.ci')}, ${cityOf('c.ci')},
      ${provinceOf('c.ci')} || ${cityOf('c.ci')} || ${pick(ROADS, R(11, 'c.n'))} || (1 + c.n % 300) || '号',
      '0' || (10 + c.ci) || '-' || lpad(floor(${R(12, 'c.n')} * 100000000)::bigint::text, 8, '0'),
      ${START6}::timestamp at time zone ${TZ}, ${START6}::timestamp at time zone ${TZ}
    from sl_cust c order by c.n;

    insert into departments (id, customer_id, name, created_at, updated_at)
    select ${idSql("'lh-dep-' || c.n || '-' || k")}, c.id, (${textArray(DEPARTMENTS)})[1 + (c.doff + k - 1) % ${DEPARTMENTS.length}],
      ${START6}::timestamp at time zone ${TZ}, ${START6}::timestamp at time zone ${TZ}
    from sl_cust c cross join lateral generate_series(1, c.ndept) k;

    insert into sites (id, customer_id, name, address, region_class, created_at, updated_at)
    select ${idSql("'lh-site-' || c.n || '-' || k")}, c.id,
      case k when 1 then '本部' when 2 then ${pick(SECOND_SITES, 'c.s2')} else '远郊分院' end,
      ${cityOf('c.ci')} || ${pick(ROADS, R(13, 'c.n * 10 + k'))} || (1 + (c.n * 7 + k) % 500) || '号',
      (case k when 1 then c.region when 2 then 'suburban' else 'remote' end)::region_class,
      ${START6}::timestamp at time zone ${TZ}, ${START6}::timestamp at time zone ${TZ}
    from sl_cust c cross join lateral generate_series(1, c.nsite) k;

    insert into contacts (customer_id, department_id, name, title, phone, created_at, updated_at)
    select c.id, ${idSql("'lh-dep-' || c.n || '-1'")}, ${person(14, 15, 16, 'c.n')}, ${pick(['设备科科长', '设备科工程师', '科室主任', '护士长'], R(18, 'c.n'))},
      ${mobile(19, 20, 'c.n')}, ${START6}::timestamp at time zone ${TZ}, ${START6}::timestamp at time zone ${TZ}
    from sl_cust c;
  `);
  p.log(`customers: ${C} hospitals with departments, sites and contacts (${ms(t)})`);

  // ---- device models: the demo's plus ~50 more
  t = Date.now();
  const values = EXTRA_MODELS.map(
    ([code, name, maker, category, cls, crit, months]) =>
      `(${lit(code)}, ${lit(name)}, ${lit(maker)}, ${lit(category)}::device_category, ${lit(cls)}::regulatory_class, ${lit(crit)}::criticality, ${months})`,
  ).join(',\n');
  await s.exec(`
    insert into device_models (code, name, manufacturer, category, regulatory_class, criticality, warranty_months)
    values ${values} on conflict do nothing;
    create temp table sl_model as
    select row_number() over (order by created_at, code)::int as idx, id, code, upper(replace(code, '-', '')) as prefix,
      category::text as category, criticality::text as criticality, warranty_months
    from device_models;
    alter table sl_model add primary key (idx);
    analyze sl_model;
  `);
  const [{ nm }] = await s.q<{ nm: number }>('select count(*)::int as nm from sl_model');

  // ---- devices: installed over six years (device n on day ~n of the spread), skewed to big hospitals
  await s.exec(`
    create temp table sl_dev as
    select x.n, ${idSql("'dev' || x.n")} as id, x.cn, c.id as customer_id,
      ${idSql("'lh-dep-' || x.cn || '-' || (1 + floor(x.r13 * c.ndept)::int)")} as department_id,
      x.ks_raw, c.nsite, m.idx as model_idx, m.id as model_id, m.prefix, m.criticality, m.warranty_months,
      x.install_date, x.r11, x.r12, c.region as cust_region
    from (
      select n, 1 + floor(${C} * power(${R(21)}, 1.7))::int as cn, 1 + floor(${nm} * power(${R(22)}, 1.5))::int as mi,
        ${R(23)} as r13, case when ${R(24)} < 0.7 then 0.0 else ${R(25)} end as ks_raw,
        ${START6} + floor((n - 1)::numeric * ${INSTALL_SPAN_DAYS} / ${N})::int as install_date,
        ${R(26)} as r11, ${R(27)} as r12
      from generate_series(1, ${N}) n
    ) x join sl_cust c on c.n = x.cn join sl_model m on m.idx = x.mi;

    alter table sl_dev add column site_k int, add column acceptance date, add column warranty_end date, add column region text,
      add column retired boolean, add column safety boolean,
      add column contract_id uuid, add column c_kind text, add column c_start date, add column c_end date;
    update sl_dev set
      site_k = 1 + floor(ks_raw * nsite)::int,
      acceptance = case when install_date > ${TODAY} - 30 and r11 < 0.4 then null else least(${TODAY}, install_date + 3 + floor(r12 * 15)::int) end,
      retired = n % 37 = 0 and install_date < ${TODAY} - ${3 * YEAR_DAYS},
      safety = n % 499 = 0 and not (install_date < ${TODAY} - ${3 * YEAR_DAYS} and n % 37 = 0);
    update sl_dev set
      warranty_end = case when acceptance is not null then (acceptance + make_interval(months => warranty_months))::date - 1 end,
      region = case site_k when 1 then cust_region when 2 then 'suburban' else 'remote' end;
    alter table sl_dev add primary key (n);
    analyze sl_dev;

    insert into devices (id, serial_number, udi, model_id, customer_id, department_id, site_id, location, install_date, acceptance_date,
      warranty_end, software_version, status, created_at, updated_at)
    select d.id,
      d.prefix || '-' || extract(year from d.install_date)::int || '-' || lpad(d.n::text, greatest(6, length(d.n::text)), '0'),
      '(01)0694' || lpad(d.model_idx::text, 4, '0') || lpad(d.n::text, 8, '0'),
      d.model_id, d.customer_id, d.department_id, ${idSql("'lh-site-' || d.cn || '-' || d.site_k")},
      ${pick(BUILDINGS, R(28, 'd.n'))} || (1 + floor(${R(29, 'd.n')} * 6)::int) || '楼',
      d.install_date, d.acceptance, d.warranty_end,
      'V' || (1 + floor(${R(30, 'd.n')} * 5)::int) || '.' || floor(${R(31, 'd.n')} * 10)::int || '.' || floor(${R(32, 'd.n')} * 10)::int,
      (case when d.retired then 'retired' when d.safety then 'safety_hold' else 'in_service' end)::device_status,
      (d.install_date::timestamp + interval '10 hours') at time zone ${TZ}, (d.install_date::timestamp + interval '10 hours') at time zone ${TZ}
    from sl_dev d order by d.n;
  `);
  p.log(`devices: ${N} over ${nm} models (${ms(t)})`);

  // ---- contracts: per hospital, each covering a share of its devices (~60 % of all devices)
  t = Date.now();
  await s.exec(`
    create temp table sl_ccount as select cn, greatest(1, ceil(count(*) * 0.6 / 8))::int as k from sl_dev group by cn;
    create temp table sl_contract as
    select k.cn, j, ${idSql("'lh-ct-' || k.cn || '-' || j")} as id, x.kind, x.start_date,
      (x.start_date + make_interval(years => x.years))::date - 1 as end_date
    from sl_ccount k cross join lateral generate_series(1, k.k) j
    cross join lateral (
      select ${weighted(
        [
          ['maintenance', 70],
          ['warranty', 15],
          ['paid', 15],
        ],
        R(40, 'k.cn * 1000 + j'),
      )} as kind,
        ${TODAY} - floor(${R(41, 'k.cn * 1000 + j')} * ${4 * YEAR_DAYS})::int as start_date,
        1 + floor(${R(42, 'k.cn * 1000 + j')} * 3)::int as years
    ) x;

    insert into contracts (id, number, customer_id, kind, start_date, end_date, sla_policy, visits_per_year, price, currency, created_at, updated_at)
    select ct.id, 'LHT-' || lpad(ct.cn::text, 5, '0') || '-' || lpad(ct.j::text, 3, '0'), c.id, ct.kind::contract_kind, ct.start_date, ct.end_date,
      case when ct.kind <> 'paid' then '标准服务' end,
      case when ct.kind = 'paid' then 0 else (array[2, 4, 4, 6, 12])[1 + floor(${R(43, 'ct.cn * 1000 + ct.j')} * 5)::int] end,
      case when ct.kind <> 'paid' then round((10000 + ${R(44, 'ct.cn * 1000 + ct.j')} * 290000)::numeric, 2) end, 'CNY',
      ct.start_date::timestamp at time zone ${TZ}, ct.start_date::timestamp at time zone ${TZ}
    from sl_contract ct join sl_cust c on c.n = ct.cn
    order by ct.cn, ct.j;

    update sl_dev d set contract_id = ct.id, c_kind = ct.kind, c_start = ct.start_date, c_end = ct.end_date
    from sl_ccount k, sl_contract ct
    where k.cn = d.cn and ct.cn = d.cn and ct.j = 1 + floor(${R(45, 'd.n')} * k.k)::int and ${R(46, 'd.n')} < 0.6;

    insert into contract_devices (contract_id, device_id) select contract_id, id from sl_dev where contract_id is not null;
  `);
  p.log(`contracts: ${(await s.q<{ n: number }>('select count(*)::int as n from sl_contract'))[0].n} covering ~60 % of devices (${ms(t)})`);

  // ---- engineers (password = the demo password, hashed once) and a few hospital users
  t = Date.now();
  const hash = await hashPassword(DEMO_PASSWORD);
  const cities = CITIES.map((c) => c[1]);
  const provinces = CITIES.map((c) => c[0]);
  await s.q(
    `insert into users (id, username, display_name, email, phone, roles, password_hash, created_at, updated_at)
     select ${idSql("'lh-eng-' || k")}, 'eng' || lpad(k::text, 3, '0'), ${person(50, 51, 52, 'k')} || '（工程师）',
       'eng' || lpad(k::text, 3, '0') || '@medservice.example', ${mobile(53, 54, 'k')}, ARRAY['engineer'], $1,
       ${START6}::timestamp at time zone ${TZ}, ${START6}::timestamp at time zone ${TZ}
     from generate_series(1, ${p.engineers}) k`,
    [hash],
  );
  await s.exec(`
    insert into engineer_profiles (user_id, model_ids, categories, areas, home_base)
    select ${idSql("'lh-eng-' || k")}, x.models,
      array(select distinct m.category from sl_model m where m.id = any(x.models) order by 1),
      ARRAY[(${textArray(cities)})[x.ci], (${textArray(provinces)})[x.ci]], (${textArray(cities)})[x.ci]
    from generate_series(1, ${p.engineers}) k
    cross join lateral (
      select array(select m.id from sl_model m where ${R(55, 'k * 1000 + m.idx')} < 0.12 or m.idx = 1 + k % ${nm} order by m.idx) as models,
        1 + floor(${R(56, 'k')} * ${CITIES.length})::int as ci
    ) x;
  `);
  await s.q(
    `insert into users (username, display_name, roles, customer_id, password_hash, created_at, updated_at)
     select 'lh' || lpad(c.n::text, 5, '0'), '设备科（' || cu.name || '）', ARRAY['customer_user'], c.id, $1, ${NOW}, ${NOW}
     from sl_cust c join customers cu on cu.id = c.id where c.n <= ${Math.min(20, C)}`,
    [hash],
  );
  p.log(`engineers: ${p.engineers} (password ${DEMO_PASSWORD}), hospital users lh00001…; (${ms(t)})`);
}

/**
 * Requests and work orders, in chunks. Receipt times grow denser towards today (the installed
 * base grows); a request picks a device installed before it; everything received more than a
 * few weeks ago is closed (or cancelled), the recent ones are spread over the open states.
 */
export async function generateService(s: Session, p: Plan, ctx: Context) {
  const { R, NOW, TZ, START5, START6, person, mobile } = exprs(p);
  const N = p.devices;
  const M = p.workOrders;

  let t = Date.now();
  // Numbers the application drew from the yearly sequences go back into counters first (migration 0038).
  await s.exec(`select fold_number_sequences('BX')`);
  const offsets = await s.q<{ yr: number; v: number }>(`select substr(key, 4)::int as yr, value as v from counters where key ~ '^BX-[0-9]{4}$'`);
  const offsetJoin = offsets.length
    ? `left join (values ${offsets.map((o) => `(${o.yr}, ${o.v})`).join(',')}) o(yr, v) on o.yr = y.yr`
    : 'left join (select null::int as yr, 0 as v) o on false';
  // x in [0, 1) over five years with density ∝ the installed base: x + 2.5x² = 3.5u.
  await s.exec(`
    create temp table sl_req as
    with raw as (
      select g, ((${START5} + day_off)::timestamp + tod * interval '1 minute') at time zone ${TZ} as t0
      from (
        select g, least(${REQUEST_SPAN_DAYS - 1}, floor((-1 + sqrt(1 + 35 * ((g - ${R(60, 'g')}) / ${M}))) / 5 * ${REQUEST_SPAN_DAYS})::int) as day_off,
          case when ${R(61, 'g')} < 0.8 then 480 + ${R(62, 'g')} * 600 else ${R(62, 'g')} * 1440 end as tod
        from generate_series(1, ${M}) g
      ) a
    ), timed as (
      select g, case when t0 > ${NOW} - interval '1 minute' then ${NOW} - interval '1 minute' - (t0 - ${NOW}) else t0 end as t from raw
    ), ordered as (
      select row_number() over (order by t, g)::int as n, t from timed
    ), y as (
      select n, t, extract(year from t at time zone ${TZ})::int as yr from ordered
    )
    select y.n, y.t as received_at, y.yr, (y.n - min(y.n) over (partition by y.yr) + 1 + coalesce(o.v, 0))::int as seq,
      1 + floor(${R(63, 'y.n')} * least(${N}, floor(((y.t at time zone ${TZ})::date - ${START6} - 1)::numeric * ${N} / ${INSTALL_SPAN_DAYS})::int + 1))::int as dn0
    from y ${offsetJoin};
    alter table sl_req add primary key (n);
    analyze sl_req;
  `);
  p.log(`request times: ${M} over five years (${ms(t)})`);

  const engineers = await s.q<{ id: string; name: string }>(
    `select id, display_name as name from users where username in ('engineer', 'engineer2') order by username`,
  );
  await s.exec(`
    create temp table sl_eng as
    select k, ${idSql("'lh-eng-' || k")} as id, u.display_name as name from generate_series(1, ${p.engineers}) k join users u on u.id = ${idSql("'lh-eng-' || k")};
    ${engineers.map((e, i) => `insert into sl_eng values (${-i}, ${lit(e.id)}::uuid, ${lit(e.name)});`).join('\n')}
    analyze sl_eng;
  `);

  const RANK = `(case st when 'new' then 0 when 'dispatched' then 1 when 'accepted' then 2 when 'on_the_way' then 3 when 'on_site' then 4
    when 'waiting_parts' then 5 when 'resolved' then 6 when 'signed_off' then 7 when 'reviewed' then 8 when 'closed' then 9 else -1 end)`;
  const openStates = (weights: number[]) =>
    weighted(
      ['new', 'dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'resolved', 'signed_off', 'reviewed']
        .map((st, i) => [st, weights[i]] as const)
        .filter(([, w]) => w > 0),
      'r_st',
    );
  // Minutes from receipt to each step (closed forms of the random draws), scaled down by f for a
  // request too young to have taken that long, so no stamp lies in the future.
  const RF = `(st not in ('on_the_way', 'on_site', 'waiting_parts') and r_rf < 0.1)`;
  const WP = `(st = 'waiting_parts' or (st in ('resolved', 'signed_off', 'reviewed', 'closed') and r_wp < 0.15 and r_rf >= 0.1))`;
  const O: Record<string, string> = {};
  O.disp = `(case when urg = 'emergency' then 3 + r1 * 12 else 3 + r1 * r1 * 50 end)`;
  O.acc = `(${O.disp} + 2 + r2 * 30)`;
  O.way = `(${O.acc} + 5 + r3 * 115)`;
  O.arr = `(${O.way} + case region when 'urban' then 30 + r4 * 120 when 'suburban' then 60 + r4 * 240 else 240 + r4 * 1200 end)`;
  O.wp = `(${O.arr} + 30 + r5 * 300)`;
  O.res = `(case when ${RF} then ${O.acc} + 10 + r5 * 110 else ${O.arr} + 30 + r6 * 450 + case when ${WP} then 1440 + r7 * 8640 else 0 end end)`;
  O.sig = `(${O.res} + r8 * 30)`;
  O.rev = `(${O.sig} + 60 + r9 * 4320)`;
  O.clo = `(${O.rev} + r1 * 1440)`;
  O.can = `(30 + r2 * 2000)`;
  const F = `(case when h.last_o > 0 then least(1.0, h.age * 0.97 / h.last_o) else 1.0 end)`;
  const stamp = (o: string) => `h.received_at + (${o}) * ${F} * interval '1 minute'`;

  for (let lo = 1; lo <= M; lo += p.chunk) {
    const hi = Math.min(M, lo + p.chunk - 1);
    t = Date.now();
    const timings: string[] = [];
    const step = async (name: string, text: string) => {
      const t1 = Date.now();
      await s.exec(text);
      timings.push(`${name} ${ms(t1)}`);
    };
    await step(
      'plan',
      `
      create temp table sl_chunk as
      with a as (
        select q.n, q.received_at, q.yr, q.seq, q.dn0, extract(epoch from (${NOW} - q.received_at)) / 60.0 as age, ${R(70, 'q.n')} as r_open
        from sl_req q where q.n between ${lo} and ${hi}
      ), b as materialized (
        select a.*, r_open < case when age < 1440 then 0.9 when age < 4320 then 0.6 when age < 10080 then 0.2 when age < 40320 then 0.03 else 0 end as unfinished
        from a
      ), d as materialized (
        select b.*, dv.n as dn, dv.id as device_id, dv.customer_id, dv.department_id, ${idSql("'lh-site-' || dv.cn || '-' || dv.site_k")} as site_id,
          dv.region, dv.criticality, dv.acceptance, dv.warranty_end, dv.safety, dv.contract_id as dev_contract, dv.c_kind, dv.c_start, dv.c_end,
          (b.received_at at time zone ${TZ})::date as day,
          ${R(71, 'b.n')} as r_st, ${R(72, 'b.n')} as r_urg, ${R(73, 'b.n')} as r_down, ${R(74, 'b.n')} as r_rf, ${R(75, 'b.n')} as r_wp,
          ${R(76, 'b.n')} as r1, ${R(77, 'b.n')} as r2, ${R(78, 'b.n')} as r3, ${R(79, 'b.n')} as r4, ${R(80, 'b.n')} as r5,
          ${R(81, 'b.n')} as r6, ${R(82, 'b.n')} as r7, ${R(83, 'b.n')} as r8, ${R(84, 'b.n')} as r9, ${R(85, 'b.n')} as r_lead
        from b join sl_dev d0 on d0.n = b.dn0
        join sl_dev dv on dv.n = case when b.unfinished and d0.retired then b.dn0 - 1 else b.dn0 end
      ), e as materialized (
        select d.*,
          case when not unfinished then case when r_st < 0.025 then 'cancelled' else 'closed' end
               when age < 240 then ${openStates([35, 30, 15, 15, 5, 0, 0, 0, 0])}
               when age < 2880 then ${openStates([5, 10, 10, 5, 25, 10, 20, 10, 5])}
               else ${openStates([1, 3, 2, 1, 15, 35, 20, 15, 8])} end as st,
          ${weighted(
            [
              ['emergency', 5],
              ['urgent', 20],
              ['normal', 65],
              ['low', 10],
            ],
            'r_urg',
          )} as urg
        from d
      ), h as materialized (
        select e.*, ${RANK} as rank,
          urg = 'emergency' or (urg = 'urgent' and r_down < 0.8) or (urg = 'normal' and r_down < 0.1) as down,
          ${RF} as rf, ${WP} as wp,
          ${O.disp} as o_disp, ${O.acc} as o_acc, ${O.way} as o_way, ${O.arr} as o_arr, ${O.wp} as o_wp, ${O.res} as o_res,
          ${O.sig} as o_sig, ${O.rev} as o_rev, ${O.clo} as o_clo, ${O.can} as o_can,
          case st when 'new' then 0 when 'dispatched' then ${O.disp} when 'accepted' then ${O.acc} when 'on_the_way' then ${O.way}
            when 'on_site' then ${O.arr} when 'waiting_parts' then ${O.wp} when 'resolved' then ${O.res} when 'signed_off' then ${O.sig}
            when 'reviewed' then ${O.rev} when 'closed' then ${O.clo} else ${O.can} end as last_o,
          acceptance is not null and acceptance <= day and day <= warranty_end as fw,
          dev_contract is not null and day <= c_end and day >= case when c_kind = 'warranty' then greatest(c_start, acceptance) else c_start end as cov
        from e
      )
      select h.n, h.received_at, h.yr, h.seq, h.unfinished, h.st, h.rank, h.urg,
        case when h.down and h.criticality in ('life_support', 'critical_diagnostic') then 'emergency' when h.down then 'urgent' else 'normal' end as proposed,
        h.down, h.device_id, h.customer_id, h.department_id,
        h.site_id, h.region, h.safety, h.acceptance, h.day,
        ${idSql("'sr' || h.n")} as sr_id, ${idSql("'wo' || h.n")} as wo_id,
        case when h.fw then 'warranty' when h.cov then (case h.c_kind when 'warranty' then 'warranty' when 'maintenance' then 'contract' else 'paid' end) else 'paid' end as category,
        case when not h.fw and h.cov then h.dev_contract end as contract_id,
        case when h.rank >= 1 then ${stamp('o_disp')} end as dispatched_at,
        case when h.rank >= 2 then ${stamp('o_acc')} end as accepted_at,
        case when h.rank >= 3 and not h.rf then ${stamp('o_way')} end as on_the_way_at,
        case when h.rank >= 4 and not h.rf then ${stamp('o_arr')} end as arrived_at,
        case when h.wp and h.rank >= 5 then ${stamp('o_wp')} end as wp_at,
        case when h.rank >= 6 then ${stamp('o_res')} end as resolved_at,
        case when h.rank >= 7 then ${stamp('o_sig')} end as signed_at,
        case when h.rank >= 8 then ${stamp('o_rev')} end as reviewed_at,
        case when h.rank >= 9 then ${stamp('o_clo')} end as closed_at,
        case when h.st = 'cancelled' then ${stamp('o_can')} end as cancelled_at,
        ${stamp('h.last_o')} as updated_at,
        case when h.rank >= 1 then (case when h.r_lead < 0.01 then 0 when h.r_lead < 0.02 then -1 else 1 + floor((h.r_lead - 0.02) / 0.98 * ${p.engineers})::int end) end as lead_k,
        h.r1, h.r2, h.r3, h.r4, h.r5, h.r6, h.r7, h.r8, h.r9
      from h;
      alter table sl_chunk add column lead_id uuid, add column lead_name text;
      update sl_chunk c set lead_id = e.id, lead_name = e.name from sl_eng e where e.k = c.lead_k;
      analyze sl_chunk;`,
    );
    await step(
      'requests',
      `
      insert into service_requests (id, version, created_at, updated_at, number, device_id, customer_id, department_id, site_id, region_class,
        fault_description, device_down, channel, reporter_name, reporter_phone, received_at, urgency, proposed_urgency, urgency_reason,
        category, contract_id, sla_policy_id, owner_id, status, priority_dispatch, flags)
      select c.sr_id, 1 + case when c.st = 'cancelled' then 1 else least(c.rank, 4) end, c.received_at, c.updated_at, 'BX-' || c.yr || '-' || lpad(c.seq::text, greatest(6, length(c.seq::text)), '0'),
        c.device_id, c.customer_id, c.department_id, c.site_id, c.region::region_class,
        ${pick(FAULTS, 'c.r4')}, c.down, ch.channel::request_channel, ${person(90, 91, 92, 'c.n')}, ${mobile(93, 94, 'c.n')},
        c.received_at, c.urg::urgency, c.proposed::urgency,
        case when c.urg <> c.proposed then case when array_position(array['emergency','urgent','normal','low'], c.urg) < array_position(array['emergency','urgent','normal','low'], c.proposed)
          then ${pick(URGENCY_UP, 'c.r5')} else ${pick(URGENCY_DOWN, 'c.r5')} end end,
        c.category::service_category, c.contract_id, ${lit(ctx.policyId)}::uuid,
        case when ch.channel = 'portal' and c.rank < 1 then null else ${lit(ctx.dispatcherId)}::uuid end,
        (case when c.st = 'new' then 'open' when c.st = 'dispatched' then 'dispatched' when c.rank between 2 and 5 then 'in_progress'
          when c.rank between 6 and 8 then 'resolved' when c.st = 'closed' then 'closed' else 'cancelled' end)::request_status,
        false,
        jsonb_build_object('safetyHold', c.unfinished and c.safety, 'openRequestNumbers', '[]'::jsonb, 'notAccepted', c.acceptance is null or c.acceptance > c.day)
      from sl_chunk c
      cross join lateral (select ${weighted(
        [
          ['phone', 60],
          ['wechat', 15],
          ['portal', 12],
          ['email', 5],
          ['onsite', 8],
        ],
        R(95, 'c.n'),
      )} as channel) ch
      order by c.n;`,
    );
    await step(
      'work orders',
      `
      insert into work_orders (id, version, created_at, updated_at, number, request_id, device_id, customer_id, status, lead_engineer_id,
        dispatched_at, accepted_at, on_the_way_at, arrived_at, resolved_at, signed_at, reviewed_at, closed_at, cancelled_at,
        phenomenon, cause, actions, test_results, labour_minutes, travel_minutes, travel_km)
      select c.wo_id, 1 + case when c.st = 'cancelled' then 1 else c.rank end, c.received_at, c.updated_at, 'WO-' || c.yr || '-' || lpad(c.seq::text, greatest(6, length(c.seq::text)), '0'),
        c.sr_id, c.device_id, c.customer_id, c.st::work_order_status, c.lead_id,
        c.dispatched_at, c.accepted_at, c.on_the_way_at, c.arrived_at, c.resolved_at, c.signed_at, c.reviewed_at, c.closed_at, c.cancelled_at,
        case when c.rank >= 4 then ${pick(FAULTS, 'c.r4')} end,
        case when c.rank >= 6 then ${pick(CAUSES, 'c.r6')} end,
        case when c.rank >= 6 then ${pick(ACTIONS, 'c.r7')} end,
        case when c.rank >= 6 then ${pick(TEST_RESULTS, 'c.r8')} end,
        case when c.rank >= 6 then 30 + floor(c.r9 * 240)::int else 0 end,
        case when c.arrived_at is not null then greatest(0, extract(epoch from (c.arrived_at - c.on_the_way_at)) / 60)::int else 0 end,
        case when c.arrived_at is not null then round((case c.region when 'urban' then 3 + c.r5 * 27 when 'suburban' then 20 + c.r5 * 60 else 80 + c.r5 * 320 end)::numeric, 1) end
      from sl_chunk c order by c.n;`,
    );
    await step(
      'events',
      `
      insert into work_order_events (work_order_id, from_status, to_status, at, actor_id, actor_name, reason, data)
      select c.wo_id, v.f::work_order_status, v.t::work_order_status, v.at, v.actor_id, v.actor_name, v.reason, v.data
      from sl_chunk c cross join lateral (values
        ('new', 'dispatched', c.dispatched_at, ${lit(ctx.dispatcherId)}::uuid, ${lit(ctx.dispatcherName)}, null::text,
          jsonb_build_object('lead', c.lead_id, 'helpers', '[]'::jsonb, 'reassign', false)),
        ('dispatched', 'accepted', c.accepted_at, c.lead_id, c.lead_name, null, null),
        ('accepted', 'on_the_way', c.on_the_way_at, c.lead_id, c.lead_name, null, null),
        (case when c.on_the_way_at is null then 'accepted' else 'on_the_way' end, 'on_site', c.arrived_at, c.lead_id, c.lead_name, null, null),
        ('on_site', 'waiting_parts', c.wp_at, c.lead_id, c.lead_name, '等待配件到货', null),
        (case when c.wp_at is not null then 'waiting_parts' when c.arrived_at is not null then 'on_site' else 'accepted' end, 'resolved', c.resolved_at,
          c.lead_id, c.lead_name, null, null),
        ('resolved', 'signed_off', c.signed_at, null, ${person(96, 97, 98, 'c.n')}, null, null),
        ('signed_off', 'reviewed', c.reviewed_at, ${lit(ctx.dispatcherId)}::uuid, ${lit(ctx.dispatcherName)}, null, null),
        ('reviewed', 'closed', c.closed_at, ${lit(ctx.dispatcherId)}::uuid, ${lit(ctx.dispatcherName)}, null, null),
        ('new', 'cancelled', c.cancelled_at, ${lit(ctx.dispatcherId)}::uuid, ${lit(ctx.dispatcherName)}, '客户取消报修', null)
      ) v(f, t, at, actor_id, actor_name, reason, data)
      where c.received_at >= ${NOW} - interval '${p.recentDays} days' and v.at is not null
      order by c.n, v.at;`,
    );
    const care = careChunkSql(p, ctx);
    await step('surveys', care.surveys);
    await step('plans', care.plans);
    await s.exec('drop table sl_chunk');
    p.log(`requests + work orders ${lo}…${hi} of ${M} (${ms(t)}: ${timings.join(', ')})`);
  }

  // A unit with an open "down" call is down; the numbering goes on after the generated numbers.
  await s.exec(`
    update devices d set status = 'down', version = d.version + 1
    from (select distinct device_id from service_requests where status in ('open', 'dispatched', 'in_progress') and device_down) x
    where d.id = x.device_id and d.status = 'in_service';
    insert into counters (key, value) select 'BX-' || yr, max(seq) from sl_req group by yr
    on conflict (key) do update set value = greatest(counters.value, excluded.value);
  `);
}

export const ms = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
