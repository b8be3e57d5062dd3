// Server messages: device labels and scan reports (扫码报修, issue 16 §2), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const labelsMessages = {
  label_revoked: {
    'zh-CN': '此设备标签已作废，请联系服务热线或使用设备上的新标签。',
    'en-US': 'This device label has been revoked; call the service hotline or use the new label on the device.',
  },
  label_selection_required: {
    'zh-CN': '请选择要打印标签的设备，或按当前筛选条件打印（二者选其一）。',
    'en-US': 'Choose the devices to print labels for, or print the current filter (one or the other).',
  },
  label_sheet_too_large: {
    'zh-CN': '一次最多打印 {max} 个标签，请缩小筛选范围。',
    'en-US': 'At most {max} labels can be printed at once; narrow the filter.',
  },
  scan_report_handled: {
    'zh-CN': '该扫码报修已处理（已转为报修单或已关闭）。',
    'en-US': 'This scanned fault report has already been handled (converted or dismissed).',
  },
  scan_phone_invalid: {
    'zh-CN': '请填写可回拨的手机或座机号码。',
    'en-US': 'Enter a phone number we can call back.',
  },
  scan_rate_limited: {
    'zh-CN': '报修提交过于频繁，请 {seconds} 秒后再试，或直接拨打服务热线。',
    'en-US': 'Too many reports; try again in {seconds} s or call the service hotline.',
  },
} satisfies Catalog;
