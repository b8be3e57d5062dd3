// Stories of SLA administration: the business calendar (R-SLA-1) and versioned policies
// (R-SLA-2, R-SLA-4) — a new version applies to requests received after it, never to clocks
// already running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type Res, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let admin: Client;
let manager: Client;
let dispatcher: Client;
let calendarId: string;

const put = (c: Client, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Res> =>
  c.raw({ method: 'PUT', url, payload: body as object, headers });

const office = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.as('admin');
  manager = await env.as('manager');
  dispatcher = await env.as('dispatcher');
  calendarId = (await admin.get('/api/v1/sla/calendars')).data.items[0].id;
});
afterAll(() => env?.close());

describe('business calendar (R-SLA-1)', () => {
  it('the default calendar is mainland office hours with the official schedule', async () => {
    const r = await dispatcher.get(`/api/v1/sla/calendars/${calendarId}`);
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ isDefault: true, timeZone: 'Asia/Shanghai', useOfficialChina: true, version: 1, holidays: [], makeUpWorkdays: [] });
    expect(r.data.weeklyHours['1']).toEqual(office);
    expect(r.data.weeklyHours['7']).toEqual([]);
  });

  it('invalid calendar input is refused with field errors and changes nothing', async () => {
    const before = (await admin.get(`/api/v1/sla/calendars/${calendarId}`)).data;
    const r = await put(admin, `/api/v1/sla/calendars/${calendarId}`, {
      version: before.version,
      name: before.name,
      timeZone: 'Mars/Olympus',
      weeklyHours: {
        ...before.weeklyHours,
        '1': [{ start: '8:30', end: '12:00' }],
        '2': [{ start: '14:00', end: '13:00' }],
        '3': [
          { start: '08:30', end: '12:00' },
          { start: '11:00', end: '17:30' },
        ],
      },
      useOfficialChina: true,
      holidays: ['2026-02-30', '2026-12-31'],
      makeUpWorkdays: ['2026-12-31'],
      makeUpHours: office,
    });
    expect(r.statusCode).toBe(400);
    expect(r.data.code).toBe('validation_failed');
    const byField = Object.fromEntries(r.data.fields.map((f: { field: string; code: string; message: string }) => [f.field, f]));
    expect(byField['weeklyHours.1.0.start']).toMatchObject({ code: 'invalid_format', message: '格式错误（HH:mm）' });
    expect(byField['weeklyHours.2.0.end'].code).toBe('time_order');
    expect(byField['weeklyHours.3.1.start'].code).toBe('time_overlap');
    expect(byField.timeZone.code).toBe('invalid_time_zone');
    expect(byField['holidays.0'].code).toBe('invalid_format');
    expect(byField['makeUpWorkdays.0']).toMatchObject({ code: 'holiday_and_makeup', message: '2026-12-31 不能既是假日又是调休工作日' });
    expect((await admin.get(`/api/v1/sla/calendars/${calendarId}`)).data).toEqual(before);

    const empty = await put(
      admin,
      `/api/v1/sla/calendars/${calendarId}`,
      { ...strip(before), weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, []])) },
      { 'accept-language': 'en-US' },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.data.fields[0]).toMatchObject({ field: 'weeklyHours', code: 'no_working_time', message: 'The week needs at least one working interval' });
    expect((await admin.get(`/api/v1/sla/calendars/${calendarId}`)).data.version).toBe(before.version);
  });

  it('the manager adds a company holiday and a Saturday shift: versioned, audited; a stale save gets 409', async () => {
    const before = (await manager.get(`/api/v1/sla/calendars/${calendarId}`)).data;
    const r = await put(manager, `/api/v1/sla/calendars/${calendarId}`, {
      ...strip(before),
      weeklyHours: { ...before.weeklyHours, '6': [{ start: '09:00', end: '12:00' }] },
      holidays: ['2026-12-24', '2026-12-24'],
      makeUpWorkdays: [],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ version: before.version + 1, holidays: ['2026-12-24'] });
    expect(r.data.weeklyHours['6']).toEqual([{ start: '09:00', end: '12:00' }]);
    const stale = await put(admin, `/api/v1/sla/calendars/${calendarId}`, { ...strip(before) });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.currentVersion).toBe(before.version + 1);
    const trail = await admin.get(`/api/v1/audit?entity=business_calendar&entityId=${calendarId}`);
    expect(trail.data.items[0]).toMatchObject({ action: 'update', actorName: '王建国（售后服务经理）' });
  });

  it('others read the calendars but cannot change them; hospital users cannot see them', async () => {
    const before = (await dispatcher.get(`/api/v1/sla/calendars/${calendarId}`)).data;
    expect((await put(dispatcher, `/api/v1/sla/calendars/${calendarId}`, strip(before))).statusCode).toBe(403);
    const hospital = await env.as('renhe');
    expect((await hospital.get('/api/v1/sla/calendars')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/sla/calendars/00000000-0000-4000-8000-000000000001')).statusCode).toBe(404);
  });
});

