// The billing module's public face (invoices, receivables, cash hand-over, budgets; issue 15 §4,
// R-FE-1, R-FE-2): everything other modules, server/http, main.ts and the seed use from it. Import
// from here, never from a file inside the folder; its tables come from server/db/schema.ts.
export { budgetVsActual, saveBudget, tagCost } from './billing.budgets.ts';
export { confirmHandover, handOverCash } from './billing.cash.ts';
export { createInvoice, invoiceableWorkOrders, issueCreditNote, recordInvoicePayment, reverseInvoicePayment } from './billing.invoices.ts';
export { billingJobs } from './billing.jobs.ts';
export { sendReminders } from './billing.reminders.ts';
export { billingRoutes } from './billing.routes.ts';
