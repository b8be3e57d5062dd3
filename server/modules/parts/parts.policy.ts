// Spare parts (SPEC §6). The parts administrator keeps the catalogue, receives, transfers and
// counts; engineers draw parts onto their work orders; the service manager approves purchase
// plans (R-PT-3) and stocktake adjustments (R-PT-4).
import { definePolicy, type Role, STAFF } from '../../lib/access.ts';

const KEEPERS: Role[] = ['admin', 'parts_admin'];

export const catalogPolicy = definePolicy({
  read: STAFF,
  create: KEEPERS,
  update: KEEPERS,
  delete: KEEPERS,
});

export const partsPolicy = definePolicy({
  read: STAFF,
  receive: KEEPERS,
  transfer: ['admin', 'parts_admin', 'service_manager'],
  issue: ['admin', 'service_manager', 'parts_admin', 'engineer', 'technician', 'technical_expert'],
  plan: ['admin', 'parts_admin', 'service_manager'],
  approvePlan: ['service_manager'],
  contract: ['admin', 'parts_admin', 'service_manager'],
  stocktake: KEEPERS,
  approveStocktake: ['admin', 'service_manager'],
  verify: ['admin', 'parts_admin', 'service_manager', 'quality'],
  /**
   * Issue 11 item 3: the stock keepers, who answer engineers' van requests in the web (the
   * fulfil/reject endpoints take `transfer`, so a service manager may do it by the API too).
   */
  keep: KEEPERS,
});

/** Roles that may draw from any warehouse; others only from their own van (and emergency stock). */
export const ANY_WAREHOUSE: Role[] = ['admin', 'service_manager', 'parts_admin'];
