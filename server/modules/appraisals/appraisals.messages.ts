// Server messages: monthly appraisal (月度考核, R-AP-1), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const appraisalsMessages = {
  appraisal_acknowledged: {
    'zh-CN': '员工已签字确认本月考核，不能再修改。',
    'en-US': 'The employee has acknowledged this appraisal; it can no longer change.',
  },
  appraisal_not_assessed: {
    'zh-CN': '主管尚未评定，员工暂不能确认。',
    'en-US': 'The supervisor has not assessed it yet, so it cannot be acknowledged.',
  },
  appraisal_own_only: {
    'zh-CN': '只能确认本人的月度考核。',
    'en-US': 'You may acknowledge only your own appraisal.',
  },
  appraisal_team_lead_invalid: {
    'zh-CN': '组长必须是在职的售后服务人员（用于承担无直接责任人的投诉乐捐）。',
    'en-US': 'The team lead must be an active service staff member (bears the penalty of complaints with no one responsible).',
  },
} satisfies Catalog;
