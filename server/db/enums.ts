// Database enums that more than one module's tables use as a column type. Kept out of the module
// tables files because a column type is needed at load: a table file reaches other modules' tables
// through server/db/schema.ts, where only lazy references (`references(() => x.id)`) are safe.
import { pgEnum } from 'drizzle-orm/pg-core';

/** 市区 / 郊区 / 外地 — decides the SLA arrival target (R-SLA-2). Sites and repair requests carry it. */
export const regionClass = pgEnum('region_class', ['urban', 'suburban', 'remote']);
/** The SLA clocks (R-SLA-3…5, R-LOAN): an SLA clock's kind and a work order's next due clock. */
export const clockKind = pgEnum('sla_clock_kind', ['respond', 'arrive', 'restore', 'loaner']);

/**
 * A work order's step (R-WO-1; the state machine is workorders.rules.ts). Here because other
 * modules' DTOs name a linked job's status, and reading the list through the workorders index
 * would put them in an import cycle with it (installations ↔ workorders parts coverage).
 */
export const workOrderStatus = pgEnum('work_order_status', [
  'new',
  'dispatched',
  'accepted',
  'on_the_way',
  'on_site',
  'waiting_parts',
  'taken_back',
  'resolved',
  'signed_off',
  'reviewed',
  'closed',
  'cancelled',
]);

/** What a device is (devices, models; maintenance templates and installation templates by category). */
export const deviceCategory = pgEnum('device_category', [
  'pathology_stainer',
  'tissue_processor',
  'microtome',
  'ct',
  'mri',
  'xray',
  'ultrasound',
  'ventilator',
  'anesthesia',
  'patient_monitor',
  'infusion_pump',
  'linac',
  'laboratory',
  'other',
]);

/**
 * R-WX-1 (seed 003 人为或不可抗力: 自然灾害、地震、雷击、虫害; 使用不当): why a job under warranty or
 * contract is not covered. Used by the quotes module's exclusion record and the work-order fee rule.
 */
export const WARRANTY_EXCLUSION_CATEGORIES = ['human_damage', 'misuse', 'natural_disaster', 'earthquake', 'lightning', 'pests'] as const;
export type WarrantyExclusionCategory = (typeof WARRANTY_EXCLUSION_CATEGORIES)[number];
