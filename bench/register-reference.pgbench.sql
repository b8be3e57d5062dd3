-- The smallest transaction that records what a registration records (issue 17 item 1): lock
-- the unit, the request (numbered from the yearly sequence), its work order, three clocks and
-- their start events in one statement, and one audit row — four statements with BEGIN/COMMIT.
-- No calendar arithmetic (fixed targets) and no coverage or duplicate reads: the database's
-- limit for these facts, against which bench/write.ts sets the API (target ≥ 0.2).
-- Variables: ndev (rows of bench_devices), policy (an sla_policies id), year.
\set devn random(1, :ndev)
begin;
with d as (
  select id, customer_id, department_id, site_id from devices where id = (select id from bench_devices where n = :devn) for update
), r as (
  insert into service_requests (number, device_id, customer_id, department_id, site_id, region_class, fault_description, device_down,
    channel, reporter_name, reporter_phone, received_at, urgency, proposed_urgency, category, sla_policy_id, flags)
  select next_number('BX', (:year)::int), d.id, d.customer_id, d.department_id, d.site_id, 'urban', '开机自检失败', false,
    'phone', '王护士', '13800000000', now(), 'normal', 'normal', 'paid', (:policy)::uuid, jsonb_build_object('safetyHold', false, 'notAccepted', false, 'openRequestNumbers', '[]'::jsonb)
  from d returning id, number, device_id, customer_id
), w as (
  insert into work_orders (number, request_id, device_id, customer_id)
  select 'WO' || substr(number, 3), id, device_id, customer_id from r returning id
), c as (
  insert into sla_clocks (request_id, kind, basis, target_minutes, policy_id, started_at, due_at, warn_at)
  select r.id, k.kind::sla_clock_kind, 'working', k.minutes, (:policy)::uuid, now(), now() + k.minutes * interval '1 minute', now() + k.minutes * interval '45 seconds'
  from r, (values ('respond', 60), ('arrive', 240), ('restore', 1440)) k(kind, minutes) returning id, request_id, due_at
), e as (
  insert into sla_events (clock_id, request_id, kind, at, data)
  select c.id, c.request_id, 'started', now(), jsonb_build_object('dueAt', c.due_at) from c
)
select id, number from r \gset req_
select audit_append(jsonb_build_array(jsonb_build_object('at', now(), 'actorId', null, 'actorName', 'bench', 'entity', 'service_request',
  'entityId', (:req_id)::text, 'action', 'create', 'after', jsonb_build_object('number', (:req_number)::text))));
commit;
