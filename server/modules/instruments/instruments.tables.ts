import { sql } from 'drizzle-orm';
import { date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { users, warehouses } from '../../db/schema.ts';

export const INSTRUMENT_KINDS = ['electrical_safety_analyser', 'thermometer', 'dose_meter', 'phantom', 'multimeter', 'pressure_gauge', 'other'] as const;
export const INSTRUMENT_STATUSES = ['in_use', 'in_store', 'out_for_calibration', 'out_of_tolerance', 'retired'] as const;
export const HOLDER_KINDS = ['engineer', 'warehouse', 'store'] as const;
export const CALIBRATION_RESULTS = ['pass', 'fail', 'adjusted'] as const;

export const instrumentKind = pgEnum('instrument_kind', INSTRUMENT_KINDS);
export const instrumentStatus = pgEnum('instrument_status', INSTRUMENT_STATUSES);
export const instrumentHolderKind = pgEnum('instrument_holder_kind', HOLDER_KINDS);
export const calibrationResult = pgEnum('calibration_result', CALIBRATION_RESULTS);

/**
 * 仪器设备 / 计量器具 (issue 13 §5; seed 001 为售后服务工程师配备应急维修工具和设备，定期进行维护和检查;
 * ISO 13485 §7.6): a service tool or measuring instrument, who holds it and when it is due for
 * calibration. Never deleted: retired with a reason.
 */
export const instruments = pgTable(
  'instruments',
  {
    ...recordColumns(),
    /** User-given asset code, e.g. YQ-0001; unique ignoring case. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: instrumentKind('kind').notNull(),
    maker: text('maker'),
    model: text('model'),
    serialNumber: text('serial_number'),
    /** Who holds it: an engineer (holder_user_id), a van or warehouse (holder_warehouse_id) or the store (neither). */
    holderKind: instrumentHolderKind('holder_kind').notNull().default('store'),
    holderUserId: uuid('holder_user_id').references(() => users.id, { onDelete: 'restrict' }),
    holderWarehouseId: uuid('holder_warehouse_id').references(() => warehouses.id, { onDelete: 'restrict' }),
    status: instrumentStatus('status').notNull().default('in_store'),
    calibrationIntervalMonths: integer('calibration_interval_months').notNull(),
    lastCalibratedOn: date('last_calibrated_on', { mode: 'string' }),
    /** Derived on every write from the last calibration (instruments.rules.ts nextDue). */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    notes: text('notes'),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
    retiredReason: text('retired_reason'),
    /** The due date of the cycle whose "due soon" reminder was sent (once per cycle). */
    remindedDueSoonFor: date('reminded_due_soon_for', { mode: 'string' }),
    /** The due date of the cycle whose "overdue" reminder was sent (once per cycle). */
    remindedOverdueFor: date('reminded_overdue_for', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('instruments_code_uq').on(sql`lower(${t.code})`),
    index('instruments_next_due_idx').on(t.nextDueOn),
    index('instruments_holder_user_idx').on(t.holderUserId),
  ],
);

/** 校准/检定记录: one calibration with its certificate (the file is an attachment of the instrument). */
export const instrumentCalibrations = pgTable(
  'instrument_calibrations',
  {
    ...recordColumns(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'restrict' }),
    calibratedOn: date('calibrated_on', { mode: 'string' }).notNull(),
    result: calibrationResult('result').notNull(),
    certificateNumber: text('certificate_number'),
    lab: text('lab'),
    validUntil: date('valid_until', { mode: 'string' }),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [index('instrument_calibrations_instrument_idx').on(t.instrumentId, t.calibratedOn)],
);

/** 交接记录: each change of holder, kept as history (the instrument's own audit trail has it too). */
export const instrumentHandovers = pgTable(
  'instrument_handovers',
  {
    ...recordColumns(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'restrict' }),
    fromKind: instrumentHolderKind('from_kind').notNull(),
    fromUserId: uuid('from_user_id').references(() => users.id, { onDelete: 'restrict' }),
    fromWarehouseId: uuid('from_warehouse_id').references(() => warehouses.id, { onDelete: 'restrict' }),
    toKind: instrumentHolderKind('to_kind').notNull(),
    toUserId: uuid('to_user_id').references(() => users.id, { onDelete: 'restrict' }),
    toWarehouseId: uuid('to_warehouse_id').references(() => warehouses.id, { onDelete: 'restrict' }),
    handedOverBy: uuid('handed_over_by').references(() => users.id, { onDelete: 'restrict' }),
    note: text('note'),
  },
  (t) => [index('instrument_handovers_instrument_idx').on(t.instrumentId, t.createdAt)],
);
