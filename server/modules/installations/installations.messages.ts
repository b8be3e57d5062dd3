// Server messages: installations (issue 12 item 2, R-IN-1), zh-CN and en-US. Wording from the
// seeds (003: 安装调试、验收; 002: 项目移交).
import type { Catalog } from '../../lib/i18n.ts';

export const installationsMessages = {
  installation_bad_transition: { 'zh-CN': '安装单不能从“{from}”转为“{to}”。', 'en-US': 'An installation cannot go from "{from}" to "{to}".' },
  site_check_blocking: {
    'zh-CN': '现场检查有不合格项，须复查合格或经经理豁免后方可安装：{items}',
    'en-US': 'The site check has failed items; re-check them or have a manager waive them before installing: {items}',
  },
  site_check_incomplete: { 'zh-CN': '现场检查未完成，缺少：{missing}', 'en-US': 'The site check is incomplete. Missing: {missing}' },
  commissioning_failed: {
    'zh-CN': '调试未通过，不能完成安装调试：{items}',
    'en-US': 'Commissioning did not pass; it cannot be completed: {items}',
  },
  signature_required: { 'zh-CN': '缺少签字：{field}', 'en-US': 'Signature missing: {field}' },
  installation_not_dispatched: {
    'zh-CN': '安装工单尚未派工，请先派工程师：{number}',
    'en-US': 'The installation work order has not been dispatched yet; send an engineer first: {number}',
  },
  installation_already_signed: { 'zh-CN': '该方已签字。', 'en-US': 'This party has already signed.' },
  'label.siteAddress': { 'zh-CN': '安装地点', 'en-US': 'site address' },
  'label.plannedDate': { 'zh-CN': '计划安装日期', 'en-US': 'planned date' },
  'label.salesContact': { 'zh-CN': '销售联系人', 'en-US': 'sales contact' },
  'label.engineerId': { 'zh-CN': '安装工程师', 'en-US': 'installation engineer' },
  'label.signerName': { 'zh-CN': '签字人姓名', 'en-US': "signer's name" },
  'label.signaturePng': { 'zh-CN': '签字', 'en-US': 'signature' },
  'label.consent.name': { 'zh-CN': '用户确认人姓名', 'en-US': "name of the customer's consenting person" },
  'label.consent.signaturePng': { 'zh-CN': '用户确认签字（同意调试结果）', 'en-US': "customer's consent signature" },
  'label.party': { 'zh-CN': '签字方', 'en-US': 'signing party' },
  'label.defect': { 'zh-CN': '缺陷描述', 'en-US': 'defect' },
  'label.measured': { 'zh-CN': '实测值', 'en-US': 'measured value' },
} satisfies Catalog;
