// Server messages: the dispatch board, zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const dispatchMessages = {
  'label.modelIds': { 'zh-CN': '型号', 'en-US': 'models' },
} satisfies Catalog;
