// Server messages: service contracts, zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const contractsMessages = {
  'label.deviceIds': { 'zh-CN': '设备', 'en-US': 'devices' },
  'label.startDate': { 'zh-CN': '开始日期', 'en-US': 'start date' },
  'label.endDate': { 'zh-CN': '结束日期', 'en-US': 'end date' },
  'label.contracts': { 'zh-CN': '合同', 'en-US': 'contracts' },
} satisfies Catalog;
