// Stories of the spare parts (SPEC §6, R-PT-1..5): receipts, transfers with sender and
// receiver, parts drawn onto work orders from the van (and emergency stock only for emergency
// jobs), faulty units returned, the append-only ledger and its proof, concurrent issues of
// the last units, purchase plans approved by the service manager and received against a
// contract, and a stocktake whose variance becomes an adjustment only after approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { balance, idOf, newPart, workOrder } from './parts.fixtures.ts';

let env: TestEnv;
let parts: Client;
let engineer: Client;
let engineer2: Client;
let dispatcher: Client;
let manager: Client;
let wh: Record<string, string>;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [parts, engineer, engineer2, dispatcher, manager] = await Promise.all(['parts', 'engineer', 'engineer2', 'dispatcher', 'manager'].map((u) => env.as(u)));
  wh = {
    central: await idOf(env, 'warehouses', 'WH-CENTRAL'),
    emergency: await idOf(env, 'warehouses', 'WH-EMERGENCY'),
    van: await idOf(env, 'warehouses', 'VAN-engineer'),
    van2: await idOf(env, 'warehouses', 'VAN-engineer2'),
  };
});
afterAll(() => env?.close());

const verify = async () => (await parts.get('/api/v1/parts/ledger/verify')).data;

describe('demo books', () => {
  it('open balanced: central, emergency and one van per engineer, opening stock as receipts', async () => {
    const v = await verify();
    expect(v).toMatchObject({ ok: true, negative: 0, mismatches: [] });
    expect(v.entries).toBeGreaterThan(10);
    const ws = (await parts.get('/api/v1/parts/warehouses?pageSize=50')).data.items.map((w: { kind: string }) => w.kind);
    expect(ws).toEqual(expect.arrayContaining(['central', 'emergency', 'van', 'van']));
    const stock = await engineer.get(`/api/v1/parts/stock?warehouseId=${wh.van}`);
    expect(stock.statusCode).toBe(200);
    expect(stock.data.items.length).toBeGreaterThan(0);
  });
});

