import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { clockKind } from '../../db/enums.ts';
import type { Interval } from '../../lib/calendar.ts';
import type { SlaPolicyRules } from './sla.rules.ts';

/** A company's working time (R-SLA-1). `useOfficialChina` adds the State Council holiday schedule. */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    weeklyHours: jsonb('weekly_hours').$type<Record<string, Interval[]>>().notNull(),
    useOfficialChina: boolean('use_official_china').notNull().default(true),
    /** Extra company days off (e.g. an anniversary), on top of the official schedule. */
    holidays: text('holidays').array().notNull().default(sql`'{}'::text[]`),
    /** Extra working days, on top of the official make-up days (调休). */
    makeUpWorkdays: text('make_up_workdays').array().notNull().default(sql`'{}'::text[]`),
    makeUpHours: jsonb('make_up_hours').$type<Interval[]>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
  },
  (t) => [uniqueIndex('business_calendars_name_uq').on(t.name)],
);

/**
 * SLA policies are versioned and never edited in place: a change is a new row, and a request
 * keeps the version that was in force when it was received (ARCHITECTURE principle 6).
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    versionNo: integer('version_no').notNull(),
    rules: jsonb('rules').$type<SlaPolicyRules>().notNull(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'restrict' }),
    effectiveFrom: timestamp('effective_from', { withTimezone: true, mode: 'date' }).notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sla_policies_name_version_uq').on(t.name, t.versionNo)],
);

export const clockBasis = pgEnum('sla_basis', ['working', 'calendar']);
export const clockOutcome = pgEnum('sla_outcome', ['met', 'breached', 'cancelled']);

/** One running target of one request (R-SLA-1..4). */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    kind: clockKind('kind').notNull(),
    basis: clockBasis('basis').notNull(),
    targetMinutes: integer('target_minutes').notNull(),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'restrict' }),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    warnAt: timestamp('warn_at', { withTimezone: true, mode: 'date' }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true, mode: 'date' }),
    pauseReason: text('pause_reason'),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, mode: 'date' }),
    outcome: clockOutcome('outcome'),
    warnedAt: timestamp('warned_at', { withTimezone: true, mode: 'date' }),
    breachedAt: timestamp('breached_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('sla_clocks_request_kind_uq').on(t.requestId, t.kind),
    // The at-risk list and the timers scan running clocks by due time.
    index('sla_clocks_running_due_idx').on(t.dueAt).where(sql`stopped_at is null`),
    // The once-a-minute sweep's two questions, each a short range scan however many clocks run
    // (bench/timers.ts): which warnings are due, which breaches are due.
    index('sla_clocks_warn_pending_idx').on(t.warnAt).where(sql`stopped_at is null and paused_at is null and warned_at is null`),
    index('sla_clocks_breach_pending_idx').on(t.dueAt).where(sql`stopped_at is null and paused_at is null and breached_at is null`),
    // The work-order list's next deadline (running, not paused): walked in due order, and
    // looked up per request; both answered from the index alone (issue 6, bench/reads.ts).
    index('sla_clocks_next_due_idx').on(t.dueAt, t.kind, t.requestId).where(sql`stopped_at is null and paused_at is null`),
    index('sla_clocks_next_request_idx').on(t.requestId, t.dueAt, t.kind).where(sql`stopped_at is null and paused_at is null`),
    // The running clocks (paused too) of the board's cards, by request (migration 0077, issue 17 item 4).
    index('sla_clocks_running_request_idx').on(t.requestId, t.dueAt).where(sql`stopped_at is null`),
  ],
);

export const slaEventKind = pgEnum('sla_event_kind', ['started', 'warning', 'breach', 'paused', 'resumed', 'met', 'breached', 'cancelled']);

/** Every warning, breach and stop, kept for KPIs (R-SLA-4, R-RP-1). */
export const slaEvents = pgTable(
  'sla_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clockId: uuid('clock_id')
      .notNull()
      .references(() => slaClocks.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id').notNull(),
    kind: slaEventKind('kind').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    data: jsonb('data'),
  },
  // By request, and by time for the daily reports.
  (t) => [index('sla_events_request_idx').on(t.requestId, t.at), index('sla_events_at_idx').on(t.at)],
);
