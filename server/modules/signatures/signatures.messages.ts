// Server messages: electronic signatures (issue 14 §6, R-AU-1), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const signaturesMessages = {
  signature_password_invalid: {
    'zh-CN': '签名确认失败：密码不正确。',
    'en-US': 'Signature not confirmed: the password is not correct.',
  },
} satisfies Catalog;
