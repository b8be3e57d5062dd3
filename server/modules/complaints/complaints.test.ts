// Complaints (R-CP-1..5): registered with device and work order, severity, owner, deadline;
// a major one reaches the executive at once; an incomplete file cannot close and says what is
// missing; a verified complaint names the responsible person; a repeat counts double in the
// monthly statistics, which also export to Excel.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, notified, userId } from '../../test/service.ts';
import { closedRepair } from '../followups/followups.fixtures.ts';
import { missingForClosure } from './complaints.rules.ts';

let env: TestEnv;
let dispatcher: Client;
let manager: Client;
let quality: Client;
let engineer: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, manager, quality, engineer] = await Promise.all(['dispatcher', 'manager', 'quality', 'engineer'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const customerOf = async (serial: string) =>
  (await env.database.query<{ customer_id: string }>(`select customer_id from devices where serial_number = '${serial}'`)).rows[0].customer_id;

describe('the complaint file (R-CP-1..4)', () => {
  let c: { id: string; version: number };

  it('registered from the hotline with device and work order: number, owner, deadline by severity, UDI on file', async () => {
    const wo = await closedRepair(env, dispatcher, 'ST5020-21-0031', new Date('2026-11-03T02:00:00Z'));
    const r = await dispatcher.post('/api/v1/complaints', {
      channel: 'hotline',
      receivedAt: '2026-11-16T02:00:00Z',
      customerId: await customerOf('ST5020-21-0031'),
      complainantName: '王红',
      complainantPhone: '13801010001',
      deviceId: await deviceId(env, 'ST5020-21-0031'),
      workOrderId: wo.workOrderId,
      matter: '维修后一周内再次出现染色不均',
      cause: 'repair_quality',
      severity: 'normal',
    });
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({
      status: 'open',
      number: expect.stringMatching(/^TS-2026-\d{6}$/),
      ownerName: '王建国（售后服务经理）',
      deadline: '2026-11-23',
      deviceIdentifier: expect.stringContaining('ST5020-21-0031'),
      repeatOfId: null,
      weight: 1,
    });
    expect(r.data.missing).toEqual(expect.arrayContaining(['reportable', 'reportabilityReason', 'investigationStartedOn', 'reply', 'substantiated']));
    expect(await notified(env, 'complaint_assigned', r.data.id)).toEqual(['manager']);
    c = r.data;
    expect(
      (await engineer.post('/api/v1/complaints', { channel: 'hotline', customerId: r.data.customerId, complainantName: 'x', matter: 'x', severity: 'minor' }))
        .statusCode,
    ).toBe(403);
  });

  it('a device of another customer is refused', async () => {
    const r = await dispatcher.post(
      '/api/v1/complaints',
      {
        channel: 'email',
        customerId: await customerOf('ST5020-21-0031'),
        complainantName: '王红',
        deviceId: await deviceId(env, 'ST5020-23-0220'),
        matter: 'x',
        severity: 'minor',
      },
      EN,
    );
    expect(r.statusCode).toBe(422);
    expect(r.data.fields[0].field).toBe('deviceId');
  });

  it('closing an incomplete file is refused with the list of what is missing', async () => {
    const toReplied = await quality.post(`/api/v1/complaints/${c.id}/transition`, { version: c.version, to: 'replied' });
    expect(toReplied.statusCode).toBe(200);
    const r = await quality.post(`/api/v1/complaints/${c.id}/transition`, { version: toReplied.data.version, to: 'closed' }, EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('complaint_incomplete');
    expect(r.data.detail).toMatch(
      /^The complaint file is incomplete and cannot be closed\. Missing: .*reportability decision, reason for the reportability decision/,
    );
    expect(r.data.missing).toEqual(toReplied.data.missing);
    expect(r.data.fields.map((f: { field: string }) => f.field)).toContain('reply');
    expect((await quality.get(`/api/v1/complaints/${c.id}`)).data.status).toBe('replied');
    const wrong = await quality.post(`/api/v1/complaints/${c.id}/transition`, { version: toReplied.data.version, to: 'draft' });
    expect(wrong.statusCode).toBe(409);
    c = toReplied.data;
  });

  it('a verified (查实) complaint must name the responsible person; then the complete file closes', async () => {
    const filled = await quality.patch(`/api/v1/complaints/${c.id}`, {
      version: c.version,
      reportable: false,
      reportabilityReason: '未造成患者伤害，且不可能导致死亡或严重伤害，不属于可报告不良事件',
      investigationStartedOn: '2026-11-16',
      investigationEndedOn: '2026-11-18',
      investigationResult: '加热模块温控探头老化，维修时未更换',
      rootCause: '维修时未按检查表检查温控探头',
      correctiveAction: '更换探头；检查表增加温控探头项',
      reply: '已电话告知王红处理结果并书面回复',
      verification: '连续三天出片正常',
      substantiated: true,
    });
    expect(filled.statusCode).toBe(200);
    expect(filled.data.missing).toEqual(['responsibleId']);
    expect(filled.data.repliedAt).not.toBeNull();
    const refused = await quality.post(`/api/v1/complaints/${c.id}/transition`, { version: filled.data.version, to: 'closed' });
    expect(refused.data.missing).toEqual(['responsibleId']);
    const named = await quality.patch(`/api/v1/complaints/${c.id}`, { version: filled.data.version, responsibleId: await userId(env, 'engineer') });
    const verified = await quality.post(`/api/v1/complaints/${c.id}/transition`, { version: named.data.version, to: 'verified' });
    const closed = await quality.post(`/api/v1/complaints/${c.id}/transition`, { version: verified.data.version, to: 'closed' });
    expect(closed.statusCode).toBe(200);
    expect(closed.data).toMatchObject({ status: 'closed', missing: [], responsibleName: '张伟（工程师）' });
    expect((await quality.patch(`/api/v1/complaints/${c.id}`, { version: closed.data.version, matter: 'x' })).statusCode).toBe(409);
  });

  it('a justified no-investigation also completes a file', () => {
    const base = {
      deviceIdentifier: 'SN1',
      receivedAt: new Date(),
      complainantName: 'a',
      matter: 'm',
      cause: 'billing',
      ownerId: 'u',
      reportable: false,
      reportabilityReason: 'r',
      noInvestigationReason: '收费误解，已解释，无需调查',
      investigationStartedOn: null,
      investigationEndedOn: null,
      investigationResult: null,
      rootCause: null,
      correctiveAction: null,
      reply: '已解释',
      repliedAt: new Date(),
      verification: null,
      substantiated: false,
      responsibleId: null,
    };
    expect(missingForClosure(base)).toEqual([]);
    expect(missingForClosure({ ...base, noInvestigationReason: null })).toEqual([
      'investigationStartedOn',
      'investigationEndedOn',
      'investigationResult',
      'rootCause',
      'correctiveAction',
      'verification',
    ]);
    expect(missingForClosure({ ...base, deviceIdentifier: ' ', reportable: null })).toEqual(['deviceIdentifier', 'reportable']);
  });

  it('the database refuses a closed file without the R-CP-4 fields even if the service is bypassed', async () => {
    await expect(env.database.exec(`update complaints set reply = null where id = '${c.id}'`)).rejects.toThrow(/complaints_closed_complete_ck/);
  });

  it('the file tells each caller what it allows, exactly when its endpoints accept (issue 11 item 3)', async () => {
    // Closed: final for everyone; the endpoints refuse (409).
    const closed = (await quality.get(`/api/v1/complaints/${c.id}`)).data;
    expect(closed.abilities).toEqual({ update: false, transition: false });
    expect((await quality.patch(`/api/v1/complaints/${c.id}`, { version: closed.version, matter: 'x' })).statusCode).toBe(409);
    expect((await quality.post(`/api/v1/complaints/${c.id}/transition`, { version: closed.version, to: 'investigating' })).statusCode).toBe(409);
    // Open: the handlers edit and step it; the dispatcher who registered it and an engineer only read (403).
    const r = await dispatcher.post('/api/v1/complaints', {
      channel: 'hotline',
      receivedAt: '2025-01-10T02:00:00Z',
      customerId: await customerOf('ST5020-21-0031'),
      complainantName: '李明',
      matter: '电话无人接听',
      severity: 'minor',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data.abilities).toEqual({ update: false, transition: false });
    expect((await engineer.get(`/api/v1/complaints/${r.data.id}`)).data.abilities).toEqual({ update: false, transition: false });
    expect((await dispatcher.patch(`/api/v1/complaints/${r.data.id}`, { version: r.data.version, matter: 'x' })).statusCode).toBe(403);
    expect((await dispatcher.post(`/api/v1/complaints/${r.data.id}/transition`, { version: r.data.version, to: 'replied' })).statusCode).toBe(403);
    const mine = (await quality.get(`/api/v1/complaints?pageSize=200`)).data.items.find((x: { id: string }) => x.id === r.data.id);
    expect(mine.abilities).toEqual({ update: true, transition: true });
    const edited = await quality.patch(`/api/v1/complaints/${r.data.id}`, { version: r.data.version, cause: 'service_attitude' });
    expect(edited.statusCode, edited.body).toBe(200);
    const stepped = await quality.post(`/api/v1/complaints/${r.data.id}/transition`, { version: edited.data.version, to: edited.data.nextSteps[0] });
    expect(stepped.statusCode, stepped.body).toBe(200);
  });
});

describe('major complaints, repeats and monthly statistics (R-CP-2, R-CP-3, R-CP-5)', () => {
  it('a major complaint notifies the executive at once; the same cause again for the customer is a repeat and counts double', async () => {
    const customerId = await customerOf('ST5020-23-0220');
    const body = {
      channel: 'hotline',
      receivedAt: '2026-11-17T02:00:00Z',
      customerId,
      complainantName: '陈立',
      deviceId: await deviceId(env, 'ST5020-23-0220'),
      matter: '工程师两次未按约定时间到达',
      cause: 'response_time',
      severity: 'major',
    };
    const first = await dispatcher.post('/api/v1/complaints', body);
    expect(first.statusCode).toBe(201);
    expect(await notified(env, 'complaint_major', first.data.id)).toEqual(['executive', 'manager']);
    expect(first.data.deadline).toBe('2026-11-20');
    const second = await dispatcher.post('/api/v1/complaints', { ...body, receivedAt: '2026-11-19T02:00:00Z', severity: 'normal', matter: '又一次迟到' });
    expect(second.data).toMatchObject({ repeatOfId: first.data.id, weight: 2 });
    const otherCause = await dispatcher.post('/api/v1/complaints', {
      ...body,
      receivedAt: '2026-11-19T03:00:00Z',
      severity: 'minor',
      cause: 'billing',
      matter: '收费不清',
    });
    expect(otherCause.data.repeatOfId).toBeNull();

    const stats = await manager.get('/api/v1/complaints/stats?month=2026-11');
    expect(stats.statusCode).toBe(200);
    expect(stats.data.total).toBe(4);
    expect(stats.data.weighted).toBe(5);
    expect(stats.data.byCause[0]).toMatchObject({ key: 'response_time', label: '响应及时性', complaints: 2, weighted: 3, repeats: 1 });
    expect(stats.data.byCustomer.find((l: { key: string }) => l.key === customerId)).toMatchObject({ complaints: 3, weighted: 4 });
    expect(stats.data.byStaff.map((l: { label: string }) => l.label)).toEqual(expect.arrayContaining(['张伟（工程师）', '王建国（售后服务经理）']));
    expect((await manager.get('/api/v1/complaints/stats?month=2026-10')).data.total).toBe(0);
    expect((await manager.get('/api/v1/complaints/stats?month=2026-13')).statusCode).toBe(400);
    expect((await dispatcher.get('/api/v1/complaints/stats?month=2026-11')).statusCode).toBe(403);

    const x = await manager.get('/api/v1/complaints/stats?month=2026-11&format=xlsx');
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('投诉编号');
    expect(ws.rowCount).toBe(5);
  });
});
