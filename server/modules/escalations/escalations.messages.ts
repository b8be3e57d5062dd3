// Server messages: the technical-support ladder (技术支持升级, issue 15 §2, R-ESC-1), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const escalationsMessages = {
  escalation_tier_order: {
    'zh-CN': '只能向更高一级升级（一线工程师 → 技术专家 → 研发/生产）。',
    'en-US': 'An escalation goes up the ladder only (field engineer → technical expert → R&D/production).',
  },
  escalation_hours_order: {
    'zh-CN': '升级至研发/生产的时限须晚于升级至技术专家的时限。',
    'en-US': 'The hours before R&D/production must be more than the hours before the technical expert.',
  },
  escalation_closed: { 'zh-CN': '该技术支持升级已关闭，不能再修改。', 'en-US': 'This escalation is closed and can no longer be changed.' },
  escalation_not_expert: {
    'zh-CN': '只有被指派的专家或该级别的专家可以答复。',
    'en-US': 'Only the assigned expert or an expert of this tier may answer.',
  },
  escalation_job_settled: {
    'zh-CN': '工单{number}已修复或已结束（{status}），无需升级。',
    'en-US': 'Work order {number} is already restored or finished ({status}); no escalation is needed.',
  },
  escalation_assignee_tier: { 'zh-CN': '所选人员不是该级别的专家。', 'en-US': 'The person chosen is not an expert of this tier.' },
  degraded_recorded: {
    'zh-CN': '工单{number}已于{at}记录临时应急措施。',
    'en-US': 'A temporary measure was already recorded on work order {number} at {at}.',
  },
  degraded_job_settled: {
    'zh-CN': '工单{number}已修复或已结束，不能再记录临时应急措施。',
    'en-US': 'Work order {number} is already restored or finished; no temporary measure can be recorded.',
  },
  expert_tier_role: {
    'zh-CN': '专家须为在职的公司员工。',
    'en-US': 'An expert must be an active staff member.',
  },
  'label.answer': { 'zh-CN': '答复', 'en-US': 'answer' },
  'label.minutes': { 'zh-CN': '指导时长（分钟）', 'en-US': 'minutes' },
  'label.measure': { 'zh-CN': '临时应急措施', 'en-US': 'temporary measure' },
  'label.toTier': { 'zh-CN': '升级至', 'en-US': 'escalate to' },
  'label.l2AfterHours': { 'zh-CN': '升级至技术专家（小时）', 'en-US': 'hours before the expert' },
  'label.l3AfterHours': { 'zh-CN': '升级至研发/生产（小时）', 'en-US': 'hours before R&D' },
  'notify.escalation_assigned.title': { 'zh-CN': '技术支持升级 {number}（{tier}）', 'en-US': 'Escalation on {number} ({tier})' },
  'notify.escalation_assigned.body': {
    'zh-CN': '{customer} {device}：{question}（提出人：{asker}）',
    'en-US': '{customer} {device}: {question} (asked by {asker})',
  },
  'notify.escalation_auto.title': { 'zh-CN': '工单{number}超时未修复，自动升级至{tier}', 'en-US': 'Work order {number} unresolved: escalated to {tier}' },
  'notify.escalation_auto.body': {
    'zh-CN': '{customer} {device}（{urgency}）报修已超过 {hours} 小时仍未修复，请介入远程技术指导。',
    'en-US': '{customer} {device} ({urgency}) is still not restored after {hours} hours; please step in with remote guidance.',
  },
  'notify.escalation_answered.title': { 'zh-CN': '专家已答复：{number}', 'en-US': 'The expert answered on {number}' },
  'notify.escalation_answered.body': { 'zh-CN': '{expert}：{answer}', 'en-US': '{expert}: {answer}' },
  'notify.work_order_progress.title': { 'zh-CN': '维修进展 {number}', 'en-US': 'Repair progress {number}' },
  'notify.work_order_progress.body': { 'zh-CN': '{customer} {device}（{by}）：{note}', 'en-US': '{customer} {device} ({by}): {note}' },
  'notify.work_order_degraded.title': { 'zh-CN': '已采取临时应急措施：{number}', 'en-US': 'Temporary measure in place: {number}' },
  'notify.work_order_degraded.body': {
    'zh-CN': '{customer} {device} 临时恢复运行（{measure}），修复时限仍在计时。',
    'en-US': '{customer} {device} runs on a temporary measure ({measure}); the restore clock keeps running.',
  },
} satisfies Catalog;
