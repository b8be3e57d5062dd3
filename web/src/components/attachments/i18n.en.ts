// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  attachments: {
    title: 'Attachments (photos, scans, documents)',
    upload: 'Upload file',
    camera: 'Take photo',
    caption: 'Caption (optional)',
    empty: 'No attachments',
    history: 'Show withdrawn/replaced',
    takenAt: 'Taken',
    uploadedAt: 'Uploaded',
    uploadedBy: 'By',
    withdraw: 'Withdraw',
    withdrawTitle: 'Withdraw attachment',
    withdrawHint: 'Attachments are never deleted: a withdrawn one leaves the list but stays in the history and the audit trail.',
    reason: 'Reason for withdrawing',
    reasonRequired: 'Give the reason for withdrawing',
    replace: 'Replace',
    uploaded: 'Uploaded',
    withdrawn: 'Withdrawn',
    open: 'Open',
    limits: 'JPEG, PNG, WebP, HEIC images, PDF, Word/Excel files',
    statuses: { active: 'Active', superseded: 'Replaced', withdrawn: 'Withdrawn' },
  },
};
