// Installation and acceptance (issue 12 item 2, R-IN-1; seed 004 §3, seed 003, seed 002 part 1):
// the notice from sales, the site check that blocks installation until resolved or waived, the
// commissioning report the customer consents to before the engineer leaves, the three-party
// acceptance that starts the warranty and sets off follow-ups and training, and the handover
// dossier due two weeks after acceptance. Every write is one transaction, audited; the row lock
// and the version make concurrent writers wait or get 409.
import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, users, workOrders } from '../../db/schema.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { dateIn } from '../../lib/calendar.ts';
import { clockNow } from '../../lib/clock.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { allOf, insertAudited, likePattern, lockById, offsetOf, updateAudited } from '../../lib/records.ts';
import { createDeviceIn, updateDeviceIn } from '../devices/index.ts';
import { createPlan } from '../followups/index.ts';
import { returnForDefect } from '../returns/index.ts';
import { presentSignature, reauthenticate, recordSignature, signaturesOf, signedContentHash } from '../signatures/index.ts';
import { nextNumber } from '../system/index.ts';
import { createSessionIn } from '../training/index.ts';
import { cancelLinkedWorkOrder, createWorkOrderOfKind, replanLinkedWorkOrder } from '../workorders/index.ts';
import { installationsPolicy } from './installations.policy.ts';
import {
  acceptanceComplete,
  acceptanceContent,
  accessoryCovered,
  accessoryWarrantyEnd,
  canTransition,
  type DefectDecision,
  decideWaiver,
  defaultTemplate,
  HANDOVER_ITEMS,
  handoverDueOn,
  handoverOverdue,
  type InstallationStatus,
  isSignaturePng,
  PARTIES,
  type Party,
  SIGNATURE_MEANING,
  type SiteCheckItem,
  siteCheckOutcome,
  type TemplateItem,
  TRAINING_DUE_DAYS,
} from './installations.rules.ts';
import {
  accessoryTerms,
  type CommissioningItem,
  type HandoverItem,
  installationSignatures,
  installations,
  installationTemplates,
} from './installations.tables.ts';

export type Installation = typeof installations.$inferSelect;
/** Seed 003 包修、包换、包退: the decision as the return/exchange job names it. */
const DEFECT_LABEL: Record<DefectDecision, string> = { repair: '包修', exchange: '包换', return: '包退' };
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });

// ---- templates -------------------------------------------------------------------------------

/** The model's template, else its category's, else the default (radiotherapy rooms get theirs). */
export async function templateFor(ex: Executor, kind: 'site_check' | 'commissioning', modelId: string): Promise<TemplateItem[]> {
  const [m] = await ex.select({ category: deviceModels.category }).from(deviceModels).where(eq(deviceModels.id, modelId));
  const rows = await ex
    .select()
    .from(installationTemplates)
    .where(
      and(
        eq(installationTemplates.kind, kind),
        sql`(${installationTemplates.modelId} = ${modelId} or ${installationTemplates.category} = ${m?.category ?? ''})`,
      ),
    );
  const own = rows.find((r) => r.modelId === modelId) ?? rows.find((r) => r.category === m?.category);
  return own?.items ?? defaultTemplate(kind, m?.category ?? null);
}

export async function listTemplates(ex: Executor) {
  return ex.select().from(installationTemplates).orderBy(installationTemplates.kind, installationTemplates.category, installationTemplates.createdAt);
}

/** The service manager edits a template per model or category (one per scope; a new save replaces it, audited). */
export async function saveTemplate(
  db: Db,
  user: Principal,
  input: { kind: 'site_check' | 'commissioning'; modelId?: string | null; category?: string | null; items: TemplateItem[] },
) {
  if (!input.modelId === !input.category) throw invalidField('modelId', 'required');
  const keys = new Set(input.items.map((i) => i.key));
  if (keys.size !== input.items.length) throw invalidField('items', 'duplicate');
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(installationTemplates)
      .where(
        and(
          eq(installationTemplates.kind, input.kind),
          input.modelId ? eq(installationTemplates.modelId, input.modelId) : eq(installationTemplates.category, input.category as string),
        ),
      )
      .for('update');
    if (existing)
      return updateAudited(tx, actorOf(user), 'installation_template', installationTemplates, existing.id, existing.version, { items: input.items }, existing);
    return insertAudited(tx, actorOf(user), 'installation_template', installationTemplates, {
      kind: input.kind,
      modelId: input.modelId ?? null,
      category: input.category ?? null,
      items: input.items,
    });
  });
}

// ---- reading ---------------------------------------------------------------------------------

