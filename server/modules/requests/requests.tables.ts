import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { contracts } from '../contracts/contracts.tables.ts';
import { customers, departments, regionClass, sites } from '../customers/customers.tables.ts';
import { devices } from '../devices/devices.tables.ts';
import { slaPolicies } from '../sla/sla.tables.ts';
import { users } from '../users/users.tables.ts';
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
    flags: jsonb('flags').$type<RequestFlags>().notNull(),
  },
  (t) => [
    uniqueIndex('service_requests_number_uq').on(t.number),
    index('service_requests_device_idx').on(t.deviceId, t.receivedAt),
    index('service_requests_customer_idx').on(t.customerId, t.receivedAt),
    index('service_requests_open_idx').on(t.status, t.receivedAt).where(sql`status in ('open', 'dispatched', 'in_progress')`),
  ],
);
