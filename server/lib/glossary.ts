// The glossary: one name per domain term, in Chinese and English (issue 10 item 13). The
// service report PDF, the Excel exports, server messages and the web UI all read their enum
// words from here, so a 较急 job is 较急 on every screen and on paper.
//
// Plain data with no imports, so the web bundles the same file (web/src/glossary.ts re-exports
// it through a relative import; Vite and tsc both follow it) — no generated copy to drift.
// Chinese wording follows the seed documents (../shared/seeds, SPEC §1–§6) where they name the
// thing, e.g. service categories 有费服务 / 合同服务 / 免费服务 / 一般行政工作 (seed 002 §1), region
// classes 市区 / 郊区 / 外地 (seed 002), survey aspects 态度 / 技术 / 到达时间 / 答应事情的办理
// (seed 002 §19); otherwise the words the screens already used.

/** [zh-CN, en-US] */
export type Term = readonly [zh: string, en: string];
export type GlossaryLocale = 'zh-CN' | 'en-US';

export const glossary = {
  /** R-REQ-3 紧急程度 */
  urgency: {
    emergency: ['紧急', 'Emergency'],
    urgent: ['较急', 'Urgent'],
    normal: ['一般', 'Normal'],
    low: ['不急', 'Low'],
  },
  /** 服务类别 of a job and of a device's coverage (seed 002 §1). */
  serviceCategory: {
    warranty: ['免费服务（保修）', 'Warranty (free)'],
    contract: ['合同服务', 'Contract'],
    paid: ['有费服务', 'Paid'],
    internal: ['一般行政工作', 'Internal'],
  },
  coverageBasis: {
    factory_warranty: ['出厂保修', 'Factory warranty'],
    warranty_contract: ['保修合同', 'Warranty contract'],
    maintenance_contract: ['保养合同', 'Maintenance contract'],
    paid_contract: ['有费服务合同', 'Paid-service contract'],
    none: ['无覆盖', 'Not covered'],
  },
  requestStatus: {
    open: ['待派工', 'Open'],
    dispatched: ['已派工', 'Dispatched'],
    in_progress: ['处理中', 'In progress'],
    resolved: ['已修复', 'Resolved'],
    closed: ['已关闭', 'Closed'],
    cancelled: ['已取消', 'Cancelled'],
  },
  workOrderStatus: {
    new: ['待派工', 'New'],
    dispatched: ['已派工', 'Dispatched'],
    accepted: ['已接单', 'Accepted'],
    on_the_way: ['在途', 'On the way'],
    on_site: ['现场服务中', 'On site'],
    waiting_parts: ['等待配件', 'Waiting for parts'],
    taken_back: ['带回维修', 'Taken back'],
    resolved: ['已修复', 'Resolved'],
    signed_off: ['客户已签字', 'Signed off'],
    reviewed: ['已审核', 'Reviewed'],
    closed: ['已归档', 'Closed'],
    cancelled: ['已取消', 'Cancelled'],
  },
  /** Issue 12 item 1: the kind of job (seed 003 安装调试 / 保养 / 巡检 / 升级 / 培训 / 技术咨询 / 退换货). */
  workOrderKind: {
    repair: ['维修', 'Repair'],
    installation: ['安装调试', 'Installation'],
    maintenance: ['保养/巡检', 'Maintenance/inspection'],
    upgrade: ['升级', 'Upgrade'],
    training: ['培训', 'Training'],
    consultation: ['现场技术咨询', 'On-site consultation'],
    return_exchange: ['退换货', 'Return/exchange'],
  },
  /** The steps a kind names its own way ("kind.status"); the others keep workOrderStatus. */
  workOrderKindStep: {
    'installation.on_site': ['现场安装中', 'Installing on site'],
    'installation.resolved': ['安装调试完成', 'Installed and commissioned'],
    'maintenance.on_site': ['保养/巡检中', 'Maintenance in progress'],
    'maintenance.resolved': ['保养/巡检完成', 'Maintenance done'],
    'upgrade.on_site': ['现场升级中', 'Upgrading on site'],
    'upgrade.resolved': ['升级完成', 'Upgraded'],
    'training.on_site': ['现场培训中', 'Training on site'],
    'training.resolved': ['培训完成', 'Trained'],
    'consultation.on_site': ['现场咨询中', 'Consulting on site'],
    'consultation.resolved': ['已解答', 'Answered'],
    'return_exchange.taken_back': ['已收回', 'Unit taken back'],
    'return_exchange.resolved': ['退换完成', 'Returned/exchanged'],
  },
  /** How a repair request came in (R-REQ-1). */
  requestChannel: {
    phone: ['电话', 'Phone'],
    email: ['邮件', 'Email'],
    portal: ['网上报修', 'Portal'],
    onsite: ['现场', 'On site'],
    wechat: ['微信', 'WeChat'],
  },
  clockKind: {
    respond: ['响应', 'Response'],
    arrive: ['到场', 'Arrival'],
    restore: ['修复', 'Restoration'],
    loaner: ['备用机', 'Loaner'],
  },
  clockState: {
    running: ['计时中', 'Running'],
    warning: ['即将超时', 'Nearly due'],
    breached: ['已超时', 'Breached'],
    met: ['按时完成', 'Met'],
    cancelled: ['已取消', 'Cancelled'],
    paused: ['已暂停', 'Paused'],
  },
  deviceStatus: {
    in_service: ['正常使用', 'In service'],
    down: ['故障停机', 'Down'],
    safety_hold: ['安全暂停', 'Safety hold'],
    retired: ['已报废', 'Retired'],
  },
  deviceCategory: {
    pathology_stainer: ['病理染色机', 'Pathology stainer'],
    tissue_processor: ['组织脱水机', 'Tissue processor'],
    microtome: ['切片机', 'Microtome'],
    ct: ['CT', 'CT'],
    mri: ['磁共振', 'MRI'],
    xray: ['X 射线机', 'X-ray'],
    ultrasound: ['超声', 'Ultrasound'],
    ventilator: ['呼吸机', 'Ventilator'],
    anesthesia: ['麻醉机', 'Anaesthesia'],
    patient_monitor: ['监护仪', 'Patient monitor'],
    infusion_pump: ['输液泵', 'Infusion pump'],
    linac: ['直线加速器', 'Linear accelerator'],
    laboratory: ['检验设备', 'Laboratory'],
    other: ['其他', 'Other'],
  },
  criticality: {
    life_support: ['生命支持', 'Life support'],
    critical_diagnostic: ['关键诊断', 'Critical diagnostic'],
    standard: ['一般', 'Standard'],
  },
  regionClass: {
    urban: ['市区', 'Urban'],
    suburban: ['郊区', 'Suburban'],
    remote: ['外地', 'Remote'],
  },
  unitKind: {
    branch: ['分公司', 'Branch'],
    service_centre: ['服务中心', 'Service centre'],
    team: ['服务小组', 'Team'],
  },
  customerKind: {
    hospital: ['医院', 'Hospital'],
    clinic: ['诊所', 'Clinic'],
    distributor: ['经销商', 'Distributor'],
    other: ['其他', 'Other'],
  },
  contractKind: {
    warranty: ['保修合同', 'Warranty'],
    maintenance: ['保养合同', 'Maintenance'],
    paid: ['有费服务合同', 'Paid service'],
  },
  contractState: {
    active: ['有效', 'Active'],
    upcoming: ['未生效', 'Upcoming'],
    expired: ['已到期', 'Expired'],
  },
  /** SPEC §1 */
  role: {
    admin: ['系统管理员', 'Administrator'],
    service_manager: ['售后服务经理', 'Service manager'],
    dispatcher: ['客服人员', 'Customer service'],
    engineer: ['售后服务工程师', 'Service engineer'],
    technician: ['维修技师', 'Technician'],
    technical_expert: ['技术支持专家', 'Technical expert'],
    parts_admin: ['配件管理员', 'Parts administrator'],
    quality: ['质量控制', 'Quality'],
    sales: ['销售', 'Sales'],
    finance: ['财务', 'Finance'],
    executive: ['管理层', 'Executive'],
    customer_user: ['医院用户', 'Hospital user'],
  },
  /** The kinds of record the audit trail names (audit_log.entity). */
  entityType: {
    customer: ['客户', 'Customer'],
    department: ['科室', 'Department'],
    site: ['院区/地点', 'Site'],
    contact: ['联系人', 'Contact'],
    customer_user: ['医院用户', 'Hospital user'],
    device: ['设备', 'Device'],
    device_model: ['设备型号', 'Device model'],
    contract: ['合同', 'Contract'],
    user: ['用户', 'User'],
    engineer_profile: ['工程师档案', 'Engineer profile'],
    service_request: ['报修单', 'Repair request'],
    work_order: ['工单', 'Work order'],
    work_order_part: ['工单配件', 'Work-order part'],
    work_order_payment: ['收款记录', 'Payment'],
    work_order_signature: ['客户签字', 'Customer signature'],
    work_order_correction: ['服务报告更正', 'Report correction'],
    work_order_same_day: ['当日未解决记录', 'Same-day miss'],
    goods_receipt: ['商品领取收据', 'Goods receipt'],
    goods_register: ['商品进出登记', 'Goods register'],
    repair_card_entry: ['维修卡记录', 'Repair card entry'],
    price_list: ['价格表', 'Price list'],
    sla_policy: ['服务时限政策', 'SLA policy'],
    business_calendar: ['工作日历', 'Business calendar'],
    loan: ['备用机借用', 'Loan'],
    loaner_unit: ['备用机', 'Loaner unit'],
    part: ['备件', 'Part'],
    supplier: ['供应商', 'Supplier'],
    warehouse: ['仓库', 'Warehouse'],
    stocktake: ['盘点单', 'Stocktake'],
    purchase_plan: ['采购计划', 'Purchase plan'],
    purchase_contract: ['采购合同', 'Purchase contract'],
    parts_transfer_request: ['备件调拨申请', 'Parts transfer request'],
    parts_ledger: ['备件台账', 'Parts ledger'],
    followup: ['回访', 'Follow-up'],
    followup_plan: ['回访计划', 'Follow-up plan'],
    followup_rule_set: ['回访规则', 'Follow-up rules'],
    followup_questionnaire: ['回访问卷', 'Questionnaire'],
    survey: ['满意度调查', 'Survey'],
    complaint: ['客户投诉', 'Complaint'],
    notification_channel: ['通知渠道', 'Notification channel'],
    channel_settings: ['通知渠道设置', 'Channel settings'],
    channel_endpoint: ['群机器人', 'Group robot'],
    channel_preferences: ['通知偏好', 'Notification preferences'],
    session: ['登录会话', 'Session'],
    system: ['系统', 'System'],
    // Issue 12.
    attachment: ['附件', 'Attachment'],
    call: ['来电/去电记录', 'Call'],
    missed_call: ['未接来电', 'Missed call'],
    consultation: ['技术咨询', 'Consultation'],
    hotline_settings: ['服务热线设置', 'Hotline settings'],
    on_call_duty: ['值班安排', 'On-call duty'],
    installation: ['安装通知', 'Installation'],
    installation_signature: ['验收签字', 'Acceptance signature'],
    installation_template: ['安装检查模板', 'Installation checklist template'],
    accessory_term: ['附件保修条款', 'Accessory warranty term'],
    // Issue 13.
    maintenance_template: ['保养模板', 'Maintenance template'],
    maintenance_plan: ['年度保养计划', 'Maintenance plan'],
    maintenance_visit: ['保养计划项', 'Planned maintenance visit'],
    maintenance_settings: ['保养计划设置', 'Maintenance plan settings'],
    training_session: ['客户培训', 'Customer training'],
    training_attendee: ['培训学员', 'Trainee'],
    staff_training_plan: ['员工培训计划', 'Staff training plan'],
    staff_training_record: ['员工培训记录', 'Staff training record'],
    qualification: ['上岗资格', 'Qualification'],
    // Issue 13 §5.
    instrument: ['仪器设备', 'Instrument'],
    instrument_calibration: ['校准记录', 'Calibration'],
    instrument_handover: ['仪器交接', 'Instrument hand-over'],
    // Issue 14 §1.
    device_hold: ['设备停用', 'Safety hold'],
    // Issue 14 §6 (R-AU-1).
    e_signature: ['电子签名', 'E-signature'],
    // Issue 14 §2 (R-REG-2).
    adverse_event: ['不良事件', 'Adverse event'],
    adverse_event_report: ['不良事件报告', 'Adverse-event report'],
    // Audit entries from before migration 0073; a notice is a supplier_notice since.
    adverse_event_notice: ['不良事件供应商/厂家通知（旧记录）', 'Adverse-event supplier notice (earlier entries)'],
    adverse_event_settings: ['不良事件报告时限设置', 'Reporting clocks'],
    adverse_event_cluster: ['群体不良事件提示', 'Possible group event'],
    // Issue 14 §4, §5.
    return_record: ['退换货', 'Return / exchange'],
    // Issue 15 §3 (R-AP-1).
    appraisal: ['月度考核', 'Monthly appraisal'],
    appraisal_item: ['考核奖罚项', 'Appraisal penalty / reward'],
    // Issue 16 §2.
    device_label: ['设备标签', 'Device label'],
    scan_report: ['扫码报修', 'Scanned fault report'],
    supplier_notice: ['供应商/生产企业通知', 'Supplier notice'],
    // Issue 15 §2 (R-ESC-1).
    escalation: ['技术支持升级', 'Escalation'],
    escalation_settings: ['自动升级时限', 'Auto-escalation hours'],
    expert_tier: ['技术专家级别', 'Expert tier'],
    work_order_progress_note: ['维修进展', 'Progress note'],
    work_order_degradation: ['临时应急措施', 'Temporary measure'],
    // Issue 15 §4 (R-WX-1, R-FE-1).
    warranty_exclusion: ['保修除外认定', 'Warranty exclusion'],
    quote: ['报价单', 'Quote'],
    // Issue 15 §4 (R-FE-1, R-FE-2).
    invoice: ['发票', 'Invoice'],
    invoice_entry: ['收款/红字记录', 'Invoice payment / credit note'],
    cash_handover: ['现金交接', 'Cash hand-over'],
    budget_year: ['年度预算', 'Yearly budget'],
    budget_line: ['预算明细', 'Budget line'],
    cost_tag: ['费用归属', 'Cost booking'],
    billing_account: ['客户结算条件', 'Billing terms'],
    // Issue 15 §5 (R-KB-1).
    handbook_entry: ['售后服务手册条目', 'Handbook entry'],
    handbook_fault_code: ['故障代码', 'Fault code'],
    handbook_digest: ['售后服务手册月度更新', 'Handbook monthly update'],
    model_document: ['型号技术资料', 'Model document'],
    // Issue 14 §3 (R-REG-3).
    campaign: ['召回/现场行动', 'Recall / field action'],
    campaign_notice: ['召回通知', 'Campaign notice'],
    campaign_unit: ['召回设备', 'Campaign unit'],
    // Issue 13 §4.
    key_account: ['重点客户', 'Key account'],
    visit_plan: ['季度回访计划', 'Visit plan'],
    visit_plan_line: ['回访计划明细', 'Planned visit'],
    // Issue 13 §3 (R-CT-1).
    renewal: ['续约商机', 'Renewal'],
    renewal_notice: ['到期通知', 'Expiry notice'],
    renewal_settings: ['到期通知设置', 'Expiry notice settings'],
    // Issue 14 §5 (R-REG-6).
    model_quality_flags: ['质量跟踪标记', 'Quality tracking flags'],
    quality_visit_line: ['质量跟踪回访', 'Quality tracking visit'],
    quality_alert: ['质量异常', 'Quality alert'],
    quality_model: ['质量跟踪机型', 'Quality-tracked model'],
    renewal_price_line: ['年度维保价格', 'Annual contract price'],
    // Issue 13 §2 (R-PM-2).
    maintenance_record_version: ['保养记录更正版本', 'Maintenance record version'],
    // Issue 15 §1 (R-ORG-1).
    unit: ['组织单元', 'Unit'],
    unit_settings: ['单元通知抄送设置', 'Unit notice copy rule'],
    branch_daily_report: ['分公司日报', 'Branch daily report'],
  },
  auditAction: {
    create: ['新建', 'Create'],
    update: ['修改', 'Update'],
    delete: ['删除', 'Delete'],
    login: ['登录', 'Log in'],
    sign: ['签字', 'Sign'],
    submit: ['提交', 'Submit'],
    approve: ['批准', 'Approve'],
    reject: ['驳回', 'Reject'],
    count: ['盘点', 'Count'],
    reverse: ['冲销', 'Reverse'],
    fulfil: ['完成调拨', 'Fulfil'],
    cancel: ['取消', 'Cancel'],
    priority_notified: ['优先派工提醒', 'Priority notice'],
  },
  complaintStatus: {
    draft: ['草稿', 'Draft'],
    open: ['已受理', 'Open'],
    investigating: ['调查中', 'Investigating'],
    replied: ['已答复', 'Replied'],
    verified: ['已验证', 'Verified'],
    closed: ['已关闭', 'Closed'],
  },
  complaintChannel: {
    hotline: ['投诉热线', 'Hotline'],
    email: ['邮箱', 'Email'],
    portal: ['门户', 'Portal'],
    survey: ['满意度调查', 'Survey'],
    followup: ['回访', 'Follow-up'],
    onsite: ['现场', 'On site'],
  },
  complaintSeverity: {
    minor: ['轻微', 'Minor'],
    normal: ['一般', 'Normal'],
    major: ['重大', 'Major'],
  },
  complaintCause: {
    product_quality: ['产品质量', 'Product quality'],
    repair_quality: ['维修质量', 'Repair quality'],
    response_time: ['响应及时性', 'Response time'],
    service_attitude: ['服务态度', 'Service attitude'],
    parts: ['配件', 'Parts'],
    billing: ['收费', 'Billing'],
    other: ['其他', 'Other'],
  },
  /** Questionnaire service types (R-FU-2, seed 000 §4). */
  serviceType: {
    installation: ['安装', 'Installation'],
    upgrade: ['升级', 'Upgrade'],
    technical_support: ['技术支持', 'Technical support'],
    repair: ['维修', 'Repair'],
    maintenance: ['维护', 'Maintenance'],
    warranty_period: ['保修期内定期回访', 'Under warranty (standing)'],
    post_warranty: ['保修期外定期回访', 'After warranty (standing)'],
  },
  /** The four things a customer rates (R-SV-1, seed 002 §19). */
  surveyAspect: {
    attitude: ['态度', 'Attitude'],
    skill: ['技术', 'Skill'],
    timeliness: ['到达时间', 'Arrival time'],
    promise: ['答应事情的办理', 'Keeping promises'],
  },
  surveyLevel: {
    '4': ['非常满意', 'Very satisfied'],
    '3': ['满意', 'Satisfied'],
    '2': ['一般', 'Fair'],
    '1': ['不满意', 'Dissatisfied'],
  },
  warehouseKind: {
    central: ['中心库', 'Central store'],
    emergency: ['应急备件库', 'Emergency stock'],
    van: ['工程师车载库', 'Engineer van'],
  },
  ledgerKind: {
    receipt: ['入库', 'Receipt'],
    issue: ['领用出库', 'Issue'],
    return_faulty: ['故障件退回', 'Faulty return'],
    transfer_out: ['调拨出', 'Transfer out'],
    transfer_in: ['调拨入', 'Transfer in'],
    adjustment: ['盘点调整', 'Adjustment'],
  },
  partCondition: {
    good: ['良品', 'Good'],
    faulty: ['故障件', 'Faulty'],
  },
  partTracking: {
    none: ['不追踪', 'Not tracked'],
    lot: ['按批次', 'By lot'],
    serial: ['按序列号', 'By serial'],
  },
  reorderReason: {
    min_stock: ['低于最低库存', 'Below minimum'],
    forecast: ['在修工单需求', 'Open-work demand'],
    emergency: ['应急储备不足', 'Emergency stock short'],
    manual: ['手工', 'Manual'],
  },
  /** Service tools and measuring instruments (issue 13 §5). */
  instrumentKind: {
    electrical_safety_analyser: ['电气安全分析仪', 'Electrical safety analyser'],
    thermometer: ['温度计', 'Thermometer'],
    dose_meter: ['剂量仪', 'Dose meter'],
    phantom: ['模体', 'Phantom'],
    multimeter: ['万用表', 'Multimeter'],
    pressure_gauge: ['压力表', 'Pressure gauge'],
    other: ['其他', 'Other'],
  },
  instrumentStatus: {
    in_use: ['在用', 'In use'],
    in_store: ['在库', 'In store'],
    out_for_calibration: ['送检中', 'Out for calibration'],
    out_of_tolerance: ['超差停用', 'Out of tolerance'],
    retired: ['已报废', 'Retired'],
  },
  instrumentHolder: {
    engineer: ['工程师', 'Engineer'],
    warehouse: ['库房/服务车', 'Warehouse or van'],
    store: ['仪器室', 'Instrument store'],
  },
  calibrationResult: {
    pass: ['合格', 'Pass'],
    fail: ['不合格', 'Fail'],
    adjusted: ['调整后合格', 'Adjusted'],
  },
  /** Planned maintenance visits (issue 13 §1, R-PM-1). */
  maintenanceVisitStatus: {
    planned: ['已计划', 'Planned'],
    notified: ['已通知客户', 'Customer notified'],
    confirmed: ['客户已确认', 'Confirmed'],
    reschedule_requested: ['客户申请改期', 'Reschedule requested'],
    ordered: ['已生成工单', 'Work order opened'],
    done: ['已完成', 'Done'],
    missed: ['未执行', 'Missed'],
    cancelled: ['已取消', 'Cancelled'],
  },
  calibrationDue: {
    valid: ['有效', 'Valid'],
    due_soon: ['即将到期', 'Due soon'],
    overdue: ['已超期', 'Overdue'],
  },
  /** Quarterly visit plans (issue 13 §4). */
  visitKind: {
    onsite: ['上门回访', 'On site'],
    phone: ['电话回访', 'Phone'],
  },
  visitPeriod: {
    month: ['每月', 'Per month'],
    quarter: ['每季度', 'Per quarter'],
  },
  visitLineSource: {
    standing: ['常规回访', 'Standing cadence'],
    key_account: ['重点客户加访', 'Key account'],
  },
  visitLineState: {
    planned: ['计划', 'Planned'],
    due: ['本月待访', 'Due'],
    done: ['已完成', 'Done'],
    missed: ['未完成', 'Missed'],
  },
  /** Renewal pipeline stages (issue 13 §3, R-CT-1). */
  renewalStage: {
    notice_sent: ['已发到期通知', 'Notice sent'],
    visited: ['已拜访', 'Visited'],
    quoted: ['已报价', 'Quoted'],
    won: ['已续约', 'Won'],
    lost: ['已流失', 'Lost'],
  },
  renewalSource: {
    maintenance_contract: ['保养合同到期', 'Maintenance contract expiry'],
    warranty_contract: ['保修合同到期', 'Warranty contract expiry'],
    factory_warranty: ['免费保修期到期', 'Free warranty expiry'],
  },
} as const satisfies Record<string, Record<string, Term>>;