describe('receipts and transfers (R-PT-2)', () => {
  it('a transfer moves stock with sender and receiver recorded on both entries; too much is a clear 409', async () => {
    const part = await newPart(parts);
    const sup = await idOf(env, 'suppliers', 'SUP-LK');
    const r = await parts.post('/api/v1/parts/receipts', { warehouseId: wh.central, partId: part, qty: 5, supplierId: sup, reference: 'RK-001' });
    expect(r.statusCode).toBe(201);
    expect(r.data.entries[0]).toMatchObject({
      kind: 'receipt',
      qty: 5,
      supplierName: '上海联科医疗配件有限公司',
      signedByName: expect.stringContaining('孙丽'),
    });
    const t = await parts.post('/api/v1/parts/transfers', { fromWarehouseId: wh.central, toWarehouseId: wh.van, partId: part, qty: 3, receiverName: '李强' });
    expect(t.statusCode).toBe(201);
    const [out, inn] = t.data.entries;
    expect(out).toMatchObject({ kind: 'transfer_out', qty: -3, warehouseId: wh.central, counterpartName: '李强' });
    expect(inn).toMatchObject({ kind: 'transfer_in', qty: 3, warehouseId: wh.van, transferId: out.transferId });
    expect(await balance(env, part, wh.central)).toBe(2);
    expect(await balance(env, part, wh.van)).toBe(3);
    const over = await parts.post(
      '/api/v1/parts/transfers',
      { fromWarehouseId: wh.central, toWarehouseId: wh.van, partId: part, qty: 3, receiverName: '李强' },
      EN,
    );
    expect(over.statusCode).toBe(409);
    expect(over.data).toMatchObject({ code: 'insufficient_stock', available: 2, requested: 3 });
    expect(over.data.detail).toMatch(/Not enough stock/);
    const same = await parts.post('/api/v1/parts/transfers', {
      fromWarehouseId: wh.central,
      toWarehouseId: wh.central,
      partId: part,
      qty: 1,
      receiverName: '李强',
    });
    expect(same.statusCode).toBe(422);
    expect(await balance(env, part, wh.central)).toBe(2);
    expect((await verify()).ok).toBe(true);
  });

  it('refuses bad input with translated 4xx, never 500', async () => {
    const part = await newPart(parts);
    const cases = [
      { warehouseId: wh.central, partId: part, qty: 0 },
      { warehouseId: wh.central, partId: part, qty: 1.5 },
      { warehouseId: 'x', partId: part, qty: 1 },
      { warehouseId: wh.central, partId: '00000000-0000-4000-8000-000000000000', qty: 1 },
      { warehouseId: wh.central, partId: part, qty: 1, lot: 'L1' },
      { warehouseId: wh.central, partId: part, qty: 1, extra: true },
    ];
    for (const body of cases) {
      const r = await parts.post('/api/v1/parts/receipts', body, EN);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, JSON.stringify(body)).toBeLessThan(500);
      expect(r.data.detail).toBeTruthy();
    }
    const serial = await newPart(parts, { tracking: 'serial' });
    expect((await parts.post('/api/v1/parts/receipts', { warehouseId: wh.central, partId: serial, qty: 1 })).data.code).toBe('lot_required');
    expect((await parts.post('/api/v1/parts/receipts', { warehouseId: wh.central, partId: serial, qty: 2, lot: 'S1' })).data.code).toBe('serial_qty_one');
    expect((await parts.post('/api/v1/parts/receipts', { warehouseId: wh.central, partId: serial, qty: 1, lot: 'S1' })).statusCode).toBe(201);
    const dup = await parts.post('/api/v1/parts/receipts', { warehouseId: wh.van, partId: serial, qty: 1, lot: 'S1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.data.code).toBe('serial_in_stock');
  });

  it('the ledger cannot be edited or deleted, and the balance cannot be written around it', async () => {
    const q = (s: string) => env.database.query(s);
    await expect(q(`update parts_ledger set qty = 1000 where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(q(`delete from parts_ledger where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(q(`update stock_balances set qty = qty + 1`)).rejects.toThrow(/maintained by the parts ledger/);
    await expect(q(`delete from stock_balances`)).rejects.toThrow(/maintained by the parts ledger/);
    expect((await verify()).ok).toBe(true);
  });
});

describe('parts on work orders (R-PT-2, R-PT-5)', () => {
  it('an engineer draws from the van: ledger issue and parts line in one, serials in and out on the line', async () => {
    const woId = await workOrder(env, dispatcher, 'TP8000-24-0107', 'normal');
    const seal = await idOf(env, 'parts', 'BJ-TP-SEAL');
    const before = await balance(env, seal, wh.van, 'L2026-09');
    const r = await engineer.post('/api/v1/parts/issue-to-work-order', {
      workOrderId: woId,
      warehouseId: wh.van,
      partId: seal,
      qty: 1,
      lot: 'L2026-09',
      removedSerial: 'OLD-SEAL-77',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data.entry).toMatchObject({ kind: 'issue', qty: -1, workOrderId: woId, lot: 'L2026-09' });
    expect(await balance(env, seal, wh.van, 'L2026-09')).toBe(before - 1);
    const w = (await engineer.get(`/api/v1/work-orders/${woId}`)).data;
    const line = w.parts.find((p: { id: string }) => p.id === r.data.workOrderPartId);
    expect(line).toMatchObject({ partNo: 'BJ-TP-SEAL', quantity: '1.000', removedSerial: 'OLD-SEAL-77', installedSerial: 'L2026-09' });
    const link = await env.database.query<{ ledger_entry_id: string; stock_item_id: string }>(
      `select ledger_entry_id, stock_item_id from work_order_parts where id = '${line.id}'`,
    );
    expect(link.rows[0]).toEqual({ ledger_entry_id: r.data.entry.id, stock_item_id: seal });
    // The line drawn from stock stays: undoing it is a return, not a delete.
    const del = await engineer.delete(`/api/v1/work-orders/${woId}/parts/${line.id}`);
    expect(del.statusCode).toBeGreaterThanOrEqual(400);
    expect(del.statusCode).toBeLessThan(500);
    // The device's history shows which unit went in and which came out.
    const deviceId = (await env.database.query<{ device_id: string }>(`select device_id from work_orders where id = '${woId}'`)).rows[0].device_id;
    const history = await engineer.get(`/api/v1/parts/device-history/${deviceId}`);
    expect(history.data).toContainEqual(
      expect.objectContaining({ workOrderId: woId, partNo: 'BJ-TP-SEAL', installedSerial: 'L2026-09', removedSerial: 'OLD-SEAL-77', fromStock: true }),
    );
    // The faulty unit taken out goes into faulty stock against the work order.
    const back = await engineer.post('/api/v1/parts/return-faulty', { workOrderId: woId, warehouseId: wh.van, partId: seal, qty: 1, serial: 'OLD-SEAL-77' });
    expect(back.statusCode, back.body).toBe(201);
    expect(await balance(env, seal, wh.van, 'OLD-SEAL-77', 'faulty')).toBe(1);
    // Faulty stock is never issued.
    const bad = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: woId, warehouseId: wh.van, partId: seal, qty: 1, lot: 'OLD-SEAL-77' });
    expect(bad.statusCode).toBe(409);
    expect(bad.data.code).toBe('insufficient_stock');
  });

  it('an engineer cannot draw from another engineer’s van, nor onto a job that is not theirs', async () => {
    const woId = await workOrder(env, dispatcher, 'ST5020-21-0031', 'normal');
    const pump = await idOf(env, 'parts', 'BJ-ST-PUMP');
    const other = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: woId, warehouseId: wh.van2, partId: pump, qty: 1 }, EN);
    expect(other.statusCode).toBe(403);
    expect(other.data.code).toBe('warehouse_not_yours');
    const notMine = await engineer2.post('/api/v1/parts/issue-to-work-order', { workOrderId: woId, warehouseId: wh.van2, partId: pump, qty: 1 });
    expect(notMine.statusCode).toBe(403);
  });

  it('emergency stock serves emergency work orders only', async () => {
    const pump = await idOf(env, 'parts', 'BJ-ST-PUMP');
    const normal = await workOrder(env, dispatcher, 'ST5020-25-0412', 'normal');
    const refused = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: normal, warehouseId: wh.emergency, partId: pump, qty: 1 }, EN);
    expect(refused.statusCode).toBe(409);
    expect(refused.data).toMatchObject({ code: 'emergency_stock_reserved' });
    expect(refused.data.detail).toMatch(/emergency work orders/);
    // Not even the parts administrator may give emergency stock to a normal job.
    expect((await parts.post('/api/v1/parts/issue-to-work-order', { workOrderId: normal, warehouseId: wh.emergency, partId: pump, qty: 1 })).statusCode).toBe(
      409,
    );
    const before = await balance(env, pump, wh.emergency);
    const urgent = await workOrder(env, dispatcher, 'ST5020-23-0220', 'emergency');
    const ok = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: urgent, warehouseId: wh.emergency, partId: pump, qty: 1 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await balance(env, pump, wh.emergency)).toBe(before - 1);
  });
});

