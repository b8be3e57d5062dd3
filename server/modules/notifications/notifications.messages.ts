// Server messages: notices to the hospital (R-CN-1) and the context of readable notices (issue 10 items 8, 11), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const notificationsMessages = {
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
} satisfies Catalog;
