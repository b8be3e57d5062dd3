// Server messages: traceability (追溯, issue 14 §5, R-REG-5), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const traceabilityMessages = {
  'field.lot_or_serial': { 'zh-CN': '请填写批次号或序列号（二选一）', 'en-US': 'Give either a lot or a serial number (one of them)' },
  'label.lot': { 'zh-CN': '批次号', 'en-US': 'lot' },
  'label.serial': { 'zh-CN': '序列号', 'en-US': 'serial number' },
} satisfies Catalog;
