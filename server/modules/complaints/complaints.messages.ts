// Server messages: complaints (issue 4, R-CP-4), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const complaintsMessages = {
  complaint_incomplete: {
    'zh-CN': '投诉档案不完整，不能关闭。缺少：{missing}',
    'en-US': 'The complaint file is incomplete and cannot be closed. Missing: {missing}',
  },
  complaint_bad_transition: { 'zh-CN': '投诉不能从“{from}”转为“{to}”。', 'en-US': 'A complaint cannot go from "{from}" to "{to}".' },
  'notify.complaint_major.title': { 'zh-CN': '重大投诉 {number}', 'en-US': 'Major complaint {number}' },
  'notify.complaint_major.body': { 'zh-CN': '{customer}：{matter}', 'en-US': '{customer}: {matter}' },
  'notify.complaint_assigned.title': { 'zh-CN': '投诉待处理 {number}', 'en-US': 'Complaint to handle {number}' },
  'notify.complaint_assigned.body': { 'zh-CN': '处理期限 {deadline}。', 'en-US': 'Deadline {deadline}.' },
  'notify.complaint_deadline.title': { 'zh-CN': '投诉处理期限已到 {number}', 'en-US': 'Complaint deadline reached {number}' },
  'notify.complaint_deadline.body': {
    'zh-CN': '处理期限 {deadline}，请尽快处理并答复客户。',
    'en-US': 'Deadline {deadline}: handle it and reply to the customer.',
  },
  'label.deviceIdentifier': { 'zh-CN': '设备标识（UDI/序列号）', 'en-US': 'device identifier (UDI/serial)' },
  'label.complainantName': { 'zh-CN': '投诉人', 'en-US': 'complainant' },
  'label.matter': { 'zh-CN': '投诉事项', 'en-US': 'nature and details' },
  'label.reportable': { 'zh-CN': '是否需上报不良事件', 'en-US': 'reportability decision' },
  'label.reportabilityReason': { 'zh-CN': '上报判定理由', 'en-US': 'reason for the reportability decision' },
  'label.investigationStartedOn': { 'zh-CN': '调查开始日期', 'en-US': 'investigation start' },
  'label.investigationEndedOn': { 'zh-CN': '调查结束日期', 'en-US': 'investigation end' },
  'label.investigationResult': { 'zh-CN': '调查结果', 'en-US': 'investigation result' },
  'label.noInvestigationReason': { 'zh-CN': '不调查的理由', 'en-US': 'reason for no investigation' },
  'label.rootCause': { 'zh-CN': '根本原因', 'en-US': 'root cause' },
  'label.correctiveAction': { 'zh-CN': '纠正措施', 'en-US': 'corrective action' },
  'label.verification': { 'zh-CN': '效果验证', 'en-US': 'verification' },
  'label.reply': { 'zh-CN': '答复客户', 'en-US': 'reply to the customer' },
  'label.repliedAt': { 'zh-CN': '答复时间', 'en-US': 'reply date' },
  'label.substantiated': { 'zh-CN': '是否查实', 'en-US': 'substantiated or not' },
  'label.responsibleId': { 'zh-CN': '查实责任人', 'en-US': 'responsible person' },
  'label.followupId': { 'zh-CN': '回访', 'en-US': 'follow-up' },
  'label.surveyId': { 'zh-CN': '满意度调查', 'en-US': 'survey' },
} satisfies Catalog;
