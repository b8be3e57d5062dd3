// UI strings in Chinese (default) and English. Chinese wording follows the company's policy
// documents (../shared/seeds). Server messages arrive already translated (Accept-Language).
// This file holds the shell's strings (app, menu, login, common, ux, notifications); each domain
// keeps its screens' strings beside them in routes/<domain>/i18n.ts (issue 11 item 6), merged
// below by static imports: one bundle, nothing registered when a screen loads, and every key
// keeps its full path (t('service.status')). Domain terms (statuses, urgency, roles …) come from
// the one glossary shared with the server (issue 10 item 13, `terms()` in the domain files).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as admin from './routes/admin/i18n.ts';
import * as care from './routes/care/i18n.ts';
import * as dashboard from './routes/dashboard/i18n.ts';
import * as parts from './routes/parts/i18n.ts';
import * as registry from './routes/registry/i18n.ts';
import * as service from './routes/service/i18n.ts';

const zh = {
  app: { name: 'MedService', title: '医疗器械售后服务管理系统', logout: '退出登录' },
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
    reportFault: '故障报修',
    myRequests: '我的报修',
    dispatch: '派工看板',
    myWork: '我的工单',
    workOrders: '工单',
    reviews: '服务报告审核',
  },
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    hint: '演示账号：admin / dispatcher / engineer / renhe（医院）… 密码 MedService2026',
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
    },
  },
};

const en: typeof zh = {
  app: { name: 'MedService', title: 'After-sales service management', logout: 'Log out' },
  menu: {
    dashboard: 'Dashboard',
    registry: 'Customers & devices',
    customers: 'Customers',
    devices: 'Devices',
    models: 'Device models',
    contracts: 'Contracts',
    imports: 'Import',
    admin: 'Administration',
    users: 'Users',
    audit: 'Audit trail',
    service: 'Service',
    requests: 'Repair register',
    newRequest: 'Register a request',
    reportFault: 'Report a fault',
    myRequests: 'My requests',
    dispatch: 'Dispatch board',
    myWork: 'My work',
    workOrders: 'Work orders',
    reviews: 'Report review',
  },
  login: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    hint: 'Demo accounts: admin / dispatcher / engineer / renhe (hospital) … password MedService2026',
  },
  common: {
    search: 'Search',
    searchPlaceholder: 'Type to search',
    create: 'New',
    edit: 'Edit',
    delete: 'Delete',
    save: 'Save',
    cancel: 'Cancel',
    export: 'Export Excel',
    actions: 'Actions',
    detail: 'Details',
    all: 'All',
    yes: 'Yes',
    no: 'No',
    total: '{{total}} in total',
    saved: 'Saved',
    deleted: 'Deleted',
    confirmDelete: 'Delete this record? The deletion is kept in the audit trail.',
    loading: 'Loading…',
    none: 'None',
    back: 'Back',
    createdAt: 'Created',
    updatedAt: 'Updated',
    version: 'Version',
    notes: 'Notes',
    phone: 'Phone',
    address: 'Address',
    name: 'Name',
    code: 'Code',
    conflict: 'Someone else changed this record; reload and try again.',
    forbidden: 'You do not have permission to view this page.',
  },
  // issue 10 items 13–14 (glossary words on screens, navigation)
  ux: {
    workOrderNo: 'Work order',
    ratings: 'Ratings (attitude / skill / arrival time / keeping promises)',
    auditRecord: 'Record',
    notFound: 'Page not found',
    notFoundHint: 'There is no page at {{path}}; it may have moved, or the address is mistyped.',
    home: 'Back to the dashboard',
  },
  notify: { title: 'Notifications', empty: 'No notifications', markAll: 'Mark all read' },
  // issue 10 item 11 (helper D): the bell groups notices by day and record, in local time.
  notifyView: {
    today: 'Today',
    yesterday: 'Yesterday',
    repeated: '{{n}} times',
    pdf: 'Download PDF',
    other: 'Other notices',
    kinds: {
      customer_assigned: 'Engineer assigned',
      customer_on_site: 'Engineer on site',
      customer_resolved: 'Repaired: please sign',
      customer_survey: 'Satisfaction survey',
      customer_archived: 'Service report archived',
      followup_due: 'Follow-up due',
      followup_escalated: 'Follow-up problem to approve',
      followup_approved: 'Handling plan approved',
      complaint_major: 'Major complaint',
      complaint_assigned: 'Complaint to handle',
      complaint_deadline: 'Complaint deadline reached',
      emergency_request: 'Emergency request',
      sla_warning: 'SLA warning',
      sla_breach: 'SLA breach',
      loaner_needed: 'Loaner needed',
      work_order_assigned: 'Work order assigned',
      work_order_returned: 'Report sent back',
      request_registered: 'New request',
      same_day_missed: 'Not solved the same day',
    },
  },
};

/** The catalogues by domain, zh-CN and en-US each; no two share a top-level key (i18n.test.ts). */
export const catalogues = { shell: { zh, en }, registry, service, parts, care, admin, dashboard };
const merged = (lang: 'zh' | 'en') => Object.assign({}, ...Object.values(catalogues).map((c) => c[lang]));

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('ms_lang') : null;

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: merged('zh') }, 'en-US': { translation: merged('en') } },
  lng: saved === 'en-US' ? 'en-US' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: Lang) {
  localStorage.setItem('ms_lang', lang);
  document.documentElement.lang = lang;
  return i18n.changeLanguage(lang);
}

export default i18n;
