// Warranty exclusions (R-WX-1) and quotes before paid work (报价单, issue 15 §4, R-FE-1; seed 003).
//
// Exclusion: the engineer on the job (or the office) proposes it on a warranty/contract work order
// — category, reason, evidence; the service manager confirms or rejects it. A confirmed exclusion
// makes the job chargeable at cost (workorders computeFee) and holds it before `resolved` until the
// customer accepted a quote (workorders linkRefusal). Quote: priced from the price list in force when
// the request came in (parts at cost), sent to the hospital (notified), accepted in the portal, by a
// drawn signature on site or recorded by staff with a reason; or rejected; or expired by the daily job.
// Every write is audited (entities `warranty_exclusion`, `quote`); row locks serialize the steps,
// so of two concurrent acceptances one wins and the other gets 409.
import { and, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import type { WarrantyExclusionCategory } from '../../db/enums.ts';
import { customers, deviceModels, devices, parts, serviceRequests, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { recordAudit } from '../../lib/audit.ts';
import { dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { hospitalUsers, notify } from '../notifications/index.ts';
import { nextNumber } from '../system/index.ts';
import { assertEditable, FROZEN, loadFor, priceListAt } from '../workorders/index.ts';
import { type AcceptVia, acceptanceRefusal, priceQuote, type QuoteStep, quoteChargeRefusal, quoteLapsed, quoteStepAllowed } from './quotes.rules.ts';
import { quotes, warrantyExclusions } from './quotes.tables.ts';

export type Quote = typeof quotes.$inferSelect;
export type Exclusion = typeof warrantyExclusions.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });
const isHospital = (u: Principal) => customerScope(u) !== null;

// ---- warranty exclusion ------------------------------------------------------------------------

async function categoryOf(ex: Executor, requestId: string) {
  const [r] = await ex.select({ category: serviceRequests.category }).from(serviceRequests).where(eq(serviceRequests.id, requestId));
  return r.category;
}

export async function liveExclusion(ex: Executor, workOrderId: string): Promise<Exclusion | null> {
  const [x] = await ex
    .select()
    .from(warrantyExclusions)
    .where(and(eq(warrantyExclusions.workOrderId, workOrderId), inArray(warrantyExclusions.status, ['proposed', 'confirmed'])));
  return x ?? null;
}

/** R-WX-1: the engineer on the job (or the office) proposes the exclusion with its category, reason and evidence. */
export async function proposeExclusion(
  db: Db,
  user: Principal,
  workOrderId: string,
  input: { category: WarrantyExclusionCategory; reason: string; evidence: string },
  now = clockNow(),
) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, workOrderId, true);
    await assertEditable(tx, user, wo);
    const category = await categoryOf(tx, wo.requestId);
    if (category !== 'warranty' && category !== 'contract') throw new AppError(422, 'exclusion_not_covered_job', { category });
    if (await liveExclusion(tx, wo.id)) throw new AppError(409, 'exclusion_exists');
    return insertAudited(tx, actorOf(user), 'warranty_exclusion', warrantyExclusions, {
      workOrderId: wo.id,
      customerId: wo.customerId,
      category: input.category,
      reason: input.reason,
      evidence: input.evidence,
      proposedAt: now,
      proposedBy: user.id,
      proposedByName: user.displayName,
    });
  });
}

/** The service manager confirms (the job becomes chargeable at cost) or rejects the proposal. */
export async function decideExclusion(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; verdict: 'confirmed' | 'rejected'; note?: string | null },
  now = clockNow(),
) {
  return db.transaction(async (tx) => {
    const x = await lockById(tx, warrantyExclusions, id);
    const scope = customerScope(user);
    if (scope !== null && x.customerId !== scope) throw notFound();
    if (x.status !== 'proposed') throw new AppError(409, 'exclusion_not_proposed', { status: x.status });
    if (x.version !== input.version) throw versionConflict(x.version);
    const [wo] = await tx.select({ status: workOrders.status }).from(workOrders).where(eq(workOrders.id, x.workOrderId)).for('update');
    if (FROZEN.has(wo.status) || wo.status === 'cancelled') throw new AppError(409, 'work_order_frozen', { status: wo.status });
    return updateAudited(
      tx,
      actorOf(user),
      'warranty_exclusion',
      warrantyExclusions,
      x.id,
      x.version,
      { status: input.verdict, decidedAt: now, decidedBy: user.id, decidedByName: user.displayName, decisionNote: input.note ?? null },
      x,
    );
  });
}

