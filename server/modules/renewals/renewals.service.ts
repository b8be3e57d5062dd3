// Contract and warranty expiry notices and the renewal pipeline (issue 13 §3, R-CT-1; seed 002
// part 1 §4 一个月前通知客户, 三个月前报告销售总监; §15 销售跟进续约).
//
// Exactly once: a notice is a row of renewal_notices, unique per contract, kind and end date.
// The sweep inserts it with ON CONFLICT DO NOTHING inside the transaction that also writes the
// notifications and the renewal opportunity; the loser of two concurrent sweeps (or a re-run
// after a restart) gets no row back and sends nothing.
import { aliasedTable, and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { contractDevices, contracts, customers, deviceModels, devices, users } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { type Actor, recordAudit, systemActor } from '../../lib/audit.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { term } from '../../lib/glossary.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, orderFrom, updateAudited } from '../../lib/records.ts';
import { insertContract, localDate } from '../contracts/index.ts';
import { hospitalUsers, notify, staffWithRoles } from '../notifications/index.ts';
import type { moveBody, noticeListQuery, priceLineBody, rateQuery, renewalListQuery, settingsBody } from './renewals.dto.ts';
import {
  addDays,
  computeQuote,
  DEFAULT_CUSTOMER_NOTICE_DAYS,
  DEFAULT_SALES_NOTICE_DAYS,
  type NoticeKind,
  noticeDue,
  noticeKindOf,
  refuseMove,
  renewalRate,
  renewedPeriod,
} from './renewals.rules.ts';
import { renewalNotices, renewalPriceLines, renewalSettings, renewals } from './renewals.tables.ts';

// ---- settings ------------------------------------------------------------------------------

export async function getSettings(ex: Executor) {
  const [row] = await ex.select().from(renewalSettings).limit(1);
  return row
    ? { version: row.version, customerNoticeDays: row.customerNoticeDays, salesNoticeDays: row.salesNoticeDays, id: row.id }
    : { version: 0, customerNoticeDays: DEFAULT_CUSTOMER_NOTICE_DAYS, salesNoticeDays: DEFAULT_SALES_NOTICE_DAYS, id: null as string | null };
}

/** Save the notice days (version 0 = the defaults, never saved). A stale version is a 409. */
export async function saveSettings(db: Db, actor: Actor, input: z.infer<typeof settingsBody>) {
  await db.transaction(async (tx) => {
    const current = await getSettings(tx);
    if (current.version !== input.version) throw versionConflict(current.version);
    const values = { customerNoticeDays: input.customerNoticeDays, salesNoticeDays: input.salesNoticeDays };
    if (current.id === null) await insertAudited(tx, actor, 'renewal_settings', renewalSettings, values);
    else await updateAudited(tx, actor, 'renewal_settings', renewalSettings, current.id, input.version, values);
  });
  const s = await getSettings(db);
  return { version: s.version, customerNoticeDays: s.customerNoticeDays, salesNoticeDays: s.salesNoticeDays };
}

// ---- the daily sweep -------------------------------------------------------------------------

/** The default owner of a new renewal: the active sales user with the fewest open renewals. */
async function defaultOwner(ex: Executor): Promise<string | null> {
  const rows = await ex.execute<{ id: string }>(sql`
    select u.id::text as id from users u
    where u.active and 'sales' = any(u.roles)
    order by (select count(*) from renewals r where r.owner_id = u.id and r.stage not in ('won', 'lost')), u.username
    limit 1`);
  return rows.rows[0]?.id ?? null;
}

const deviceCountOf = async (ex: Executor, contractId: string) =>
  Number((await ex.select({ n: sql<number>`count(*)::int` }).from(contractDevices).where(eq(contractDevices.contractId, contractId)))[0]?.n ?? 0);

/**
 * R-CT-1, daily: for each maintenance contract ending within the customer window, the 保养到期通知书
 * to the hospital's portal users (in-app + their channels); for each warranty contract ending
 * within the sales window, the report to every sales user. Each creates the renewal opportunity.
 * A contract already renewed (a successor links to it) is skipped. Returns the notices sent.
 */
