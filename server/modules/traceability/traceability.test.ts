// Traceability stories (追溯, issue 14 §5, R-REG-5; 办法§23 如实提供有关情况和资料): a unit repaired
// with a part of a lot, put on hold and complained about has each in its dossier, with the parts'
// lots, the signatures and every event-like section; the lot finds the unit and its hospital
// ("who has it?"); a model lists its units; the PDF is a PDF naming the serial, the workbook has a
// sheet per section; a hospital reads only its own units' dossiers and cannot search; bad input
// (unknown unit, empty lot) changes nothing and is answered with the field named.
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, one } from '../../test/service.ts';
import { idOf, workOrder } from '../parts/parts.fixtures.ts';

let env: TestEnv;
let engineer: Client;
let dispatcher: Client;
let quality: Client;
let renhe: Client;
let ruikang: Client;
const SERIAL = 'TP8000-24-0107';
const LOT = 'L2026-09';
let unit: string;
let woId: string;

beforeAll(async () => {
  env = await createTestEnv();
  [engineer, dispatcher, quality, renhe, ruikang] = await Promise.all(['engineer', 'dispatcher', 'quality', 'renhe', 'ruikang'].map((u) => env.as(u)));
  unit = await deviceId(env, SERIAL);
  // A repair with a part of the lot, drawn from the engineer's van (parts ledger issue + parts line).
  woId = await workOrder(env, dispatcher, SERIAL, 'normal');
  const van = await idOf(env, 'warehouses', 'VAN-engineer');
  const seal = await idOf(env, 'parts', 'BJ-TP-SEAL');
  const issued = await engineer.post('/api/v1/parts/issue-to-work-order', {
    workOrderId: woId,
    warehouseId: van,
    partId: seal,
    qty: 1,
    lot: LOT,
    removedSerial: 'OLD-SEAL-77',
  });
  if (issued.statusCode !== 201) throw new Error(issued.body);
  const hold = await engineer.post('/api/v1/device-holds', { deviceId: unit, reason: '密封圈渗漏，可能污染样本' });
  if (hold.statusCode !== 201) throw new Error(hold.body);
  const customerId = (await one<{ customer_id: string }>(env, `select customer_id from devices where id = '${unit}'`)).customer_id;
  const c = await dispatcher.post('/api/v1/complaints', {
    channel: 'hotline',
    customerId,
    complainantName: '王红',
    deviceId: unit,
    workOrderId: woId,
    matter: '更换密封圈后仍有渗漏',
    severity: 'normal',
  });
  if (c.statusCode !== 201) throw new Error(c.body);
});
afterAll(() => env?.close());

type Section = { key: string; entries: { kind: string; number: string | null; title: string; link: string | null }[] };

