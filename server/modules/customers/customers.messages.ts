// Server messages: customers, zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const customersMessages = {
  'label.departments': { 'zh-CN': '科室', 'en-US': 'departments' },
  'label.sites': { 'zh-CN': '院区/地点', 'en-US': 'sites' },
  'label.contacts': { 'zh-CN': '联系人', 'en-US': 'contacts' },
} satisfies Catalog;
