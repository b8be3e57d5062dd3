// One work order as its screen shows it: the job with its request, device and site, the team
// by name, parts, steps, signatures, reviews, fee, same-day record and what the caller may do.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { customers, deviceModels, devices, serviceRequests, sites, users } from '../../../db/schema.ts';
import type { Principal } from '../../../lib/access.ts';
import { plain } from '../../../lib/plain.ts';
import { holdSummary, openHoldOf } from '../../holds/index.ts';
import { presentSignature, signaturesOf } from '../../signatures/index.ts';
import { abilitiesOf } from '../workorders.abilities.ts';
import { capacities, helpersOf, linksOf, loadFor } from '../workorders.access.ts';
import { arriveDueOf } from '../workorders.appointment.ts';
import { feeWithPayments } from '../workorders.fees.ts';
import { KIND_STATUSES, type WorkOrderKind } from '../workorders.kinds.ts';
import { type Actor, actionsFor, missingForReview, nextSteps, type WorkOrderLinks, type WorkOrderStatus } from '../workorders.rules.ts';
import { sameDayOf } from '../workorders.sameday.ts';
import { workOrderEvents, workOrderParts, workOrderReviews, workOrderSignatures } from '../workorders.tables.ts';

export async function getWorkOrder(ex: Executor, user: Principal, id: string) {
  const wo = await loadFor(ex, user, id);
  const [ctx] = await ex
    .select({
      requestNumber: serviceRequests.number,
      category: serviceRequests.category,
      urgency: serviceRequests.urgency,
      faultDescription: serviceRequests.faultDescription,
      receivedAt: serviceRequests.receivedAt,
      reporterName: serviceRequests.reporterName,
      reporterPhone: serviceRequests.reporterPhone,
      serialNumber: devices.serialNumber,
      modelName: deviceModels.name,
      customerName: customers.name,
      // Where the engineer goes and whom to call (issue 10 item 15): the device's site, else the hospital.
      siteName: sites.name,
      siteAddress: sql<string | null>`coalesce(nullif(${sites.address}, ''), ${customers.address})`,
      deviceLocation: devices.location,
      customerPhone: customers.phone,
      deviceHold: openHoldOf(devices.id),
    })
    .from(serviceRequests)
    .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
    .leftJoin(sites, eq(sites.id, devices.siteId))
    .where(eq(serviceRequests.id, wo.requestId));
  const parts = await ex.select().from(workOrderParts).where(eq(workOrderParts.workOrderId, id)).orderBy(asc(workOrderParts.createdAt));
  const events = await ex.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, id)).orderBy(asc(workOrderEvents.id));
  const signatures = await ex
    .select({
      id: workOrderSignatures.id,
      contentVersion: workOrderSignatures.contentVersion,
      signerName: workOrderSignatures.signerName,
      meaning: workOrderSignatures.meaning,
      signedAt: workOrderSignatures.signedAt,
      contentHash: workOrderSignatures.contentHash,
    })
    .from(workOrderSignatures)
    .where(eq(workOrderSignatures.workOrderId, id))
    .orderBy(asc(workOrderSignatures.contentVersion));
  const reviews = await ex.select().from(workOrderReviews).where(eq(workOrderReviews.workOrderId, id)).orderBy(asc(workOrderReviews.at));
  const helperIds = await helpersOf(ex, id);
  const actors = await capacities(ex, user, wo);
  // The team by name (issue 10 item 7): engineers and hospital users cannot read engineer
  // profiles, so the names travel with the work order itself.
  const team = [wo.leadEngineerId, ...helperIds].filter((x): x is string => Boolean(x));
  const names = new Map(
    team.length ? (await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, team))).map((u) => [u.id, u.name]) : [],
  );
  const fee = await feeWithPayments(ex, wo);
  // Issue 12 item 2: the installation record of an installation job (and the rule it holds the job to).
  const links = await linksOf(ex, wo);
  return {
    ...plain(wo),
    ...ctx,
    receivedAt: ctx.receivedAt.toISOString(),
    deviceHold: holdSummary(ctx.deviceHold),
    helperIds,
    leadName: wo.leadEngineerId ? (names.get(wo.leadEngineerId) ?? null) : null,
    helpers: helperIds.map((h) => ({ id: h, name: names.get(h) ?? '' })),
    installation: links.installation,
    ...stepsOf(wo.status, actors, wo.kind, links),
    abilities: abilitiesOf(user, wo.status, actors, fee, wo.kind, links),
    reviewMissing: missingForReview({ ...wo, category: ctx.category, kind: wo.kind }),
    fee,
    sameDay: await sameDayOf(ex, wo.id),
    parts: parts.map((p) => plain(p)),
    arriveDueAt: (await arriveDueOf(ex, wo.requestId))?.toISOString() ?? null,
    events: events.map((e) => ({ ...e, at: e.at.toISOString(), ...appointmentOfEvent(e.data) })),
    signatures: signatures.map((s) => ({ ...s, signedAt: s.signedAt.toISOString() })),
    reviews: reviews.map((r) => ({ ...r, at: r.at.toISOString() })),
    eSignatures: (await signaturesOf(ex, 'work_order', [id])).map(presentSignature),
  };
}

/** An appointment change recorded on an event (issue 10 item 12), for the step history. */
function appointmentOfEvent(data: unknown): { appointmentAt?: string | null } {
  const d = data as { appointment?: boolean; appointmentAt?: string | null } | null;
  return d?.appointment ? { appointmentAt: d.appointmentAt ?? null } : {};
}

/** The steps the user may take and how to show them, primary first (issue 10 item 10). */
function stepsOf(status: WorkOrderStatus, actors: Actor[], kind: WorkOrderKind, links: WorkOrderLinks) {
  return { nextSteps: nextSteps(status, actors, kind, links), nextActions: actionsFor(status, actors, kind, links) };
}

/**
 * Issue 16 §1: what the screen would offer in each status of the order's kind, for the phone that
 * takes steps offline — the next steps, actions and abilities the server would answer after each
 * step, computed here by the same rules so the web never re-declares them.
 */
export async function statusViewsOf(ex: Executor, user: Principal, id: string) {
  const wo = await loadFor(ex, user, id);
  const actors = await capacities(ex, user, wo);
  const fee = await feeWithPayments(ex, wo);
  const links = await linksOf(ex, wo);
  return [...KIND_STATUSES[wo.kind]].map((status) => ({
    status,
    ...stepsOf(status, actors, wo.kind, links),
    abilities: abilitiesOf(user, status, actors, fee, wo.kind, links),
  }));
}
