// Who keeps the notification channels: SMTP settings, group robots and the outbox view are the
// admin's. Each user's own preferences need only a session.
import { definePolicy } from '../../lib/access.ts';

export const channelsPolicy = definePolicy({ admin: ['admin'] });
