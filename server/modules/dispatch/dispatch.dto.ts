import { z } from 'zod';
import { deviceCategory, regionClass, urgency, workOrderKind, workOrderStatus } from '../../db/schema.ts';
import { listQuery, optionalText, schemaId, text } from '../../lib/dto.ts';

// Stored values, so their schemas come from the columns' enums (db/schema.ts), not from the
// owning modules' DTO files: a DTO is built at load, where an index import could meet a cycle.
const categorySchema = z.enum(deviceCategory.enumValues);
const urgencySchema = z.enum(urgency.enumValues);
const statusSchema = z.enum(workOrderStatus.enumValues);
const regionClassSchema = z.enum(regionClass.enumValues);
const kindSchema = z.enum(workOrderKind.enumValues);

// ---- engineer profiles (R-DSP-2 inputs) -------------------------------------------------

export const engineerProfileDto = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    /** The account can log in; an inactive account is never suggested. */
    userActive: z.boolean(),
    /** 0 until the profile is first saved: send it back as `version` to create the profile. */
    version: z.number().int(),
    modelIds: z.array(z.string()),
    models: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    categories: z.array(categorySchema),
    areas: z.array(z.string()),
    homeBase: z.string().nullable(),
    /** Available for dispatch suggestions. */
    active: z.boolean(),
    notes: z.string().nullable(),
    /** Work orders assigned (lead or helper) and not yet resolved. */
    openLoad: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .meta(schemaId('EngineerProfile'));

export const engineerProfileListQuery = listQuery(['displayName', 'username', 'openLoad'], {
  active: z.enum(['true', 'false']).optional(),
  category: categorySchema.optional(),
  modelId: z.uuid().optional(),
});

export const userIdParams = z.strictObject({ userId: z.uuid() });

const area = text(50);
export const putEngineerProfileBody = z.strictObject({
  /** The version read; 0 when the engineer has no profile yet. */
  version: z.number().int().min(0),
  modelIds: z.array(z.uuid()).max(200).default([]),
  categories: z.array(categorySchema).max(50).default([]),
  areas: z.array(area).max(100).default([]),
  homeBase: optionalText(50),
  active: z.boolean().default(true),
  notes: optionalText(1000),
});

// ---- dispatch board (R-DSP-1, R-DSP-2) ---------------------------------------------------

export const suggestionDto = z
  .object({
    userId: z.string(),
    name: z.string(),
    score: z.number(),
    reasons: z.array(z.enum(['model_skill', 'category_skill', 'same_area', 'home_base', 'light_load'])),
    openLoad: z.number().int(),
    /** Qualification for the job's model today (issue 12 item 3): an unqualified lead needs a manager's override. */
    qualification: z.enum(['qualified', 'expired', 'none']),
  })
  .meta(schemaId('DispatchSuggestion'));

const clockKindSchema = z.enum(['respond', 'arrive', 'restore', 'loaner']);

export const boardItemDto = z.object({
  workOrderId: z.string(),
  /** R-REG-1: the unit's open safety hold (停用) — the card shows "do not use". */
  deviceHold: z.object({ id: z.string(), since: z.string(), reason: z.string() }).nullable(),
  workOrderNumber: z.string(),
  /** The work order's version, for POST /work-orders/:id/dispatch. */
  version: z.number().int(),
  status: statusSchema,
  /** Issue 12: the kind of job (repair, installation, maintenance, …) and the day it is planned for. */
  kind: kindSchema,
  plannedDate: z.string().nullable(),
  requestId: z.string(),
  requestNumber: z.string(),
  urgency: urgencySchema,
  deviceId: z.string(),
  serialNumber: z.string(),
  modelName: z.string(),
  category: categorySchema,
  customerName: z.string(),
  city: z.string().nullable(),
  regionClass: regionClassSchema,
  receivedAt: z.string(),
  /** The earliest due instant of the request's running (not paused) SLA clocks. */
  nextDeadlineAt: z.string().nullable(),
  nextDeadlineKind: clockKindSchema.nullable(),
  /** Of that clock's window, in its own basis; above 100 once overdue (capped at 999). */
  percentElapsed: z.number().nullable(),
  /** R-DSP-1: left undispatched past close of business. */
  flagged: z.boolean(),
  leadId: z.string().nullable(),
  leadName: z.string().nullable(),
  /** The reported fault (full text; the card truncates it). */
  faultDescription: z.string(),
  /** The unit is down (停机) as reported. */
  deviceDown: z.boolean(),
  dispatchedAt: z.string().nullable(),
  /** Planned arrival agreed with the customer, and the end of its window (issue 10 item 12). */
  appointmentAt: z.string().nullable(),
  appointmentEndAt: z.string().nullable(),
  /** Due instant of the running arrive clock: an appointment after it misses the SLA. */
  arriveDueAt: z.string().nullable(),
  /** What the caller may do on this card (issue 11 item 3), by the work order's own rule (its
   * `abilities`): the web shows the assign and reschedule actions by these alone. */
  abilities: z
    .object({
      /** Assign or reassign the team (POST /work-orders/:id/dispatch). */
      dispatch: z.boolean(),
      /** Agree or move the planned arrival, until the engineer is on site (POST /work-orders/:id/appointment). */
      reschedule: z.boolean(),
    })
    .meta(schemaId('DispatchCardAbilities')),
});

