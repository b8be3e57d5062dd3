// Server messages: KPIs and the management dashboard (R-RP-1, issue 15 §3), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const kpisMessages = {
  kpi_range_reversed: {
    'zh-CN': '统计期间无效：结束日期早于开始日期。',
    'en-US': 'The period is invalid: the end date is before the start date.',
  },
  kpi_range_too_long: {
    'zh-CN': '统计期间最长两年（731天），请缩短日期范围。',
    'en-US': 'The period may span at most two years (731 days); choose a shorter range.',
  },
} satisfies Catalog;
