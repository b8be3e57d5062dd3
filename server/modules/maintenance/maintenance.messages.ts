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
  // Yearly maintenance plans (issue 13 §1, R-PM-1; seed 002 事先告知客户…影响范围和影响时间).
  'label.contractId': { 'zh-CN': '合同', 'en-US': 'contract' },
  maintenance_plan_outside_contract: {
    'zh-CN': '合同{number}不覆盖{year}年，无法生成保养计划',
    'en-US': 'Contract {number} does not cover {year}; no maintenance plan can be generated',
  },
  maintenance_plan_no_visits: {
    'zh-CN': '合同{number}未约定年度保养次数，设备也没有适用的保养模板',
    'en-US': 'Contract {number} promises no visits per year and its devices have no maintenance template',
  },
  maintenance_visit_not_working_day: {
    'zh-CN': '{date}不是工作日（周末或法定节假日），请选择其他日期',
    'en-US': '{date} is not a working day (weekend or public holiday); choose another day',
  },
  maintenance_visit_locked: {
    'zh-CN': '该保养计划项已生成工单、已完成或已取消，不能再调整',
    'en-US': 'This planned visit already has its work order, is done or cancelled, and can no longer be changed',
  },
  'field.not_working_day': { 'zh-CN': '非工作日', 'en-US': 'Not a working day' },
  'field.not_after_today': { 'zh-CN': '须晚于今天', 'en-US': 'Must be after today' },
  'label.requestedDate': { 'zh-CN': '希望日期', 'en-US': 'requested date' },
  'label.noticeDays': { 'zh-CN': '提前通知天数', 'en-US': 'notice days' },
  'label.orderDays': { 'zh-CN': '提前生成工单天数', 'en-US': 'work-order lead days' },
  'notify.maintenance_notice.title': { 'zh-CN': '保养预约通知 {date}', 'en-US': 'Planned maintenance on {date}' },
  'notify.maintenance_notice.body': {
    'zh-CN':
      '我司工程师{engineer}将于{date}对{device}进行预防性保养：{tasks}。预计用时约{minutes}分钟，保养期间设备停机不可使用（影响范围：{device}）。请在客户门户确认或申请改期。',
    'en-US':
      'Our engineer {engineer} will carry out preventive maintenance on {device} on {date}: {tasks}. It takes about {minutes} minutes, during which the device is out of use (affected: {device}). Please confirm or ask for another date in the portal.',
  },
  'notify.maintenance_reschedule.title': { 'zh-CN': '客户申请保养改期 {device}', 'en-US': 'Hospital asks to move maintenance {device}' },
  'notify.maintenance_reschedule.body': {
    'zh-CN': '{customer}申请将{date}的保养改到{requestedDate}，原因：{reason}',
    'en-US': '{customer} asks to move the maintenance of {date} to {requestedDate}. Reason: {reason}',
  },
  'notify.maintenance_overdue.title': { 'zh-CN': '保养逾期未完成 {device}', 'en-US': 'Maintenance overdue {device}' },
  'notify.maintenance_overdue.body': {
    'zh-CN': '{customer}的{device}计划于{date}保养，至今未完成。',
    'en-US': 'The maintenance of {device} at {customer} planned for {date} is not done.',
  },
  // Issue 13 §1: the job's work order could not go to the planned engineer ({refusal} is a refusal's text).
  'notify.maintenance_dispatch_refused.title': { 'zh-CN': '保养工单未能派给计划工程师 {number}', 'en-US': 'Maintenance work order not dispatched {number}' },
  'notify.maintenance_dispatch_refused.body': {
    'zh-CN': '{customer}的{device}（计划{date}）保养工单{number}未能派给计划工程师{planned}：{refusal}。工单留在派工台，请另行派工。',
    'en-US':
      'The maintenance work order {number} for {device} at {customer} (planned {date}) could not go to the planned engineer {planned}: {refusal}. It waits on the dispatch board.',
  },
  maintenance_engineer_unavailable: {
    'zh-CN': '计划工程师当前不可派工（休假或培训中）',
    'en-US': 'the planned engineer is not available for dispatch (leave or training)',
  },
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
  // 月度巡检报告 (issue 13 §1; seed 002).
  'label.month': { 'zh-CN': '月份', 'en-US': 'month' },
  maintenance_report_future_month: {
    'zh-CN': '{month} 尚未开始，无法生成月度巡检报告',
    'en-US': '{month} has not begun; there is no monthly inspection report for it yet',
  },
  // R-PM-2: corrections after sign-off are new versions (like service reports, R-WO-5).
  maintenance_correction_not_signed: {
    'zh-CN': '保养记录尚未签字，可直接修改，无需更正',
    'en-US': 'The maintenance record is not signed yet; edit it directly instead of correcting it',
  },
  maintenance_correction_no_changes: {
    'zh-CN': '更正内容与当前版本相同，未生成新版本',
    'en-US': 'The correction changes nothing; no new version was made',
  },
  'field.correction_no_changes': { 'zh-CN': '没有需要更正的内容', 'en-US': 'nothing to correct' },
} satisfies Catalog;
