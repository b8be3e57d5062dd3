import { z } from 'zod';
import { workOrderKind, workOrderStatus } from '../../db/schema.ts';
import { isoDate, schemaId } from '../../lib/dto.ts';

const statusSchema = z.enum(workOrderStatus.enumValues);
const kindSchema = z.enum(workOrderKind.enumValues);

const format = z.enum(['json', 'xlsx']).default('json');

export const technicianDailyQuery = z.strictObject({
  date: isoDate(),
  /** Whose day; defaults to the caller. */
  userId: z.uuid().optional(),
  format,
});

export const supervisorDailyQuery = z.strictObject({ date: isoDate(), format, unitId: z.uuid().optional() });

const category = z.enum(['paid', 'contract', 'warranty', 'internal']);
const urgency = z.enum(['emergency', 'urgent', 'normal', 'low']);
const categoryTotals = z.object({ orders: z.number(), minutes: z.number() });

const totals = z.object({
  orders: z.number(),
  steps: z.number(),
  travelMinutes: z.number().describe('Time in on_the_way while assigned, within the day'),
  onSiteMinutes: z.number().describe('Time in on_site while assigned, within the day'),
  resolved: z.number(),
  recordedLabourMinutes: z.number().describe('Labour recorded on the orders resolved this day'),
  recordedTravelMinutes: z.number(),
  partLines: z.number(),
  byCategory: z.object({ warranty: categoryTotals, contract: categoryTotals, paid: categoryTotals, internal: categoryTotals }),
});

export const technicianDailyDto = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    user: z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) }),
    orders: z.array(
      z.object({
        workOrderId: z.string(),
        number: z.string(),
        requestNumber: z.string(),
        customerName: z.string(),
        departmentName: z.string().nullable(),
        modelName: z.string(),
        serialNumber: z.string(),
        category,
        /** Issue 12: the kind of job. */
        kind: kindSchema,
        urgency,
        statusAtEnd: statusSchema,
        steps: z.array(
          z.object({
            at: z.string(),
            fromStatus: statusSchema.nullable(),
            toStatus: statusSchema,
            actorName: z.string(),
            own: z.boolean(),
            reason: z.string().nullable(),
          }),
        ),
        travelMinutes: z.number(),
        onSiteMinutes: z.number(),
        resolved: z.boolean(),
        recordedLabourMinutes: z.number(),
        recordedTravelMinutes: z.number(),
        parts: z.array(z.object({ partNo: z.string().nullable(), name: z.string(), quantity: z.string() })),
      }),
    ),
    totals,
  })
  .meta(schemaId('TechnicianDaily'));

const orderBrief = z.object({
  workOrderId: z.string(),
  number: z.string(),
  requestNumber: z.string(),
  customerName: z.string(),
  modelName: z.string(),
  serialNumber: z.string(),
  urgency,
  receivedAt: z.string(),
  status: statusSchema,
});

export const supervisorDailyDto = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    engineers: z.array(totals.extend({ userId: z.string(), name: z.string(), orderNumbers: z.array(z.string()) })),
    requests: z.object({
      received: z.number(),
      receivedByUrgency: z.object({ emergency: z.number(), urgent: z.number(), normal: z.number(), low: z.number() }),
      receivedByCategory: z.object({ warranty: z.number(), contract: z.number(), paid: z.number(), internal: z.number() }),
      dispatched: z.number(),
      reassigned: z.number(),
      resolved: z.number(),
    }),
    /** Issue 12: the day by kind of job — opened, resolved, and open at the day's end. */
    byKind: z.record(kindSchema, z.object({ received: z.number(), resolved: z.number(), openAtEnd: z.number() })),
    openEmergencies: z.array(orderBrief),
    sla: z.object({
      warnings: z.number(),
      breaches: z.number(),
      events: z.array(
        z.object({
          requestId: z.string(),
          requestNumber: z.string(),
          kind: z.enum(['warning', 'breach', 'breached']),
          clock: z.enum(['respond', 'arrive', 'restore', 'loaner']),
          at: z.string(),
        }),
      ),
    }),
    /** Received this day and still open at its end (seed 002: 当天未解决). The written reason is not recorded yet. */
    sameDayMisses: z.array(orderBrief),
    totals: z.object({ orders: z.number(), travelMinutes: z.number(), onSiteMinutes: z.number(), steps: z.number() }),
  })
  .meta(schemaId('SupervisorDaily'));

/** The home screen's tiles (issue 17 item 3), in the order shown. */
export const HOME_TILES = [
  'myWork',
  'unassigned',
  'emergencies',
  'openRequests',
  'toReview',
  'myOpenRequests',
  'customers',
  'devices',
  'down',
  'contracts',
  'expiring',
] as const;
export type HomeTileKey = (typeof HOME_TILES)[number];

export const homeDto = z
  .object({
    tiles: z.array(
      z.object({
        key: z.enum(HOME_TILES),
        total: z.number().int(),
        /** False when the big lists stopped counting at 10,000 (shown as "10000+"), as their own `totalExact`. */
        totalExact: z.boolean(),
      }),
    ),
  })
  .meta(schemaId('HomeTiles'));
