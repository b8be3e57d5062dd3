// Stories of parts at the engineer's side (issue 10 item 9, R-PT-1, R-PT-2, R-PT-5): the dialog
// offers the engineer's own van with quantities and lots (parts fitting the device first) and
// never another engineer's van; taking more than the van holds is a translated refusal; a part
// the van lacks is requested from the central store (emergency store only for emergency jobs)
// and the parts administrator ships it into the van through the ledger; a hand-typed line is a
// declared non-stock or customer-supplied part and cannot stand in for a catalogue part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { balance, idOf, workOrder } from './parts.fixtures.ts';

let env: TestEnv;
let parts: Client;
let engineer: Client;
let engineer2: Client;
let dispatcher: Client;
let wh: Record<string, string>;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [parts, engineer, engineer2, dispatcher] = await Promise.all(['parts', 'engineer', 'engineer2', 'dispatcher'].map((u) => env.as(u)));
  wh = {
    central: await idOf(env, 'warehouses', 'WH-CENTRAL'),
    emergency: await idOf(env, 'warehouses', 'WH-EMERGENCY'),
    van: await idOf(env, 'warehouses', 'VAN-engineer'),
    van2: await idOf(env, 'warehouses', 'VAN-engineer2'),
  };
});
afterAll(() => env?.close());

const verify = async () => (await parts.get('/api/v1/parts/ledger/verify')).data;
type Option = {
  code: string;
  compatible: boolean;
  vanQty: number;
  lots: { lot: string; qty: number }[];
  stores: { kind: string; warehouseId: string; qty: number }[];
};

describe('the parts dialog shows the engineer’s own van first (issue 10 item 9)', () => {
  it('an engineer sees only their own van, with quantities and lots, and parts fitting the device first', async () => {
    // A stainer (ST-5020): the van holds its pump; the heater fits too but is only in the central store.
    const woId = await workOrder(env, dispatcher, 'ST5020-21-0031', 'normal');
    const r = await engineer.get(`/api/v1/work-orders/${woId}/parts-options`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.van).toMatchObject({ id: wh.van, code: 'VAN-engineer' });
    expect(r.data.emergencyAllowed).toBe(false);
    const items = r.data.items as Option[];
    const codes = items.map((i) => i.code);
    // Compatible first (pump, heater), then the rest of the van (blade, seal).
    expect(codes.slice(0, 2).sort()).toEqual(['BJ-ST-HEAT', 'BJ-ST-PUMP']);
    expect(codes).toEqual(expect.arrayContaining(['BJ-MT-BLADE', 'BJ-TP-SEAL']));
    expect(items.findIndex((i) => !i.compatible)).toBeGreaterThan(items.findLastIndex((i) => i.compatible));
    expect(items.find((i) => i.code === 'BJ-ST-PUMP')).toMatchObject({ compatible: true, vanQty: 3 });
    expect(items.find((i) => i.code === 'BJ-TP-SEAL')).toMatchObject({ compatible: false, vanQty: 2, lots: [{ lot: 'L2026-09', qty: 2 }] });
    expect(items.find((i) => i.code === 'BJ-ST-HEAT')).toMatchObject({ vanQty: 0, stores: [{ kind: 'central', warehouseId: wh.central, qty: 2 }] });
    // Never another engineer's van, and no emergency stock for a normal job (R-PT-5).
    const everyStore = items.flatMap((i) => i.stores.map((s) => s.warehouseId));
    expect(everyStore).not.toContain(wh.van2);
    expect(everyStore).not.toContain(wh.emergency);
    expect(JSON.stringify(r.data)).not.toContain('VAN-engineer2');
    // A search reaches the rest of the catalogue, still without other vans.
    const s = await engineer.get(`/api/v1/work-orders/${woId}/parts-options?q=${encodeURIComponent('呼气阀')}`);
    expect(s.data.items.map((i: Option) => i.code)).toEqual(['BJ-SV-VALVE']);
    expect(s.data.items[0].stores.map((x: { warehouseId: string }) => x.warehouseId)).toEqual([wh.central]);
  });

  it('an emergency job also sees the emergency store; another engineer cannot read this job’s options', async () => {
    const woId = await workOrder(env, dispatcher, 'ST5020-23-0220', 'emergency');
    const r = await engineer.get(`/api/v1/work-orders/${woId}/parts-options`);
    expect(r.data.emergencyAllowed).toBe(true);
    const pump = (r.data.items as Option[]).find((i) => i.code === 'BJ-ST-PUMP');
    expect(pump?.stores.map((s) => s.kind)).toEqual(['central', 'emergency']);
    expect((await engineer2.get(`/api/v1/work-orders/${woId}/parts-options`)).statusCode).toBe(403);
  });

  it('taking more than the van holds is refused with a translated message naming what is available, and changes nothing', async () => {
    const woId = await workOrder(env, dispatcher, 'ST5020-25-0412', 'normal');
    const pump = await idOf(env, 'parts', 'BJ-ST-PUMP');
    const before = await balance(env, pump, wh.van);
    const r = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: woId, warehouseId: wh.van, partId: pump, qty: before + 1 }, EN);
    expect(r.statusCode).toBe(409);
    expect(r.data).toMatchObject({ code: 'insufficient_stock', available: before, requested: before + 1 });
    expect(r.data.detail).toMatch(/Not enough stock/);
    expect(r.data.fields).toEqual([expect.objectContaining({ field: 'qty', message: `Not enough stock (${before} available)` })]);
    const zh = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: woId, warehouseId: wh.van, partId: pump, qty: before + 1 });
    expect(zh.data.detail).toMatch(/库存不足/);
    expect(await balance(env, pump, wh.van)).toBe(before);
    expect((await engineer.get(`/api/v1/work-orders/${woId}`)).data.parts).toEqual([]);
  });
});

