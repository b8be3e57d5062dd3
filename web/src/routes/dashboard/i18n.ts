// Strings of the dashboard, zh-CN (en-US: the .en.ts beside it) (issue 11 item 6). Merged statically into the app's
// resources by web/src/i18n.ts; the keys keep their full paths (t('dashboard.…')), so moving a
// screen does not change its strings.

export const zh = {
  dashboard: {
    welcome: '你好，{{name}}',
    customers: '客户',
    devices: '在册设备',
    down: '故障停机设备',
    contracts: '有效合同',
    expiring: '90 天内到期合同',
    outOfCover: '无保修/合同覆盖的设备',
    openRequests: '未完成报修',
    emergencies: '紧急报修',
    unassigned: '待派工',
    myWork: '我的在办工单',
    toReview: '待审核服务报告',
    myOpenRequests: '处理中的报修',
  },
};
