// Organisation (issue 15 §1, R-ORG-1). Staff read units; the admin and the service managers keep
// the tree and the copy rule. Branch daily reports (seed 002 §12): service managers and
// dispatchers prepare them, only the unit's own manager signs (checked per record, 403 otherwise),
// head office (service managers who do not manage that unit, executives) acknowledges receipt.
import { definePolicy, STAFF } from '../../lib/access.ts';

export const unitsPolicy = definePolicy({
  read: STAFF,
  create: ['admin', 'service_manager'],
  update: ['admin', 'service_manager'],
  delete: ['admin', 'service_manager'],
  settings: ['admin', 'service_manager'],
  readBranchReports: ['admin', 'service_manager', 'dispatcher', 'executive'],
  prepareBranchReport: ['admin', 'service_manager', 'dispatcher'],
  signBranchReport: ['service_manager'],
  receiveBranchReport: ['service_manager', 'executive'],
});
