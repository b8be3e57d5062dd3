// Server messages: follow-ups (issue 4), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const followupsMessages = {
  'followup.step.s': { 'zh-CN': '第 {n} 次回访', 'en-US': 'follow-up no. {n}' },
  'followup.step.d': { 'zh-CN': '出片效果跟踪第 {n} 天', 'en-US': 'daily quality call, day {n}' },
  'followup.step.r': { 'zh-CN': '定期回访第 {n} 次', 'en-US': 'regular follow-up no. {n}' },
  'followup.step.t': { 'zh-CN': '维修后质量跟踪第 {n} 次', 'en-US': 'post-repair quality check no. {n}' },
  'followup.step.o': { 'zh-CN': '第 {n} 次上门巡访', 'en-US': 'on-site visit no. {n}' },
  'followup.step.p': { 'zh-CN': '第 {n} 次电话回访', 'en-US': 'phone follow-up no. {n}' },
  followup_not_pending: { 'zh-CN': '该回访已记录，不能再次填写。', 'en-US': 'This follow-up has already been recorded.' },
  followup_not_escalated: { 'zh-CN': '只有已上报的回访才能审批处理方案。', 'en-US': 'Only an escalated follow-up can have its handling plan approved.' },
  followup_not_approved: { 'zh-CN': '处理方案尚未经领导审批。', 'en-US': 'The handling plan has not been approved yet.' },
  followup_plan_exists: { 'zh-CN': '该设备已有此类定期回访计划。', 'en-US': 'The device already has a standing plan of this kind.' },
  followup_not_answered: { 'zh-CN': '回访尚未完成，不能审查。', 'en-US': 'The follow-up has not been done yet; nothing to review.' },
  'notify.followup_escalated.title': { 'zh-CN': '回访问题待审批 {number}', 'en-US': 'Follow-up problem to approve {number}' },
  'notify.followup_escalated.body': {
    'zh-CN': '电话无法解决：{problem}。请审批处理方案。',
    'en-US': 'Not solvable by phone: {problem}. Please approve a handling plan.',
  },
  'notify.followup_approved.title': { 'zh-CN': '处理方案已审批 {number}', 'en-US': 'Handling plan approved {number}' },
  'notify.followup_approved.body': { 'zh-CN': '请将处理方案告知客户并记录。', 'en-US': 'Tell the customer the plan and record it.' },
  'notify.followup_due.title': { 'zh-CN': '回访到期', 'en-US': 'Follow-up due' },
  // {key} is the follow-up in words (第 1 次回访, 出片效果跟踪第 2 天 …), see followupStep().
  'notify.followup_due.body': { 'zh-CN': '{key}须于 {dueAt} 前完成。', 'en-US': 'The {key} is due by {dueAt}.' },
  'label.problem': { 'zh-CN': '问题描述', 'en-US': 'problem' },
  'label.questionnaireId': { 'zh-CN': '问卷', 'en-US': 'questionnaire' },
} satisfies Catalog;
