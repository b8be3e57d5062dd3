// Server messages: recalls and field actions (召回 / 现场安全通知 / 技术升级, issue 14 §3, R-REG-3, R-UP-1), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const campaignsMessages = {
  campaign_closed: { 'zh-CN': '该召回/现场行动已关闭，不能再修改。', 'en-US': 'This campaign is closed and can no longer be changed.' },
  campaign_fee_frozen: {
    'zh-CN': '受影响设备已锁定，成本费不能再修改（各设备的费用已按锁定时的保修状态计算）。',
    'en-US': 'The selection is frozen; the cost fee can no longer change (each unit’s fee was set when frozen).',
  },
  campaign_criteria_empty: {
    'zh-CN': '请至少填写一个选择条件：型号、序列号范围、软件版本、备件批号或序列号清单。',
    'en-US': 'Give at least one selection criterion: model, serial range, software version, part lot or a list of serials.',
  },
  campaign_serial_range_incomplete: { 'zh-CN': '序列号范围须同时填写起始和截止序列号。', 'en-US': 'A serial range needs both its first and its last serial.' },
  campaign_serial_range_reversed: { 'zh-CN': '序列号范围的截止序列号小于起始序列号。', 'en-US': 'The last serial of the range comes before the first.' },
  campaign_part_no_without_lot: { 'zh-CN': '按备件号筛选时须同时填写批号。', 'en-US': 'A part number narrows a lot: give the lot too.' },
  campaign_file_empty: {
    'zh-CN': '上传的文件中没有序列号：请在第一列（或“序列号”列）逐行填写设备序列号。',
    'en-US': 'The uploaded file has no serial numbers: put one per row in the first column (or a “Serial number” column).',
  },
  campaign_file_too_many_rows: {
    'zh-CN': '上传的文件有 {count} 行序列号，每次最多 {limit} 行，请拆分后分别上传。',
    'en-US': 'The uploaded file has {count} rows of serials; at most {limit} per file — split it.',
  },
  campaign_file_too_large: { 'zh-CN': '上传的文件超过 {limit}，未读取。', 'en-US': 'The uploaded file is larger than {limit} and was not read.' },
  campaign_already_frozen: { 'zh-CN': '受影响设备已锁定，不能重新选择。', 'en-US': 'The affected units are already frozen; the selection cannot change.' },
  campaign_selection_empty: { 'zh-CN': '按这些条件没有找到任何受影响设备，未锁定。', 'en-US': 'These criteria select no unit; nothing was frozen.' },
  campaign_not_frozen: { 'zh-CN': '请先预览并锁定受影响设备，再通知客户。', 'en-US': 'Preview and freeze the affected units before notifying customers.' },
  campaign_already_notifying: { 'zh-CN': '客户通知已经开始发送。', 'en-US': 'Customer notification has already started.' },
  campaign_not_started: {
    'zh-CN': '尚未开始通知客户，不能处理设备或关闭。',
    'en-US': 'Customer notification has not started; units cannot be worked and the campaign cannot close.',
  },
  campaign_notice_not_sent: { 'zh-CN': '该通知尚未发送，不能确认收到。', 'en-US': 'This notice has not been sent yet and cannot be acknowledged.' },
  campaign_notice_acked: { 'zh-CN': '该通知已由{who}于{at}确认收到。', 'en-US': 'This notice was already acknowledged by {who} at {at}.' },
  campaign_ack_note_required: {
    'zh-CN': '代客户登记确认时须填写电话确认记录（联系人、电话、时间）。',
    'en-US': 'Recording an acknowledgement for the customer needs the call record (who, number, when).',
  },
  campaign_consent_not_needed: { 'zh-CN': '只有技术升级需要客户同意。', 'en-US': 'Only a technical upgrade needs the customer’s consent.' },
  campaign_consent_recorded: { 'zh-CN': '该设备的客户意愿已登记。', 'en-US': 'The customer’s decision for this unit is already recorded.' },
  campaign_refusal_note_required: { 'zh-CN': '客户不同意升级时须填写说明。', 'en-US': 'A refused upgrade needs a note saying why.' },
  campaign_consent_required: {
    'zh-CN': '技术升级须先征得客户同意（根据客户意愿），才能执行。',
    'en-US': 'A technical upgrade needs the customer’s consent before it is carried out.',
  },
  campaign_unit_resolved: { 'zh-CN': '该设备已处理完毕。', 'en-US': 'This unit is already resolved.' },
  campaign_unit_has_wo: { 'zh-CN': '该设备已有召回/升级工单。', 'en-US': 'This unit already has its work order.' },
  campaign_unit_refuse_by_consent: {
    'zh-CN': '“客户不同意”须通过登记客户意愿来记录。',
    'en-US': 'A refused upgrade is recorded through the customer’s consent.',
  },
  campaign_unit_verification_required: {
    'zh-CN': '已纠正/已更换的设备须填写测试和验证结果，才算完成。',
    'en-US': 'A corrected or replaced unit counts as done only with its test and verification results.',
  },
  campaign_unit_wo_open: {
    'zh-CN': '该设备的工单尚未完成，不能记为已纠正/已更换。',
    'en-US': 'The unit’s work order is not resolved yet; it cannot count as corrected or replaced.',
  },
  campaign_unit_reason_required: { 'zh-CN': '未找到设备时须填写原因。', 'en-US': 'A unit not found needs the reason.' },
  campaign_units_open: {
    'zh-CN': '还有{open}台设备未处理：每台设备须有处理结果（或注明原因）后才能关闭。',
    'en-US': '{open} units are still open: every unit needs an outcome (or a reason) before the campaign closes.',
  },
  'label.criteria': { 'zh-CN': '选择条件', 'en-US': 'selection criteria' },
  'label.criteria.serialFrom': { 'zh-CN': '起始序列号', 'en-US': 'first serial' },
  'label.criteria.serialTo': { 'zh-CN': '截止序列号', 'en-US': 'last serial' },
  'label.criteria.partLot': { 'zh-CN': '备件批号', 'en-US': 'part lot' },
  'label.deadlineDays': { 'zh-CN': '通知期限（天）', 'en-US': 'notice deadline (days)' },
  'label.decision': { 'zh-CN': '客户意愿', 'en-US': 'customer decision' },
  'notify.campaign_notice.title': { 'zh-CN': '重要通知：{title}（{number}）', 'en-US': 'Important notice: {title} ({number})' },
  'notify.campaign_notice.body': {
    'zh-CN': '贵单位的设备受{number}影响，请在门户“重要通知”查看通知内容并点击“确认收到”（截止 {deadline}）。',
    'en-US': 'Your units are affected by {number}; read the notice under “Important notices” in the portal and click “Acknowledge” (due {deadline}).',
  },
  'notify.campaign_notice_overdue.title': { 'zh-CN': '召回通知逾期未确认：{number}', 'en-US': 'Recall notice unacknowledged past deadline: {number}' },
  'notify.campaign_notice_overdue.body': {
    'zh-CN': '{title}：{count}家客户超过期限仍未确认收到（{customers}），请电话跟进并登记。',
    'en-US': '{title}: {count} customers have not acknowledged past the deadline ({customers}); call them and record it.',
  },
} satisfies Catalog;
