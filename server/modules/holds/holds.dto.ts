// Request and response shapes of the safety-hold endpoints (停用, issue 14 §1, R-REG-1).
import { z } from 'zod';
import { listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { HOLD_OUTCOMES } from './holds.tables.ts';

export const placeHoldBody = z.strictObject({
  deviceId: z.uuid(),
  /** The hazard found: what is wrong and why the unit must not be used. */
  reason: text(2000),
});
export const releaseHoldBody = z.strictObject({
  version,
  /** The verification: a reviewed work order on the unit whose test results prove it safe. */
  workOrderId: z.uuid(),
  /** R-AU-1: the signer's password again. */
  password: z.string().min(1).max(200),
  note: optionalText(2000),
});
export const retireHoldBody = z.strictObject({ version, reason: text(2000) });

const outcome = z.enum(HOLD_OUTCOMES);
export const HOLD_STATES = ['open', 'closed'] as const;
export const holdListQuery = listQuery(['placedAt', 'closedAt'], {
  state: z.enum(HOLD_STATES).optional(),
  outcome: outcome.optional(),
  customerId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
});
export const holdExportQuery = holdListQuery.omit({ page: true, pageSize: true });

export const holdDto = z
  .object({
    id: z.string(),
    version: z.number(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    reason: z.string(),
    placedAt: z.string(),
    placedByName: z.string(),
    open: z.boolean(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    outcome: outcome.nullable(),
    releaseWorkOrderId: z.string().nullable(),
    releaseWorkOrderNumber: z.string().nullable(),
    releaseEvidence: z.string().nullable(),
    closingNote: z.string().nullable(),
    signatureMeaning: z.string().nullable(),
    signatureHash: z.string().nullable(),
  })
  .meta(schemaId('DeviceHold'));

/** A reviewed work order on the unit after the hold: what the release dialog offers. */
export const verificationOptionDto = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.string(),
    status: z.string(),
    resolvedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    testResults: z.string().nullable(),
    /** Null when it can verify the release; else the refusal code (hold_wo_…). */
    refusal: z.string().nullable(),
  })
  .meta(schemaId('HoldVerificationOption'));

export const holdDetailDto = holdDto
  .extend({
    abilities: z.object({ release: z.boolean(), retire: z.boolean() }),
    /** Work orders on the unit since the hold (open holds, for those who may release). */
    verifications: z.array(verificationOptionDto),
  })
  .meta(schemaId('DeviceHoldDetail'));