export async function sendExpiryNotices(db: Db, timeZone: string, now = clockNow()) {
  const today = localDate(now, timeZone);
  const settings = await getSettings(db);
  const windowOf = (k: NoticeKind) => (k === 'customer_expiry' ? settings.customerNoticeDays : settings.salesNoticeDays);
  const candidates = await db
    .select({ c: contracts, customerName: customers.name })
    .from(contracts)
    .innerJoin(customers, eq(customers.id, contracts.customerId))
    .where(
      and(
        inArray(contracts.kind, ['maintenance', 'warranty']),
        gte(contracts.endDate, today),
        lte(contracts.endDate, addDays(today, Math.max(settings.customerNoticeDays, settings.salesNoticeDays))),
        sql`not exists (select 1 from contracts nx where nx.previous_contract_id = ${contracts.id})`,
        sql`not exists (select 1 from renewal_notices n where n.contract_id = ${contracts.id} and n.expires_on = ${contracts.endDate})`,
      ),
    )
    .orderBy(asc(contracts.endDate), asc(contracts.number))
    .limit(1000);
  let sent = 0;
  for (const { c, customerName } of candidates) {
    const kind = noticeKindOf(c.kind);
    if (!kind || !noticeDue(c.endDate, today, windowOf(kind))) continue;
    await db.transaction(async (tx) => {
      // The claim: only the sweep whose insert lands sends anything.
      const [notice] = await tx
        .insert(renewalNotices)
        .values({ contractId: c.id, customerId: c.customerId, kind, expiresOn: c.endDate, daysBefore: windowOf(kind), sentOn: today })
        .onConflictDoNothing()
        .returning();
      if (!notice) return;
      const devices = await deviceCountOf(tx, c.id);
      const to = kind === 'customer_expiry' ? await hospitalUsers(tx, c.customerId) : await staffWithRoles(tx, ['sales']);
      if (kind === 'customer_expiry') {
        await notify(tx, to, 'contract_expiry_notice', { number: c.number, end: c.endDate, contractId: c.id }, { entity: 'renewal_notice', id: notice.id });
      } else {
        await notify(
          tx,
          to,
          'warranty_expiry_report',
          { number: c.number, end: c.endDate, customer: customerName, devices, contractId: c.id },
          { entity: 'renewal_notice', id: notice.id },
        );
      }
      await tx.update(renewalNotices).set({ recipients: to.length }).where(eq(renewalNotices.id, notice.id));
      await recordAudit(tx, {
        actor: systemActor,
        entity: 'contract',
        entityId: c.id,
        action: 'update',
        after: { expiryNotice: kind, expiresOn: c.endDate, recipients: to.length },
      });
      const [opp] = await tx
        .insert(renewals)
        .values({
          contractId: c.id,
          customerId: c.customerId,
          source: c.kind === 'maintenance' ? 'maintenance_contract' : 'warranty_contract',
          expiresOn: c.endDate,
          ownerId: await defaultOwner(tx),
          quoteCurrency: c.currency,
        })
        .onConflictDoNothing()
        .returning();
      if (opp) await recordAudit(tx, { actor: systemActor, entity: 'renewal', entityId: opp.id, action: 'create', after: opp });
      sent++;
    });
  }
  return sent + (await sendFactoryWarrantyReports(db, today, settings.salesNoticeDays));
}

/**
 * R-CT-1 (seed 002 part 1 §4 免费保修期到期前三个月报告销售总监): a device whose factory warranty ends
 * within the sales window, with no maintenance or warranty contract taking over the next day, is
 * reported to sales once (the notice row per device and end is the claim) and becomes a renewal.
 */
