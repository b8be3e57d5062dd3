// R-CL-1 stories (seed 003 §11: every call is logged; seed 002: hotline 9:00–22:00; seed 004 §5.1:
// consultations, escalated to a technical expert, R-ESC-1): a call from a known number is
// recognised, logged and turned into a repair request or a complaint in one click (linked,
// audited); a PBX export with one bad line imports nothing and names the line; a missed call is
// returned by an outbound call; an overdue one tells customer service once; a consultation is
// escalated, researched and answered; the on-duty engineer is named; bad input names the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalls } from '../../seed/calls.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, notified, one, userId } from '../../test/service.ts';
import { flagOverdueMissed } from './calls.service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let expert: Client;
let manager: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, expert, manager, renhe, ruikang] = await Promise.all(
    ['dispatcher', 'engineer', 'expert', 'manager', 'renhe', 'ruikang'].map((u) => env.as(u)),
  );
});
afterAll(() => env?.close());

describe('the call log (R-CL-1, seed 003 §11)', () => {
  let callId: string;

  it('a known number is recognised: the hospital contact, department and devices', async () => {
    const r = await dispatcher.get('/api/v1/calls/lookup?phone=138%200101%200001');
    expect(r.statusCode).toBe(200);
    expect(r.data.contacts[0]).toMatchObject({ contactName: '王红', customerName: '北京仁和医院', departmentName: '病理科' });
    expect(r.data.guess.callerName).toBe('王红');
    expect(r.data.devices.map((d: { serialNumber: string }) => d.serialNumber)).toContain('ST5020-21-0031');
  });

  it('a dispatcher logs an inbound call; the device gives the customer', async () => {
    const r = await dispatcher.post('/api/v1/calls', {
      direction: 'inbound',
      durationSeconds: 180,
      callerName: '王红',
      phone: '138-0101-0001',
      deviceId: await deviceId(env, 'ST5020-21-0031'),
      topic: '染色机加热报警，无法开机',
      notes: '已指导重启，仍报警',
      outcome: 'callback_needed',
    });
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ phone: '13801010001', customerName: '北京仁和医院', handledByName: '李晓梅（客服）', linkedKind: null });
    callId = r.data.id;
    expect(await count(env, `select count(*)::int n from audit_log where entity = 'call' and entity_id = '${callId}' and action = 'create'`)).toBe(1);
  });

  it('bad input is refused with a translated error naming the field, and nothing is saved', async () => {
    const before = await count(env, 'select count(*)::int n from calls');
    const r = await dispatcher.post('/api/v1/calls', { direction: 'inbound', phone: '13800000000', topic: '' }, EN);
    expect(r.statusCode).toBe(400);
    expect(r.data.fields.map((f: { field: string }) => f.field)).toEqual(['topic']);
    const other = await dispatcher.post(
      '/api/v1/calls',
      {
        direction: 'inbound',
        phone: '13800000000',
        topic: 'x',
        customerId: (await one<{ customer_id: string }>(env, `select customer_id from devices where serial_number = 'ST5020-23-0220'`)).customer_id,
        deviceId: await deviceId(env, 'ST5020-21-0031'),
      },
      EN,
    );
    expect(other.statusCode).toBe(422);
    expect(other.data.fields[0]).toMatchObject({ field: 'deviceId', code: 'customer_mismatch', message: 'Does not belong to the chosen customer' });
    expect(await count(env, 'select count(*)::int n from calls')).toBe(before);
    expect((await engineer.post('/api/v1/calls', { direction: 'inbound', phone: '13800000000', topic: 'x' })).statusCode).toBe(403);
  });

  it('one click turns the call into a repair request: registered by the intake path, linked and audited', async () => {
    const c = (await dispatcher.get(`/api/v1/calls/${callId}`)).data;
    const r = await dispatcher.post(`/api/v1/calls/${callId}/convert`, { version: c.version, kind: 'request', deviceDown: true });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ linkedKind: 'request', outcome: 'request', linkedNumber: expect.stringMatching(/^BX-\d{4}-\d{6}$/) });
    const req = await one<{ fault_description: string; reporter_phone: string; channel: string; wo: number }>(
      env,
      `select fault_description, reporter_phone, channel, (select count(*)::int from work_orders w where w.request_id = r.id) wo from service_requests r where id = '${r.data.linkedId}'`,
    );
    expect(req).toMatchObject({ fault_description: '染色机加热报警，无法开机\n已指导重启，仍报警', reporter_phone: '13801010001', channel: 'phone', wo: 1 });
    expect(await count(env, `select count(*)::int n from audit_log where entity = 'service_request' and entity_id = '${r.data.linkedId}'`)).toBe(1);
    expect(await count(env, `select count(*)::int n from audit_log where entity = 'call' and entity_id = '${callId}' and action = 'update'`)).toBe(1);
    // A second click creates nothing more.
    const again = await dispatcher.post(`/api/v1/calls/${callId}/convert`, { version: r.data.version, kind: 'complaint' }, EN);
    expect(again.statusCode).toBe(409);
    expect(again.data.detail).toBe('This call has already been turned into a repair request.');
  });

  it('a call without a device cannot become a repair request (422 naming deviceId); it becomes a complaint instead', async () => {
    const call = await dispatcher.post('/api/v1/calls', {
      direction: 'inbound',
      callerName: '王红',
      phone: '13801010001',
      customerId: (await one<{ customer_id: string }>(env, `select customer_id from devices where serial_number = 'ST5020-21-0031'`)).customer_id,
      topic: '工程师上门迟到两小时',
    });
    const before = await count(env, 'select count(*)::int n from service_requests');
    const r = await dispatcher.post(`/api/v1/calls/${call.data.id}/convert`, { version: call.data.version, kind: 'request' }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.fields[0]).toMatchObject({ field: 'deviceId', code: 'required' });
    expect(await count(env, 'select count(*)::int n from service_requests')).toBe(before);
    const c = await dispatcher.post(`/api/v1/calls/${call.data.id}/convert`, { version: call.data.version, kind: 'complaint', severity: 'normal' });
    expect(c.statusCode).toBe(200);
    expect(c.data).toMatchObject({ linkedKind: 'complaint', linkedNumber: expect.stringMatching(/^TS-/) });
    const complaint = (await manager.get(`/api/v1/complaints/${c.data.linkedId}`)).data;
    expect(complaint).toMatchObject({
      channel: 'hotline',
      complainantName: '王红',
      complainantPhone: '13801010001',
      matter: '工程师上门迟到两小时',
      status: 'open',
    });
  });

  it('lists filter by direction, outcome and linked; the Excel export carries what is filtered', async () => {
    const r = await manager.get('/api/v1/calls?linked=true&direction=inbound&sort=-startedAt');
    expect(r.data.total).toBe(2);
    const q = await manager.get('/api/v1/calls?q=%E8%BF%9F%E5%88%B0');
    expect(q.data.items.map((c: { topic: string }) => c.topic)).toEqual(['工程师上门迟到两小时']);
    const x = await manager.get('/api/v1/calls?format=xlsx');
    expect(x.statusCode).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
  });
});

