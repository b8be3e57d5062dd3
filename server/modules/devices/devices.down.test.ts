// Stories of a unit reported down (issue 10 item 3, R-REQ-1, R-REG-1): registration with
// deviceDown sets it down; resolving its repair (the restore clock's stop) puts it back in
// service, audited, unless it is on safety hold or another open request still has it down; the
// device page shows the down period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let engineerId: string;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer] = await Promise.all(['dispatcher', 'engineer'].map((u) => env.as(u)));
  engineerId = await userId(env, 'engineer');
});
afterAll(() => env?.close());

const status = async (id: string) => (await env.database.query<{ status: string }>(`select status from devices where id = '${id}'`)).rows[0].status;
const wo = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data;
async function report(device: string, deviceDown = true) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: device,
    faultDescription: '仪器无法开机',
    deviceDown,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.data as { id: string; workOrderId: string; number: string };
}
async function step(id: string, to: string, reason?: string) {
  const r = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: (await wo(id)).version, to, ...(reason ? { reason } : {}) });
  if (r.statusCode !== 200) throw new Error(`${to}: ${r.body}`);
}
/** Dispatch → on site → repair recorded → resolved, as the engineer does it. */
async function repair(id: string) {
  const d = await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: (await wo(id)).version, leadEngineerId: engineerId });
  if (d.statusCode !== 200) throw new Error(d.body);
  for (const to of ['accepted', 'on_the_way', 'on_site']) await step(id, to);
  const c = await engineer.patch(`/api/v1/work-orders/${id}`, {
    version: (await wo(id)).version,
    phenomenon: '开机无显示',
    cause: '电源板故障',
    actions: '更换电源板',
    testResults: '运行正常',
    explanation: '已告知科室',
    labourMinutes: 60,
  });
  if (c.statusCode !== 200) throw new Error(c.body);
  await step(id, 'resolved');
}

describe('a repaired unit leaves "down" (issue 10 item 3)', () => {
  it('demo data: no unit is down without an open request reporting it down', async () => {
    const stray = await env.database.query<{ serial_number: string }>(
      `select d.serial_number from devices d where d.status = 'down' and not exists (
         select 1 from service_requests r where r.device_id = d.id and r.device_down and r.status in ('open', 'dispatched', 'in_progress'))`,
    );
    expect(stray.rows).toEqual([]);
  });

  it('down at registration, back in service when the repair is resolved; the audit and the device page show it', async () => {
    const id = await deviceId(env, 'ST5020-22-0145');
    expect(await status(id)).toBe('in_service');
    const r = await report(id);
    expect(await status(id)).toBe('down');
    await repair(r.workOrderId);
    expect(await status(id)).toBe('in_service');
    const admin = await env.as('admin');
    const trail = await admin.get(`/api/v1/audit?entity=device&entityId=${id}`);
    expect(trail.data.items[0]).toMatchObject({ action: 'update', actorName: expect.any(String), before: { status: 'down' }, after: { status: 'in_service' } });
    // The restore clock stopped at the same instant.
    const req = await dispatcher.get(`/api/v1/requests/${r.id}`);
    const restore = req.data.clocks.find((c: { kind: string }) => c.kind === 'restore');
    const resolvedAt = (await wo(r.workOrderId)).resolvedAt;
    expect(restore.stoppedAt).toBe(resolvedAt);
    // The device page shows the down period: from the report to the resolution.
    const page = await dispatcher.get(`/api/v1/devices/${id}`);
    const down = page.data.timeline.find((e: { kind: string; ref: string }) => e.kind === 'device.down' && e.ref === r.id);
    expect(down).toMatchObject({ title: r.number, at: req.data.receivedAt, until: resolvedAt });
  });

  it('not fixed after all (resolved → on site): down again; resolved again: in service', async () => {
    const id = await deviceId(env, 'TP8000-22-0046');
    const r = await report(id);
    await repair(r.workOrderId);
    expect(await status(id)).toBe('in_service');
    await step(r.workOrderId, 'on_site', '开机半小时后再次黑屏');
    expect(await status(id)).toBe('down');
    await step(r.workOrderId, 'resolved');
    expect(await status(id)).toBe('in_service');
  });

  it('another open request still reporting the unit down keeps it down until that one is resolved too', async () => {
    const id = await deviceId(env, 'SV600-22-0815');
    const first = await report(id);
    const second = await report(id);
    await repair(first.workOrderId);
    expect(await status(id)).toBe('down');
    const page = await dispatcher.get(`/api/v1/devices/${id}`);
    const open = page.data.timeline.find((e: { kind: string; ref: string }) => e.kind === 'device.down' && e.ref === second.id);
    expect(open.until).toBeNull();
    await repair(second.workOrderId);
    expect(await status(id)).toBe('in_service');
  });

  it('a cancelled report releases its unit; the device page shows the down period ending at the cancellation', async () => {
    const id = await deviceId(env, 'ST5020-24-0376');
    const r = await report(id);
    expect(await status(id)).toBe('down');
    const c = await dispatcher.post(`/api/v1/work-orders/${r.workOrderId}/transition`, {
      version: (await wo(r.workOrderId)).version,
      to: 'cancelled',
      reason: '重复报修',
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(await status(id)).toBe('in_service');
    const page = await dispatcher.get(`/api/v1/devices/${id}`);
    const down = page.data.timeline.find((e: { kind: string; ref: string }) => e.kind === 'device.down' && e.ref === r.id);
    expect(down.until).toBe((await wo(r.workOrderId)).cancelledAt);
  });

  it('a unit on safety hold (停用, R-REG-1) stays on hold; a request that did not report it down changes nothing', async () => {
    const held = await deviceId(env, 'MT2255-24-0901');
    const r = await report(held);
    await env.database.exec(`update devices set status = 'safety_hold' where id = '${held}'`);
    await repair(r.workOrderId);
    expect(await status(held)).toBe('safety_hold');
    const up = await deviceId(env, 'UCT760-22-0508');
    const q = await report(up, false);
    expect(await status(up)).toBe('in_service');
    await repair(q.workOrderId);
    expect(await status(up)).toBe('in_service');
  });
});