// The linked work orders (issue 12 items 2 and 5) are read through db/schema.ts, never written here.
const wo = alias(workOrders, 'inst_wo');
const lead = alias(users, 'inst_wo_lead');
const dwo = alias(workOrders, 'inst_defect_wo');

const listColumns = {
  i: installations,
  serialNumber: devices.serialNumber,
  udi: devices.udi,
  modelId: devices.modelId,
  modelName: deviceModels.name,
  category: deviceModels.category,
  customerName: customers.name,
  engineerName: users.displayName,
  woNumber: wo.number,
  woStatus: wo.status,
  woLeadId: wo.leadEngineerId,
  woLeadName: lead.displayName,
  dwoNumber: dwo.number,
  dwoStatus: dwo.status,
};

function joined(ex: Executor) {
  return ex
    .select(listColumns)
    .from(installations)
    .innerJoin(devices, eq(devices.id, installations.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, installations.customerId))
    .leftJoin(users, eq(users.id, installations.engineerId))
    .leftJoin(wo, eq(wo.id, installations.workOrderId))
    .leftJoin(lead, eq(lead.id, wo.leadEngineerId))
    .leftJoin(dwo, eq(dwo.id, installations.defectWorkOrderId));
}
type Row = Awaited<ReturnType<typeof joined>>[number];

function scope(user: Principal): SQL | undefined {
  const c = customerScope(user);
  return c === null ? undefined : eq(installations.customerId, c);
}

function view(r: Row, today: string) {
  const { i, woNumber, woStatus, woLeadId: _lead, woLeadName, dwoNumber, dwoStatus, ...names } = r;
  return {
    ...i,
    ...names,
    // Issue 12 item 2: the installation work order the notice opened (dispatch board, 安装调试报告).
    workOrder: i.workOrderId && woNumber && woStatus ? { id: i.workOrderId, number: woNumber, status: woStatus, leadName: woLeadName ?? null } : null,
    // Seed 003 包修、包换、包退: the return/exchange job a defect decision opened.
    defectWorkOrder: i.defectWorkOrderId && dwoNumber && dwoStatus ? { id: i.defectWorkOrderId, number: dwoNumber, status: dwoStatus } : null,
    handoverOverdue: handoverOverdue(i.handoverDueOn, i.status === 'handed_over', today),
  };
}

export interface ListFilter {
  q?: string;
  status?: InstallationStatus;
  customerId?: string;
  deviceId?: string;
  handoverOverdue?: boolean;
  page: number;
  pageSize: number;
}

export async function listInstallations(db: Executor, user: Principal, f: ListFilter, timeZone: string, now = clockNow()) {
  const today = dateIn(now, timeZone);
  const pattern = f.q?.trim() ? likePattern(f.q.trim()) : undefined;
  const where = allOf(
    scope(user),
    pattern
      ? sql`(${installations.number} ilike ${pattern} or ${devices.serialNumber} ilike ${pattern} or ${customers.name} ilike ${pattern} or ${deviceModels.name} ilike ${pattern} or ${installations.siteAddress} ilike ${pattern})`
      : undefined,
    f.status ? eq(installations.status, f.status) : undefined,
    f.customerId ? eq(installations.customerId, f.customerId) : undefined,
    f.deviceId ? eq(installations.deviceId, f.deviceId) : undefined,
    f.handoverOverdue ? and(eq(installations.status, 'accepted'), lt(installations.handoverDueOn, today)) : undefined,
  );
  const rows = await joined(db).where(where).orderBy(desc(installations.createdAt), desc(installations.id)).limit(f.pageSize).offset(offsetOf(f));
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(installations)
    .innerJoin(devices, eq(devices.id, installations.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, installations.customerId))
    .where(where);
  return { items: rows.map((r) => view(r, today)), total: Number(n), totalExact: true, page: f.page, pageSize: f.pageSize };
}

/** Accepted installations whose handover dossier is past its due date (the manager's home count). */
export async function overdueHandovers(db: Executor, user: Principal, timeZone: string, now = clockNow()): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(installations)
    .where(allOf(scope(user), eq(installations.status, 'accepted'), lt(installations.handoverDueOn, dateIn(now, timeZone))));
  return Number(n);
}

async function loadRow(ex: Executor, user: Principal, id: string): Promise<Row> {
  const [row] = await joined(ex).where(allOf(eq(installations.id, id), scope(user)));
  if (!row) throw notFound();
  return row;
}

