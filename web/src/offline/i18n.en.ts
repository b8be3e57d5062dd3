// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  offline: {
    banner: 'Offline: no connection. Your steps are kept on this phone and synced when the connection is back.',
    syncing: 'Syncing…',
    unsynced: 'Not yet synced ({{n}})',
    unsyncedAll: '{{n}} steps not yet synced',
    synced: 'All synced',
    syncNow: 'Sync now',
    rejected: '{{n}} steps were refused by the server; please resolve them',
    stepsTitle: 'Steps on this phone not yet synced',
    recordedAt: 'Recorded on the phone',
    queued: 'Waiting',
    rejectedTag: 'Refused',
    retry: 'Retry',
    discard: 'Discard',
    discardConfirm: 'Discard this step? It will not be sent to the server.',
    kinds: { transition: 'Status step', content: 'Diagnosis and actions', part: 'Part', sign: 'Customer signature', photo: 'Photo' },
    notAvailable: 'This work order is not on the phone, so it cannot be worked offline. Open it once with a connection.',
    packAt: 'Offline data updated {{at}}',
    stepKept: 'Kept on the phone: {{status}} (synced when the connection is back)',
  },
};