function strip(c: Record<string, unknown>) {
  const { id: _i, isDefault: _d, officialScheduleKnownUntil: _o, createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}

type Policy = Record<string, unknown> & { id: string; name: string; versionNo: number; inForce: boolean };
function body(p: Policy, over: Record<string, unknown> = {}) {
  const { respond, arrive, restore, warningPercent, loanerAfterArrivalMinutes, loanerWithinMinutesOfRequest } = p;
  return {
    name: p.name,
    basedOnVersion: p.versionNo,
    respond,
    arrive,
    restore,
    warningPercent,
    loanerAfterArrivalMinutes,
    loanerWithinMinutesOfRequest,
    ...over,
  };
}

describe('SLA policies (R-SLA-2, R-SLA-4)', () => {
  let v1: Policy;

  it('the default policy carries the SPEC defaults', async () => {
    const r = await dispatcher.get('/api/v1/sla/policies');
    expect(r.statusCode).toBe(200);
    v1 = r.data.items.find((p: Policy) => p.isDefault);
    expect(v1).toMatchObject({ name: '标准服务', versionNo: 1, inForce: true, warningPercent: 75 });
    expect(v1.respond).toMatchObject({ normal: { minutes: 60, basis: 'working' }, emergency: { minutes: 15, basis: 'calendar' } });
    expect(v1.arrive).toMatchObject({ normal: { urban: { minutes: 180, basis: 'working' }, remote: { minutes: 2880, basis: 'calendar' } } });
    expect((await dispatcher.get(`/api/v1/sla/policies/${v1.id}`)).data).toEqual(v1);
  });

  it('a policy version edit does not move existing deadlines; requests received after it get the new targets', async () => {
    const device = (await env.database.query<{ id: string }>(`select id from devices where serial_number = 'PM9000-26-0301'`)).rows[0].id;
    const reg = async (receivedAt?: string) => {
      const r = await dispatcher.post('/api/v1/requests', {
        deviceId: device,
        faultDescription: '血氧读数不稳定',
        deviceDown: false,
        reporterName: '王红',
        reporterPhone: '13801010001',
        ...(receivedAt ? { receivedAt } : {}),
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.data;
    };
    const respondOf = (r: { clocks: { kind: string; targetMinutes: number; dueAt: string }[] }) => r.clocks.find((c) => c.kind === 'respond');
    const existing = await reg();
    expect(respondOf(existing)?.targetMinutes).toBe(60);

    const r = await manager.post(
      '/api/v1/sla/policies',
      body(v1, { respond: { ...(v1.respond as object), normal: { minutes: 30, basis: 'working' } }, warningPercent: 50 }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ name: '标准服务', versionNo: 2, isDefault: true, warningPercent: 50, createdBy: '王建国（售后服务经理）' });

    // The request already registered keeps its clocks exactly as they were.
    const again = (await dispatcher.get(`/api/v1/requests/${existing.id}`)).data;
    expect(again.clocks).toEqual(existing.clocks);
    // A request received now runs on version 2; one received (back-dated) before it, on version 1.
    await new Promise((res) => setTimeout(res, 5));
    expect(respondOf(await reg())?.targetMinutes).toBe(30);
    expect(respondOf(await reg(new Date(Date.now() - 3600_000).toISOString()))?.targetMinutes).toBe(60);

    const list = (await dispatcher.get(`/api/v1/sla/policies?name=${encodeURIComponent('标准服务')}`)).data.items;
    expect(list.map((p: Policy) => [p.versionNo, p.inForce])).toEqual([
      [2, true],
      [1, false],
    ]);
    const trail = await admin.get(`/api/v1/audit?entity=sla_policy&entityId=${r.data.id}`);
    expect(trail.data.items[0].action).toBe('create');
  });

  it('two managers saving a new version from the same one: the second gets 409', async () => {
    const current = (await manager.get('/api/v1/sla/policies?name=%E6%A0%87%E5%87%86%E6%9C%8D%E5%8A%A1')).data.items[0] as Policy;
    const first = await manager.post('/api/v1/sla/policies', body(current));
    expect(first.statusCode).toBe(201);
    const second = await admin.post('/api/v1/sla/policies', body(current, { warningPercent: 80 }));
    expect(second.statusCode).toBe(409);
    expect(second.data.currentVersion).toBe(current.versionNo + 1);
  });

  it('a new named policy starts at version 1 on the default calendar and is in force from its effective time', async () => {
    const effectiveFrom = new Date(Date.now() + 3600_000).toISOString();
    const r = await admin.post('/api/v1/sla/policies', body(v1, { name: '急救设备保障', basedOnVersion: 0, effectiveFrom }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ name: '急救设备保障', versionNo: 1, isDefault: false, inForce: false, calendarId });
    expect(new Date(r.data.effectiveFrom).toISOString()).toBe(effectiveFrom);
  });

  it('bad policy input is refused with translated field errors and creates nothing', async () => {
    const count = async () => (await admin.get('/api/v1/sla/policies')).data.items.length;
    const n = await count();
    const current = (await manager.get(`/api/v1/sla/policies?name=${encodeURIComponent('标准服务')}`)).data.items[0] as Policy;
    const shape = await manager.post(
      '/api/v1/sla/policies',
      body(current, { warningPercent: 100, respond: { ...(current.respond as object), urgent: { minutes: 0, basis: 'hours' } } }),
      { 'accept-language': 'en-US' },
    );
    expect(shape.statusCode).toBe(400);
    expect(shape.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['respond.urgent.basis', 'respond.urgent.minutes', 'warningPercent']);
    expect(shape.data.fields.find((f: { field: string }) => f.field === 'warningPercent').message).toMatch(/maximum 99/);
    const past = await manager.post('/api/v1/sla/policies', body(current, { effectiveFrom: '2026-01-01T00:00:00+08:00' }));
    expect(past.statusCode).toBe(422);
    expect(past.data).toMatchObject({ code: 'effective_in_past', fields: [{ field: 'effectiveFrom', code: 'not_in_past' }] });
    const ghost = await manager.post('/api/v1/sla/policies', body(current, { calendarId: '00000000-0000-4000-8000-000000000001' }));
    expect(ghost.statusCode).toBe(422);
    expect(ghost.data.fields[0]).toMatchObject({ field: 'calendarId', code: 'not_found' });
    expect(await count()).toBe(n);
  });

  it('issue 12 (seed 003 1-3个工作日): the installation time limit in working days is saved with a version, kept when left out, and 1–10 only', async () => {
    const latest = async () => (await manager.get(`/api/v1/sla/policies?name=${encodeURIComponent('标准服务')}`)).data.items[0] as Policy;
    const current = await latest();
    expect(current.installationWorkingDays).toBe(3);
    const r = await manager.post('/api/v1/sla/policies', body(current, { installationWorkingDays: 5 }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data.installationWorkingDays).toBe(5);
    // A save that does not send the field (an older editor) keeps the previous version's, not the default.
    const kept = await manager.post('/api/v1/sla/policies', body(r.data, { warningPercent: 70 }));
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.data.installationWorkingDays).toBe(5);
    const n = (await admin.get('/api/v1/sla/policies')).data.items.length;
    for (const bad of [0, 11, 2.5, '3']) {
      const x = await manager.post('/api/v1/sla/policies', body(kept.data, { installationWorkingDays: bad }), { 'accept-language': 'en-US' });
      expect(x.statusCode, String(bad)).toBe(400);
      expect(x.data.fields.map((f: { field: string }) => f.field)).toEqual(['installationWorkingDays']);
    }
    const zh = await manager.post('/api/v1/sla/policies', body(kept.data, { installationWorkingDays: 11 }));
    expect(zh.data.fields[0].message).toMatch(/最大 10/);
    expect((await admin.get('/api/v1/sla/policies')).data.items.length).toBe(n);
    expect((await latest()).installationWorkingDays).toBe(5);
  });

  it('engineers read policies but cannot add versions; hospital users see nothing', async () => {
    const engineer = await env.as('engineer');
    expect((await engineer.get('/api/v1/sla/policies')).statusCode).toBe(200);
    expect((await engineer.post('/api/v1/sla/policies', body(v1))).statusCode).toBe(403);
    const hospital = await env.as('ruikang');
    expect((await hospital.get('/api/v1/sla/policies')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/sla/policies/00000000-0000-4000-8000-000000000001')).statusCode).toBe(404);
  });
});
