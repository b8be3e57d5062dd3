// Device labels and scan reports (扫码报修, issue 16 §2). Staff print labels (and hospital users
// their own devices'); the service manager, dispatcher and admin revoke a label (a new one is
// issued); dispatchers and the service manager work the call-back queue of anonymous reports.
// Scanning a label is public (rate-limited) and needs no ability.
import { ALL, definePolicy } from '../../lib/access.ts';

export const labelsPolicy = definePolicy({
  print: ALL,
  revoke: ['admin', 'service_manager', 'dispatcher'],
  readReports: ['admin', 'service_manager', 'dispatcher'],
  handleReports: ['admin', 'service_manager', 'dispatcher'],
});
