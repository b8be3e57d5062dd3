// Per-record abilities (issue 11 item 3): the work order and the request each say what the
// caller may do on that one record — the policy for their roles, the record's state and their
// part in it (lead, helper, office, its hospital) — so the web shows buttons by these alone.
// Also what the report still lacks for review (R-WO-5) and the urgency preview (R-REQ-3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let engineer2: Client;
let renhe: Client;
let ruikang: Client;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, engineer2, renhe, ruikang] = await Promise.all(['dispatcher', 'engineer', 'engineer2', 'renhe', 'ruikang'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

async function newCase(serial: string) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '染色偏淡',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.data as { id: string; workOrderId: string };
}
const wo = async (id: string, as: Client) => {
  const r = await as.get(`/api/v1/work-orders/${id}`);
  return r.statusCode === 200 ? r.data : null;
};
const abilities = async (id: string, as: Client) => (await wo(id, as))?.abilities;
async function step(as: Client, id: string, to: string) {
  const r = await as.post(`/api/v1/work-orders/${id}/transition`, { version: (await wo(id, as)).version, to });
  if (r.statusCode !== 200) throw new Error(r.body);
}

describe('work-order abilities follow role, state and part in the job', () => {
  let c: { id: string; workOrderId: string };
  let other: { id: string; workOrderId: string };
  beforeAll(async () => {
    c = await newCase('ST5020-25-0412'); // 仁和 (renhe)
    other = await newCase('ST5020-23-0220'); // 瑞康 (ruikang)
  });

  it('a new order: the office dispatches, edits and cancels; an engineer not on it does nothing', async () => {
    expect(await abilities(c.workOrderId, dispatcher)).toMatchObject({
      dispatch: true,
      reschedule: true,
      update: true,
      cancel: true,
      transition: false,
      sign: false,
      review: false,
    });
    const e = await abilities(c.workOrderId, engineer);
    expect(Object.values(e).every((v) => v === false)).toBe(true);
  });

  it('resolved: the lead and its own hospital may sign; an engineer not on the job and another hospital may not', async () => {
    const w = await wo(c.workOrderId, dispatcher);
    const d = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, { version: w.version, leadEngineerId: await userId(env, 'engineer') });
    expect(d.statusCode).toBe(200);
    expect(d.data.abilities).toMatchObject({ dispatch: true, cancel: true, sign: false });
    expect(await abilities(c.workOrderId, engineer)).toMatchObject({ transition: true, update: true, addParts: true, dispatch: false, sign: false });
    for (const to of ['accepted', 'on_site', 'resolved']) await step(engineer, c.workOrderId, to);

    expect(await abilities(c.workOrderId, engineer)).toMatchObject({ sign: true, update: true, transition: true, review: false });
    expect(await abilities(c.workOrderId, engineer2)).toMatchObject({ sign: false, update: false, addParts: false, transition: false });
    expect(await abilities(c.workOrderId, renhe)).toMatchObject({ sign: true, update: false, transition: false, dispatch: false, reschedule: false });
    expect(await wo(c.workOrderId, ruikang)).toBeNull(); // another hospital's order is not even there (404)
    // Its own order, not resolved: nothing to sign.
    expect(await abilities(other.workOrderId, ruikang)).toMatchObject({ sign: false, update: false });
  });

  it('reviewMissing lists what the approval would refuse, and empties as the record is filled', async () => {
    expect((await wo(c.workOrderId, dispatcher)).reviewMissing).toEqual(['phenomenon', 'cause', 'actions', 'testResults', 'labourMinutes']); // a paid job bills its labour
    const w = await wo(c.workOrderId, engineer);
    const r = await engineer.patch(`/api/v1/work-orders/${c.workOrderId}`, {
      version: w.version,
      phenomenon: '染色偏淡',
      cause: '泵管老化',
      actions: '更换泵管',
      testResults: '试染正常',
      labourMinutes: 60,
    });
    expect(r.statusCode).toBe(200);
    expect(r.data.reviewMissing).toEqual([]);
  });

  it('signed: only customer service reviews; nobody edits; closed: nobody edits or steps, the office corrects', async () => {
    const w = await wo(c.workOrderId, renhe);
    const s = await renhe.post(`/api/v1/work-orders/${c.workOrderId}/sign`, { version: w.version, signerName: '王红', signaturePng: PNG_DATA_URL });
    expect(s.statusCode).toBe(200);
    expect(s.data.abilities).toMatchObject({ sign: false, update: false });
    expect(await abilities(c.workOrderId, dispatcher)).toMatchObject({ review: true, update: false, addParts: false, sign: false });
    expect(await abilities(c.workOrderId, engineer)).toMatchObject({ review: false, update: false, sign: false });

    const v = await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/review`, {
      version: (await wo(c.workOrderId, dispatcher)).version,
      verdict: 'approved',
      password: DEMO_PASSWORD,
    });
    expect(v.statusCode).toBe(200);
    expect(v.data.status).toBe('closed');
    expect(v.data.abilities).toMatchObject({ update: false, addParts: false, transition: false, cancel: false, review: false, correct: true });
    expect(await abilities(c.workOrderId, engineer)).toMatchObject({ update: false, transition: false, correct: false });
  });
});

describe('request abilities follow role and the clocks', () => {
  it('the office answers and pauses a live request (then may resume it); a hospital user does none of it', async () => {
    const c = await newCase('TP8000-24-0107');
    const r = (await dispatcher.get(`/api/v1/requests/${c.id}`)).data;
    expect(r.abilities).toEqual({ respond: true, pause: true, resume: false, lend: true });
    expect((await renhe.get(`/api/v1/requests/${c.id}`)).data.abilities).toEqual({ respond: false, pause: false, resume: false, lend: false });
    const p = await dispatcher.post(`/api/v1/requests/${c.id}/pause`, { version: r.version, reason: '等待科室腾出机器' });
    expect(p.statusCode).toBe(200);
    expect(p.data.abilities).toMatchObject({ pause: false, resume: true });
    const a = await dispatcher.post(`/api/v1/requests/${c.id}/respond`, { version: p.data.version });
    expect(a.statusCode).toBe(200);
    expect(a.data.abilities.respond).toBe(false);
    // Answered once: nobody answers again; an engineer never pauses or resumes (but may lend a loaner).
    expect((await engineer.get(`/api/v1/requests/${c.id}`)).data.abilities).toEqual({ respond: false, pause: false, resume: false, lend: true });
  });
});

describe('urgency proposal preview (R-REQ-3)', () => {
  it('is the rule registration applies, for the caller’s units only', async () => {
    const ventilator = await deviceId(env, 'SV600-25-2201'); // life support, 仁和
    const q = (down: boolean) => `/api/v1/requests/proposed-urgency?deviceId=${ventilator}&deviceDown=${down}`;
    expect((await dispatcher.get(q(true))).data).toEqual({ urgency: 'emergency' });
    expect((await dispatcher.get(q(false))).data).toEqual({ urgency: 'normal' });
    expect((await renhe.get(q(true))).data).toEqual({ urgency: 'emergency' });
    expect((await ruikang.get(q(true))).statusCode).toBe(404);
    expect((await engineer2.get(`/api/v1/requests/proposed-urgency?deviceId=${await deviceId(env, 'TP8000-24-0107')}&deviceDown=true`)).data).toEqual({
      urgency: 'urgent',
    });
  });
});
