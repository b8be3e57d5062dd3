// Registering a repair request (R-REQ-1..3) in the fewest statements (issue 17 item 1): lock
// the unit; read what it brings (contracts with their policy version, the default policy, open
// requests); insert the request, its number drawn in the same statement; insert the work order
// with the three clocks and their events in one statement; the audit entries go at COMMIT. The
// answer is built from the rows in hand, not read back: five statements with a cached session.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { customers, deviceModels, devices, sites, workOrders } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { type Actor, recordAudit } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { plain } from '../../lib/plain.ts';
import { allOf, insertAudited, updateAudited } from '../../lib/records.ts';
import { type CoverageContract, coverageAt } from '../contracts/index.ts';
import { notify, staffWithRoles } from '../notifications/index.ts';
import type { RegionClass } from '../sla/index.ts';
import { type Clock, calendarAt, policyById, startClocks } from '../sla/index.ts';
import { numberFromSequence } from '../system/index.ts';
import { recipientsForUnit } from '../units/index.ts';
import type { registerRequestBody } from './requests.dto.ts';
import { flagsFor, isOpenRequest, proposeUrgency } from './requests.rules.ts';
import { abilitiesOf } from './requests.service.ts';
import { serviceRequests } from './requests.tables.ts';

const OPEN_STATUSES = ['open', 'dispatched', 'in_progress'] as const;

type Input = z.infer<typeof registerRequestBody>;
type Request = typeof serviceRequests.$inferSelect;
type WorkOrder = typeof workOrders.$inferSelect;

/**
 * A new work order's columns as the table's defaults make them (workorders.tables.ts); the type
 * lists every column, so a column added there must be added here. next_due_at (and at_risk_from) is filled by the
 * sla_clocks trigger at the end of the statement (migration 0031), as when it was inserted alone.
 */
const WORK_ORDER_DEFAULTS: Omit<WorkOrder, 'id' | 'createdAt' | 'updatedAt' | 'number' | 'requestId' | 'deviceId' | 'customerId'> = {
  version: 1,
  status: 'new',
  leadEngineerId: null,
  dispatchedAt: null,
  acceptedAt: null,
  onTheWayAt: null,
  arrivedAt: null,
  resolvedAt: null,
  signedAt: null,
  reviewedAt: null,
  closedAt: null,
  cancelledAt: null,
  phenomenon: null,
  cause: null,
  actions: null,
  testResults: null,
  explanation: null,
  labourMinutes: 0,
  travelMinutes: 0,
  travelKm: null,
  contentVersion: 1,
  appointmentAt: null,
  appointmentEndAt: null,
  nextDueAt: null,
  nextDueKind: null,
  atRiskFrom: null,
  kind: 'repair',
  plannedDate: null,
  degradedAt: null,
  originWorkOrderId: null,
};

export interface Registered {
  requestId: string;
  workOrderId: string;
  clocks: Clock[];
  /** What the create answers (requestDetailDto), built from the rows this transaction wrote. */
  detail: ReturnType<typeof detailOf>;
}

/** A policy version and the version of its calendar (calendars are edited in place). */
interface PolicyRef {
  id: string;
  calendarId: string;
  calendarVersion: number;
}

/**
 * The unit, locked for the rest of the transaction: concurrent registrations on one unit run one
 * after another, so each sees the others' open requests (the duplicate flag). It must exist in
 * the caller's scope and not be retired, and a changed urgency needs a reason.
 */
