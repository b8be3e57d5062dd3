import { ALL, definePolicy, STAFF } from '../../lib/access.ts';

/**
 * Issue 12 item 0: the gate of the attachment endpoints. Who may read or add to a given record is
 * then decided by that record's own policy and hospital scope (the owner registry,
 * attachments.owners.ts); withdrawing evidence is for the office, not for whoever uploaded it.
 */
export const attachmentsPolicy = definePolicy({
  read: ALL,
  upload: ALL,
  withdraw: ['admin', 'service_manager', 'dispatcher', 'quality'],
  /** Replacing a photo with a better one (the old row stays, superseded). */
  supersede: STAFF,
});
