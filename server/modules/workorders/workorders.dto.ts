import { z } from 'zod';
import { optionalText, text, version } from '../../lib/dto.ts';
import { WORK_ORDER_STATUSES } from './workorders.rules.ts';

export const statusSchema = z.enum(WORK_ORDER_STATUSES);

export const dispatchBody = z.strictObject({
  version,
  leadEngineerId: z.uuid(),
  helperIds: z.array(z.uuid()).max(10).default([]),
  /** Required when reassigning. */
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
});

const decimal = (max: number) => z.union([z.string().regex(/^\d{1,10}(\.\d{1,3})?$/), z.number().nonnegative().max(max)]).transform((v) => String(v));

export const addPartBody = z.strictObject({
  partNo: optionalText(100),
  name: text(200),
  quantity: decimal(1_000_000).refine((v) => Number(v) > 0, { message: 'must be > 0' }),
  unitPrice: decimal(1_000_000_000).nullable().optional(),
  removedSerial: optionalText(100),
  installedSerial: optionalText(100),
});

export const signBody = z.strictObject({
  version,
  signerName: text(100),
  meaning: text(200).default('确认服务已完成，结果满意'),
  /** The drawn signature: a PNG data URL, at most ~300 KB. */
  signaturePng: z.string().max(400_000),
});

export const reviewBody = z.strictObject({ version, verdict: z.enum(['approved', 'returned']), comments: optionalText(2000) });

export const partIdParams = z.strictObject({ id: z.uuid(), partId: z.uuid() });

export const workOrderDto = z.object({
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
  status: statusSchema,
  leadEngineerId: z.string().nullable(),
  helperIds: z.array(z.string()),
  nextSteps: z.array(statusSchema),
  dispatchedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  onTheWayAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  phenomenon: z.string().nullable(),
  cause: z.string().nullable(),
  actions: z.string().nullable(),
  testResults: z.string().nullable(),
  explanation: z.string().nullable(),
  labourMinutes: z.number(),
  travelMinutes: z.number(),
  contentVersion: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  parts: z.array(
    z.object({
      id: z.string(),
      partNo: z.string().nullable(),
      name: z.string(),
      quantity: z.string(),
      unitPrice: z.string().nullable(),
      removedSerial: z.string().nullable(),
      installedSerial: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({ fromStatus: statusSchema.nullable(), toStatus: statusSchema, at: z.string(), actorName: z.string(), reason: z.string().nullable() }),
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
});
