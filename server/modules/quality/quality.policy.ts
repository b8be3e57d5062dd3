// Quality tracking (质量跟踪, issue 14 §5, R-REG-6): the service side reads the view; quality (and
// the admin) set a model's flags (newly launched, unstable, visit cadence). Hospital users: no access.
import { definePolicy, STAFF } from '../../lib/access.ts';

export const qualityPolicy = definePolicy({
  read: STAFF,
  flag: ['admin', 'quality'],
  /** The quality-tracking numbers (R-REG-6): quality and the executive (and the admin). */
  settings: ['admin', 'quality', 'executive'],
});
