// Reading the audit trail is for admins and quality (regulatory inspections, R-AU-1).
import { definePolicy } from '../../lib/access.ts';

export const auditPolicy = definePolicy({
  read: ['admin', 'quality'],
  verify: ['admin', 'quality'],
});
