// Stories of the work order as each person opens it (issue 10 items 10 and 15b, R-WO-1): the
// first action the server returns is the one the process expects for this person in this state
// (the signature after 维修完成, "approve and archive" for the reviewer), and the engineer on a
// phone gets the site address and the phone numbers to call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let renhe: Client;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, renhe] = await Promise.all(['dispatcher', 'engineer', 'renhe'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

type Action = { to: string; via: string; emphasis: string };
const get = async (as: Client, id: string) => (await as.get(`/api/v1/work-orders/${id}`)).data;
const first = async (as: Client, id: string) => ((await get(as, id)).nextActions as Action[])[0];
const step = async (as: Client, id: string, to: string) => {
  const r = await as.post(`/api/v1/work-orders/${id}/transition`, { version: (await get(as, id)).version, to });
  if (r.statusCode !== 200) throw new Error(r.body);
  return r.data;
};

describe('the obvious next step for each person (issue 10 item 10, R-WO-1)', () => {
  it('walks a job: each state puts the expected step first, backward steps after it', async () => {
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'ST5020-25-0412'),
      faultDescription: '染色不均',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    const id = r.data.workOrderId as string;
    expect(await first(dispatcher, id)).toMatchObject({ to: 'dispatched', via: 'dispatch', emphasis: 'primary' });
    const w = await get(dispatcher, id);
    await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: w.version, leadEngineerId: await userId(env, 'engineer') });
    expect(await first(engineer, id)).toMatchObject({ to: 'accepted', emphasis: 'primary' });
    await step(engineer, id, 'accepted');
    expect(await first(engineer, id)).toMatchObject({ to: 'on_the_way', emphasis: 'primary' });
    await step(engineer, id, 'on_site');
    expect(await first(engineer, id)).toMatchObject({ to: 'resolved', emphasis: 'primary' });
    const v = (await get(engineer, id)).version;
    await engineer.patch(`/api/v1/work-orders/${id}`, { version: v, phenomenon: '染色不均', cause: '泵管老化', actions: '更换泵管', testResults: '试染正常' });
    const resolved = await step(engineer, id, 'resolved');
    // After 维修完成: the signature first; "not fixed after all" is a step back, after it.
    expect(resolved.nextActions).toEqual([
      expect.objectContaining({ to: 'signed_off', via: 'sign', emphasis: 'primary' }),
      expect.objectContaining({ to: 'on_site', emphasis: 'back', reason: true }),
    ]);
    // The hospital user sees the signature as theirs to give; the dispatcher has nothing to press yet.
    expect(await first(renhe, id)).toMatchObject({ to: 'signed_off', via: 'sign' });
    expect((await get(dispatcher, id)).nextActions).toEqual([]);
    const signed = await renhe.post(`/api/v1/work-orders/${id}/sign`, { version: resolved.version, signerName: '王红', signaturePng: PNG_DATA_URL });
    expect(signed.statusCode, signed.body).toBe(200);
    // The reviewer: approve and archive first; sending back is after it and never primary.
    expect((await get(dispatcher, id)).nextActions).toEqual([
      expect.objectContaining({ to: 'reviewed', via: 'review', emphasis: 'primary' }),
      expect.objectContaining({ to: 'resolved', via: 'review', emphasis: 'back' }),
    ]);
    expect((await get(engineer, id)).nextActions).toEqual([]);
  });
});

describe('the engineer’s phone: where to go and whom to call (issue 10 item 15)', () => {
  it('the work order carries the site, its address, the device location and the hospital’s phone', async () => {
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'ST5020-21-0031'),
      faultDescription: '无法开机',
      deviceDown: true,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    const w = await get(engineer, r.data.workOrderId);
    expect(w).toMatchObject({
      siteName: '本部',
      siteAddress: '北京市东城区仁和路1号',
      customerPhone: '010-65295000',
      reporterPhone: '13801010001',
    });
    expect(w).toHaveProperty('deviceLocation');
    // The hospital user reading its own work order sees the same.
    expect((await get(renhe, r.data.workOrderId)).siteAddress).toBe('北京市东城区仁和路1号');
  });
});