describe('missed calls (R-CL-1; seed 002: hotline 9:00–22:00)', () => {
  it('a PBX export with one bad line imports nothing and names the line, translated', async () => {
    const csv =
      'call_id,time,caller,name,status\nP1,2026-12-01 21:50,13801010001,王红,missed\nP2,2026-12-01 22:30,abc,,missed\nP3,2026-12-01 10:00,13900000000,,answered\n';
    const r = await dispatcher.post('/api/v1/missed-calls/import', { csv }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.detail).toBe('The file has errors; nothing was imported. Line 3: caller is not valid');
    expect(r.data.fields).toEqual([{ field: 'rows.3.caller', code: 'invalid', message: 'Invalid value' }]);
    const zh = await dispatcher.post('/api/v1/missed-calls/import', { csv });
    expect(zh.data.detail).toBe('导入文件有错误，未导入任何记录。第 3 行：主叫号码（caller）格式错误');
    expect(await count(env, 'select count(*)::int n from missed_calls')).toBe(0);
  });

  it('the corrected file imports: deadline by hotline hours, hospital by its contact, answered rows skipped; a repeat adds nothing', async () => {
    const csv =
      'call_id,time,caller,name,status\nP1,2026-12-01 21:50,13801010001,王红,missed\nP2,2026-12-01 22:30,13900000000,,missed\nP3,2026-12-01 10:00,13900000000,,answered\n';
    const r = await dispatcher.post('/api/v1/missed-calls/import', { csv });
    expect(r.data).toEqual({ imported: 2, skippedAnswered: 1, skippedKnown: 0 });
    expect((await dispatcher.post('/api/v1/missed-calls/import', { csv })).data).toEqual({ imported: 0, skippedAnswered: 1, skippedKnown: 2 });
    const list = (await dispatcher.get('/api/v1/missed-calls?state=open')).data.items;
    // 21:50 → 10 minutes tonight + 20 tomorrow from 9:00; 22:30 → 9:30 tomorrow.
    expect(
      list.map((m: { phone: string; callbackDueAt: string; customerName: string | null; overdue: boolean }) => [
        m.phone,
        m.callbackDueAt,
        m.customerName,
        m.overdue,
      ]),
    ).toEqual([
      ['13801010001', '2026-12-02T01:20:00.000Z', '北京仁和医院', true],
      ['13900000000', '2026-12-02T01:30:00.000Z', null, true],
    ]);
  });

  it('overdue ones tell customer service and the manager once', async () => {
    const id = (await one<{ id: string }>(env, `select id from missed_calls where pbx_ref = 'P1'`)).id;
    expect(await flagOverdueMissed(env.database.db, 'Asia/Shanghai')).toBe(2);
    expect(await flagOverdueMissed(env.database.db, 'Asia/Shanghai')).toBe(0);
    expect(await notified(env, 'missed_call_overdue', id)).toEqual(['dispatcher', 'manager']);
  });

  it('calling back logs the outbound call and marks the missed call returned (once)', async () => {
    const m = await one<{ id: string }>(env, `select id from missed_calls where pbx_ref = 'P1'`);
    const r = await dispatcher.post('/api/v1/calls', { direction: 'outbound', phone: '13801010001', topic: '回电：询问报修进度', missedCallId: m.id });
    expect(r.statusCode).toBe(201);
    const back = (await dispatcher.get('/api/v1/missed-calls?state=returned')).data.items[0];
    expect(back).toMatchObject({ id: m.id, callbackCallId: r.data.id, callbackByName: '李晓梅（客服）', overdue: false });
    const twice = await dispatcher.post('/api/v1/calls', { direction: 'outbound', phone: '13801010001', topic: '再回电', missedCallId: m.id });
    expect(twice.statusCode).toBe(409);
  });

  it('a missed call entered by hand during hotline hours is due 30 minutes later', async () => {
    const r = await dispatcher.post('/api/v1/missed-calls', { phone: '13700000000', receivedAt: '2026-12-02T02:00:00Z' });
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ source: 'manual', callbackDueAt: '2026-12-02T02:30:00.000Z' });
  });
});

