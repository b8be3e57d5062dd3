import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, devices, users, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const HOLD_OUTCOMES = ['released', 'retired'] as const;

/**
 * 停用 (issue 14 §1, R-REG-1): a device with a safety hazard taken out of use at once. Open while
 * `closed_at` is null (at most one per device); closed either by a verified release (a reviewed
 * work order on the unit whose test results prove it safe, signed by quality with the password
 * again, bound to the hash of what was signed) or by retiring the unit (不得继续使用).
 */
export const deviceHolds = pgTable(
  'device_holds',
  {
    ...recordColumns(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    /** The device's hospital when the hold was placed (scope of hospital users). */
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** The hazard: what was found and why the unit must not be used. */
    reason: text('reason').notNull(),
    placedAt: ts('placed_at').notNull().defaultNow(),
    placedBy: uuid('placed_by').references(() => users.id, { onDelete: 'restrict' }),
    placedByName: text('placed_by_name').notNull(),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'restrict' }),
    closedByName: text('closed_by_name'),
    outcome: text('outcome', { enum: HOLD_OUTCOMES }),
    /** Released: the verifying work order (its test results are copied as the evidence). */
    releaseWorkOrderId: uuid('release_work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    releaseEvidence: text('release_evidence'),
    /** Release note, or the reason the unit cannot be made safe (retired). */
    closingNote: text('closing_note'),
    /** R-AU-1 (issue 14 §6): the meaning of the release signature and the sha256 of the signed content. */
    signatureMeaning: text('signature_meaning'),
    signatureHash: text('signature_hash'),
  },
  (t) => [
    uniqueIndex('device_holds_open_uq').on(t.deviceId).where(sql`closed_at is null`),
    index('device_holds_device_idx').on(t.deviceId, t.placedAt),
    index('device_holds_customer_idx').on(t.customerId, t.placedAt),
    check('device_holds_reason_ck', sql`length(btrim(${t.reason})) > 0`),
    check('device_holds_closed_ck', sql`(${t.closedAt} is null) = (${t.outcome} is null) and (${t.closedAt} is null) = (${t.closedByName} is null)`),
    check(
      'device_holds_release_ck',
      sql`${t.outcome} is distinct from 'released' or (${t.releaseWorkOrderId} is not null and ${t.releaseEvidence} is not null and ${t.signatureHash} is not null)`,
    ),
    check('device_holds_retire_ck', sql`${t.outcome} is distinct from 'retired' or length(btrim(coalesce(${t.closingNote}, ''))) > 0`),
  ],
);
