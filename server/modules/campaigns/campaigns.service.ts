// Recalls and field actions (召回 / 现场安全通知 / 技术升级, issue 14 §3, R-REG-3, R-UP-1; seed 004
// §5.3; seed 003 在技术指标发生变动时及时通知客户). A draft campaign's selection is previewed, then
// frozen into campaign_units with one notice row per affected customer (set-based INSERT … SELECT).
// Notifying sends each customer's notice exactly once (UPDATE … WHERE sent_at IS NULL), the sweep
// escalates unacknowledged customers past the class deadline once (escalated_at). Units are worked
// through `upgrade` work orders (consent first for upgrades), resolved with an outcome, and the
// campaign closes only when none is open, signed by quality with the password again (R-AU-1).
import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { campaignNotices, campaigns, campaignUnits, customers, deviceModels, devices, users, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, type ErrorCode, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { localDate } from '../contracts/index.ts';
import type { SheetRow } from '../imports/index.ts';
import { type NotificationKind, notify, staffWithRoles } from '../notifications/index.ts';
import { reauthenticate, recordSignature } from '../signatures/index.ts';
import { numberFromSequence } from '../system/index.ts';
import { createWorkOrderOfKind } from '../workorders/index.ts';
import type { CampaignCriteria } from './campaigns.dto.ts';
import {
  type CampaignType,
  closeRefusal,
  DEFAULT_DEADLINE_DAYS,
  matchSerialLines,
  needsConsent,
  noticeDeadline,
  type ResolveRefusal,
  resolveRefusal,
  SERIAL_FILE_MAX_ROWS,
  serialFileLines,
  serialRange,
  type UnitOutcome,
} from './campaigns.rules.ts';

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignUnit = typeof campaignUnits.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const kind = (k: 'campaign_notice' | 'campaign_notice_overdue') => k as unknown as NotificationKind;
const invalid = (code: ErrorCode, field: string, params: Record<string, string | number> = {}, status = 422) =>
  new AppError(status, code, params, [{ field, code: 'invalid' }]);
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
/** A unit's resolution refused by the rule (campaigns.rules.ts resolveRefusal), naming the field. */
const unitRefused = (code: ResolveRefusal, field: string) => new AppError(422, code, {}, [{ field, code: 'invalid' }]);
const DONE_WO = ['resolved', 'signed_off', 'reviewed', 'closed'];

// ---- campaigns ------------------------------------------------------------------------------------

export async function createCampaign(
  db: Db,
  user: Principal,
  input: { type: CampaignType; title: string; reason: string; noticeContent: string; deadlineDays?: number; costFee?: string | null },
): Promise<Campaign> {
  return db.transaction(async (tx) => {
    const year = clockNow().getUTCFullYear();
    return insertAudited(tx, actorOf(user), 'campaign', campaigns, {
      number: numberFromSequence('RC', year) as unknown as string,
      type: input.type,
      title: input.title,
      reason: input.reason,
      noticeContent: input.noticeContent,
      deadlineDays: input.deadlineDays ?? DEFAULT_DEADLINE_DAYS[input.type],
      costFee: input.type === 'technical_upgrade' ? (input.costFee ?? null) : null,
      createdByName: user.displayName,
    });
  });
}

async function lockCampaign(tx: Executor, id: string, version: number): Promise<Campaign> {
  const c = await lockById(tx, campaigns, id);
  if (c.status === 'closed') throw new AppError(409, 'campaign_closed');
  if (c.version !== version) throw versionConflict(c.version);
  return c;
}

export async function updateCampaign(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; title?: string; reason?: string; noticeContent?: string; deadlineDays?: number; costFee?: string | null },
): Promise<Campaign> {
  return db.transaction(async (tx) => {
    const c = await lockCampaign(tx, id, input.version);
    const patch: Partial<typeof campaigns.$inferInsert> = {};
    if (input.title !== undefined) patch.title = input.title;
    if (input.reason !== undefined) patch.reason = input.reason;
    if (input.deadlineDays !== undefined) patch.deadlineDays = input.deadlineDays;
    if (input.costFee !== undefined && c.type === 'technical_upgrade') {
      if (c.frozenAt) throw invalid('campaign_fee_frozen', 'costFee');
      patch.costFee = input.costFee;
    }
    // A changed notice is a new content version (spec-change notices, seed 003); sent notices keep theirs.
    if (input.noticeContent !== undefined && input.noticeContent !== c.noticeContent) {
      patch.noticeContent = input.noticeContent;
      patch.contentVersion = c.contentVersion + 1;
    }
    return updateAudited(tx, actorOf(user), 'campaign', campaigns, c.id, c.version, patch, c);
  });
}

