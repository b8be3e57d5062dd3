// Server messages: work orders: steps, report, take-back, fees, same-day rule, corrections, appointments (SPEC §3), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const workordersMessages = {
  illegal_transition: { 'zh-CN': '工单不能从“{from}”变为“{to}”。', 'en-US': 'A work order cannot go from "{from}" to "{to}".' },
  not_allowed_actor: { 'zh-CN': '您不能对该工单执行此步骤（{from} → {to}）。', 'en-US': 'You may not take this step on this work order ({from} → {to}).' },
  reason_required: { 'zh-CN': '此操作必须填写原因。', 'en-US': 'This step needs a reason.' },
  installation_not_commissioned: {
    'zh-CN': '安装单尚未完成调试（用户确认签字），安装工单不能完成。',
    'en-US': "The installation is not yet commissioned (customer's consent signed); the installation work order cannot be resolved.",
  },
  client_time_in_future: {
    'zh-CN': '手机记录的时间（{at}）晚于服务器当前时间，请校准手机时间后重试。',
    'en-US': "The phone's recorded time ({at}) is in the future; set the phone's clock and try again.",
  },
  client_time_before_work_order: {
    'zh-CN': '手机记录的时间（{at}）早于工单创建时间，请校准手机时间后重试。',
    'en-US': "The phone's recorded time ({at}) is before the work order existed; set the phone's clock and try again.",
  },
  client_time_invalid: {
    'zh-CN': 'X-Client-Time 请求头必须是带时区的 ISO 8601 时间。',
    'en-US': 'The X-Client-Time header must be an ISO 8601 time with an offset.',
  },
  use_dedicated_action: {
    'zh-CN': '请使用专门的操作（派工、签字、审核、带回维修或归还）。',
    'en-US': 'Use the dedicated action (dispatch, sign, review, take back or return).',
  },
  not_an_engineer: { 'zh-CN': '只能派给在职的工程师、技师或技术专家。', 'en-US': 'Only active engineers, technicians or experts can be assigned.' },
  work_order_frozen: {
    'zh-CN': '客户已签字确认，内容已锁定；如需更正，请由客服退回后重新签字。',
    'en-US': 'The customer has signed and the content is frozen; to correct it, customer service must send it back for a new signature.',
  },
  signature_invalid: { 'zh-CN': '签名图片无效（需 PNG）。', 'en-US': 'The signature image is not a valid PNG.' },
  // work-order kinds (issue 12 item 1)
  work_order_kind_not_direct: {
    'zh-CN': '维修工单由报修登记生成，不能直接创建（类型：{kind}）。',
    'en-US': 'A repair work order comes from a registered service request and cannot be created directly (kind: {kind}).',
  },
  'label.originWorkOrderId': { 'zh-CN': '来源工单', 'en-US': 'originating work order' },
  kind_has_no_parts: { 'zh-CN': '该类型工单（{kind}）没有备件步骤。', 'en-US': 'A work order of this kind ({kind}) has no parts step.' },
  report_incomplete: { 'zh-CN': '服务报告不完整，缺少：{missing}', 'en-US': 'The service report is incomplete; missing: {missing}' },
  // take-back repair (R-WO-3)
  not_taken_back: {
    'zh-CN': '设备未处于带回维修状态（当前：{status}）。',
    'en-US': 'The unit is not taken back for repair (status now: {status}).',
  },
  // fees of paid jobs (R-WO-4, R-FE-1)
  price_effective_in_past: {
    'zh-CN': '价格表的生效时间不能早于当前时间：已受理的工单按受理时的价格计费。',
    'en-US': 'A price list cannot take effect in the past: jobs already received are priced as when they were received.',
  },
  not_chargeable: { 'zh-CN': '该工单不是有偿服务，无需收费。', 'en-US': 'This is not a paid job; there is no fee to record.' },
  fee_not_final: {
    'zh-CN': '工单尚未完成（当前：{status}），费用未确定，不能登记收款。',
    'en-US': 'The job is not finished yet (status: {status}); the fee is not final and cannot be recorded.',
  },
  payment_invoiced_by_finance: {
    'zh-CN': '工程师只能登记现场收取的现金；开票收款由财务登记。',
    'en-US': 'Engineers record only cash collected on site; invoiced payments are recorded by finance.',
  },
  payment_not_on_job: {
    'zh-CN': '您不是工单 {number} 的维修人员，不能登记现场收款。',
    'en-US': 'You are not on the team of work order {number}; you cannot record cash collected for it.',
  },
  payment_exceeds_balance: { 'zh-CN': '收款金额超过未收余额 {balance}。', 'en-US': 'The amount is more than the balance still owed ({balance}).' },
  // same-day rule (R-WO-6)
  delay_reason_not_needed: {
    'zh-CN': '该工单没有超过当日下班时间未解决的记录，无需填写延误原因。',
    'en-US': 'This job did not miss its same-day close of business; no delay reason is needed.',
  },
  promised_date_past: { 'zh-CN': '承诺完成日期不能早于今天（{today}）。', 'en-US': 'The promised date cannot be before today ({today}).' },
  no_open_receipt: { 'zh-CN': '该工单没有未归还的客户商品领取收据。', 'en-US': 'The work order has no open goods receipt.' },
  // corrections of a reviewed report (R-WO-5)
  correction_not_allowed: {
    'zh-CN': '只有已审核或已归档的服务报告才能更正（当前：{status}）；未审核的报告请走退回流程。',
    'en-US': 'Only a reviewed or archived report can be corrected (status now: {status}); before review, send it back instead.',
  },
  correction_no_changes: { 'zh-CN': '更正内容与当前版本相同，没有需要更正的内容。', 'en-US': 'The correction changes nothing in the current version.' },
  // payment reversals (R-WO-4, R-FE-1)
  payment_already_reversed: { 'zh-CN': '该笔收款已冲销。', 'en-US': 'This payment has already been reversed.' },
  reversal_not_reversible: { 'zh-CN': '冲销记录不能再冲销；请重新登记收款。', 'en-US': 'A reversal cannot be reversed; record the payment again instead.' },
  // appointments on the dispatch board (issue 10 item 12)
  appointment_in_past: {
    'zh-CN': '预约上门时间不能早于当前时间。',
    'en-US': 'The appointment time cannot be in the past.',
  },
  appointment_closed: {
    'zh-CN': '工程师已到场或工单已结束（{status}），不能再修改预约时间。',
    'en-US': 'The engineer is on site or the job is over ({status}); the appointment can no longer be changed.',
  },
  'notify.work_order_assigned.title': { 'zh-CN': '新派工 {number}', 'en-US': 'Assigned: {number}' },
  'notify.work_order_assigned.body': { 'zh-CN': '您被派往处理工单 {number}。', 'en-US': 'You have been assigned work order {number}.' },
  'notify.work_order_returned.title': { 'zh-CN': '服务报告被退回 {number}', 'en-US': 'Report sent back: {number}' },
  'notify.same_day_missed.title': { 'zh-CN': '当日未解决 {number}', 'en-US': 'Not solved the same day: {number}' },
  'notify.same_day_missed.body': {
    'zh-CN': '工单 {number} 受理当日下班前（{dueAt}）未解决，须填写书面原因和承诺完成日期。',
    'en-US': 'Work order {number} was not solved by close of business ({dueAt}) on the day it was taken: a written reason and a promised date are due.',
  },
  'notify.delay_reason_recorded.title': { 'zh-CN': '延误说明 {number}', 'en-US': 'Delay explained: {number}' },
  'notify.delay_reason_recorded.body': {
    'zh-CN': '{by}：{reason}；承诺 {promisedDate} 前解决。',
    'en-US': '{by}: {reason}; promised by {promisedDate}.',
  },
  'notify.work_order_returned.body': { 'zh-CN': '审核意见：{comments}', 'en-US': 'Reviewer: {comments}' },
  'notify.correction_to_review.title': { 'zh-CN': '服务报告更正待审核 {number}', 'en-US': 'Corrected report to review: {number}' },
  'notify.correction_to_review.body': { 'zh-CN': '第 {version} 版，更正原因：{reason}', 'en-US': 'Version {version}; reason: {reason}' },
  part_in_catalogue: {
    'zh-CN': '备件 {code} 在备件目录中，请从车载库领用（或申请调拨）；手工录入仅限客户自备件或非库存件。',
    'en-US': 'Part {code} is in the catalogue: draw it from your van (or request a transfer). Typed lines are for customer-supplied or non-stock parts only.',
  },
  part_source_note_required: {
    'zh-CN': '手工录入的配件须说明来源（如客户自备、现场采购）。',
    'en-US': 'A typed part line needs a note on where the part came from (e.g. supplied by the customer, bought on site).',
  },
  'label.sourceNote': { 'zh-CN': '来源说明', 'en-US': 'source note' },
  'label.source': { 'zh-CN': '配件来源', 'en-US': 'part source' },
} satisfies Catalog;
