// Server messages: contract and warranty expiry notices and renewals (issue 13 §3, R-CT-1;
// seed 002 part 1 §4 and §15: 保养到期通知书, 免费保修到期, 续约), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const renewalsMessages = {
  renewal_closed: {
    'zh-CN': '该续约商机已结束（已续约或已流失），不能再变更阶段。',
    'en-US': 'This renewal is closed (won or lost); its stage can no longer change.',
  },
  renewal_stage_illegal: {
    'zh-CN': '续约阶段不能从“{from}”改为“{to}”。',
    'en-US': 'A renewal cannot move from "{from}" to "{to}".',
  },
  renewal_lost_reason_required: { 'zh-CN': '标记为流失时必须填写流失原因。', 'en-US': 'A lost renewal needs a reason.' },
  renewal_quote_required: { 'zh-CN': '请先填写续约报价金额。', 'en-US': 'Enter the renewal quote amount first.' },
  renewal_owner_not_sales: { 'zh-CN': '续约负责人必须是在职的销售人员。', 'en-US': 'The renewal owner must be an active sales user.' },
  'field.owner_not_sales': { 'zh-CN': '不是在职的销售人员', 'en-US': 'Not an active sales user' },
  'field.model_or_category': { 'zh-CN': '请选择机型或设备类别（二选一）', 'en-US': 'Give either a model or a device category (one of them)' },
  'notify.contract_expiry_notice.title': { 'zh-CN': '保养到期通知书 {number}', 'en-US': 'Maintenance contract expiry notice {number}' },
  'notify.contract_expiry_notice.body': {
    'zh-CN': '贵单位的保养合同 {number} 将于 {end} 到期。为保障设备持续正常运行，请与我们联系办理续约。通知书可在客户门户下载。',
    'en-US':
      'Your maintenance contract {number} ends on {end}. Please contact us to renew it so your equipment stays covered. The notice letter is in the portal.',
  },
  'notify.warranty_expiry_report.title': { 'zh-CN': '免费保修即将到期 {customer}', 'en-US': 'Free warranty ending soon: {customer}' },
  'notify.warranty_expiry_report.body': {
    'zh-CN': '{customer}：{number} 的免费保修将于 {end} 到期（{devices} 台设备），请跟进保养合同签约。',
    'en-US': '{customer}: the free warranty of {number} ends on {end} ({devices} devices); please follow up the maintenance contract.',
  },
  'label.stage': { 'zh-CN': '阶段', 'en-US': 'stage' },
  'label.quoteAmount': { 'zh-CN': '报价金额', 'en-US': 'quote amount' },
  'label.lostReason': { 'zh-CN': '流失原因', 'en-US': 'reason lost' },
  'label.customerNoticeDays': { 'zh-CN': '提前通知客户天数', 'en-US': 'days before, to the customer' },
  'label.salesNoticeDays': { 'zh-CN': '提前报告销售天数', 'en-US': 'days before, to sales' },
  // Issue 13 §3: a quote from the price list (annual contract price per model or category × years).
  renewal_quote_unpriced: {
    'zh-CN': '价格表中没有这些设备的年度维保价格，请输入报价金额',
    'en-US': 'The price list has no annual contract price for these devices; enter the quote amount',
  },
  renewal_quote_override_reason: {
    'zh-CN': '报价与价格表计算金额（{computed}）不同，须填写调整原因',
    'en-US': 'The quote differs from the price-list amount ({computed}); give the reason for the change',
  },
  'label.quoteOverrideReason': { 'zh-CN': '调价原因', 'en-US': 'reason for the change' },
  'label.annualPrice': { 'zh-CN': '年度维保价格', 'en-US': 'annual contract price' },
} satisfies Catalog;
