// The after-service sweep reads work queues filled by triggers (migration 0024) instead of
// scanning every work order and device each minute. These stories check that it still does
// exactly what the scan did: a closed work order gets one plan and one survey on the next
// sweep, never a second one (not after a repeat sweep, nor a correction, nor a close racing a
// sweep), and an accepted device gets its warranty plan now and its post-warranty plan the day
// after its warranty ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careSweep } from '../../jobs/sweeps.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId } from '../../test/service.ts';
import { closedRepair } from './followups.fixtures.ts';
import { planStandingCadences } from './followups.service.ts';

const TZ = 'Asia/Shanghai';
let env: TestEnv;
let dispatcher: Client;

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
});
afterAll(() => env?.close());

const sweep = () => careSweep(env.database.db, TZ);
const careOf = async (workOrderId: string) => ({
  plans: await count(env, `select count(*)::int as n from followup_plans where work_order_id = '${workOrderId}'`),
  surveys: await count(env, `select count(*)::int as n from surveys where work_order_id = '${workOrderId}'`),
  queued: await count(env, `select count(*)::int as n from care_pending where work_order_id = '${workOrderId}'`),
});
const audits = () => count(env, `select count(*)::int as n from audit_log where entity in ('followup_plan', 'survey')`);

describe('a closed work order on the next sweeps', () => {
  let workOrderId: string;

  it('is queued when it closes, and the next sweep gives it one plan and one survey and clears the queue', async () => {
    await sweep(); // whatever the demo data left
    ({ workOrderId } = await closedRepair(env, dispatcher, 'ST5020-25-0412', new Date('2026-11-20T02:00:00Z')));
    expect(await careOf(workOrderId)).toEqual({ plans: 0, surveys: 0, queued: 1 });
    const r = await sweep();
    expect(r).toMatchObject({ planned: 1, surveyed: 1 });
    expect(await careOf(workOrderId)).toEqual({ plans: 1, surveys: 1, queued: 0 });
  });

  it('a second sweep does nothing', async () => {
    const before = await audits();
    expect(await sweep()).toMatchObject({ planned: 0, standing: 0, surveyed: 0 });
    expect(await careOf(workOrderId)).toEqual({ plans: 1, surveys: 1, queued: 0 });
    expect(await audits()).toBe(before);
  });

  it('reviewed again after a correction (R-WO-5) it is not queued and gets nothing more', async () => {
    await env.database.exec(`update work_orders set status = 'signed_off' where id = '${workOrderId}'`);
    await env.database.exec(`update work_orders set status = 'reviewed' where id = '${workOrderId}'`);
    expect(await careOf(workOrderId)).toEqual({ plans: 1, surveys: 1, queued: 0 });
    expect(await sweep()).toMatchObject({ planned: 0, surveyed: 0 });
    expect(await careOf(workOrderId)).toEqual({ plans: 1, surveys: 1, queued: 0 });
  });

  it('sent back before the sweep came, it waits in the queue and is served once reviewed again', async () => {
    const { workOrderId: id } = await closedRepair(env, dispatcher, 'ST5020-23-0220', new Date('2026-11-21T02:00:00Z'));
    await env.database.exec(`update work_orders set status = 'signed_off' where id = '${id}'`);
    expect(await sweep()).toMatchObject({ planned: 0, surveyed: 0 });
    expect(await careOf(id)).toEqual({ plans: 0, surveys: 0, queued: 1 });
    await env.database.exec(`update work_orders set status = 'reviewed' where id = '${id}'`);
    expect(await sweep()).toMatchObject({ planned: 1, surveyed: 1 });
    expect(await careOf(id)).toEqual({ plans: 1, surveys: 1, queued: 0 });
  });
});

describe('work orders closed while sweeps run', () => {
  it('each still gets exactly one plan and one survey', async () => {
    const serials = ['ST5020-24-0376', 'TP8000-24-0107', 'UCT760-23-1009', 'SV600-25-2201'];
    const closed: string[] = [];
    // Two sweeps at once, and work orders closing in the middle of them.
    await Promise.all([
      sweep(),
      sweep(),
      (async () => {
        for (const [i, serial] of serials.entries())
          closed.push((await closedRepair(env, dispatcher, serial, new Date(Date.UTC(2026, 10, 22, 2 + i)))).workOrderId);
      })(),
      sweep(),
    ]);
    await Promise.all([sweep(), sweep()]);
    for (const id of closed) expect(await careOf(id)).toEqual({ plans: 1, surveys: 1, queued: 0 });
    expect(await count(env, `select count(*)::int as n from care_pending`)).toBe(0);
  });
});

describe('standing cadences from the device queue (R-FU-1)', () => {
  it('a device accepted today gets its warranty plan next, its post-warranty plan the day after the warranty ends, then nothing', async () => {
    const admin = await env.as('admin');
    const id = await deviceId(env, 'SV600-26-3107');
    const plansOf = async () =>
      (
        await env.database.query<{ service_type: string; active: boolean }>(
          `select service_type, active from followup_plans where device_id = '${id}' and service_type in ('warranty_period', 'post_warranty') order by created_at`,
        )
      ).rows;
    const now = new Date('2026-11-30T02:00:00Z');
    await planStandingCadences(env.database.db, TZ, now); // the demo devices
    expect(await plansOf()).toEqual([]);
    const version = await count(env, `select version as n from devices where id = '${id}'`);
    // SV-600 carries 18 months; this unit's contract says 12, an explicit override (issue 10 item 2).
    const r = await admin.patch(`/api/v1/devices/${id}`, {
      version,
      acceptanceDate: '2026-11-28',
      warrantyEnd: '2027-11-27',
      warrantyOverride: { reason: '合同约定保修12个月' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await planStandingCadences(env.database.db, TZ, now)).toBe(1);
    expect(await plansOf()).toEqual([{ service_type: 'warranty_period', active: true }]);
    expect(await planStandingCadences(env.database.db, TZ, now)).toBe(0);
    // The last day of the warranty (company-local): still nothing; the day after: post-warranty.
    await planStandingCadences(env.database.db, TZ, new Date('2027-11-27T15:00:00Z'));
    expect(await plansOf()).toEqual([{ service_type: 'warranty_period', active: true }]);
    const after = new Date('2027-11-28T01:00:00Z');
    expect(await planStandingCadences(env.database.db, TZ, after)).toBeGreaterThanOrEqual(1);
    expect(await plansOf()).toEqual([
      { service_type: 'warranty_period', active: false },
      { service_type: 'post_warranty', active: true },
    ]);
    expect(await count(env, `select count(*)::int as n from care_pending_devices where device_id = '${id}'`)).toBe(0);
    expect(await planStandingCadences(env.database.db, TZ, after)).toBe(0);
  });
});
