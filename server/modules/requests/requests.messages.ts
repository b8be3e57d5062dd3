// Server messages: repair requests and loaner units (SPEC §3, R-SLA-3), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const requestsMessages = {
  received_in_future: { 'zh-CN': '报修时间不能晚于当前时间。', 'en-US': 'The time received cannot be in the future.' },
  device_retired: { 'zh-CN': '该设备已报废，不能报修。', 'en-US': 'The device is retired; no repair can be requested.' },
  urgency_reason_required: {
    'zh-CN': '修改系统建议的紧急程度时必须填写原因。',
    'en-US': 'Changing the proposed urgency needs a reason.',
  },
  already_responded: { 'zh-CN': '响应时限已完成，无需重复记录。', 'en-US': 'The response was already recorded.' },
  // loaner units (R-SLA-3)
  loaner_unavailable: { 'zh-CN': '该备用机已借出或不可用。', 'en-US': 'This loaner unit is lent out or not available.' },
  not_a_loaner: { 'zh-CN': '所选设备不是备用机池中的设备。', 'en-US': 'The chosen device is not in the loaner pool.' },
  loan_already_open: { 'zh-CN': '该报修已有一台未归还的备用机。', 'en-US': 'This request already has a loaner unit out.' },
  loan_already_returned: { 'zh-CN': '该备用机已归还。', 'en-US': 'This loaner unit has already been returned.' },
  request_not_open: {
    'zh-CN': '报修已结束（当前：{status}），不能再借出备用机。',
    'en-US': 'The request is finished (status: {status}); no loaner can be lent for it.',
  },
  time_in_future: { 'zh-CN': '时间不能晚于当前时间。', 'en-US': 'The time cannot be in the future.' },
  'notify.emergency_request.title': { 'zh-CN': '紧急报修 {number}', 'en-US': 'Emergency request {number}' },
  'notify.emergency_request.body': {
    'zh-CN': '{customer} 设备 {serial} 紧急故障，请立即处理。',
    'en-US': 'Emergency fault on {serial} at {customer}: act now.',
  },
  'notify.request_registered.title': { 'zh-CN': '新报修 {number}', 'en-US': 'New request {number}' },
  'notify.request_registered.body': {
    'zh-CN': '医院通过门户报修设备 {serial}，请派工。',
    'en-US': 'A hospital reported a fault on {serial} in the portal; please dispatch.',
  },
  'field.unavailable': { 'zh-CN': '已借出或不可用', 'en-US': 'Lent out or not available' },
  'label.lentAt': { 'zh-CN': '借出时间', 'en-US': 'time lent' },
  'label.returnedAt': { 'zh-CN': '归还时间', 'en-US': 'time returned' },
  'label.requestReceivedAt': { 'zh-CN': '报修时间', 'en-US': 'time the request was received' },
} satisfies Catalog;
