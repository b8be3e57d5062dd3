// Stories of dispatching (R-DSP-1, R-DSP-2), the at-risk list (R-SLA-4) and the engineer
// profiles the suggestions are ranked from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type Res, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let dispatcher: Client;
let manager: Client;
const ids = new Map<string, string>();
const DAY = 86_400_000;

const put = (c: Client, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Res> =>
  c.raw({ method: 'PUT', url, payload: body as object, headers });

async function register(serial: string, over: Record<string, unknown> = {}) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: ids.get(serial),
    faultDescription: '设备报错，无法开机',
    deviceDown: true,
    reporterName: '王红',
    reporterPhone: '13801010001',
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.data as { id: string; number: string; workOrderId: string; workOrderNumber: string };
}

async function dispatchTo(workOrderId: string, username: string) {
  const wo = (await dispatcher.get(`/api/v1/work-orders/${workOrderId}`)).data;
  const r = await dispatcher.post(`/api/v1/work-orders/${workOrderId}/dispatch`, { version: wo.version, leadEngineerId: ids.get(username), helperIds: [] });
  expect(r.statusCode, r.body).toBe(200);
}

type Item = { workOrderId: string; nextDeadlineAt: string | null; [k: string]: unknown };
const sortedByDeadline = (items: Item[]) => {
  const d = items.map((i) => i.nextDeadlineAt ?? '9999');
  return d.every((x, i) => i === 0 || d[i - 1] <= x);
};

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  manager = await env.as('manager');
  for (const r of (await env.database.query<{ id: string; serial_number: string }>('select id, serial_number from devices')).rows)
    ids.set(r.serial_number, r.id);
  for (const r of (await env.database.query<{ id: string; username: string }>('select id, username from users')).rows) ids.set(r.username, r.id);
  for (const r of (await env.database.query<{ id: string; code: string }>('select id, code from device_models')).rows) ids.set(`m/${r.code}`, r.id);
});
afterAll(() => env?.close());

let fresh: { id: string; number: string; workOrderId: string };

