// Reaching a work order as a caller: loaded within their hospital's scope (locked for a change),
// at the version they saw, in their capacities on it (lead, helper, office, its hospital) and,
// for the on-site record, still editable by them. The commands and queries of the module start here.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { attachments, installations, maintenanceReadings, maintenanceRecords, quotes, warrantyExclusions } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor as AuditActor } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { VisitEvidence } from './workorders.evidence.ts';
import { actorsFor, clientTimeRefusal, FROZEN, type WorkOrderLinks } from './workorders.rules.ts';
import { workOrderHelpers, workOrderSignatures, workOrders } from './workorders.tables.ts';

export type WorkOrder = typeof workOrders.$inferSelect;
export const auditActor = (u: Principal): AuditActor => ({ id: u.id, name: u.displayName });

export async function helpersOf(ex: Executor, id: string) {
  return (await ex.select({ userId: workOrderHelpers.userId }).from(workOrderHelpers).where(eq(workOrderHelpers.workOrderId, id))).map((h) => h.userId);
}

export async function capacities(ex: Executor, user: Principal, wo: WorkOrder) {
  const helpers = await helpersOf(ex, wo.id);
  const assignment = wo.leadEngineerId === user.id ? 'lead' : helpers.includes(user.id) ? 'helper' : null;
  return actorsFor(user.roles, assignment, customerScope(user) === wo.customerId);
}

/**
 * R-WX-1 (issue 15 §4): a job with a confirmed warranty exclusion waits for the customer's accepted
 * quote before it is resolved — read from the quotes tables through db/schema.ts (the quotes module
 * records, this one only checks).
 */
export async function quoteGateOf(ex: Executor, workOrderId: string): Promise<{ awaitingQuote: boolean }> {
  const [x] = await ex
    .select({ id: warrantyExclusions.id })
    .from(warrantyExclusions)
    .where(and(eq(warrantyExclusions.workOrderId, workOrderId), eq(warrantyExclusions.status, 'confirmed')));
  if (!x) return { awaitingQuote: false };
  const [q] = await ex
    .select({ id: quotes.id })
    .from(quotes)
    .where(and(eq(quotes.workOrderId, workOrderId), eq(quotes.status, 'accepted')))
    .limit(1);
  return { awaitingQuote: !q };
}

/**
 * The installation record an installation job was opened for (issue 12 item 2), read from the
 * installations table through db/schema.ts — the workorders module never imports that module, and
 * never writes its rows: the join runs one direction (workorders.rules linkRefusal).
 */
export async function linksOf(ex: Executor, wo: Pick<WorkOrder, 'id' | 'kind'>) {
  const none: {
    installation: { id: string; number: string; status: (typeof installations.$inferSelect)['status'] } | null;
    maintenance?: { evidence: VisitEvidence | null };
    quote: { awaitingQuote: boolean };
  } = { installation: null, quote: await quoteGateOf(ex, wo.id) };
  if (wo.kind === 'maintenance') return { ...none, maintenance: { evidence: await visitEvidenceOf(ex, wo.id) } } satisfies WorkOrderLinks;
  if (wo.kind !== 'installation') return none;
  const [i] = await ex
    .select({ id: installations.id, number: installations.number, status: installations.status })
    .from(installations)
    .where(eq(installations.workOrderId, wo.id));
  return { ...none, installation: i ?? null } satisfies WorkOrderLinks;
}

/** Where a visit photo hangs: an attachment of the work order with this owner part (issue 13 §2). */
export const MAINTENANCE_PHOTO_PART = 'maintenance:photo';

/**
 * Issue 13 §2 (R-PM-2): a maintenance job's evidence, read from the maintenance tables through
 * db/schema.ts like the installation above (the workorders module never imports the maintenance
 * module; the maintenance module records, this one only checks). Null when no record was opened.
 */
export async function visitEvidenceOf(ex: Executor, workOrderId: string): Promise<VisitEvidence | null> {
  const [r] = await ex.select().from(maintenanceRecords).where(eq(maintenanceRecords.workOrderId, workOrderId));
  if (!r) return null;
  const read = new Set(
    (await ex.select({ key: maintenanceReadings.checkKey }).from(maintenanceReadings).where(eq(maintenanceReadings.recordId, r.id))).map((x) => x.key),
  );
  const photos = await ex
    .select({ at: sql<Date>`coalesce(${attachments.takenAt}, ${attachments.uploadedAt})`.mapWith((v) => new Date(v)) })
    .from(attachments)
    .where(
      and(
        eq(attachments.ownerKind, 'work_order'),
        eq(attachments.ownerId, workOrderId),
        eq(attachments.ownerPart, MAINTENANCE_PHOTO_PART),
        eq(attachments.status, 'active'),
      ),
    );
  const [sig] = await ex
    .select({ signerName: workOrderSignatures.signerName, meaning: workOrderSignatures.meaning })
    .from(workOrderSignatures)
    .where(eq(workOrderSignatures.workOrderId, workOrderId))
    .orderBy(desc(workOrderSignatures.signedAt))
    .limit(1);
  return {
    arrivedAt: r.arrivedAt,
    departedAt: r.departedAt,
    tasks: r.tasks.map((t) => ({ key: t.key, label: t.label, marked: Boolean(r.taskResults[t.key]) })),
    checks: r.checks.map((c) => ({ key: c.key, label: c.label, read: read.has(c.key) })),
    photosRequired: r.photosRequired,
    photoTimes: photos.map((p) => p.at),
    signature: sig ?? null,
  };
}

export async function loadFor(ex: Executor, user: Principal, id: string, lock = false): Promise<WorkOrder> {
  const q = ex.select().from(workOrders).where(eq(workOrders.id, id));
  const [wo] = lock ? await q.for('update') : await q;
  const scope = customerScope(user);
  if (!wo || (scope !== null && wo.customerId !== scope)) throw notFound();
  return wo;
}

export function assertVersion(wo: WorkOrder, version: number) {
  if (wo.version !== version) throw new AppError(409, 'version_conflict', { current: wo.version }, undefined, { currentVersion: wo.version });
}

export async function assertEditable(tx: Executor, user: Principal, wo: WorkOrder) {
  if (FROZEN.has(wo.status)) throw new AppError(409, 'work_order_frozen', { status: wo.status });
  if (wo.status === 'cancelled') throw new AppError(409, 'work_order_frozen', { status: wo.status });
  const caps = await capacities(tx, user, wo);
  if (!caps.some((c) => c === 'lead' || c === 'helper' || c === 'manager' || c === 'dispatch')) throw new AppError(403, 'forbidden');
}

/**
 * Issue 16 §1: the time a step happened — the phone's (X-Client-Time, recorded offline and
 * replayed later) when it is within bounds (workorders.rules clientTimeRefusal), else the server's.
 * Out of bounds is a translated 422, nothing changed.
 */
export function stepTime(wo: WorkOrder, clientAt: Date | undefined, receivedAt: Date): Date {
  if (!clientAt) return receivedAt;
  const refusal = clientTimeRefusal(clientAt, receivedAt, wo.createdAt);
  if (refusal) throw new AppError(422, refusal, { at: clientAt.toISOString() });
  return clientAt;
}