export async function getInstallation(db: Executor, user: Principal, id: string, timeZone: string, now = clockNow()) {
  const row = await loadRow(db, user, id);
  const signatures = await db
    .select({
      party: installationSignatures.party,
      meaning: installationSignatures.meaning,
      signerName: installationSignatures.signerName,
      signedAt: installationSignatures.signedAt,
      contentHash: installationSignatures.contentHash,
    })
    .from(installationSignatures)
    .where(eq(installationSignatures.installationId, id))
    .orderBy(asc(installationSignatures.signedAt));
  const eSignatures = (await signaturesOf(db, 'installation', [id])).map(presentSignature);
  const siteCheckTemplate = await templateFor(db, 'site_check', row.modelId);
  const commissioningTemplate = await templateFor(db, 'commissioning', row.modelId);
  const i = row.i;
  return {
    ...view(row, dateIn(now, timeZone)),
    signatures: signatures.map((s) => ({ ...s, signedAt: s.signedAt.toISOString() })),
    eSignatures,
    siteCheckTemplate,
    commissioningTemplate,
    handoverTemplate: HANDOVER_ITEMS,
    abilities: abilitiesOf(
      user,
      i.status,
      signatures.map((s) => s.party),
      row.woStatus,
    ),
  };
}

/** What the caller may do here now, by policy and state (the web shows its buttons by these). */
export function abilitiesOf(user: Principal, status: InstallationStatus, signed: string[], workOrderStatus: string | null = null) {
  // Issue 12 item 2: on site only once the installation work order is dispatched (assertDispatched).
  const work = can(user, installationsPolicy, 'work');
  const sent = workOrderStatus !== 'new';
  const manage = can(user, installationsPolicy, 'manage');
  const hospital = customerScope(user) !== null;
  const signable = (p: Party) => status === 'commissioned' && !signed.includes(p);
  return {
    siteCheck: work && sent && ['notified', 'site_check_failed', 'site_checked'].includes(status),
    waive: manage && status === 'site_check_failed',
    start: work && sent && status === 'site_checked',
    commission: work && sent && status === 'installing',
    signService: work && signable('service'),
    signCustomer: (work || (hospital && can(user, installationsPolicy, 'sign'))) && signable('customer'),
    signQuality: can(user, installationsPolicy, 'signQuality') && signable('quality'),
    correctAcceptance: manage && (status === 'accepted' || status === 'handed_over'),
    handover: work && status === 'accepted',
    defect: work && !['cancelled', 'handed_over'].includes(status),
    cancel: manage && canTransition(status, 'cancelled'),
  };
}

// ---- writes ----------------------------------------------------------------------------------

async function lockFor(tx: Executor, user: Principal, id: string, version: number): Promise<Installation> {
  const c = customerScope(user);
  const row = await lockById(tx, installations, id);
  if (c !== null && row.customerId !== c) throw notFound();
  if (row.version !== version) throw versionConflict(row.version);
  return row;
}

/** The locked row's change, audited (lockFor already checked the caller's version against it). */
function saveInstallation(tx: Executor, user: Principal, row: Installation, patch: Partial<typeof installations.$inferInsert>) {
  return updateAudited(tx, actorOf(user), 'installation', installations, row.id, row.version, patch, row);
}

function step(row: Installation, to: InstallationStatus) {
  if (!canTransition(row.status, to)) throw new AppError(409, 'installation_bad_transition', { from: row.status, to });
}

/**
 * Issue 12 item 2: site check, start and commissioning happen on site, so the installation work
 * order must have been dispatched first — the engineer is sent before the record moves. A row from
 * before migration 0045 has no work order and is not held back.
 */
async function assertDispatched(tx: Executor, row: Installation) {
  if (!row.workOrderId) return;
  const [w] = await tx.select({ status: workOrders.status, number: workOrders.number }).from(workOrders).where(eq(workOrders.id, row.workOrderId));
  if (w?.status === 'new') throw new AppError(409, 'installation_not_dispatched', { number: w.number });
}

export interface NewNotice {
  deviceId?: string | null;
  device?: { serialNumber: string; udi?: string | null; modelId: string; departmentId?: string | null; siteId?: string | null } | null;
  customerId: string;
  siteAddress: string;
  plannedDate: string;
  salesContact: string;
  notes?: string | null;
  engineerId?: string | null;
}

