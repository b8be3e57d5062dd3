// Issue 16 §1: steps recorded on the engineer's phone without a signal and replayed later — the
// phone's time becomes the event time within bounds (R-WO-1), the receive time is kept apart, a
// replay with the same Idempotency-Key never doubles, a reassignment made while the phone was
// offline refuses the queued step (nothing changed), and the offline pack carries his open orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, one, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let engineer2: Client;
beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, engineer2] = await Promise.all([env.as('dispatcher'), env.as('engineer'), env.as('engineer2')]);
}, 180_000);
afterAll(() => env?.close());

async function dispatchedOrder(serial: string): Promise<{ id: string; version: number; createdAt: string }> {
  const reg = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '影像偶发条纹，地下机房无信号',
    deviceDown: false,
    channel: 'phone',
    reporterName: '放射科 王老师',
    reporterPhone: '010-66668002',
  });
  expect(reg.statusCode, reg.body).toBe(201);
  const woId = reg.data.workOrderId as string;
  const wo = (await dispatcher.get(`/api/v1/work-orders/${woId}`)).data;
  const d = await dispatcher.post(`/api/v1/work-orders/${woId}/dispatch`, { version: wo.version, leadEngineerId: await userId(env, 'engineer') });
  expect(d.statusCode, d.body).toBe(200);
  return { id: woId, version: d.data.version, createdAt: d.data.createdAt };
}

const eventsTo = (woId: string, to: string) =>
  count(env, `select count(*)::int as n from work_order_events where work_order_id = '${woId}' and to_status = '${to}'`);

describe('issue 16 §1: offline steps replayed with the phone time', () => {
  let serial: string;
  beforeAll(async () => {
    serial = (await one<{ serial_number: string }>(env, `select serial_number from devices order by serial_number limit 1`)).serial_number;
  });

  it("the engineer's offline pack carries his open work orders with their full records", async () => {
    const wo = await dispatchedOrder(serial);
    const pack = await engineer.get('/api/v1/engineer/offline-pack');
    expect(pack.statusCode, pack.body).toBe(200);
    expect(pack.data.items.map((i: { id: string }) => i.id)).toContain(wo.id);
    const full = pack.data.workOrders.find((w: { id: string }) => w.id === wo.id);
    expect(full).toMatchObject({ id: wo.id, status: 'dispatched', version: wo.version });
    const other = await engineer2.get('/api/v1/engineer/offline-pack');
    expect(other.data.items.map((i: { id: string }) => i.id)).not.toContain(wo.id);
  });

  it('a step recorded offline earlier is stored at that time, received now, and a replay with the same key does not double it', async () => {
    const wo = await dispatchedOrder(serial);
    // Recorded on the phone right after the order reached it, sent much later.
    const phoneTime = new Date(new Date(wo.createdAt).getTime() + 1).toISOString();
    const headers = { 'idempotency-key': `step-${wo.id}-1`, 'x-client-time': phoneTime };
    const body = { version: wo.version, to: 'accepted' };
    const first = await engineer.post(`/api/v1/work-orders/${wo.id}/transition`, body, headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.data.status).toBe('accepted');
    // The connection dropped before the answer arrived: the phone sends the same step again.
    const again = await engineer.post(`/api/v1/work-orders/${wo.id}/transition`, body, headers);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.data.version).toBe(first.data.version);
    expect(await eventsTo(wo.id, 'accepted')).toBe(1);
    const ev = await one<{ at: Date; received_at: Date }>(
      env,
      `select at, received_at from work_order_events where work_order_id = '${wo.id}' and to_status = 'accepted'`,
    );
    expect(new Date(ev.at).toISOString()).toBe(phoneTime);
    expect(new Date(ev.received_at).getTime()).toBeGreaterThan(new Date(phoneTime).getTime());
    const accepted = await one<{ accepted_at: Date }>(env, `select accepted_at from work_orders where id = '${wo.id}'`);
    expect(new Date(accepted.accepted_at).toISOString()).toBe(phoneTime);
  });

  it('a phone time in the future or before the work order existed is refused (422, translated), nothing changed', async () => {
    const wo = await dispatchedOrder(serial);
    for (const [at, code] of [
      [new Date(Date.now() + 10 * 60_000).toISOString(), 'client_time_in_future'],
      [new Date(new Date(wo.createdAt).getTime() - 60_000).toISOString(), 'client_time_before_work_order'],
    ]) {
      const r = await engineer.post(
        `/api/v1/work-orders/${wo.id}/transition`,
        { version: wo.version, to: 'accepted' },
        { 'x-client-time': at, 'accept-language': 'en-US' },
      );
      expect(r.statusCode, r.body).toBe(422);
      expect(r.data.code).toBe(code);
      expect(r.data.detail).toContain("phone's recorded time");
    }
    const bad = await engineer.post(`/api/v1/work-orders/${wo.id}/transition`, { version: wo.version, to: 'accepted' }, { 'x-client-time': 'yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.code).toBe('client_time_invalid');
    expect(await eventsTo(wo.id, 'accepted')).toBe(0);
    expect((await engineer.get(`/api/v1/work-orders/${wo.id}`)).data).toMatchObject({ status: 'dispatched', version: wo.version });
  });

  it('a step queued while the dispatcher reassigned the order is refused and changes nothing', async () => {
    const wo = await dispatchedOrder(serial);
    const re = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, {
      version: wo.version,
      leadEngineerId: await userId(env, 'engineer2'),
      reason: '原工程师在地下机房无信号，改派',
    });
    expect(re.statusCode, re.body).toBe(200);
    const queued = await engineer.post(
      `/api/v1/work-orders/${wo.id}/transition`,
      { version: wo.version, to: 'accepted' },
      { 'idempotency-key': `step-${wo.id}-x`, 'x-client-time': new Date(new Date(wo.createdAt).getTime() + 1).toISOString() },
    );
    expect([403, 409]).toContain(queued.statusCode);
    expect(await eventsTo(wo.id, 'accepted')).toBe(0);
  });
});
