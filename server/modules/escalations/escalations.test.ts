// Escalation-ladder stories (技术支持升级, issue 15 §2, R-ESC-1): an engineer escalates an emergency
// job to the L2 expert, who is notified, answers and records remote guidance by phone; the asker
// and the lead hear the answer; the ladder goes up only; a job unresolved past its urgency's hours
// is escalated to L2 and then to L3 and the executive ONCE even with two workers at the same
// minute, audited; progress notes reach customer service and the managers; a temporary measure is
// recorded as degraded while the restore clock keeps running; the list filters, exports, and bad
// input is a translated 400/422 that changes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, notified, one, userId } from '../../test/service.ts';
import { autoEscalate } from './index.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let expert: Client;
let manager: Client;
let quality: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const H = 3_600_000;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, expert, manager, quality, renhe] = await Promise.all(
    ['dispatcher', 'engineer', 'expert', 'manager', 'quality', 'renhe'].map((u) => env.as(u)),
  );
});
afterAll(() => env?.close());

/** An emergency (ventilator down) registered `hoursAgo` hours ago, dispatched to the engineer. */
async function emergencyJob(hoursAgo = 0) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, 'SV600-24-1733'),
    faultDescription: '呼吸机报警无法通气',
    deviceDown: true,
    reporterName: '王红',
    reporterPhone: '13801010001',
    urgency: 'emergency',
    urgencyReason: '生命支持设备停机',
    receivedAt: new Date(Date.now() - hoursAgo * H).toISOString(),
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const wo = (await dispatcher.get(`/api/v1/work-orders/${r.data.workOrderId}`)).data;
  const d = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: wo.version, leadEngineerId: await userId(env, 'engineer') });
  if (d.statusCode !== 200) throw new Error(d.body);
  return { requestId: r.data.id as string, workOrderId: wo.id as string, number: wo.number as string };
}

describe('an engineer escalates to the L2 expert, who answers (R-ESC-1)', () => {
  it('the expert is notified, answers with phone guidance, the asker hears the answer, the timeline shows it', async () => {
    const job = await emergencyJob();
    const e = await engineer.post(`/api/v1/work-orders/${job.workOrderId}/escalations`, { toTier: 'L2', question: '更换流量传感器后仍报警，下一步查什么？' });
    expect(e.statusCode).toBe(201);
    expect(e.data).toMatchObject({ fromTier: 'L1', toTier: 'L2', status: 'open', auto: false, askedByName: expect.stringContaining('张伟') });
    expect(e.data.abilities).toEqual({ answer: false, guidance: false, close: true });
    expect(await notified(env, 'escalation_assigned', job.workOrderId)).toEqual(['expert']);

    // Another engineer who is no expert cannot answer; the expert can.
    const notExpert = await engineer.post(`/api/v1/escalations/${e.data.id}/answer`, { version: e.data.version, answer: '我来答' }, EN);
    expect(notExpert.statusCode).toBe(403);
    const mine = await expert.get(`/api/v1/escalations/${e.data.id}`);
    expect(mine.data.abilities).toMatchObject({ answer: true, guidance: true });
    const a = await expert.post(`/api/v1/escalations/${e.data.id}/answer`, { version: e.data.version, answer: '检查呼气阀膜片是否破损，并做泄漏测试。' });
    expect(a.statusCode).toBe(200);
    expect(a.data).toMatchObject({ status: 'answered', answeredByName: expect.stringContaining('赵敏') });
    const g = await expert.post(`/api/v1/escalations/${e.data.id}/guidance`, {
      version: a.data.version,
      channel: 'phone',
      minutes: 25,
      note: '电话指导完成泄漏测试',
    });
    expect(g.data).toMatchObject({ guidanceChannel: 'phone', guidanceMinutes: 25 });
    expect(await notified(env, 'escalation_answered', job.workOrderId)).toEqual(['engineer']);

    const stale = await engineer.post(`/api/v1/escalations/${e.data.id}/close`, { version: e.data.version }, EN);
    expect(stale.statusCode).toBe(409);
    const closed = await engineer.post(`/api/v1/escalations/${e.data.id}/close`, { version: g.data.version, note: '已解决' });
    expect(closed.data.status).toBe('closed');
    const again = await expert.post(`/api/v1/escalations/${e.data.id}/answer`, { version: closed.data.version, answer: '补充' }, EN);
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('escalation_closed');

    const ladder = await dispatcher.get(`/api/v1/work-orders/${job.workOrderId}/escalations`);
    expect(ladder.data.escalations.map((x: { question: string; answer: string }) => [x.question, x.answer])).toEqual([
      ['更换流量传感器后仍报警，下一步查什么？', '检查呼气阀膜片是否破损，并做泄漏测试。'],
    ]);
    expect(await count(env, `select count(*)::int as n from audit_log where entity = 'escalation' and entity_id = '${e.data.id}'`)).toBe(4); // asked, answered, guided, closed
  });

  it('bad input: schema errors are 400, a step down the ladder is 422, nothing is stored', async () => {
    const job = await emergencyJob();
    const before = await count(env, 'select count(*)::int as n from escalations');
    for (const body of [{}, { toTier: 'L1', question: 'x' }, { toTier: 'L2', question: '' }, { toTier: 'L2', question: 'x', colour: 'red' }]) {
      const r = await engineer.post(`/api/v1/work-orders/${job.workOrderId}/escalations`, body, EN);
      expect(r.statusCode).toBe(400);
      expect(r.data.code).toBe('validation_failed');
    }
    // The L2 expert asks from L2: asking L2 again is not up the ladder.
    const down = await expert.post(`/api/v1/work-orders/${job.workOrderId}/escalations`, { toTier: 'L2', question: '再问一次' }, EN);
    // The expert has no tier row yet: he asks from L1 like anyone. Flag him L2 and it is refused.
    expect(down.statusCode).toBe(201);
    const flag = await manager.post('/api/v1/expert-tiers', { userId: await userId(env, 'expert'), tier: 'L2' });
    expect(flag.statusCode).toBe(200);
    const refused = await expert.post(`/api/v1/work-orders/${job.workOrderId}/escalations`, { toTier: 'L2', question: '再问一次' }, EN);
    expect(refused.statusCode).toBe(422);
    expect(refused.data).toMatchObject({ code: 'escalation_tier_order', detail: expect.stringContaining('up the ladder') });
    const badGuidance = await expert.post(`/api/v1/escalations/${down.data.id}/guidance`, { version: down.data.version, channel: 'fax', minutes: 5 }, EN);
    expect(badGuidance.statusCode).toBe(400);
    expect(await count(env, 'select count(*)::int as n from escalations')).toBe(before + 1);
    // Hospital users see nothing of it.
    expect((await renhe.get(`/api/v1/escalations/${down.data.id}`)).statusCode).toBe(403);
  });
});