/** 安装通知 (R-IN-1): a sold unit — registered, or registered now from its serial/UDI and model. */
export async function createNotice(db: Db, user: Principal, input: NewNotice, timeZone = 'Asia/Shanghai', now = clockNow()) {
  if (!input.deviceId === !input.device) throw invalidField('deviceId', 'required');
  const actor = actorOf(user);
  return db.transaction(async (tx) => {
    let deviceId = input.deviceId ?? null;
    if (deviceId) {
      const [d] = await tx.select({ customerId: devices.customerId }).from(devices).where(eq(devices.id, deviceId));
      if (!d) throw invalidField('deviceId', 'invalid_reference');
      if (d.customerId !== input.customerId) throw invalidField('deviceId', 'customer_mismatch');
    } else if (input.device) {
      // Not in service before acceptance: held until the acceptance switches it to in_service.
      const created = await createDeviceIn(tx, actor, {
        serialNumber: input.device.serialNumber,
        udi: input.device.udi ?? null,
        modelId: input.device.modelId,
        customerId: input.customerId,
        departmentId: input.device.departmentId ?? null,
        siteId: input.device.siteId ?? null,
        location: null,
        installDate: null,
        acceptanceDate: null,
        warrantyEnd: null,
        softwareVersion: null,
        notes: null,
        status: 'safety_hold',
      });
      deviceId = created.id;
    }
    if (input.engineerId) await assertStaff(tx, input.engineerId, 'engineerId');
    const number = await nextNumber(tx, 'AZ', Number(dateIn(now, timeZone).slice(0, 4)));
    // Issue 12 item 2: the notice opens its installation work order in the same transaction — on
    // the dispatch board undispatched, its 1–3 working-day clock running from the notice (seed 003).
    const [m] = await tx
      .select({ name: deviceModels.name, serialNumber: devices.serialNumber })
      .from(devices)
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
      .where(eq(devices.id, deviceId as string));
    const job = await createWorkOrderOfKind(
      tx,
      user,
      {
        kind: 'installation',
        deviceId: deviceId as string,
        description: [`安装调试（${number}）：${m.name} ${m.serialNumber}`, `安装地点：${input.siteAddress}`, input.notes?.trim() || null]
          .filter(Boolean)
          .join('\n'),
        plannedDate: input.plannedDate,
        contactName: input.salesContact,
        notifiedAt: now.toISOString(),
      },
      timeZone,
      now,
    );
    return insertAudited(tx, actor, 'installation', installations, {
      number,
      workOrderId: job.id,
      deviceId: deviceId as string,
      customerId: input.customerId,
      siteAddress: input.siteAddress,
      plannedDate: input.plannedDate,
      salesContact: input.salesContact,
      notes: input.notes ?? null,
      engineerId: input.engineerId ?? null,
      createdById: user.id,
    });
  });
}

async function assertStaff(tx: Executor, id: string, field: string) {
  const [u] = await tx.select({ customerId: users.customerId, active: users.active }).from(users).where(eq(users.id, id));
  if (!u || u.customerId !== null) throw invalidField(field, 'invalid_reference');
}

export async function updateNotice(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; plannedDate?: string; siteAddress?: string; salesContact?: string; notes?: string | null; engineerId?: string | null },
) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    if (row.status === 'cancelled' || row.status === 'handed_over')
      throw new AppError(409, 'installation_bad_transition', { from: row.status, to: row.status });
    if (input.engineerId) await assertStaff(tx, input.engineerId, 'engineerId');
    const { version, ...patch } = input;
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const updated = await saveInstallation(tx, user, row, clean);
    // The installation job is planned for the notice's day: a new date moves the job with it.
    if (input.plannedDate && row.workOrderId) await replanLinkedWorkOrder(tx, user, row.workOrderId, input.plannedDate);
    return updated;
  });
}

/** Site check results (R-IN-1): every item of the model's template pass/fail with a note; a failed one blocks. */
export async function recordSiteCheck(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; items: { key: string; result: 'pass' | 'fail'; note?: string | null }[] },
  now = clockNow(),
) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    await assertDispatched(tx, row);
    const [d] = await tx.select({ modelId: devices.modelId }).from(devices).where(eq(devices.id, row.deviceId));
    const template = await templateFor(tx, 'site_check', d.modelId);
    const earlier = new Map(row.siteCheck.map((i) => [i.key, i]));
    const items: SiteCheckItem[] = [];
    for (const [n, it] of input.items.entries()) {
      const t = template.find((x) => x.key === it.key);
      if (!t) throw invalidField(`items.${n}.key`, 'invalid');
      if (it.result === 'fail' && !it.note?.trim()) throw invalidField(`items.${n}.note`, 'required');
      const prev = earlier.get(it.key);
      // A waiver stands while the item stays failed; a re-check that passes resolves it.
      items.push({
        key: t.key,
        label: t.label,
        result: it.result,
        note: it.note?.trim() || null,
        waiver: it.result === 'fail' ? (prev?.waiver ?? null) : null,
      });
    }
    const out = siteCheckOutcome(template, items);
    if (out.missing.length)
      throw new AppError(
        422,
        'site_check_incomplete',
        { missing: out.missing.join(', ') },
        out.missing.map((k) => ({ field: `items.${k}`, code: 'required' as const })),
      );
    step(row, out.status);
    return saveInstallation(tx, user, row, { siteCheck: items, status: out.status, siteCheckedAt: now });
  });
}

