// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  holds: {
    menu: { list: 'Safety holds' },
    openTile: 'Units on hold (do not use)',
    banner: 'ON HOLD: DO NOT USE',
    bannerPortal: 'This device is on safety hold: stop using it now; it may be used again only after it is verified safe.',
    since: 'On hold since',
    reason: 'Hazard',
    placedBy: 'Placed by',
    place: 'Put on safety hold',
    placeHint: 'Take a unit with a safety hazard out of use at once: every screen shows “do not use”, and the hospital and the service manager are told.',
    reasonPh: 'The hazard: what was found and why the unit must not be used',
    photosAfter: 'Photos can be added to the hold record once it is placed.',
    release: 'Verified safe: release',
    releaseHint: 'Pick a reviewed work order on this unit that records the test results; sign with your password again.',
    workOrder: 'Verification work order',
    password: 'Password (signature)',
    note: 'Note',
    retire: 'Cannot be made safe: retire',
    retireHint: 'The unit may not be used again: its status becomes retired and the hold closes.',
    retireReason: 'Reason for retiring',
    state: { open: 'On hold', released: 'Released', retired: 'Retired' },
    states: { open: 'Open', closed: 'Closed' },
    closedAt: 'Closed at',
    closedBy: 'Closed by',
    evidence: 'Evidence',
    signature: 'Signature',
    hash: 'Content hash',
    photos: 'Photos',
    noVerification: 'No work order on this unit has been resolved since the hold: arrange the repair/tests and have them reviewed first.',
    refusals: {
      hold_wo_other_device: 'Not this unit',
      hold_wo_before_hold: 'Resolved before the hold',
      hold_wo_no_tests: 'No test results',
      hold_wo_not_reviewed: 'Not reviewed yet',
    },
    device: 'Device',
    customer: 'Customer',
  },
};
