// Server messages: adverse events (不良事件, issue 14 §2, R-REG-2), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const vigilanceMessages = {
  ae_bad_state: { 'zh-CN': '不良事件{number}当前状态（{state}）不允许此操作。', 'en-US': 'Adverse event {number} is {state}; this step is not allowed now.' },
  ae_not_decided: {
    'zh-CN': '不良事件{number}尚未作出是否上报的判定，请质量部先判定。',
    'en-US': 'Adverse event {number} has no reportability decision yet; quality must decide first.',
  },
  ae_not_reportable: {
    'zh-CN': '不良事件{number}已判定为无需上报，不能提交报告。',
    'en-US': 'Adverse event {number} was decided not reportable; no report can be submitted.',
  },
  ae_device_required: { 'zh-CN': '提交报告前须指定涉及的设备。', 'en-US': 'Choose the device concerned before submitting the report.' },
  ae_form_incomplete: {
    'zh-CN': '可疑医疗器械不良事件报告表尚未填写完整：{missing}',
    'en-US': 'The adverse-event report form is incomplete: {missing}',
  },
  ae_closed: { 'zh-CN': '不良事件{number}已关闭，不能再修改。', 'en-US': 'Adverse event {number} is closed and can no longer be changed.' },
  ae_edit_quality_only: {
    'zh-CN': '报告提交后只有质量部可以修改不良事件。',
    'en-US': 'Once the report is submitted only quality may change the adverse event.',
  },
  ae_cluster_reviewed: { 'zh-CN': '该群体事件提示已处理。', 'en-US': 'This possible group event has already been reviewed.' },
  'field.ae_customer_mismatch': { 'zh-CN': '设备不属于所选客户', 'en-US': 'The device does not belong to the chosen customer' },
  'label.description': { 'zh-CN': '事件陈述', 'en-US': 'description' },
  'label.complaintId': { 'zh-CN': '关联投诉', 'en-US': 'complaint' },
  'label.recipient': { 'zh-CN': '接收方', 'en-US': 'recipient' },
  'label.reportedOn': { 'zh-CN': '报告日期', 'en-US': 'report date' },
  'label.sentAt': { 'zh-CN': '通知日期', 'en-US': 'notice date' },
  'label.reportNumber': { 'zh-CN': '报告编号', 'en-US': 'report number' },
  'label.evaluation': { 'zh-CN': '评价意见', 'en-US': 'evaluation' },
  'label.awareAt': { 'zh-CN': '获知日期', 'en-US': 'awareness date' },
  'label.patientImpact': { 'zh-CN': '伤害程度', 'en-US': 'patient impact' },
  'notify.adverse_event_created.title': { 'zh-CN': '新不良事件 {number}', 'en-US': 'New adverse event {number}' },
  'notify.adverse_event_created.body': {
    'zh-CN': '{customer}：{description}。请判定是否上报；报告时限 {due}。',
    'en-US': '{customer}: {description}. Decide whether it is reportable; report due {due}.',
  },
  'notify.adverse_event_clock.title': { 'zh-CN': '不良事件报告时限提醒 {number}', 'en-US': 'Adverse-event reporting deadline {number}' },
  'notify.adverse_event_clock.body': {
    'zh-CN': '不良事件{number}（{customer}）{level}：报告时限 {due}。',
    'en-US': 'Adverse event {number} ({customer}) {level}: the report is due {due}.',
  },
  'notify.adverse_event_cluster.title': { 'zh-CN': '可能的群体不良事件：{model}', 'en-US': 'Possible group adverse event: {model}' },
  'notify.adverse_event_cluster.body': {
    'zh-CN': '{model} 同一故障（{fault}）在 {days} 天内来自 {customers} 家客户，请评估是否为群体不良事件。',
    'en-US': '{model}: the same fault ({fault}) from {customers} customers within {days} days; assess whether it is a group event.',
  },
} satisfies Catalog;