describe('concurrent issues of the last units (R-PT-2)', () => {
  it('exactly the available quantity succeeds; the rest get 409 insufficient_stock; stock ends at zero', async () => {
    const part = await newPart(parts);
    await parts.post('/api/v1/parts/receipts', { warehouseId: wh.van, partId: part, qty: 3 });
    const orders = await Promise.all(
      ['ST5020-24-0376', 'ST5020-22-0145', 'ST5020-26-0588', 'SV600-25-2201'].map((s) => workOrder(env, dispatcher, s, 'normal')),
    );
    const attempts = Array.from({ length: 10 }, (_, i) =>
      engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: orders[i % orders.length], warehouseId: wh.van, partId: part, qty: 1 }, EN),
    );
    const results = await Promise.all(attempts);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.data.code).toBe('insufficient_stock');
    expect(await balance(env, part, wh.van)).toBe(0);
    const lines = await env.database.query<{ n: number }>(`select count(*)::int as n from work_order_parts where stock_item_id = '${part}'`);
    expect(Number(lines.rows[0].n)).toBe(3);
    expect((await verify()).ok).toBe(true);
  });

  it('the database alone refuses the overdraft: parallel ledger issues without any service check', async () => {
    const part = await newPart(parts);
    await parts.post('/api/v1/parts/receipts', { warehouseId: wh.central, partId: part, qty: 2 });
    const woId = (await env.database.query<{ id: string }>(`select id from work_orders limit 1`)).rows[0].id;
    const { post, stockTx } = await import('./parts.ledger.ts');
    const db = env.database.db;
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        stockTx(db, (tx) => post(tx, { id: null, name: 'test' }, [{ kind: 'issue', partId: part, warehouseId: wh.central, qty: -1, workOrderId: woId }])),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.reason).toMatchObject({ status: 409, code: 'insufficient_stock' });
    expect(await balance(env, part, wh.central)).toBe(0);
  });
});

