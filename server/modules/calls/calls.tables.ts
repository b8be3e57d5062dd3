import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, departments, deviceModels, devices, users } from '../../db/schema.ts';
import type { Interval } from '../../lib/calendar.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 来电/去电登记 (R-CL-1, seed 003 §11: 对每一次来电、来访，接待人员均应详细记录填写登记表格). */
export const calls = pgTable(
  'calls',
  {
    ...recordColumns(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    startedAt: ts('started_at').notNull(),
    durationSeconds: integer('duration_seconds').notNull().default(0),
    callerName: text('caller_name'),
    phone: text('phone').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'restrict' }),
    topic: text('topic').notNull(),
    outcome: text('outcome', { enum: ['resolved', 'info_given', 'callback_needed', 'request', 'consultation', 'complaint', 'other'] })
      .notNull()
      .default('resolved'),
    handledById: uuid('handled_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    notes: text('notes'),
    /** The record this call turned into (one click: repair request, consultation or complaint). */
    linkedKind: text('linked_kind', { enum: ['request', 'consultation', 'complaint'] }),
    linkedId: uuid('linked_id'),
  },
  (t) => [
    index('calls_started_idx').on(t.startedAt),
    index('calls_phone_idx').on(t.phone),
    index('calls_customer_idx').on(t.customerId, t.startedAt),
    check('calls_duration_ck', sql`${t.durationSeconds} >= 0`),
    check('calls_linked_ck', sql`(${t.linkedKind} is null) = (${t.linkedId} is null)`),
  ],
);

/** 未接来电: a call to return before `callbackDueAt` (R-CL-1; seed 002 服务电话的畅通). */
export const missedCalls = pgTable(
  'missed_calls',
  {
    ...recordColumns(),
    phone: text('phone').notNull(),
    callerName: text('caller_name'),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    receivedAt: ts('received_at').notNull(),
    callbackDueAt: ts('callback_due_at').notNull(),
    source: text('source', { enum: ['pbx', 'manual'] }).notNull(),
    /** The PBX's own id of the call (CSV column call_id): a second import of the same export adds nothing. */
    pbxRef: text('pbx_ref'),
    note: text('note'),
    calledBackAt: ts('called_back_at'),
    callbackCallId: uuid('callback_call_id').references(() => calls.id, { onDelete: 'restrict' }),
    overdueNotifiedAt: ts('overdue_notified_at'),
  },
  (t) => [
    uniqueIndex('missed_calls_pbx_ref_uq').on(t.pbxRef),
    index('missed_calls_due_idx').on(t.callbackDueAt).where(sql`${t.calledBackAt} is null`),
    check('missed_calls_called_back_ck', sql`(${t.calledBackAt} is null) = (${t.callbackCallId} is null)`),
  ],
);

/** 服务热线时间 of the company: one row (seed 002: 9:00–22:00; seed 003: 24小时电话服务). */
export const hotlineSettings = pgTable(
  'hotline_settings',
  {
    ...recordColumns(),
    singleton: boolean('singleton').notNull().default(true),
    alwaysOpen: boolean('always_open').notNull().default(false),
    /** ISO weekday (1 = Monday … 7 = Sunday) → staffed intervals of that day. */
    weeklyHours: jsonb('weekly_hours').$type<Record<string, Interval[]>>().notNull(),
    /** Whether the hotline is unstaffed on public holidays (the on-call engineer answers then). */
    closedOnHolidays: boolean('closed_on_holidays').notNull().default(false),
    /** A missed call is returned within this many minutes of staffed hotline time. */
    callbackMinutes: integer('callback_minutes').notNull().default(30),
    /** 服务热线 number, printed on the device labels (issue 16 §2). */
    phone: text('phone'),
  },
  (t) => [
    uniqueIndex('hotline_settings_singleton_uq').on(t.singleton),
    check('hotline_settings_singleton_ck', sql`${t.singleton}`),
    check('hotline_settings_callback_ck', sql`${t.callbackMinutes} between 5 and 1440`),
  ],
);

/** 值班表: the duty engineer of one night or holiday (date → engineer, with the phone to call). */
export const onCallRoster = pgTable(
  'on_call_roster',
  {
    ...recordColumns(),
    dutyDate: date('duty_date', { mode: 'string' }).notNull(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    phone: text('phone').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('on_call_roster_date_uq').on(t.dutyDate)],
);

/** 技术咨询 (seed 004 §5.1; R-ESC-1: a complex question goes to a technical expert for research). */
export const consultations = pgTable(
  'consultations',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    status: text('status', { enum: ['open', 'escalated', 'researched', 'answered', 'closed'] })
      .notNull()
      .default('open'),
    question: text('question').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'restrict' }),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    askerName: text('asker_name'),
    askerPhone: text('asker_phone'),
    askedAt: ts('asked_at').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'restrict' }),
    expertId: uuid('expert_id').references(() => users.id, { onDelete: 'restrict' }),
    escalationReason: text('escalation_reason'),
    escalatedAt: ts('escalated_at'),
    research: text('research'),
    researchedAt: ts('researched_at'),
    answer: text('answer'),
    answeredById: uuid('answered_by_id').references(() => users.id, { onDelete: 'restrict' }),
    answeredAt: ts('answered_at'),
    /** Plain (calendar) minutes from asked to answered: what the customer waited. */
    answerMinutes: integer('answer_minutes'),
    closedAt: ts('closed_at'),
    /** May become a knowledge-base entry once a knowledge base exists. */
    kbCandidate: boolean('kb_candidate').notNull().default(false),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('consultations_number_uq').on(t.number),
    index('consultations_status_idx').on(t.status, t.askedAt),
    index('consultations_customer_idx').on(t.customerId, t.askedAt),
    check('consultations_answer_ck', sql`${t.status} not in ('answered', 'closed') or (${t.answer} is not null and ${t.answeredAt} is not null)`),
    check('consultations_escalation_ck', sql`${t.status} <> 'escalated' or (${t.expertId} is not null and ${t.escalationReason} is not null)`),
  ],
);
