// Every table of every module, for Drizzle and drizzle-kit — and the one place other modules take a
// module's tables from (server/boundaries.test.ts): the database is one schema, joined across modules.

export * from '../http/idempotency.tables.ts';
export * from '../lib/audit.tables.ts';
export * from '../modules/attachments/attachments.tables.ts';
export * from '../modules/calls/calls.tables.ts';
export * from '../modules/campaigns/campaigns.tables.ts';
export * from '../modules/channels/channels.tables.ts';
export * from '../modules/complaints/complaints.tables.ts';
export * from '../modules/contracts/contracts.tables.ts';
export * from '../modules/customers/customers.tables.ts';
export * from '../modules/devices/devices.tables.ts';
export * from '../modules/dispatch/dispatch.tables.ts';
export * from '../modules/followups/followups.tables.ts';
export * from '../modules/holds/holds.tables.ts';
export * from '../modules/installations/installations.tables.ts';
export * from '../modules/instruments/instruments.tables.ts';
export * from '../modules/maintenance/maintenance.plans.tables.ts';
export * from '../modules/maintenance/maintenance.tables.ts';
export * from '../modules/notifications/notifications.tables.ts';
export * from '../modules/parts/parts.tables.ts';
export * from '../modules/quality/quality.tables.ts';
export * from '../modules/renewals/renewals.tables.ts';
export * from '../modules/requests/requests.tables.ts';
export * from '../modules/returns/returns.tables.ts';
export * from '../modules/signatures/signatures.tables.ts';
export * from '../modules/sla/sla.tables.ts';
export * from '../modules/surveys/surveys.tables.ts';
export * from '../modules/system/counters.tables.ts';
export * from '../modules/system/system.tables.ts';
export * from '../modules/training/training.tables.ts';
export * from '../modules/users/users.tables.ts';
export * from '../modules/vigilance/vigilance.tables.ts';
export * from '../modules/visitplans/visitplans.tables.ts';
export * from '../modules/workorders/workorders.tables.ts';
export * from './enums.ts';