// ---- quotes ------------------------------------------------------------------------------------

export interface CreateQuoteInput {
  workOrderId: string;
  validUntil: string;
  labourMinutes: number;
  travelKm?: string | null;
  parts: { partId: string; quantity: string }[];
  note?: string | null;
}

/** A draft quote for a paid or excluded job, priced from the price list in force when its request came in. */
export async function createQuote(db: Db, user: Principal, input: CreateQuoteInput, timeZone: string, now = clockNow()) {
  return db.transaction(async (tx) => {
    const wo = await loadFor(tx, user, input.workOrderId, true);
    if (FROZEN.has(wo.status) || wo.status === 'cancelled') throw new AppError(409, 'work_order_frozen', { status: wo.status });
    const [req] = await tx
      .select({ category: serviceRequests.category, regionClass: serviceRequests.regionClass, receivedAt: serviceRequests.receivedAt })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, wo.requestId));
    const exclusion = await liveExclusion(tx, wo.id);
    const confirmed = exclusion?.status === 'confirmed' ? exclusion : null;
    const refusal = quoteChargeRefusal(req.category, confirmed?.category ?? null);
    if (refusal) throw new AppError(422, refusal, { category: req.category });
    if (quoteLapsed(input.validUntil, dateIn(now, timeZone)))
      throw new AppError(422, 'quote_validity_past', {}, [{ field: 'validUntil', code: 'not_in_past' }]);
    const [open] = await tx
      .select({ number: quotes.number })
      .from(quotes)
      .where(and(eq(quotes.workOrderId, wo.id), inArray(quotes.status, ['draft', 'sent'])));
    if (open) throw new AppError(409, 'quote_open_exists', { number: open.number });
    const list = await priceListAt(tx, req.receivedAt);
    if (!list) throw new AppError(422, 'quote_no_price_list');
    const ids = [...new Set(input.parts.map((p) => p.partId))];
    const catalogue = ids.length ? await tx.select().from(parts).where(inArray(parts.id, ids)) : [];
    const lines = input.parts.map((p, i) => {
      const part = catalogue.find((c) => c.id === p.partId);
      if (!part) throw invalidField(`parts.${i}.partId`, 'not_found');
      return { partId: part.id, name: `${part.code} ${part.name}`, unit: part.unit, quantity: p.quantity, unitCost: part.unitCost };
    });
    const priced = priceQuote(list, {
      category: req.category,
      exclusion: confirmed?.category ?? null,
      labourMinutes: input.labourMinutes,
      travelKm: input.travelKm ?? null,
      regionClass: req.regionClass,
      parts: lines,
    });
    const number = await nextNumber(tx, 'BJ', now.getUTCFullYear());
    return insertAudited(tx, actorOf(user), 'quote', quotes, {
      number,
      workOrderId: wo.id,
      customerId: wo.customerId,
      exclusionId: confirmed?.id ?? null,
      basis: confirmed ? 'exclusion' : 'paid',
      currency: priced.fee.currency,
      priceListVersion: list.versionNo,
      lines: priced.lines,
      labour: priced.fee.labour,
      parts: priced.fee.parts,
      travel: priced.fee.travel,
      callOut: priced.fee.callOut,
      total: priced.fee.total,
      validUntil: input.validUntil,
      note: input.note ?? null,
      createdBy: user.id,
      createdByName: user.displayName,
    });
  });
}

async function lockQuote(tx: Executor, user: Principal, id: string, step: QuoteStep): Promise<Quote> {
  const q = await lockById(tx, quotes, id);
  const scope = customerScope(user);
  // A hospital never sees another hospital's quote, nor a draft of its own.
  if (scope !== null && (q.customerId !== scope || q.status === 'draft')) throw notFound();
  if (!quoteStepAllowed(q.status, step)) throw new AppError(409, 'quote_bad_state', { status: q.status, step });
  return q;
}

