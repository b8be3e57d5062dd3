// Server messages: warranty exclusions (保修除外, R-WX-1) and quotes (报价单, issue 15 §4, R-FE-1), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const quotesMessages = {
  quote_not_accepted: {
    'zh-CN': '该工单已确认为保修除外（人为或不可抗力）有偿服务：客户确认报价单之前不能完成维修。',
    'en-US': 'This job is a confirmed warranty exclusion (chargeable): it cannot be resolved before the customer has accepted the quote.',
  },
  exclusion_not_covered_job: {
    'zh-CN': '只有保修期内或保养合同内的工单才能认定为保修除外；有偿服务工单直接报价即可。',
    'en-US': 'Only a warranty or contract job can be reclassified as a warranty exclusion; a paid job is quoted directly.',
  },
  exclusion_exists: { 'zh-CN': '该工单已有待确认或已确认的保修除外认定。', 'en-US': 'This job already has a proposed or confirmed warranty exclusion.' },
  exclusion_not_proposed: { 'zh-CN': '该保修除外认定已处理，不能再次确认或驳回。', 'en-US': 'This warranty exclusion has already been decided.' },
  quote_not_chargeable: {
    'zh-CN': '该工单不收费：只有有偿服务工单或已确认保修除外的工单才能报价。',
    'en-US': 'This job is not charged: only paid service or a job with a confirmed warranty exclusion can be quoted.',
  },
  quote_validity_past: { 'zh-CN': '报价有效期不能早于今天。', 'en-US': 'The quote’s validity date cannot be in the past.' },
  quote_open_exists: {
    'zh-CN': '该工单已有未完成的报价单 {number}：请先处理（发送、确认或拒绝）该报价单。',
    'en-US': 'This job already has an open quote {number}: finish it (send, accept or reject) first.',
  },
  quote_no_price_list: { 'zh-CN': '尚未设置价格表，无法报价。', 'en-US': 'No price list is set up yet, so nothing can be quoted.' },
  quote_bad_state: {
    'zh-CN': '报价单当前状态不允许此操作：须按 草稿→已发送→已接受/已拒绝 的顺序办理，过期的报价单不能再接受。',
    'en-US': 'This step is not allowed in the quote’s current state: draft → sent → accepted / rejected; an expired quote cannot be accepted.',
  },
  quote_expired: { 'zh-CN': '报价单已过有效期（{validUntil}），请重新报价。', 'en-US': 'The quote is past its validity ({validUntil}); issue a new quote.' },
  quote_accept_via_invalid: {
    'zh-CN': '医院用户在客户门户中确认报价；服务人员只能登记客户现场签字或注明理由的确认。',
    'en-US': 'Hospital users accept in the portal; staff record the customer’s signature on site or an acceptance with a reason.',
  },
  quote_signature_required: { 'zh-CN': '请让客户在签字板上签字。', 'en-US': 'Have the customer sign on the signature pad.' },
  quote_reason_required: {
    'zh-CN': '代客户登记确认时请注明理由（例如客户电话确认）。',
    'en-US': 'Give the reason when recording the customer’s acceptance (e.g. accepted by phone).',
  },
  'notify.quote_sent.title': { 'zh-CN': '报价单 {number} 待确认', 'en-US': 'Quote {number} awaiting your decision' },
  'notify.quote_sent.body': {
    'zh-CN': '我们为贵单位的维修服务出具了报价单 {number}，金额 {total} 元，有效期至 {validUntil}。请在客户门户“我的报价”中确认或拒绝，确认后方可继续维修。',
    'en-US':
      'We have issued quote {number} for your service job: {total}, valid until {validUntil}. Please accept or reject it under “My quotes”; work goes on once accepted.',
  },
  'notify.quote_accepted.title': { 'zh-CN': '报价单 {number} 已被客户接受', 'en-US': 'Quote {number} accepted' },
  'notify.quote_accepted.body': {
    'zh-CN': '客户（{signer}）已接受报价单 {number}，可以继续维修。',
    'en-US': '{signer} accepted quote {number}; the work may go on.',
  },
  'notify.quote_rejected.title': { 'zh-CN': '报价单 {number} 被拒绝', 'en-US': 'Quote {number} rejected' },
  'notify.quote_rejected.body': { 'zh-CN': '客户拒绝了报价单 {number}：{reason}', 'en-US': 'The customer rejected quote {number}: {reason}' },
} satisfies Catalog;