describe('dispatch board (R-DSP-1, R-DSP-2)', () => {
  it('a fresh request shows under unassigned; opening it ranks the engineers: the trained engineer based in the city first', async () => {
    fresh = await register('ST5020-25-0412'); // 北京仁和医院, pathology stainer
    const r = await dispatcher.get('/api/v1/dispatch/board');
    expect(r.statusCode).toBe(200);
    const item = r.data.unassigned.find((i: Item) => i.workOrderId === fresh.workOrderId);
    expect(item).toMatchObject({
      requestNumber: fresh.number,
      status: 'new',
      version: 1,
      customerName: '北京仁和医院',
      city: '北京',
      regionClass: 'urban',
      category: 'pathology_stainer',
      serialNumber: 'ST5020-25-0412',
      leadName: null,
      nextDeadlineKind: 'respond',
    });
    expect(item.nextDeadlineAt).toEqual(expect.any(String));
    expect(item.percentElapsed).toBeGreaterThanOrEqual(0);
    const ranked = await dispatcher.get(`/api/v1/dispatch/suggestions?workOrderId=${fresh.workOrderId}`);
    expect(ranked.data.items[0]).toMatchObject({ userId: ids.get('engineer'), reasons: ['model_skill', 'same_area', 'home_base', 'light_load'] });
    expect(sortedByDeadline(r.data.unassigned)).toBe(true);
    expect(r.data.atRisk.some((i: Item) => i.workOrderId === fresh.workOrderId)).toBe(false);
  });

  it('ranking puts the trained, nearby, lightly loaded engineer first', async () => {
    // The technician is trained on the same model and based in Beijing too; the engineer gets busy.
    const tech = (await manager.get(`/api/v1/engineer-profiles/${ids.get('technician')}`)).data;
    const saved = await put(manager, `/api/v1/engineer-profiles/${ids.get('technician')}`, {
      version: tech.version,
      modelIds: [...tech.modelIds, ids.get('m/ST-5020')],
      categories: tech.categories,
      areas: [...tech.areas, '北京'],
      homeBase: '北京',
      active: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const serial of ['ST5020-21-0031', 'TP8000-24-0107']) await dispatchTo((await register(serial)).workOrderId, 'engineer');

    const r = await dispatcher.get(`/api/v1/dispatch/suggestions?workOrderId=${fresh.workOrderId}`);
    expect(r.statusCode).toBe(200);
    const [first, second] = r.data.items;
    expect(first).toMatchObject({ userId: ids.get('technician'), openLoad: 0, reasons: ['model_skill', 'same_area', 'home_base', 'light_load'] });
    expect(second).toMatchObject({ userId: ids.get('engineer'), openLoad: 2, reasons: ['model_skill', 'same_area', 'home_base'] });
    expect(first.score).toBeGreaterThan(second.score);
    // The full ranking lists every dispatchable engineer, technician and expert.
    expect(r.data.items.map((i: { userId: string }) => i.userId).sort()).toEqual(
      ['engineer', 'engineer2', 'technician', 'expert'].map((u) => ids.get(u)).sort(),
    );
  });

  it('an engineer marked unavailable is not suggested', async () => {
    const expert = (await manager.get(`/api/v1/engineer-profiles/${ids.get('expert')}`)).data;
    const off = await put(manager, `/api/v1/engineer-profiles/${ids.get('expert')}`, { ...pick(expert), version: expert.version, active: false });
    expect(off.statusCode, off.body).toBe(200);
    const r = await dispatcher.get(`/api/v1/dispatch/suggestions?workOrderId=${fresh.workOrderId}`);
    expect(r.data.items.map((i: { userId: string }) => i.userId)).not.toContain(ids.get('expert'));
    await put(manager, `/api/v1/engineer-profiles/${ids.get('expert')}`, { ...pick(expert), version: off.data.version, active: true });
  });

  it('an overdue clock appears in at-risk, on the board and in the manager’s list with owner and lead', async () => {
    const late = await register('UCT760-23-1009', { receivedAt: new Date(Date.now() - 14 * DAY).toISOString(), deviceDown: false });
    await dispatchTo(late.workOrderId, 'engineer2');

    const board = (await dispatcher.get('/api/v1/dispatch/board')).data;
    const item = board.atRisk.find((i: Item) => i.workOrderId === late.workOrderId);
    expect(item).toMatchObject({ status: 'dispatched', leadName: '刘洋（工程师）', flagged: false });
    expect(item.percentElapsed).toBeGreaterThan(100);
    expect(sortedByDeadline(board.atRisk)).toBe(true);
    expect(board.unassigned.some((i: Item) => i.workOrderId === late.workOrderId)).toBe(false);

    const list = await manager.get('/api/v1/dispatch/at-risk');
    expect(list.statusCode).toBe(200);
    const clocks = list.data.items.filter((i: { requestId: string }) => i.requestId === late.id);
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.find((c: { kind: string }) => c.kind === 'respond')).toMatchObject({
      state: 'breached',
      ownerId: ids.get('dispatcher'),
      ownerName: '李晓梅（客服）',
      leadId: ids.get('engineer2'),
      leadName: '刘洋（工程师）',
      workOrderStatus: 'dispatched',
      paused: false,
    });
    const due = list.data.items.map((i: { dueAt: string }) => i.dueAt);
    expect(due).toEqual([...due].sort());
    expect(list.data.items.every((i: { state: string; percentElapsed: number }) => i.state !== 'at_risk' || i.percentElapsed >= 75)).toBe(true);
    // The fresh request has hardly started: not at risk.
    expect(list.data.items.some((i: { requestId: string }) => i.requestId === fresh.id)).toBe(false);

    const breached = await manager.get('/api/v1/dispatch/at-risk?state=breached&kind=respond');
    expect(breached.data.items.every((i: { state: string; kind: string }) => i.state === 'breached' && i.kind === 'respond')).toBe(true);
    expect(breached.data.items.some((i: { requestId: string }) => i.requestId === late.id)).toBe(true);

    const xlsx = await manager.get('/api/v1/dispatch/at-risk/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a request left undispatched past close of business is flagged for the morning until it is dispatched', async () => {
    const old = await register('SV600-25-2201', { receivedAt: new Date(Date.now() - 14 * DAY).toISOString() });
    let board = (await dispatcher.get('/api/v1/dispatch/board')).data;
    const item = board.flaggedForMorning.find((i: Item) => i.workOrderId === old.workOrderId);
    expect(item).toMatchObject({ flagged: true, status: 'new', urgency: 'emergency' });
    expect(board.unassigned.find((i: Item) => i.workOrderId === old.workOrderId)?.flagged).toBe(true);
    expect(sortedByDeadline(board.flaggedForMorning)).toBe(true);

    await dispatchTo(old.workOrderId, 'engineer2');
    board = (await dispatcher.get('/api/v1/dispatch/board')).data;
    expect(board.flaggedForMorning.some((i: Item) => i.workOrderId === old.workOrderId)).toBe(false);
    expect(board.unassigned.some((i: Item) => i.workOrderId === old.workOrderId)).toBe(false);
    expect(board.atRisk.some((i: Item) => i.workOrderId === old.workOrderId)).toBe(true);
  });

  it('a hospital user and an engineer get 403 on the board; without a session, 401', async () => {
    for (const who of ['renhe', 'engineer']) {
      const c = await env.as(who);
      for (const url of ['/api/v1/dispatch/board', '/api/v1/dispatch/at-risk', `/api/v1/dispatch/suggestions?workOrderId=${fresh.workOrderId}`]) {
        expect((await c.get(url)).statusCode, `${who} ${url}`).toBe(403);
      }
    }
    expect((await env.anonymous().get('/api/v1/dispatch/board')).statusCode).toBe(401);
  });

  it('suggestions for a missing or malformed work order: 404 and 400, translated', async () => {
    const missing = await dispatcher.get('/api/v1/dispatch/suggestions?workOrderId=00000000-0000-4000-8000-000000000001');
    expect(missing.statusCode).toBe(404);
    const bad = await dispatcher.get('/api/v1/dispatch/suggestions?workOrderId=x', { 'accept-language': 'en-US' });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.fields[0].field).toBe('querystring.workOrderId');
    expect(bad.data.detail).toMatch(/invalid/i);
  });
});

function pick(p: Record<string, unknown>) {
  return { modelIds: p.modelIds, categories: p.categories, areas: p.areas, homeBase: p.homeBase, notes: p.notes };
}

describe('engineer profiles (R-DSP-2 inputs)', () => {
  it('the manager lists engineers with their skills, areas and load, and can search them', async () => {
    const r = await manager.get('/api/v1/engineer-profiles?pageSize=50');
    expect(r.statusCode).toBe(200);
    expect(r.data.items.map((p: { username: string }) => p.username).sort()).toEqual(['engineer', 'engineer2', 'expert', 'technician']);
    const zhang = r.data.items.find((p: { username: string }) => p.username === 'engineer');
    expect(zhang).toMatchObject({ homeBase: '北京', active: true, openLoad: 2, version: 1 });
    expect(zhang.models.map((m: { code: string }) => m.code).sort()).toEqual(['MT-2255', 'ST-5020', 'TP-8000']);
    const q = await manager.get(`/api/v1/engineer-profiles?q=${encodeURIComponent('杭州')}`);
    expect(q.data.items.map((p: { username: string }) => p.username)).toEqual(['engineer2']);
    const busiest = (await manager.get('/api/v1/engineer-profiles?sort=-openLoad&pageSize=2')).data;
    expect(busiest.total).toBe(4);
    expect(busiest.items.map((p: { openLoad: number }) => p.openLoad)).toEqual([2, 2]);
    const linac = await dispatcher.get('/api/v1/engineer-profiles?category=linac');
    expect(linac.data.items.map((p: { username: string }) => p.username)).toEqual(['expert']);
  });

  it('a new engineer starts without a profile (version 0); saving creates it once, audited', async () => {
    const admin = await env.as('admin');
    const u = await admin.post('/api/v1/users', { username: 'engineer3', displayName: '孙强（工程师）', roles: ['engineer'], password: 'Engineer3-2026' });
    expect(u.statusCode, u.body).toBe(201);
    const blank = await manager.get(`/api/v1/engineer-profiles/${u.data.id}`);
    expect(blank.data).toMatchObject({ version: 0, modelIds: [], areas: [], active: true, updatedAt: null });
    const body = { version: 0, modelIds: [ids.get('m/SV-600'), ids.get('m/SV-600')], categories: ['ventilator'], areas: ['承德', '河北省'], homeBase: '承德' };
    const created = await put(manager, `/api/v1/engineer-profiles/${u.data.id}`, body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.data).toMatchObject({ version: 1, modelIds: [ids.get('m/SV-600')], homeBase: '承德' });
    const again = await put(manager, `/api/v1/engineer-profiles/${u.data.id}`, body);
    expect(again.statusCode).toBe(409);
    expect(again.data.currentVersion).toBe(1);
    const trail = await admin.get(`/api/v1/audit?entity=engineer_profile`);
    expect(trail.data.items.some((e: { action: string; after: { userId: string } }) => e.action === 'create' && e.after.userId === u.data.id)).toBe(true);
  });

  it('bad profile input is refused with the field named and changes nothing', async () => {
    const url = `/api/v1/engineer-profiles/${ids.get('engineer2')}`;
    const before = (await manager.get(url)).data;
    const ghost = await put(manager, url, { version: before.version, modelIds: ['00000000-0000-4000-8000-000000000009'] });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.data.fields[0]).toMatchObject({ field: 'modelIds', code: 'not_found' });
    const shape = await put(manager, url, { version: before.version, categories: ['toaster'], areas: [''], extra: 1 });
    expect(shape.statusCode).toBe(400);
    expect(shape.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['areas.0', 'categories.0', 'extra']);
    const stale = await put(manager, url, { version: before.version + 5, areas: ['上海'] });
    expect(stale.statusCode).toBe(409);
    expect((await manager.get(url)).data).toEqual(before);
  });

  it('only engineers have profiles; dispatchers read them but only managers and admins save them', async () => {
    expect((await manager.get(`/api/v1/engineer-profiles/${ids.get('dispatcher')}`)).statusCode).toBe(404);
    expect((await put(manager, `/api/v1/engineer-profiles/${ids.get('dispatcher')}`, { version: 0 })).statusCode).toBe(404);
    const url = `/api/v1/engineer-profiles/${ids.get('engineer')}`;
    const p = (await dispatcher.get(url)).data;
    expect((await put(dispatcher, url, { version: p.version })).statusCode).toBe(403);
    const engineer = await env.as('engineer');
    expect((await engineer.get('/api/v1/engineer-profiles')).statusCode).toBe(403);
  });
});
