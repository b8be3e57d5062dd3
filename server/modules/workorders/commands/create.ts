// A work order of a kind other than repair, created directly by the office (issue 12 item 1):
// installation, maintenance/inspection, upgrade, training, on-site consultation, return/exchange.
// A repair still comes from a registered service request (R-REQ-1). The job keeps the product's
// shape: an intake record (service_requests row, the 登记簿 entry carrying its category and SLA
// policy) and the work order of that kind, so dispatch, clocks, fees and reports work unchanged.
import { randomUUID } from 'node:crypto';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { contractDevices, contracts, customers, devices, serviceRequests, sites, slaPolicies } from '../../../db/schema.ts';
import { customerScope, type Principal } from '../../../lib/access.ts';
import { AppError } from '../../../lib/errors.ts';
import { allOf, insertAudited } from '../../../lib/records.ts';
import { type CoverageContract, coverageAt } from '../../contracts/index.ts';
import { INSTALLATION_WORKING_DAYS, insertClock, installationDue, loadCalendar, policyById } from '../../sla/index.ts';
import { numberFromSequence } from '../../system/index.ts';
import { auditActor } from '../workorders.access.ts';
import { CREATE_REQUIRED, categoryForKind, DIRECT_KINDS, type WorkOrderKind } from '../workorders.kinds.ts';
import { workOrders } from '../workorders.tables.ts';

export interface CreateOfKindInput {
  kind: WorkOrderKind;
  deviceId: string;
  description: string;
  /** Company-local day the job is planned for (required per kind, workorders.kinds CREATE_REQUIRED). */
  plannedDate?: string | null;
  /** A return/exchange: the job (e.g. the installation) where the defect was found. */
  originWorkOrderId?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  /** When the notice came in (installation: the clock starts here, seed 003); now by default. */
  notifiedAt?: string | null;
}

const required = (field: string) => new AppError(422, 'validation_failed', {}, [{ field, code: 'required' }]);

/**
 * Creates the intake record and the work order of `kind` in the caller's transaction; the
 * installation clock starts at the notice (seed 003: 1–3 working days). Exported for the
 * installations module's installation notice (issue 12 item 2).
 */
export async function createWorkOrderOfKind(tx: Executor, user: Principal, input: CreateOfKindInput, timeZone: string, now = new Date()) {
  const kind = input.kind;
  if (!(DIRECT_KINDS as readonly string[]).includes(kind)) {
    // A repair is registered as a service request (R-REQ-1), which opens its work order.
    throw new AppError(422, 'work_order_kind_not_direct', { kind }, [{ field: 'kind', code: 'invalid' }]);
  }
  for (const f of CREATE_REQUIRED[kind as Exclude<WorkOrderKind, 'repair'>]) if (!input[f]) throw required(f);
  if (!input.description?.trim()) throw required('description');
  const notifiedAt = input.notifiedAt ? new Date(input.notifiedAt) : now;
  if (notifiedAt.getTime() > now.getTime() + 60_000) throw new AppError(422, 'received_in_future', {}, [{ field: 'notifiedAt', code: 'invalid' }]);
  const scope = customerScope(user);
  const actor = auditActor(user);

  const [d] = await tx
    .select({ device: devices, regionClass: sites.regionClass })
    .from(devices)
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(sites, eq(sites.id, devices.siteId))
    .where(allOf(eq(devices.id, input.deviceId), scope === null ? undefined : eq(devices.customerId, scope)))
    .for('update', { of: devices });
  if (!d) throw new AppError(422, 'invalid_reference', { field: 'deviceId' }, [{ field: 'deviceId', code: 'not_found' }]);
  if (d.device.status === 'retired') throw new AppError(422, 'device_retired', {}, [{ field: 'deviceId', code: 'invalid' }]);

  let originKind: WorkOrderKind | null = null;
  if (input.originWorkOrderId) {
    const [o] = await tx
      .select({ kind: workOrders.kind, deviceId: workOrders.deviceId })
      .from(workOrders)
      .where(and(eq(workOrders.id, input.originWorkOrderId), eq(workOrders.customerId, d.device.customerId)));
    // Seed 003 包修、包换、包退: the job it comes from is one on this very unit.
    if (!o || o.deviceId !== d.device.id) {
      throw new AppError(422, 'invalid_reference', { field: 'originWorkOrderId' }, [{ field: 'originWorkOrderId', code: 'not_found' }]);
    }
    originKind = o.kind;
  }

  const covering = await tx
    .select({ id: contracts.id, number: contracts.number, kind: contracts.kind, startDate: contracts.startDate, endDate: contracts.endDate })
    .from(contractDevices)
    .innerJoin(contracts, eq(contracts.id, contractDevices.contractId))
    .where(eq(contractDevices.deviceId, d.device.id));
  const coverage = coverageAt(d.device, covering as CoverageContract[], notifiedAt, timeZone);
  const [policyRow] = await tx
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(and(eq(slaPolicies.isDefault, true), lte(slaPolicies.effectiveFrom, notifiedAt)))
    .orderBy(sql`${slaPolicies.versionNo} desc`)
    .limit(1);
  if (!policyRow) throw new AppError(500, 'internal');
  const policy = await policyById(tx, policyRow.id);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(notifiedAt));

  const request = await insertAudited(tx, actor, 'service_request', serviceRequests, {
    number: numberFromSequence('BX', year) as unknown as string,
    deviceId: d.device.id,
    customerId: d.device.customerId,
    departmentId: d.device.departmentId,
    siteId: d.device.siteId,
    regionClass: d.regionClass ?? 'urban',
    faultDescription: input.description.trim(),
    deviceDown: false,
    channel: 'onsite',
    reporterName: input.contactName?.trim() || user.displayName,
    reporterPhone: input.contactPhone?.trim() || '',
    receivedAt: notifiedAt,
    urgency: 'normal',
    proposedUrgency: 'normal',
    urgencyReason: null,
    category: categoryForKind(kind, coverage.category, originKind),
    contractId: coverage.contractId,
    slaPolicyId: policy.id,
    ownerId: user.id,
    flags: { safetyHold: d.device.status === 'safety_hold', openRequestNumbers: [], notAccepted: d.device.acceptanceDate === null },
  });
  const wo = await insertAudited(tx, actor, 'work_order', workOrders, {
    id: randomUUID(),
    number: request.number.replace(/^BX/, 'WO'),
    requestId: request.id,
    deviceId: request.deviceId,
    customerId: request.customerId,
    kind,
    plannedDate: input.plannedDate ?? null,
    originWorkOrderId: input.originWorkOrderId ?? null,
  });
  if (kind === 'installation') {
    // Seed 003 (R-IN-2): installed and commissioned within 1–3 working days of the notice — the
    // job's restore clock, due at the close of business of the policy's last working day.
    const cal = await loadCalendar(tx, policy.calendarId);
    const days = policy.rules.installationWorkingDays ?? INSTALLATION_WORKING_DAYS;
    const { target } = installationDue(cal, notifiedAt, days);
    await insertClock(tx, cal, policy.rules.warnAt, request.id, 'restore', target, notifiedAt, policy.id);
  }
  return wo;
}
