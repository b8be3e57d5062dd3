// The whole service loop over HTTP in one story (issue 3): an emergency call for a ventilator →
// manager and experts notified → dispatch → respond → on the way → arrive → resolve → the
// customer signs → review → archived, with a PDF report — asserting the timestamps and the SLA
// results (R-REQ-3, R-SLA-2, R-DSP-1, R-WO-1, R-WO-4, R-WO-5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, notified, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer] = await Promise.all([env.as('dispatcher'), env.as('engineer')]);
});
afterAll(() => env?.close());

describe('an emergency from call to archive', () => {
  it('a ventilator down is an emergency, met on calendar time, signed, reviewed and archived with its PDF', async () => {
    const receivedAt = new Date(Date.now() - 5 * 60_000);
    const reg = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'SV600-25-2201'),
      faultDescription: '呼吸机报警“氧浓度传感器故障”，无法通气',
      deviceDown: true,
      channel: 'phone',
      reporterName: '重症医学科 李护士长',
      reporterPhone: '010-66668001',
      receivedAt: receivedAt.toISOString(),
    });
    expect(reg.statusCode).toBe(201);
    const req = reg.data;
    // R-REQ-3: a life-support device down is an emergency, proposed and kept.
    expect(req).toMatchObject({ urgency: 'emergency', proposedUrgency: 'emergency' });
    expect(await notified(env, 'emergency_request', req.id)).toEqual(expect.arrayContaining(['expert', 'manager']));
    // R-SLA-2: emergency targets run on calendar time: respond 15 min, arrive 2 h.
    const clocks = Object.fromEntries(req.clocks.map((c: { kind: string }) => [c.kind, c]));
    expect(clocks.respond).toMatchObject({ basis: 'calendar', targetMinutes: 15 });
    expect(clocks.arrive).toMatchObject({ basis: 'calendar', targetMinutes: 120 });
    expect(new Date(clocks.arrive.dueAt).getTime() - receivedAt.getTime()).toBe(120 * 60_000);

    const woId = req.workOrderId as string;
    const get = async () => (await dispatcher.get(`/api/v1/work-orders/${woId}`)).data;
    const step = async (to: string) => {
      const r = await engineer.post(`/api/v1/work-orders/${woId}/transition`, { version: (await get()).version, to });
      expect(r.statusCode, r.body).toBe(200);
      return r.data;
    };

    const dispatched = await dispatcher.post(`/api/v1/work-orders/${woId}/dispatch`, {
      version: (await get()).version,
      leadEngineerId: await userId(env, 'engineer'),
    });
    expect(dispatched.statusCode).toBe(200);
    const responded = await engineer.post(`/api/v1/requests/${req.id}/respond`, { version: (await dispatcher.get(`/api/v1/requests/${req.id}`)).data.version });
    expect(responded.statusCode, responded.body).toBe(200);
    await step('accepted');
    await step('on_the_way');
    const onSite = await step('on_site');
    const content = await engineer.patch(`/api/v1/work-orders/${woId}`, {
      version: onSite.version,
      phenomenon: '氧浓度传感器读数为零',
      cause: '氧电池耗尽',
      actions: '更换氧电池并校准',
      testResults: '21% 与 100% 两点校准通过，通气 30 分钟无报警',
      labourMinutes: 45,
    });
    expect(content.statusCode).toBe(200);
    const resolved = await step('resolved');

    const signed = await engineer.post(`/api/v1/work-orders/${woId}/sign`, {
      version: resolved.version,
      signerName: '李护士长',
      meaning: '确认服务已完成，结果满意',
      signaturePng: PNG_DATA_URL,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.data.status).toBe('signed_off');
    const reviewed = await dispatcher.post(`/api/v1/work-orders/${woId}/review`, {
      version: signed.data.version,
      verdict: 'approved',
      password: DEMO_PASSWORD,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const done = await get();
    expect(done.status).toBe('closed');

    // Timestamps in order, each step attributed.
    const times = [receivedAt.toISOString(), done.dispatchedAt, done.arrivedAt, done.resolvedAt].map((t) => new Date(t).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(done.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(
      expect.arrayContaining(['dispatched', 'accepted', 'on_the_way', 'on_site', 'resolved', 'signed_off', 'reviewed', 'closed']),
    );

    // SLA results: responded and arrived within the emergency targets; restore stopped.
    const after = (await dispatcher.get(`/api/v1/requests/${req.id}`)).data;
    const byKind = Object.fromEntries(after.clocks.map((c: { kind: string }) => [c.kind, c]));
    expect(byKind.respond.outcome).toBe('met');
    expect(byKind.arrive).toMatchObject({ outcome: 'met', stoppedAt: done.arrivedAt });
    expect(byKind.restore.outcome).toBe('met');
    expect(after.status).toBe('closed');

    // The archived report: a PDF with the signature and the review.
    const pdf = await dispatcher.raw({ method: 'GET', url: `/api/v1/work-orders/${woId}/report.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // And the audit chain still verifies after all of it.
    const admin = await env.as('admin');
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});
