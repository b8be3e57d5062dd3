import { sql } from 'drizzle-orm';
import { type AnyPgColumn, date, index, integer, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, devices } from '../../db/schema.ts';

export const contractKind = pgEnum('contract_kind', ['warranty', 'maintenance', 'paid']);

/** 保修/保养合同 */
export const contracts = pgTable(
  'contracts',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    kind: contractKind('kind').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** Name of the SLA policy the contract promises; the policies themselves arrive with the SLA module. */
    slaPolicy: text('sla_policy'),
    /** Preventive-maintenance / on-site visits per year. */
    visitsPerYear: integer('visits_per_year').notNull().default(0),
    /** Money as a decimal string (never a float). */
    price: numeric('price', { precision: 14, scale: 2 }),
    currency: text('currency').notNull().default('CNY'),
    notes: text('notes'),
    /** The contract this one renews (R-CT-1, a renewal won): it starts the day after that one ends. */
    previousContractId: uuid('previous_contract_id').references((): AnyPgColumn => contracts.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('contracts_number_uq').on(sql`lower(${t.number})`),
    index('contracts_customer_idx').on(t.customerId),
    index('contracts_previous_idx').on(t.previousContractId),
  ],
);

export const contractDevices = pgTable(
  'contract_devices',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.deviceId] }), index('contract_devices_device_idx').on(t.deviceId)],
);