// ---- selection ------------------------------------------------------------------------------------

function criteriaRefusal(c: CampaignCriteria) {
  const any = c.modelId || c.serialFrom || c.serialTo || c.softwareVersions || c.partLot || c.serials;
  if (!any) return invalid('campaign_criteria_empty', 'criteria');
  if ((c.serialFrom === undefined) !== (c.serialTo === undefined))
    return invalid('campaign_serial_range_incomplete', c.serialFrom ? 'criteria.serialTo' : 'criteria.serialFrom');
  if (c.serialFrom && c.serialTo && !serialRange(c.serialFrom, c.serialTo)) return invalid('campaign_serial_range_reversed', 'criteria.serialTo');
  if (c.partNo && !c.partLot) return invalid('campaign_part_no_without_lot', 'criteria.partLot');
  return null;
}

/** The WHERE of the selection over `devices d` (rules: campaigns.rules.ts serialRange / inSerialRange). */
function selectionWhere(c: CampaignCriteria): SQL {
  const parts: SQL[] = [sql`d.status <> 'retired'`];
  if (c.modelId) parts.push(sql`d.model_id = ${c.modelId}`);
  if (c.serialFrom && c.serialTo) {
    const r = serialRange(c.serialFrom, c.serialTo);
    if (r?.kind === 'numeric') {
      parts.push(
        sql`lower(d.serial_number) ~ '[0-9]+$' and regexp_replace(lower(d.serial_number), '[0-9]+$', '') = ${r.prefix} and substring(d.serial_number from '([0-9]+)$')::numeric between ${r.lo.toString()}::numeric and ${r.hi.toString()}::numeric`,
      );
    } else if (r) {
      parts.push(sql`(lower(d.serial_number) collate "C") >= ${r.lo}::text and (lower(d.serial_number) collate "C") <= ${r.hi}::text`);
    }
  }
  if (c.softwareVersions)
    parts.push(
      sql`d.software_version in (${sql.join(
        c.softwareVersions.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  if (c.partLot) {
    // Every device a part of that lot (or that part serial) went into, through the parts ledger or the line's serial.
    parts.push(sql`exists (
      select 1 from work_orders w
      join work_order_parts p on p.work_order_id = w.id
      left join parts_ledger l on l.id = p.ledger_entry_id
      left join parts pt on pt.id = l.part_id
      where w.device_id = d.id and w.status <> 'cancelled'
        and (l.lot = ${c.partLot} or p.installed_serial = ${c.partLot})
        ${c.partNo ? sql`and (pt.code = ${c.partNo} or p.part_no = ${c.partNo})` : sql``})`);
  }
  if (c.serials) parts.push(sql`lower(d.serial_number) in (select lower(value) from jsonb_array_elements_text(${JSON.stringify(c.serials)}::jsonb))`);
  return sql.join(parts, sql` and `);
}

export async function preview(ex: Executor, criteria: CampaignCriteria) {
  const refusal = criteriaRefusal(criteria);
  if (refusal) throw refusal;
  const where = selectionWhere(criteria);
  const by = await ex.execute<{ customer_id: string; customer_name: string; units: number }>(sql`
    select d.customer_id, c.name as customer_name, count(*)::int as units
    from devices d join customers c on c.id = d.customer_id
    where ${where} group by d.customer_id, c.name order by count(*) desc, c.name limit 1000`);
  const sample = await ex.execute<{ device_id: string; serial_number: string; model_name: string; customer_name: string; software_version: string | null }>(sql`
    select d.id as device_id, d.serial_number, m.name as model_name, c.name as customer_name, d.software_version
    from devices d join device_models m on m.id = d.model_id join customers c on c.id = d.customer_id
    where ${where} order by c.name, d.serial_number limit 50`);
  const [tot] = (
    await ex.execute<{ n: number; k: number }>(sql`select count(*)::int as n, count(distinct d.customer_id)::int as k from devices d where ${where}`)
  ).rows;
  return {
    total: tot.n,
    customers: tot.k,
    byCustomer: by.rows.map((r) => ({ customerId: r.customer_id, customerName: r.customer_name, units: r.units })),
    sample: sample.rows.map((r) => ({
      deviceId: r.device_id,
      serialNumber: r.serial_number,
      modelName: r.model_name,
      customerName: r.customer_name,
      softwareVersion: r.software_version,
    })),
  };
}

/**
 * The units of an uploaded file of serials (R-REG-3): the sheet's serial column read with its row
 * numbers, each serial matched to a unit in service (of the chosen model, when there is one), and
 * the preview of the matched ones — the client puts `serials` into the selection's list and
 * freezes as with a pasted list; nothing is stored here. More than 5,000 data rows, or none, is a
 * 422 (a bad or too-big file is refused before, by the reader and the upload limit).
 */
export async function serialsFromFile(ex: Executor, rows: readonly SheetRow[], modelId?: string) {
  const { lines } = serialFileLines(rows);
  if (lines.length === 0) throw new AppError(422, 'campaign_file_empty', {}, [{ field: 'file', code: 'required' }]);
  if (lines.length > SERIAL_FILE_MAX_ROWS)
    throw new AppError(422, 'campaign_file_too_many_rows', { count: lines.length, limit: SERIAL_FILE_MAX_ROWS }, [{ field: 'file', code: 'too_big' }]);
  const keys = [...new Set(lines.map((l) => l.serial.toLowerCase()))];
  const found = await ex
    .select({ serial: devices.serialNumber, modelId: devices.modelId })
    .from(devices)
    .where(
      and(
        sql`lower(${devices.serialNumber}) in (select lower(value) from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`,
        sql`${devices.status} <> 'retired'`,
      ),
    );
  const units = new Map(found.map((u) => [u.serial.toLowerCase(), u]));
  const { serials, unmatched } = matchSerialLines(lines, units, modelId);
  const empty = { total: 0, customers: 0, byCustomer: [], sample: [] };
  return {
    rows: lines.length,
    serials,
    unmatched: unmatched.map((u) => ({ row: u.row, serial: u.serial, reason: u.reason, firstRow: u.firstRow ?? null })),
    preview: serials.length ? await preview(ex, { serials }) : empty,
  };
}

/**
 * Freezes the selection (R-REG-3): the affected units and one notice row per customer, set-based.
 * Later changes to the devices (moved, re-versioned) do not change the campaign's units.
 */
export async function freeze(db: Db, user: Principal, id: string, input: { version: number; criteria: CampaignCriteria }, timeZone: string) {
  const refusal = criteriaRefusal(input.criteria);
  if (refusal) throw refusal;
  return db.transaction(async (tx) => {
    const c = await lockCampaign(tx, id, input.version);
    if (c.frozenAt || c.status !== 'draft') throw new AppError(409, 'campaign_already_frozen');
    const now = clockNow();
    const today = localDate(now, timeZone);
    const consent = needsConsent(c.type) ? 'pending' : null;
    const charged = c.type === 'technical_upgrade' && c.costFee !== null;
    const inserted = await tx.execute<{ n: number }>(sql`
      with sel as (
        select d.id, d.customer_id, d.serial_number, d.software_version,
          (coalesce(d.warranty_end >= ${today}::date, false) or exists (
            select 1 from contract_devices cd join contracts ct on ct.id = cd.contract_id
            where cd.device_id = d.id and ct.kind in ('warranty', 'maintenance') and ct.start_date <= ${today}::date and ct.end_date >= ${today}::date)) as in_warranty
        from devices d where ${selectionWhere(input.criteria)}
      ), ins as (
        insert into campaign_units (campaign_id, device_id, customer_id, serial_number, software_version, in_warranty, fee, consent, created_at, updated_at)
        select ${c.id}::uuid, id, customer_id, serial_number, software_version, in_warranty,
          case when ${charged}::boolean and not in_warranty then ${c.costFee ?? '0'}::numeric else 0 end, ${consent}::text, ${at(now)}, ${at(now)}
        from sel
        returning 1
      ) select count(*)::int as n from ins`);
    const units = inserted.rows[0].n;
    if (units === 0) throw invalid('campaign_selection_empty', 'criteria');
    await tx.execute(sql`
      insert into campaign_notices (campaign_id, customer_id, unit_count, created_at, updated_at)
      select campaign_id, customer_id, count(*)::int, ${at(now)}, ${at(now)} from campaign_units where campaign_id = ${c.id} group by campaign_id, customer_id`);
    return updateAudited(
      tx,
      actorOf(user),
      'campaign',
      campaigns,
      c.id,
      c.version,
      { criteria: input.criteria, frozenAt: now, frozenByName: user.displayName },
      c,
    );
  });
}

// ---- notices ----------------------------------------------------------------------------------------

/** Starts notification: the deadline runs from now; every customer's notice goes out at once. */
export async function startNotifying(db: Db, user: Principal, id: string, version: number) {
  return db.transaction(async (tx) => {
    const c = await lockCampaign(tx, id, version);
    if (!c.frozenAt) throw new AppError(422, 'campaign_not_frozen');
    if (c.status !== 'draft') throw new AppError(409, 'campaign_already_notifying');
    const updated = await updateAudited(tx, actorOf(user), 'campaign', campaigns, c.id, c.version, { status: 'notifying', notifyStartedAt: clockNow() }, c);
    await sendDueNotices(tx, clockNow(), c.id);
    return updated;
  });
}

/**
 * Sends every notice not yet sent of notifying campaigns (or one campaign): exactly once per
 * customer — the row is claimed by `sent_at is null`, so a second run or a racing worker sends
 * nothing. The proof: channel, time, content version, how many portal users received it.
 */
export async function sendDueNotices(ex: Executor, now: Date, campaignId?: string): Promise<number> {
  const claimed = await ex.execute<{ id: string; customer_id: string; campaign_id: string; unit_count: number }>(sql`
    update campaign_notices n set
      sent_at = ${at(now)}, updated_at = ${at(now)}, version = n.version + 1, content_version = c.content_version,
      recipients = (select count(*)::int from users u where u.customer_id = n.customer_id and u.active and 'customer_user' = any(u.roles)),
      channel = case when exists (select 1 from users u where u.customer_id = n.customer_id and u.active and 'customer_user' = any(u.roles)) then 'portal' else 'phone' end
    from campaigns c
    where c.id = n.campaign_id and c.status in ('notifying', 'in_progress') and n.sent_at is null
      ${campaignId ? sql`and c.id = ${campaignId}` : sql``}
    returning n.id, n.customer_id, n.campaign_id, n.unit_count`);
  // One notify per campaign to every portal user of the customers just claimed (set-based: 500
  // customers are one query and one batched insert, not 500 round trips).
  const byCampaign = new Map<string, string[]>();
  for (const n of claimed.rows) byCampaign.set(n.campaign_id, [...(byCampaign.get(n.campaign_id) ?? []), n.customer_id]);
  for (const [id, customerIds] of byCampaign) {
    const [c] = await ex.select().from(campaigns).where(eq(campaigns.id, id));
    const to = await ex
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.customerId, customerIds), eq(users.active, true), sql`'customer_user' = any(${users.roles})`));
    await notify(
      ex,
      to.map((u) => u.id),
      kind('campaign_notice'),
      { number: c.number, title: c.title, deadline: noticeDeadline(c.notifyStartedAt ?? now, c.deadlineDays).toISOString() },
      { entity: 'campaign', id: c.id },
    );
  }
  if (claimed.rows.length > 0) {
    await recordAudit(ex, {
      actor: systemActor,
      entity: 'campaign',
      entityId: campaignId ?? claimed.rows[0].campaign_id,
      action: 'update',
      after: { sent: claimed.rows.map((r) => r.id), at: now.toISOString() },
    });
  }
  return claimed.rows.length;
}

/** Unacknowledged customers past the deadline go to the service managers and quality, once per notice. */
export async function escalateOverdue(ex: Executor, now: Date): Promise<number> {
  const rows = await ex.execute<{ id: string; campaign_id: string; customer_name: string }>(sql`
    update campaign_notices n set escalated_at = ${at(now)}, updated_at = ${at(now)}, version = n.version + 1
    from campaigns c, customers cu
    where c.id = n.campaign_id and cu.id = n.customer_id and c.status in ('notifying', 'in_progress')
      and n.sent_at is not null and n.ack_at is null and n.escalated_at is null
      and c.notify_started_at + make_interval(days => c.deadline_days) < ${at(now)}
    returning n.id, n.campaign_id, cu.name as customer_name`);
  if (rows.rows.length === 0) return 0;
  const staff = await staffWithRoles(ex, ['service_manager', 'quality']);
  const groups = new Map<string, typeof rows.rows>();
  for (const r of rows.rows) groups.set(r.campaign_id, [...(groups.get(r.campaign_id) ?? []), r]);
  for (const [campaignId, list] of groups) {
    const [c] = await ex.select().from(campaigns).where(eq(campaigns.id, campaignId));
    await notify(
      ex,
      staff,
      kind('campaign_notice_overdue'),
      {
        number: c.number,
        title: c.title,
        count: list.length,
        customers: list
          .slice(0, 10)
          .map((r) => r.customer_name)
          .join('、'),
      },
      { entity: 'campaign', id: campaignId },
    );
    await recordAudit(ex, {
      actor: systemActor,
      entity: 'campaign',
      entityId: campaignId,
      action: 'update',
      after: { escalated: list.map((r) => r.id) },
    });
  }
  return rows.rows.length;
}

/** The job: send what is due, then escalate what is overdue; idempotent. */
export async function noticeSweep(db: Db, now = clockNow()) {
  return db.transaction(async (tx) => ({ sent: await sendDueNotices(tx, now), escalated: await escalateOverdue(tx, now) }));
}

/** The customer's acknowledgement: a hospital user's portal click, or staff recording a call. */
export async function acknowledge(db: Db, user: Principal, noticeId: string, input: { version: number; note?: string | null }) {
  return db.transaction(async (tx) => {
    const n = await lockById(tx, campaignNotices, noticeId);
    const scope = customerScope(user);
    if (scope !== null && n.customerId !== scope) throw notFound();
    if (!n.sentAt) throw new AppError(409, 'campaign_notice_not_sent');
    if (n.ackAt) throw new AppError(409, 'campaign_notice_acked', { at: n.ackAt.toISOString(), who: n.ackByName ?? '' });
    if (n.version !== input.version) throw versionConflict(n.version);
    const phone = scope === null;
    if (phone && !input.note) throw new AppError(422, 'campaign_ack_note_required', {}, [{ field: 'note', code: 'required' }]);
    const updated = await updateAudited(
      tx,
      actorOf(user),
      'campaign_notice',
      campaignNotices,
      n.id,
      n.version,
      { ackAt: clockNow(), ackByName: user.displayName, ackChannel: phone ? 'phone' : 'portal', ackNote: input.note ?? null },
      n,
    );
    // Every customer acknowledged: the campaign moves on to the work on the units.
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(campaignNotices)
      .where(and(eq(campaignNotices.campaignId, n.campaignId), isNull(campaignNotices.ackAt)));
    if (left.n === 0) {
      const c = await lockById(tx, campaigns, n.campaignId);
      if (c.status === 'notifying') await updateAudited(tx, actorOf(user), 'campaign', campaigns, c.id, c.version, { status: 'in_progress' }, c);
    }
    return updated;
  });
}

// ---- units ---------------------------------------------------------------------------------------------

async function lockUnit(tx: Executor, campaignId: string, unitId: string, version: number) {
  const u = await lockById(tx, campaignUnits, unitId);
  if (u.campaignId !== campaignId) throw notFound();
  const [c] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (c.status === 'closed') throw new AppError(409, 'campaign_closed');
  if (c.status === 'draft') throw new AppError(409, 'campaign_not_started');
  if (u.version !== version) throw versionConflict(u.version);
  return { u, c };
}

/** R-UP-1 (seed 004 根据客户意愿): the customer's consent to the upgrade; a refusal resolves the unit. */
export async function recordConsent(
  db: Db,
  user: Principal,
  campaignId: string,
  unitId: string,
  input: { version: number; decision: 'given' | 'refused'; note?: string | null },
) {
  return db.transaction(async (tx) => {
    const { u, c } = await lockUnit(tx, campaignId, unitId, input.version);
    if (!needsConsent(c.type)) throw invalid('campaign_consent_not_needed', 'decision');
    if (u.consent !== 'pending') throw new AppError(409, 'campaign_consent_recorded');
    if (input.decision === 'refused' && !input.note) throw new AppError(422, 'campaign_refusal_note_required', {}, [{ field: 'note', code: 'required' }]);
    const at = clockNow();
    const refused = input.decision === 'refused';
    return updateAudited(
      tx,
      actorOf(user),
      'campaign_unit',
      campaignUnits,
      u.id,
      u.version,
      {
        consent: input.decision,
        consentAt: at,
        consentByName: user.displayName,
        consentNote: input.note ?? null,
        ...(refused ? { outcome: 'consent_refused' as const, outcomeReason: input.note ?? null, resolvedAt: at, resolvedByName: user.displayName } : {}),
      },
      u,
    );
  });
}

/** The unit's job: a work order of kind `upgrade` (recall work too), after consent for an upgrade. */
export async function openUnitWorkOrder(
  db: Db,
  user: Principal,
  campaignId: string,
  unitId: string,
  input: { version: number; plannedDate?: string },
  timeZone: string,
) {
  return db.transaction(async (tx) => {
    const { u, c } = await lockUnit(tx, campaignId, unitId, input.version);
    if (u.outcome) throw new AppError(409, 'campaign_unit_resolved');
    if (u.workOrderId) throw new AppError(409, 'campaign_unit_has_wo');
    if (u.consent === 'pending') throw invalid('campaign_consent_required', 'consent');
    const plannedDate = input.plannedDate ?? localDate(clockNow(), timeZone);
    const fee = Number(u.fee) > 0 ? `；保修期外成本费 ¥${u.fee}` : '；保修期内免费';
    const wo = await createWorkOrderOfKind(
      tx,
      user,
      { kind: 'upgrade', deviceId: u.deviceId, description: `${c.number} ${c.title}${needsConsent(c.type) ? fee : ''}`, plannedDate },
      timeZone,
      clockNow(),
    );
    return updateAudited(tx, actorOf(user), 'campaign_unit', campaignUnits, u.id, u.version, { workOrderId: wo.id }, u);
  });
}

export async function resolveUnit(
  db: Db,
  user: Principal,
  campaignId: string,
  unitId: string,
  input: { version: number; outcome: UnitOutcome; reason?: string | null; verification?: string | null },
) {
  return db.transaction(async (tx) => {
    const { u } = await lockUnit(tx, campaignId, unitId, input.version);
    if (u.outcome) throw new AppError(409, 'campaign_unit_resolved');
    let woDone: boolean | null = null;
    let verification = input.verification ?? null;
    if (u.workOrderId) {
      const [w] = await tx.select({ status: workOrders.status, testResults: workOrders.testResults }).from(workOrders).where(eq(workOrders.id, u.workOrderId));
      woDone = DONE_WO.includes(w.status);
      verification ??= w.testResults;
    }
    const refusal = resolveRefusal({ ...input, verification }, woDone, u.consent);
    if (refusal) throw unitRefused(refusal.error, refusal.on);
    return updateAudited(
      tx,
      actorOf(user),
      'campaign_unit',
      campaignUnits,
      u.id,
      u.version,
      { outcome: input.outcome, outcomeReason: input.reason ?? null, verification, resolvedAt: clockNow(), resolvedByName: user.displayName },
      u,
    );
  });
}

// ---- close ---------------------------------------------------------------------------------------------

export async function closeCampaign(db: Db, user: Principal, id: string, input: { version: number; password: string; note?: string | null }) {
  await reauthenticate(db, user, input.password);
  return db.transaction(async (tx) => {
    const c = await lockById(tx, campaigns, id);
    const [{ open, total }] = await tx
      .select({ open: sql<number>`count(*) filter (where ${campaignUnits.outcome} is null)::int`, total: sql<number>`count(*)::int` })
      .from(campaignUnits)
      .where(eq(campaignUnits.campaignId, id));
    const refusal = closeRefusal(c.status, open, c.frozenAt !== null);
    if (refusal === 'campaign_closed') throw new AppError(409, 'campaign_closed');
    if (refusal === 'campaign_not_started') throw new AppError(422, 'campaign_not_started', {}, [{ field: 'status', code: 'invalid' }]);
    if (refusal === 'campaign_units_open') throw new AppError(422, 'campaign_units_open', { open }, [{ field: 'status', code: 'invalid' }]);
    if (c.version !== input.version) throw versionConflict(c.version);
    const outcomes = await tx
      .select({ outcome: campaignUnits.outcome, n: sql<number>`count(*)::int` })
      .from(campaignUnits)
      .where(eq(campaignUnits.campaignId, id))
      .groupBy(campaignUnits.outcome);
    const signature = await recordSignature(tx, user, {
      meaning: 'campaign_closure',
      entity: 'campaign',
      entityId: c.id,
      content: {
        campaign: c.number,
        type: c.type,
        title: c.title,
        units: total,
        outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome, o.n])),
        note: input.note ?? null,
      },
    });
    return updateAudited(
      tx,
      actorOf(user),
      'campaign',
      campaigns,
      c.id,
      c.version,
      {
        status: 'closed',
        closedAt: clockNow(),
        closedByName: user.displayName,
        closingNote: input.note ?? null,
        signatureMeaning: signature.meaningText,
        signatureHash: signature.contentHash,
      },
      c,
    );
  });
}

// ---- reading -------------------------------------------------------------------------------------------

const counts = {
  units: sql<number>`(select count(*)::int from campaign_units u where u.campaign_id = "campaigns"."id")`,
  unitsDone: sql<number>`(select count(*)::int from campaign_units u where u.campaign_id = "campaigns"."id" and u.outcome is not null)`,
  customers: sql<number>`(select count(*)::int from campaign_notices n where n.campaign_id = "campaigns"."id")`,
  customersAcked: sql<number>`(select count(*)::int from campaign_notices n where n.campaign_id = "campaigns"."id" and n.ack_at is not null)`,
};
export type CampaignRow = { c: Campaign; units: number; unitsDone: number; customers: number; customersAcked: number };

export interface CampaignFilters {
  q?: string;
  sort?: string;
  type?: CampaignType;
  status?: Campaign['status'];
}

function campaignWhere(f: CampaignFilters) {
  const text = f.q?.trim();
  return allOf(
    f.type ? eq(campaigns.type, f.type) : undefined,
    f.status ? eq(campaigns.status, f.status) : undefined,
    text ? sql`(${campaigns.number} ilike ${likePattern(text)} or ${campaigns.title} ilike ${likePattern(text)})` : undefined,
  );
}
const campaignOrder = (sort?: string) => {
  const key = sort?.replace(/^-/, '') === 'number' ? campaigns.number : campaigns.createdAt;
  return [!sort || sort.startsWith('-') ? desc(key) : asc(key), desc(campaigns.id)];
};

export async function listCampaigns(ex: Executor, f: CampaignFilters, page: number, pageSize: number) {
  const where = campaignWhere(f);
  const rows = await ex
    .select({ c: campaigns, ...counts })
    .from(campaigns)
    .where(where)
    .orderBy(...campaignOrder(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(campaigns).where(where);
  return { rows: rows as CampaignRow[], total: n };
}

export async function exportCampaigns(ex: Executor, f: CampaignFilters, limit: number) {
  return (await ex
    .select({ c: campaigns, ...counts })
    .from(campaigns)
    .where(campaignWhere(f))
    .orderBy(...campaignOrder(f.sort))
    .limit(limit)) as CampaignRow[];
}

export async function getCampaign(ex: Executor, id: string): Promise<CampaignRow> {
  const [row] = await ex
    .select({ c: campaigns, ...counts })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  if (!row) throw notFound();
  return row as CampaignRow;
}

const noticeColumns = {
  n: campaignNotices,
  customerName: customers.name,
  campaignNumber: campaigns.number,
  campaignTitle: campaigns.title,
  campaignType: campaigns.type,
  content: campaigns.noticeContent,
  startedAt: campaigns.notifyStartedAt,
  deadlineDays: campaigns.deadlineDays,
};
const noticesJoined = (ex: Executor) =>
  ex
    .select(noticeColumns)
    .from(campaignNotices)
    .innerJoin(campaigns, eq(campaigns.id, campaignNotices.campaignId))
    .innerJoin(customers, eq(customers.id, campaignNotices.customerId));
export type NoticeRow = Awaited<ReturnType<typeof noticesJoined>>[number];

const deadlineSql = sql`(${campaigns.notifyStartedAt} + make_interval(days => ${campaigns.deadlineDays}))`;
function noticeStateWhere(state: string | undefined, now: Date): SQL | undefined {
  if (state === 'unsent') return isNull(campaignNotices.sentAt);
  if (state === 'sent' || state === 'unacked') return and(isNotNull(campaignNotices.sentAt), isNull(campaignNotices.ackAt));
  if (state === 'acked') return isNotNull(campaignNotices.ackAt);
  if (state === 'overdue') return and(isNull(campaignNotices.ackAt), sql`${deadlineSql} < ${at(now)}`);
  return undefined;
}

export async function listNotices(
  ex: Executor,
  user: Principal,
  f: { campaignId?: string; q?: string; sort?: string; state?: string },
  page: number,
  pageSize: number,
) {
  const scope = customerScope(user);
  const text = f.q?.trim();
  const where = allOf(
    f.campaignId ? eq(campaignNotices.campaignId, f.campaignId) : undefined,
    // A hospital sees its notices once sent, never another hospital's.
    scope === null ? undefined : and(eq(campaignNotices.customerId, scope), isNotNull(campaignNotices.sentAt)),
    noticeStateWhere(f.state, clockNow()),
    text
      ? sql`(${customers.name} ilike ${likePattern(text)} or ${campaigns.number} ilike ${likePattern(text)} or ${campaigns.title} ilike ${likePattern(text)})`
      : undefined,
  );
  const key = f.sort?.replace(/^-/, '') === 'customerName' ? customers.name : campaignNotices.sentAt;
  const rows = await noticesJoined(ex)
    .where(where)
    .orderBy(f.sort && !f.sort.startsWith('-') ? sql`${key} asc nulls last` : sql`${key} desc nulls last`, asc(campaignNotices.id))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(campaignNotices)
    .innerJoin(campaigns, eq(campaigns.id, campaignNotices.campaignId))
    .innerJoin(customers, eq(customers.id, campaignNotices.customerId))
    .where(where);
  return { rows, total: n };
}

export async function getNotice(ex: Executor, user: Principal, id: string): Promise<NoticeRow> {
  const scope = customerScope(user);
  const [row] = await noticesJoined(ex).where(allOf(eq(campaignNotices.id, id), scope === null ? undefined : eq(campaignNotices.customerId, scope)));
  if (!row) throw notFound();
  return row;
}

const unitColumns = {
  u: campaignUnits,
  modelName: deviceModels.name,
  customerName: customers.name,
  region: customers.province,
  workOrderNumber: workOrders.number,
  workOrderStatus: workOrders.status,
};
const unitsJoined = (ex: Executor) =>
  ex
    .select(unitColumns)
    .from(campaignUnits)
    .innerJoin(devices, eq(devices.id, campaignUnits.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, campaignUnits.customerId))
    .leftJoin(workOrders, eq(workOrders.id, campaignUnits.workOrderId));
export type UnitRow = Awaited<ReturnType<typeof unitsJoined>>[number];

export interface UnitFilters {
  q?: string;
  sort?: string;
  customerId?: string;
  state?: 'open' | 'done';
  outcome?: UnitOutcome;
}
function unitWhere(campaignId: string, f: UnitFilters) {
  const text = f.q?.trim();
  return allOf(
    eq(campaignUnits.campaignId, campaignId),
    f.customerId ? eq(campaignUnits.customerId, f.customerId) : undefined,
    f.state === 'open' ? isNull(campaignUnits.outcome) : f.state === 'done' ? isNotNull(campaignUnits.outcome) : undefined,
    f.outcome ? eq(campaignUnits.outcome, f.outcome) : undefined,
    text ? sql`(${campaignUnits.serialNumber} ilike ${likePattern(text)} or ${customers.name} ilike ${likePattern(text)})` : undefined,
  );
}
const unitOrder = (sort?: string) => {
  const key = sort?.replace(/^-/, '') === 'serialNumber' ? campaignUnits.serialNumber : customers.name;
  return [sort?.startsWith('-') ? desc(key) : asc(key), asc(campaignUnits.serialNumber), asc(campaignUnits.id)];
};

export async function listUnits(ex: Executor, campaignId: string, f: UnitFilters, page: number, pageSize: number) {
  const where = unitWhere(campaignId, f);
  const rows = await unitsJoined(ex)
    .where(where)
    .orderBy(...unitOrder(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(campaignUnits)
    .innerJoin(customers, eq(customers.id, campaignUnits.customerId))
    .where(where);
  return { rows, total: n };
}

export const allUnits = (ex: Executor, campaignId: string, limit: number) =>
  unitsJoined(ex).where(eq(campaignUnits.campaignId, campaignId)).orderBy(asc(customers.name), asc(campaignUnits.serialNumber)).limit(limit);

export async function getUnit(ex: Executor, campaignId: string, unitId: string): Promise<UnitRow> {
  const [row] = await unitsJoined(ex).where(and(eq(campaignUnits.id, unitId), eq(campaignUnits.campaignId, campaignId)));
  if (!row) throw notFound();
  return row;
}

/** Progress by customer and by region (the customer's province), and the count per outcome. */
export async function progress(ex: Executor, campaignId: string) {
  const byCustomer = await ex.execute<{ key: string; label: string; units: number; done: number; acked: boolean | null }>(sql`
    select u.customer_id as key, c.name as label, count(*)::int as units, count(u.outcome)::int as done,
      (select n.ack_at is not null from campaign_notices n where n.campaign_id = u.campaign_id and n.customer_id = u.customer_id) as acked
    from campaign_units u join customers c on c.id = u.customer_id
    where u.campaign_id = ${campaignId} group by u.customer_id, c.name, u.campaign_id order by c.name`);
  const byRegion = await ex.execute<{ key: string; units: number; done: number }>(sql`
    select coalesce(c.province, '') as key, count(*)::int as units, count(u.outcome)::int as done
    from campaign_units u join customers c on c.id = u.customer_id
    where u.campaign_id = ${campaignId} group by coalesce(c.province, '') order by 1`);
  const outcomes = await ex.execute<{ outcome: string | null; n: number }>(
    sql`select outcome, count(*)::int as n from campaign_units where campaign_id = ${campaignId} group by outcome`,
  );
  const total = byCustomer.rows.reduce((s, r) => s + r.units, 0);
  const done = byCustomer.rows.reduce((s, r) => s + r.done, 0);
  return {
    total,
    done,
    byOutcome: Object.fromEntries(outcomes.rows.map((o) => [o.outcome ?? 'open', o.n])),
    byCustomer: byCustomer.rows,
    byRegion: byRegion.rows.map((r) => ({ key: r.key, label: r.key || '—', units: r.units, done: r.done, acked: null })),
  };
}

/** R-REG-5 for the traceability page: the campaigns a unit was part of. */
export async function campaignsForDevice(
  ex: Executor,
  deviceId: string,
): Promise<Array<{ at: Date; kind: 'campaign'; number: string; title: string; status: string; link: string }>> {
  const rows = await ex
    .select({ c: campaigns, outcome: campaignUnits.outcome })
    .from(campaignUnits)
    .innerJoin(campaigns, eq(campaigns.id, campaignUnits.campaignId))
    .where(eq(campaignUnits.deviceId, deviceId))
    .orderBy(desc(campaigns.frozenAt));
  return rows.map((r) => ({
    at: r.c.frozenAt ?? r.c.createdAt,
    kind: 'campaign' as const,
    number: r.c.number,
    title: r.c.title,
    status: r.outcome ?? r.c.status,
    link: `/campaigns/${r.c.id}`,
  }));
}
