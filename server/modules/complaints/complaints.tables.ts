import { boolean, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, devices, followups, surveys, users, workOrders } from '../../db/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const complaintChannel = pgEnum('complaint_channel', ['hotline', 'email', 'portal', 'survey', 'followup', 'onsite']);
export const complaintSeverity = pgEnum('complaint_severity', ['minor', 'normal', 'major']);
export const complaintStatus = pgEnum('complaint_status', ['draft', 'open', 'investigating', 'replied', 'verified', 'closed']);

/** 客户投诉 (R-CP-1..4): the file a quality inspection reads (ISO 13485 §8.2.2, 21 CFR 820.198). */
export const complaints = pgTable(
  'complaints',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    status: complaintStatus('status').notNull().default('open'),
    channel: complaintChannel('channel').notNull(),
    receivedAt: ts('received_at').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    complainantName: text('complainant_name').notNull(),
    complainantPhone: text('complainant_phone'),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'restrict' }),
    /** Identifier as recorded on the file (UDI or serial), snapshot of the device's. */
    deviceIdentifier: text('device_identifier'),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'restrict' }),
    followupId: uuid('followup_id').references(() => followups.id, { onDelete: 'restrict' }),
    surveyId: uuid('survey_id').references(() => surveys.id, { onDelete: 'restrict' }),
    /** 投诉事项: nature and details. */
    matter: text('matter').notNull(),
    cause: text('cause'),
    severity: complaintSeverity('severity').notNull().default('normal'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'restrict' }),
    deadline: date('deadline', { mode: 'string' }),
    /** Adverse-event reportability decision and its reason (R-CP-4). */
    reportable: boolean('reportable'),
    reportabilityReason: text('reportability_reason'),
    investigationStartedOn: date('investigation_started_on', { mode: 'string' }),
    investigationEndedOn: date('investigation_ended_on', { mode: 'string' }),
    investigationResult: text('investigation_result'),
    /** Justification when no investigation is made (21 CFR 820.198(b)). */
    noInvestigationReason: text('no_investigation_reason'),
    rootCause: text('root_cause'),
    correctiveAction: text('corrective_action'),
    reply: text('reply'),
    repliedAt: ts('replied_at'),
    verification: text('verification'),
    /** 查实: a verified complaint names the responsible person (R-CP-3). */
    substantiated: boolean('substantiated'),
    responsibleId: uuid('responsible_id').references(() => users.id, { onDelete: 'restrict' }),
    /** Same customer and cause as an earlier complaint: counts double (R-CP-3). */
    repeatOfId: uuid('repeat_of_id'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('complaints_number_uq').on(t.number),
    index('complaints_customer_idx').on(t.customerId, t.receivedAt),
    // The device dossier's complaints (R-REG-5, migration 0059).
    index('complaints_device_idx').on(t.deviceId, t.receivedAt),
    index('complaints_status_idx').on(t.status, t.deadline),
  ],
);