/** Sent to the hospital: its portal users are told (in-app and by mail per their preferences). */
export async function sendQuote(db: Db, user: Principal, id: string, input: { version: number }, timeZone: string, now = clockNow()) {
  return db.transaction(async (tx) => {
    const q = await lockQuote(tx, user, id, 'send');
    if (q.version !== input.version) throw versionConflict(q.version);
    if (quoteLapsed(q.validUntil, dateIn(now, timeZone))) throw new AppError(422, 'quote_validity_past', {}, [{ field: 'validUntil', code: 'not_in_past' }]);
    const row = await updateAudited(tx, actorOf(user), 'quote', quotes, q.id, q.version, { status: 'sent', sentAt: now, sentByName: user.displayName }, q);
    await notify(
      tx,
      await hospitalUsers(tx, q.customerId),
      'quote_sent',
      { number: q.number, total: q.total, validUntil: q.validUntil },
      { entity: 'quote', id: q.id },
    );
    return row;
  });
}

/**
 * The customer accepts (R-WX-1 "told before the work goes on"): a hospital user in the portal, or
 * staff recording the drawn signature on site or an acceptance given otherwise (with a reason). The
 * quote must still be sent and valid; the row lock makes a second concurrent acceptance a 409.
 */
export async function acceptQuote(
  db: Db,
  user: Principal,
  id: string,
  input: { via: AcceptVia; signerName: string; signaturePng?: string | null; reason?: string | null },
  timeZone: string,
  now = clockNow(),
) {
  const refusal = acceptanceRefusal(isHospital(user), input);
  if (refusal) throw new AppError(422, refusal, { via: input.via });
  return db.transaction(async (tx) => {
    const q = await lockQuote(tx, user, id, 'accept');
    if (quoteLapsed(q.validUntil, dateIn(now, timeZone))) throw new AppError(409, 'quote_expired', { validUntil: q.validUntil });
    const row = await updateAudited(
      tx,
      actorOf(user),
      'quote',
      quotes,
      q.id,
      q.version,
      {
        status: 'accepted',
        decidedAt: now,
        decidedBy: user.id,
        decidedByName: user.displayName,
        acceptedVia: input.via,
        signerName: input.signerName,
        signaturePng: input.via === 'signature' ? (input.signaturePng ?? null) : null,
        decisionReason: input.via === 'staff' ? (input.reason ?? null) : null,
      },
      q,
    );
    if (q.createdBy) await notify(tx, [q.createdBy], 'quote_accepted', { number: q.number, signer: input.signerName }, { entity: 'quote', id: q.id });
    return row;
  });
}

/** The customer declines (in the portal, or staff record it): the job stays unbilled and is not resolved past the exclusion. */
export async function rejectQuote(db: Db, user: Principal, id: string, input: { reason: string }, now = clockNow()) {
  return db.transaction(async (tx) => {
    const q = await lockQuote(tx, user, id, 'reject');
    const row = await updateAudited(
      tx,
      actorOf(user),
      'quote',
      quotes,
      q.id,
      q.version,
      { status: 'rejected', decidedAt: now, decidedBy: user.id, decidedByName: user.displayName, decisionReason: input.reason },
      q,
    );
    if (q.createdBy) await notify(tx, [q.createdBy], 'quote_rejected', { number: q.number, reason: input.reason }, { entity: 'quote', id: q.id });
    return row;
  });
}

/** Daily: sent quotes past their validity expire. The status condition makes a re-run or a second worker change nothing. */
export async function expireQuotes(db: Db, timeZone: string, now = clockNow()) {
  const today = dateIn(now, timeZone);
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(quotes)
      .where(and(eq(quotes.status, 'sent'), lt(quotes.validUntil, today)))
      .for('update', { skipLocked: true });
    for (const q of due) {
      const [after] = await tx
        .update(quotes)
        .set({ status: 'expired', expiredAt: now, version: sql`${quotes.version} + 1`, updatedAt: now })
        .where(and(eq(quotes.id, q.id), eq(quotes.status, 'sent')))
        .returning();
      if (after) await recordAudit(tx, { actor: { id: null, name: 'system' }, entity: 'quote', entityId: q.id, action: 'expire', before: q, after });
    }
    return due.length;
  });
}

// ---- reading -----------------------------------------------------------------------------------

