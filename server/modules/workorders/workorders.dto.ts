import { z } from 'zod';
import { isoDate, listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { signatureDto } from '../signatures/index.ts';
import { WORK_ORDER_KINDS } from './workorders.kinds.ts';
import { isPngDataUrl, WORK_ORDER_STATUSES } from './workorders.rules.ts';

export const statusSchema = z.enum(WORK_ORDER_STATUSES);

export const dispatchBody = z.strictObject({
  version,
  leadEngineerId: z.uuid(),
  helperIds: z.array(z.uuid()).max(10).default([]),
  /** Required when reassigning. */
  reason: optionalText(500),
  /** Planned arrival agreed with the customer (issue 10 item 12); not in the past. */
  appointmentAt: z.iso.datetime({ offset: true }).optional(),
  /** End of the arrival window; after `appointmentAt`. */
  appointmentEndAt: z.iso.datetime({ offset: true }).optional(),
  /** A service manager's reason to assign a lead or helpers without a valid qualification for the model (issue 12 item 3, R-TR-1). */
  overrideReason: optionalText(500),
});

/** Reschedule (or clear, with `appointmentAt: null`) the planned arrival; a change needs a reason. */
export const appointmentBody = z.strictObject({
  version,
  appointmentAt: z.iso.datetime({ offset: true }).nullable(),
  appointmentEndAt: z.iso.datetime({ offset: true }).nullable().optional(),
  reason: optionalText(500),
});

export const transitionBody = z.strictObject({ version, to: statusSchema, reason: optionalText(500) });

export const contentBody = z.strictObject({
  version,
  phenomenon: optionalText(4000),
  cause: optionalText(4000),
  actions: optionalText(8000),
  testResults: optionalText(4000),
  explanation: optionalText(4000),
  labourMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .optional(),
  travelMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .optional(),
  /** Distance driven, for travel billed per km (R-FE-1). */
  travelKm: z
    .union([
      z
        .string()
        .trim()
        .regex(/^\d{1,6}(\.\d)?$/),
      z.number().nonnegative().max(999_999),
    ])
    .transform((v) => String(v))
    .pipe(z.string().regex(/^\d{1,6}(\.\d)?$/, { message: 'at most one decimal' }))
    .nullable()
    .optional(),
});

const decimal = (max: number) => z.union([z.string().regex(/^\d{1,10}(\.\d{1,3})?$/), z.number().nonnegative().max(max)]).transform((v) => String(v));

export const addPartBody = z.strictObject({
  partNo: optionalText(100),
  name: text(200),
  quantity: decimal(1_000_000).refine((v) => Number(v) > 0, { message: 'must be > 0' }),
  unitPrice: decimal(1_000_000_000).nullable().optional(),
  removedSerial: optionalText(100),
  installedSerial: optionalText(100),
  /** A typed line never touches stock (issue 10 item 9): it says what it is — the customer's own
   * part, or a non-stock item (bought on site, consumables) — and a catalogue part is refused here
   * (it is drawn from the van through the ledger). */
  source: z.enum(['customer_supplied', 'non_stock']).default('non_stock'),
  sourceNote: optionalText(500),
});

export const signBody = z.strictObject({
  version,
  signerName: text(100),
  meaning: text(200).default('确认服务已完成，结果满意'),
  /** The drawn signature: a PNG data URL, at most ~300 KB. */
  signaturePng: z
    .string()
    .max(400_000)
    .refine(isPngDataUrl, { message: 'expected a PNG data URL', params: { code: 'invalid_format', format: 'data:image/png;base64,…' } }),
});

export const reviewBody = z.strictObject({
  version,
  verdict: z.enum(['approved', 'returned']),
  comments: optionalText(2000),
  /** R-AU-1 (issue 14 §6): the reviewer's own password again — the review is an electronic signature. */
  password: z.string().min(1).max(200),
});

export const partIdParams = z.strictObject({ id: z.uuid(), partId: z.uuid() });

// ---- fees of paid jobs (R-WO-4, R-FE-1) -------------------------------------------------

const MONEY = /^\d{1,10}(\.\d{1,2})?$/;
/** A non-negative amount with at most two decimals, as a string ("300", "12.50") or a number. */
export const money = () =>
  z
    .union([z.string().trim(), z.number().nonnegative().max(1e10)])
    .transform((v) => String(v))
    .pipe(z.string().regex(MONEY, { message: 'a non-negative amount with at most 2 decimals' }));

export const priceListBody = z.strictObject({
  /** The version the editor started from; a newer one meanwhile gets 409. */
  version: z.number().int().min(0),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  labourPerHour: money(),
  callOutFee: money(),
  travelMode: z.enum(['per_km', 'per_zone']),
  travelPerKm: money(),
  travelZones: z.strictObject({ urban: money(), suburban: money(), remote: money() }),
  /** Defaults to now; cannot be in the past. */
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  note: optionalText(500),
});

export const priceListDto = z
  .object({
    id: z.string(),
    versionNo: z.number(),
    effectiveFrom: z.string(),
    currency: z.string(),
    labourPerHour: z.string(),
    callOutFee: z.string(),
    travelMode: z.enum(['per_km', 'per_zone']),
    travelPerKm: z.string(),
    travelZones: z.object({ urban: z.string(), suburban: z.string(), remote: z.string() }),
    note: z.string().nullable(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .meta(schemaId('PriceList'));

export const priceListsDto = z.object({ current: priceListDto.nullable(), versions: z.array(priceListDto) }).meta(schemaId('PriceLists'));

export const paymentBody = z.strictObject({
  method: z.enum(['collected', 'invoiced']),
  /** Receipt or invoice number. */
  reference: text(100),
  amount: money().refine((v) => Number(v) > 0, { message: 'must be > 0', params: { code: 'too_small', minimum: '0.01' } }),
});

/** Reverse a payment recorded in error: a negative line naming it (never an edit). */
export const reversalBody = z.strictObject({
  reason: text(500),
  /** Credit note or refund number; defaults to the original's. */ reference: optionalText(100),
});
export const paymentIdParams = z.strictObject({ id: z.uuid(), paymentId: z.uuid() });

export const feeDto = z
  .object({
    chargeable: z.boolean(),
    currency: z.string(),
    priceListVersion: z.number().nullable(),
    labour: z.string(),
    parts: z.string(),
    travel: z.string(),
    callOut: z.string(),
    total: z.string(),
    travelBasis: z.enum(['per_km', 'per_zone']),
    unpricedParts: z.number(),
    travelKmMissing: z.boolean(),
    /** The job is resolved (or beyond): the fee is final; before that it is provisional and nothing is collected. */
    final: z.boolean(),
    paid: z.string(),
    balance: z.string(),
    payments: z.array(
      z.object({
        id: z.string(),
        method: z.enum(['collected', 'invoiced', 'reversal']),
        reference: z.string(),
        /** Negative for a reversal. */
        amount: z.string(),
        at: z.string(),
        recordedByName: z.string(),
        /** The payment a reversal cancels. */
        reversesId: z.string().nullable(),
        reason: z.string().nullable(),
        /** The reversal that cancelled this payment, if any. */
        reversedById: z.string().nullable(),
      }),
    ),
  })
  .meta(schemaId('WorkOrderFee'));

// ---- same-day rule (R-WO-6) ------------------------------------------------------------

export const delayReasonBody = z.strictObject({
  /** Why the job was not solved the day it was taken. */
  reason: text(1000),
  /** Company-local date promised to the customer; today or later. */
  promisedDate: isoDate(),
});

export const sameDayDto = z
  .object({
    acceptedAt: z.string(),
    dueAt: z.string(),
    missedAt: z.string(),
    reasonRequired: z.boolean(),
    reason: z.string().nullable(),
    promisedDate: z.string().nullable(),
    reasonAt: z.string().nullable(),
    reasonByName: z.string().nullable(),
  })
  .meta(schemaId('SameDayPromise'));

// ---- work-order kinds (issue 12 item 1) --------------------------------------------------

export const kindSchema = z.enum(WORK_ORDER_KINDS).meta(schemaId('WorkOrderKind'));

/** POST /work-orders: a job of a kind other than repair, created by the office (workorders.kinds CREATE_REQUIRED). */
export const createWorkOrderBody = z.strictObject({
  kind: kindSchema,
  deviceId: z.uuid(),
  /** What is to be done: the installation notice, the maintenance plan's visit, the question… */
  description: text(2000),
  plannedDate: isoDate().nullish(),
  originWorkOrderId: z.uuid().nullish(),
  contactName: optionalText(100),
  contactPhone: optionalText(40),
  /** When the notice came in (the installation clock starts here); now by default. */
  notifiedAt: z.iso.datetime({ offset: true }).nullish(),
});

export const workOrderDto = z
  .object({
    id: z.string(),
    version: z.number(),
    number: z.string(),
    requestId: z.string(),
    requestNumber: z.string(),
    deviceId: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    category: z.enum(['paid', 'contract', 'warranty', 'internal']),
    urgency: z.enum(['emergency', 'urgent', 'normal', 'low']),
    faultDescription: z.string(),
    receivedAt: z.string(),
    reporterName: z.string(),
    reporterPhone: z.string(),
    /** Where to go and whom else to call (issue 10 item 15): the device's site (its address, else the hospital's). */
    siteName: z.string().nullable(),
    siteAddress: z.string().nullable(),
    deviceLocation: z.string().nullable(),
    customerPhone: z.string().nullable(),
    /** R-REG-1: the unit's open safety hold (停用) — the header shows "do not use". */
    deviceHold: z.object({ id: z.string(), since: z.string(), reason: z.string() }).nullable(),
    status: statusSchema,
    /** Issue 12 item 1: the kind of job, the day it is planned for, and (return/exchange) the job it comes from. */
    kind: kindSchema,
    plannedDate: z.string().nullable(),
    originWorkOrderId: z.string().nullable(),
    /** Issue 12 item 2: the installation record an installation job was opened for by its notice (AZ-…). */
    installation: z
      .object({
        id: z.string(),
        number: z.string(),
        status: z.enum(['notified', 'site_check_failed', 'site_checked', 'installing', 'commissioned', 'accepted', 'handed_over', 'cancelled']),
      })
      .nullable(),
    leadEngineerId: z.string().nullable(),
    helperIds: z.array(z.string()),
    /** The team by name (issue 10 item 7), readable by everyone who can read the work order. */
    leadName: z.string().nullable(),
    helpers: z.array(z.object({ id: z.string(), name: z.string() })),
    nextSteps: z.array(statusSchema),
    /** The caller's actions, primary first (issue 10 item 10; workorders.rules actionsFor): `via` says
     * which screen takes the step, `emphasis` how it is shown (primary, secondary, back, cancel). */
    nextActions: z.array(
      z.object({
        to: statusSchema,
        via: z.enum(['transition', 'dispatch', 'sign', 'review', 'take_back', 'return_unit']),
        emphasis: z.enum(['primary', 'secondary', 'back', 'cancel']),
        reason: z.boolean(),
      }),
    ),
    /** What the caller may do on this work order (issue 11 item 3): the policy for their roles, the
     * order's state and their part in it (lead, helper, office, its hospital); the web shows buttons
     * by these alone. */
    abilities: z
      .object({
        /** Edit the on-site record (R-WO-2): not signed or cancelled, and on the job or in the office. */
        update: z.boolean(),
        /** Add or remove part lines, typed or from the van: as `update`. */
        addParts: z.boolean(),
        /** Take a plain status step of `nextActions` (via transition). */
        transition: z.boolean(),
        /** Step to resolved (issue 12: an installation job not before its installation is commissioned). */
        resolve: z.boolean(),
        /** Cancel the job (with a reason). */
        cancel: z.boolean(),
        /** Assign or reassign the team. */
        dispatch: z.boolean(),
        /** Agree or move the planned arrival, until the engineer is on site. */
        reschedule: z.boolean(),
        /** Record the customer's signature (R-WO-4). */
        sign: z.boolean(),
        /** Approve or return the signed report (R-WO-5). */
        review: z.boolean(),
        /** Correct a reviewed report with a new content version (R-WO-5). */
        correct: z.boolean(),
        /** Take the unit back to the workshop (R-WO-3). */
        takeBack: z.boolean(),
        /** Write a repair-card entry (time, parts) while the unit is in the workshop (R-WO-3). */
        repairCard: z.boolean(),
        /** Return the repaired unit to the customer: the lead, while it is in the workshop (R-WO-3). */
        returnUnit: z.boolean(),
        /** Record the fee collected or invoiced (R-FE-1): a paid job, its fee final, something still owed. */
        pay: z.boolean(),
      })
      .meta(schemaId('WorkOrderAbilities')),
    /** R-WO-5: the report fields still missing, by the rule that refuses the approval (workorders.rules missingForReview). */
    reviewMissing: z.array(z.string()),
    dispatchedAt: z.string().nullable(),
    /** Planned arrival agreed with the customer, and the end of its window (issue 10 item 12). */
    appointmentAt: z.string().nullable(),
    appointmentEndAt: z.string().nullable(),
    /** Due instant of the running arrive clock: an appointment after it is accepted but noted. */
    arriveDueAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    onTheWayAt: z.string().nullable(),
    arrivedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    signedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    /** Issue 15 §2 (采取临时应急措施): running on a temporary measure since, apart from restored (resolvedAt). */
    degradedAt: z.string().nullable(),
    phenomenon: z.string().nullable(),
    cause: z.string().nullable(),
    actions: z.string().nullable(),
    testResults: z.string().nullable(),
    explanation: z.string().nullable(),
    labourMinutes: z.number(),
    travelMinutes: z.number(),
    travelKm: z.string().nullable(),
    contentVersion: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    fee: feeDto,
    /** R-WO-6: set when the job missed the close of business of the day it was accepted. */
    sameDay: sameDayDto.nullable(),
    parts: z.array(
      z.object({
        id: z.string(),
        partNo: z.string().nullable(),
        name: z.string(),
        quantity: z.string(),
        unitPrice: z.string().nullable(),
        removedSerial: z.string().nullable(),
        installedSerial: z.string().nullable(),
        /** stock (drawn through the parts ledger), customer_supplied or non_stock (typed by hand). */
        source: z.enum(['stock', 'customer_supplied', 'non_stock']),
        sourceNote: z.string().nullable(),
        /** Issue 12 item 2: free under the accessory term of the device's model (配件保修至 this day), counted
         * from the device's acceptance; null when the line follows the job's category. */
        accessoryTermId: z.string().nullable(),
        accessoryWarrantyUntil: z.string().nullable(),
      }),
    ),
    events: z.array(
      z.object({
        fromStatus: statusSchema.nullable(),
        toStatus: statusSchema,
        at: z.string(),
        actorName: z.string(),
        reason: z.string().nullable(),
        /** Present on an appointment change (issue 10 item 12): the new planned arrival, null when cleared. */
        appointmentAt: z.string().nullable().optional(),
      }),
    ),
    signatures: z.array(
      z.object({ id: z.string(), contentVersion: z.number(), signerName: z.string(), meaning: z.string(), signedAt: z.string(), contentHash: z.string() }),
    ),
    reviews: z.array(
      z.object({
        contentVersion: z.number(),
        verdict: z.enum(['approved', 'returned']),
        comments: z.string().nullable(),
        missing: z.array(z.string()),
        reviewerName: z.string(),
        at: z.string(),
      }),
    ),
    /** Electronic signatures of staff on this work order (R-AU-1, issue 14 §6): the review approvals, oldest first.
     * (`signatures` above are the customer's drawn sign-offs per content version, R-WO-4.) */
    eSignatures: z.array(signatureDto),
  })
  .meta(schemaId('WorkOrder'));

/** `status=on_site,waiting_parts`: one or more statuses, comma-separated. */
const statusList = z
  .string()
  .trim()
  .max(300)
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(statusSchema).min(1));

export const workOrderListQuery = listQuery(['deadline', 'createdAt', 'number'], {
  status: statusList.optional(),
  /** Work orders where the caller is the lead or a helper. */
  mine: z.enum(['true', 'false']).optional(),
  leadId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** R-ORG-1: orders of customers served by this unit or a team below it. */
  unitId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
  requestId: z.uuid().optional(),
  urgency: z.enum(['emergency', 'urgent', 'normal', 'low']).optional(),
  /** Issue 12: only work orders of this kind. */
  kind: kindSchema.optional(),
  /** Opened on or after this company-local date. */
  from: isoDate().optional(),
  /** Opened on or before this company-local date. */
  to: isoDate().optional(),
});

export const workOrderListItem = z
  .object({
    id: z.string(),
    number: z.string(),
    version: z.number(),
    status: statusSchema,
    kind: kindSchema,
    plannedDate: z.string().nullable(),
    requestId: z.string(),
    requestNumber: z.string(),
    urgency: z.enum(['emergency', 'urgent', 'normal', 'low']),
    serviceCategory: z.enum(['paid', 'contract', 'warranty', 'internal']),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    siteName: z.string().nullable(),
    regionClass: z.enum(['urban', 'suburban', 'remote']),
    leadId: z.string().nullable(),
    leadName: z.string().nullable(),
    /** Planned arrival agreed with the customer (issue 10 item 12). */
    appointmentAt: z.string().nullable(),
    /** The earliest deadline of a running (not stopped, not paused) SLA clock. */
    nextDeadlineAt: z.string().nullable(),
    nextDeadlineKind: z.enum(['respond', 'arrive', 'restore', 'loaner']).nullable(),
    /** Issue 15 §2: running on a temporary measure (the 临时措施 tag) since. */
    degradedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta(schemaId('WorkOrderListItem'));

// ---- take-back repair (R-WO-3) ----------------------------------------------------------

const goodsItem = z.strictObject({
  description: text(200),
  serialNumber: optionalText(100).transform((v) => v ?? null),
  quantity: z.number().int().min(1).max(10_000).default(1),
});

export const takeBackBody = z.strictObject({
  version,
  /** What leaves the hospital: the unit, and anything else taken with it. */
  items: z.array(goodsItem).min(1).max(20),
  accessories: z.array(text(100)).max(30).default([]),
  /** 外观/状态 as seen when taken. */
  condition: text(1000),
  /** The customer's person who hands it over and signs the receipt. */
  customerSignerName: text(100),
  reason: optionalText(500),
});

export const cardPartBody = z.strictObject({
  partNo: optionalText(100).transform((v) => v ?? null),
  name: text(200),
  quantity: decimal(1_000_000).refine((v) => Number(v) > 0, { message: 'must be > 0' }),
  unitPrice: decimal(1_000_000_000)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const repairCardBody = z.strictObject({
  version,
  minutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24),
  description: text(2000),
  parts: z.array(cardPartBody).max(20).default([]),
});

export const returnBody = z.strictObject({
  version,
  /** The customer's person who receives the unit back. */
  receivedBy: text(100),
  condition: text(1000),
  notes: optionalText(1000),
});

const goodsItemDto = z.object({ description: z.string(), serialNumber: z.string().nullable(), quantity: z.number() });

export const receiptDto = z
  .object({
    id: z.string(),
    number: z.string(),
    version: z.number(),
    status: z.enum(['open', 'returned']),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    workOrderStatus: statusSchema,
    workOrderVersion: z.number(),
    customerId: z.string(),
    customerName: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    items: z.array(goodsItemDto),
    accessories: z.array(z.string()),
    condition: z.string(),
    customerSignerName: z.string(),
    takenAt: z.string(),
    takenByName: z.string(),
    returnedAt: z.string().nullable(),
    returnedByName: z.string().nullable(),
    returnSignerName: z.string().nullable(),
    returnCondition: z.string().nullable(),
    /** 修护卡 */
    card: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        technicianName: z.string(),
        minutes: z.number(),
        description: z.string(),
        parts: z.array(z.object({ partNo: z.string().nullable(), name: z.string(), quantity: z.string(), unitPrice: z.string().nullable() })),
      }),
    ),
    cardMinutes: z.number(),
  })
  .meta(schemaId('GoodsReceipt'));

export const goodsRegisterQuery = listQuery(['at', 'receiptNumber'], {
  direction: z.enum(['in', 'out']).optional(),
  customerId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
  /** true: goods still with us (receipt open). */
  open: z.enum(['true', 'false']).optional(),
  /** Company-local dates, inclusive. */
  from: isoDate().optional(),
  to: isoDate().optional(),
});

export const goodsRegisterItem = z
  .object({
    id: z.number(),
    at: z.string(),
    direction: z.enum(['in', 'out']),
    receiptId: z.string(),
    receiptNumber: z.string(),
    receiptStatus: z.enum(['open', 'returned']),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    items: z.array(goodsItemDto),
    accessories: z.array(z.string()),
    condition: z.string(),
    counterpartName: z.string(),
    handledByName: z.string(),
    notes: z.string().nullable(),
  })
  .meta(schemaId('GoodsRegisterItem'));

// ---- corrections of a reviewed report (R-WO-5) ------------------------------------------

export const correctionBody = z.strictObject({
  version,
  /** Why the reviewed report is corrected. */
  reason: text(1000),
  changes: contentBody.omit({ version: true }),
});

export const versionParams = z.strictObject({ id: z.uuid(), n: z.coerce.number().int().min(1).max(10_000) });

const change = z.object({ before: z.unknown(), after: z.unknown() });
export const versionDto = z
  .object({
    n: z.number(),
    current: z.boolean(),
    /** Where the content is kept: the signature snapshot, the correction, or the live record. */
    source: z.enum(['signature', 'correction', 'live']).nullable(),
    contentHash: z.string().nullable(),
    signature: z.object({ signerName: z.string(), meaning: z.string(), signedAt: z.string() }).nullable(),
    correction: z.object({ reason: z.string(), byName: z.string(), at: z.string(), changes: z.record(z.string(), change) }).nullable(),
    reviews: z.array(z.object({ verdict: z.enum(['approved', 'returned']), comments: z.string().nullable(), reviewerName: z.string(), at: z.string() })),
  })
  .meta(schemaId('WorkOrderVersion'));
export const versionDetailDto = versionDto
  .extend({ contentHash: z.string(), snapshot: z.record(z.string(), z.unknown()) })
  .meta(schemaId('WorkOrderVersionDetail'));

// ---- same-day misses report (R-WO-6) ------------------------------------------------------

export const sameDayMissesQuery = z.strictObject({
  /** Company-local dates, inclusive, on the day the job missed its close of business. */
  from: isoDate(),
  to: isoDate(),
  /** true: only those still without a reason. */
  unexplained: z.enum(['true', 'false']).optional(),
});

export const sameDayMissDto = z
  .object({
    workOrderId: z.string(),
    number: z.string(),
    status: statusSchema,
    customerName: z.string(),
    modelName: z.string(),
    serialNumber: z.string(),
    leadName: z.string().nullable(),
    acceptedAt: z.string(),
    dueAt: z.string(),
    missedAt: z.string(),
    reason: z.string().nullable(),
    promisedDate: z.string().nullable(),
    reasonAt: z.string().nullable(),
    reasonByName: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .meta(schemaId('SameDayMiss'));

/** Issue 16 §1: the engineer's open work orders for the phone to keep offline (GET /engineer/offline-pack). */
export const offlinePackDto = z
  .object({
    generatedAt: z.string(),
    items: z.array(workOrderListItem),
    workOrders: z.array(workOrderDto),
    /** Per order, what each status of its kind offers (steps, actions, abilities), for steps taken offline. */
    statusViews: z.array(
      z.object({
        workOrderId: z.string(),
        views: z.array(workOrderDto.pick({ status: true, nextSteps: true, nextActions: true, abilities: true })),
      }),
    ),
  })
  .meta(schemaId('EngineerOfflinePack'));
