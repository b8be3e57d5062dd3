import { definePolicy } from '../../lib/access.ts';

/**
 * Visit plans (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行): the office reads
 * them (customer service, engineers who visit, sales who own key accounts, quality, management);
 * the service manager and customer service generate and assign them; the service manager and sales
 * flag key accounts (重点客户). Hospital users see none.
 */
export const visitPlansPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'engineer', 'sales', 'quality', 'executive'],
  plan: ['admin', 'service_manager', 'dispatcher'],
  /** Record a planned visit as made (the follow-up's own answer right: followups.answer). */
  record: ['admin', 'service_manager', 'dispatcher', 'engineer'],
  keyAccount: ['admin', 'service_manager', 'sales'],
});
