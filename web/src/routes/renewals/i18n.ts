// Strings of the renewal screens (续约, issue 13 §3, R-CT-1), zh-CN (en-US: the .en.ts beside it); wording after seed
// 002 part 1 §4 and §15 (保养到期通知书, 免费保修到期, 销售跟进续约).
import { terms } from '../../glossary.ts';

export const zh = {
  renewals: {
    menu: { group: '续约', pipeline: '续约跟进', rate: '续约率', notices: '到期通知书' },
    stages: terms('renewalStage', 'zh-CN'),
    sources: terms('renewalSource', 'zh-CN'),
    fromPriceList: '按价格表报价',
    years: '年',
    unpriced: '价格表无此型号',
    computed: '价格表金额',
    useComputed: '采用',
    overrideReason: '调价原因',
    f: {
      owner: '负责销售',
      month: '到期月份',
      customer: '客户',
      contract: '合同',
      expiresOn: '到期日',
      quote: '报价',
      lostReason: '流失原因',
      devices: '设备数',
      newContract: '续约合同',
      endDate: '新合同结束日期',
      price: '原合同金额',
    },
    all: '全部',
    unassigned: '未分配',
    dragHint: '拖动卡片到其他列以变更阶段',
    moveTo: '移到',
    quoteTitle: '填写续约报价',
    lostTitle: '标记为流失',
    wonTitle: '确认续约成功',
    wonHint: '将为同一客户、同一批设备生成新合同，自原合同到期次日起生效（无空档），金额为报价。',
    settings: { title: '到期通知设置', customerDays: '保养合同到期提前通知客户（天）', salesDays: '免费保修到期提前报告销售（天）' },
    rate: { title: '续约率', byMonth: '按到期月份', byOwner: '按销售', total: '到期', won: '已续约', lost: '已流失', open: '跟进中', rate: '续约率' },
    notices: {
      title: '保养到期通知书',
      empty: '暂无到期通知',
      letter: '下载通知书',
      sentOn: '通知日期',
      kind: { customer_expiry: '保养合同到期通知（客户）', sales_warranty_expiry: '免费保修到期报告（销售）' },
    },
    onContract: '续约',
    none: '尚无续约记录',
  },
};
