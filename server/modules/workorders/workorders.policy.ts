// Who may act on work orders. Per-order capacities (lead, helper, the hospital that owns it)
// are decided by the state machine's actors (workorders.rules.ts); this gates the endpoints.
import { ALL, definePolicy, STAFF } from '../../lib/access.ts';

export const workOrdersPolicy = definePolicy({
  read: ALL,
  dispatch: ['admin', 'service_manager', 'dispatcher'],
  /** Issue 12: a job of another kind than repair (installation, maintenance, …) created by the office. */
  create: ['admin', 'service_manager', 'dispatcher'],
  act: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'],
  sign: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'customer_user'],
  review: ['service_manager', 'dispatcher'],
  /** R-WO-5: a reviewed report is corrected by a new version, which customer service reviews again. */
  correct: ['admin', 'service_manager', 'dispatcher'],
  /** R-WO-6: the same-day misses reported to the sales director. */
  sameDayReport: ['admin', 'service_manager', 'sales', 'executive'],
  /** R-WO-4 / R-FE-1: the price list is read by staff and kept by finance. */
  readPrices: STAFF,
  editPrices: ['admin', 'finance'],
  /** Recording a fee collected or invoiced. */
  pay: ['admin', 'finance'],
  /**
   * Cash collected on site (seed 002 §5, R-FE-1): the engineer or technician on the job records the
   * cash he took (method 'collected' only) and later hands it to finance (billing's 现金交接).
   */
  collect: ['engineer', 'technician'],
  /** The payment endpoint's gate: finance (pay) or field staff (collect); recordPayment tells them apart. */
  recordPayment: ['admin', 'finance', 'engineer', 'technician'],
  /**
   * Issue 11 item 3: abilities the web shows screens by, with no endpoint of their own.
   * myWork: the roles work is assigned to (the "my work" screen, their own daily report).
   * goodsRegister: the whole goods in/out register (hospital users see theirs on the order).
   * feeWork: those who quote, charge or check fees and so find the price list in the menu.
   */
  myWork: ['engineer', 'technician', 'technical_expert'],
  goodsRegister: STAFF,
  feeWork: ['admin', 'finance', 'service_manager', 'sales', 'dispatcher'],
});
