// Server messages: quarterly visit plans and key accounts (issue 13 §4), zh-CN and en-US. Wording
// from seed 002 part 2 (客户回访以季度为单位，分解到月，按计划执行) and seed 003 §6.
import type { Catalog } from '../../lib/i18n.ts';

export const visitPlansMessages = {
  visit_line_done: { 'zh-CN': '该计划回访已完成，无需再次登记。', 'en-US': 'This planned visit is already done.' },
  visit_not_this_month: {
    'zh-CN': '只能登记本月的计划回访（该回访计划在 {month}）。',
    'en-US': 'Only a visit planned for this month can be recorded (this one is planned for {month}).',
  },
  visit_no_standing_plan: {
    'zh-CN': '该客户没有在保或保外设备的回访计划，无法登记：请先为其设备建立回访计划。',
    'en-US': "The customer has no standing follow-up plan for a device, so the visit cannot be recorded: plan its devices' follow-ups first.",
  },
  'notify.visit_missed_onsite.title': { 'zh-CN': '上门回访未按计划执行 {customer}', 'en-US': 'Planned on-site visit missed: {customer}' },
  'notify.visit_missed_onsite.body': {
    'zh-CN': '{customer} {month} 计划的第{seq}次上门回访未完成（责任人：{assignee}），请督促补访。',
    'en-US': 'On-site visit {seq} planned for {customer} in {month} was not made (responsible: {assignee}); please follow it up.',
  },
  'notify.visit_missed_phone.title': { 'zh-CN': '电话回访未按计划执行 {customer}', 'en-US': 'Planned phone follow-up missed: {customer}' },
  'notify.visit_missed_phone.body': {
    'zh-CN': '{customer} {month} 计划的第{seq}次电话回访未完成（责任人：{assignee}），请督促补访。',
    'en-US': 'Phone follow-up {seq} planned for {customer} in {month} was not made (responsible: {assignee}); please follow it up.',
  },
  'label.keyAccount': { 'zh-CN': '重点客户', 'en-US': 'key account' },
  'label.period': { 'zh-CN': '回访周期', 'en-US': 'period' },
  'label.visits': { 'zh-CN': '回访次数', 'en-US': 'visits' },
  'label.method': { 'zh-CN': '回访方式', 'en-US': 'method' },
  'label.quarter': { 'zh-CN': '季度', 'en-US': 'quarter' },
  'label.assigneeId': { 'zh-CN': '回访责任人', 'en-US': 'responsible person' },
} satisfies Catalog;
