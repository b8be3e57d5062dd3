// Training stories (issue 12 item 3, R-TR-1; seed 004 §5.2/§8, seed 003 办法§18, seed 001): a customer
// session with a passing and a failing attendee gives one numbered certificate, a PDF carrying its
// number and a public verification that shows only the certificate's facts; the hospital's
// archive is its own; staff plans, records and assessments; qualifications with the expiring
// list; dispatch refuses an unqualified lead unless a service manager overrides with a reason.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTrainingDemo } from '../../seed/training.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate, deviceId, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let manager: Client;
let engineer: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, manager, engineer, renhe, ruikang] = await Promise.all(['dispatcher', 'manager', 'engineer', 'renhe', 'ruikang'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const q1 = async <T>(sql: string) => (await env.database.query<T>(sql)).rows[0];

describe('customer training with certificates (R-TR-1)', () => {
  let session: { id: string; version: number; customerId: string };
  let passed: { id: string; certificateNumber: string; verifyPath: string };

  it('a session on a hospital device takes the device’s model and a default pass mark of 60', async () => {
    const dev = await q1<{ id: string; customer_id: string }>(
      `select d.id, d.customer_id from devices d join customers c on c.id = d.customer_id where c.code = 'BJ-RH' order by d.serial_number limit 1`,
    );
    const r = await engineer.post('/api/v1/training/sessions', {
      customerId: dev.customer_id,
      deviceIds: [dev.id],
      title: '操作培训',
      heldOn: '2026-11-20',
      place: '病理科',
      trainerId: await userId(env, 'engineer'),
      syllabus: '开关机\n日常保养',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ passMark: 60, attendeeCount: 0, deviceIds: [dev.id] });
    session = r.data;
  });

  it('a passing and a failing attendee: only the pass gets a PX number (R-TR-1)', async () => {
    const a = await engineer.post(`/api/v1/training/sessions/${session.id}/attendees`, { name: '王红', department: '病理科', jobTitle: '主管技师', score: 88 });
    expect(a.statusCode, a.body).toBe(201);
    const b = await engineer.post(`/api/v1/training/sessions/${session.id}/attendees`, { name: '李明', department: '病理科', score: 59 });
    const [p, f] = b.data.attendees;
    expect(p).toMatchObject({
      name: '王红',
      passed: true,
      certificateNumber: expect.stringMatching(/^PX-2026-\d{6}$/),
      verifyPath: expect.stringMatching(/^\/verify\/certificate\/.{20,}$/),
    });
    expect(f).toMatchObject({ name: '李明', passed: false, certificateNumber: null, verifyPath: null });
    expect(b.data).toMatchObject({ attendeeCount: 2, passedCount: 1 });
    passed = p;
    const audit = await q1<{ n: number }>(`select count(*)::int as n from audit_log where entity = 'training_attendee' and action = 'create'`);
    expect(audit.n).toBeGreaterThanOrEqual(2);
  });

  it('a score entered later certifies then; a certified score cannot drop below the pass mark (422 naming score)', async () => {
    const d = (await engineer.get(`/api/v1/training/sessions/${session.id}`)).data;
    const f = d.attendees[1];
    const up = await engineer.patch(`/api/v1/training/sessions/${session.id}/attendees/${f.id}`, { version: f.version, score: 61 });
    expect(up.data.attendees[1]).toMatchObject({ passed: true, certificateNumber: expect.stringMatching(/^PX-2026-/) });
    expect(up.data.attendees[1].certificateNumber).not.toBe(passed.certificateNumber);
    const a = up.data.attendees[1];
    const down = await engineer.patch(`/api/v1/training/sessions/${session.id}/attendees/${a.id}`, { version: a.version, score: 30 }, EN);
    expect(down.statusCode).toBe(422);
    expect(down.data.fields[0]).toMatchObject({ field: 'score' });
    // Put it back as it was for the rest of the story: a fresh failing attendee.
    const c = await engineer.post(`/api/v1/training/sessions/${session.id}/attendees`, { name: '赵刚', score: 20 });
    expect(c.data.attendees[2]).toMatchObject({ passed: false, certificateNumber: null });
  });

  it('bad input is refused with a translated 422 naming the field, and changes nothing', async () => {
    const before = (await engineer.get(`/api/v1/training/sessions/${session.id}`)).data;
    const bad = await engineer.post(`/api/v1/training/sessions/${session.id}/attendees`, { name: '', score: 101 }, EN);
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields.map((x: { field: string }) => x.field).sort()).toEqual(['name', 'score']);
    const noModel = await engineer.post('/api/v1/training/sessions', {
      customerId: session.customerId,
      title: 'x',
      heldOn: '2026-11-20',
      place: 'x',
      trainerId: await userId(env, 'engineer'),
      syllabus: 'x',
    });
    expect(noModel.statusCode).toBe(422);
    expect(noModel.data.fields[0]).toMatchObject({ field: 'modelId', code: 'required' });
    expect(noModel.data.detail).toBeTruthy();
    const other = await q1<{ id: string }>(`select d.id from devices d join customers c on c.id = d.customer_id where c.code = 'SH-RK' limit 1`);
    const wrong = await engineer.post(
      '/api/v1/training/sessions',
      {
        customerId: session.customerId,
        deviceIds: [other.id],
        title: 'x',
        heldOn: '2026-11-20',
        place: 'x',
        trainerId: await userId(env, 'engineer'),
        syllabus: 'x',
      },
      EN,
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.data.fields[0]).toMatchObject({ field: 'deviceIds', code: 'customer_mismatch' });
    expect((await engineer.get(`/api/v1/training/sessions/${session.id}`)).data).toEqual(before);
  });

  it('the certificate PDF is a PDF carrying its number', async () => {
    const r = await renhe.raw({ method: 'GET', url: `/api/v1/training/sessions/${session.id}/attendees/${passed.id}/certificate.pdf` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const buf = r.rawPayload;
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buf.toString('latin1')).toContain(passed.certificateNumber);
    const failed = (await engineer.get(`/api/v1/training/sessions/${session.id}`)).data.attendees[2];
    expect((await engineer.raw({ method: 'GET', url: `/api/v1/training/sessions/${session.id}/attendees/${failed.id}/certificate.pdf` })).statusCode).toBe(404);
  });

  it('public verification without login shows only the certificate’s facts; a wrong token is 404', async () => {
    const anon = env.anonymous();
    const token = passed.verifyPath.split('/').pop();
    const r = await anon.get(`/api/v1/public/certificates/${token}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(Object.keys(r.data).sort()).toEqual(['heldOn', 'hospital', 'model', 'name', 'number', 'valid']);
    expect(r.data).toMatchObject({ number: passed.certificateNumber, name: '王红', heldOn: '2026-11-20', valid: true });
    expect((await anon.get('/api/v1/public/certificates/not-a-real-token-123456')).statusCode).toBe(404);
    expect((await anon.get(`/api/v1/training/sessions/${session.id}`)).statusCode).toBe(401);
  });

  it('the hospital reads its own archive and certificates; another hospital cannot (404)', async () => {
    const own = await renhe.get('/api/v1/training/archive');
    expect(own.statusCode).toBe(200);
    expect(own.data.items.filter((r: { sessionId: string }) => r.sessionId === session.id)).toHaveLength(3);
    expect((await renhe.get('/api/v1/training/sessions')).data.items.map((s: { id: string }) => s.id)).toContain(session.id);
    expect((await ruikang.get(`/api/v1/training/sessions/${session.id}`)).statusCode).toBe(404);
    expect((await ruikang.get('/api/v1/training/sessions')).data.items.map((s: { id: string }) => s.id)).not.toContain(session.id);
    expect((await ruikang.get(`/api/v1/training/archive?customerId=${session.customerId}`)).statusCode).toBe(404);
    expect((await ruikang.raw({ method: 'GET', url: `/api/v1/training/sessions/${session.id}/attendees/${passed.id}/certificate.pdf` })).statusCode).toBe(404);
    expect((await ruikang.post(`/api/v1/training/sessions/${session.id}/attendees`, { name: 'x' })).statusCode).toBe(403);
  });

  it('the archive exports to Excel', async () => {
    const r = await manager.raw({ method: 'GET', url: `/api/v1/training/archive?customerId=${session.customerId}&format=xlsx` });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(values).toContain(passed.certificateNumber);
    expect(values).toContain('合格');
  });
});

describe('staff training and qualification (R-TR-1)', () => {
  it('a plan, a record with three assessments, a qualification granted on it; only managers grant', async () => {
    const eng2 = await userId(env, 'engineer2');
    const plan = await manager.post('/api/v1/training/plans', { year: 2026, topic: '呼吸机维修', skill: '呼吸机', plannedMonth: 11, traineeIds: [eng2] });
    expect(plan.statusCode, plan.body).toBe(201);
    const rec = await manager.post('/api/v1/training/records', {
      planId: plan.data.id,
      traineeId: eng2,
      topic: '呼吸机维修',
      skill: '呼吸机',
      heldOn: '2026-11-10',
      hours: 8,
      trainer: '赵敏',
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const as = await manager.patch(`/api/v1/training/records/${rec.data.id}/assessment`, {
      version: rec.data.version,
      selfScore: 80,
      supervisorScore: 90,
      customerScore: 85,
      assessmentComment: '合格',
    });
    expect(as.data).toMatchObject({ average: 85, selfScore: 80 });
    const today = businessDate();
    const soon = businessDate(10);
    const g = await manager.post('/api/v1/training/qualifications', {
      userId: eng2,
      skill: '呼吸机',
      grantedOn: '2026-01-01',
      expiresOn: soon,
      basisRecordId: rec.data.id,
      basis: '考核合格',
    });
    expect(g.statusCode, g.body).toBe(201);
    expect(g.data.state).toBe(soon > today ? 'expiring' : 'expired');
    const exp = await manager.get('/api/v1/training/qualifications?expiring=true');
    expect(exp.data.items.map((x: { id: string }) => x.id)).toContain(g.data.id);
    expect(
      (await engineer.post('/api/v1/training/qualifications', { userId: eng2, skill: 'x', grantedOn: '2026-01-01', expiresOn: soon, basis: 'x' })).statusCode,
    ).toBe(403);
    const both = await manager.post(
      '/api/v1/training/qualifications',
      { userId: eng2, skill: 'x', modelId: null, grantedOn: '2026-05-01', expiresOn: '2026-04-01', basis: 'x' },
      EN,
    );
    expect(both.statusCode).toBe(422);
    expect(both.data.fields[0]).toMatchObject({ field: 'expiresOn', code: 'date_order' });
    const matrix = await manager.get('/api/v1/training/qualifications/matrix');
    expect(matrix.data.cells.length).toBeGreaterThan(0);
  });
});

describe('dispatch checks the lead’s qualification (seed 001 经过严格的培训和考核后上岗; seed 003 维修人员必须经培训合格后方可上岗)', () => {
  let wo: { id: string };
  let modelId: string;
  let newEngineer: string;

  beforeAll(async () => {
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'ST5020-25-0412'),
      faultDescription: '仪器无法开机',
      deviceDown: true,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    expect(r.statusCode, r.body).toBe(201);
    wo = { id: r.data.workOrderId };
    modelId = (await q1<{ model_id: string }>(`select model_id from devices where serial_number = 'ST5020-25-0412'`)).model_id;
    const admin = await env.as('admin');
    const u = await admin.post('/api/v1/users', { username: 'trainee1', displayName: '孙强（见习工程师）', roles: ['engineer'], password: 'Trainee1-2026x' });
    expect(u.statusCode, u.body).toBe(201);
    newEngineer = u.data.id;
  });
  const version = async () => (await dispatcher.get(`/api/v1/work-orders/${wo.id}`)).data.version;

  it('the suggestions show each candidate’s qualification for the model', async () => {
    const s = await dispatcher.get(`/api/v1/dispatch/suggestions?workOrderId=${wo.id}`);
    const byId = new Map(s.data.items.map((i: { userId: string; qualification: string }) => [i.userId, i.qualification]));
    expect(byId.get(await userId(env, 'engineer'))).toBe('qualified');
    expect(byId.get(newEngineer)).toBe('none');
  });

  it('an unqualified lead is refused with a translated 422 naming leadEngineerId; changes nothing', async () => {
    const v = await version();
    const zh = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: v, leadEngineerId: newEngineer });
    expect(zh.statusCode).toBe(422);
    expect(zh.data).toMatchObject({ code: 'engineer_not_qualified', fields: [{ field: 'leadEngineerId', code: 'not_qualified' }] });
    expect(zh.data.detail).toContain('上岗资质');
    const en = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: v, leadEngineerId: newEngineer }, EN);
    expect(en.data.detail).toContain('qualification');
    expect(await version()).toBe(v);
  });

  it('an expired qualification is refused too', async () => {
    await manager.post('/api/v1/training/qualifications', { userId: newEngineer, modelId, grantedOn: '2024-01-01', expiresOn: '2025-01-01', basis: '旧证' });
    const s = await dispatcher.get(`/api/v1/dispatch/suggestions?workOrderId=${wo.id}`);
    expect(s.data.items.find((i: { userId: string }) => i.userId === newEngineer).qualification).toBe('expired');
    const r = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: await version(), leadEngineerId: newEngineer });
    expect(r.statusCode).toBe(422);
  });

  it('a dispatcher cannot override; an engineer cannot dispatch at all', async () => {
    const r = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: await version(), leadEngineerId: newEngineer, overrideReason: '急需' });
    expect(r.statusCode).toBe(403);
    expect(r.data.code).toBe('override_not_allowed');
    const e = await engineer.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: await version(), leadEngineerId: newEngineer, overrideReason: '急需' });
    expect(e.statusCode).toBe(403);
  });

  it('a service manager overrides with a reason: dispatched, and the override is audited', async () => {
    const r = await manager.post(`/api/v1/work-orders/${wo.id}/dispatch`, {
      version: await version(),
      leadEngineerId: newEngineer,
      overrideReason: '夜间急诊，唯一在岗工程师，由专家远程指导',
    });
    expect(r.statusCode, r.body).toBe(200);
    const o = await q1<{ after: Record<string, unknown> }>(
      `select after from audit_log where entity = 'work_order' and entity_id = '${wo.id}' and action = 'qualification_override'`,
    );
    expect(o).toBeTruthy();
    expect(o.after).toMatchObject({ leadEngineerId: newEngineer, qualification: 'expired', reason: '夜间急诊，唯一在岗工程师，由专家远程指导' });
  });
});

describe('R-TR-1: helpers must be qualified too (seed 003 维修人员必须经培训合格后方可上岗, dealers’ staff too)', () => {
  let wo: { id: string };
  let modelId: string;
  let lead: string;
  let helper: string;

  beforeAll(async () => {
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'ST5020-21-0031'),
      faultDescription: '染色不均匀',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    expect(r.statusCode, r.body).toBe(201);
    wo = { id: r.data.workOrderId };
    modelId = (await q1<{ model_id: string }>(`select model_id from devices where serial_number = 'ST5020-21-0031'`)).model_id;
    lead = await userId(env, 'engineer');
    const admin = await env.as('admin');
    const u = await admin.post('/api/v1/users', { username: 'dealer1', displayName: '赵磊（经销商工程师）', roles: ['engineer'], password: 'Dealer1-2026xy' });
    expect(u.statusCode, u.body).toBe(201);
    helper = u.data.id;
  });
  const version = async () => (await dispatcher.get(`/api/v1/work-orders/${wo.id}`)).data.version;

  it('R-TR-1: the suggestions carry the helper’s qualification too (the dialog warns from them)', async () => {
    const s = await dispatcher.get(`/api/v1/dispatch/suggestions?workOrderId=${wo.id}`);
    const byId = new Map(s.data.items.map((i: { userId: string; qualification: string }) => [i.userId, i.qualification]));
    expect(byId.get(lead)).toBe('qualified');
    expect(byId.get(helper)).toBe('none');
  });

  it('R-TR-1: an unqualified helper is refused without an override — a translated 422 naming helperIds and the person; nothing changes', async () => {
    const v = await version();
    const zh = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: v, leadEngineerId: lead, helperIds: [helper] });
    expect(zh.statusCode).toBe(422);
    expect(zh.data).toMatchObject({ code: 'engineer_not_qualified', fields: [{ field: 'helperIds', code: 'not_qualified' }] });
    expect(zh.data.detail).toContain('赵磊（经销商工程师）');
    expect(zh.data.detail).toContain('上岗资质');
    const en = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: v, leadEngineerId: lead, helperIds: [helper] }, EN);
    expect(en.data.detail).toContain('赵磊（经销商工程师）');
    expect(en.data.detail).toContain('qualification');
    expect(await version()).toBe(v);
    expect((await q1<{ n: number }>(`select count(*)::int as n from work_order_helpers where work_order_id = '${wo.id}'`)).n).toBe(0);
  });

  it('R-TR-1: an expired helper qualification counts as unqualified', async () => {
    const g = await manager.post('/api/v1/training/qualifications', {
      userId: helper,
      modelId,
      grantedOn: '2024-03-01',
      expiresOn: '2025-03-01',
      basis: '经销商培训（旧）',
    });
    expect(g.statusCode, g.body).toBe(201);
    const s = await dispatcher.get(`/api/v1/dispatch/suggestions?workOrderId=${wo.id}`);
    expect(s.data.items.find((i: { userId: string }) => i.userId === helper).qualification).toBe('expired');
    const r = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: await version(), leadEngineerId: lead, helperIds: [helper] });
    expect(r.statusCode).toBe(422);
    expect(r.data.fields).toEqual([expect.objectContaining({ field: 'helperIds', code: 'not_qualified' })]);
  });

  it('R-TR-1: a dispatcher cannot override for a helper either', async () => {
    const r = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, {
      version: await version(),
      leadEngineerId: lead,
      helperIds: [helper],
      overrideReason: '人手不足',
    });
    expect(r.statusCode).toBe(403);
    expect(r.data.code).toBe('override_not_allowed');
  });

  it('R-TR-1: a service manager’s override with a reason sends the helper, audited with the person named', async () => {
    const reason = '装机高峰，经销商工程师随主修学习，不单独操作';
    const r = await manager.post(`/api/v1/work-orders/${wo.id}/dispatch`, {
      version: await version(),
      leadEngineerId: lead,
      helperIds: [helper],
      overrideReason: reason,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await q1<{ n: number }>(`select count(*)::int as n from work_order_helpers where work_order_id = '${wo.id}' and user_id = '${helper}'`)).n).toBe(1);
    const o = await q1<{ after: { leadEngineerId: string; qualification: string; helperIds: string[]; unqualified: unknown[]; reason: string } }>(
      `select after from audit_log where entity = 'work_order' and entity_id = '${wo.id}' and action = 'qualification_override'`,
    );
    expect(o.after).toMatchObject({ leadEngineerId: lead, qualification: 'qualified', helperIds: [helper], reason });
    expect(o.after.unqualified).toEqual([{ userId: helper, role: 'helper', qualification: 'expired' }]);
  });

  it('R-TR-1: a qualified team needs no override and writes none', async () => {
    const g = await manager.post('/api/v1/training/qualifications', {
      userId: helper,
      modelId,
      grantedOn: '2026-01-01',
      expiresOn: '2028-01-01',
      basis: '经销商培训考核合格',
    });
    expect(g.statusCode, g.body).toBe(201);
    const r = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, {
      version: await version(),
      leadEngineerId: lead,
      helperIds: [helper],
      reason: '同组重新派工',
    });
    expect(r.statusCode, r.body).toBe(200);
    const n = await q1<{ n: number }>(
      `select count(*)::int as n from audit_log where entity = 'work_order' and entity_id = '${wo.id}' and action = 'qualification_override'`,
    );
    expect(n.n).toBe(1);
  });
});

describe('R-TR-1: a planned session is edited with its version; a completed one is read-only', () => {
  let id: string;
  let v: number;

  beforeAll(async () => {
    const dev = await q1<{ id: string; customer_id: string }>(
      `select d.id, d.customer_id from devices d join customers c on c.id = d.customer_id where c.code = 'BJ-RH' order by d.serial_number limit 1`,
    );
    const r = await engineer.post('/api/v1/training/sessions', {
      customerId: dev.customer_id,
      deviceIds: [dev.id],
      title: '新设备操作培训',
      heldOn: '2026-12-20',
      place: '检验科示教室',
      trainerId: await userId(env, 'engineer'),
      syllabus: '开关机\n日常保养',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data.abilities).toEqual({ manage: true, update: true });
    id = r.data.id;
    v = r.data.version;
  });

  it('R-TR-1: date, place, trainer, syllabus and pass mark change with the version read; a hospital user may not', async () => {
    const r = await engineer.patch(`/api/v1/training/sessions/${id}`, {
      version: v,
      heldOn: '2026-12-22',
      place: '检验科会议室',
      syllabus: '开关机\n日常保养\n故障报修',
      passMark: 70,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ heldOn: '2026-12-22', place: '检验科会议室', passMark: 70, version: v + 1, abilities: { update: true } });
    const stale = await engineer.patch(`/api/v1/training/sessions/${id}`, { version: v, place: '旧地点' });
    expect(stale.statusCode).toBe(409);
    expect((await renhe.get(`/api/v1/training/sessions/${id}`)).data.abilities).toEqual({ manage: false, update: false });
    expect((await renhe.patch(`/api/v1/training/sessions/${id}`, { version: v + 1, place: 'x' })).statusCode).toBe(403);
    v += 1;
  });

  it('R-TR-1: once an assessment is recorded the session is completed: abilities.update false, a PATCH gets a translated 409 and changes nothing', async () => {
    const a = await engineer.post(`/api/v1/training/sessions/${id}/attendees`, { name: '周敏', department: '检验科', score: 88 });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.data.abilities).toEqual({ manage: true, update: false });
    const cur = a.data.version;
    const zh = await engineer.patch(`/api/v1/training/sessions/${id}`, { version: cur, place: '改到门诊楼' });
    expect(zh.statusCode).toBe(409);
    expect(zh.data.code).toBe('session_completed');
    expect(zh.data.detail).toContain('培训已完成');
    const en = await engineer.patch(`/api/v1/training/sessions/${id}`, { version: cur, place: '改到门诊楼' }, EN);
    expect(en.data.detail).toContain('completed');
    const after = await engineer.get(`/api/v1/training/sessions/${id}`);
    expect(after.data).toMatchObject({ place: '检验科会议室', version: cur });
  });
});

describe('demo data', () => {
  it('a session with one passed and one failed attendee, and a qualification expiring soon', async () => {
    await seedTrainingDemo(env.database.db, 'Asia/Shanghai');
    const s = await q1<{ n: number; p: number }>(
      `select count(*)::int as n, count(*) filter (where passed)::int as p from training_attendees a join training_sessions s on s.id = a.session_id where s.title = '全自动染色机操作培训'`,
    );
    expect(s).toEqual({ n: 2, p: 1 });
    const exp = await manager.get('/api/v1/training/qualifications?expiring=true');
    expect(exp.data.items.some((x: { skill: string }) => x.skill === 'CT 维修')).toBe(true);
  });
});
