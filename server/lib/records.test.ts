// The big lists' totals (issue 6): exact up to COUNT_CAP, "COUNT_CAP or more" past it, and a
// search resolved once to the ids it matches — on the real database.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices } from '../modules/devices/devices.tables.ts';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { COUNT_CAP, cappedTotal, searchCondition } from './records.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('capped totals', () => {
  const rows = (n: number) => sql`select g from generate_series(1, ${sql.raw(String(n))}) g`;

  it('counts exactly up to the cap and says "the cap or more" past it', async () => {
    const db = env.database.db;
    expect(await cappedTotal(db, rows(0))).toEqual({ total: 0, totalExact: true });
    expect(await cappedTotal(db, rows(COUNT_CAP))).toEqual({ total: COUNT_CAP, totalExact: true });
    expect(await cappedTotal(db, rows(COUNT_CAP + 1))).toEqual({ total: COUNT_CAP, totalExact: false });
    expect(await cappedTotal(db, rows(3 * COUNT_CAP))).toEqual({ total: COUNT_CAP, totalExact: false });
  });

  it('a search becomes the ids it matches, or matches nothing', async () => {
    const db = env.database.db;
    const serial = (await db.select({ id: devices.id, serial: devices.serialNumber }).from(devices).limit(1))[0];
    const found = await searchCondition(db, devices.id, sql`select d.id from devices d where d.serial_number ilike ${serial.serial}`);
    expect((await db.select({ id: devices.id }).from(devices).where(found)).map((r) => r.id)).toEqual([serial.id]);
    const none = await searchCondition(db, devices.id, sql`select d.id from devices d where d.serial_number ilike ${'no such serial'}`);
    expect(await db.select({ id: devices.id }).from(devices).where(none)).toEqual([]);
  });
});