async function sendFactoryWarrantyReports(db: Db, today: string, days: number) {
  const due = await db.execute<{ id: string; customer_id: string; warranty_end: string; label: string; customer_name: string }>(sql`
    select d.id::text as id, d.customer_id::text as customer_id, d.warranty_end::text as warranty_end,
           coalesce(m.name || ' ', '') || d.serial_number as label, c.name as customer_name
    from devices d join customers c on c.id = d.customer_id left join device_models m on m.id = d.model_id
    where d.warranty_end between ${today}::date and ${addDays(today, days)}::date
      and d.acceptance_date is not null and d.status <> 'retired'
      and not exists (select 1 from renewal_notices n where n.device_id = d.id and n.expires_on = d.warranty_end)
      and not exists (select 1 from contract_devices cd join contracts k on k.id = cd.contract_id
                      where cd.device_id = d.id and k.kind in ('maintenance', 'warranty')
                        and k.start_date <= d.warranty_end + 1 and k.end_date >= d.warranty_end + 1)
    order by d.warranty_end, d.serial_number limit 1000`);
  let sent = 0;
  for (const d of due.rows) {
    await db.transaction(async (tx) => {
      const [notice] = await tx
        .insert(renewalNotices)
        .values({ deviceId: d.id, customerId: d.customer_id, kind: 'sales_warranty_expiry', expiresOn: d.warranty_end, daysBefore: days, sentOn: today })
        .onConflictDoNothing()
        .returning();
      if (!notice) return;
      const to = await staffWithRoles(tx, ['sales']);
      await notify(
        tx,
        to,
        'warranty_expiry_report',
        { number: d.label, end: d.warranty_end, customer: d.customer_name, devices: 1, deviceId: d.id },
        { entity: 'renewal_notice', id: notice.id },
      );
      await tx.update(renewalNotices).set({ recipients: to.length }).where(eq(renewalNotices.id, notice.id));
      await recordAudit(tx, {
        actor: systemActor,
        entity: 'device',
        entityId: d.id,
        action: 'update',
        after: { warrantyExpiryReport: d.warranty_end, recipients: to.length },
      });
      const [opp] = await tx
        .insert(renewals)
        .values({ deviceId: d.id, customerId: d.customer_id, source: 'factory_warranty', expiresOn: d.warranty_end, ownerId: await defaultOwner(tx) })
        .onConflictDoNothing()
        .returning();
      if (opp) await recordAudit(tx, { actor: systemActor, entity: 'renewal', entityId: opp.id, action: 'create', after: opp });
      sent++;
    });
  }
  return sent;
}

// ---- reading ---------------------------------------------------------------------------------

const owner = aliasedTable(users, 'owner');
const successor = aliasedTable(contracts, 'successor');

