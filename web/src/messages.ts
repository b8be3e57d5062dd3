/// <reference types="vite/client" />
// Every UI string but the login page's (see ./i18n.ts), in Chinese: the shell's (menu, common, ux,
// notifications) and each domain's catalogue beside its screens (routes/<domain>/i18n.ts, issue
// 11 item 6), registered with i18next when this chunk is loaded (`loadMessages()`). The English
// ones are ./messages.en.ts, built from the *.en.ts files: a session downloads one language (issue
// 17 item 6), and the other when the user switches.
import { domainOf } from './catalogue-domains.ts';
import i18n, { boot } from './i18n.ts';

export const zh = {
  ...boot.zh,
  menu: {
    dashboard: '工作台',
    registry: '客户与设备',
    customers: '客户',
    devices: '设备',
    models: '设备型号',
    contracts: '合同',
    imports: '数据导入',
    admin: '系统管理',
    users: '用户',
    audit: '审计追踪',
    service: '售后服务',
    requests: '报修登记簿',
    newRequest: '报修/叫修登记',
    newWorkOrder: '新建工单（安装/保养/培训…）',
    reportFault: '故障报修',
    myRequests: '我的报修',
    dispatch: '派工看板',
    myWork: '我的工单',
    workOrders: '工单',
    reviews: '服务报告审核',
  },
  common: {
    search: '搜索',
    searchPlaceholder: '输入关键字搜索',
    create: '新建',
    edit: '编辑',
    delete: '删除',
    save: '保存',
    cancel: '取消',
    export: '导出 Excel',
    actions: '操作',
    detail: '详情',
    all: '全部',
    yes: '是',
    no: '否',
    total: '共 {{total}} 条',
    saved: '已保存',
    draftRestored: '已恢复上次未保存的输入（应用切到后台或页面被关闭时保留在手机上）。',
    draftStale: '有一份未保存的输入，但记录此后已被修改。恢复后请核对再保存。',
    draftRestore: '恢复',
    draftDiscard: '丢弃',
    deleted: '已删除',
    confirmDelete: '确定删除吗？此操作会记入审计追踪。',
    loading: '加载中…',
    none: '无',
    back: '返回',
    createdAt: '创建时间',
    updatedAt: '更新时间',
    version: '版本',
    notes: '备注',
    phone: '电话',
    address: '地址',
    name: '名称',
    code: '编号',
    conflict: '记录已被他人修改，请刷新后重试。',
    forbidden: '您没有访问此页面的权限。',
  },
  // issue 10 items 13–14 (glossary words on screens, navigation)
  ux: {
    workOrderNo: '工单号',
    ratings: '评价（态度 / 技术 / 到达时间 / 答应事情的办理）',
    auditRecord: '记录',
    notFound: '页面不存在',
    notFoundHint: '您访问的地址 {{path}} 不存在，可能已被移动或输入有误。',
    home: '返回工作台',
  },
  notify: { title: '消息通知', empty: '暂无消息', markAll: '全部标为已读' },
  // issue 10 item 11 (helper D): the bell groups notices by day and record, in local time.
  notifyView: {
    today: '今天',
    yesterday: '昨天',
    repeated: '共 {{n}} 条',
    pdf: '下载 PDF',
    other: '其他消息',
    kinds: {
      customer_assigned: '已派工程师',
      customer_on_site: '工程师已到达现场',
      customer_resolved: '维修完成，请签字确认',
      customer_survey: '满意度调查',
      customer_archived: '服务报告已归档',
      maintenance_notice: '保养预约通知',
      maintenance_reschedule: '客户申请保养改期',
      maintenance_overdue: '保养逾期未完成',
      maintenance_dispatch_refused: '保养工单未能派给计划工程师',
      followup_due: '回访到期',
      followup_escalated: '回访问题待审批',
      followup_approved: '处理方案已审批',
      complaint_major: '重大投诉',
      complaint_assigned: '投诉待处理',
      complaint_deadline: '投诉处理期限已到',
      emergency_request: '紧急报修',
      sla_warning: '时限预警',
      sla_breach: '超时',
      loaner_needed: '需要提供备用机',
      work_order_assigned: '新派工',
      work_order_returned: '服务报告被退回',
      request_registered: '新报修',
      same_day_missed: '当日未解决',
      missed_call_overdue: '未接来电回电超时',
      instrument_due_soon: '计量器具即将到期',
      instrument_overdue: '计量器具已超期',
      consultation_escalated: '技术咨询待研究',
      handbook_digest: '售后服务手册月度更新',
    },
  },
};

// Each domain's catalogue is found by its file name, so a new domain is listed nowhere.
const domains = import.meta.glob<{ zh: object }>(['./**/i18n.ts', '!./i18n.ts'], { eager: true });

/** The zh-CN catalogues by domain (folder); no two share a top-level key (i18n.test.ts). */
export const catalogues: Record<string, object> = {
  shell: zh,
  ...Object.fromEntries(Object.entries(domains).map(([file, m]) => [domainOf(file), m.zh])),
};

i18n.addResourceBundle('zh-CN', 'translation', Object.assign({}, ...Object.values(catalogues)), true, true);
