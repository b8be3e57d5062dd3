// The demo company on a first start (SEED_DEMO=auto and an empty database). Under the start-up
// lock, and the emptiness check inside it, so two instances started together on one fresh
// PostgreSQL database seed it once: the second waits, then finds the data (issue 17 item 7;
// before, it died on customers_code_uq).
import type { Database } from '../db/client.ts';
import { withStartupLock } from '../db/lock.ts';
import type { BlobStore } from '../modules/attachments/index.ts';
import { hasData, seedDemo } from './demo.ts';
import { type DemoWeek, loadDemo } from './week.ts';

export interface FirstStart {
  seeded: Awaited<ReturnType<typeof seedDemo>>;
  week: DemoWeek;
}

/** Seeds the demo if the database is empty; null when another start (or an earlier one) did. */
export async function seedOnFirstStart(database: Database, timeZone: string, onStart: () => void = () => {}, store?: BlobStore): Promise<FirstStart | null> {
  return withStartupLock(database, async () => {
    if (await hasData(database.db)) return null;
    onStart();
    // A fresh demo install lands in the middle of a working week (server/seed/week.ts).
    const demo = await loadDemo(database.db, timeZone, () => seedDemo(database.db), new Date(), store);
    // Statistics for what the seed wrote, so the first lists are planned on real row counts (issue 10 item 6).
    await database.exec('analyze');
    return { seeded: demo.base, week: demo.week };
  });
}