async function lockRegistrable(tx: Executor, input: Input, scope: string | null) {
  const [d] = await tx
    .select({
      device: devices,
      criticality: deviceModels.criticality,
      // Aliased: two "name" columns would clash where the statement is replayed (bench/write.ts).
      modelName: sql<string>`${deviceModels.name}`.as('model_name'),
      regionClass: sites.regionClass,
      customerName: sql<string>`${customers.name}`.as('customer_name'),
    })
    .from(devices)
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(customers, eq(customers.id, devices.customerId))
    .leftJoin(sites, eq(sites.id, devices.siteId))
    .where(allOf(eq(devices.id, input.deviceId), scope === null ? undefined : eq(devices.customerId, scope)))
    .for('update', { of: devices });
  if (!d) throw new AppError(422, 'invalid_reference', { field: 'deviceId' }, [{ field: 'deviceId', code: 'not_found' }]);
  if (d.device.status === 'retired') throw new AppError(422, 'device_retired', {}, [{ field: 'deviceId', code: 'invalid' }]);
  const proposed = proposeUrgency(d.criticality, input.deviceDown);
  const urgency = input.urgency ?? proposed;
  if (urgency !== proposed && !input.urgencyReason) {
    throw new AppError(422, 'urgency_reason_required', {}, [{ field: 'urgencyReason', code: 'required' }]);
  }
  return { d, proposed, urgency };
}

/**
 * What the locked unit brings, in one statement: its contracts, each with the version of its
 * named SLA policy in force at `at`; the default policy's version in force (policyInForce's
 * fallback); and the numbers of its open requests. Run after the lock, so it sees every
 * registration on the unit that committed while this one waited (a statement of its own: a
 * SELECT … FOR UPDATE reads the rest of its statement from the snapshot taken before the wait).
 */
async function unitFacts(tx: Executor, deviceId: string, at: Date) {
  const ref = (p: string, bc: string) => sql.raw(`json_build_object('id', ${p}.id, 'calendarId', ${p}.calendar_id, 'calendarVersion', ${bc}.version)`);
  const r = await tx.execute(sql`
    select
      coalesce((
        select json_agg(json_build_object('id', c.id, 'number', c.number, 'kind', c.kind, 'startDate', c.start_date, 'endDate', c.end_date, 'policy', (
          select ${ref('p', 'bc')} from sla_policies p join business_calendars bc on bc.id = p.calendar_id
          where p.name = c.sla_policy and p.effective_from <= ${at} order by p.version_no desc limit 1)))
        from contract_devices cd join contracts c on c.id = cd.contract_id where cd.device_id = ${deviceId}), '[]'::json) as contracts,
      (select ${ref('p', 'bc')} from sla_policies p join business_calendars bc on bc.id = p.calendar_id
        where p.is_default and p.effective_from <= ${at} order by p.version_no desc limit 1) as default_policy,
      array(select r.number from service_requests r
        where r.device_id = ${deviceId} and r.status in (${sql.join(
          OPEN_STATUSES.map((s) => sql`${s}`),
          sql`, `,
        )})) as open_numbers`);
  const row = r.rows[0] as { contracts: (CoverageContract & { policy: PolicyRef | null })[]; default_policy: PolicyRef | null; open_numbers: string[] };
  return { contracts: row.contracts, defaultPolicy: row.default_policy, openNumbers: row.open_numbers };
}

