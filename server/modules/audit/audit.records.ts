// The audit trail names each record by what people call it — request no., work-order no.,
// device serial, customer name … — instead of its UUID (issue 10 item 13). Resolved for one
// page of entries: one query per entity type on the page (ids batched), never one per row.
// A record deleted since keeps its label from the entry's own before/after where it has one.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT = /^\d{1,18}$/;

/** `select <id>::text as id, <label> as label from … where <id> in (ids)` for one entity type. */
type Resolver = { ids: RegExp; query: (ids: SQL) => SQL };

const byUuid = (query: (ids: SQL) => SQL): Resolver => ({ ids: UUID, query });

// Child records of a work order are shown by the work order's number (and what they are).
const woChild = (table: string, extra: string) =>
  byUuid(
    (ids) =>
      sql`select x.id::text as id, w.number || coalesce(' · ' || ${sql.raw(extra)}, '') as label from ${sql.raw(table)} x join work_orders w on w.id = x.work_order_id where x.id in (${ids})`,
  );

export const RESOLVERS: Record<string, Resolver> = {
  customer: byUuid((ids) => sql`select id::text as id, name as label from customers where id in (${ids})`),
  department: byUuid(
    (ids) =>
      sql`select d.id::text as id, c.name || ' · ' || d.name as label from departments d join customers c on c.id = d.customer_id where d.id in (${ids})`,
  ),
  site: byUuid(
    (ids) => sql`select s.id::text as id, c.name || ' · ' || s.name as label from sites s join customers c on c.id = s.customer_id where s.id in (${ids})`,
  ),
  contact: byUuid(
    (ids) => sql`select x.id::text as id, c.name || ' · ' || x.name as label from contacts x join customers c on c.id = x.customer_id where x.id in (${ids})`,
  ),
  device: byUuid(
    (ids) =>
      sql`select d.id::text as id, m.name || ' ' || d.serial_number as label from devices d join device_models m on m.id = d.model_id where d.id in (${ids})`,
  ),
  device_model: byUuid((ids) => sql`select id::text as id, name as label from device_models where id in (${ids})`),
  contract: byUuid((ids) => sql`select id::text as id, number as label from contracts where id in (${ids})`),
  user: byUuid((ids) => sql`select id::text as id, display_name || '（' || username || '）' as label from users where id in (${ids})`),
  engineer_profile: byUuid(
    (ids) => sql`select p.id::text as id, u.display_name as label from engineer_profiles p join users u on u.id = p.user_id where p.id in (${ids})`,
  ),
  service_request: byUuid((ids) => sql`select id::text as id, number as label from service_requests where id in (${ids})`),
  work_order: byUuid((ids) => sql`select id::text as id, number as label from work_orders where id in (${ids})`),
  work_order_part: woChild('work_order_parts', 'x.name'),
  work_order_payment: woChild('work_order_payments', 'null'),
  work_order_signature: woChild('work_order_signatures', 'x.signer_name'),
  work_order_correction: woChild('work_order_corrections', 'null'),
  repair_card_entry: woChild('repair_card_entries', 'null'),
  goods_receipt: byUuid((ids) => sql`select id::text as id, number as label from goods_receipts where id in (${ids})`),
  goods_register: {
    ids: INT,
    query: (ids) => sql`select g.id::text as id, r.number as label from goods_register g join goods_receipts r on r.id = g.receipt_id where g.id in (${ids})`,
  },
  loan: byUuid((ids) => sql`select l.id::text as id, r.number as label from loans l join service_requests r on r.id = l.request_id where l.id in (${ids})`),
  part: byUuid((ids) => sql`select id::text as id, code || ' ' || name as label from parts where id in (${ids})`),
  supplier: byUuid((ids) => sql`select id::text as id, name as label from suppliers where id in (${ids})`),
  warehouse: byUuid((ids) => sql`select id::text as id, name as label from warehouses where id in (${ids})`),
  stocktake: byUuid((ids) => sql`select id::text as id, number as label from stocktakes where id in (${ids})`),
  purchase_plan: byUuid((ids) => sql`select id::text as id, number as label from purchase_plans where id in (${ids})`),
  purchase_contract: byUuid((ids) => sql`select id::text as id, number as label from purchase_contracts where id in (${ids})`),
  parts_transfer_request: byUuid(
    (ids) =>
      sql`select t.id::text as id, p.code || ' ' || p.name || ' ×' || t.qty as label from parts_transfer_requests t join parts p on p.id = t.part_id where t.id in (${ids})`,
  ),
  followup: byUuid(
    (ids) =>
      sql`select f.id::text as id, coalesce(f.number, d.serial_number || ' · ' || f.key) as label from followups f join followup_plans p on p.id = f.plan_id join devices d on d.id = p.device_id where f.id in (${ids})`,
  ),
  followup_plan: byUuid(
    (ids) => sql`select p.id::text as id, d.serial_number as label from followup_plans p join devices d on d.id = p.device_id where p.id in (${ids})`,
  ),
  followup_rule_set: byUuid((ids) => sql`select id::text as id, 'v' || version_no as label from followup_rule_sets where id in (${ids})`),
  followup_questionnaire: byUuid((ids) => sql`select id::text as id, name as label from followup_questionnaires where id in (${ids})`),
  survey: byUuid((ids) => sql`select s.id::text as id, w.number as label from surveys s join work_orders w on w.id = s.work_order_id where s.id in (${ids})`),
  complaint: byUuid((ids) => sql`select id::text as id, number as label from complaints where id in (${ids})`),
  // Issue 14 §1 (R-REG-1): a hold reads as its unit's serial (missing on main; the glossary test asks for it).
  device_hold: byUuid(
    (ids) =>
      sql`select h.id::text as id, d.serial_number || ' · 停用' as label from device_holds h join devices d on d.id = h.device_id where h.id in (${ids})`,
  ),
  // Issue 14 §6 (R-AU-1): a signature reads as who signed what.
  e_signature: byUuid((ids) => sql`select id::text as id, signer_name || ' · ' || meaning as label from e_signatures where id in (${ids})`),
  // Issue 14 §2 (R-REG-2): adverse events by number; their reports, notices and flags by the event or model.
  adverse_event: byUuid((ids) => sql`select id::text as id, number as label from adverse_events where id in (${ids})`),
  adverse_event_report: byUuid(
    (ids) =>
      sql`select r.id::text as id, a.number || ' · ' || r.report_date as label from adverse_event_reports r join adverse_events a on a.id = r.adverse_event_id where r.id in (${ids})`,
  ),
  // Entries written before migration 0073 (insert-only ledger): the notice kept its id in supplier_notices.
  adverse_event_notice: byUuid(
    (ids) =>
      sql`select n.id::text as id, a.number || ' → ' || n.recipient_name as label from supplier_notices n join adverse_events a on a.id = n.subject_id where n.subject = 'adverse_event' and n.id in (${ids})`,
  ),
  adverse_event_settings: byUuid((ids) => sql`select id::text as id, '不良事件报告时限' as label from adverse_event_settings where id in (${ids})`),
  adverse_event_cluster: byUuid(
    (ids) =>
      sql`select c.id::text as id, m.name || ' · ' || c.fault_label as label from adverse_event_clusters c join device_models m on m.id = c.model_id where c.id in (${ids})`,
  ),
  sla_policy: byUuid((ids) => sql`select id::text as id, name || ' v' || version_no as label from sla_policies where id in (${ids})`),
  // The one settings row reads as its key; robots by name; preferences by whose they are.
  channel_settings: byUuid((ids) => sql`select id::text as id, key as label from channel_settings where id in (${ids})`),
  channel_endpoint: byUuid((ids) => sql`select id::text as id, name as label from channel_endpoints where id in (${ids})`),
  channel_preferences: byUuid((ids) => sql`select id::text as id, display_name as label from users where id in (${ids})`),
  price_list: byUuid((ids) => sql`select id::text as id, 'v' || version_no as label from price_lists where id in (${ids})`),
  // Issue 12: files by name, calls by phone, numbered records by number, people's records by whose.
  attachment: byUuid((ids) => sql`select id::text as id, file_name as label from attachments where id in (${ids})`),
  call: byUuid((ids) => sql`select id::text as id, coalesce(caller_name || ' ', '') || phone as label from calls where id in (${ids})`),
  missed_call: byUuid((ids) => sql`select id::text as id, coalesce(caller_name || ' ', '') || phone as label from missed_calls where id in (${ids})`),
  consultation: byUuid((ids) => sql`select id::text as id, number as label from consultations where id in (${ids})`),
  hotline_settings: byUuid((ids) => sql`select id::text as id, 'v' || version as label from hotline_settings where id in (${ids})`),
  on_call_duty: byUuid(
    (ids) =>
      sql`select r.id::text as id, r.duty_date::text || ' ' || u.display_name as label from on_call_roster r join users u on u.id = r.engineer_id where r.id in (${ids})`,
  ),
  installation: byUuid((ids) => sql`select id::text as id, number as label from installations where id in (${ids})`),
  appraisal: byUuid(
    (ids) =>
      sql`select a.id::text as id, u.display_name || ' ' || a.month as label from appraisals a join users u on u.id = a.engineer_id where a.id in (${ids})`,
  ),
  appraisal_item: byUuid((ids) => sql`select id::text as id, reason as label from appraisal_items where id in (${ids})`),
  // Issue 15 §1 (R-ORG-1): units by code and name, branch daily reports by unit and day.
  unit: byUuid((ids) => sql`select id::text as id, code || ' ' || name as label from units where id in (${ids})`),
  unit_settings: { ids: INT, query: (ids) => sql`select id::text as id, '单元通知抄送设置' as label from unit_settings where id in (${ids})` },
  branch_daily_report: byUuid(
    (ids) =>
      sql`select r.id::text as id, u.name || ' · ' || r.day::text as label from branch_daily_reports r join units u on u.id = r.unit_id where r.id in (${ids})`,
  ),
  invoice: byUuid((ids) => sql`select id::text as id, number as label from invoices where id in (${ids})`),
  invoice_entry: byUuid(
    (ids) =>
      sql`select e.id::text as id, i.number || coalesce(' · ' || e.number, '') as label from invoice_entries e join invoices i on i.id = e.invoice_id where e.id in (${ids})`,
  ),
  cash_handover: byUuid((ids) => sql`select id::text as id, number as label from cash_handovers where id in (${ids})`),
  budget_year: byUuid((ids) => sql`select id::text as id, year::text as label from budget_years where id in (${ids})`),
  budget_line: byUuid(
    (ids) =>
      sql`select id::text as id, year || ' · ' || category || coalesce(' · ' || nullif(department, ''), '') || coalesce(' · ' || nullif(project, ''), '') as label from budget_lines where id in (${ids})`,
  ),
  cost_tag: woChild('cost_tags', "nullif(x.department || ' ' || x.project, ' ')"),
  billing_account: byUuid(
    (ids) => sql`select a.id::text as id, c.name as label from billing_accounts a join customers c on c.id = a.customer_id where a.id in (${ids})`,
  ),
  device_label: byUuid(
    (ids) =>
      sql`select l.id::text as id, d.serial_number || case when l.revoked_at is null then '' else ' (作废)' end as label from device_labels l join devices d on d.id = l.device_id where l.id in (${ids})`,
  ),
  scan_report: byUuid((ids) => sql`select id::text as id, reporter_name || ' ' || reporter_phone as label from scan_reports where id in (${ids})`),
  return_record: byUuid((ids) => sql`select id::text as id, number as label from return_records where id in (${ids})`),
  warranty_exclusion: byUuid(
    (ids) =>
      sql`select x.id::text as id, w.number || ' · 保修除外' as label from warranty_exclusions x join work_orders w on w.id = x.work_order_id where x.id in (${ids})`,
  ),
  quote: byUuid((ids) => sql`select id::text as id, number as label from quotes where id in (${ids})`),
  handbook_entry: byUuid((ids) => sql`select id::text as id, number || ' ' || title as label from handbook_entries where id in (${ids})`),
  handbook_fault_code: byUuid((ids) => sql`select id::text as id, code as label from handbook_fault_codes where id in (${ids})`),
  handbook_digest: { ids: /^\d{4}-\d{2}$/, query: (ids) => sql`select month as id, month as label from handbook_digests where month in (${ids})` },
  model_document: byUuid((ids) => sql`select id::text as id, title || ' ' || doc_version as label from model_documents where id in (${ids})`),
  supplier_notice: byUuid((ids) => sql`select id::text as id, recipient_name || ' · ' || sent_on::text as label from supplier_notices where id in (${ids})`),
  // Issue 15 §2 (R-ESC-1): escalations by work order and tier; notes and measures by work order.
  escalation: byUuid(
    (ids) =>
      sql`select e.id::text as id, w.number || ' → ' || e.to_tier as label from escalations e join work_orders w on w.id = e.work_order_id where e.id in (${ids})`,
  ),
  escalation_settings: byUuid((ids) => sql`select id::text as id, '自动升级时限 · ' || urgency as label from escalation_settings where id in (${ids})`),
  expert_tier: byUuid(
    (ids) =>
      sql`select x.id::text as id, u.display_name || ' · ' || x.tier as label from expert_tiers x join users u on u.id = x.user_id where x.id in (${ids})`,
  ),
  work_order_progress_note: byUuid(
    (ids) =>
      sql`select n.id::text as id, w.number as label from work_order_progress_notes n join work_orders w on w.id = n.work_order_id where n.id in (${ids})`,
  ),
  work_order_degradation: byUuid(
    (ids) => sql`select d.id::text as id, w.number as label from work_order_degradations d join work_orders w on w.id = d.work_order_id where d.id in (${ids})`,
  ),
  installation_signature: byUuid(
    (ids) =>
      sql`select s.id::text as id, i.number || ' · ' || s.party as label from installation_signatures s join installations i on i.id = s.installation_id where s.id in (${ids})`,
  ),
  installation_template: byUuid(
    (ids) =>
      sql`select t.id::text as id, t.kind || ' · ' || coalesce(m.name, t.category) as label from installation_templates t left join device_models m on m.id = t.model_id where t.id in (${ids})`,
  ),
  maintenance_template: byUuid(
    (ids) =>
      sql`select t.id::text as id, t.name || ' · ' || coalesce(m.name, t.category::text) as label from maintenance_templates t left join device_models m on m.id = t.model_id where t.id in (${ids})`,
  ),
  // Issue 13 §1: plans by contract and device, visits by device and planned day.
  maintenance_plan: byUuid(
    (ids) =>
      sql`select p.id::text as id, c.number || ' · ' || d.serial_number || ' · ' || p.year as label from maintenance_plans p join contracts c on c.id = p.contract_id join devices d on d.id = p.device_id where p.id in (${ids})`,
  ),
  maintenance_visit: byUuid(
    (ids) =>
      sql`select v.id::text as id, d.serial_number || ' · ' || v.planned_date::text as label from maintenance_visits v join devices d on d.id = v.device_id where v.id in (${ids})`,
  ),
  maintenance_settings: byUuid((ids) => sql`select id::text as id, 'v' || version as label from maintenance_settings where id in (${ids})`),
  accessory_term: byUuid((ids) => sql`select id::text as id, name as label from accessory_terms where id in (${ids})`),
  // Issue 13 §5: instruments by code and name, their records by the instrument's code.
  // Issue 13 §4: key accounts and visit plans by the customer's name (and the quarter, the month).
  key_account: byUuid(
    (ids) => sql`select k.id::text as id, c.name as label from key_accounts k join customers c on c.id = k.customer_id where k.id in (${ids})`,
  ),
  visit_plan: byUuid(
    (ids) =>
      sql`select p.id::text as id, c.name || ' · ' || p.year || 'Q' || p.quarter as label from visit_plans p join customers c on c.id = p.customer_id where p.id in (${ids})`,
  ),
  visit_plan_line: byUuid(
    (ids) =>
      sql`select l.id::text as id, c.name || ' · ' || l.month as label from visit_plan_lines l join visit_plans p on p.id = l.plan_id join customers c on c.id = p.customer_id where l.id in (${ids})`,
  ),
  instrument: byUuid((ids) => sql`select id::text as id, code || ' ' || name as label from instruments where id in (${ids})`),
  instrument_calibration: byUuid(
    (ids) =>
      sql`select c.id::text as id, i.code || ' · ' || c.calibrated_on::text as label from instrument_calibrations c join instruments i on i.id = c.instrument_id where c.id in (${ids})`,
  ),
  instrument_handover: byUuid(
    (ids) =>
      sql`select h.id::text as id, i.code || ' · ' || to_char(h.created_at, 'YYYY-MM-DD') as label from instrument_handovers h join instruments i on i.id = h.instrument_id where h.id in (${ids})`,
  ),
  // Issue 13 §3: a renewal by its contract's number.
  renewal: byUuid(
    (ids) =>
      sql`select r.id::text as id, coalesce(c.number, d.serial_number) || ' 续约' as label from renewals r left join contracts c on c.id = r.contract_id left join devices d on d.id = r.device_id where r.id in (${ids})`,
  ),
  renewal_notice: byUuid(
    (ids) =>
      sql`select n.id::text as id, coalesce(c.number, d.serial_number) || ' 到期通知 ' || n.sent_on::text as label from renewal_notices n left join contracts c on c.id = n.contract_id left join devices d on d.id = n.device_id where n.id in (${ids})`,
  ),
  // Issue 13 §2 (R-PM-2): a corrected version of a maintenance record by its work order and number.
  maintenance_record_version: byUuid(
    (ids) =>
      sql`select v.id::text as id, w.number || ' 保养记录 v' || v.n::text as label from maintenance_record_versions v join work_orders w on w.id = v.work_order_id where v.id in (${ids})`,
  ),
  renewal_price_line: byUuid(
    (ids) =>
      sql`select l.id::text as id, coalesce(m.name, l.category::text) || ' 年度维保价格 ' || l.effective_from::text as label from renewal_price_lines l left join device_models m on m.id = l.model_id where l.id in (${ids})`,
  ),
  // Issue 14 §3 (R-REG-3).
  campaign: byUuid((ids) => sql`select id::text as id, number || ' ' || title as label from campaigns where id in (${ids})`),
  campaign_notice: byUuid(
    (ids) =>
      sql`select n.id::text as id, c.number || ' · ' || cu.name as label from campaign_notices n join campaigns c on c.id = n.campaign_id join customers cu on cu.id = n.customer_id where n.id in (${ids})`,
  ),
  campaign_unit: byUuid(
    (ids) =>
      sql`select u.id::text as id, c.number || ' · ' || u.serial_number as label from campaign_units u join campaigns c on c.id = u.campaign_id where u.id in (${ids})`,
  ),
  renewal_settings: byUuid((ids) => sql`select id::text as id, '到期通知设置' as label from renewal_settings where id in (${ids})`),
  // Issue 14 §5 (R-REG-6): quality tracking by the model's name, a visit line by the unit and period.
  model_quality_flags: byUuid(
    (ids) =>
      sql`select f.id::text as id, m.name || ' 质量跟踪' as label from model_quality_flags f join device_models m on m.id = f.model_id where f.id in (${ids})`,
  ),
  quality_visit_line: byUuid(
    (ids) =>
      sql`select l.id::text as id, d.serial_number || ' · ' || l.period_start || '–' || l.due_month as label from quality_visit_lines l join devices d on d.id = l.device_id where l.id in (${ids})`,
  ),
  quality_alert: byUuid(
    (ids) =>
      sql`select a.id::text as id, m.name || ' 质量异常 ' || a.month as label from quality_alerts a join device_models m on m.id = a.model_id where a.id in (${ids})`,
  ),
  // A quality alert's notification opens the model (notifications name it `quality_model`).
  quality_model: byUuid((ids) => sql`select id::text as id, name || ' 质量跟踪' as label from device_models where id in (${ids})`),
  training_session: byUuid((ids) => sql`select id::text as id, title as label from training_sessions where id in (${ids})`),
  training_attendee: byUuid(
    (ids) => sql`select id::text as id, coalesce(certificate_number || ' ', '') || name as label from training_attendees where id in (${ids})`,
  ),
  staff_training_plan: byUuid((ids) => sql`select id::text as id, year::text || ' ' || topic as label from staff_training_plans where id in (${ids})`),
  staff_training_record: byUuid(
    (ids) =>
      sql`select r.id::text as id, u.display_name || ' · ' || r.topic as label from staff_training_records r join users u on u.id = r.trainee_id where r.id in (${ids})`,
  ),
  qualification: byUuid(
    (ids) =>
      sql`select q.id::text as id, u.display_name || ' · ' || coalesce(m.name, q.skill) as label from qualifications q join users u on u.id = q.user_id left join device_models m on m.id = q.model_id where q.id in (${ids})`,
  ),
};