/** A manager waives a failed site-check item with a reason (R-IN-1), audited; no blocker left → site_checked. */
export async function waiveSiteCheckItem(db: Db, user: Principal, id: string, input: { version: number; key: string; reason: string }, now = clockNow()) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    if (row.status !== 'site_check_failed') throw new AppError(409, 'installation_bad_transition', { from: row.status, to: 'site_checked' });
    const item = row.siteCheck.find((i) => i.key === input.key);
    const w = decideWaiver(item, input.reason);
    if (!w.ok) throw w.code === 'required' ? invalidField(w.field, 'required') : invalidField(w.field, 'invalid');
    const items = row.siteCheck.map((i) =>
      i.key === input.key ? { ...i, waiver: { reason: input.reason.trim(), byName: user.displayName, at: now.toISOString() } } : i,
    );
    const blocking = items.filter((i) => i.result === 'fail' && !i.waiver);
    const status = blocking.length === 0 ? 'site_checked' : 'site_check_failed';
    const next = await saveInstallation(tx, user, row, { siteCheck: items, status });
    await recordAudit(tx, {
      actor: actorOf(user),
      entity: 'installation',
      entityId: id,
      action: 'waive_site_check',
      after: { key: input.key, reason: input.reason.trim() },
    });
    return next;
  });
}

export async function startInstallation(db: Db, user: Principal, id: string, input: { version: number }, now = clockNow()) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    await assertDispatched(tx, row);
    const blocking = row.siteCheck.filter((i) => i.result === 'fail' && !i.waiver);
    if (row.status === 'site_check_failed' || blocking.length)
      throw new AppError(409, 'site_check_blocking', { items: blocking.map((b) => b.label).join('、') });
    step(row, 'installing');
    return saveInstallation(tx, user, row, { status: 'installing', installStartedAt: now, engineerId: row.engineerId ?? user.id });
  });
}

function requireSignature(field: string, png: string | null | undefined, name: string | null | undefined, nameField: string) {
  if (!name?.trim()) throw new AppError(422, 'signature_required', { field: nameField }, [{ field: nameField, code: 'required' }]);
  if (!png) throw new AppError(422, 'signature_required', { field }, [{ field, code: 'required' }]);
  if (!isSignaturePng(png)) throw new AppError(422, 'validation_failed', {}, [{ field, code: 'invalid' }]);
}

/**
 * The commissioning report (安装调试): measured results per test item; seed 003 — the written
 * results go to the customer and the customer's consent is recorded before the engineer leaves,
 * so it cannot complete without the consent (name + drawn signature).
 */
export async function commission(
  db: Db,
  user: Principal,
  id: string,
  input: {
    version: number;
    items: { key: string; measured: string; passed: boolean }[];
    consent?: { name?: string | null; signaturePng?: string | null } | null;
  },
  now = clockNow(),
) {
  requireSignature('consent.signaturePng', input.consent?.signaturePng, input.consent?.name, 'consent.name');
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    step(row, 'commissioned');
    await assertDispatched(tx, row);
    const [d] = await tx.select({ modelId: devices.modelId }).from(devices).where(eq(devices.id, row.deviceId));
    const template = await templateFor(tx, 'commissioning', d.modelId);
    const items: CommissioningItem[] = [];
    for (const t of template) {
      const n = input.items.findIndex((x) => x.key === t.key);
      if (n < 0) throw invalidField(`items.${t.key}`, 'required');
      items.push({ key: t.key, label: t.label, expected: t.expected ?? null, measured: input.items[n].measured, passed: input.items[n].passed });
    }
    const failed = items.filter((i) => !i.passed);
    if (failed.length)
      throw new AppError(
        422,
        'commissioning_failed',
        { items: failed.map((f) => f.label).join('、') },
        failed.map((f) => ({ field: `items.${f.key}`, code: 'invalid' as const })),
      );
    const name = input.consent?.name?.trim() ?? '';
    const next = await saveInstallation(tx, user, row, {
      commissioning: items,
      consentName: name,
      consentAt: now,
      commissionedAt: now,
      status: 'commissioned',
    });
    await tx.insert(installationSignatures).values({
      installationId: id,
      party: 'consent',
      meaning: '已收到书面测试结果，同意工程师撤离现场',
      signerName: name,
      signerUserId: customerScope(user) !== null ? user.id : null,
      signedAt: now,
      imagePng: input.consent?.signaturePng as string,
    });
    return next;
  });
}

