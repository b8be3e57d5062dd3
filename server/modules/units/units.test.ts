// Organisation stories (issue 15 §1, R-ORG-1; seed 002 §12): a service manager builds a branch
// with a team and a branch manager; customers, engineers and warehouses are assigned to them; bad
// input is a translated 400/422 that changes nothing; SLA warnings, breaches and emergency calls
// for the branch's customers go to the branch manager first with the company's service managers
// in copy per the setting, while customers without a unit keep today's behaviour; the work-order,
// request and device lists and the daily report filter by unit (with its teams); the branch daily
// report is signed by the branch manager with his password before head office receives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../jobs/sweeps.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, notified, one } from '../../test/service.ts';

let env: TestEnv;
let admin: Client;
let manager: Client;
let dispatcher: Client;
let engineer: Client;
let boss: Client;
let bossId: string;
let branch: { id: string; version: number };
let team: { id: string; version: number };
let eastCustomer: string; // SH-RK, in the team
let plainCustomer: string; // BJ-RH, no unit
const EN = { 'accept-language': 'en-US' };

const unitCount = () => count(env, 'select count(*) n from units');
const serialOf = async (customerId: string) =>
  (await one<{ id: string }>(env, `select id from devices where customer_id = '${customerId}' and status = 'in_service' order by serial_number limit 1`)).id;

async function register(customerId: string, extra: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await serialOf(customerId),
    faultDescription: '开机报错',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    ...extra,
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.data as { id: string; workOrderId: string; clocks: { kind: string; warnAt: string; dueAt: string }[] };
}

beforeAll(async () => {
  env = await createTestEnv();
  [admin, manager, dispatcher, engineer] = await Promise.all(['admin', 'manager', 'dispatcher', 'engineer'].map((u) => env.as(u)));
  const u = await admin.post('/api/v1/users', {
    username: 'huadong',
    displayName: '林海（华东分公司经理）',
    roles: ['service_manager'],
    password: DEMO_PASSWORD,
  });
  if (u.statusCode !== 201) throw new Error(u.body);
  bossId = u.data.id;
  boss = await env.as('huadong');
  eastCustomer = (await one<{ id: string }>(env, `select id from customers where code = 'SH-RK'`)).id;
  plainCustomer = (await one<{ id: string }>(env, `select id from customers where code = 'BJ-RH'`)).id;
});
afterAll(() => env?.close());

describe('units: branches, service centres and teams with a manager (R-ORG-1)', () => {
  it('a service manager creates a branch with its manager and a team inside it; each audited', async () => {
    const b = await manager.post('/api/v1/units', { kind: 'branch', code: 'HD', name: '华东分公司', managerId: bossId });
    expect(b.statusCode, b.body).toBe(201);
    branch = b.data;
    const t = await manager.post('/api/v1/units', { kind: 'team', code: 'HD-SH', name: '上海服务小组', parentId: branch.id });
    expect(t.statusCode, t.body).toBe(201);
    team = t.data;
    expect(await count(env, `select count(*) n from audit_log where entity = 'unit' and entity_id in ('${branch.id}', '${team.id}')`)).toBe(2);
    const list = await engineer.get('/api/v1/units?q=华东');
    expect(list.data.items.map((x: { code: string }) => x.code)).toEqual(['HD']);
  });

  it('bad input is refused in the reader’s language and changes nothing', async () => {
    const before = await unitCount();
    const noParent = await manager.post('/api/v1/units', { kind: 'team', code: 'T1', name: '孤立小组' }, EN);
    expect(noParent.statusCode).toBe(422);
    expect(noParent.data.code).toBe('unit_team_needs_parent');
    expect(noParent.data.detail).toMatch(/branch or a service centre/);
    const branchUnder = await manager.post('/api/v1/units', { kind: 'branch', code: 'B2', name: '子分公司', parentId: branch.id });
    expect(branchUnder.statusCode).toBe(422);
    expect(branchUnder.data.code).toBe('unit_branch_top_level');
    const renhe = (await one<{ id: string }>(env, `select id from users where username = 'renhe'`)).id;
    const hospitalManager = await manager.post('/api/v1/units', { kind: 'branch', code: 'B3', name: '某分公司', managerId: renhe });
    expect(hospitalManager.statusCode).toBe(422);
    expect(hospitalManager.data.code).toBe('unit_manager_not_staff');
    expect((await manager.post('/api/v1/units', { kind: 'region', code: 'B4', name: 'x' })).statusCode).toBe(400);
    expect((await manager.post('/api/v1/units', { kind: 'branch', code: 'hd', name: '重复编号' })).statusCode).toBe(409);
    const cycle = await manager.patch(`/api/v1/units/${team.id}`, { version: team.version, kind: 'service_centre', parentId: team.id });
    expect([400, 422]).toContain(cycle.statusCode);
    expect((await engineer.post('/api/v1/units', { kind: 'branch', code: 'B5', name: '工程师建的' })).statusCode).toBe(403);
    expect(await unitCount()).toBe(before);
  });

  it('customers, engineers and warehouses are assigned to a unit; the unit page counts them', async () => {
    const c = await one<{ version: number }>(env, `select version from customers where id = '${eastCustomer}'`);
    const pc = await manager.patch(`/api/v1/customers/${eastCustomer}`, { version: c.version, unitId: team.id });
    expect(pc.statusCode, pc.body).toBe(200);
    expect(pc.data.unitId).toBe(team.id);
    const eng = await one<{ id: string; version: number }>(env, `select id, version from users where username = 'engineer'`);
    const pu = await admin.patch(`/api/v1/users/${eng.id}`, { version: eng.version, unitId: team.id });
    expect(pu.statusCode, pu.body).toBe(200);
    const wh = await one<{ id: string; version: number }>(env, 'select id, version from warehouses order by code limit 1');
    const pw = await admin.patch(`/api/v1/parts/warehouses/${wh.id}`, { version: wh.version, unitId: branch.id });
    expect(pw.statusCode, pw.body).toBe(200);
    const bad = await manager.patch(`/api/v1/customers/${plainCustomer}`, { version: 1, unitId: '00000000-0000-4000-8000-000000000000' });
    expect([409, 422]).toContain(bad.statusCode);
    const page = await engineer.get(`/api/v1/units/${team.id}/overview`);
    expect(page.data).toMatchObject({ parentName: '华东分公司', counts: { customers: 1, users: 1 } });
    const top = await engineer.get(`/api/v1/units/${branch.id}/overview`);
    expect(top.data).toMatchObject({ managerName: '林海（华东分公司经理）', counts: { warehouses: 1 } });
    expect(top.data.children.map((x: { code: string }) => x.code)).toEqual(['HD-SH']);
    expect((await manager.get(`/api/v1/customers?unitId=${team.id}`)).data.items.map((x: { id: string }) => x.id)).toEqual([eastCustomer]);
  });

  it('a branch manager finds his own branch (the lists’ default filter)', async () => {
    expect((await boss.get('/api/v1/units/mine')).data.items.map((x: { code: string }) => x.code)).toEqual(['HD']);
    expect((await manager.get('/api/v1/units/mine')).data.items).toEqual([]);
  });
});

