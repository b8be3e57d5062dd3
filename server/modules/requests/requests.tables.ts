import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { regionClass } from '../../db/enums.ts';
import { contracts, customers, departments, devices, sites, slaPolicies, users } from '../../db/schema.ts';
import type { RequestFlags } from './requests.rules.ts';

export const requestChannel = pgEnum('request_channel', ['phone', 'email', 'portal', 'onsite', 'wechat']);
export const urgency = pgEnum('urgency', ['emergency', 'urgent', 'normal', 'low']);
/** 有费服务 / 合同服务 / 免费服务 / 一般行政工作 (seed 002 §1). */
export const serviceCategory = pgEnum('service_category', ['paid', 'contract', 'warranty', 'internal']);
export const requestStatus = pgEnum('request_status', ['open', 'dispatched', 'in_progress', 'resolved', 'closed', 'cancelled']);

/** 报修/叫修 — one entry of the 叫修登记簿 (R-REQ-1). */
export const serviceRequests = pgTable(
  'service_requests',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'set null' }),
    /** Snapshot at registration: the SLA was promised for where the unit stood then. */
    regionClass: regionClass('region_class').notNull(),
    faultDescription: text('fault_description').notNull(),
    deviceDown: boolean('device_down').notNull(),
    channel: requestChannel('channel').notNull(),
    reporterName: text('reporter_name').notNull(),
    reporterPhone: text('reporter_phone').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    urgency: urgency('urgency').notNull(),
    proposedUrgency: urgency('proposed_urgency').notNull(),
    urgencyReason: text('urgency_reason'),
    category: serviceCategory('category').notNull(),
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'restrict' }),
    slaPolicyId: uuid('sla_policy_id')
      .notNull()
      .references(() => slaPolicies.id, { onDelete: 'restrict' }),
    /** 首问负责制: whoever registered it follows it to the end (R-REQ-2). */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'restrict' }),
    status: requestStatus('status').notNull().default('open'),
    /** R-DSP-1: left undispatched past close of business. */
    priorityDispatch: boolean('priority_dispatch').notNull().default(false),
    /** R-DSP-1: when the dispatchers were told about the flag, at the next working day's opening (once). */
    priorityNotifiedAt: timestamp('priority_notified_at', { withTimezone: true, mode: 'date' }),
    flags: jsonb('flags').$type<RequestFlags>().notNull(),
  },
  (t) => [
    uniqueIndex('service_requests_number_uq').on(t.number),
    index('service_requests_device_idx').on(t.deviceId, t.receivedAt),
    index('service_requests_customer_idx').on(t.customerId, t.receivedAt),
    index('service_requests_open_idx').on(t.status, t.receivedAt).where(sql`status in ('open', 'dispatched', 'in_progress')`),
    // The list's default order (newest first, then id: a deep page from the index alone, issue 17
    // item 4) and the urgency filter (issue 6, bench/reads.ts).
    index('service_requests_received_id_idx').on(t.receivedAt.desc(), t.id),
    index('service_requests_urgency_idx').on(t.urgency, t.receivedAt, t.id),
    // Substring search (`ilike '%…%'`): number, the caller's phone, the fault.
    index('service_requests_number_trgm').using('gin', t.number.op('gin_trgm_ops')),
    index('service_requests_phone_trgm').using('gin', t.reporterPhone.op('gin_trgm_ops')),
    index('service_requests_fault_trgm').using('gin', t.faultDescription.op('gin_trgm_ops')),
  ],
);

// ---- loaner units (R-SLA-3) ---------------------------------------------------------------

/**
 * The loaner pool (备用机): devices of their own (owned by the service company's customer
 * record), registered here to be lent while a customer's unit is being repaired.
 */
export const loanerUnits = pgTable(
  'loaner_units',
  {
    ...recordColumns(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
  },
  (t) => [uniqueIndex('loaner_units_device_uq').on(t.deviceId)],
);

export const loanStatus = pgEnum('loan_status', ['open', 'returned']);
export const loanOutcome = pgEnum('loan_outcome', ['met', 'breached']);

/** One loaner unit lent for one request, until it comes back. */
export const loans = pgTable(
  'loans',
  {
    ...recordColumns(),
    loanerDeviceId: uuid('loaner_device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'restrict' }),
    /** The customer's unit under repair that the loaner stands in for. */
    servedDeviceId: uuid('served_device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    status: loanStatus('status').notNull().default('open'),
    lentAt: timestamp('lent_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The loaner target (24 h of the request, R-SLA-3) and whether the loan met it. */
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    outcome: loanOutcome('outcome').notNull(),
    lentById: uuid('lent_by_id'),
    lentByName: text('lent_by_name').notNull(),
    notes: text('notes'),
    returnedAt: timestamp('returned_at', { withTimezone: true, mode: 'date' }),
    returnCondition: text('return_condition'),
    returnedById: uuid('returned_by_id'),
    returnedByName: text('returned_by_name'),
  },
  (t) => [
    // A unit is in one place at a time; a request needs one loaner at a time.
    uniqueIndex('loans_loaner_open_uq').on(t.loanerDeviceId).where(sql`status = 'open'`),
    uniqueIndex('loans_request_open_uq').on(t.requestId).where(sql`status = 'open'`),
    index('loans_loaner_idx').on(t.loanerDeviceId, t.lentAt),
    index('loans_served_idx').on(t.servedDeviceId, t.lentAt),
    index('loans_customer_idx').on(t.customerId, t.lentAt),
  ],
);
