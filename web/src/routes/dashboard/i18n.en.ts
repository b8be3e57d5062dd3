// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  dashboard: {
    welcome: 'Hello, {{name}}',
    customers: 'Customers',
    devices: 'Installed devices',
    down: 'Devices down',
    contracts: 'Active contracts',
    expiring: 'Contracts ending within 90 days',
    outOfCover: 'Devices without warranty or contract',
    openRequests: 'Open requests',
    emergencies: 'Open emergencies',
    unassigned: 'Waiting for dispatch',
    myWork: 'My open work orders',
    toReview: 'Reports to review',
    myOpenRequests: 'Requests in progress',
  },
};
