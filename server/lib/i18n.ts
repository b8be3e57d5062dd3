// Server-side message catalogue (zh-CN default, en-US). Errors carry a stable `code`; the
// text is chosen per request from the user's locale or Accept-Language.
export type Locale = 'zh-CN' | 'en-US';

type Entry = { 'zh-CN': string; 'en-US': string };
type Catalog = Record<string, Entry>;

// `satisfies` keeps the literal keys (issue 11 item 4): the codes below are the only ones the
// compiler lets AppError, field errors and problem() carry, and every entry needs both languages.
const messages = {
  validation_failed: { 'zh-CN': '输入有误，请检查标出的字段。', 'en-US': 'The input is invalid; check the fields marked.' },
  bad_request: { 'zh-CN': '请求格式错误：{detail}', 'en-US': 'The request is malformed: {detail}' },
  invalid_json: { 'zh-CN': '请求体不是有效的 JSON。', 'en-US': 'The request body is not valid JSON.' },
  body_too_large: { 'zh-CN': '请求体过大（上限 {limit}）。', 'en-US': 'The request body is too large (limit {limit}).' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型：{type}', 'en-US': 'Unsupported content type: {type}' },
  not_found: { 'zh-CN': '记录不存在或无权查看。', 'en-US': 'The record does not exist or you may not see it.' },
  route_not_found: { 'zh-CN': '接口不存在：{method} {url}', 'en-US': 'No such endpoint: {method} {url}' },
  version_conflict: {
    'zh-CN': '该记录已被他人修改（当前版本 {current}），请刷新后重试。',
    'en-US': 'The record was changed by someone else (now version {current}); reload and try again.',
  },
  duplicate: { 'zh-CN': '{field}“{value}”已存在。', 'en-US': 'A record with this {field} ("{value}") already exists.' },
  invalid_reference: { 'zh-CN': '引用的{field}不存在。', 'en-US': 'The referenced {field} does not exist.' },
  in_use: { 'zh-CN': '该记录仍被其他记录引用（{by}），不能删除。', 'en-US': 'The record is still referenced ({by}) and cannot be deleted.' },
  constraint_failed: { 'zh-CN': '数据不满足规则：{rule}', 'en-US': 'The data breaks a rule: {rule}' },
  invalid_characters: { 'zh-CN': '文本中含有不允许的字符。', 'en-US': 'The text contains characters that are not allowed.' },
  unauthenticated: { 'zh-CN': '请先登录。', 'en-US': 'Please log in first.' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限。', 'en-US': 'You do not have permission to do this.' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误。', 'en-US': 'Wrong username or password.' },
  rate_limited: { 'zh-CN': '尝试次数过多，请 {seconds} 秒后再试。', 'en-US': 'Too many attempts; try again in {seconds} s.' },
  csrf_failed: { 'zh-CN': '安全校验失败，请刷新页面后重试。', 'en-US': 'Security check failed; reload the page and try again.' },
  idempotency_key_invalid: {
    'zh-CN': 'Idempotency-Key 请求头须为 1–200 个可打印 ASCII 字符。',
    'en-US': 'The Idempotency-Key header must be 1–200 printable ASCII characters.',
  },
  idempotency_key_unsupported: {
    'zh-CN': '文件上传请求不支持 Idempotency-Key，请去掉该请求头。',
    'en-US': 'Idempotency-Key is not supported on file uploads; leave the header out.',
  },
  idempotency_key_reused: {
    'zh-CN': '该 Idempotency-Key 已用于另一个不同的请求，请为新请求使用新的键。',
    'en-US': 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  },
  idempotency_in_progress: {
    'zh-CN': '使用同一 Idempotency-Key 的请求正在处理中，请稍后重试。',
    'en-US': 'A request with the same Idempotency-Key is still being processed; try again shortly.',
  },
  idempotent_request_committed: {
    'zh-CN': '该请求此前已成功保存（{entity} {entityId}），但应答未送达；请直接查看该记录，不要重复提交。',
    'en-US': 'This request was already saved ({entity} {entityId}) but its answer was lost; open that record instead of sending it again.',
  },
  idempotency_replay_unavailable: {
    'zh-CN': '该请求此前已处理（状态 {status}），但应答过大无法重放，请查询结果。',
    'en-US': 'This request was already processed (status {status}) but its answer is too large to replay; look the result up.',
  },
  service_unavailable: {
    'zh-CN': '服务暂时不可用（数据库无法连接），请稍后重试。',
    'en-US': 'The service is temporarily unavailable (database unreachable); try again shortly.',
  },
  internal: { 'zh-CN': '服务器内部错误，已记录。', 'en-US': 'Internal server error; it has been logged.' },
  password_too_weak: { 'zh-CN': '密码至少 10 位，且须包含字母和数字。', 'en-US': 'The password needs at least 10 characters with letters and digits.' },
  customer_user_needs_customer: {
    'zh-CN': '医院用户必须关联一个客户。',
    'en-US': 'A hospital (customer) user must belong to a customer.',
  },
  customer_mismatch: { 'zh-CN': '{field}不属于所选客户。', 'en-US': 'The {field} does not belong to the chosen customer.' },
  date_order: { 'zh-CN': '{later}不能早于{earlier}。', 'en-US': '{later} cannot be before {earlier}.' },
  // spare parts (SPEC §6)
  insufficient_stock: {
    'zh-CN': '库存不足：出库数量超过该仓库当前库存，库存不能为负。',
    'en-US': 'Not enough stock: the quantity exceeds what the warehouse holds; stock cannot go negative.',
  },
  stock_busy: { 'zh-CN': '库存正被其他操作占用，请重试。', 'en-US': 'The stock is being changed by another operation; try again.' },
  warehouse_inactive: { 'zh-CN': '该仓库已停用。', 'en-US': 'The warehouse is no longer in use.' },
  part_inactive: { 'zh-CN': '备件 {code} 已停用。', 'en-US': 'Part {code} is no longer in use.' },
  lot_not_tracked: { 'zh-CN': '备件 {code} 不按批次/序列号管理，请勿填写批次号。', 'en-US': 'Part {code} is not lot or serial tracked; leave the lot empty.' },
  lot_required: { 'zh-CN': '备件 {code} 须填写批次号/序列号。', 'en-US': 'Part {code} needs a lot or serial number.' },
  serial_qty_one: { 'zh-CN': '备件 {code} 按序列号管理，每个序列号数量为 1。', 'en-US': 'Part {code} is serial tracked: one unit per serial number.' },
  serial_in_stock: { 'zh-CN': '序列号 {serial}（{code}）已在库存中。', 'en-US': 'Serial {serial} ({code}) is already in stock.' },
  same_warehouse: { 'zh-CN': '调出仓库与调入仓库不能相同。', 'en-US': 'The sending and receiving warehouses must differ.' },
  emergency_stock_reserved: {
    'zh-CN': '应急备件库仅供紧急工单使用（R-PT-5）。',
    'en-US': 'Emergency stock is reserved for emergency work orders (R-PT-5).',
  },
  warehouse_not_yours: {
    'zh-CN': '只能从本人的车载库（或紧急工单的应急备件库）领用。',
    'en-US': 'You can draw only from your own van (or emergency stock for an emergency job).',
  },
  van_needs_owner: { 'zh-CN': '车载库须指定所属工程师。', 'en-US': 'A van warehouse needs its engineer.' },
  owner_only_for_van: { 'zh-CN': '只有车载库才有所属工程师。', 'en-US': 'Only a van warehouse has an owning engineer.' },
  stocktake_open: { 'zh-CN': '该仓库已有进行中的盘点单 {number}。', 'en-US': 'The warehouse already has a count in progress ({number}).' },
  stocktake_wrong_status: { 'zh-CN': '盘点单当前状态（{status}）不允许此操作。', 'en-US': 'The count sheet is {status}; this step is not possible now.' },
  stocktake_uncounted: { 'zh-CN': '还有 {count} 行未盘点：{parts}。', 'en-US': '{count} lines are not counted yet: {parts}.' },
  variance_needs_reason: { 'zh-CN': '盘点差异须填写原因：{parts}。', 'en-US': 'Each variance needs a reason: {parts}.' },
  plan_wrong_status: { 'zh-CN': '采购计划当前状态（{status}）不允许此操作。', 'en-US': 'The purchase plan is {status}; this step is not possible now.' },
  plan_not_approved: { 'zh-CN': '采购计划尚未经服务经理批准（{status}）。', 'en-US': 'The purchase plan is not approved by the service manager ({status}).' },
  contract_not_open: { 'zh-CN': '采购合同已{status}，不能再收货。', 'en-US': 'The purchase contract is {status}; nothing more can be received.' },
  over_receipt: { 'zh-CN': '收货数量超过合同未交数量（{open}）。', 'en-US': 'More than the contract still owes ({open}).' },
  'field.insufficient_stock': { 'zh-CN': '库存不足（可用 {available}）', 'en-US': 'Not enough stock ({available} available)' },
  'field.emergency_stock_reserved': { 'zh-CN': '应急备件库仅供紧急工单', 'en-US': 'Emergency stock is for emergency jobs only' },
  'label.partId': { 'zh-CN': '备件', 'en-US': 'part' },
  'label.warehouseId': { 'zh-CN': '仓库', 'en-US': 'warehouse' },
  'label.fromWarehouseId': { 'zh-CN': '调出仓库', 'en-US': 'sending warehouse' },
  'label.toWarehouseId': { 'zh-CN': '调入仓库', 'en-US': 'receiving warehouse' },
  'label.supplierId': { 'zh-CN': '供应商', 'en-US': 'supplier' },
  'label.workOrderId': { 'zh-CN': '工单', 'en-US': 'work order' },
  'label.ownerId': { 'zh-CN': '所属工程师', 'en-US': 'engineer' },
  'label.planId': { 'zh-CN': '采购计划', 'en-US': 'purchase plan' },
  'label.parts_ledger': { 'zh-CN': '备件台账', 'en-US': 'parts ledger' },
  'label.purchase_plans': { 'zh-CN': '采购计划', 'en-US': 'purchase plans' },
  'label.purchase_contracts': { 'zh-CN': '采购合同', 'en-US': 'purchase contracts' },
  'label.stocktakes': { 'zh-CN': '盘点单', 'en-US': 'stocktakes' },
  'label.work_orders': { 'zh-CN': '工单', 'en-US': 'work orders' },
  cannot_disable_self: { 'zh-CN': '不能停用或降级自己的管理员账号。', 'en-US': 'You cannot disable or demote your own admin account.' },
  import_invalid_file: { 'zh-CN': '无法读取导入文件：{detail}', 'en-US': 'The import file cannot be read: {detail}' },
  import_rejected: {
    'zh-CN': '导入未执行：{count} 行有错误，请修正后重新导入。',
    'en-US': 'Nothing was imported: {count} rows have errors; fix them and import again.',
  },
  import_empty: { 'zh-CN': '导入文件中没有数据行。', 'en-US': 'The import file has no data rows.' },
  import_too_many_rows: {
    'zh-CN': '导入文件有 {count} 行，超过每次 {limit} 行的上限，请拆分后导入。',
    'en-US': 'The import file has {count} rows, more than the {limit} allowed at once; split it and import the parts.',
  },
  import_too_large_unpacked: {
    'zh-CN': '该 .xlsx 文件解压后超过 {limit}，不予读取；请拆分后分批导入。',
    'en-US': 'The .xlsx file unpacks to more than {limit} and is not read; split it and import the parts.',
  },
  import_missing_columns: {
    'zh-CN': '导入文件缺少必需的列：{columns}。请使用导入模板。',
    'en-US': 'The import file lacks required columns: {columns}. Use the import template.',
  },
  import_duplicate_columns: { 'zh-CN': '导入文件中有重复的列：{columns}。', 'en-US': 'The import file has the same column twice: {columns}.' },
  'import.file.no_file': { 'zh-CN': '请以字段 file 上传一个 .xlsx 或 .csv 文件', 'en-US': 'send one .xlsx or .csv file in the part named file' },
  'import.file.not_spreadsheet': { 'zh-CN': '只支持 .xlsx 或 .csv 文件', 'en-US': 'only .xlsx and .csv files are accepted' },
  'import.file.xls': { 'zh-CN': '不支持旧版 .xls 格式，请另存为 .xlsx', 'en-US': 'the old .xls format is not supported; save it as .xlsx' },
  'import.file.mismatch': { 'zh-CN': '文件内容与扩展名不符', 'en-US': 'the content does not match the file extension' },
  'import.file.corrupt': { 'zh-CN': '文件已损坏或不是有效的 .xlsx', 'en-US': 'the file is damaged or not a valid .xlsx' },
  'import.file.encoding': { 'zh-CN': 'CSV 文件须为 UTF-8 编码', 'en-US': 'a CSV file must be UTF-8 encoded' },
  'import.invalid_date': { 'zh-CN': '日期无效，请填 YYYY-MM-DD 或 Excel 日期', 'en-US': 'Not a valid date; use YYYY-MM-DD or an Excel date' },
  'import.unknown_model': { 'zh-CN': '型号编码“{value}”不存在', 'en-US': 'No model with code "{value}"' },
  'import.unknown_customer': { 'zh-CN': '客户编号“{value}”不存在', 'en-US': 'No customer with code "{value}"' },
  'import.unknown_department': { 'zh-CN': '客户 {customer} 下没有科室“{value}”', 'en-US': 'Customer {customer} has no department "{value}"' },
  'import.unknown_site': { 'zh-CN': '客户 {customer} 下没有院区/地点“{value}”', 'en-US': 'Customer {customer} has no site "{value}"' },
  // service loop (SPEC §3)
  received_in_future: { 'zh-CN': '报修时间不能晚于当前时间。', 'en-US': 'The time received cannot be in the future.' },
  device_retired: { 'zh-CN': '该设备已报废，不能报修。', 'en-US': 'The device is retired; no repair can be requested.' },
  urgency_reason_required: {
    'zh-CN': '修改系统建议的紧急程度时必须填写原因。',
    'en-US': 'Changing the proposed urgency needs a reason.',
  },
  already_responded: { 'zh-CN': '响应时限已完成，无需重复记录。', 'en-US': 'The response was already recorded.' },
  sla_nothing_to_pause: { 'zh-CN': '没有正在计时的时限可以暂停。', 'en-US': 'No running SLA clock to pause.' },
  sla_not_paused: { 'zh-CN': '时限未暂停。', 'en-US': 'The SLA clocks are not paused.' },
  illegal_transition: { 'zh-CN': '工单不能从“{from}”变为“{to}”。', 'en-US': 'A work order cannot go from "{from}" to "{to}".' },
  not_allowed_actor: { 'zh-CN': '您不能对该工单执行此步骤（{from} → {to}）。', 'en-US': 'You may not take this step on this work order ({from} → {to}).' },
  reason_required: { 'zh-CN': '此操作必须填写原因。', 'en-US': 'This step needs a reason.' },
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
  payment_exceeds_balance: { 'zh-CN': '收款金额超过未收余额 {balance}。', 'en-US': 'The amount is more than the balance still owed ({balance}).' },
  // same-day rule (R-WO-6)
  delay_reason_not_needed: {
    'zh-CN': '该工单没有超过当日下班时间未解决的记录，无需填写延误原因。',
    'en-US': 'This job did not miss its same-day close of business; no delay reason is needed.',
  },
  promised_date_past: { 'zh-CN': '承诺完成日期不能早于今天（{today}）。', 'en-US': 'The promised date cannot be before today ({today}).' },
  no_open_receipt: { 'zh-CN': '该工单没有未归还的客户商品领取收据。', 'en-US': 'The work order has no open goods receipt.' },
  // loaner units (R-SLA-3)
  loaner_unavailable: { 'zh-CN': '该备用机已借出或不可用。', 'en-US': 'This loaner unit is lent out or not available.' },
  not_a_loaner: { 'zh-CN': '所选设备不是备用机池中的设备。', 'en-US': 'The chosen device is not in the loaner pool.' },
  loan_already_open: { 'zh-CN': '该报修已有一台未归还的备用机。', 'en-US': 'This request already has a loaner unit out.' },
  loan_already_returned: { 'zh-CN': '该备用机已归还。', 'en-US': 'This loaner unit has already been returned.' },
  request_not_open: {
    'zh-CN': '报修已结束（当前：{status}），不能再借出备用机。',
    'en-US': 'The request is finished (status: {status}); no loaner can be lent for it.',
  },
  time_in_future: { 'zh-CN': '时间不能晚于当前时间。', 'en-US': 'The time cannot be in the future.' },
  // corrections of a reviewed report (R-WO-5)
  correction_not_allowed: {
    'zh-CN': '只有已审核或已归档的服务报告才能更正（当前：{status}）；未审核的报告请走退回流程。',
    'en-US': 'Only a reviewed or archived report can be corrected (status now: {status}); before review, send it back instead.',
  },
  correction_no_changes: { 'zh-CN': '更正内容与当前版本相同，没有需要更正的内容。', 'en-US': 'The correction changes nothing in the current version.' },
  // payment reversals (R-WO-4, R-FE-1)
  payment_already_reversed: { 'zh-CN': '该笔收款已冲销。', 'en-US': 'This payment has already been reversed.' },
  reversal_not_reversible: { 'zh-CN': '冲销记录不能再冲销；请重新登记收款。', 'en-US': 'A reversal cannot be reversed; record the payment again instead.' },
  'label.to': { 'zh-CN': '结束日期', 'en-US': 'end date' },
  'label.from': { 'zh-CN': '开始日期', 'en-US': 'start date' },
  // dispatch and SLA administration (R-DSP-*, R-SLA-*)
  // ---- appointments on the dispatch board (issue 10 item 12) ----
  appointment_in_past: {
    'zh-CN': '预约上门时间不能早于当前时间。',
    'en-US': 'The appointment time cannot be in the past.',
  },
  appointment_closed: {
    'zh-CN': '工程师已到场或工单已结束（{status}），不能再修改预约时间。',
    'en-US': 'The engineer is on site or the job is over ({status}); the appointment can no longer be changed.',
  },
  // ---- end appointments ----
  effective_in_past: {
    'zh-CN': '生效时间不能早于当前时间：已受理的报修保留受理时的时限政策。',
    'en-US': 'The effective time cannot be in the past: requests already received keep the policy they were received under.',
  },
  effective_before_previous: {
    'zh-CN': '生效时间不能早于上一版本的生效时间（{previous}）。',
    'en-US': 'The effective time cannot be before the previous version’s ({previous}).',
  },
  // urgency words: server/lib/glossary.ts (one glossary for PDF, exports and screens)
  'sla_state.at_risk': { 'zh-CN': '临近（≥75%）', 'en-US': 'At risk (≥ 75 %)' },
  'sla_state.warned': { 'zh-CN': '已预警', 'en-US': 'Warned' },
  'sla_state.breached': { 'zh-CN': '已超时', 'en-US': 'Breached' },
  yes: { 'zh-CN': '是', 'en-US': 'Yes' },
  report_own_only: {
    'zh-CN': '只能查看本人的技术员工作日报表。',
    'en-US': 'You may read only your own technician daily report.',
  },
  'clock.respond': { 'zh-CN': '响应', 'en-US': 'response' },
  'clock.arrive': { 'zh-CN': '到场', 'en-US': 'arrival' },
  'clock.restore': { 'zh-CN': '修复', 'en-US': 'restoration' },
  'clock.loaner': { 'zh-CN': '备用机', 'en-US': 'loaner' },
  'notify.emergency_request.title': { 'zh-CN': '紧急报修 {number}', 'en-US': 'Emergency request {number}' },
  'notify.emergency_request.body': {
    'zh-CN': '{customer} 设备 {serial} 紧急故障，请立即处理。',
    'en-US': 'Emergency fault on {serial} at {customer}: act now.',
  },
  'notify.request_registered.title': { 'zh-CN': '新报修 {number}', 'en-US': 'New request {number}' },
  'notify.request_registered.body': {
    'zh-CN': '医院通过门户报修设备 {serial}，请派工。',
    'en-US': 'A hospital reported a fault on {serial} in the portal; please dispatch.',
  },
  'notify.sla_warning.title': { 'zh-CN': '{number} {clock}时限即将到期', 'en-US': '{number}: {clock} due soon' },
  'notify.sla_warning.body': { 'zh-CN': '已用去 75% 的时限，截止 {dueAt}。', 'en-US': '75 % of the window is used; due {dueAt}.' },
  'notify.sla_breach.title': { 'zh-CN': '{number} {clock}超时', 'en-US': '{number}: {clock} breached' },
  'notify.sla_breach.body': { 'zh-CN': '时限已于 {dueAt} 到期。', 'en-US': 'The target was due at {dueAt}.' },
  'notify.loaner_needed.title': { 'zh-CN': '{number} 需要提供备用机', 'en-US': '{number}: a loaner is needed' },
  'notify.loaner_needed.body': {
    'zh-CN': '到达现场 12 小时仍未修复，须在 {dueAt} 前提供备用机。',
    'en-US': 'Not restored 12 h after arrival: a loaner must be in place by {dueAt}.',
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
  'notify.priority_dispatch.title': { 'zh-CN': '优先派工 {number}', 'en-US': 'Dispatch first: {number}' },
  'notify.priority_dispatch.body': {
    'zh-CN': '昨日下班前（{flaggedAt}）仍未派工，请今天上班后优先派工。',
    'en-US': 'Still not dispatched at close of business ({flaggedAt}); dispatch it first thing today.',
  },
  'notify.correction_to_review.title': { 'zh-CN': '服务报告更正待审核 {number}', 'en-US': 'Corrected report to review: {number}' },
  'notify.correction_to_review.body': { 'zh-CN': '第 {version} 版，更正原因：{reason}', 'en-US': 'Version {version}; reason: {reason}' },
  // ---- issue 10 items 8 and 11 (helper D): notices to the hospital (R-CN-1), readable notices ----
  'notify.customer_assigned.title': { 'zh-CN': '报修 {number} 已派工程师', 'en-US': 'Request {number}: an engineer is assigned' },
  'notify.customer_assigned.body': {
    'zh-CN': '服务工程师{engineer}已受理您的报修{phoneText}{plannedText}。',
    'en-US': 'Service engineer {engineer} is taking care of your request{phoneText}{plannedText}.',
  },
  'notify.part.phone': { 'zh-CN': '，联系电话 {phone}', 'en-US': ' (phone {phone})' },
  'notify.part.planned_appointment': { 'zh-CN': '，预约到达时间 {at}', 'en-US': '; appointment on site {at}' },
  'notify.part.planned_deadline': { 'zh-CN': '，最迟于 {at} 前到达现场', 'en-US': '; on site by {at} at the latest' },
  'notify.customer_on_site.title': { 'zh-CN': '报修 {number}：工程师已到达现场', 'en-US': 'Request {number}: the engineer is on site' },
  'notify.customer_on_site.body': {
    'zh-CN': '服务工程师{engineer}已于 {arrivedAt} 到达现场。',
    'en-US': 'Service engineer {engineer} arrived on site at {arrivedAt}.',
  },
  'notify.customer_resolved.title': { 'zh-CN': '报修 {number} 维修完成，请签字确认', 'en-US': 'Request {number} repaired: please sign' },
  'notify.customer_resolved.body': {
    'zh-CN': '设备已修复。请核对服务报告（工单 {workOrder}），验收合格后签字确认。',
    'en-US': 'The device has been repaired. Please check the service report (work order {workOrder}) and sign it once you accept the result.',
  },
  'notify.customer_survey.title': { 'zh-CN': '请评价本次服务 {number}', 'en-US': 'How did we do? {number}' },
  'notify.customer_survey.body': {
    'zh-CN': '感谢您签字确认。请填写满意度调查：服务态度、技术水平、到达及时性、守约情况，以及意见或建议（链接 {expiresAt} 前有效，仅可提交一次）。',
    'en-US':
      'Thank you for signing. Please rate our attitude, skill, arrival time and keeping promises, and tell us your suggestions (the link works once, until {expiresAt}).',
  },
  'notify.customer_archived.title': { 'zh-CN': '报修 {number} 服务报告已归档', 'en-US': 'Request {number}: service report archived' },
  'notify.customer_archived.body': {
    'zh-CN': '服务报告（工单 {workOrder}）已审核归档，可随时查看或下载 PDF。',
    'en-US': 'The service report (work order {workOrder}) has been reviewed and archived; you can view it or download the PDF at any time.',
  },
  'notify.ctx.request': { 'zh-CN': '报修 {number}', 'en-US': 'Request {number}' },
  'notify.ctx.workOrder': { 'zh-CN': '工单 {number}', 'en-US': 'Work order {number}' },
  'notify.mail.open': { 'zh-CN': '查看：{url}', 'en-US': 'Open: {url}' },
  'notify.mail.download': { 'zh-CN': '下载 PDF：{url}', 'en-US': 'Download the PDF: {url}' },
  'followup.step.s': { 'zh-CN': '第 {n} 次回访', 'en-US': 'follow-up no. {n}' },
  'followup.step.d': { 'zh-CN': '出片效果跟踪第 {n} 天', 'en-US': 'daily quality call, day {n}' },
  'followup.step.r': { 'zh-CN': '定期回访第 {n} 次', 'en-US': 'regular follow-up no. {n}' },
  'followup.step.t': { 'zh-CN': '维修后质量跟踪第 {n} 次', 'en-US': 'post-repair quality check no. {n}' },
  'followup.step.o': { 'zh-CN': '第 {n} 次上门巡访', 'en-US': 'on-site visit no. {n}' },
  'followup.step.p': { 'zh-CN': '第 {n} 次电话回访', 'en-US': 'phone follow-up no. {n}' },
  'label.deviceId': { 'zh-CN': '设备', 'en-US': 'device' },
  // field-level messages (Zod issue codes and our own)
  'field.required': { 'zh-CN': '必填', 'en-US': 'Required' },
  'field.invalid_type': { 'zh-CN': '类型错误，应为 {expected}', 'en-US': 'Wrong type; expected {expected}' },
  'field.too_small': { 'zh-CN': '过短或过小（最小 {minimum}）', 'en-US': 'Too short or too small (minimum {minimum})' },
  'field.too_big': { 'zh-CN': '过长或过大（最大 {maximum}）', 'en-US': 'Too long or too large (maximum {maximum})' },
  'field.invalid_format': { 'zh-CN': '格式错误（{format}）', 'en-US': 'Invalid format ({format})' },
  'field.invalid_value': { 'zh-CN': '取值无效，可选：{options}', 'en-US': 'Invalid value; allowed: {options}' },
  'field.unrecognized_keys': { 'zh-CN': '不认识的字段', 'en-US': 'Unknown field' },
  'field.invalid': { 'zh-CN': '取值无效', 'en-US': 'Invalid value' },
  'field.duplicate': { 'zh-CN': '已存在', 'en-US': 'Already exists' },
  'field.not_found': { 'zh-CN': '引用的记录不存在', 'en-US': 'Referenced record does not exist' },
  'field.duplicate_in_file': { 'zh-CN': '与第 {row} 行重复', 'en-US': 'Same as row {row}' },
  'field.date_order': { 'zh-CN': '不能早于{earlier}', 'en-US': 'Cannot be before the {earlier}' },
  'field.invalid_characters': { 'zh-CN': '含有不允许的字符', 'en-US': 'Contains characters that are not allowed' },
  'field.time_order': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'Must be after the start time' },
  'field.time_overlap': { 'zh-CN': '与同一天的其他时段重叠', 'en-US': 'Overlaps another interval of the same day' },
  'field.holiday_and_makeup': { 'zh-CN': '{date} 不能既是假日又是调休工作日', 'en-US': '{date} cannot be both a holiday and a make-up working day' },
  'field.no_working_time': { 'zh-CN': '一周中至少要有一个工作时段', 'en-US': 'The week needs at least one working interval' },
  'field.invalid_time_zone': {
    'zh-CN': '未知的时区（请用 IANA 名称，如 Asia/Shanghai）',
    'en-US': 'Unknown time zone (use an IANA name such as Asia/Shanghai)',
  },
  'field.not_in_past': { 'zh-CN': '不能早于当前时间', 'en-US': 'Cannot be in the past' },
  // field labels used inside messages
  // ---- follow-ups, surveys, complaints (issue 4) ----
  followup_not_pending: { 'zh-CN': '该回访已记录，不能再次填写。', 'en-US': 'This follow-up has already been recorded.' },
  followup_not_escalated: { 'zh-CN': '只有已上报的回访才能审批处理方案。', 'en-US': 'Only an escalated follow-up can have its handling plan approved.' },
  followup_not_approved: { 'zh-CN': '处理方案尚未经领导审批。', 'en-US': 'The handling plan has not been approved yet.' },
  followup_plan_exists: { 'zh-CN': '该设备已有此类定期回访计划。', 'en-US': 'The device already has a standing plan of this kind.' },
  followup_not_answered: { 'zh-CN': '回访尚未完成，不能审查。', 'en-US': 'The follow-up has not been done yet; nothing to review.' },
  survey_link_invalid: { 'zh-CN': '调查链接无效或已过期。', 'en-US': 'The survey link is invalid or has expired.' },
  survey_already_answered: { 'zh-CN': '该满意度调查已提交，不能重复填写。', 'en-US': 'This survey has already been answered.' },
  complaint_incomplete: {
    'zh-CN': '投诉档案不完整，不能关闭。缺少：{missing}',
    'en-US': 'The complaint file is incomplete and cannot be closed. Missing: {missing}',
  },
  complaint_bad_transition: { 'zh-CN': '投诉不能从“{from}”转为“{to}”。', 'en-US': 'A complaint cannot go from "{from}" to "{to}".' },
  'notify.followup_escalated.title': { 'zh-CN': '回访问题待审批 {number}', 'en-US': 'Follow-up problem to approve {number}' },
  'notify.followup_escalated.body': {
    'zh-CN': '电话无法解决：{problem}。请审批处理方案。',
    'en-US': 'Not solvable by phone: {problem}. Please approve a handling plan.',
  },
  'notify.followup_approved.title': { 'zh-CN': '处理方案已审批 {number}', 'en-US': 'Handling plan approved {number}' },
  'notify.followup_approved.body': { 'zh-CN': '请将处理方案告知客户并记录。', 'en-US': 'Tell the customer the plan and record it.' },
  'notify.followup_due.title': { 'zh-CN': '回访到期', 'en-US': 'Follow-up due' },
  // {key} is the follow-up in words (第 1 次回访, 出片效果跟踪第 2 天 …), see followupStep().
  'notify.followup_due.body': { 'zh-CN': '{key}须于 {dueAt} 前完成。', 'en-US': 'The {key} is due by {dueAt}.' },
  'notify.complaint_major.title': { 'zh-CN': '重大投诉 {number}', 'en-US': 'Major complaint {number}' },
  'notify.complaint_major.body': { 'zh-CN': '{customer}：{matter}', 'en-US': '{customer}: {matter}' },
  'notify.complaint_assigned.title': { 'zh-CN': '投诉待处理 {number}', 'en-US': 'Complaint to handle {number}' },
  'notify.complaint_assigned.body': { 'zh-CN': '处理期限 {deadline}。', 'en-US': 'Deadline {deadline}.' },
  'notify.complaint_deadline.title': { 'zh-CN': '投诉处理期限已到 {number}', 'en-US': 'Complaint deadline reached {number}' },
  'notify.complaint_deadline.body': {
    'zh-CN': '处理期限 {deadline}，请尽快处理并答复客户。',
    'en-US': 'Deadline {deadline}: handle it and reply to the customer.',
  },
  'label.deviceIdentifier': { 'zh-CN': '设备标识（UDI/序列号）', 'en-US': 'device identifier (UDI/serial)' },
  'label.receivedAt': { 'zh-CN': '投诉时间', 'en-US': 'date received' },
  'label.complainantName': { 'zh-CN': '投诉人', 'en-US': 'complainant' },
  'label.matter': { 'zh-CN': '投诉事项', 'en-US': 'nature and details' },
  'label.cause': { 'zh-CN': '原因分类', 'en-US': 'cause' },
  'label.reportable': { 'zh-CN': '是否需上报不良事件', 'en-US': 'reportability decision' },
  'label.reportabilityReason': { 'zh-CN': '上报判定理由', 'en-US': 'reason for the reportability decision' },
  'label.investigationStartedOn': { 'zh-CN': '调查开始日期', 'en-US': 'investigation start' },
  'label.investigationEndedOn': { 'zh-CN': '调查结束日期', 'en-US': 'investigation end' },
  'label.investigationResult': { 'zh-CN': '调查结果', 'en-US': 'investigation result' },
  'label.noInvestigationReason': { 'zh-CN': '不调查的理由', 'en-US': 'reason for no investigation' },
  'label.rootCause': { 'zh-CN': '根本原因', 'en-US': 'root cause' },
  'label.correctiveAction': { 'zh-CN': '纠正措施', 'en-US': 'corrective action' },
  'label.verification': { 'zh-CN': '效果验证', 'en-US': 'verification' },
  'label.reply': { 'zh-CN': '答复客户', 'en-US': 'reply to the customer' },
  'label.repliedAt': { 'zh-CN': '答复时间', 'en-US': 'reply date' },
  'label.substantiated': { 'zh-CN': '是否查实', 'en-US': 'substantiated or not' },
  'label.responsibleId': { 'zh-CN': '查实责任人', 'en-US': 'responsible person' },
  'label.problem': { 'zh-CN': '问题描述', 'en-US': 'problem' },
  'label.questionnaireId': { 'zh-CN': '问卷', 'en-US': 'questionnaire' },
  'label.requestId': { 'zh-CN': '报修单', 'en-US': 'repair request' },
  'label.effectiveFrom': { 'zh-CN': '生效时间', 'en-US': 'effective from' },
  'label.code': { 'zh-CN': '编号', 'en-US': 'code' },
  'label.name': { 'zh-CN': '名称', 'en-US': 'name' },
  'label.username': { 'zh-CN': '用户名', 'en-US': 'username' },
  'label.serialNumber': { 'zh-CN': '序列号', 'en-US': 'serial number' },
  'label.udi': { 'zh-CN': 'UDI', 'en-US': 'UDI' },
  'label.number': { 'zh-CN': '合同编号', 'en-US': 'contract number' },
  'label.customerId': { 'zh-CN': '客户', 'en-US': 'customer' },
  'label.departmentId': { 'zh-CN': '科室', 'en-US': 'department' },
  'label.siteId': { 'zh-CN': '院区/地点', 'en-US': 'site' },
  'label.modelId': { 'zh-CN': '型号', 'en-US': 'model' },
  'label.deviceIds': { 'zh-CN': '设备', 'en-US': 'devices' },
  'label.installDate': { 'zh-CN': '安装日期', 'en-US': 'install date' },
  'label.acceptanceDate': { 'zh-CN': '验收日期', 'en-US': 'acceptance date' },
  'label.warrantyEnd': { 'zh-CN': '保修截止日期', 'en-US': 'warranty end' },
  'label.startDate': { 'zh-CN': '开始日期', 'en-US': 'start date' },
  'label.endDate': { 'zh-CN': '结束日期', 'en-US': 'end date' },
  'label.devices': { 'zh-CN': '设备', 'en-US': 'devices' },
  'label.contracts': { 'zh-CN': '合同', 'en-US': 'contracts' },
  'label.users': { 'zh-CN': '用户', 'en-US': 'users' },
  'label.departments': { 'zh-CN': '科室', 'en-US': 'departments' },
  'label.sites': { 'zh-CN': '院区/地点', 'en-US': 'sites' },
  'label.contacts': { 'zh-CN': '联系人', 'en-US': 'contacts' },
  'label.modelIds': { 'zh-CN': '型号', 'en-US': 'models' },
  'label.userId': { 'zh-CN': '用户', 'en-US': 'user' },
  'label.calendarId': { 'zh-CN': '工作日历', 'en-US': 'calendar' },
  // ---- issue 10 items 9 and 10: parts from the van, transfer requests, hand-typed part lines ----
  no_van: {
    'zh-CN': '您还没有车载库，无法申请调拨到车载库；请联系备件管理员为您建立车载库。',
    'en-US': 'You have no van warehouse to receive a transfer; ask the parts administrator to set one up.',
  },
  transfer_source_invalid: {
    'zh-CN': '只能从中心备件库（紧急工单还可从应急备件库）申请调拨，不能从其他工程师的车载库调拨。',
    'en-US': "Parts can be requested from the central store (or, for an emergency job, the emergency store), never from another engineer's van.",
  },
  transfer_request_decided: { 'zh-CN': '该调拨申请已处理（{status}），不能再更改。', 'en-US': 'This transfer request is already decided ({status}).' },
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
  'notify.parts_transfer_requested.title': { 'zh-CN': '调拨申请 {number}：{part}', 'en-US': 'Transfer requested for {number}: {part}' },
  'notify.parts_transfer_requested.body': {
    'zh-CN': '{by} 申请从{from}调拨 {qty} 件到车载库。',
    'en-US': '{by} asks for {qty} from {from} into their van.',
  },
  'notify.parts_transfer_fulfilled.title': { 'zh-CN': '调拨已发出：{part}', 'en-US': 'Transfer shipped: {part}' },
  'notify.parts_transfer_fulfilled.body': { 'zh-CN': '{qty} 件已调入{to}。', 'en-US': '{qty} moved into {to}.' },
  'notify.parts_transfer_rejected.title': { 'zh-CN': '调拨申请未通过：{part}', 'en-US': 'Transfer request refused: {part}' },
  'notify.parts_transfer_rejected.body': { 'zh-CN': '原因：{reason}', 'en-US': 'Reason: {reason}' },
  // ---- end of issue 10 items 9 and 10 ----
  // ---- issue 10 item 4: codes the server emitted without a message (checked by i18n.codes.test.ts) ----
  unknown_error: {
    'zh-CN': '请求未能完成，请检查输入后重试；如仍有问题，请联系系统管理员。',
    'en-US': 'The request could not be completed; check the input and try again, or ask your administrator.',
  },
  'field.invalid_reference': { 'zh-CN': '所选记录不存在', 'en-US': 'The chosen record does not exist' },
  'field.customer_mismatch': { 'zh-CN': '不属于所选客户', 'en-US': 'Does not belong to the chosen customer' },
  'field.unavailable': { 'zh-CN': '已借出或不可用', 'en-US': 'Lent out or not available' },
  'field.custom': { 'zh-CN': '取值无效', 'en-US': 'Invalid value' },
  'field.not_multiple_of': { 'zh-CN': '须为 {divisor} 的整数倍', 'en-US': 'Must be a multiple of {divisor}' },
  'field.invalid_union': { 'zh-CN': '取值不符合任何允许的格式', 'en-US': 'Matches none of the allowed forms' },
  'field.invalid_key': { 'zh-CN': '键名无效', 'en-US': 'Invalid key' },
  'field.invalid_element': { 'zh-CN': '其中有无效的元素', 'en-US': 'Contains an invalid element' },
  'label.followupId': { 'zh-CN': '回访', 'en-US': 'follow-up' },
  'label.surveyId': { 'zh-CN': '满意度调查', 'en-US': 'survey' },
  'label.lineId': { 'zh-CN': '明细行', 'en-US': 'line' },
  'label.lentAt': { 'zh-CN': '借出时间', 'en-US': 'time lent' },
  'label.returnedAt': { 'zh-CN': '归还时间', 'en-US': 'time returned' },
  'label.requestReceivedAt': { 'zh-CN': '报修时间', 'en-US': 'time the request was received' },
  // ---- end of issue 10 item 4 ----
  // ---- issue 10 item 2 (helper A): the warranty end is derived unless overridden with a reason ----
  'field.warranty_end_derived': {
    'zh-CN': '保修截止日期由验收日期加型号保修期自动推算；如需指定其他日期，请选择“手动指定”并填写原因',
    'en-US': "The warranty end is derived from the acceptance date and the model's warranty term; to set another date, choose an override and give the reason",
  },
  'label.warrantyOverride': { 'zh-CN': '手动指定保修截止', 'en-US': 'warranty end override' },
  'label.warrantyOverride.reason': { 'zh-CN': '手动指定保修截止的原因', 'en-US': 'reason for the warranty end override' },
  'device.warranty_imported': { 'zh-CN': '由导入文件“{file}”指定', 'en-US': 'Set by the import file "{file}"' },
  // ---- end of issue 10 item 2 ----
} satisfies Catalog;
/** The same catalogue for lookups by a runtime string (codes from the database, Zod issue codes). */
const catalog: Catalog = messages;

/** Every key of the catalogue. */
export type MessageKey = keyof typeof messages;
/** Undotted keys that are words for screens and exports, not errors. */
const PLAIN_WORDS = ['yes'] as const satisfies readonly MessageKey[];
type Undotted<K> = K extends `${string}.${string}` ? never : K;
type FieldSuffix<K> = K extends `field.${infer C}` ? C : never;
/**
 * An error code (a problem's `code`, its `detail` message): a key with no dotted namespace
 * (`field.`, `label.`, `notify.` …) and not a plain word (issue 11 item 4).
 */
export type ErrorCode = Exclude<Undotted<MessageKey>, (typeof PLAIN_WORDS)[number]>;
/** A field error's code: `field.<code>` in the catalogue. */
export type FieldCode = FieldSuffix<MessageKey>;

/** Narrow a code decided at run time (a database value, a refinement's params.code). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(catalog, key);
export const isErrorCode = (code: string): code is ErrorCode => !code.includes('.') && !(PLAIN_WORDS as readonly string[]).includes(code) && isMessageKey(code);
export const isFieldCode = (code: string): code is FieldCode => isMessageKey(`field.${code}`);

/** A field's name in the user's language, for use inside messages (`lines.0.lineId` reads as its last segment). */
export function fieldLabel(field: string, locale: Locale): string {
  const key = `label.${field}`;
  if (isMessageKey(key)) return t(key, locale);
  const last = `label.${field.split('.').pop()}`;
  return isMessageKey(last) ? t(last, locale) : field;
}

export function pickLocale(acceptLanguage: string | undefined, preferred?: string | null): Locale {
  if (preferred === 'en-US' || preferred === 'zh-CN') return preferred;
  if (acceptLanguage && /^\s*en\b/i.test(acceptLanguage)) return 'en-US';
  return 'zh-CN';
}

const reported = new Set<string>();
/** Called once per key that has no message; the default prints a process warning. */
let reportMissing = (key: string) => process.emitWarning(`no message for "${key}" (server/lib/i18n.ts)`, 'MissingTranslation');
export function onMissingMessage(report: (key: string) => void) {
  reportMissing = report;
}

/**
 * The message for a key. A key without a message never reaches the user as itself (issue 10
 * item 4): an error code reads as the generic "request could not be completed", a field code as
 * "invalid value", a notification text as nothing, a display label (`urgency.x`) as its value;
 * the missing key is reported once. A runtime string is allowed (a status from the database, a
 * Zod issue code); `string & {}` only keeps the editor's completion of the known keys.
 */
export function t(code: MessageKey | (string & {}), locale: Locale, params: Record<string, unknown> = {}): string {
  const entry = isMessageKey(code) ? catalog[code] : undefined;
  if (!entry) {
    if (!reported.has(code)) {
      reported.add(code);
      reportMissing(code);
    }
    if (!code.includes('.')) return t('unknown_error', locale);
    if (code.startsWith('field.')) return t('field.invalid', locale);
    if (code.startsWith('notify.')) return '';
    return code.slice(code.lastIndexOf('.') + 1);
  }
  const template = entry[locale];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

/** Whether the key has a message (in the given language: non-empty). */
export function hasMessage(code: string, locale?: Locale): boolean {
  const entry = isMessageKey(code) ? catalog[code] : undefined;
  return !!entry && (locale === undefined || entry[locale].trim() !== '');
}