/**
 * One of the three acceptance signatures (R-IN-1). The third one accepts the device in the same
 * transaction: acceptance date (warranty end derived by the devices module), in_service, the
 * installation follow-up plan (seed 000: +24 h, +48 h …), training due, handover due (+14 days).
 */
export async function signAcceptance(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; party: Party; signerName?: string | null; signaturePng?: string | null; password?: string | null },
  timeZone: string,
  now = clockNow(),
) {
  const hospital = customerScope(user) !== null;
  const allowed =
    input.party === 'quality'
      ? can(user, installationsPolicy, 'signQuality')
      : input.party === 'service'
        ? !hospital && can(user, installationsPolicy, 'work')
        : can(user, installationsPolicy, 'work') || (hospital && can(user, installationsPolicy, 'sign'));
  if (!allowed) throw forbidden();
  // R-AU-1: a staff party (service, quality) signs as itself — its own password again, before the
  // transaction (wrong → 422 naming password, nothing written). The customer has no account (see
  // acceptanceContent).
  const staff = input.party !== 'customer';
  if (staff) await reauthenticate(db, user, input.password);
  return db.transaction(async (tx) => {
    // The record first (another hospital's answers 404 like a missing one), then the signature.
    const row = await lockFor(tx, user, id, input.version);
    requireSignature('signaturePng', input.signaturePng, input.signerName, 'signerName');
    if (row.status !== 'commissioned') throw new AppError(409, 'installation_bad_transition', { from: row.status, to: 'accepted' });
    const signed = (
      await tx.select({ party: installationSignatures.party }).from(installationSignatures).where(eq(installationSignatures.installationId, id))
    ).map((s) => s.party);
    if (signed.includes(input.party)) throw new AppError(409, 'installation_already_signed', { party: input.party });
    const signerName = (input.signerName as string).trim();
    const [unit] = await tx.select({ serialNumber: devices.serialNumber }).from(devices).where(eq(devices.id, row.deviceId));
    const content = acceptanceContent({
      number: row.number,
      serialNumber: unit.serialNumber,
      commissioning: row.commissioning,
      acceptanceDate: dateIn(now, timeZone),
      party: input.party,
      signerName,
    });
    const contentHash = staff
      ? (await recordSignature(tx, user, { meaning: 'acceptance', entity: 'installation', entityId: id, content })).contentHash
      : signedContentHash({ ...content, signedAt: now.toISOString() });
    const [sig] = await tx
      .insert(installationSignatures)
      .values({
        installationId: id,
        party: input.party,
        meaning: SIGNATURE_MEANING[input.party],
        signerName,
        signerUserId: user.id,
        signedAt: now,
        imagePng: input.signaturePng as string,
        contentHash,
      })
      .returning();
    const { imagePng: _img, ...auditable } = sig;
    await recordAudit(tx, { actor: actorOf(user), entity: 'installation_signature', entityId: sig.id, action: 'sign', after: auditable });
    const parties = [...signed, input.party].filter((p): p is Party => (PARTIES as readonly string[]).includes(p));
    if (!acceptanceComplete(parties)) {
      return saveInstallation(tx, user, row, {});
    }
    return accept(tx, user, row, timeZone, now);
  });
}

async function accept(tx: Executor, user: Principal, row: Installation, timeZone: string, now: Date) {
  const actor = actorOf(user);
  const acceptanceDate = dateIn(now, timeZone);
  const [d] = await tx.select().from(devices).where(eq(devices.id, row.deviceId)).for('update');
  // The devices module derives the warranty end from the acceptance date and audits the change.
  await updateDeviceIn(tx, actor, d.id, {
    version: d.version,
    acceptanceDate,
    installDate: d.installDate ?? (row.installStartedAt ? dateIn(row.installStartedAt, timeZone) : acceptanceDate),
    status: 'in_service',
  });
  // Seed 000: installation follow-ups at +24 h and +48 h, then by the quality of the answers.
  await createPlan(tx, actor, { deviceId: d.id, customerId: d.customerId, serviceType: 'installation', completedAt: now, ownerId: row.engineerId });
  // The warranty-period visit cadence is planned by the followups sweep from the device's new
  // acceptance date (care_pending_devices, migration 0024): nothing to add here.
  const trainingDueAt = DateTime.fromJSDate(now).plus({ days: TRAINING_DUE_DAYS }).toJSDate();
  // R-TR-1 / seed 003 (免费为客户的操作人员进行现场技术培训): the operator training is planned now,
  // on the day it falls due, for the device's model and the customer, given by the engineer who
  // installed it (else the work order's lead, else whoever registered the notice or signs last).
  const [m] = await tx.select({ id: deviceModels.id, name: deviceModels.name }).from(deviceModels).where(eq(deviceModels.id, d.modelId));
  const [job] = row.workOrderId ? await tx.select({ leadId: workOrders.leadEngineerId }).from(workOrders).where(eq(workOrders.id, row.workOrderId)) : [];
  const trainerId = row.engineerId ?? job?.leadId ?? row.createdById ?? user.id;
  const session = await createSessionIn(tx, actor, {
    customerId: d.customerId,
    departmentId: d.departmentId ?? null,
    modelId: m.id,
    deviceIds: [d.id],
    title: `${m.name} 操作培训`,
    heldOn: dateIn(trainingDueAt, timeZone),
    place: row.siteAddress,
    trainerId,
    syllabus: [`操作培训：${m.name}`, '开关机与日常操作', '日常保养与清洁', '常见报警与处理', '安全注意事项'].join('\n'),
  });
  return updateAudited(
    tx,
    actor,
    'installation',
    installations,
    row.id,
    row.version,
    {
      status: 'accepted',
      acceptedAt: now,
      acceptanceDate,
      trainingDueAt,
      trainingSessionId: session.id,
      handoverDueOn: handoverDueOn(acceptanceDate),
      handover: HANDOVER_ITEMS.map((t) => ({ key: t.key, label: t.label, done: false, note: null })),
    },
    row,
  );
}