describe('time-based auto-escalation per urgency fires each step once (R-ESC-1)', () => {
  it('emergency unresolved after 2 h → L2 expert; after 6 h → L3 and the executive; two workers at once fire once', async () => {
    await manager.post('/api/v1/expert-tiers', { userId: await userId(env, 'quality'), tier: 'L3' });
    const job = await emergencyJob(3);
    const now = new Date();
    const [a, b] = await Promise.all([autoEscalate(env.database.db, now), autoEscalate(env.database.db, now)]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const steps = async () =>
      (
        await env.database.query<{ auto_step: string }>(
          `select auto_step from escalations where work_order_id = '${job.workOrderId}' and auto_step is not null order by auto_step`,
        )
      ).rows.map((r) => r.auto_step);
    expect(await steps()).toEqual(['L2']);
    expect(await notified(env, 'escalation_auto', job.workOrderId)).toEqual(expect.arrayContaining(['engineer', 'expert', 'manager']));
    expect(await notified(env, 'escalation_auto', job.workOrderId)).not.toContain('executive');
    // Run again at the same time: nothing more.
    await autoEscalate(env.database.db, now);
    expect(await steps()).toEqual(['L2']);

    const later = new Date(now.getTime() + 4 * H);
    await Promise.all([autoEscalate(env.database.db, later), autoEscalate(env.database.db, later)]);
    expect(await steps()).toEqual(['L2', 'L3']);
    expect(await notified(env, 'escalation_auto', job.workOrderId)).toEqual(expect.arrayContaining(['executive', 'quality']));
    const audited = await count(
      env,
      `select count(*)::int as n from audit_log a join escalations e on e.id::text = a.entity_id where a.entity = 'escalation' and e.work_order_id = '${job.workOrderId}' and e.auto_step is not null`,
    );
    expect(audited).toBe(2);
    const l3 = await dispatcher.get(`/api/v1/escalations?workOrderId=${job.workOrderId}&tier=L3`);
    expect(l3.data.items).toHaveLength(1);
    expect(l3.data.items[0]).toMatchObject({ auto: true, fromTier: 'L2', assigneeName: expect.stringContaining('周涛') });
    // The L3 expert answers.
    const ans = await quality.post(`/api/v1/escalations/${l3.data.items[0].id}/answer`, {
      version: l3.data.items[0].version,
      answer: '研发确认为固件缺陷，明日提供升级包。',
    });
    expect(ans.statusCode).toBe(200);
  });

  it('the hours are settings per urgency; L3 before L2 is refused', async () => {
    const s = (await manager.get('/api/v1/escalation-settings')).data.items;
    expect(s.map((x: { urgency: string }) => x.urgency)).toEqual(['emergency', 'urgent', 'normal', 'low']);
    const normal = s.find((x: { urgency: string }) => x.urgency === 'normal');
    const bad = await manager.patch('/api/v1/escalation-settings/normal', { version: normal.version, l2AfterHours: 10, l3AfterHours: 5 }, EN);
    expect(bad.statusCode).toBe(422);
    expect(bad.data.code).toBe('escalation_hours_order');
    const ok = await manager.patch('/api/v1/escalation-settings/normal', { version: normal.version, l2AfterHours: 24, l3AfterHours: 48 });
    expect(ok.data).toMatchObject({ l2AfterHours: 24, l3AfterHours: 48, version: normal.version + 1 });
    expect((await engineer.patch('/api/v1/escalation-settings/normal', { version: ok.data.version, l2AfterHours: 1, l3AfterHours: 2 })).statusCode).toBe(403);
    expect((await manager.patch('/api/v1/escalation-settings/bogus', { version: 1, l2AfterHours: 1, l3AfterHours: 2 })).statusCode).toBe(400);
  });
});

describe('progress notes and the temporary measure (seed 001)', () => {
  it('a progress note reaches customer service and the service managers', async () => {
    const job = await emergencyJob();
    const n = await engineer.post(`/api/v1/work-orders/${job.workOrderId}/progress-notes`, { note: '已到现场，初步判断为呼气阀故障，备件预计 2 小时到达' });
    expect(n.statusCode).toBe(201);
    expect(await notified(env, 'work_order_progress', job.workOrderId)).toEqual(expect.arrayContaining(['dispatcher', 'manager']));
    const bad = await engineer.post(`/api/v1/work-orders/${job.workOrderId}/progress-notes`, { note: '   ' }, EN);
    expect(bad.statusCode).toBe(400);
    expect((await dispatcher.get(`/api/v1/work-orders/${job.workOrderId}/escalations`)).data.notes).toHaveLength(1);
  });

  it('degraded is recorded once apart from restored; the restore clock keeps running', async () => {
    const job = await emergencyJob();
    const d = await engineer.post(`/api/v1/work-orders/${job.workOrderId}/degraded`, { measure: '临时更换备用呼气阀，设备可降级使用' });
    expect(d.statusCode).toBe(201);
    const wo = await one<{ degraded_at: Date | null; status: string }>(env, `select degraded_at, status from work_orders where id = '${job.workOrderId}'`);
    expect(wo.degraded_at).not.toBeNull();
    expect(wo.status).toBe('dispatched');
    const clock = await one<{ stopped_at: Date | null }>(env, `select stopped_at from sla_clocks where request_id = '${job.requestId}' and kind = 'restore'`);
    expect(clock.stopped_at).toBeNull();
    const twice = await engineer.post(`/api/v1/work-orders/${job.workOrderId}/degraded`, { measure: '再次' }, EN);
    expect(twice.statusCode).toBe(409);
    expect(twice.data.code).toBe('degraded_recorded');
    expect(await notified(env, 'work_order_degraded', job.workOrderId)).toEqual(expect.arrayContaining(['dispatcher', 'manager']));
    const ladder = await dispatcher.get(`/api/v1/work-orders/${job.workOrderId}/escalations`);
    expect(ladder.data.degraded).toMatchObject({ measure: '临时更换备用呼气阀，设备可降级使用' });
    expect(ladder.data.abilities.degraded).toBe(false);
    expect((await dispatcher.post(`/api/v1/work-orders/${job.workOrderId}/degraded`, { measure: 'x' })).statusCode).toBe(403);
  });
});

describe('the 技术支持升级 list', () => {
  it('filters by tier, state and overdue, searches, and exports to Excel', async () => {
    const all = await manager.get('/api/v1/escalations?pageSize=200');
    expect(all.data.total).toBeGreaterThanOrEqual(3);
    const open = await manager.get('/api/v1/escalations?status=open&tier=L2');
    expect(open.data.items.every((x: { status: string; toTier: string }) => x.status === 'open' && x.toTier === 'L2')).toBe(true);
    const overdue = await manager.get('/api/v1/escalations?overdue=true');
    expect(overdue.statusCode).toBe(200);
    const q = await manager.get(`/api/v1/escalations?q=${encodeURIComponent('流量传感器')}`);
    expect(q.data.items).toHaveLength(1);
    expect((await manager.get('/api/v1/escalations?tier=L9', EN)).statusCode).toBe(400);
    const x = await manager.raw({ method: 'GET', url: '/api/v1/escalations/export?tier=L2' });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('工单');
  });
});
