// The visit-plan demo (issue 13 §4): on a fresh demo install the quarter screen shows a key account,
// visits done, missed and due, and the managers have the missed notices — once, even if seeded twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { count } from '../test/service.ts';
import { seedVisitPlansDemo } from './visitplans.ts';

const TZ = 'Asia/Shanghai';
// A Wednesday in the second month of Q4: last quarter (Q3) is over.
const NOW = new Date('2026-11-18T02:00:00Z');
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
  await seedVisitPlansDemo(env.database.db, TZ, NOW);
});
afterAll(() => env?.close());

describe('visit-plan demo data (issue 13 §4)', () => {
  it('GZ-ZS is a key account and every customer with devices has last and this quarter planned', async () => {
    expect(await count(env, `select count(*)::int as n from key_accounts k join customers c on c.id = k.customer_id where c.code = 'GZ-ZS'`)).toBe(1);
    expect(await count(env, `select count(*)::int as n from visit_plans where year = 2026 and quarter = 3`)).toBeGreaterThanOrEqual(3);
    expect(await count(env, `select count(*)::int as n from visit_plans where year = 2026 and quarter = 4`)).toBeGreaterThanOrEqual(3);
  });

  it('the key account shows last quarter done and missed, this quarter open; the missed ones were told to the managers once', async () => {
    const manager = await env.as('manager');
    const q3 = await manager.get('/api/v1/visit-plans?year=2026&quarter=3&keyAccount=true');
    const [p3] = q3.data.items;
    expect(p3.customerName).toBeTruthy();
    expect(p3.total.done).toBeGreaterThanOrEqual(2);
    expect(p3.total.missed).toBeGreaterThanOrEqual(1);
    const q4 = await manager.get('/api/v1/visit-plans?year=2026&quarter=4&keyAccount=true');
    // The screen reads the states at the real today: this quarter's lines are planned, due or missed, never done.
    expect(q4.data.items[0].total).toMatchObject({ done: 0 });
    expect(q4.data.items[0].total.planned).toBeGreaterThanOrEqual(3);
    const told = await count(env, `select count(*)::int as n from notifications where kind like 'visit_missed_%'`);
    expect(told).toBeGreaterThan(0);
    await seedVisitPlansDemo(env.database.db, TZ, NOW);
    expect(await count(env, `select count(*)::int as n from notifications where kind like 'visit_missed_%'`)).toBe(told);
  });
});