export interface Labelled {
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const key = (entity: string, id: string) => `${entity}\u0000${id}`;

/** What an entry's own snapshot calls the record, for records that no longer exist. */
function fromSnapshot(e: Labelled): string | null {
  for (const s of [e.after, e.before]) {
    if (typeof s !== 'object' || s === null) continue;
    const o = s as Record<string, unknown>;
    for (const f of ['number', 'serialNumber', 'displayName', 'name', 'code']) if (typeof o[f] === 'string' && o[f]) return o[f] as string;
  }
  return null;
}

/** The business label of each entry's record (null when it has none), in the entries' order. */
export async function recordLabels(ex: Executor, entries: Labelled[]): Promise<(string | null)[]> {
  const wanted = new Map<string, Set<string>>();
  for (const e of entries) {
    const r = RESOLVERS[e.entity];
    if (!r?.ids.test(e.entityId)) continue;
    const ids = wanted.get(e.entity) ?? new Set<string>();
    wanted.set(e.entity, ids.add(e.entityId));
  }
  const found = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async ([entity, ids]) => {
      const list = sql.join(
        [...ids].map((id) => sql`${id}`),
        sql`, `,
      );
      const res = await ex.execute(RESOLVERS[entity].query(list));
      for (const row of res.rows as { id: string; label: string | null }[]) if (row.label) found.set(key(entity, row.id), row.label);
    }),
  );
  return entries.map((e) => found.get(key(e.entity, e.entityId)) ?? fromSnapshot(e));
}
