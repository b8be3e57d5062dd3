// Server messages: daily reports, zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const reportsMessages = {
  report_own_only: {
    'zh-CN': '只能查看本人的技术员工作日报表。',
    'en-US': 'You may read only your own technician daily report.',
  },
} satisfies Catalog;
