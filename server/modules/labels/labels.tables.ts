// QR labels on devices and the faults reported by scanning them (扫码报修, issue 16 §2).
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { devices, serviceRequests } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A device's label: a random 128-bit key (hex), never the database id; the QR code carries the key
 * and an HMAC of it (labels.token.ts). Revoked labels stay, so their QR answers "label revoked";
 * at most one live label per device.
 */
export const deviceLabels = pgTable(
  'device_labels',
  {
    ...recordColumns(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    labelKey: text('label_key').notNull(),
    issuedByName: text('issued_by_name').notNull(),
    revokedAt: ts('revoked_at'),
    revokedByName: text('revoked_by_name'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('device_labels_key_uq').on(t.labelKey),
    uniqueIndex('device_labels_live_uq').on(t.deviceId).where(sql`${t.revokedAt} is null`),
    check('device_labels_key_ck', sql`${t.labelKey} ~ '^[0-9a-f]{32}$'`),
    check('device_labels_revoked_ck', sql`(${t.revokedAt} is null) = (${t.revokedByName} is null)`),
  ],
);

export const SCAN_REPORT_STATUSES = ['held', 'converted', 'dismissed'] as const;

/** 扫码报修待回拨: a fault reported by scanning a label without an account, held for a call-back. */
export const scanReports = pgTable(
  'scan_reports',
  {
    ...recordColumns(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    labelId: uuid('label_id')
      .notNull()
      .references(() => deviceLabels.id, { onDelete: 'restrict' }),
    reporterName: text('reporter_name').notNull(),
    reporterPhone: text('reporter_phone').notNull(),
    faultDescription: text('fault_description').notNull(),
    deviceDown: boolean('device_down').notNull().default(false),
    status: text('status', { enum: SCAN_REPORT_STATUSES }).notNull().default('held'),
    requestId: uuid('request_id').references(() => serviceRequests.id, { onDelete: 'restrict' }),
    handledAt: ts('handled_at'),
    handledByName: text('handled_by_name'),
    dismissReason: text('dismiss_reason'),
  },
  (t) => [
    index('scan_reports_held_idx').on(t.createdAt).where(sql`${t.status} = 'held'`),
    index('scan_reports_device_idx').on(t.deviceId),
    check('scan_reports_status_ck', sql`${t.status} in ('held', 'converted', 'dismissed')`),
    check('scan_reports_converted_ck', sql`(${t.status} = 'converted') = (${t.requestId} is not null)`),
    check('scan_reports_dismissed_ck', sql`${t.status} <> 'dismissed' or ${t.dismissReason} is not null`),
  ],
);