const columns = {
  q: quotes,
  workOrderNumber: workOrders.number,
  customerName: customers.name,
  serialNumber: devices.serialNumber,
  modelName: deviceModels.name,
  exclusionCategory: warrantyExclusions.category,
};
const joined = (ex: Executor) =>
  ex
    .select(columns)
    .from(quotes)
    .innerJoin(workOrders, eq(workOrders.id, quotes.workOrderId))
    .innerJoin(customers, eq(customers.id, quotes.customerId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .leftJoin(warrantyExclusions, eq(warrantyExclusions.id, quotes.exclusionId));
export type QuoteRow = Awaited<ReturnType<typeof joined>>[number];

export interface QuoteFilters {
  q?: string;
  sort?: string;
  status?: Quote['status'];
  basis?: Quote['basis'];
  customerId?: string;
  workOrderId?: string;
}

function whereOf(user: Principal, f: QuoteFilters): SQL | undefined {
  const text = f.q?.trim();
  const p = text ? likePattern(text) : '';
  const scope = customerScope(user);
  return allOf(
    scope === null ? undefined : eq(quotes.customerId, scope),
    // A hospital sees a quote once it is sent, never a draft.
    scope === null ? undefined : sql`${quotes.status} <> 'draft'`,
    f.status ? eq(quotes.status, f.status) : undefined,
    f.basis ? eq(quotes.basis, f.basis) : undefined,
    f.customerId ? eq(quotes.customerId, f.customerId) : undefined,
    f.workOrderId ? eq(quotes.workOrderId, f.workOrderId) : undefined,
    text
      ? sql`(${quotes.number} ilike ${p} or ${workOrders.number} ilike ${p} or ${customers.name} ilike ${p} or ${devices.serialNumber} ilike ${p} or ${deviceModels.name} ilike ${p})`
      : undefined,
  );
}

const SORT = { createdAt: quotes.createdAt, number: quotes.number, validUntil: quotes.validUntil, total: quotes.total } as const;
function orderOf(sort: string | undefined): SQL[] {
  const up = sort !== undefined && !sort.startsWith('-');
  const key = SORT[(sort?.replace(/^-/, '') ?? 'createdAt') as keyof typeof SORT] ?? quotes.createdAt;
  return [up ? sql`${key} asc` : sql`${key} desc`, desc(quotes.id)];
}

export async function listQuotes(ex: Executor, user: Principal, f: QuoteFilters, page: number, pageSize: number) {
  const where = whereOf(user, f);
  const rows = await joined(ex)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(pageSize)
    .offset(offsetOf({ page, pageSize }));
  const [{ n }] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(quotes)
    .innerJoin(workOrders, eq(workOrders.id, quotes.workOrderId))
    .innerJoin(customers, eq(customers.id, quotes.customerId))
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .where(where);
  return { rows, total: Number(n) };
}

export async function exportQuotes(ex: Executor, user: Principal, f: QuoteFilters, limit: number) {
  return joined(ex)
    .where(whereOf(user, f))
    .orderBy(...orderOf(f.sort))
    .limit(limit);
}

export async function getQuote(ex: Executor, user: Principal, id: string): Promise<QuoteRow> {
  const [row] = await joined(ex).where(allOf(eq(quotes.id, id), whereOf(user, {})));
  if (!row) throw notFound();
  return row;
}

export async function exclusionById(ex: Executor, id: string | null): Promise<Exclusion | null> {
  if (!id) return null;
  const [x] = await ex.select().from(warrantyExclusions).where(eq(warrantyExclusions.id, id));
  return x ?? null;
}

/** The work order's money section (exclusion, quotes); 404 for another hospital's job. */
export async function quotesOfWorkOrder(ex: Executor, user: Principal, workOrderId: string) {
  const wo = await loadFor(ex, user, workOrderId);
  const category = await categoryOf(ex, wo.requestId);
  const [latest] = await ex
    .select()
    .from(warrantyExclusions)
    .where(eq(warrantyExclusions.workOrderId, wo.id))
    .orderBy(desc(warrantyExclusions.proposedAt))
    .limit(1);
  const rows = await joined(ex)
    .where(allOf(eq(quotes.workOrderId, wo.id), whereOf(user, {})))
    .orderBy(desc(quotes.createdAt));
  return { wo, category, exclusion: latest ?? null, rows };
}

/** For the PDF: the quote with its work order's device and request. */
export async function quoteForPdf(ex: Executor, user: Principal, id: string) {
  const row = await getQuote(ex, user, id);
  const exclusion = await exclusionById(ex, row.q.exclusionId);
  const [wo] = await ex
    .select({ requestNumber: serviceRequests.number, phenomenon: workOrders.phenomenon })
    .from(workOrders)
    .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
    .where(eq(workOrders.id, row.q.workOrderId));
  return { row, exclusion, requestNumber: wo?.requestNumber ?? '', phenomenon: wo?.phenomenon ?? null };
}
