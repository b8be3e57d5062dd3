// Property (issue 17 item 4, R-SLA-4): the instant from which a work order is at risk, kept on the
// work order by the clock triggers (migration 0075), answers the board's at-risk question exactly
// as the rule read from the clocks does — "a running clock warned, breached, or with
// coalesce(paused_at, now) ≥ warn_at or > due_at" — for any state the clocks are moved through
// (pauses, resumes, stops, re-planned deadlines, the sweep's marks, clocks added and removed) and
// any `now`, with no write needed when time merely passes a warning point.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let requestId: string;
let workOrderId: string;
const T0 = Date.parse('2026-12-01T02:00:00Z');
const MIN = 60_000;

beforeAll(async () => {
  env = await createTestEnv();
  const dispatcher = await env.as('dispatcher');
  const [device] = (await env.database.query<{ id: string }>(`select id from devices where serial_number = 'ST5020-25-0412'`)).rows;
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: device.id,
    faultDescription: '设备报错，无法开机',
    deviceDown: true,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  expect(r.statusCode, r.body).toBe(201);
  requestId = r.data.id;
  workOrderId = r.data.workOrderId;
});
afterAll(() => env?.close());

/**
 * A clock's state, in minutes from T0. Marks and pauses are recorded when they happen, so every
 * `now` asked is at or after them (a pause "in the future" would be at risk by the rule at once).
 */
const clock = fc.record({
  warn: fc.integer({ min: -300, max: 600 }),
  window: fc.integer({ min: 0, max: 600 }),
  paused: fc.option(fc.integer({ min: -300, max: 600 }), { nil: null }),
  stopped: fc.boolean(),
  warned: fc.boolean(),
  breached: fc.boolean(),
});
type Clock = typeof clock extends fc.Arbitrary<infer T> ? T : never;
const KINDS = ['respond', 'arrive', 'restore'] as const;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

/** One statement per step, as the services and the sweep write them: the statement-level triggers run once per step. */
async function apply(step: (Clock | null)[]) {
  await env.database.db.transaction(async (tx) => {
    for (const [i, c] of step.entries()) {
      const kind = KINDS[i];
      if (c === null) {
        await tx.execute(sql`delete from sla_clocks where request_id = ${requestId}::uuid and kind = ${kind}`);
        continue;
      }
      const values = sql`${at(c.warn + c.window)}::timestamptz, ${at(c.warn)}::timestamptz,
        ${c.paused === null ? null : at(c.paused)}::timestamptz, ${c.stopped ? at(-400) : null}::timestamptz,
        ${c.warned ? at(-500) : null}::timestamptz, ${c.breached ? at(-450) : null}::timestamptz`;
      await tx.execute(sql`insert into sla_clocks (request_id, kind, basis, target_minutes, started_at, due_at, warn_at, paused_at, stopped_at, warned_at, breached_at)
        values (${requestId}::uuid, ${kind}, 'working', 60, ${at(-600)}::timestamptz, ${values})
        on conflict (request_id, kind) do update set due_at = excluded.due_at, warn_at = excluded.warn_at, paused_at = excluded.paused_at,
          stopped_at = excluded.stopped_at, warned_at = excluded.warned_at, breached_at = excluded.breached_at`);
    }
  });
}

/** The board's rule read from the clocks (the at-risk lane before migration 0075). */
async function ruleSays(now: string) {
  const r = await env.database.query<{ risky: boolean }>(
    `select exists (select 1 from sla_clocks c where c.request_id = $1 and c.stopped_at is null
      and (c.breached_at is not null or c.warned_at is not null
        or coalesce(c.paused_at, $2::timestamptz) >= c.warn_at or coalesce(c.paused_at, $2::timestamptz) > c.due_at)) as risky`,
    [requestId, now],
  );
  return r.rows[0].risky;
}

async function keptSays(now: string) {
  const r = await env.database.query<{ risky: boolean }>(`select coalesce(at_risk_from <= $2::timestamptz, false) as risky from work_orders where id = $1`, [
    workOrderId,
    now,
  ]);
  return r.rows[0].risky;
}

describe('the at-risk instant kept on the work order (issue 17 item 4)', () => {
  it('agrees with the rule read from the clocks for every clock state and every moment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.option(clock, { nil: null, freq: 6 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: -60, max: 1300 }), { minLength: 4, maxLength: 8 }),
        async (steps, nows) => {
          for (const step of steps) await apply(step);
          // The edges too: exactly at each warning point and deadline, and a microsecond either side.
          const last = (steps.at(-1) ?? []).filter((c) => c !== null);
          const edges = last.flatMap((c) => [c.warn, c.warn + c.window, ...(c.paused === null ? [] : [c.paused])]);
          const paused = Math.max(-Infinity, ...last.map((c) => c.paused ?? -Infinity));
          const instants = [...nows, ...edges].filter((m) => m >= paused).flatMap((m) => [at(m), new Date(T0 + m * MIN + 1).toISOString()]);
          for (const now of instants) expect(await keptSays(now), `at ${now}`).toBe(await ruleSays(now));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a running clock becomes at risk by the passing of time alone, and stops being so when it is stopped', async () => {
    await apply([{ warn: 100, window: 60, paused: null, stopped: false, warned: false, breached: false }, null, null]);
    const before = (await env.database.query<{ at_risk_from: Date }>(`select at_risk_from from work_orders where id = $1`, [workOrderId])).rows[0];
    expect(new Date(before.at_risk_from).toISOString()).toBe(at(100));
    expect(await keptSays(at(99))).toBe(false);
    expect(await keptSays(at(100))).toBe(true); // no write between the two questions
    // Paused before its warning point: not at risk, however late it gets, until it runs again.
    await apply([{ warn: 100, window: 60, paused: 50, stopped: false, warned: false, breached: false }, null, null]);
    expect(await keptSays(at(10_000))).toBe(false);
    await apply([{ warn: 100, window: 60, paused: null, stopped: true, warned: true, breached: true }, null, null]);
    expect((await env.database.query(`select at_risk_from from work_orders where id = $1`, [workOrderId])).rows[0]).toEqual({ at_risk_from: null });
  });
});
