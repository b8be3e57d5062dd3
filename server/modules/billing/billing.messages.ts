// Server messages: invoices, receivables, cash hand-over and budgets (issue 15 §4, R-FE-1, R-FE-2), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const billingMessages = {
  invoice_mixed_customers: { 'zh-CN': '一张发票只能包含同一客户的工单。', 'en-US': 'One invoice holds work orders of one customer only.' },
  invoice_not_chargeable: {
    'zh-CN': '只有有费服务且仍有欠款的工单才能开票。',
    'en-US': 'Only paid-service work orders with an amount still owed can be invoiced.',
  },
  invoice_fee_not_final: {
    'zh-CN': '工单费用尚未确定（须已修复、签字、审核或关闭）才能开票。',
    'en-US': 'The work order’s fee is not final yet (it must be resolved, signed off, reviewed or closed) before it is invoiced.',
  },
  invoice_already_invoiced: { 'zh-CN': '该工单已开过发票。', 'en-US': 'This work order is already on an invoice.' },
  invoice_settled: { 'zh-CN': '该发票已无未收金额。', 'en-US': 'Nothing is open on this invoice.' },
  entry_exceeds_open: { 'zh-CN': '金额超过发票未收金额 {open}。', 'en-US': 'The amount exceeds the open amount of {open}.' },
  entry_not_reversible: {
    'zh-CN': '只有收款记录可以冲销；冲销记录和红字发票不能再冲销。',
    'en-US': 'Only a payment can be reversed; a reversal or a credit note cannot.',
  },
  entry_already_reversed: { 'zh-CN': '该收款已冲销过。', 'en-US': 'This payment has already been reversed.' },
  handover_not_cash: { 'zh-CN': '只有现场收取的现金可以交接。', 'en-US': 'Only cash collected on site can be handed over.' },
  handover_not_on_hand: {
    'zh-CN': '所选收款已交接、已冲销或不是您收取的。',
    'en-US': 'A chosen payment is already handed over, reversed or was not collected by you.',
  },
  handover_already_confirmed: { 'zh-CN': '该现金交接已由财务确认。', 'en-US': 'This cash hand-over is already confirmed by finance.' },
  budget_line_duplicate: {
    'zh-CN': '第 {line} 行与前面的行重复（同一类别、部门和项目只能有一行）。',
    'en-US': 'Line {line} repeats an earlier one (one line per category, department and project).',
  },
  'label.issueDate': { 'zh-CN': '开票日期', 'en-US': 'issue date' },
  'label.workOrderIds': { 'zh-CN': '工单', 'en-US': 'work orders' },
  'label.paymentIds': { 'zh-CN': '收款记录', 'en-US': 'payments' },
  'label.lines': { 'zh-CN': '预算明细', 'en-US': 'budget lines' },
  'notify.invoice_overdue.title': { 'zh-CN': '应收账款逾期提醒 {number}', 'en-US': 'Overdue invoice {number}' },
  'notify.invoice_overdue.body': {
    'zh-CN': '{customer} 的发票 {number}（到期日 {due}）未收金额 {open}：{bucket}。请跟进催款。',
    'en-US': 'Invoice {number} of {customer} (due {due}) has {open} open: {bucket}. Please follow up.',
  },
} satisfies Catalog;
