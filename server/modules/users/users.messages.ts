// Server messages: users and login, zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const usersMessages = {
  invalid_credentials: { 'zh-CN': '用户名或密码错误。', 'en-US': 'Wrong username or password.' },
  password_too_weak: { 'zh-CN': '密码至少 10 位，且须包含字母和数字。', 'en-US': 'The password needs at least 10 characters with letters and digits.' },
  customer_user_needs_customer: {
    'zh-CN': '医院用户必须关联一个客户。',
    'en-US': 'A hospital (customer) user must belong to a customer.',
  },
  cannot_disable_self: { 'zh-CN': '不能停用或降级自己的管理员账号。', 'en-US': 'You cannot disable or demote your own admin account.' },
} satisfies Catalog;
