// Invoices, receivables, cash hand-over and budgets (issue 15 §4, R-FE-1, R-FE-2): finance's work.
// Executives and service managers read receivables and budgets; hospital users read their own
// invoices (portal). Engineers hand over cash they collected on site (seed 002 §5); the accountant
// (finance) confirms it. Everyone else: 403.
import { definePolicy } from '../../lib/access.ts';

export const billingPolicy = definePolicy({
  readInvoices: ['admin', 'finance', 'executive', 'service_manager', 'customer_user'],
  invoice: ['admin', 'finance'],
  pay: ['admin', 'finance'],
  credit: ['admin', 'finance'],
  handOver: ['admin', 'finance', 'engineer', 'technician', 'service_manager'],
  confirmHandover: ['admin', 'finance'],
  readBudgets: ['admin', 'finance', 'executive', 'service_manager'],
  editBudgets: ['admin', 'finance'],
  tagCosts: ['admin', 'finance'],
});
