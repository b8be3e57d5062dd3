// Safety holds (停用, issue 14 §1, R-REG-1). Anyone in service puts a unit on hold at once; only
// quality signs the release on a reviewed verification work order; quality or the service manager
// retires a unit that cannot be made safe. Hospital users read their own units' holds.
import { ALL, definePolicy, STAFF } from '../../lib/access.ts';

export const holdsPolicy = definePolicy({
  read: ALL,
  place: STAFF,
  release: ['quality'],
  retire: ['admin', 'quality', 'service_manager'],
});