export type Glossary = typeof glossary;
export type GlossaryGroup = keyof Glossary;
export type TermOf<G extends GlossaryGroup> = keyof Glossary[G] & string;

const col = (locale: GlossaryLocale) => (locale === 'en-US' ? 1 : 0);

/** The word for one value; an unknown value comes back as it is (never throws on old data). */
export function term(group: GlossaryGroup, value: string | null | undefined, locale: GlossaryLocale): string {
  if (value === null || value === undefined || value === '') return '';
  const entry = (glossary[group] as Record<string, Term>)[value];
  return entry ? entry[col(locale)] : value;
}

/** A whole group as value → word, the shape the web's i18n dictionaries take. */
export function terms<G extends GlossaryGroup>(group: G, locale: GlossaryLocale): Record<TermOf<G>, string> {
  const c = col(locale);
  return Object.fromEntries(Object.entries(glossary[group] as Record<string, Term>).map(([k, v]) => [k, v[c]])) as Record<TermOf<G>, string>;
}

/** The values of a group, in glossary order (selects, tests). */
export function termValues<G extends GlossaryGroup>(group: G): TermOf<G>[] {
  return Object.keys(glossary[group]) as TermOf<G>[];
}

/** A work order's status as its kind names it (issue 12): e.g. an installation's resolved is 安装调试完成. */
export function stepTerm(kind: string, status: string, locale: GlossaryLocale): string {
  const own = (glossary.workOrderKindStep as Record<string, Term>)[`${kind}.${status}`];
  return own ? own[locale === 'en-US' ? 1 : 0] : term('workOrderStatus', status, locale);
}
