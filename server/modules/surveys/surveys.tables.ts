import { index, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, devices, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const surveyChannel = pgEnum('survey_channel', ['link', 'portal', 'phone']);

/**
 * 满意度调查 (R-SV-1): one per closed work order (not a sample). The link carries a signed,
 * expiring token; only its nonce's hash is stored, and answering marks it used.
 */
export const surveys = pgTable(
  'surveys',
  {
    ...recordColumns(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    /** SHA-256 of the link's random nonce; the token itself is never stored. */
    nonceHash: text('nonce_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    answeredAt: ts('answered_at'),
    channel: surveyChannel('channel'),
    /** Four ratings, 1 (不满意) … 4 (非常满意). */
    attitude: smallint('attitude'),
    skill: smallint('skill'),
    timeliness: smallint('timeliness'),
    promise: smallint('promise'),
    comments: text('comments'),
    respondentName: text('respondent_name'),
    enteredById: uuid('entered_by_id'),
    enteredByName: text('entered_by_name'),
    /** Set when the answers opened a complaint draft. */
    complaintFlag: text('complaint_flag'),
  },
  (t) => [
    uniqueIndex('surveys_work_order_uq').on(t.workOrderId),
    uniqueIndex('surveys_nonce_uq').on(t.nonceHash),
    index('surveys_customer_idx').on(t.customerId, t.createdAt),
  ],
);
