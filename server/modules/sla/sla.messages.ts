// Server messages: SLA clocks, policies and business calendars (R-SLA-*, R-DSP-1), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const slaMessages = {
  sla_nothing_to_pause: { 'zh-CN': '没有正在计时的时限可以暂停。', 'en-US': 'No running SLA clock to pause.' },
  sla_not_paused: { 'zh-CN': '时限未暂停。', 'en-US': 'The SLA clocks are not paused.' },
  effective_in_past: {
    'zh-CN': '生效时间不能早于当前时间：已受理的报修保留受理时的时限政策。',
    'en-US': 'The effective time cannot be in the past: requests already received keep the policy they were received under.',
  },
  effective_before_previous: {
    'zh-CN': '生效时间不能早于上一版本的生效时间（{previous}）。',
    'en-US': 'The effective time cannot be before the previous version’s ({previous}).',
  },
  'sla_state.at_risk': { 'zh-CN': '临近（≥75%）', 'en-US': 'At risk (≥ 75 %)' },
  'sla_state.warned': { 'zh-CN': '已预警', 'en-US': 'Warned' },
  'sla_state.breached': { 'zh-CN': '已超时', 'en-US': 'Breached' },
  'clock.respond': { 'zh-CN': '响应', 'en-US': 'response' },
  'clock.arrive': { 'zh-CN': '到场', 'en-US': 'arrival' },
  'clock.restore': { 'zh-CN': '修复', 'en-US': 'restoration' },
  'clock.loaner': { 'zh-CN': '备用机', 'en-US': 'loaner' },
  'notify.sla_warning.title': { 'zh-CN': '{number} {clock}时限即将到期', 'en-US': '{number}: {clock} due soon' },
  'notify.sla_warning.body': { 'zh-CN': '已用去 75% 的时限，截止 {dueAt}。', 'en-US': '75 % of the window is used; due {dueAt}.' },
  'notify.sla_breach.title': { 'zh-CN': '{number} {clock}超时', 'en-US': '{number}: {clock} breached' },
  'notify.sla_breach.body': { 'zh-CN': '时限已于 {dueAt} 到期。', 'en-US': 'The target was due at {dueAt}.' },
  'notify.loaner_needed.title': { 'zh-CN': '{number} 需要提供备用机', 'en-US': '{number}: a loaner is needed' },
  'notify.loaner_needed.body': {
    'zh-CN': '到达现场 12 小时仍未修复，须在 {dueAt} 前提供备用机。',
    'en-US': 'Not restored 12 h after arrival: a loaner must be in place by {dueAt}.',
  },
  'notify.priority_dispatch.title': { 'zh-CN': '优先派工 {number}', 'en-US': 'Dispatch first: {number}' },
  'notify.priority_dispatch.body': {
    'zh-CN': '昨日下班前（{flaggedAt}）仍未派工，请今天上班后优先派工。',
    'en-US': 'Still not dispatched at close of business ({flaggedAt}); dispatch it first thing today.',
  },
  'field.time_overlap': { 'zh-CN': '与同一天的其他时段重叠', 'en-US': 'Overlaps another interval of the same day' },
  'field.holiday_and_makeup': { 'zh-CN': '{date} 不能既是假日又是调休工作日', 'en-US': '{date} cannot be both a holiday and a make-up working day' },
  'field.no_working_time': { 'zh-CN': '一周中至少要有一个工作时段', 'en-US': 'The week needs at least one working interval' },
  'field.invalid_time_zone': {
    'zh-CN': '未知的时区（请用 IANA 名称，如 Asia/Shanghai）',
    'en-US': 'Unknown time zone (use an IANA name such as Asia/Shanghai)',
  },
  'label.calendarId': { 'zh-CN': '工作日历', 'en-US': 'calendar' },
} satisfies Catalog;