describe('hotline hours and the on-call roster', () => {
  it('the manager names the duty engineer; a non-engineer is refused naming the field; who is on duty is answered', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const bad = await manager.post('/api/v1/hotline/roster', { dutyDate: today, engineerId: await userId(env, 'dispatcher'), phone: '13900000001' }, EN);
    expect(bad.statusCode).toBe(422);
    expect(bad.data.fields[0]).toMatchObject({ field: 'engineerId', message: 'Must be an active engineer or technical expert' });
    expect(
      (await dispatcher.post('/api/v1/hotline/roster', { dutyDate: today, engineerId: await userId(env, 'engineer'), phone: '13900000001' })).statusCode,
    ).toBe(403);
    // Make the hotline closed all week so the roster answers now, whatever the hour.
    const h = (await manager.get('/api/v1/hotline')).data;
    const closed = await manager.patch('/api/v1/hotline', { version: h.version, weeklyHours: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } });
    expect(closed.statusCode).toBe(200);
    for (const d of [today]) {
      const r = await manager.post('/api/v1/hotline/roster', { dutyDate: d, engineerId: await userId(env, 'engineer'), phone: '139 0000 0001' });
      expect(r.statusCode).toBe(200);
    }
    const now = (await dispatcher.get('/api/v1/calls/on-duty')).data;
    expect(now).toMatchObject({ hotlineOpen: false, dutyDate: today, duty: { engineerName: '张伟（工程师）', phone: '13900000001' } });
    await manager.patch('/api/v1/hotline', { version: closed.data.version, alwaysOpen: true });
    expect((await dispatcher.get('/api/v1/calls/on-duty')).data.hotlineOpen).toBe(true);
  });
});