describe('purchasing (R-PT-3)', () => {
  it('a plan from the reorder list is approved by the service manager, then a contract is received against', async () => {
    const sugg = await parts.get('/api/v1/parts/reorder-suggestions');
    expect(sugg.statusCode).toBe(200);
    const blade = sugg.data.find((s: { partCode: string }) => s.partCode === 'BJ-PM-BATT');
    expect(blade).toMatchObject({ minStock: 6, onHand: 5, reason: 'min_stock' });
    const plan = await parts.post('/api/v1/parts/purchase-plans', {
      note: '月度补货',
      lines: [{ partId: blade.partId, qty: blade.suggestedQty, reason: 'min_stock' }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.data).toMatchObject({ status: 'draft', lines: [{ partCode: 'BJ-PM-BATT', onHand: blade.onHand }] });
    const sup = await idOf(env, 'suppliers', 'SUP-HY');
    const early = await parts.post('/api/v1/parts/purchase-contracts', {
      number: `CG-HT-${Date.now()}`,
      supplierId: sup,
      planId: plan.data.id,
      deliveryDate: '2026-12-15',
      lines: [{ partId: blade.partId, qty: 4, unitPrice: '400.00', spec: 'PM-9000 锂电池' }],
    });
    expect(early.statusCode).toBe(409);
    expect(early.data.code).toBe('plan_not_approved');
    const sub = await parts.post(`/api/v1/parts/purchase-plans/${plan.data.id}/submit`, { version: plan.data.version });
    expect(sub.data.status).toBe('submitted');
    // The parts administrator cannot approve their own plan; the service manager does.
    expect((await parts.post(`/api/v1/parts/purchase-plans/${plan.data.id}/decide`, { version: sub.data.version, approve: true })).statusCode).toBe(403);
    const ok = await manager.post(`/api/v1/parts/purchase-plans/${plan.data.id}/decide`, { version: sub.data.version, approve: true, note: '同意' });
    expect(ok.data).toMatchObject({ status: 'approved', decidedByName: expect.stringContaining('') });
    const c = await parts.post('/api/v1/parts/purchase-contracts', {
      number: `CG-HT-${Date.now()}`,
      supplierId: sup,
      planId: plan.data.id,
      deliveryDate: '2026-12-15',
      lines: [{ partId: blade.partId, qty: 4, unitPrice: '400.00', spec: 'PM-9000 锂电池' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.data).toMatchObject({ total: '1600.00', status: 'open', supplierName: '北京华焱医疗设备备件中心' });
    const lineId = c.data.lines[0].id;
    const before = await balance(env, blade.partId, wh.central, 'BT-2026-11');
    const over = await parts.post(`/api/v1/parts/purchase-contracts/${c.data.id}/receive`, { warehouseId: wh.central, lines: [{ lineId, qty: 5 }] });
    expect(over.statusCode).toBe(422);
    const got = await parts.post(`/api/v1/parts/purchase-contracts/${c.data.id}/receive`, {
      warehouseId: wh.central,
      lines: [{ lineId, qty: 4, lot: 'BT-2026-11' }],
    });
    expect(got.statusCode, got.body).toBe(201);
    expect(got.data.entries[0]).toMatchObject({
      kind: 'receipt',
      qty: 4,
      unitCost: '400.00',
      purchaseContractId: c.data.id,
      supplierName: '北京华焱医疗设备备件中心',
    });
    expect(await balance(env, blade.partId, wh.central, 'BT-2026-11')).toBe(before + 4);
    expect((await parts.get(`/api/v1/parts/purchase-contracts/${c.data.id}`)).data.status).toBe('received');
  });

  it('plans and contracts tell each caller what they allow, exactly when their endpoints accept (issue 11 item 3)', async () => {
    const P = '/api/v1/parts/purchase-plans';
    const spo2 = await idOf(env, 'parts', 'BJ-PM-SPO2');
    const plan = await parts.post(P, { note: '能力', lines: [{ partId: spo2, qty: 1 }] });
    expect(plan.statusCode, plan.body).toBe(201);
    const id = plan.data.id;
    const seen = async (c: Client) => (await c.get(`${P}/${id}`)).data.abilities;
    // Draft: the planners submit it; nobody decides yet; an engineer does neither.
    expect(plan.data.abilities).toEqual({ submit: true, decide: false });
    expect(await seen(manager)).toEqual({ submit: true, decide: false });
    expect(await seen(engineer)).toEqual({ submit: false, decide: false });
    expect((await manager.post(`${P}/${id}/decide`, { version: 1, approve: true })).statusCode).toBe(409);
    expect((await engineer.post(`${P}/${id}/submit`, { version: 1 })).statusCode).toBe(403);
    const sub = await parts.post(`${P}/${id}/submit`, { version: 1 });
    // Submitted: only the service manager decides; the keeper cannot (403), nor submit again (409).
    expect(sub.data.abilities).toEqual({ submit: false, decide: false });
    expect(await seen(manager)).toEqual({ submit: false, decide: true });
    expect((await manager.get(`${P}?pageSize=100`)).data.items.find((p: { id: string }) => p.id === id).abilities).toEqual({ submit: false, decide: true });
    expect((await parts.post(`${P}/${id}/submit`, { version: sub.data.version })).statusCode).toBe(409);
    expect((await parts.post(`${P}/${id}/decide`, { version: sub.data.version, approve: true })).statusCode).toBe(403);
    const no = await manager.post(`${P}/${id}/decide`, { version: sub.data.version, approve: false });
    expect(no.data).toMatchObject({ status: 'rejected', abilities: { submit: false, decide: false } });
    expect((await manager.post(`${P}/${id}/decide`, { version: no.data.version, approve: true })).statusCode).toBe(409);

    const C = '/api/v1/parts/purchase-contracts';
    const c = await manager.post(C, {
      number: `CG-AB-${Date.now()}`,
      supplierId: await idOf(env, 'suppliers', 'SUP-LK'),
      deliveryDate: '2026-12-20',
      lines: [{ partId: spo2, qty: 1, unitPrice: '80.00' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    // Open: the stock keepers receive against it; the service manager, who may record it, does not receive (403).
    expect(c.data.abilities).toEqual({ receive: false });
    expect((await parts.get(`${C}/${c.data.id}`)).data.abilities).toEqual({ receive: true });
    const lines = [{ lineId: c.data.lines[0].id, qty: 1 }];
    expect((await manager.post(`${C}/${c.data.id}/receive`, { warehouseId: wh.central, lines })).statusCode).toBe(403);
    expect((await parts.post(`${C}/${c.data.id}/receive`, { warehouseId: wh.central, lines })).statusCode).toBe(201);
    // Everything arrived: nothing more to receive (409).
    expect((await parts.get(`${C}/${c.data.id}`)).data).toMatchObject({ status: 'received', abilities: { receive: false } });
    expect((await parts.post(`${C}/${c.data.id}/receive`, { warehouseId: wh.central, lines })).statusCode).toBe(409);
  });
});

describe('stocktaking (R-PT-4)', () => {
  it('counted vs booked; a variance needs a reason and becomes an adjustment only after approval', async () => {
    const spo2 = await idOf(env, 'parts', 'BJ-PM-SPO2');
    const booked = await balance(env, spo2, wh.central);
    const st = await parts.post('/api/v1/parts/stocktakes', { warehouseId: wh.central });
    expect(st.statusCode, st.body).toBe(201);
    expect((await parts.post('/api/v1/parts/stocktakes', { warehouseId: wh.central })).data.code).toBe('stocktake_open');
    const line = st.data.lines.find((l: { partId: string }) => l.partId === spo2);
    expect(line).toMatchObject({ bookedQty: booked, countedQty: null });
    // Count every line as booked, except the SpO2 probes: two missing.
    const counts = st.data.lines.map((l: { id: string; bookedQty: number }) => ({ lineId: l.id, countedQty: l.id === line.id ? booked - 2 : l.bookedQty }));
    let sheet = await parts.post(`/api/v1/parts/stocktakes/${st.data.id}/count`, { version: st.data.version, lines: counts });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.data.lines.find((l: { id: string }) => l.id === line.id).variance).toBe(-2);
    const noReason = await parts.post(`/api/v1/parts/stocktakes/${st.data.id}/submit`, { version: sheet.data.version }, EN);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.data.code).toBe('variance_needs_reason');
    sheet = await parts.post(`/api/v1/parts/stocktakes/${st.data.id}/count`, {
      version: sheet.data.version,
      lines: [{ lineId: line.id, countedQty: booked - 2, reason: '两只探头损坏报废，未登记' }],
    });
    const sub = await parts.post(`/api/v1/parts/stocktakes/${st.data.id}/submit`, { version: sheet.data.version });
    expect(sub.data.status).toBe('submitted');
    // Nothing is posted before approval.
    expect(await balance(env, spo2, wh.central)).toBe(booked);
    expect((await parts.post(`/api/v1/parts/stocktakes/${st.data.id}/decide`, { version: sub.data.version, approve: true })).statusCode).toBe(403);
    const ok = await manager.post(`/api/v1/parts/stocktakes/${st.data.id}/decide`, { version: sub.data.version, approve: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.data.status).toBe('approved');
    expect(await balance(env, spo2, wh.central)).toBe(booked - 2);
    const adj = await parts.get(`/api/v1/parts/ledger?kind=adjustment&partId=${spo2}`);
    expect(adj.data.items[0]).toMatchObject({ qty: -2, stocktakeId: st.data.id, note: '两只探头损坏报废，未登记' });
    expect((await verify()).ok).toBe(true);
  });

  it('the sheet tells each caller what it allows, exactly when its endpoints accept (issue 11 item 3)', async () => {
    const S = '/api/v1/parts/stocktakes';
    const st = await parts.post(S, { warehouseId: wh.van2 });
    expect(st.statusCode, st.body).toBe(201);
    const id = st.data.id;
    const seen = async (c: Client) => (await c.get(`${S}/${id}`)).data;
    // Counting: the keeper counts and submits; the manager may not count, and there is nothing to decide yet.
    expect(st.data.abilities).toEqual({ count: true, submit: true, decide: false });
    expect((await seen(manager)).abilities).toEqual({ count: false, submit: false, decide: false });
    expect((await manager.get(`${S}?warehouseId=${wh.van2}`)).data.items[0]).toMatchObject({ id, abilities: { decide: false } });
    expect((await manager.post(`${S}/${id}/decide`, { version: st.data.version, approve: true })).statusCode).toBe(409);
    expect(
      (await manager.post(`${S}/${id}/count`, { version: st.data.version, lines: [{ lineId: st.data.lines[0]?.id ?? id, countedQty: 0 }] })).statusCode,
    ).toBe(403);
    const lines = st.data.lines.map((l: { id: string; bookedQty: number }) => ({ lineId: l.id, countedQty: l.bookedQty }));
    const counted = lines.length ? await parts.post(`${S}/${id}/count`, { version: st.data.version, lines }) : st;
    expect(counted.statusCode, counted.body).toBeLessThan(300);
    const sub = await parts.post(`${S}/${id}/submit`, { version: counted.data.version });
    expect(sub.statusCode, sub.body).toBe(200);
    // Submitted: the keeper can do nothing more (409s); the manager decides.
    expect(sub.data.abilities).toEqual({ count: false, submit: false, decide: false });
    expect((await parts.post(`${S}/${id}/count`, { version: sub.data.version, lines })).statusCode).toBe(409);
    expect((await parts.post(`${S}/${id}/submit`, { version: sub.data.version })).statusCode).toBe(409);
    expect((await seen(manager)).abilities).toEqual({ count: false, submit: false, decide: true });
    const back = await manager.post(`${S}/${id}/decide`, { version: sub.data.version, approve: false });
    expect(back.statusCode, back.body).toBe(200);
    // Sent back for recount: counting again, for the keeper.
    expect(back.data.abilities).toEqual({ count: false, submit: false, decide: false });
    expect((await seen(parts)).abilities).toEqual({ count: true, submit: true, decide: false });
    const again = await parts.post(`${S}/${id}/submit`, { version: back.data.version });
    const done = await manager.post(`${S}/${id}/decide`, { version: again.data.version, approve: true });
    expect(done.data).toMatchObject({ status: 'approved', abilities: { count: false, submit: false, decide: false } });
    expect((await seen(parts)).abilities).toEqual({ count: false, submit: false, decide: false });
    expect((await parts.post(`${S}/${id}/count`, { version: done.data.version, lines })).statusCode).toBe(409);
  });
});

describe('reports', () => {
  it('stock by warehouse, consumption, costs per work order, slow movers, reorder list; Excel too', async () => {
    for (const url of [
      '/api/v1/parts/reports/stock-by-warehouse',
      '/api/v1/parts/reports/consumption?groupBy=part',
      '/api/v1/parts/reports/consumption?groupBy=model',
      '/api/v1/parts/reports/consumption?groupBy=month&from=2026-01-01&to=2026-12-31',
      '/api/v1/parts/reports/work-order-costs',
      '/api/v1/parts/reports/slow-movers?days=30',
      '/api/v1/parts/reports/reorder',
    ]) {
      const r = await manager.get(url);
      expect(r.statusCode, `${url} ${r.body}`).toBe(200);
      expect(Array.isArray(r.data)).toBe(true);
      const x = await manager.get(`${url}${url.includes('?') ? '&' : '?'}format=xlsx`);
      expect(x.statusCode, url).toBe(200);
      expect(String(x.headers['content-type'])).toMatch(/spreadsheetml/);
    }
    const byPart = (await manager.get('/api/v1/parts/reports/consumption?groupBy=part')).data;
    expect(byPart.find((r: { key: string }) => r.key === 'BJ-ST-PUMP')?.qty).toBeGreaterThan(0);
    const costs = (await manager.get('/api/v1/parts/reports/work-order-costs')).data;
    expect(costs.length).toBeGreaterThan(0);
    for (const url of ['/api/v1/parts/stock/export', '/api/v1/parts/ledger/export', '/api/v1/parts/catalog/export']) {
      expect((await manager.get(url)).statusCode, url).toBe(200);
    }
  });
});

describe('bad input', () => {
  it('every parts endpoint answers garbage with a translated 4xx, never a 500', async () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    const bodies = [
      undefined,
      {},
      { version: 'x' },
      { lines: [] },
      { lines: [{ lineId: ghost, countedQty: -1 }] },
      { qty: 1e12 },
      'not json',
      { warehouseId: ghost, partId: ghost, qty: 1, workOrderId: ghost },
    ];
    const posts = [
      '/api/v1/parts/receipts',
      '/api/v1/parts/transfers',
      '/api/v1/parts/issue-to-work-order',
      '/api/v1/parts/return-faulty',
      '/api/v1/parts/purchase-plans',
      `/api/v1/parts/purchase-plans/${ghost}/submit`,
      `/api/v1/parts/purchase-plans/${ghost}/decide`,
      '/api/v1/parts/purchase-contracts',
      `/api/v1/parts/purchase-contracts/${ghost}/receive`,
      '/api/v1/parts/stocktakes',
      `/api/v1/parts/stocktakes/${ghost}/count`,
      `/api/v1/parts/stocktakes/${ghost}/submit`,
      '/api/v1/parts/catalog',
      '/api/v1/parts/warehouses',
    ];
    for (const url of posts) {
      for (const body of bodies) {
        const r = await parts.post(url, body, { ...EN, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) });
        expect(r.statusCode, `${url} ${JSON.stringify(body)} ${r.body}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${url} ${JSON.stringify(body)} ${r.body}`).toBeLessThan(500);
        expect(r.data.detail, url).toBeTruthy();
      }
    }
    for (const url of [
      '/api/v1/parts/stock?pageSize=0',
      '/api/v1/parts/ledger?from=2026-02-30',
      '/api/v1/parts/ledger?kind=steal',
      `/api/v1/parts/stocktakes/${ghost}`,
      '/api/v1/parts/stocktakes/nope',
      '/api/v1/parts/reports/consumption?groupBy=color',
      '/api/v1/parts/reports/slow-movers?days=-1',
      `/api/v1/parts/purchase-contracts/${ghost}`,
    ]) {
      const r = await parts.get(url, EN);
      expect(r.statusCode, `${url} ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
    }
    // A van without its engineer, a van owner on a central store.
    const van = await parts.post('/api/v1/parts/warehouses', { code: 'VAN-X', name: '无主车载库', kind: 'van' }, EN);
    expect(van.statusCode).toBe(422);
    expect(van.data.code).toBe('van_needs_owner');
  });
});

describe('the search boxes of the parts lists', () => {
  const ids = async (url: string, q: string, extra = '') => {
    const r = await manager.get(`${url}?q=${encodeURIComponent(q)}&pageSize=200${extra}`);
    expect(r.statusCode, `${url} ${q} ${r.body}`).toBe(200);
    return (r.data.items as { id: string }[]).map((x) => x.id).sort();
  };
  // Codes with an underscore: a search for `SRC_` must not take it as a wildcard.
  const tag = `${process.pid}${Date.now().toString(36)}`.toUpperCase();
  const codeA = `SRCH_A-${tag}`;
  const codeB = `SRCH_B-${tag}`;

  it('the ledger finds movements by part code or name, reference or work order, lot/serial and signer', async () => {
    const valve = await newPart(parts, { code: codeA, name: `搜索用旋钮${tag}` });
    const sensor = await newPart(parts, { code: codeB, name: '搜索用传感器', tracking: 'serial' });
    const got = await parts.post('/api/v1/parts/receipts', { warehouseId: wh.van, partId: valve, qty: 2, reference: `RK-SRCH-${tag}` });
    expect(got.statusCode, got.body).toBe(201);
    const serial = await parts.post('/api/v1/parts/receipts', { warehouseId: wh.central, partId: sensor, qty: 1, lot: `SN-${tag}` });
    expect(serial.statusCode, serial.body).toBe(201);
    const woId = await workOrder(env, dispatcher, 'ST5020-24-0376', 'normal');
    const issued = await engineer.post('/api/v1/parts/issue-to-work-order', { workOrderId: woId, warehouseId: wh.van, partId: valve, qty: 1 });
    expect(issued.statusCode, issued.body).toBe(201);
    const receipt = got.data.entries[0].id as string;
    const issue = issued.data.entry.id as string;
    const woNumber = (await engineer.get(`/api/v1/work-orders/${woId}`)).data.number as string;
    const L = '/api/v1/parts/ledger';

    expect(await ids(L, codeA)).toEqual([receipt, issue].sort());
    expect(await ids(L, codeA.toLowerCase())).toEqual([receipt, issue].sort());
    expect(await ids(L, `旋钮${tag}`)).toEqual([receipt, issue].sort());
    expect(await ids(L, `RK-SRCH-${tag}`)).toEqual([receipt]);
    expect(await ids(L, woNumber)).toEqual([issue]);
    expect(await ids(L, `SN-${tag}`)).toEqual([serial.data.entries[0].id]);
    // The signer: the engineer's issue, not the administrator's receipt; filters still apply.
    const byEngineer = await ids(L, issued.data.entry.signedByName);
    expect(byEngineer).toContain(issue);
    expect(byEngineer).not.toContain(receipt);
    expect(await ids(L, codeA, '&kind=receipt')).toEqual([receipt]);
    // `_` and `%` are literal.
    expect(await ids(L, `SRC_A-${tag}`)).toEqual([]);
    expect(await ids(L, `SRCH%A-${tag}`)).toEqual([]);
    expect(await ids(L, `SRCH_`)).toEqual(expect.arrayContaining([receipt, issue, serial.data.entries[0].id]));
  });

  it('purchase plans are found by number, note or a part on their lines; contracts by number, supplier or part', async () => {
    const [a, b] = [await idOf(env, 'parts', codeA), await idOf(env, 'parts', codeB)];
    const planA = await parts.post('/api/v1/parts/purchase-plans', { note: `春季补货${tag}`, lines: [{ partId: a, qty: 2 }] });
    const planB = await parts.post('/api/v1/parts/purchase-plans', { lines: [{ partId: b, qty: 1 }] });
    expect([planA.statusCode, planB.statusCode], planA.body + planB.body).toEqual([201, 201]);
    const P = '/api/v1/parts/purchase-plans';
    expect(await ids(P, planA.data.number)).toEqual([planA.data.id]);
    expect(await ids(P, `补货${tag}`)).toEqual([planA.data.id]);
    expect(await ids(P, codeA)).toEqual([planA.data.id]);
    expect(await ids(P, '搜索用传感器')).toEqual([planB.data.id]);
    expect(await ids(P, 'SRCH_')).toEqual([planA.data.id, planB.data.id].sort());
    expect(await ids(P, 'SRCH_', '&status=approved')).toEqual([]);
    expect(await ids(P, `SRC_A-${tag}`)).toEqual([]);

    const contract = (number: string, supplier: string, partId: string) =>
      parts.post('/api/v1/parts/purchase-contracts', {
        number,
        supplierId: supplier,
        deliveryDate: '2026-12-20',
        lines: [{ partId, qty: 1, unitPrice: '10.00' }],
      });
    const cA = await contract(`HT-SRCH-A-${tag}`, await idOf(env, 'suppliers', 'SUP-GD'), a);
    const cB = await contract(`HT-SRCH-B-${tag}`, await idOf(env, 'suppliers', 'SUP-LK'), b);
    expect([cA.statusCode, cB.statusCode], cA.body + cB.body).toEqual([201, 201]);
    const C = '/api/v1/parts/purchase-contracts';
    expect(await ids(C, `HT-SRCH-A-${tag}`.toLowerCase())).toEqual([cA.data.id]);
    expect(await ids(C, codeB)).toEqual([cB.data.id]);
    expect(await ids(C, `旋钮${tag}`)).toEqual([cA.data.id]);
    // The supplier's name: every contract of that supplier, none of another's.
    const guoda = await ids(C, '国达精密');
    expect(guoda).toContain(cA.data.id);
    expect(guoda).not.toContain(cB.data.id);
    expect(await ids(C, `HT-SRCH-_-${tag}`)).toEqual([]);
    expect(await ids(C, `HT-SRCH-A-${tag}`, '&status=received')).toEqual([]);
  });

  it('count sheets are found by number or warehouse name', async () => {
    const st = await parts.post('/api/v1/parts/stocktakes', { warehouseId: wh.emergency });
    expect(st.statusCode, st.body).toBe(201);
    const S = '/api/v1/parts/stocktakes';
    const all = (await manager.get(`${S}?pageSize=200`)).data.items as { id: string; number: string; warehouseId: string; warehouseName: string }[];
    expect(all.some((s) => s.warehouseId === wh.central)).toBe(true);
    expect(await ids(S, st.data.number)).toEqual([st.data.id]);
    const byName = await ids(S, st.data.warehouseName);
    expect(byName).toEqual(
      all
        .filter((s) => s.warehouseName === st.data.warehouseName)
        .map((s) => s.id)
        .sort(),
    );
    expect(byName).toContain(st.data.id);
    expect(byName.some((id) => all.find((s) => s.id === id)?.warehouseId === wh.central)).toBe(false);
    expect(await ids(S, '%')).toEqual([]);
    expect(await ids(S, 'zq-no-such-sheet')).toEqual([]);
  });
});
