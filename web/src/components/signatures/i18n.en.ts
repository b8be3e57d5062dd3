// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  eSignatures: {
    title: 'Electronic signatures',
    signer: 'Signer',
    signedAt: 'Signed at',
    meaning: 'Meaning',
    hash: 'Signed content SHA-256',
    empty: 'No electronic signatures yet',
  },
};
