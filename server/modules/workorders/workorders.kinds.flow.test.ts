// Issue 12 item 1 over HTTP: a dispatcher creates an installation work order (seed 003: installed
// and commissioned within 1–3 working days of the notice, a holiday and 调休 in between), the
// engineer works it to the customer's sign-off and review, and its report is 安装调试报告; a
// training job has no parts step; bad input is refused, translated, naming the field, saving nothing.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { at, count, deviceId, PNG_DATA_URL, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let hospital: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, hospital] = await Promise.all([env.as('dispatcher'), env.as('engineer'), env.as('renhe')]);
}, 60_000);
afterAll(() => env?.close());

async function pdfText(c: Client, id: string) {
  const r = await c.raw({ method: 'GET', url: `/api/v1/work-orders/${id}/report.pdf` });
  expect(r.statusCode).toBe(200);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(r.rawPayload)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe('issue 12: an installation work order from the notice to archive', () => {
  it('seed 003: notice on 30 Sep 2026 → due Sat 10 Oct 17:30 (National Day off, 调休 worked); worked, signed, reviewed; PDF 安装调试报告', async () => {
    const created = await dispatcher.post('/api/v1/work-orders', {
      kind: 'installation',
      deviceId: await deviceId(env, 'SV600-26-3107'),
      description: '新购呼吸机安装调试及操作培训（销售合同 XS-2026-118）',
      plannedDate: '2026-10-08',
      contactName: '急诊科 张主任',
      contactPhone: '021-55550000',
      notifiedAt: at('2026-09-30 10:00').toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const wo = created.data;
    expect(wo).toMatchObject({ kind: 'installation', status: 'new', plannedDate: '2026-10-08', category: 'warranty' });
    // The installation clock: the job's restore clock, due at the close of the 3rd working day.
    const req = (await dispatcher.get(`/api/v1/requests/${wo.requestId}`)).data;
    expect(req.clocks).toHaveLength(1);
    expect(req.clocks[0]).toMatchObject({ kind: 'restore', basis: 'working', dueAt: at('2026-10-10 17:30').toISOString() });
    // The list's kind filter finds it; the repair filter does not.
    const listed = (await dispatcher.get('/api/v1/work-orders?kind=installation')).data;
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(wo.id);
    expect(listed.items.every((i: { kind: string }) => i.kind === 'installation')).toBe(true);
    expect((await dispatcher.get('/api/v1/work-orders?kind=repair&pageSize=100')).data.items.map((i: { id: string }) => i.id)).not.toContain(wo.id);

    const get = async () => (await dispatcher.get(`/api/v1/work-orders/${wo.id}`)).data;
    const step = async (to: string) => {
      const r = await engineer.post(`/api/v1/work-orders/${wo.id}/transition`, { version: (await get()).version, to });
      expect(r.statusCode, r.body).toBe(200);
      return r.data;
    };
    const d = await dispatcher.post(`/api/v1/work-orders/${wo.id}/dispatch`, { version: wo.version, leadEngineerId: await userId(env, 'engineer') });
    expect(d.statusCode, d.body).toBe(200);
    await step('accepted');
    await step('on_the_way');
    const onSite = await step('on_site');
    // No workshop step for an installation.
    expect(onSite.nextSteps).not.toContain('taken_back');
    expect((await engineer.get(`/api/v1/work-orders/${wo.id}`)).data.nextActions.map((a: { to: string }) => a.to)).toEqual(
      expect.arrayContaining(['resolved', 'waiting_parts']),
    );
    const content = await engineer.patch(`/api/v1/work-orders/${wo.id}`, {
      version: onSite.version,
      actions: '开箱检验、就位、接通气源电源，完成安装',
      testResults: '通气模式、报警功能、氧浓度校准全部通过；书面测试结果已交用户',
      labourMinutes: 180,
    });
    expect(content.statusCode, content.body).toBe(200);
    // Phenomenon and cause are a repair's fields: an installation report is complete without them.
    expect((await get()).reviewMissing).toEqual([]);
    const resolved = await step('resolved');
    const signed = await engineer.post(`/api/v1/work-orders/${wo.id}/sign`, {
      version: resolved.version,
      signerName: '张主任',
      meaning: '同意调试结果，设备安装调试完成',
      signaturePng: PNG_DATA_URL,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const reviewed = await dispatcher.post(`/api/v1/work-orders/${wo.id}/review`, {
      version: signed.data.version,
      verdict: 'approved',
      password: DEMO_PASSWORD,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect((await get()).status).toBe('closed');
    // The clock stopped at commissioning (long after 10 Oct here: breached, as it should be).
    const after = (await dispatcher.get(`/api/v1/requests/${wo.requestId}`)).data;
    expect(after.clocks[0]).toMatchObject({ kind: 'restore', outcome: 'breached' });

    const text = await pdfText(dispatcher, wo.id);
    for (const s of ['安装调试报告', '安装过程', '调试测试结果', '安装调试', '安装调试完成']) expect(text).toContain(s);
    expect(text).not.toContain('服务报告（服务凭证）');
  });
});

describe('issue 12: a training work order has no parts step', () => {
  it('on site, waiting for parts is an illegal step and a part line is refused; addParts is not offered', async () => {
    const created = await dispatcher.post('/api/v1/work-orders', {
      kind: 'training',
      deviceId: await deviceId(env, 'SV600-25-2201'),
      description: '重症医学科新入职护士呼吸机操作培训',
      plannedDate: '2026-12-10',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.data.id;
    expect(created.data).toMatchObject({ kind: 'training', category: 'warranty' });
    // No clock for a training job: its target is the planned day.
    expect((await dispatcher.get(`/api/v1/requests/${created.data.requestId}`)).data.clocks).toEqual([]);
    let v = (await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: created.data.version, leadEngineerId: await userId(env, 'engineer') })).data
      .version;
    for (const to of ['accepted', 'on_site']) {
      const r = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: v, to });
      expect(r.statusCode, r.body).toBe(200);
      v = r.data.version;
    }
    const wo = (await engineer.get(`/api/v1/work-orders/${id}`)).data;
    expect(wo.nextSteps).not.toContain('waiting_parts');
    expect(wo.abilities.addParts).toBe(false);
    const wait = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: v, to: 'waiting_parts', reason: '缺配件' });
    expect(wait.statusCode).toBe(409);
    expect(wait.data.code).toBe('illegal_transition');
    const part = await engineer.post(`/api/v1/work-orders/${id}/parts`, { name: '模拟肺', quantity: 1, source: 'non_stock', sourceNote: 'x' }, EN);
    expect(part.statusCode, part.body).toBe(422);
    expect(part.data.code).toBe('kind_has_no_parts');
    expect(part.data.detail ?? part.data.title).toMatch(/parts step/);
    expect(await count(env, `select count(*) n from work_order_parts where work_order_id = '${id}'`)).toBe(0);
  });
});

describe('issue 12: bad input is refused (400/422), translated, naming the field, nothing saved', () => {
  const dev = () => deviceId(env, 'ST5020-21-0031');
  it.each([
    ['an unknown kind', { kind: 'overhaul', description: 'x', plannedDate: '2026-12-10' }, 'kind'],
    ['a repair (it comes from a service request)', { kind: 'repair', description: 'x' }, 'kind'],
    ['an installation without its planned day', { kind: 'installation', description: '安装' }, 'plannedDate'],
    ['a maintenance visit without its planned day', { kind: 'maintenance', description: '季度保养' }, 'plannedDate'],
    ['a return/exchange without the job it comes from', { kind: 'return_exchange', description: '开箱损坏' }, 'originWorkOrderId'],
    [
      'a return/exchange naming an unknown job',
      { kind: 'return_exchange', description: '开箱损坏', originWorkOrderId: '00000000-0000-4000-8000-000000000000' },
      'originWorkOrderId',
    ],
    ['a blank description', { kind: 'consultation', description: '  ' }, 'description'],
  ])('%s → refused on %s', async (_name, body, field) => {
    const before = await count(env, 'select count(*) n from work_orders');
    const requests = await count(env, 'select count(*) n from service_requests');
    for (const headers of [undefined, EN]) {
      const r = await dispatcher.post('/api/v1/work-orders', { deviceId: await dev(), ...body }, headers);
      // The body's shape is refused by its schema (400, the product's rule for malformed input);
      // a rule of the kind by the use case (422). Both name the field, in the caller's language.
      expect([400, 422], r.body).toContain(r.statusCode);
      expect(/[\u4e00-\u9fff]/.test(r.data.detail), r.data.detail).toBe(!headers);
      expect(r.data.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await count(env, 'select count(*) n from work_orders')).toBe(before);
    expect(await count(env, 'select count(*) n from service_requests')).toBe(requests);
  });

  it('an engineer or a hospital user may not create work orders (403)', async () => {
    const body = { kind: 'consultation', deviceId: await dev(), description: '咨询' };
    expect((await engineer.post('/api/v1/work-orders', body)).statusCode).toBe(403);
    expect((await hospital.post('/api/v1/work-orders', body)).statusCode).toBe(403);
  });

  it('seed 003 包换: a return/exchange of a defect found at installation is free and names its origin', async () => {
    const inst = await dispatcher.post('/api/v1/work-orders', {
      kind: 'installation',
      deviceId: await deviceId(env, 'SV600-26-3107'),
      description: '安装',
      plannedDate: '2026-12-08',
    });
    const r = await dispatcher.post('/api/v1/work-orders', {
      kind: 'return_exchange',
      deviceId: await deviceId(env, 'SV600-26-3107'),
      description: '开箱检验发现流量传感器损坏，整机换货',
      originWorkOrderId: inst.data.id,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({ kind: 'return_exchange', originWorkOrderId: inst.data.id, category: 'warranty' });
    // A job on another unit cannot be the origin.
    const other = await dispatcher.post('/api/v1/work-orders', {
      kind: 'return_exchange',
      deviceId: await dev(),
      description: '换货',
      originWorkOrderId: inst.data.id,
    });
    expect(other.statusCode).toBe(422);
  });
});
