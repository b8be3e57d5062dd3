// Maintenance templates story (issue 13 §1, R-PM-1; seed 004 §4 保养: 清洁、润滑、紧固、校准、更换易损件,
// 运行参数): the service manager writes a template for a model (tasks, checks with ranges and
// units, a parts kit from the catalogue), engineers read it and a model resolves to its own
// template or its category's; hospital users see none of it; stale edits get 409; bad input a
// translated 422 naming the field, with nothing saved; every write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, one } from '../../test/service.ts';

let env: TestEnv;
let manager: Client;
let engineer: Client;
let dispatcher: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const put = (c: Client, url: string, body: unknown, headers?: Record<string, string>) => c.raw({ method: 'PUT', url, payload: body as object, headers });

beforeAll(async () => {
  env = await createTestEnv();
  [manager, engineer, dispatcher, renhe] = await Promise.all(['manager', 'engineer', 'dispatcher', 'renhe'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const modelOf = async (code: string) => (await one<{ id: string }>(env, `select id from device_models where code = '${code}'`)).id;
const template = (modelId: string) => ({
  modelId,
  name: '磁共振季度保养',
  intervalMonths: 3,
  estimatedMinutes: 180,
  minOnSiteMinutes: 90,
  photosRequired: 3,
  tasks: [
    { key: 'clean_coils', label: '清洁线圈及检查床', kind: 'clean' },
    { key: 'calibrate', label: '中心频率校准', kind: 'calibrate' },
  ],
  checks: [
    { key: 'room_temp', label: '磁体间温度', unit: '°C', min: 18, max: 22 },
    { key: 'helium', label: '液氦液面', unit: '%', min: 60, max: null },
    { key: 'cold_head', label: '冷头声音', expected: '规律正常' },
  ],
  partsKit: [{ partCode: 'bj-ct-filter', qty: 1 }],
});

describe('R-PM-1 maintenance templates per model or category', () => {
  let created: { id: string; version: number };

  it('seeded demo templates: the CT has tube and dose checks, the stainer temperature and reagent checks, monitors a category template', async () => {
    const r = await engineer.get('/api/v1/maintenance-templates?q=CT');
    expect(r.statusCode).toBe(200);
    const ct = r.data.items.find((t: { modelCode: string }) => t.modelCode === 'CT-760');
    expect(ct.checks.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['tube_kv', 'dose_dev']));
    expect(ct.partsKit).toEqual([{ partCode: 'BJ-CT-FILTER', qty: 2, partName: 'CT 空调滤网' }]);
    const st = await engineer.get(`/api/v1/device-models/${await modelOf('ST-5020')}/maintenance-template`);
    expect(st.data.checks.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['oven_temp', 'reagent_volume']));
    const pm = await engineer.get(`/api/v1/device-models/${await modelOf('PM-9000')}/maintenance-template`);
    expect(pm.data).toMatchObject({ category: 'patient_monitor', modelId: null, name: '监护仪半年巡检' });
  });

  it('a model with neither its own nor a category template: 404', async () => {
    const r = await engineer.get(`/api/v1/device-models/${await modelOf('MR-1.5T')}/maintenance-template`);
    expect(r.statusCode).toBe(404);
  });

  it('the service manager creates a template for the MR; the part code is stored as the catalogue spells it; audited as 保养模板', async () => {
    const r = await manager.post('/api/v1/maintenance-templates', template(await modelOf('MR-1.5T')));
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({
      modelCode: 'MR-1.5T',
      version: 1,
      intervalMonths: 3,
      partsKit: [{ partCode: 'BJ-CT-FILTER', qty: 1, partName: 'CT 空调滤网' }],
    });
    expect(r.data.checks[1]).toEqual({ key: 'helium', label: '液氦液面', unit: '%', min: 60, max: null, expected: null });
    created = r.data;
    expect(await count(env, `select count(*) n from audit_log where entity = 'maintenance_template' and entity_id = '${created.id}'`)).toBe(1);
    // Now the MR resolves to it, and the filter by model finds it.
    const resolved = await engineer.get(`/api/v1/device-models/${await modelOf('MR-1.5T')}/maintenance-template`);
    expect(resolved.data.id).toBe(created.id);
    const list = await dispatcher.get(`/api/v1/maintenance-templates?modelId=${await modelOf('MR-1.5T')}`);
    expect(list.data.items.map((t: { id: string }) => t.id)).toEqual([created.id]);
    expect((await dispatcher.get('/api/v1/maintenance-templates?category=mri')).data.total).toBe(1);
  });

  it('one template per model: a second for the MR is a translated 409 naming modelId', async () => {
    const r = await manager.post('/api/v1/maintenance-templates', { ...template(await modelOf('MR-1.5T')), name: '另一个' }, EN);
    expect(r.statusCode).toBe(409);
    expect(r.data.fields).toEqual([expect.objectContaining({ field: 'modelId', code: 'duplicate' })]);
  });

  it('engineers read; they cannot write; hospital users get 403 on every endpoint', async () => {
    expect((await engineer.get(`/api/v1/maintenance-templates/${created.id}`)).statusCode).toBe(200);
    expect((await engineer.post('/api/v1/maintenance-templates', template(await modelOf('LA-VB')))).statusCode).toBe(403);
    expect((await put(engineer, `/api/v1/maintenance-templates/${created.id}`, { ...template(await modelOf('MR-1.5T')), version: 1 })).statusCode).toBe(403);
    expect((await renhe.get('/api/v1/maintenance-templates')).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/maintenance-templates/${created.id}`)).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/device-models/${await modelOf('CT-760')}/maintenance-template`)).statusCode).toBe(403);
  });

  it('editing with the version read; a stale version gets 409 and changes nothing', async () => {
    const body = { ...template(await modelOf('MR-1.5T')), intervalMonths: 6, version: created.version };
    const r = await put(manager, `/api/v1/maintenance-templates/${created.id}`, body);
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ version: 2, intervalMonths: 6 });
    const stale = await put(manager, `/api/v1/maintenance-templates/${created.id}`, { ...body, intervalMonths: 12 });
    expect(stale.statusCode).toBe(409);
    expect((await one<{ interval_months: number }>(env, `select interval_months from maintenance_templates where id = '${created.id}'`)).interval_months).toBe(
      6,
    );
  });

  it('bad input: a translated 422 naming each field (min above max, neither range nor expected, unknown part, interval out of bounds); nothing half-saved', async () => {
    const before = await count(env, 'select count(*) n from maintenance_templates');
    const audits = await count(env, `select count(*) n from audit_log where entity = 'maintenance_template'`);
    const t = template(await modelOf('LA-VB'));
    const r = await manager.post(
      '/api/v1/maintenance-templates',
      {
        ...t,
        checks: [
          { key: 'dose', label: '剂量输出偏差', unit: '%', min: 3, max: -3 },
          { key: 'door', label: '门联锁' },
        ],
        partsKit: [{ partCode: 'NO-SUCH-PART', qty: 1 }],
      },
      EN,
    );
    expect(r.statusCode).toBe(422);
    expect(r.data.fields).toEqual([
      expect.objectContaining({ field: 'checks.0.max', code: 'range_order', message: 'Must not be below the minimum (3)' }),
      expect.objectContaining({ field: 'checks.1.min', code: 'range_or_expected' }),
      expect.objectContaining({ field: 'partsKit.0.partCode', code: 'not_found' }),
    ]);
    const zh = await manager.post('/api/v1/maintenance-templates', { ...t, intervalMonths: 25 });
    expect(zh.statusCode).toBe(422);
    expect(zh.data.fields).toEqual([expect.objectContaining({ field: 'intervalMonths', code: 'too_big' })]);
    expect(zh.data.fields[0].message).toMatch(/24/);
    // A shape error (an unknown task kind) is refused by the schema: 400, translated, naming the field.
    const kind = await manager.post('/api/v1/maintenance-templates', { ...t, tasks: [{ key: 'x', label: '抛光', kind: 'polish' }] });
    expect(kind.statusCode).toBe(400);
    expect(kind.data.fields).toEqual([expect.objectContaining({ field: 'tasks.0.kind', code: 'invalid_value' })]);
    const noScope = await manager.post('/api/v1/maintenance-templates', { ...t, modelId: null });
    expect(noScope.statusCode).toBe(422);
    expect(noScope.data.fields).toEqual([expect.objectContaining({ field: 'modelId', code: 'required' })]);
    const twoScopes = await manager.post('/api/v1/maintenance-templates', { ...t, category: 'linac' });
    expect(twoScopes.statusCode).toBe(422);
    expect(twoScopes.data.fields).toEqual([expect.objectContaining({ field: 'category', code: 'invalid' })]);
    // A bad edit leaves the saved template as it was.
    const bad = await put(manager, `/api/v1/maintenance-templates/${created.id}`, { ...template(await modelOf('MR-1.5T')), minOnSiteMinutes: 500, version: 2 });
    expect(bad.statusCode).toBe(422);
    expect(bad.data.fields).toEqual([expect.objectContaining({ field: 'minOnSiteMinutes', code: 'too_big' })]);
    expect(await count(env, 'select count(*) n from maintenance_templates')).toBe(before);
    expect(await count(env, `select count(*) n from audit_log where entity = 'maintenance_template'`)).toBe(audits);
    expect((await one<{ version: number }>(env, `select version from maintenance_templates where id = '${created.id}'`)).version).toBe(2);
  });

  it('a category template applies to every model of the category without its own', async () => {
    const r = await manager.post('/api/v1/maintenance-templates', {
      category: 'linac',
      name: '加速器月检',
      intervalMonths: 1,
      estimatedMinutes: 120,
      minOnSiteMinutes: 60,
      photosRequired: 2,
      tasks: [{ key: 'mlc', label: '多叶光栅检查', kind: 'check' }],
      checks: [{ key: 'output', label: '输出剂量偏差', unit: '%', min: -2, max: 2 }],
    });
    expect(r.statusCode).toBe(201);
    const resolved = await engineer.get(`/api/v1/device-models/${await modelOf('LA-VB')}/maintenance-template`);
    expect(resolved.data).toMatchObject({ id: r.data.id, category: 'linac', partsKit: [] });
  });
});