export async function registerRequest(db: Db, user: Principal, input: Input, timeZone: string, now = new Date()): Promise<Registered> {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw new AppError(422, 'received_in_future', {}, [{ field: 'receivedAt', code: 'invalid' }]);
  const actor: Actor = { id: user.id, name: user.displayName };
  const scope = customerScope(user);
  // The year of the number is the business calendar's year (a call at 00:30 on 1 January in
  // Beijing is numbered in the new year).
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(receivedAt));
  return db.transaction(async (tx) => {
    const { d, proposed, urgency } = await lockRegistrable(tx, input, scope);
    const facts = await unitFacts(tx, d.device.id, receivedAt);
    const coverage = coverageAt(d.device, facts.contracts, receivedAt, timeZone);
    const contract = facts.contracts.find((c) => c.id === coverage.contractId);
    const ref = contract?.policy ?? facts.defaultPolicy;
    if (!ref) throw new AppError(500, 'internal');
    // Policy versions are immutable and calendars cached by version (sla.cache.ts): no reads here once warm.
    const policy = await policyById(tx, ref.id);
    const calendar = await calendarAt(tx, ref.calendarId, ref.calendarVersion);
    const regionClass: RegionClass = d.regionClass ?? 'urban';
    const isStaff = scope === null;

    // Refused input has been refused above: the number is drawn only now, in the insert itself.
    const request = await insertAudited(tx, actor, 'service_request', serviceRequests, {
      number: numberFromSequence('BX', year) as unknown as string,
      deviceId: d.device.id,
      customerId: d.device.customerId,
      departmentId: d.device.departmentId,
      siteId: d.device.siteId,
      regionClass,
      faultDescription: input.faultDescription,
      deviceDown: input.deviceDown,
      channel: isStaff ? input.channel : 'portal',
      reporterName: input.reporterName,
      reporterPhone: input.reporterPhone,
      receivedAt,
      urgency,
      proposedUrgency: proposed,
      urgencyReason: input.urgencyReason ?? null,
      category: input.internal && isStaff ? 'internal' : coverage.category,
      contractId: coverage.contractId,
      slaPolicyId: policy.id,
      // R-REQ-2: the person who takes the call owns it; a portal report is owned by whoever dispatches it.
      ownerId: isStaff ? user.id : null,
      flags: flagsFor(
        d.device,
        facts.openNumbers.map((number) => ({ number })),
      ),
    });
    // The work order is written with the clocks (one statement); every column is set here, so
    // the row is known without reading it back. Its stamps are the request's (the same now()).
    const workOrder: WorkOrder = {
      ...WORK_ORDER_DEFAULTS,
      id: randomUUID(),
      createdAt: request.createdAt,
      updatedAt: request.updatedAt,
      number: request.number.replace(/^BX/, 'WO'),
      requestId: request.id,
      deviceId: request.deviceId,
      customerId: request.customerId,
    };
    await recordAudit(tx, { actor, entity: 'work_order', entityId: workOrder.id, action: 'create', after: workOrder });
    if (input.deviceDown && d.device.status === 'in_service') {
      await updateAudited(tx, actor, 'device', devices, d.device.id, d.device.version, { status: 'down' }, d.device);
    }
    const clocks = await startClocks(tx, request, { policy, calendar }, [tx.insert(workOrders).values(workOrder).getSQL()]);
    if (urgency === 'emergency') {
      // R-REQ-3 / seed 001 §5: the service manager and the technical experts, at once; R-ORG-1:
      // the manager of the customer's unit first, the company's service managers per the copy rule.
      await notify(
        tx,
        await recipientsForUnit(tx, { customerId: request.customerId, event: 'emergency', extra: await staffWithRoles(tx, ['technical_expert']) }),
        'emergency_request',
        { number: request.number, customer: d.customerName, serial: d.device.serialNumber },
        { entity: 'service_request', id: request.id },
      );
    } else if (!isStaff) {
      await notify(
        tx,
        await staffWithRoles(tx, ['dispatcher']),
        'request_registered',
        { number: request.number, serial: d.device.serialNumber },
        { entity: 'service_request', id: request.id },
      );
    }
    const names = { serialNumber: d.device.serialNumber, modelName: d.modelName, customerName: d.customerName, ownerName: isStaff ? user.displayName : null };
    return { requestId: request.id, workOrderId: workOrder.id, clocks, detail: detailOf(user, request, workOrder, clocks, names) };
  });
}

/**
 * The same answer getRequest gives for a request just registered: its clocks all run, no loan
 * is out yet, and the names come from the rows locked and written above.
 */
function detailOf(
  user: Principal,
  request: Request,
  workOrder: WorkOrder,
  clocks: Clock[],
  names: { serialNumber: string; modelName: string; customerName: string; ownerName: string | null },
) {
  const running = clocks.filter((c) => !c.stoppedAt).map((c) => c.dueAt.getTime());
  const plainClocks = clocks.map((c) => ({ ...plain(c) }));
  return {
    ...plain(request),
    ...names,
    workOrderId: workOrder.id,
    workOrderNumber: workOrder.number,
    workOrderStatus: workOrder.status,
    kind: workOrder.kind,
    nextDueAt: running.length ? new Date(Math.min(...running)).toISOString() : null,
    open: isOpenRequest(request.status),
    clocks: plainClocks.map(({ requestId: _r, policyId: _p, ...c }) => c),
    abilities: abilitiesOf(user, request.status, plainClocks, false),
  };
}
