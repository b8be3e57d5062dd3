// Server messages: maintenance templates (issue 13 §1, R-PM-1), zh-CN and en-US. Wording from
// seed 004 §4 (保养: 清洁、润滑、紧固、校准、更换易损件, 运行参数).
import type { Catalog } from '../../lib/i18n.ts';

export const maintenanceMessages = {
  'field.range_order': { 'zh-CN': '上限不能小于下限（{min}）', 'en-US': 'Must not be below the minimum ({min})' },
  'field.range_or_expected': {
    'zh-CN': '须填写范围（下限/上限）或期望结果，二者取一',
    'en-US': 'Give either a range (min/max) or an expected result, not both',
  },
  'label.intervalMonths': { 'zh-CN': '保养周期（月）', 'en-US': 'interval (months)' },
  'label.estimatedMinutes': { 'zh-CN': '预计用时（分钟）', 'en-US': 'estimated duration (minutes)' },
  'label.minOnSiteMinutes': { 'zh-CN': '最短在场时间（分钟）', 'en-US': 'minimum time on site (minutes)' },
  'label.photosRequired': { 'zh-CN': '须拍照片数', 'en-US': 'photos required' },
  'label.tasks': { 'zh-CN': '保养项目', 'en-US': 'tasks' },
  'label.checks': { 'zh-CN': '运行参数检查', 'en-US': 'checks' },
  'label.partsKit': { 'zh-CN': '备件包', 'en-US': 'parts kit' },
  'label.partCode': { 'zh-CN': '备件编号', 'en-US': 'part code' },
  'label.min': { 'zh-CN': '下限', 'en-US': 'minimum' },
  'label.max': { 'zh-CN': '上限', 'en-US': 'maximum' },
  'label.expected': { 'zh-CN': '期望结果', 'en-US': 'expected result' },
  'label.category': { 'zh-CN': '设备类别', 'en-US': 'device category' },
  // Issue 13 §1 recording and §2 evidence (R-PM-1, R-PM-2; seed 002 虚假巡检报告).
  maintenance_evidence_missing: {
    'zh-CN': '巡检/保养记录证据不全（缺 {count} 项），不能完成、签字或关闭',
    'en-US': 'The maintenance record lacks evidence ({count} missing); it cannot be resolved, signed or closed',
  },
  'field.evidence_record': { 'zh-CN': '尚未打开保养记录', 'en-US': 'no maintenance record opened' },
  'field.evidence_arrival': { 'zh-CN': '缺少到场时间', 'en-US': 'arrival time missing' },
  'field.evidence_departure': { 'zh-CN': '缺少离场时间', 'en-US': 'departure time missing' },
  'field.evidence_task': { 'zh-CN': '保养项目未标记完成与否：{label}', 'en-US': 'task not marked done or not done: {label}' },
  'field.evidence_reading': { 'zh-CN': '缺少读数：{label}', 'en-US': 'reading missing: {label}' },
  'field.evidence_photos': {
    'zh-CN': '在场时间内拍摄的照片不足：需 {required} 张，现 {inWindow} 张',
    'en-US': 'too few photos taken on site: {required} required, {inWindow} taken',
  },
  'field.evidence_signature': { 'zh-CN': '缺少客户签字（姓名及签字含义）', 'en-US': "customer's signature (name and meaning) missing" },
  maintenance_not_maintenance: { 'zh-CN': '该工单不是保养/巡检工单', 'en-US': 'This work order is not a maintenance visit' },
  maintenance_record_missing: { 'zh-CN': '请先打开保养记录', 'en-US': 'Open the maintenance record first' },
  maintenance_not_arrived: { 'zh-CN': '请先记录到场时间', 'en-US': 'Record the arrival first' },
  maintenance_unknown_task: { 'zh-CN': '模板中没有该保养项目', 'en-US': 'The template has no such task' },
  maintenance_unknown_check: { 'zh-CN': '模板中没有该检查项', 'en-US': 'The template has no such check' },
  'field.note_required_not_done': { 'zh-CN': '未完成的项目须说明原因', 'en-US': 'Say why the task was not done' },
  'field.departure_before_arrival': { 'zh-CN': '离场时间不能早于到场时间', 'en-US': 'Departure cannot be before arrival' },
  'label.checkKey': { 'zh-CN': '检查项', 'en-US': 'check' },
  'label.taskKey': { 'zh-CN': '保养项目', 'en-US': 'task' },
  'label.fixedOnSpot': { 'zh-CN': '现场已处理', 'en-US': 'fixed on the spot' },
} satisfies Catalog;