describe('the device dossier (R-REG-5, 办法§23)', () => {
  it('has the unit, its work orders, the part with its lot, the hold and the complaint', async () => {
    const r = await quality.get(`/api/v1/devices/${unit}/dossier`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.data;
    expect(d.unit).toMatchObject({ id: unit, serialNumber: SERIAL, status: 'safety_hold' });
    expect(d.unit.regulatoryClass).toMatch(/^(I|II|III)$/);
    expect(d.workOrders.map((w: { id: string }) => w.id)).toContain(woId);
    expect(d.parts).toEqual(expect.arrayContaining([expect.objectContaining({ lot: LOT, installedSerial: LOT, removedSerial: 'OLD-SEAL-77' })]));
    const sections = new Map((d.sections as Section[]).map((s) => [s.key, s]));
    expect([...sections.keys()]).toEqual(expect.arrayContaining(['installations', 'maintenance', 'followups', 'complaints', 'holds', 'training']));
    expect(sections.get('holds')?.entries[0]).toMatchObject({ kind: 'hold', title: '密封圈渗漏，可能污染样本' });
    expect(sections.get('complaints')?.entries.some((e) => e.title === '更换密封圈后仍有渗漏' && e.link?.startsWith('/complaints/'))).toBe(true);
    expect(d.placements.length).toBeGreaterThanOrEqual(1);
    expect(d.abilities).toEqual({ export: true, search: true });
  });

  it('a unit with an installation and follow-ups has both sections filled, and its e-signatures print their manifestation', async () => {
    const row = await one<{ id: string }>(
      env,
      `select d.id from devices d where exists (select 1 from installations i where i.device_id = d.id)
         and exists (select 1 from followup_plans p join followups f on f.plan_id = p.id where p.device_id = d.id) limit 1`,
    ).catch(() => null);
    if (!row) return; // the demo data set has no such unit: nothing more to check here
    const d = (await quality.get(`/api/v1/devices/${row.id}/dossier`)).data;
    const sections = new Map((d.sections as Section[]).map((s) => [s.key, s]));
    expect(sections.get('installations')?.entries.length).toBeGreaterThan(0);
    expect(sections.get('followups')?.entries.length).toBeGreaterThan(0);
    for (const s of d.signatures) expect(s.manifestation).toContain(s.signerName);
  });

  it('the PDF is a PDF naming the serial; the workbook has one sheet per section', async () => {
    const pdf = await quality.raw({ method: 'GET', url: `/api/v1/devices/${unit}/dossier/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text.replace(/\s+/g, '');
    for (const s of ['医疗器械追溯档案', SERIAL, LOT, 'OLD-SEAL-77', '密封圈渗漏', '更换密封圈后仍有渗漏']) expect(text, s).toContain(s);
    const x = await quality.raw({ method: 'GET', url: `/api/v1/devices/${unit}/dossier/xlsx` });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      '设备',
      '使用地点变更',
      '服务合同',
      '工单',
      '更换备件',
      '安装验收',
      '保养巡检',
      '回访',
      '投诉',
      '停用',
      '培训',
      '不良事件',
      '退换货',
      '召回与现场行动',
      '电子签名',
    ]);
    const parts = wb.getWorksheet('更换备件');
    expect(parts?.getColumn(6).values).toContain(LOT);
  });

  it('an engineer reads the dossier but may not export it', async () => {
    expect((await engineer.get(`/api/v1/devices/${unit}/dossier`)).data.abilities).toEqual({ export: false, search: true });
    expect((await engineer.get(`/api/v1/devices/${unit}/dossier/pdf`)).statusCode).toBe(403);
  });
});

describe('a unit with years of history (R-REG-5: the dossier PDF of a unit with 10 years of history)', () => {
  it('its PDF runs over many pages and has every work order and part line, first to last, each page counting them all', async () => {
    // 150 closed repairs (one every 20 days) with two part lines each, copied set-based from a demo
    // repair as bench/dossier.ts grows its unit; each repair's actions name it, long enough to wrap.
    const u = await one<{ id: string; customer_id: string }>(
      env,
      `select id, customer_id from devices where status = 'in_service' and serial_number <> '${SERIAL}' order by serial_number limit 1`,
    );
    const tpl = await one<{ wid: string; rid: string }>(
      env,
      `select id as wid, request_id as rid from work_orders where kind = 'repair' order by status = 'closed' desc, created_at limit 1`,
    );
    const n = 150;
    await env.database.query(`create temporary table many as
      select i, gen_random_uuid() as rid, gen_random_uuid() as wid, now() - (i * interval '20 days') as at from generate_series(1, ${n}) i`);
    await env.database.query(`insert into service_requests select (jsonb_populate_record(null::service_requests, to_jsonb(r) || jsonb_build_object(
        'id', m.rid, 'number', 'MANY-R-' || lpad(m.i::text, 4, '0'), 'device_id', '${u.id}', 'customer_id', '${u.customer_id}',
        'received_at', m.at, 'created_at', m.at, 'updated_at', m.at))).*
      from service_requests r, many m where r.id = '${tpl.rid}'`);
    await env.database.query(`insert into work_orders select (jsonb_populate_record(null::work_orders, to_jsonb(w) || jsonb_build_object(
        'id', m.wid, 'number', 'MANY-W-' || lpad(m.i::text, 4, '0'), 'status', 'closed', 'request_id', m.rid, 'device_id', '${u.id}', 'customer_id', '${u.customer_id}',
        'actions', '更换蠕动泵管并冲洗管路，校准加样量，连续染色三十张切片均匀无误，第' || m.i || '次维修完成',
        'created_at', m.at, 'updated_at', m.at, 'dispatched_at', m.at + interval '1 hour', 'resolved_at', m.at + interval '1 day', 'closed_at', m.at + interval '3 days'))).*
      from work_orders w, many m where w.id = '${tpl.wid}'`);
    await env.database.query(`insert into work_order_parts (work_order_id, part_no, name, quantity, installed_serial, source, created_at, updated_at)
      select m.wid, 'BJ-MANY-' || k, '蠕动泵管 ' || k, 1, 'MANY-LOT-' || lpad(m.i::text, 4, '0') || '-' || k, 'non_stock', m.at, m.at
      from many m cross join generate_series(1, 2) k`);
    await env.database.query('drop table many');

    const pdf = await quality.raw({ method: 'GET', url: `/api/v1/devices/${u.id}/dossier/pdf` });
    expect(pdf.statusCode).toBe(200);
    const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: false });
    const pages = (text as string[]).map((t) => t.replace(/\s+/g, ''));
    expect(totalPages).toBeGreaterThan(10);
    for (const [i, t] of pages.entries()) expect(t, `page ${i + 1}`).toContain(`第${i + 1}/${totalPages}页`);
    const all = pages.join('');
    // Newest first: the first row of each table is the latest repair, the last row the oldest.
    for (const i of [1, 2, 75, n - 1, n]) {
      const no = String(i).padStart(4, '0');
      expect(all, `MANY-W-${no}`).toContain(`MANY-W-${no}`);
      expect(all, `actions of MANY-W-${no}`).toContain(`连续染色三十张切片均匀无误，第${i}次维修完成`);
      for (const k of [1, 2]) expect(all, `MANY-LOT-${no}-${k}`).toContain(`MANY-LOT-${no}-${k}`);
    }
    const found = all.match(/MANY-W-\d{4}/g) ?? [];
    expect(new Set(found).size).toBe(n);
    expect(all.indexOf('MANY-W-0001')).toBeLessThan(all.indexOf(`MANY-W-0${n}`));
    expect(all.lastIndexOf('电子签名记录')).toBeGreaterThan(all.lastIndexOf(`MANY-LOT-0${n}-2`));
  });
});

describe('reverse traceability: "who has it?" (R-REG-5)', () => {
  it('the lot finds the unit, its hospital and the work order; any case; the serial taken out finds it too', async () => {
    const r = await dispatcher.get(`/api/v1/traceability/parts?lot=${LOT.toLowerCase()}`);
    expect(r.statusCode, r.body).toBe(200);
    const hit = r.data.items.find((i: { workOrderId: string }) => i.workOrderId === woId);
    expect(hit).toMatchObject({ deviceId: unit, serialNumber: SERIAL, lot: LOT, direction: 'fitted', partNo: 'BJ-TP-SEAL' });
    expect(r.data.devices).toBeGreaterThanOrEqual(1);
    expect(r.data.customers).toBeGreaterThanOrEqual(1);
    const out = await dispatcher.get('/api/v1/traceability/parts?serial=old-seal-77');
    expect(out.data.items).toEqual([expect.objectContaining({ deviceId: unit, direction: 'removed', removedSerial: 'OLD-SEAL-77' })]);
    const x = await quality.raw({ method: 'GET', url: `/api/v1/traceability/parts/export?lot=${LOT}` });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getColumn(2).values).toContain(SERIAL);
  });

  it('a model lists every unit with hospital, status, serial and software version', async () => {
    const modelId = (await one<{ model_id: string }>(env, `select model_id from devices where id = '${unit}'`)).model_id;
    const n = (await one<{ n: number }>(env, `select count(*)::int as n from devices where model_id = '${modelId}'`)).n;
    const r = await dispatcher.get(`/api/v1/traceability/models?modelId=${modelId}&pageSize=200`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.total).toBe(n);
    expect(r.data.items.find((i: { deviceId: string }) => i.deviceId === unit)).toMatchObject({ serialNumber: SERIAL, status: 'safety_hold' });
    const x = await quality.raw({ method: 'GET', url: `/api/v1/traceability/models/export?modelId=${modelId}` });
    expect(x.statusCode).toBe(200);
  });

  it('bad input: empty lot, both lot and serial, no model → 400 naming the field; unknown unit → 404', async () => {
    const empty = await dispatcher.get('/api/v1/traceability/parts?lot=%20', { 'accept-language': 'en-US' });
    expect(empty.statusCode).toBe(400);
    expect(empty.data.fields.map((f: { field: string }) => f.field)).toContain('querystring.lot');
    const both = await dispatcher.get('/api/v1/traceability/parts?lot=A&serial=B');
    expect(both.statusCode).toBe(400);
    expect(both.data.fields[0]).toMatchObject({ field: 'querystring.lot', code: 'lot_or_serial', message: '请填写批次号或序列号（二选一）' });
    expect((await dispatcher.get('/api/v1/traceability/parts')).statusCode).toBe(400);
    expect((await dispatcher.get('/api/v1/traceability/models')).statusCode).toBe(400);
    expect((await dispatcher.get('/api/v1/devices/00000000-0000-4000-8000-000000000000/dossier')).statusCode).toBe(404);
    expect((await dispatcher.get('/api/v1/devices/not-a-uuid/dossier')).statusCode).toBe(400);
  });
});

describe('hospital users (R-REG-5 with the portal scope)', () => {
  it("read their own unit's dossier without internal sections; another hospital's unit is 404; no search, no export", async () => {
    const own = await one<{ id: string }>(env, `select d.id from devices d join users u on u.customer_id = d.customer_id where u.username = 'renhe' limit 1`);
    const r = await renhe.get(`/api/v1/devices/${own.id}/dossier`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.sections.map((s: Section) => s.key)).not.toContain('complaints');
    expect(r.data.abilities).toEqual({ export: false, search: false });
    expect((await ruikang.get(`/api/v1/devices/${own.id}/dossier`)).statusCode).toBe(404);
    expect((await renhe.get(`/api/v1/traceability/parts?lot=${LOT}`)).statusCode).toBe(403);
    expect((await renhe.get(`/api/v1/devices/${own.id}/dossier/pdf`)).statusCode).toBe(403);
  });
});
