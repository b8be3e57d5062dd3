import { z } from 'zod';
import { workOrderKind, workOrderStatus } from '../../db/schema.ts';
import { listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { serviceCategory, urgency } from './requests.tables.ts';

export const urgencySchema = z.enum(urgency.enumValues);
export const channelSchema = z.enum(['phone', 'email', 'portal', 'onsite', 'wechat']);
export const requestStatusSchema = z.enum(['open', 'dispatched', 'in_progress', 'resolved', 'closed', 'cancelled']);
export const categorySchema = z.enum(serviceCategory.enumValues);

export const registerRequestBody = z.strictObject({
  deviceId: z.uuid(),
  faultDescription: text(4000),
  deviceDown: z.boolean(),
  channel: channelSchema.default('phone'),
  reporterName: text(100),
  reporterPhone: text(50),
  /** When the call came in; defaults to now. Cannot be in the future. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  /** Leave out to accept the proposal of R-REQ-3; a different choice needs a reason. */
  urgency: urgencySchema.optional(),
  urgencyReason: optionalText(500),
  /** 一般行政工作: internal work bills nobody whatever the coverage. */
  internal: z.boolean().default(false),
});

export const clockDto = z
  .object({
    id: z.string(),
    kind: z.enum(['respond', 'arrive', 'restore', 'loaner']),
    basis: z.enum(['working', 'calendar']),
    targetMinutes: z.number(),
    startedAt: z.string(),
    dueAt: z.string(),
    warnAt: z.string(),
    pausedAt: z.string().nullable(),
    pauseReason: z.string().nullable(),
    stoppedAt: z.string().nullable(),
    outcome: z.enum(['met', 'breached', 'cancelled']).nullable(),
    warnedAt: z.string().nullable(),
    breachedAt: z.string().nullable(),
  })
  .meta(schemaId('SlaClock'));

export const requestDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    regionClass: z.enum(['urban', 'suburban', 'remote']),
    faultDescription: z.string(),
    deviceDown: z.boolean(),
    channel: channelSchema,
    reporterName: z.string(),
    reporterPhone: z.string(),
    receivedAt: z.string(),
    urgency: urgencySchema,
    proposedUrgency: urgencySchema,
    urgencyReason: z.string().nullable(),
    category: categorySchema,
    contractId: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    status: requestStatusSchema,
    priorityDispatch: z.boolean(),
    flags: z.object({ safetyHold: z.boolean(), openRequestNumbers: z.array(z.string()), notAccepted: z.boolean() }),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    workOrderStatus: z.enum(workOrderStatus.enumValues).nullable(),
    /** Issue 12 item 1: the kind of job this request is for (its work order's; a request not yet dispatched is a repair). */
    kind: z.enum(workOrderKind.enumValues),
    nextDueAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta(schemaId('ServiceRequest'));

export const requestDetailDto = requestDto
  .extend({
    /** Still being worked (not resolved, closed or cancelled; requests.rules isOpenRequest). */
    open: z.boolean(),
    clocks: z.array(clockDto),
    /** What the caller may do on this request now (issue 11 item 3): the policy for their roles and the request's state. */
    abilities: z
      .object({
        /** Record that the customer was contacted: the respond clock still runs. */
        respond: z.boolean(),
        /** Pause the running clocks, with a reason. */
        pause: z.boolean(),
        /** Resume paused clocks. */
        resume: z.boolean(),
        /** Lend a loaner unit (R-SLA-3): the request is still open and no loan of it is out. */
        lend: z.boolean(),
      })
      .meta(schemaId('ServiceRequestAbilities')),
  })
  .meta(schemaId('ServiceRequestDetail'));

/** R-REQ-3 preview for the registration form: the urgency registering this unit would propose. */
export const urgencyProposalQuery = z.strictObject({ deviceId: z.uuid(), deviceDown: z.enum(['true', 'false']).default('false') });
export const urgencyProposalDto = z.object({ urgency: urgencySchema }).meta(schemaId('UrgencyProposal'));

export const requestListQuery = listQuery(['receivedAt', 'urgency', 'number', 'status'], {
  status: requestStatusSchema.optional(),
  open: z.enum(['true', 'false']).optional(),
  urgency: urgencySchema.optional(),
  customerId: z.uuid().optional(),
  /** R-ORG-1: requests of customers served by this unit or a team below it. */
  unitId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
  /** Issue 12 item 1: only requests for jobs of this kind (repair: a request without a work order of another kind). */
  kind: z.enum(workOrderKind.enumValues).optional(),
});

export const pauseBody = z.strictObject({ version, reason: text(500) });
export const resumeBody = z.strictObject({ version });
export const respondBody = z.strictObject({ version, note: optionalText(1000) });

// ---- loaner units (R-SLA-3) ---------------------------------------------------------------

const instant = () => z.iso.datetime({ offset: true });

export const lendBody = z.strictObject({
  /** A unit of the loaner pool that is not lent out. */
  deviceId: z.uuid(),
  lentAt: instant(),
  notes: optionalText(1000),
});

export const returnLoanBody = z.strictObject({ version, returnedAt: instant(), condition: text(1000) });

export const loanerUnitBody = z.strictObject({ deviceId: z.uuid(), notes: optionalText(500) });

export const loanListQuery = listQuery(['lentAt'], {
  open: z.enum(['true', 'false']).optional(),
  /** The loaner unit or the customer's unit it stands in for. */
  deviceId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  requestId: z.uuid().optional(),
});

export const loanDto = z
  .object({
    id: z.string(),
    version: z.number(),
    status: z.enum(['open', 'returned']),
    requestId: z.string(),
    requestNumber: z.string(),
    loanerDeviceId: z.string(),
    loanerSerial: z.string(),
    loanerModel: z.string(),
    servedDeviceId: z.string(),
    servedSerial: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    lentAt: z.string(),
    dueAt: z.string(),
    outcome: z.enum(['met', 'breached']),
    lentByName: z.string(),
    notes: z.string().nullable(),
    returnedAt: z.string().nullable(),
    returnCondition: z.string().nullable(),
    returnedByName: z.string().nullable(),
  })
  .meta(schemaId('Loan'));

export const loanerUnitDto = z
  .object({
    id: z.string(),
    version: z.number(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    ownerName: z.string(),
    active: z.boolean(),
    notes: z.string().nullable(),
    openLoanId: z.string().nullable(),
    available: z.boolean(),
  })
  .meta(schemaId('LoanerUnit'));
