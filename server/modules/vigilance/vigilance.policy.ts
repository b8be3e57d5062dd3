// Adverse events (不良事件, issue 14 §2, R-REG-2). Staff read and record drafts; quality decides
// reportability, submits the signed report, files follow-ups, closes, notifies the supplier,
// reviews clusters and sets the clocks; the executive reads. Hospital users do not see adverse
// events at all (the report concerns their patients but is the company's regulatory file).
import { definePolicy, STAFF } from '../../lib/access.ts';

export const vigilancePolicy = definePolicy({
  read: STAFF,
  create: STAFF,
  edit: STAFF,
  decide: ['quality'],
  submit: ['quality'],
  followUp: ['quality'],
  close: ['quality'],
  notifySupplier: ['quality'],
  reviewCluster: ['quality'],
  settings: ['admin', 'quality'],
});
