// Request and response shapes of the instruments endpoints (issue 13 §5).
import { z } from 'zod';
import { isoDate, listQuery, optionalDate, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { CALIBRATION_RESULTS, HOLDER_KINDS, INSTRUMENT_KINDS, INSTRUMENT_STATUSES } from './instruments.tables.ts';

const kind = z.enum(INSTRUMENT_KINDS);
const holderKind = z.enum(HOLDER_KINDS);
const months = z.number().int().min(1).max(120);
const holder = { holderKind, holderUserId: z.uuid().nullable().optional(), holderWarehouseId: z.uuid().nullable().optional() };
export const DUE_STATES = ['valid', 'due_soon', 'overdue'] as const;

export const instrumentBody = z.strictObject({
  code: text(40),
  name: text(200),
  kind,
  maker: optionalText(200),
  model: optionalText(200),
  serialNumber: optionalText(100),
  ...holder,
  calibrationIntervalMonths: months,
  lastCalibratedOn: optionalDate(),
  notes: optionalText(2000),
});
export const instrumentPatch = z.strictObject({
  version,
  code: text(40).optional(),
  name: text(200).optional(),
  kind: kind.optional(),
  maker: optionalText(200),
  model: optionalText(200),
  serialNumber: optionalText(100),
  calibrationIntervalMonths: months.optional(),
  status: z.enum(['in_use', 'in_store', 'out_for_calibration']).optional(),
  notes: optionalText(2000),
});
export const calibrationBody = z.strictObject({
  version,
  calibratedOn: isoDate(),
  result: z.enum(CALIBRATION_RESULTS),
  certificateNumber: optionalText(100),
  lab: optionalText(200),
  validUntil: optionalDate(),
  note: optionalText(2000),
});
export const handoverBody = z.strictObject({ version, ...holder, note: optionalText(500) });
export const retireBody = z.strictObject({ version, reason: text(500) });

const filters = {
  kind: kind.optional(),
  status: z.enum(INSTRUMENT_STATUSES).optional(),
  holderKind: holderKind.optional(),
  holderUserId: z.uuid().optional(),
  holderWarehouseId: z.uuid().optional(),
  due: z.enum(DUE_STATES).optional(),
};
export const instrumentListQuery = listQuery(['nextDueOn', 'code', 'name'], filters);
export const instrumentExportQuery = instrumentListQuery.omit({ page: true, pageSize: true });

export const instrumentDto = z
  .object({
    id: z.string(),
    version: z.number(),
    code: z.string(),
    name: z.string(),
    kind,
    maker: z.string().nullable(),
    model: z.string().nullable(),
    serialNumber: z.string().nullable(),
    holderKind,
    holderUserId: z.string().nullable(),
    holderUserName: z.string().nullable(),
    holderWarehouseId: z.string().nullable(),
    holderWarehouseName: z.string().nullable(),
    status: z.enum(INSTRUMENT_STATUSES),
    calibrationIntervalMonths: z.number(),
    lastCalibratedOn: z.string().nullable(),
    nextDueOn: z.string().nullable(),
    /** On today (company time zone): valid, due within 30 days, or overdue (also: never calibrated). */
    dueState: z.enum(DUE_STATES),
    /** May it be used for a measurement today (ISO 13485 §7.6)? */
    usable: z.boolean(),
    notes: z.string().nullable(),
    retiredAt: z.string().nullable(),
    retiredReason: z.string().nullable(),
  })
  .meta(schemaId('Instrument'));

export const calibrationDto = z
  .object({
    id: z.string(),
    calibratedOn: z.string(),
    result: z.enum(CALIBRATION_RESULTS),
    certificateNumber: z.string().nullable(),
    lab: z.string().nullable(),
    validUntil: z.string().nullable(),
    note: z.string().nullable(),
    recordedByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta(schemaId('InstrumentCalibration'));

export const handoverDto = z
  .object({
    id: z.string(),
    at: z.string(),
    fromKind: holderKind,
    fromName: z.string().nullable(),
    toKind: holderKind,
    toName: z.string().nullable(),
    byName: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta(schemaId('InstrumentHandover'));

export const instrumentDetailDto = instrumentDto
  .extend({
    calibrations: z.array(calibrationDto),
    handovers: z.array(handoverDto),
    abilities: z.object({ manage: z.boolean(), handover: z.boolean() }),
  })
  .meta(schemaId('InstrumentDetail'));

export const instrumentSummaryDto = z.object({ overdue: z.number(), dueSoon: z.number() }).meta(schemaId('InstrumentSummary'));

export const holderOptionsDto = z
  .object({
    people: z.array(z.object({ id: z.string(), name: z.string() })),
    warehouses: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() })),
  })
  .meta(schemaId('InstrumentHolderOptions'));