/** A manager corrects the acceptance date with a reason; the devices module moves the warranty end (issue 10 item 2). */
export async function correctAcceptanceDate(db: Db, user: Principal, id: string, input: { version: number; acceptanceDate: string; reason: string }) {
  if (!input.reason.trim()) throw invalidField('reason', 'required');
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    if (row.status !== 'accepted' && row.status !== 'handed_over') throw new AppError(409, 'installation_bad_transition', { from: row.status, to: 'accepted' });
    const [d] = await tx.select().from(devices).where(eq(devices.id, row.deviceId)).for('update');
    await updateDeviceIn(tx, actorOf(user), d.id, { version: d.version, acceptanceDate: input.acceptanceDate });
    const next = await saveInstallation(tx, user, row, { acceptanceDate: input.acceptanceDate, handoverDueOn: handoverDueOn(input.acceptanceDate) });
    await recordAudit(tx, {
      actor: actorOf(user),
      entity: 'installation',
      entityId: id,
      action: 'correct_acceptance_date',
      before: { acceptanceDate: row.acceptanceDate },
      after: { acceptanceDate: input.acceptanceDate, reason: input.reason.trim() },
    });
    return next;
  });
}

/** The handover dossier (seed 002): items done / not with notes; all done → handed over. */
export async function updateHandover(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; items: { key: string; done: boolean; note?: string | null }[] },
  now = clockNow(),
) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    if (row.status !== 'accepted') throw new AppError(409, 'installation_bad_transition', { from: row.status, to: 'handed_over' });
    const items: HandoverItem[] = row.handover.map((h) => {
      const it = input.items.find((x) => x.key === h.key);
      return it ? { ...h, done: it.done, note: it.note?.trim() || null } : h;
    });
    for (const [n, it] of input.items.entries()) if (!row.handover.some((h) => h.key === it.key)) throw invalidField(`items.${n}.key`, 'invalid');
    const complete = items.every((i) => i.done);
    return saveInstallation(tx, user, row, { handover: items, ...(complete ? { status: 'handed_over' as const, handedOverAt: now } : {}) });
  });
}

/**
 * Dead on arrival / installation defect (seed 003: 开箱检验、安装调试…包修、包换、包退): the defect
 * and the decision, and in the same transaction the work order that carries it out, with the
 * installation job as its origin (issue 12 item 2; free, workorders.kinds categoryForKind).
 * Why every decision opens a `return_exchange` job, 包修 included: a repair-kind job only comes
 * from a registered service request (R-REQ-1, not a direct kind), and the return/exchange kind
 * already has what a repair of a new unit needs — parts, the workshop (taken_back), the
 * 退换货记录 report and the free category for a defect found at installation; the decision itself
 * (包修/包换/包退) heads its description. One defect opens one job: a changed decision keeps it.
 * A row from before migration 0045 has no installation job to name as origin and opens none.
 * The defect also registers the unit's return/exchange record (returns module, R-REG-4).
 */
