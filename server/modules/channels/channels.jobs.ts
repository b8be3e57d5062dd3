// Channels' minute job: fan every new notification out to the outbox (once, guarded by
// notification_fanout), then deliver what is due (claimed with SKIP LOCKED and a lease). One job,
// so a notice written before the run leaves in the same run.
import type { Db } from '../../db/client.ts';
import { job, minuteSweep } from '../../jobs/define.ts';
import { deliver, fanOut } from './channels.service.ts';

export async function deliverChannels(db: Db, opts: { timeZone: string; publicUrl?: string; now?: Date }) {
  const fannedOut = await fanOut(db, 500, { timeZone: opts.timeZone, publicUrl: opts.publicUrl });
  const delivered = await deliver(db, { now: opts.now ?? new Date() });
  return { fannedOut, delivered };
}

export const channelsJobs = {
  'channels.deliver': job({ ...minuteSweep, run: ({ database, timeZone, publicUrl }) => deliverChannels(database.db, { timeZone, publicUrl }) }),
};