function baseQuery(ex: Executor) {
  return ex
    .select({
      r: renewals,
      contractNumber: contracts.number,
      contractKind: contracts.kind,
      contractPrice: contracts.price,
      customerName: customers.name,
      ownerName: owner.displayName,
      newContractNumber: successor.number,
      deviceLabel: sql<
        string | null
      >`(select coalesce(m.name || ' ', '') || d.serial_number from devices d left join device_models m on m.id = d.model_id where d.id = ${renewals.deviceId})`,
      deviceCount: sql<number>`case when ${renewals.deviceId} is not null then 1 else (select count(*)::int from contract_devices cd where cd.contract_id = ${renewals.contractId}) end`,
    })
    .from(renewals)
    .leftJoin(contracts, eq(contracts.id, renewals.contractId))
    .innerJoin(customers, eq(customers.id, renewals.customerId))
    .leftJoin(owner, eq(owner.id, renewals.ownerId))
    .leftJoin(successor, eq(successor.id, renewals.newContractId));
}
interface Row {
  r: typeof renewals.$inferSelect;
  contractNumber: string | null;
  contractKind: 'warranty' | 'maintenance' | 'paid' | null;
  deviceLabel: string | null;
  contractPrice: string | null;
  customerName: string;
  ownerName: string | null;
  newContractNumber: string | null;
  deviceCount: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function view(x: Row) {
  const r = x.r;
  return {
    id: r.id,
    version: r.version,
    contractId: r.contractId,
    contractNumber: x.contractNumber,
    contractKind: x.contractKind,
    deviceId: r.deviceId,
    deviceLabel: x.deviceLabel,
    contractPrice: x.contractPrice,
    customerId: r.customerId,
    customerName: x.customerName,
    source: r.source,
    expiresOn: r.expiresOn,
    ownerId: r.ownerId,
    ownerName: x.ownerName,
    stage: r.stage,
    quoteAmount: r.quoteAmount,
    quoteCurrency: r.quoteCurrency,
    quotedAt: iso(r.quotedAt),
    quoteLines: r.quoteLines ?? null,
    quoteComputed: r.quoteComputed,
    quoteOverrideReason: r.quoteOverrideReason,
    visitedAt: iso(r.visitedAt),
    lostReason: r.lostReason,
    decidedAt: iso(r.decidedAt),
    newContractId: r.newContractId,
    newContractNumber: x.newContractNumber,
    deviceCount: Number(x.deviceCount),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type RenewalView = ReturnType<typeof view>;

const monthRange = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
};

export async function listRenewals(db: Db, q: z.infer<typeof renewalListQuery>) {
  const text = q.q?.trim();
  const range = q.month ? monthRange(q.month) : null;
  const where = allOf(
    text ? sql`(${contracts.number} ilike ${likePattern(text)} or ${customers.name} ilike ${likePattern(text)})` : undefined,
    q.ownerId ? eq(renewals.ownerId, q.ownerId) : undefined,
    q.stage ? eq(renewals.stage, q.stage) : undefined,
    q.contractId ? eq(renewals.contractId, q.contractId) : undefined,
    q.customerId ? eq(renewals.customerId, q.customerId) : undefined,
    range ? and(gte(renewals.expiresOn, range.from), lte(renewals.expiresOn, range.to)) : undefined,
  );
  const order = orderFrom(
    q.sort,
    { expiresOn: renewals.expiresOn, customerName: customers.name, stage: renewals.stage, updatedAt: renewals.updatedAt },
    'expiresOn',
    renewals.id,
  );
  const rows = await baseQuery(db)
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(renewals)
    .leftJoin(contracts, eq(contracts.id, renewals.contractId))
    .innerJoin(customers, eq(customers.id, renewals.customerId))
    .where(where);
  return { items: rows.map(view), total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function getRenewal(ex: Executor, id: string) {
  const [row] = await baseQuery(ex).where(eq(renewals.id, id));
  if (!row) throw notFound();
  return view(row);
}

// ---- changing --------------------------------------------------------------------------------

/** The owner must be an active sales user (or none). */
async function vetOwner(ex: Executor, ownerId: string | null) {
  if (ownerId === null) return;
  const [u] = await ex.select({ active: users.active, roles: users.roles }).from(users).where(eq(users.id, ownerId));
  if (!u?.active || !u.roles.includes('sales')) throw new AppError(422, 'renewal_owner_not_sales', {}, [{ field: 'ownerId', code: 'owner_not_sales' }]);
}

export async function assignOwner(db: Db, actor: Actor, id: string, version: number, ownerId: string | null) {
  await db.transaction(async (tx) => {
    await vetOwner(tx, ownerId);
    await updateAudited(tx, actor, 'renewal', renewals, id, version, { ownerId });
  });
  return getRenewal(db, id);
}

/** Who can own a renewal: the active sales users, for the owner filter and picker. */
export async function ownerOptions(ex: Executor) {
  return ex
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.active, true), sql`'sales' = any(${users.roles})`))
    .orderBy(asc(users.displayName));
}

/** A renewed contract's number: the old number with -R and the new start year (-R2027), made unique. */
async function renewedNumber(ex: Executor, old: string, startDate: string) {
  const base = `${old.replace(/-R\d{4}(-\d+)?$/, '')}-R${startDate.slice(0, 4)}`;
  for (let i = 1; i < 100; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    const [hit] = await ex.select({ id: contracts.id }).from(contracts).where(sql`lower(${contracts.number}) = lower(${candidate})`);
    if (!hit) return candidate;
  }
  return `${base}-${Date.now()}`;
}

/** The next contract after `oldId`: same customer and devices, from the day after its end (R-CT-1). */
async function renewContract(tx: Executor, actor: Actor, oldId: string, price: string | null, currency: string, endDate?: string) {
  const [old] = await tx.select().from(contracts).where(eq(contracts.id, oldId));
  if (!old) throw notFound();
  const period = renewedPeriod(old, endDate);
  if (period.endDate < period.startDate) throw invalidField('endDate', 'invalid');
  const deviceIds = (await tx.select({ id: contractDevices.deviceId }).from(contractDevices).where(eq(contractDevices.contractId, old.id))).map((d) => d.id);
  return insertContract(tx, actor, {
    number: await renewedNumber(tx, old.number, period.startDate),
    customerId: old.customerId,
    // A warranty running out is renewed as a maintenance contract (seed 002 §4 保修期满转保养).
    kind: old.kind === 'paid' ? 'paid' : 'maintenance',
    startDate: period.startDate,
    endDate: period.endDate,
    slaPolicy: old.slaPolicy,
    visitsPerYear: old.visitsPerYear,
    price,
    currency,
    notes: null,
    deviceIds,
    previousContractId: old.id,
  });
}

/** A device's factory warranty ends: its first maintenance contract starts the day after (12 months). */
async function contractAfterWarranty(
  tx: Executor,
  actor: Actor,
  deviceId: string,
  warrantyEnd: string,
  price: string | null,
  currency: string,
  endDate?: string,
) {
  const [dev] = await tx.select({ customerId: devices.customerId, serial: devices.serialNumber }).from(devices).where(eq(devices.id, deviceId));
  if (!dev) throw notFound();
  const startDate = addDays(warrantyEnd, 1);
  const period = { startDate, endDate: endDate ?? renewedPeriod({ startDate: addDays(warrantyEnd, -364), endDate: warrantyEnd }).endDate };
  if (period.endDate < period.startDate) throw invalidField('endDate', 'invalid');
  return insertContract(tx, actor, {
    number: await renewedNumber(tx, `BY-${dev.serial}`, startDate),
    customerId: dev.customerId,
    kind: 'maintenance',
    ...period,
    slaPolicy: null,
    visitsPerYear: 0,
    price,
    currency,
    notes: null,
    deviceIds: [deviceId],
    previousContractId: null,
  });
}

/**
 * Move a renewal along the pipeline (R-CT-1). Quoting records the amount; lost needs a reason;
 * won creates the new contract version for the same customer and devices, starting the day after
 * the old one ends (no gap), linked to it, priced at the quote. Each change is audited.
 */
export async function moveStage(db: Db, actor: Actor, id: string, input: z.infer<typeof moveBody>, locale: 'zh-CN' | 'en-US') {
  await db.transaction(async (tx) => {
    const current = await lockById(tx, renewals, id);
    if (current.version !== input.version) throw versionConflict(current.version);
    // Issue 13 §3: a quote from the price list — computed over the devices × years; a different amount needs a reason.
    const fromList = input.fromPriceList && (input.stage === 'quoted' || input.stage === 'won') ? await quoteOf(tx, current, input.years ?? 1) : null;
    if (fromList && input.quoteAmount === undefined && Number(fromList.total) === 0)
      throw new AppError(422, 'renewal_quote_unpriced', {}, [{ field: 'quoteAmount', code: 'required' }]);
    const overridden = fromList !== null && input.quoteAmount !== undefined && Number(input.quoteAmount) !== Number(fromList.total);
    if (overridden && !input.quoteOverrideReason?.trim())
      throw new AppError(422, 'renewal_quote_override_reason', { computed: fromList.total }, [{ field: 'quoteOverrideReason', code: 'required' }]);
    const quoteAmount = input.quoteAmount ?? fromList?.total;
    const refusal = refuseMove(current.stage, input.stage, { quoteAmount, lostReason: input.lostReason, currentQuote: current.quoteAmount });
    const params = { from: term('renewalStage', current.stage, locale), to: term('renewalStage', input.stage, locale) };
    if (refusal === 'renewal_closed') throw new AppError(409, 'renewal_closed', params);
    if (refusal === 'renewal_stage_illegal') throw new AppError(409, 'renewal_stage_illegal', params);
    if (refusal === 'renewal_lost_reason_required') throw new AppError(422, 'renewal_lost_reason_required', {}, [{ field: 'lostReason', code: 'required' }]);
    if (refusal === 'renewal_quote_required') throw new AppError(422, 'renewal_quote_required', {}, [{ field: 'quoteAmount', code: 'required' }]);
    const now = clockNow();
    const patch: Partial<typeof renewals.$inferInsert> = { stage: input.stage };
    if (input.stage === 'visited') patch.visitedAt = now;
    if (quoteAmount !== undefined) {
      patch.quoteAmount = quoteAmount;
      patch.quotedAt = now;
      patch.quoteLines = fromList?.lines ?? null;
      patch.quoteComputed = fromList?.total ?? null;
      patch.quoteOverrideReason = overridden ? (input.quoteOverrideReason?.trim() ?? null) : null;
    }
    if (input.stage === 'lost') {
      patch.lostReason = input.lostReason?.trim() ?? null;
      patch.decidedAt = now;
    }
    if (input.stage === 'won') {
      const price = quoteAmount ?? current.quoteAmount;
      const created = current.contractId
        ? await renewContract(tx, actor, current.contractId, price, current.quoteCurrency, input.endDate)
        : await contractAfterWarranty(tx, actor, current.deviceId as string, current.expiresOn, price, current.quoteCurrency, input.endDate);
      patch.newContractId = created.id;
      patch.decidedAt = now;
    }
    await updateAudited(tx, actor, 'renewal', renewals, id, input.version, patch, current);
  });
  return getRenewal(db, id);
}

// ---- a quote from the price list (issue 13 §3) -------------------------------------------------

/** The annual maintenance-contract prices (per model or per category, effective from a day), newest first. */
export async function listPriceLines(ex: Executor) {
  const rows = await ex
    .select({ l: renewalPriceLines, modelName: deviceModels.name })
    .from(renewalPriceLines)
    .leftJoin(deviceModels, eq(deviceModels.id, renewalPriceLines.modelId))
    .orderBy(desc(renewalPriceLines.effectiveFrom), asc(deviceModels.name), asc(renewalPriceLines.category));
  return rows.map(({ l, modelName }) => ({
    id: l.id,
    version: l.version,
    modelId: l.modelId,
    modelName,
    category: l.category,
    annualPrice: l.annualPrice,
    currency: l.currency,
    effectiveFrom: l.effectiveFrom,
    note: l.note,
  }));
}

/** A new price line (a change of price is a new line effective from its day; the old one stays for earlier quotes). */
export async function createPriceLine(db: Db, actor: Actor, input: z.infer<typeof priceLineBody>) {
  if ((input.modelId === undefined) === (input.category === undefined)) {
    throw new AppError(422, 'validation_failed', {}, [{ field: 'modelId', code: 'model_or_category' }]);
  }
  const row = await db.transaction((tx) =>
    insertAudited(tx, actor, 'renewal_price_line', renewalPriceLines, {
      modelId: input.modelId ?? null,
      category: input.category ?? null,
      annualPrice: input.annualPrice,
      effectiveFrom: input.effectiveFrom,
      note: input.note ?? null,
    }),
  );
  return (await listPriceLines(db)).find((l) => l.id === row.id) as Awaited<ReturnType<typeof listPriceLines>>[number];
}

/** The devices a renewal covers (the contract's, or the one device of a factory warranty) priced on the new period's first day. */
async function quoteOf(ex: Executor, r: typeof renewals.$inferSelect, years: number) {
  const cols = {
    deviceId: devices.id,
    serialNumber: devices.serialNumber,
    modelName: deviceModels.name,
    modelId: deviceModels.id,
    category: deviceModels.category,
  };
  const devs = r.contractId
    ? await ex
        .select(cols)
        .from(contractDevices)
        .innerJoin(devices, eq(devices.id, contractDevices.deviceId))
        .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
        .where(eq(contractDevices.contractId, r.contractId))
        .orderBy(asc(devices.serialNumber))
    : await ex
        .select(cols)
        .from(devices)
        .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
        .where(eq(devices.id, r.deviceId as string));
  const lines = (await ex.select().from(renewalPriceLines)).map((l) => ({ ...l, category: l.category as string | null }));
  const day = addDays(r.expiresOn, 1);
  return { years, day, currency: r.quoteCurrency, ...computeQuote(devs, lines, years, day) };
}

/** The quote the price list gives for a renewal (shown on the card before quoting). */
export async function quoteFromPriceList(ex: Executor, id: string, years: number) {
  const [r] = await ex.select().from(renewals).where(eq(renewals.id, id));
  if (!r) throw notFound();
  return quoteOf(ex, r, years);
}

// ---- notices ---------------------------------------------------------------------------------

function noticeView(n: typeof renewalNotices.$inferSelect, contractNumber: string | null, customerName: string) {
  return {
    id: n.id,
    contractId: n.contractId,
    contractNumber,
    deviceId: n.deviceId,
    customerId: n.customerId,
    customerName,
    kind: n.kind,
    expiresOn: n.expiresOn,
    daysBefore: n.daysBefore,
    sentOn: n.sentOn,
    recipients: n.recipients,
    letterUrl: n.kind === 'customer_expiry' ? `/api/v1/renewal-notices/${n.id}/letter.pdf` : null,
  };
}

/**
 * Notices sent; a hospital user sees only its own organisation's customer notices (the sales
 * report is internal).
 */
export async function listNotices(db: Db, user: Principal, q: z.infer<typeof noticeListQuery>) {
  const scope = customerScope(user);
  const rows = await db
    .select({ n: renewalNotices, contractNumber: contracts.number, customerName: customers.name })
    .from(renewalNotices)
    .leftJoin(contracts, eq(contracts.id, renewalNotices.contractId))
    .innerJoin(customers, eq(customers.id, renewalNotices.customerId))
    .where(
      allOf(
        scope === null ? undefined : and(eq(renewalNotices.customerId, scope), eq(renewalNotices.kind, 'customer_expiry')),
        q.contractId ? eq(renewalNotices.contractId, q.contractId) : undefined,
      ),
    )
    .orderBy(desc(renewalNotices.sentOn), desc(renewalNotices.createdAt))
    .limit(500);
  return rows.map((r) => noticeView(r.n, r.contractNumber, r.customerName));
}

export interface LetterData {
  noticeId: string;
  contractNumber: string;
  customerName: string;
  startDate: string;
  endDate: string;
  sentOn: string;
  devices: { name: string; serial: string; location: string | null }[];
}

/** What the 保养到期通知书 says; 404 for another hospital's notice or a sales report. */
export async function loadLetter(ex: Executor, user: Principal, noticeId: string): Promise<LetterData> {
  const scope = customerScope(user);
  const [row] = await ex
    .select({ n: renewalNotices, c: contracts, customerName: customers.name })
    .from(renewalNotices)
    .innerJoin(contracts, eq(contracts.id, renewalNotices.contractId))
    .innerJoin(customers, eq(customers.id, renewalNotices.customerId))
    .where(
      allOf(eq(renewalNotices.id, noticeId), eq(renewalNotices.kind, 'customer_expiry'), scope === null ? undefined : eq(renewalNotices.customerId, scope)),
    );
  if (!row) throw notFound();
  const devs = await ex.execute<{ name: string; serial: string; location: string | null }>(sql`
    select coalesce(m.name, '') as name, d.serial_number as serial, d.location as location
    from contract_devices cd join devices d on d.id = cd.device_id left join device_models m on m.id = d.model_id
    where cd.contract_id = ${row.c.id} order by d.serial_number`);
  return {
    noticeId,
    contractNumber: row.c.number,
    customerName: row.customerName,
    startDate: row.c.startDate,
    endDate: row.n.expiresOn,
    sentOn: row.n.sentOn,
    devices: devs.rows,
  };
}

// ---- the rate --------------------------------------------------------------------------------

/** Renewal rate (won / decided) by month of expiry and by salesperson, over [from, to] months. */
export async function renewalRateReport(db: Db, q: z.infer<typeof rateQuery>, timeZone: string, locale: 'zh-CN' | 'en-US') {
  const thisMonth = localDate(clockNow(), timeZone).slice(0, 7);
  const to = q.to ?? thisMonth;
  const from = q.from ?? `${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`;
  const cond: SQL[] = [gte(renewals.expiresOn, monthRange(from).from), lte(renewals.expiresOn, monthRange(to).to)];
  if (q.ownerId) cond.push(eq(renewals.ownerId, q.ownerId));
  const rows = await db
    .select({ expiresOn: renewals.expiresOn, ownerId: renewals.ownerId, stage: renewals.stage, ownerName: owner.displayName })
    .from(renewals)
    .leftJoin(owner, eq(owner.id, renewals.ownerId))
    .where(and(...cond));
  const names = new Map(rows.map((r) => [r.ownerId, r.ownerName]));
  const rate = renewalRate(rows.map((r) => ({ month: r.expiresOn.slice(0, 7), ownerId: r.ownerId, stage: r.stage })));
  const unassigned = locale === 'en-US' ? 'Unassigned' : '未分配';
  const overallLabel = locale === 'en-US' ? 'All' : '合计';
  return {
    from,
    to,
    byMonth: rate.byMonth.map((l) => ({ ...l, label: l.key ?? '' })),
    byOwner: rate.byOwner.map((l) => ({ ...l, label: l.key === null ? unassigned : (names.get(l.key) ?? unassigned) })),
    overall: { ...rate.overall, label: overallLabel },
  };
}