describe('a part the van lacks is requested from the store and shipped into the van (issue 10 item 9, R-PT-5)', () => {
  it('engineer requests from the central store, the parts administrator sees it and ships it; the engineer then draws it', async () => {
    const woId = await workOrder(env, dispatcher, 'ST5020-22-0145', 'normal');
    const heater = await idOf(env, 'parts', 'BJ-ST-HEAT');
    const req = await engineer.post('/api/v1/parts/transfer-requests', {
      workOrderId: woId,
      partId: heater,
      fromWarehouseId: wh.central,
      qty: 1,
      note: '加热板烧坏',
    });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.data).toMatchObject({
      status: 'requested',
      toWarehouseId: wh.van,
      fromWarehouseKind: 'central',
      partCode: 'BJ-ST-HEAT',
      requestedByName: expect.stringContaining('张伟'),
    });
    // The dialog counts it as requested for this job.
    const opts = await engineer.get(`/api/v1/work-orders/${woId}/parts-options`);
    expect((opts.data.items as (Option & { requestedQty: number })[]).find((i) => i.code === 'BJ-ST-HEAT')?.requestedQty).toBe(1);
    // The parts administrator's queue and bell.
    const queue = await parts.get('/api/v1/parts/transfer-requests?status=requested');
    expect(queue.data.items.map((i: { id: string }) => i.id)).toContain(req.data.id);
    const bell = await parts.get('/api/v1/notifications');
    expect(JSON.stringify(bell.data)).toContain('BJ-ST-HEAT');
    // Another engineer does not see it.
    expect((await engineer2.get('/api/v1/parts/transfer-requests')).data.items.map((i: { id: string }) => i.id)).not.toContain(req.data.id);
    // An engineer cannot ship their own request.
    expect((await engineer.post(`/api/v1/parts/transfer-requests/${req.data.id}/fulfil`, { version: 1, lot: 'HT-2026-0001' })).statusCode).toBe(403);
    // A serial-tracked part needs its serial when shipped.
    const noLot = await parts.post(`/api/v1/parts/transfer-requests/${req.data.id}/fulfil`, { version: 1 }, EN);
    expect(noLot.statusCode).toBe(422);
    expect(noLot.data.code).toBe('lot_required');
    const done = await parts.post(`/api/v1/parts/transfer-requests/${req.data.id}/fulfil`, { version: 1, lot: 'HT-2026-0001' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.data).toMatchObject({
      status: 'fulfilled',
      lot: 'HT-2026-0001',
      decidedByName: expect.stringContaining('孙丽'),
      transferId: expect.any(String),
    });
    expect(await balance(env, heater, wh.van, 'HT-2026-0001')).toBe(1);
    expect(await balance(env, heater, wh.central, 'HT-2026-0001')).toBe(0);
    const ledger = await env.database.query<{ kind: string; qty: number }>(
      `select kind, qty from parts_ledger where transfer_id = '${done.data.transferId}' order by qty`,
    );
    expect(ledger.rows).toEqual([
      { kind: 'transfer_out', qty: -1 },
      { kind: 'transfer_in', qty: 1 },
    ]);
    // Once decided it stays decided; the audit trail has both steps.
    const again = await parts.post(`/api/v1/parts/transfer-requests/${req.data.id}/reject`, { version: 2, reason: '重复' }, EN);
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('transfer_request_decided');
    const audit = await env.database.query<{ action: string }>(
      `select action from audit_log where entity = 'parts_transfer_request' and entity_id = '${req.data.id}' order by seq`,
    );
    expect(audit.rows.map((a) => a.action)).toEqual(['create', 'fulfil']);
    // Now the van has it: the engineer draws it onto the job.
    const issue = await engineer.post('/api/v1/parts/issue-to-work-order', {
      workOrderId: woId,
      warehouseId: wh.van,
      partId: heater,
      qty: 1,
      lot: 'HT-2026-0001',
    });
    expect(issue.statusCode, issue.body).toBe(201);
    expect((await engineer.get(`/api/v1/work-orders/${woId}`)).data.parts[0]).toMatchObject({ partNo: 'BJ-ST-HEAT', source: 'stock' });
    expect((await verify()).ok).toBe(true);
  });

  it('emergency store is refused for a normal job, and no request can name another engineer’s van', async () => {
    const woId = await workOrder(env, dispatcher, 'ST5020-24-0376', 'normal');
    const pump = await idOf(env, 'parts', 'BJ-ST-PUMP');
    const e = await engineer.post('/api/v1/parts/transfer-requests', { workOrderId: woId, partId: pump, fromWarehouseId: wh.emergency, qty: 1 }, EN);
    expect(e.statusCode).toBe(409);
    expect(e.data.code).toBe('emergency_stock_reserved');
    expect(e.data.detail).toMatch(/emergency work orders/);
    const v = await engineer.post('/api/v1/parts/transfer-requests', { workOrderId: woId, partId: pump, fromWarehouseId: wh.van2, qty: 1 }, EN);
    expect(v.statusCode).toBe(422);
    expect(v.data.code).toBe('transfer_source_invalid');
    expect(v.data.detail).toMatch(/never from another engineer/);
    const zh = await engineer.post('/api/v1/parts/transfer-requests', { workOrderId: woId, partId: pump, fromWarehouseId: wh.van2, qty: 1 });
    expect(zh.data.detail).toMatch(/车载库/);
    const n = await env.database.query<{ n: number }>(`select count(*)::int as n from parts_transfer_requests where work_order_id = '${woId}'`);
    expect(Number(n.rows[0].n)).toBe(0);
  });

  it('an emergency job may ask the emergency store; a refused request tells the engineer why; the engineer may withdraw their own', async () => {
    const woId = await workOrder(env, dispatcher, 'ST5020-26-0588', 'emergency');
    const pump = await idOf(env, 'parts', 'BJ-ST-PUMP');
    const a = await engineer.post('/api/v1/parts/transfer-requests', { workOrderId: woId, partId: pump, fromWarehouseId: wh.emergency, qty: 1 });
    expect(a.statusCode, a.body).toBe(201);
    // Each caller's abilities on the request, as the endpoints decide (issue 11 item 3).
    const keeperView = async (id: string) =>
      (await parts.get('/api/v1/parts/transfer-requests?pageSize=100')).data.items.find((r: { id: string }) => r.id === id).abilities;
    expect(a.data.abilities).toEqual({ fulfil: false, reject: false, cancel: true });
    expect(await keeperView(a.data.id)).toEqual({ fulfil: true, reject: true, cancel: true });
    expect((await engineer.post(`/api/v1/parts/transfer-requests/${a.data.id}/reject`, { version: 1, reason: '不要了' })).statusCode).toBe(403);
    const noReason = await parts.post(`/api/v1/parts/transfer-requests/${a.data.id}/reject`, { version: 1, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const rej = await parts.post(`/api/v1/parts/transfer-requests/${a.data.id}/reject`, { version: 1, reason: '中心库有货，请改从中心库申请' });
    expect(rej.data).toMatchObject({ status: 'rejected', decisionNote: '中心库有货，请改从中心库申请' });
    // Decided: nothing more for anyone, and the endpoints agree.
    expect(rej.data.abilities).toEqual({ fulfil: false, reject: false, cancel: false });
    expect(await keeperView(a.data.id)).toEqual({ fulfil: false, reject: false, cancel: false });
    expect((await engineer.post(`/api/v1/parts/transfer-requests/${a.data.id}/cancel`, { version: 2 })).statusCode).toBe(409);
    expect((await parts.post(`/api/v1/parts/transfer-requests/${a.data.id}/fulfil`, { version: 2 })).statusCode).toBe(409);
    const bell = await engineer.get('/api/v1/notifications');
    expect(JSON.stringify(bell.data)).toContain('中心库有货');
    const b = await engineer.post('/api/v1/parts/transfer-requests', { workOrderId: woId, partId: pump, fromWarehouseId: wh.central, qty: 1 });
    expect((await engineer2.post(`/api/v1/parts/transfer-requests/${b.data.id}/cancel`, { version: 1 })).statusCode).toBe(404);
    const stale = await engineer.post(`/api/v1/parts/transfer-requests/${b.data.id}/cancel`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    const c = await engineer.post(`/api/v1/parts/transfer-requests/${b.data.id}/cancel`, { version: 1 });
    expect(c.data).toMatchObject({ status: 'cancelled', abilities: { fulfil: false, reject: false, cancel: false } });
  });
});

describe('a hand-typed part line is a declared non-stock part (issue 10 item 9)', () => {
  it('a catalogue part cannot be typed by hand (it comes from stock); a customer-supplied part is explicit, explained and audited', async () => {
    const woId = await workOrder(env, dispatcher, 'TP8000-24-0107', 'normal');
    await engineer.post(`/api/v1/work-orders/${woId}/transition`, {
      version: (await engineer.get(`/api/v1/work-orders/${woId}`)).data.version,
      to: 'accepted',
    });
    const typed = await engineer.post(`/api/v1/work-orders/${woId}/parts`, { partNo: 'bj-tp-seal', name: '密封圈', quantity: 1 }, EN);
    expect(typed.statusCode).toBe(422);
    expect(typed.data).toMatchObject({ code: 'part_in_catalogue' });
    expect(typed.data.detail).toMatch(/BJ-TP-SEAL is in the catalogue/);
    const unexplained = await engineer.post(
      `/api/v1/work-orders/${woId}/parts`,
      { partNo: 'BJ-TP-SEAL', name: '密封圈', quantity: 1, source: 'customer_supplied' },
      EN,
    );
    expect(unexplained.statusCode).toBe(422);
    expect(unexplained.data.code).toBe('part_source_note_required');
    const own = await engineer.post(`/api/v1/work-orders/${woId}/parts`, {
      partNo: 'BJ-TP-SEAL',
      name: '密封圈',
      quantity: 1,
      source: 'customer_supplied',
      sourceNote: '医院自备库存',
    });
    expect(own.statusCode, own.body).toBe(200);
    const local = await engineer.post(`/api/v1/work-orders/${woId}/parts`, {
      name: '保险丝 5A',
      quantity: 2,
      source: 'non_stock',
      sourceNote: '现场五金店购买',
    });
    expect(local.statusCode, local.body).toBe(200);
    const lines = local.data.parts as { partNo: string | null; source: string; sourceNote: string | null }[];
    expect(lines).toEqual([
      expect.objectContaining({ partNo: 'BJ-TP-SEAL', source: 'customer_supplied', sourceNote: '医院自备库存' }),
      expect.objectContaining({ partNo: null, source: 'non_stock', sourceNote: '现场五金店购买' }),
    ]);
    const seal = await idOf(env, 'parts', 'BJ-TP-SEAL');
    const moved = await env.database.query<{ n: number }>(
      `select count(*)::int as n from parts_ledger where work_order_id = '${woId}' and part_id = '${seal}'`,
    );
    expect(Number(moved.rows[0].n)).toBe(0);
    const audit = await env.database.query<{ after: { source: string } }>(
      `select after from audit_log where entity = 'work_order_part' and after->>'workOrderId' = '${woId}' order by seq`,
    );
    expect(audit.rows.map((a) => a.after.source)).toEqual(['customer_supplied', 'non_stock']);
  });
});