const lanesSchema = z.object({
  unassigned: z.number().int(),
  atRisk: z.number().int(),
  flaggedForMorning: z.number().int(),
  assignedToday: z.number().int(),
});

/** Most cards a lane may be asked for ("load more" raises `limit` in steps). */
export const BOARD_LANE_MAX = 500;
export const boardQuery = z.strictObject({
  /** Cards per lane, the most urgent first; each lane's total counts them all. */
  limit: z.coerce.number().int().min(1).max(BOARD_LANE_MAX).default(50),
  urgency: urgencySchema.optional(),
  regionClass: regionClassSchema.optional(),
  customerId: z.uuid().optional(),
  /** Issue 12: only jobs of this kind. */
  kind: kindSchema.optional(),
});

export const boardDto = z
  .object({
    /** Waiting for an engineer: flagged for the morning first (R-DSP-1), then by next deadline. */
    unassigned: z.array(boardItemDto),
    atRisk: z.array(boardItemDto),
    flaggedForMorning: z.array(boardItemDto),
    /** Dispatched during the company-local day, whatever their status since, latest first. */
    assignedToday: z.array(boardItemDto),
    /** How many jobs each lane holds (with the filters); a lane lists at most `laneLimit` of them. Engineers are
     * ranked for one job on demand (GET /dispatch/suggestions), not for every card. */
    totals: lanesSchema,
    laneLimit: z.number().int(),
    /** The company-local date of "today". */
    today: z.string(),
    generatedAt: z.string(),
  })
  .meta(schemaId('DispatchBoard'));

// ---- the engineers' day timeline (issue 10 item 12) --------------------------------------

export const timelineQuery = z.strictObject({
  /** Company-local date; today when left out. */
  date: z.iso.date().optional(),
});

export const timelineBlockDto = z.object({
  workOrderId: z.string(),
  workOrderNumber: z.string(),
  status: statusSchema,
  urgency: urgencySchema,
  customerName: z.string(),
  /** `appointment`: the agreed arrival window; `visit`: on site (arrival to resolution, or still there). */
  kind: z.enum(['appointment', 'visit']),
  role: z.enum(['lead', 'helper']),
  start: z.string(),
  end: z.string(),
});

export const timelineDto = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    /** The day's working intervals in the company calendar; empty on a day off. */
    workingHours: z.array(z.object({ start: z.string(), end: z.string() })),
    engineers: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        openLoad: z.number().int(),
        blocks: z.array(timelineBlockDto),
      }),
    ),
    generatedAt: z.string(),
  })
  .meta(schemaId('DispatchTimeline'));

export const suggestionsQuery = z.strictObject({ workOrderId: z.uuid() });
export const suggestionsDto = z.object({ workOrderId: z.string(), items: z.array(suggestionDto) }).meta(schemaId('DispatchSuggestions'));

// ---- at-risk list (R-SLA-4) --------------------------------------------------------------

export const atRiskItemDto = z
  .object({
    clockId: z.string(),
    kind: clockKindSchema,
    basis: z.enum(['working', 'calendar']),
    state: z.enum(['at_risk', 'warned', 'breached']),
    startedAt: z.string(),
    dueAt: z.string(),
    percentElapsed: z.number(),
    paused: z.boolean(),
    requestId: z.string(),
    requestNumber: z.string(),
    urgency: urgencySchema,
    customerName: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    workOrderId: z.string().nullable(),
    workOrderNumber: z.string().nullable(),
    workOrderStatus: statusSchema.nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    leadId: z.string().nullable(),
    leadName: z.string().nullable(),
  })
  .meta(schemaId('AtRiskWorkOrder'));

export const atRiskQuery = z.strictObject({
  state: z.enum(['at_risk', 'warned', 'breached']).optional(),
  kind: clockKindSchema.optional(),
});
export const atRiskDto = z.object({ items: z.array(atRiskItemDto), total: z.number().int(), generatedAt: z.string() }).meta(schemaId('AtRiskWorkOrders'));
