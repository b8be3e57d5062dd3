// Server messages: service tools and measuring instruments (issue 13 §5), zh-CN and en-US.
// Wording after seed 001 (应急维修工具和设备，定期进行维护和检查) and the usual 计量器具 terms.
import type { Catalog } from '../../lib/i18n.ts';

export const instrumentsMessages = {
  instrument_out_of_calibration: {
    'zh-CN': '计量器具{code}不在校准有效期内或已超差，不得用于检测：请先送检校准。',
    'en-US': 'Instrument {code} is out of calibration or out of tolerance and may not be used for measurements: have it calibrated first.',
  },
  instrument_retired: { 'zh-CN': '计量器具{code}已报废停用，不得使用。', 'en-US': 'Instrument {code} is retired and may not be used.' },
  instrument_not_holder: {
    'zh-CN': '只能交接本人持有的仪器设备；其他仪器请由服务经理或配件管理员办理交接。',
    'en-US': 'You can hand over only an instrument you hold; ask a service manager or the parts administrator for others.',
  },
  'field.instrument_retired': { 'zh-CN': '已报废停用', 'en-US': 'Retired' },
  'field.same_holder': { 'zh-CN': '与当前持有人相同', 'en-US': 'Same as the current holder' },
  'field.not_in_future': { 'zh-CN': '不能晚于今天', 'en-US': 'Cannot be in the future' },
  'field.status_not_settable': { 'zh-CN': '该状态由校准或报废操作设置', 'en-US': 'This status is set by a calibration or by retiring' },
  'notify.instrument_due_soon.title': { 'zh-CN': '计量器具即将到期 {code}', 'en-US': 'Instrument calibration due soon {code}' },
  'notify.instrument_due_soon.body': {
    'zh-CN': '{name}（{code}）的校准有效期至 {due}，请及时送检。',
    'en-US': '{name} ({code}) is due for calibration on {due}; please send it for calibration.',
  },
  'notify.instrument_overdue.title': { 'zh-CN': '计量器具已超期 {code}', 'en-US': 'Instrument calibration overdue {code}' },
  'notify.instrument_overdue.body': {
    'zh-CN': '{name}（{code}）的校准已于 {due} 到期，超期期间不得用于检测，请立即送检。',
    'en-US': '{name} ({code}) was due for calibration on {due}; it may not be used for measurements until calibrated.',
  },
  'label.kind': { 'zh-CN': '类别', 'en-US': 'kind' },
  'label.maker': { 'zh-CN': '生产厂家', 'en-US': 'maker' },
  'label.model': { 'zh-CN': '型号规格', 'en-US': 'model' },
  'label.holderKind': { 'zh-CN': '持有方', 'en-US': 'holder type' },
  'label.holderUserId': { 'zh-CN': '持有工程师', 'en-US': 'holding engineer' },
  'label.holderWarehouseId': { 'zh-CN': '所在库房/服务车', 'en-US': 'warehouse or van' },
  'label.status': { 'zh-CN': '状态', 'en-US': 'status' },
  'label.calibrationIntervalMonths': { 'zh-CN': '校准周期（月）', 'en-US': 'calibration interval (months)' },
  'label.lastCalibratedOn': { 'zh-CN': '上次校准日期', 'en-US': 'last calibrated on' },
  'label.notes': { 'zh-CN': '备注', 'en-US': 'notes' },
  'label.calibratedOn': { 'zh-CN': '校准日期', 'en-US': 'calibration date' },
  'label.result': { 'zh-CN': '校准结论', 'en-US': 'result' },
  'label.certificateNumber': { 'zh-CN': '证书编号', 'en-US': 'certificate number' },
  'label.lab': { 'zh-CN': '检定/校准机构', 'en-US': 'calibration lab' },
  'label.validUntil': { 'zh-CN': '有效期至', 'en-US': 'valid until' },
  'label.note': { 'zh-CN': '说明', 'en-US': 'note' },
  'label.instrumentId': { 'zh-CN': '仪器设备', 'en-US': 'instrument' },
} satisfies Catalog;
