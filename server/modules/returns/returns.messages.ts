// Server messages: returns and exchanges (退货/换货, issue 14 §4, R-REG-4) and supplier/manufacturer
// notices (经营办法§38, issue 14 §5), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const returnsMessages = {
  return_warehouse_required: {
    'zh-CN': '退回的备件须选择入库仓库：接收时记入该仓库的隔离（故障）库存，质量检验和处理决定前不能领用。',
    'en-US':
      "Choose the warehouse for the returned part: on receipt it goes into that warehouse's quarantine (faulty) stock and cannot be issued until it is inspected and decided.",
  },
  return_bad_transition: {
    'zh-CN': '退换货记录当前状态不允许此操作：须按 登记→接收→质量检验→处理决定→完成 的顺序办理，已完成或已取消的记录不能再处理。',
    'en-US':
      'This step is not allowed in the return’s current state: the order is registered → received → inspected → decided → done; a done or cancelled return cannot change.',
  },
  return_followthrough_missing: {
    'zh-CN': '尚未填写处理决定要求的落实情况（换货：发出的设备/配件序列号；退款：退款凭证号；维修：维修工单；报废：报废记录）。',
    'en-US':
      'The follow-through the decision requires is missing (exchange: the serial sent; refund: the refund reference; repair: the repair work order; scrap: the scrap record).',
  },
  return_link_other_customer: {
    'zh-CN': '关联的设备、工单或投诉不属于同一客户。',
    'en-US': 'The linked device, work order or complaint belongs to another customer.',
  },
  return_link_other_device: {
    'zh-CN': '关联的工单不是该设备的工单。',
    'en-US': 'The linked work order is not for this device.',
  },
  supplier_notice_recipient_required: {
    'zh-CN': '请选择供应商或填写生产企业。',
    'en-US': 'Choose a supplier or enter the manufacturer.',
  },
  supplier_notice_replied: {
    'zh-CN': '该通知已登记回复，不能再次登记。',
    'en-US': 'A reply is already recorded for this notice.',
  },
  'label.item': { 'zh-CN': '退回物品', 'en-US': 'item' },
  'label.content': { 'zh-CN': '通知内容', 'en-US': 'content' },
  'notify.supplier_notice_overdue.title': { 'zh-CN': '供应商未按期回复 {recipient}', 'en-US': 'Supplier reply overdue: {recipient}' },
  'notify.supplier_notice_overdue.body': {
    'zh-CN': '{sentOn} 就 {subject} 发给 {recipient} 的质量问题通知应于 {due} 前回复，至今未回复，请跟进催办（经营办法第三十八条）。',
    'en-US': 'The notice sent to {recipient} on {sentOn} about {subject} was due a reply by {due} and has none; please chase it.',
  },
  // The same chase for a notice about an adverse event (sent from the event; migration 0073).
  'notify.ae_notice_overdue.title': { 'zh-CN': '不良事件通知未按期回复 {number}', 'en-US': 'Adverse-event notice reply overdue {number}' },
  'notify.ae_notice_overdue.body': {
    'zh-CN': '{sentOn} 就不良事件 {number} 发给 {recipient} 的通知应于 {due} 前回复，至今未回复，请跟进催办（经营办法第三十八条）。',
    'en-US': 'The notice about adverse event {number} sent to {recipient} on {sentOn} was due a reply by {due} and has none; please chase it.',
  },
} satisfies Catalog;
