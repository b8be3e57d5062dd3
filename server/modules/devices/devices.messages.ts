// Server messages: devices (warranty end derived or overridden, issue 10 item 2), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const devicesMessages = {
  'label.udi': { 'zh-CN': 'UDI', 'en-US': 'UDI' },
  'label.installDate': { 'zh-CN': '安装日期', 'en-US': 'install date' },
  'label.acceptanceDate': { 'zh-CN': '验收日期', 'en-US': 'acceptance date' },
  'label.warrantyEnd': { 'zh-CN': '保修截止日期', 'en-US': 'warranty end' },
  'field.warranty_end_derived': {
    'zh-CN': '保修截止日期由验收日期加型号保修期自动推算；如需指定其他日期，请选择“手动指定”并填写原因',
    'en-US': "The warranty end is derived from the acceptance date and the model's warranty term; to set another date, choose an override and give the reason",
  },
  'label.warrantyOverride': { 'zh-CN': '手动指定保修截止', 'en-US': 'warranty end override' },
  'label.warrantyOverride.reason': { 'zh-CN': '手动指定保修截止的原因', 'en-US': 'reason for the warranty end override' },
} satisfies Catalog;