describe('consultations (技术咨询, seed 004 §5.1; R-ESC-1)', () => {
  let id: string;
  it('a call becomes a consultation; the engineer escalates it to a technical expert with a reason', async () => {
    const call = await dispatcher.post('/api/v1/calls', {
      direction: 'inbound',
      callerName: '王红',
      phone: '13801010001',
      deviceId: await deviceId(env, 'ST5020-21-0031'),
      topic: '染色程序能否改为快速模式？',
    });
    const conv = await dispatcher.post(`/api/v1/calls/${call.data.id}/convert`, { version: call.data.version, kind: 'consultation' });
    expect(conv.data).toMatchObject({ linkedKind: 'consultation', linkedNumber: expect.stringMatching(/^ZX-/) });
    id = conv.data.linkedId;
    const c = (await engineer.get(`/api/v1/consultations/${id}`)).data;
    expect(c).toMatchObject({
      status: 'open',
      question: '染色程序能否改为快速模式？',
      modelName: expect.any(String),
      callId: call.data.id,
      actions: ['answer', 'escalate'],
    });
    const noExpert = await engineer.post(
      `/api/v1/consultations/${id}/step`,
      { version: c.version, action: 'escalate', expertId: await userId(env, 'engineer2'), escalationReason: '需研究' },
      EN,
    );
    expect(noExpert.statusCode).toBe(422);
    expect(noExpert.data.fields[0]).toMatchObject({ field: 'expertId', message: 'Must be an active technical expert' });
    const noReason = await engineer.post(
      `/api/v1/consultations/${id}/step`,
      { version: c.version, action: 'escalate', expertId: await userId(env, 'expert') },
      EN,
    );
    expect(noReason.data.fields[0].field).toBe('escalationReason');
    const up = await engineer.post(`/api/v1/consultations/${id}/step`, {
      version: c.version,
      action: 'escalate',
      expertId: await userId(env, 'expert'),
      escalationReason: '涉及程序参数，需厂家确认',
    });
    expect(up.data).toMatchObject({ status: 'escalated', expertName: '赵敏（技术支持专家）' });
    expect(await notified(env, 'consultation_escalated', id)).toEqual(['expert']);
    // Only the expert (or a manager) takes it on from here.
    expect((await engineer.post(`/api/v1/consultations/${id}/step`, { version: up.data.version, action: 'answer', answer: 'x' })).statusCode).toBe(403);
  });

  it('the expert researches and answers; time to answer is recorded; a kb candidate is flagged; then it closes', async () => {
    let c = (await expert.get(`/api/v1/consultations/${id}`)).data;
    c = (await expert.post(`/api/v1/consultations/${id}/step`, { version: c.version, action: 'research', research: '厂家确认：V3.2 起支持快速模式' })).data;
    expect(c.status).toBe('researched');
    const wrong = await expert.post(`/api/v1/consultations/${id}/step`, { version: c.version, action: 'research', research: 'again' });
    expect(wrong.statusCode).toBe(409);
    c = (
      await expert.post(`/api/v1/consultations/${id}/step`, {
        version: c.version,
        action: 'answer',
        answer: '升级到 V3.2 后在菜单“程序”中选择快速模式',
        kbCandidate: true,
      })
    ).data;
    expect(c).toMatchObject({ status: 'answered', answeredByName: '赵敏（技术支持专家）', kbCandidate: true, answerMinutes: expect.any(Number) });
    c = (await dispatcher.post(`/api/v1/consultations/${id}/step`, { version: c.version, action: 'close' })).data;
    expect(c.status).toBe('closed');
    expect(await count(env, `select count(*)::int n from audit_log where entity = 'consultation' and entity_id = '${id}'`)).toBe(5);
  });

  it('hospital users read their own hospital’s consultations only', async () => {
    expect((await renhe.get(`/api/v1/consultations/${id}`)).statusCode).toBe(200);
    expect((await ruikang.get(`/api/v1/consultations/${id}`)).statusCode).toBe(404);
    expect((await ruikang.get('/api/v1/consultations')).data.total).toBe(0);
    expect((await renhe.get('/api/v1/calls')).statusCode).toBe(403);
  });
});

describe('demo data (server/seed/calls.ts)', () => {
  it('a few calls, two missed calls (one overdue), a roster for this week, an open and an answered consultation', async () => {
    const before = await one<{ calls: number; missed: number; consultations: number }>(
      env,
      'select (select count(*)::int from calls) calls, (select count(*)::int from missed_calls) missed, (select count(*)::int from consultations) consultations',
    );
    await env.database.query('delete from on_call_roster');
    await seedCalls(env.database.db, 'Asia/Shanghai');
    const after = await one<{ calls: number; missed: number; consultations: number; roster: number }>(
      env,
      'select (select count(*)::int from calls) calls, (select count(*)::int from missed_calls) missed, (select count(*)::int from consultations) consultations, (select count(*)::int from on_call_roster) roster',
    );
    expect(after.calls - before.calls).toBe(3);
    expect(after.missed - before.missed).toBe(2);
    expect(after.consultations - before.consultations).toBe(2);
    expect(after.roster).toBeGreaterThanOrEqual(8);
    expect((await dispatcher.get('/api/v1/calls/on-duty')).data.duty).not.toBeNull();
    const missed = (await dispatcher.get('/api/v1/missed-calls?state=open&pageSize=50')).data.items;
    expect(missed.filter((m: { phone: string; overdue: boolean }) => m.phone === '075583922001').map((m: { overdue: boolean }) => m.overdue)).toEqual([false]);
    const statuses = (await manager.get('/api/v1/consultations?pageSize=50')).data.items.map((c: { status: string }) => c.status);
    expect(statuses).toEqual(expect.arrayContaining(['open', 'answered']));
  });
});
