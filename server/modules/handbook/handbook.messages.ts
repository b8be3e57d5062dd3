// Server messages: the service handbook (售后服务手册, issue 15 §5, R-KB-1) and model documents
// (办法§17), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const handbookMessages = {
  handbook_bad_transition: {
    'zh-CN': '手册条目当前状态不允许此操作：须按 草稿→审核中→已发布 的顺序办理，已停用的条目不能再修改。',
    'en-US': 'This step is not allowed in the entry’s current state: draft → in review → published; a retired entry cannot change.',
  },
  handbook_own_entry: {
    'zh-CN': '不能审核或发布自己编写的手册条目，须由其他技术专家、质量或售后服务经理审核。',
    'en-US': 'You cannot review or publish an entry you wrote; another expert, quality or the service manager must review it.',
  },
  handbook_subject: {
    'zh-CN': '请选择设备型号或设备类别（二选一）。',
    'en-US': 'Choose either a device model or a device category (exactly one).',
  },
  handbook_fault_code_unknown: {
    'zh-CN': '故障代码 {code} 不在该型号的故障代码表中。',
    'en-US': 'Fault code {code} is not in this model’s fault-code table.',
  },
  handbook_part_unknown: {
    'zh-CN': '配件编码 {code} 不在配件目录中。',
    'en-US': 'Part code {code} is not in the parts catalogue.',
  },
  handbook_work_order_not_reviewed: {
    'zh-CN': '只有已审核或已关闭的工单才能写入售后服务手册。',
    'en-US': 'Only a reviewed or closed work order can be written into the service handbook.',
  },
  'notify.handbook_digest.title': { 'zh-CN': '售后服务手册 {month} 月度更新', 'en-US': 'Service handbook: what’s new in {month}' },
  'notify.handbook_digest.body': {
    'zh-CN': '本月新发布或修订的手册条目 {entries} 条，请及时阅读更新后的售后服务手册。',
    'en-US': '{entries} handbook entries were published or revised this month; please read the updated handbook.',
  },
  'label.symptoms': { 'zh-CN': '故障现象', 'en-US': 'symptoms' },
  'label.faultCode': { 'zh-CN': '故障代码', 'en-US': 'fault code' },
  'label.partCodes': { 'zh-CN': '配件', 'en-US': 'parts' },
  'label.docVersion': { 'zh-CN': '文档版本', 'en-US': 'document version' },
  'label.meaning': { 'zh-CN': '含义', 'en-US': 'meaning' },
} satisfies Catalog;