export async function recordDefect(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; defect: string; decision: DefectDecision },
  timeZone = 'Asia/Shanghai',
  now = clockNow(),
) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    if (row.status === 'cancelled' || row.status === 'handed_over')
      throw new AppError(409, 'installation_bad_transition', { from: row.status, to: row.status });
    let defectWorkOrderId = row.defectWorkOrderId;
    if (!defectWorkOrderId && row.workOrderId) {
      const job = await createWorkOrderOfKind(
        tx,
        user,
        {
          kind: 'return_exchange',
          deviceId: row.deviceId,
          description: `${DEFECT_LABEL[input.decision]}（${row.number}）：${input.defect.trim()}`,
          originWorkOrderId: row.workOrderId,
          contactName: row.salesContact,
          notifiedAt: now.toISOString(),
        },
        timeZone,
        now,
      );
      defectWorkOrderId = job.id;
    }
    // R-REG-4 (issue 14 §4): the DOA lands in returns and exchanges — one return record for the
    // installation, linked to it and to the job, in this same transaction.
    await returnForDefect(
      tx,
      user,
      {
        installationId: row.id,
        installationNumber: row.number,
        deviceId: row.deviceId,
        decision: input.decision,
        defect: input.defect,
        workOrderId: defectWorkOrderId,
      },
      now,
    );
    return saveInstallation(tx, user, row, { defect: input.defect, defectDecision: input.decision, defectAt: now, defectWorkOrderId });
  });
}

export async function cancelInstallation(db: Db, user: Principal, id: string, input: { version: number; reason: string }, now = clockNow()) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, user, id, input.version);
    step(row, 'cancelled');
    // Issue 12 item 2: the installation job goes with it, same reason, same transaction.
    if (row.workOrderId) await cancelLinkedWorkOrder(tx, user, row.workOrderId, input.reason, now);
    return saveInstallation(tx, user, row, { status: 'cancelled', cancelledAt: now, cancelReason: input.reason });
  });
}

/** Signature images of an installation for its PDFs. */
export async function signaturesWithImages(ex: Executor, id: string) {
  return ex.select().from(installationSignatures).where(eq(installationSignatures.installationId, id)).orderBy(asc(installationSignatures.signedAt));
}

// ---- per-accessory warranty ------------------------------------------------------------------

export async function listAccessoryTerms(ex: Executor, modelId?: string) {
  return ex
    .select({ term: accessoryTerms, modelName: deviceModels.name })
    .from(accessoryTerms)
    .innerJoin(deviceModels, eq(deviceModels.id, accessoryTerms.modelId))
    .where(modelId ? eq(accessoryTerms.modelId, modelId) : undefined)
    .orderBy(deviceModels.name, accessoryTerms.name)
    .then((rows) => rows.map((r) => ({ ...r.term, modelName: r.modelName })));
}

export async function addAccessoryTerm(
  db: Db,
  user: Principal,
  input: { modelId: string; name: string; partNumber?: string | null; months: number; consumable: boolean },
) {
  return db.transaction((tx) => insertAudited(tx, actorOf(user), 'accessory_term', accessoryTerms, { ...input, partNumber: input.partNumber ?? null }));
}

export async function changeAccessoryTerm(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; name?: string; partNumber?: string | null; months?: number; consumable?: boolean },
) {
  const { version, ...patch } = input;
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return db.transaction((tx) => updateAudited(tx, actorOf(user), 'accessory_term', accessoryTerms, id, version, clean));
}

/** The accessory warranties of one unit on a date (seed 003): each term's end from the acceptance date, consumables excluded. */
export async function deviceAccessoryWarranty(db: Executor, user: Principal, deviceId: string, timeZone: string, now = clockNow()) {
  const c = customerScope(user);
  const [d] = await db
    .select({ modelId: devices.modelId, acceptanceDate: devices.acceptanceDate })
    .from(devices)
    .where(allOf(eq(devices.id, deviceId), c === null ? undefined : eq(devices.customerId, c)));
  if (!d) throw notFound();
  const today = dateIn(now, timeZone);
  const terms = await db.select().from(accessoryTerms).where(eq(accessoryTerms.modelId, d.modelId)).orderBy(accessoryTerms.name);
  const [inst] = await db
    .select({ id: installations.id, number: installations.number, status: installations.status })
    .from(installations)
    .where(
      and(
        eq(installations.deviceId, deviceId),
        inArray(installations.status, ['notified', 'site_check_failed', 'site_checked', 'installing', 'commissioned', 'accepted', 'handed_over']),
      ),
    )
    .orderBy(desc(installations.createdAt))
    .limit(1);
  return {
    acceptanceDate: d.acceptanceDate,
    installation: inst ?? null,
    items: terms.map((t) => ({
      id: t.id,
      name: t.name,
      partNumber: t.partNumber,
      months: t.months,
      consumable: t.consumable,
      warrantyEnd: !t.consumable && d.acceptanceDate ? accessoryWarrantyEnd(d.acceptanceDate, t.months) : null,
      coveredToday: accessoryCovered(t, d.acceptanceDate, today),
    })),
  };
}
