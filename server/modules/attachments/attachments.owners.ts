// The owner-kind registry (issue 12 item 0): which records attachments may hang on, and for each
// how to find its hospital and who may read or add to it — the owner module's own read policy and
// hospital scope, reused. A later capability adds its kind with one call:
//
//   registerAttachmentOwner('training_session', {
//     canRead: (u) => can(u, POLICIES.training, 'read'),
//     canWrite: (u) => can(u, POLICIES.training, 'record'),
//     hospitalOf: async (ex, id) => (await ex.select(...).where(eq(trainingSessions.id, id)))[0]?.customerId,
//   });
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { complaints, deviceModels, devices, installations, serviceRequests, trainingSessions, workOrders } from '../../db/schema.ts';
import { POLICIES } from '../../http/abilities.ts';
import { can, customerScope, type Principal } from '../../lib/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';

export interface AttachmentOwner {
  /** May this caller read attachments of this kind at all (the owner's read policy)? */
  canRead(user: Principal): boolean;
  /** May this caller add to (and replace on) records of this kind? */
  canWrite(user: Principal): boolean;
  /**
   * The record's hospital (customer id); null for a record shared by all (a device model);
   * undefined when no such record exists.
   */
  hospitalOf(ex: Executor, id: string): Promise<string | null | undefined>;
  /**
   * For a shared record (hospitalOf null) that only some hospitals may read — a model document
   * offered to the customers owning the model (issue 15 §5, 办法§17): may this hospital user read it?
   */
  hospitalMayRead?(ex: Executor, id: string, customerId: string): Promise<boolean>;
}

const owners = new Map<string, AttachmentOwner>();

export function registerAttachmentOwner(kind: string, owner: AttachmentOwner) {
  if (!/^[a-z_]{1,40}$/.test(kind)) throw new Error(`attachment owner kind must be lower_snake: ${kind}`);
  owners.set(kind, owner);
}

export const ownerKinds = () => [...owners.keys()];

const first = <T>(rows: T[]) => rows[0];

registerAttachmentOwner('device', {
  canRead: (u) => can(u, POLICIES.devices, 'read'),
  canWrite: (u) => can(u, POLICIES.devices, 'update'),
  hospitalOf: async (ex, id) => first(await ex.select({ c: devices.customerId }).from(devices).where(eq(devices.id, id)))?.c,
});
registerAttachmentOwner('model', {
  canRead: (u) => can(u, POLICIES.models, 'read'),
  canWrite: (u) => can(u, POLICIES.models, 'update'),
  hospitalOf: async (ex, id) => (first(await ex.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.id, id))) ? null : undefined),
});
registerAttachmentOwner('work_order', {
  canRead: (u) => can(u, POLICIES.workorders, 'read'),
  canWrite: (u) => can(u, POLICIES.workorders, 'act'),
  hospitalOf: async (ex, id) => first(await ex.select({ c: workOrders.customerId }).from(workOrders).where(eq(workOrders.id, id)))?.c,
});
registerAttachmentOwner('complaint', {
  canRead: (u) => can(u, POLICIES.complaints, 'read'),
  canWrite: (u) => can(u, POLICIES.complaints, 'register') || can(u, POLICIES.complaints, 'handle'),
  hospitalOf: async (ex, id) => first(await ex.select({ c: complaints.customerId }).from(complaints).where(eq(complaints.id, id)))?.c,
});
registerAttachmentOwner('service_request', {
  canRead: (u) => can(u, POLICIES.requests, 'read'),
  // A hospital reporting a fault may add its photo (R-SR: the portal registers requests).
  canWrite: (u) => can(u, POLICIES.requests, 'register') || can(u, POLICIES.requests, 'respond'),
  hospitalOf: async (ex, id) => first(await ex.select({ c: serviceRequests.customerId }).from(serviceRequests).where(eq(serviceRequests.id, id)))?.c,
});

// Issue 12 item 2: site-check and commissioning photos hang on the installation, ownerPart = the
// checklist item key (or 'handover' / 'acceptance'); the hospital reads its own, like R-IN-1's read.
registerAttachmentOwner('installation', {
  canRead: (u) => can(u, POLICIES.installations, 'read'),
  canWrite: (u) => can(u, POLICIES.installations, 'work') || can(u, POLICIES.installations, 'notify') || can(u, POLICIES.installations, 'manage'),
  hospitalOf: async (ex, id) => first(await ex.select({ c: installations.customerId }).from(installations).where(eq(installations.id, id)))?.c,
});
// Issue 12 item 3: the sign-in sheet and photos of a customer training session (R-TR-1).
registerAttachmentOwner('training_session', {
  canRead: (u) => can(u, POLICIES.training, 'read'),
  canWrite: (u) => can(u, POLICIES.training, 'manage'),
  hospitalOf: async (ex, id) => first(await ex.select({ c: trainingSessions.customerId }).from(trainingSessions).where(eq(trainingSessions.id, id)))?.c,
});

/**
 * Reaching a record's attachments as a caller. A record the caller may not read — another
 * hospital's, or a kind outside their role — answers 404, the same as a record that does not
 * exist (no probing); reading but not writing answers 403.
 */
export async function reachOwner(ex: Executor, user: Principal, kind: string, id: string, mode: 'read' | 'write'): Promise<void> {
  const owner = owners.get(kind);
  if (!owner) throw new AppError(422, 'attachment_owner_unknown', { kind }, [{ field: 'ownerKind', code: 'invalid' }]);
  if (!owner.canRead(user)) throw notFound();
  const hospital = await owner.hospitalOf(ex, id);
  if (hospital === undefined) throw notFound();
  const scope = customerScope(user);
  if (scope !== null && hospital !== null && hospital !== scope) throw notFound();
  if (scope !== null && hospital === null && owner.hospitalMayRead && !(await owner.hospitalMayRead(ex, id, scope))) throw notFound();
  if (mode === 'write' && !owner.canWrite(user)) throw new AppError(403, 'forbidden');
}
