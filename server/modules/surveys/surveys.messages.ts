// Server messages: satisfaction surveys (issue 4), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const surveysMessages = {
  survey_link_invalid: { 'zh-CN': '调查链接无效或已过期。', 'en-US': 'The survey link is invalid or has expired.' },
  survey_already_answered: { 'zh-CN': '该满意度调查已提交，不能重复填写。', 'en-US': 'This survey has already been answered.' },
} satisfies Catalog;
