// Server messages: calls, missed calls, hotline hours, the on-call roster, consultations (R-CL-1), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const callsMessages = {
  call_already_linked: {
    'zh-CN': '该来电已转为{kind}，不能再次转换。',
    'en-US': 'This call has already been turned into a {kind}.',
  },
  call_needs_device: { 'zh-CN': '转报修需要先确定设备。', 'en-US': 'Choose the device before turning the call into a repair request.' },
  call_needs_customer: { 'zh-CN': '需要先确定客户（医院）。', 'en-US': 'Choose the customer (hospital) first.' },
  missed_call_returned: { 'zh-CN': '该未接来电已回电。', 'en-US': 'This missed call has already been returned.' },
  missed_calls_import_invalid: {
    'zh-CN': '导入文件有错误，未导入任何记录。{lines}',
    'en-US': 'The file has errors; nothing was imported. {lines}',
  },
  consultation_bad_step: { 'zh-CN': '技术咨询在“{from}”状态下不能执行“{action}”。', 'en-US': 'A consultation that is "{from}" cannot be "{action}".' },
  consultation_not_yours: {
    'zh-CN': '该技术咨询已指派给他人，只能由被指派人或主管处理。',
    'en-US': 'This consultation is assigned to someone else; only they or a manager may handle it.',
  },
  'field.not_expert': { 'zh-CN': '须为在职的技术支持专家', 'en-US': 'Must be an active technical expert' },
  'field.not_engineer': { 'zh-CN': '须为在职的工程师或技术支持专家', 'en-US': 'Must be an active engineer or technical expert' },
  'pbx.line': { 'zh-CN': '第 {line} 行：{field}{problem}', 'en-US': 'Line {line}: {field} {problem}' },
  'pbx.col.time': { 'zh-CN': '来电时间（time）', 'en-US': 'time' },
  'pbx.col.caller': { 'zh-CN': '主叫号码（caller）', 'en-US': 'caller' },
  'pbx.col.call_id': { 'zh-CN': '呼叫ID（call_id）', 'en-US': 'call_id' },
  'pbx.col.header': { 'zh-CN': '表头', 'en-US': 'header row' },
  'pbx.problem.required': { 'zh-CN': '缺失', 'en-US': 'is missing' },
  'pbx.problem.invalid': { 'zh-CN': '格式错误', 'en-US': 'is not valid' },
  'pbx.problem.duplicate': { 'zh-CN': '在文件中重复', 'en-US': 'is repeated in the file' },
  'link.request': { 'zh-CN': '报修', 'en-US': 'repair request' },
  'link.consultation': { 'zh-CN': '技术咨询', 'en-US': 'consultation' },
  'link.complaint': { 'zh-CN': '投诉', 'en-US': 'complaint' },
  'notify.missed_call_overdue.title': { 'zh-CN': '未接来电回电超时 {phone}', 'en-US': 'Missed call not returned in time {phone}' },
  'notify.missed_call_overdue.body': {
    'zh-CN': '{caller} 于 {receivedAt} 来电未接，回电期限 {due} 已过，请尽快回电。',
    'en-US': '{caller} called at {receivedAt} and was missed; the call-back deadline {due} has passed.',
  },
  'notify.consultation_escalated.title': { 'zh-CN': '技术咨询待研究 {number}', 'en-US': 'Consultation to research {number}' },
  'notify.consultation_escalated.body': { 'zh-CN': '升级原因：{reason}', 'en-US': 'Reason for escalation: {reason}' },
  'label.question': { 'zh-CN': '咨询问题', 'en-US': 'question' },
  'label.expertId': { 'zh-CN': '技术专家', 'en-US': 'technical expert' },
  'label.escalationReason': { 'zh-CN': '升级原因', 'en-US': 'reason for escalation' },
  'label.pbxRef': { 'zh-CN': '交换机呼叫ID', 'en-US': 'PBX call id' },
  'label.dutyDate': { 'zh-CN': '值班日期', 'en-US': 'duty date' },
  'label.callbackMinutes': { 'zh-CN': '回电时限（分钟）', 'en-US': 'call-back time (minutes)' },
  'label.weeklyHours': { 'zh-CN': '热线时间', 'en-US': 'hotline hours' },
} satisfies Catalog;