describe('notices go to the unit manager first, the company managers per the copy rule (R-ORG-1)', () => {
  it('an emergency call for a branch customer reaches the branch manager and, by default, the company managers', async () => {
    const r = await register(eastCustomer, { urgency: 'emergency', urgencyReason: '生命支持设备停机' });
    const to = await notified(env, 'emergency_request', r.id);
    expect(to).toContain('huadong');
    expect(to).toContain('manager');
    expect(to).toContain('expert');
  });

  it('an SLA warning goes to the owner and the branch manager only; the breach copies the company managers', async () => {
    const r = await register(eastCustomer);
    const respond = r.clocks.find((c) => c.kind === 'respond');
    if (!respond) throw new Error('no respond clock');
    await sweep(env.database.db, new Date(new Date(respond.warnAt).getTime() + 1000));
    expect(await notified(env, 'sla_warning', r.id)).toEqual(['dispatcher', 'huadong']);
    await sweep(env.database.db, new Date(new Date(respond.dueAt).getTime() + 60_000));
    expect(await notified(env, 'sla_breach', r.id)).toEqual(['dispatcher', 'huadong', 'manager']);
  });

  it('with the copy rule at "never" the company managers are left out even of emergencies', async () => {
    const s = await manager.get('/api/v1/units/settings');
    expect(s.data.managerCopy).toBe('breaches');
    const bad = await manager.raw({ method: 'PUT', url: '/api/v1/units/settings', payload: { version: s.data.version, managerCopy: 'sometimes' } });
    expect(bad.statusCode).toBe(400);
    const put = await manager.raw({ method: 'PUT', url: '/api/v1/units/settings', payload: { version: s.data.version, managerCopy: 'never' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(await count(env, `select count(*) n from audit_log where entity = 'unit_settings'`)).toBe(1);
    const r = await register(eastCustomer, { urgency: 'emergency', urgencyReason: '停机' });
    const to = await notified(env, 'emergency_request', r.id);
    expect(to).toContain('huadong');
    expect(to).not.toContain('manager');
    const again = await manager.raw({ method: 'PUT', url: '/api/v1/units/settings', payload: { version: put.data.version, managerCopy: 'breaches' } });
    expect(again.statusCode).toBe(200);
  });

  it('a customer with no unit keeps today’s behaviour: every service manager, not the branch manager', async () => {
    const r = await register(plainCustomer, { urgency: 'emergency', urgencyReason: '停机' });
    const to = await notified(env, 'emergency_request', r.id);
    expect(to).toContain('manager');
    expect(to).toContain('huadong'); // a service manager too: company-wide, as before
    const w = await register(plainCustomer);
    const respond = w.clocks.find((c) => c.kind === 'respond');
    if (!respond) throw new Error('no respond clock');
    await sweep(env.database.db, new Date(new Date(respond.warnAt).getTime() + 1000));
    expect(await notified(env, 'sla_warning', w.id)).toEqual(['dispatcher', 'huadong', 'manager']);
  });
});

describe('lists and reports filter by unit, teams included (R-ORG-1)', () => {
  it('work orders, requests and devices of the branch are those of its team’s customers', async () => {
    const wo = await manager.get(`/api/v1/work-orders?unitId=${branch.id}&pageSize=100`);
    expect(wo.statusCode, wo.body).toBe(200);
    expect(wo.data.items.length).toBeGreaterThan(0);
    expect(wo.data.items.every((x: { customerId: string }) => x.customerId === eastCustomer)).toBe(true);
    const rq = await manager.get(`/api/v1/requests?unitId=${branch.id}&pageSize=100`);
    expect(rq.data.items.length).toBeGreaterThan(0);
    expect(rq.data.items.every((x: { customerId: string }) => x.customerId === eastCustomer)).toBe(true);
    const dv = await manager.get(`/api/v1/devices?unitId=${branch.id}&pageSize=100`);
    expect(dv.data.items.length).toBeGreaterThan(0);
    expect(dv.data.items.every((x: { customerId: string }) => x.customerId === eastCustomer)).toBe(true);
    expect((await manager.get(`/api/v1/devices?unitId=not-a-uuid`)).statusCode).toBe(400);
  });
});

describe('branch daily report: signed by the branch manager, then received by head office (seed 002 §12)', () => {
  let report: { id: string; version: number };
  const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

  it('the dispatcher prepares the branch’s report from the daily report filtered to the unit; an engineer may not', async () => {
    expect((await engineer.post('/api/v1/branch-reports', { unitId: branch.id, day })).statusCode).toBe(403);
    const r = await dispatcher.post('/api/v1/branch-reports', { unitId: branch.id, day });
    expect(r.statusCode, r.body).toBe(201);
    report = r.data;
    expect(r.data).toMatchObject({ status: 'draft', unitName: '华东分公司', signature: null });
    expect(r.data.content.requests.received).toBeGreaterThan(0);
    const all = await manager.get(`/api/v1/reports/supervisor-daily?date=${day}`);
    expect(r.data.content.requests.received).toBeLessThan(all.data.requests.received);
    expect((await dispatcher.post('/api/v1/branch-reports', { unitId: branch.id, day: '2026-02-30' })).statusCode).toBe(400);
  });

  it('a service manager who does not manage the branch cannot sign it (403); nothing written', async () => {
    const res = await manager.post(`/api/v1/branch-reports/${report.id}/sign`, { version: report.version, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(await count(env, `select count(*) n from e_signatures where entity = 'branch_daily_report'`)).toBe(0);
  });

  it('the branch manager’s wrong password is a 422 and nothing is written', async () => {
    const res = await boss.post(`/api/v1/branch-reports/${report.id}/sign`, { version: report.version, password: 'wrong-password' }, EN);
    expect(res.statusCode).toBe(422);
    expect(res.data.code).toBe('signature_password_invalid');
    expect(await count(env, `select count(*) n from e_signatures where entity = 'branch_daily_report'`)).toBe(0);
    expect((await one<{ status: string }>(env, `select status from branch_daily_reports where id = '${report.id}'`)).status).toBe('draft');
  });

  it('with his password he signs it (分公司日报审核签字): it goes to head office and can no longer change', async () => {
    const detail = await boss.get(`/api/v1/branch-reports/${report.id}`);
    expect(detail.data.abilities).toEqual({ sign: true, refresh: true, receive: false }); // a service manager may also refresh a draft
    const res = await boss.post(`/api/v1/branch-reports/${report.id}/sign`, { version: report.version, password: DEMO_PASSWORD, comment: '已审核' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ status: 'signed', signedByName: '林海（华东分公司经理）', signatureValid: true });
    expect(res.data.signature.meaningText).toMatch(/分公司日报审核签字/);
    report = res.data;
    expect((await boss.post(`/api/v1/branch-reports/${report.id}/sign`, { version: report.version, password: DEMO_PASSWORD })).statusCode).toBe(409);
    expect((await dispatcher.post('/api/v1/branch-reports', { unitId: branch.id, day })).statusCode).toBe(409);
    const inbox = await manager.get('/api/v1/branch-reports?status=signed');
    expect(inbox.data.items.map((x: { id: string }) => x.id)).toContain(report.id);
  });

  it('head office acknowledges receipt; the branch manager cannot receive his own report', async () => {
    expect((await boss.post(`/api/v1/branch-reports/${report.id}/receive`, { version: report.version })).statusCode).toBe(403);
    const res = await manager.post(`/api/v1/branch-reports/${report.id}/receive`, { version: report.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ status: 'received', receivedByName: expect.any(String), signatureValid: true });
    expect(await count(env, `select count(*) n from audit_log where entity = 'branch_daily_report' and entity_id = '${report.id}'`)).toBe(3);
  });
});
