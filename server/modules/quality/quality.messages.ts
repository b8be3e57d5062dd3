// Server messages: quality tracking (质量跟踪, issue 14 §5, R-REG-6), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const qualityMessages = {
  quality_until_before_launch: {
    'zh-CN': '跟踪截止日期不能早于上市日期。',
    'en-US': 'The end of tracking cannot be before the launch date.',
  },
  quality_already_unstable: {
    'zh-CN': '该型号已标记为质量不稳定：请先解除标记再重新标记。',
    'en-US': 'This model is already flagged unstable; clear the flag before flagging it again.',
  },
  quality_not_unstable: { 'zh-CN': '该型号未标记为质量不稳定，无需解除。', 'en-US': 'This model is not flagged unstable; there is nothing to clear.' },
  quality_settings_trailing_too_long: {
    'zh-CN': '对比的前几个月必须少于趋势月数。',
    'en-US': 'The months compared against must be fewer than the months of the trend.',
  },
  'label.newLaunchYears': { 'zh-CN': '新上市跟踪年限（年）', 'en-US': 'new-launch tracking (years)' },
  'label.repeatWindowDays': { 'zh-CN': '重复维修判定天数', 'en-US': 'repeat-repair window (days)' },
  'label.trendMonths': { 'zh-CN': '趋势月数', 'en-US': 'trend (months)' },
  'label.jumpFactor': { 'zh-CN': '故障率异常倍数', 'en-US': 'fault-rate jump factor' },
  'label.jumpTrailingMonths': { 'zh-CN': '对比前几个月', 'en-US': 'months compared against' },
  'label.jumpMinFaults': { 'zh-CN': '异常最少报修次数', 'en-US': 'minimum faults for an alert' },
  'label.trackUntil': { 'zh-CN': '跟踪截止日期', 'en-US': 'tracked until' },
  'label.visitEveryMonths': { 'zh-CN': '跟踪回访间隔（月）', 'en-US': 'visit every (months)' },
  'notify.quality_rate_jump.title': { 'zh-CN': '质量异常：{model} 故障率上升', 'en-US': 'Quality alert: {model} fault rate jumped' },
  'notify.quality_rate_jump.body': {
    'zh-CN': '{model} {month} 故障率 {rate} 次/百台（{faults} 次报修），高于前{trailing}个月均值 {baseline} 的{factor}倍，请质量部跟踪分析原因。',
    'en-US':
      '{model}: {rate} faults per 100 units in {month} ({faults} requests), more than {factor} times the {trailing}-month mean of {baseline}; quality, please investigate.',
  },
} satisfies Catalog;
