// Stories of take-back repair (SPEC R-WO-3, seed 002 §6–8): the receipt the customer keeps
// (客户商品领取收据), the goods in/out register (客户商品进出登记簿), the repair card (修护卡)
// that gathers workshop time and parts, and the return that closes it all.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, userId } from '../../test/service.ts';

let env: TestEnv;
let dispatcher: Client;
let engineer: Client;
let technician: Client;
let c: { id: string; workOrderId: string; number: string };
const EN = { 'accept-language': 'en-US' };

const receiptBody = {
  items: [{ description: 'CT 操作台主机', serialNumber: 'UCT760-23-1009-C', quantity: 1 }],
  accessories: ['电源线', '键盘'],
  condition: '外壳左侧有划痕，其余完好',
  customerSignerName: '设备科 刘明',
};

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, engineer, technician] = await Promise.all(['dispatcher', 'engineer', 'technician'].map((u) => env.as(u)));
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, 'UCT760-23-1009'),
    faultDescription: '操作台主机反复重启',
    deviceDown: false,
    reporterName: '刘明',
    reporterPhone: '13800000000',
  });
  c = r.data;
  await dispatcher.post(`/api/v1/work-orders/${c.workOrderId}/dispatch`, {
    version: 1,
    leadEngineerId: await userId(env, 'engineer'),
    helperIds: [await userId(env, 'technician')],
  });
  for (const to of ['accepted', 'on_site']) {
    const s = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/transition`, { version: await v(), to });
    if (s.statusCode !== 200) throw new Error(s.body);
  }
});
afterAll(() => env?.close());

const v = async () => (await dispatcher.get(`/api/v1/work-orders/${c.workOrderId}`)).data.version as number;
const receipts = () => count(env, 'select count(*)::int as n from goods_receipts');

describe('taking a unit back (R-WO-3)', () => {
  it('the take-back needs its receipt: a plain status step, an empty receipt or a helper are refused, and nothing changes', async () => {
    const plain = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/transition`, { version: await v(), to: 'taken_back' }, EN);
    expect(plain.statusCode).toBe(422);
    expect(plain.data.code).toBe('use_dedicated_action');
    const empty = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back`, { ...receiptBody, version: await v(), items: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.data.fields[0].field).toBe('items');
    const unsigned = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back`, { ...receiptBody, version: await v(), customerSignerName: ' ' });
    expect(unsigned.statusCode).toBe(400);
    const badQty = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back`, {
      ...receiptBody,
      version: await v(),
      items: [{ description: '主机', quantity: 0 }],
    });
    expect(badQty.statusCode).toBe(400);
    const helper = await technician.post(`/api/v1/work-orders/${c.workOrderId}/take-back`, { ...receiptBody, version: await v() });
    expect(helper.statusCode).toBe(403);
    expect(helper.data.code).toBe('not_allowed_actor');
    // On site the lead alone is offered the take-back; nothing of the workshop yet.
    expect((await engineer.get(`/api/v1/work-orders/${c.workOrderId}`)).data.abilities).toMatchObject({ takeBack: true, repairCard: false, returnUnit: false });
    expect((await technician.get(`/api/v1/work-orders/${c.workOrderId}`)).data.abilities).toMatchObject({ takeBack: false, repairCard: false });
    const stale = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back`, { ...receiptBody, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(await receipts()).toBe(0);
    expect(await count(env, 'select count(*)::int as n from goods_register')).toBe(0);
    expect((await dispatcher.get(`/api/v1/work-orders/${c.workOrderId}`)).data.status).toBe('on_site');
  });

  it('the lead takes the unit back: the customer’s receipt, the "in" line of the register, the work order taken back', async () => {
    const r = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back`, { ...receiptBody, version: await v(), reason: '需返厂更换主板' });
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({
      status: 'open',
      workOrderStatus: 'taken_back',
      customerName: '北京仁和医院',
      serialNumber: 'UCT760-23-1009',
      items: receiptBody.items,
      accessories: ['电源线', '键盘'],
      condition: '外壳左侧有划痕，其余完好',
      customerSignerName: '设备科 刘明',
      takenByName: '张伟（工程师）',
      returnedAt: null,
      card: [],
      cardMinutes: 0,
    });
    expect(r.data.number).toMatch(/^SJ-2026-\d{6}$/);
    const reg = await dispatcher.get(`/api/v1/goods-register?workOrderId=${c.workOrderId}`);
    expect(reg.data.items).toEqual([
      expect.objectContaining({
        direction: 'in',
        receiptNumber: r.data.number,
        receiptStatus: 'open',
        counterpartName: '设备科 刘明',
        handledByName: '张伟（工程师）',
      }),
    ]);
    const again = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back`, { ...receiptBody, version: await v() });
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('illegal_transition');
    expect(await receipts()).toBe(1);
  });

  it('the repair card gathers workshop time and parts; they count on the work order', async () => {
    const before = (await dispatcher.get(`/api/v1/work-orders/${c.workOrderId}`)).data;
    const first = await technician.post(`/api/v1/work-orders/${c.workOrderId}/take-back/card`, {
      version: before.version,
      minutes: 120,
      description: '拆机检测，主板电源模块损坏',
      parts: [{ partNo: 'MB-760', name: '操作台主板', quantity: 1, unitPrice: '4200.00' }],
    });
    expect(first.statusCode).toBe(200);
    const second = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back/card`, {
      version: first.data.workOrderVersion,
      minutes: 45,
      description: '更换主板后老化测试 8 小时',
    });
    expect(second.statusCode).toBe(200);
    expect(second.data.cardMinutes).toBe(165);
    expect(second.data.card.map((e: { technicianName: string; minutes: number }) => [e.technicianName, e.minutes])).toEqual([
      ['陈磊（维修技师）', 120],
      ['张伟（工程师）', 45],
    ]);
    expect(second.data.card[0].parts).toEqual([{ partNo: 'MB-760', name: '操作台主板', quantity: '1', unitPrice: '4200.00' }]);
    const after = (await dispatcher.get(`/api/v1/work-orders/${c.workOrderId}`)).data;
    expect(after.labourMinutes).toBe(before.labourMinutes + 165);
    expect(after.parts).toEqual([expect.objectContaining({ partNo: 'MB-760', name: '操作台主板', unitPrice: '4200.00' })]);

    const stale = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back/card`, { version: before.version, minutes: 5, description: 'x' });
    expect(stale.statusCode).toBe(409);
    const negative = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back/card`, { version: after.version, minutes: -5, description: 'x' });
    expect(negative.statusCode).toBe(400);
    const hospital = await env.as('renhe');
    expect(
      (await hospital.post(`/api/v1/work-orders/${c.workOrderId}/take-back/card`, { version: after.version, minutes: 5, description: 'x' })).statusCode,
    ).toBe(403);
    expect((await dispatcher.get(`/api/v1/work-orders/${c.workOrderId}`)).data.version).toBe(after.version);
  });

  it('the unit can only come back through the return', async () => {
    const r = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/transition`, { version: await v(), to: 'resolved' });
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('use_dedicated_action');
  });

  it('in the workshop the order offers the repair card to whoever acts on orders and the return to the lead alone, as the endpoints decide', async () => {
    const abilities = async (as: Client) => (await as.get(`/api/v1/work-orders/${c.workOrderId}`)).data.abilities;
    expect(await abilities(engineer)).toMatchObject({ takeBack: false, repairCard: true, returnUnit: true });
    expect(await abilities(technician)).toMatchObject({ repairCard: true, returnUnit: false });
    expect(await abilities(dispatcher)).toMatchObject({ repairCard: true, returnUnit: false });
    const hospital = await env.as('renhe');
    expect(await abilities(hospital)).toMatchObject({ repairCard: false, returnUnit: false }); // and its card entry is refused (403) above
    for (const who of [technician, dispatcher, hospital]) {
      const r = await who.post(`/api/v1/work-orders/${c.workOrderId}/take-back/return`, { version: await v(), receivedBy: 'x', condition: 'x' });
      expect(r.statusCode).toBe(403);
    }
    expect(await receipts()).toBe(1);
  });

  it('returning the unit closes the receipt, writes the "out" line and resolves the work order', async () => {
    const bad = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back/return`, { version: await v(), condition: '完好' });
    expect(bad.statusCode).toBe(400);
    const r = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back/return`, {
      version: await v(),
      receivedBy: '设备科 刘明',
      condition: '已修复，外观同送修时',
      notes: '附维修报告一份',
    });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ status: 'returned', workOrderStatus: 'resolved', returnSignerName: '设备科 刘明', returnCondition: '已修复，外观同送修时' });
    expect(r.data.returnedAt).not.toBeNull();
    const wo = (await dispatcher.get(`/api/v1/work-orders/${c.workOrderId}`)).data;
    expect(wo.resolvedAt).not.toBeNull();
    const req = (await dispatcher.get(`/api/v1/requests/${c.id}`)).data;
    expect(req.status).toBe('resolved');
    expect(req.clocks.find((k: { kind: string }) => k.kind === 'restore').stoppedAt).not.toBeNull();
    const reg = await dispatcher.get(`/api/v1/goods-register?workOrderId=${c.workOrderId}&sort=at`);
    expect(reg.data.items.map((g: { direction: string; receiptStatus: string }) => [g.direction, g.receiptStatus])).toEqual([
      ['in', 'returned'],
      ['out', 'returned'],
    ]);
    expect(reg.data.items[1]).toMatchObject({
      counterpartName: '设备科 刘明',
      notes: '附维修报告一份',
      items: receiptBody.items,
      accessories: receiptBody.accessories,
    });
    const twice = await engineer.post(`/api/v1/work-orders/${c.workOrderId}/take-back/return`, { version: wo.version, receivedBy: 'x', condition: 'x' }, EN);
    expect(twice.statusCode).toBe(409);
    expect(twice.data.detail).toBe('The unit is not taken back for repair (status now: Resolved).');
    // Back with the customer: no workshop actions are offered any more (409 above).
    expect((await engineer.get(`/api/v1/work-orders/${c.workOrderId}`)).data.abilities).toMatchObject({ repairCard: false, returnUnit: false });
  });
});

describe('the goods register (客户商品进出登记簿)', () => {
  it('filters by direction, open receipts, customer and company-local dates; refuses a reversed range', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const rh = (await env.database.query<{ id: string }>(`select id from customers where code = 'BJ-RH'`)).rows[0].id;
    expect((await dispatcher.get('/api/v1/goods-register?direction=out')).data.total).toBe(1);
    expect((await dispatcher.get('/api/v1/goods-register?open=true')).data.total).toBe(0);
    expect((await dispatcher.get(`/api/v1/goods-register?customerId=${rh}&from=${today}&to=${today}`)).data.total).toBe(2);
    expect((await dispatcher.get('/api/v1/goods-register?from=2020-01-01&to=2020-12-31')).data.total).toBe(0);
    expect((await dispatcher.get('/api/v1/goods-register?q=主机')).data.total).toBe(2);
    expect((await dispatcher.get('/api/v1/goods-register?q=SJ-2026')).data.total).toBe(2);
    const reversed = await dispatcher.get('/api/v1/goods-register?from=2026-02-01&to=2026-01-01', EN);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.data.code).toBe('date_order');
    expect((await dispatcher.get('/api/v1/goods-register?from=2026-02-30')).statusCode).toBe(400);
    expect((await dispatcher.get('/api/v1/goods-register?direction=sideways')).statusCode).toBe(400);
  });

  it('exports to Excel with headers in the reader’s language', async () => {
    for (const [headers, title, inWord] of [
      [{}, '日期时间', '进'],
      [EN, 'Date/time', 'in'],
    ] as const) {
      const r = await dispatcher.raw({ method: 'GET', url: '/api/v1/goods-register/export?sort=at', headers });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).getCell(1).value).toBe(title);
      expect(ws.rowCount).toBe(3);
      expect(ws.getRow(2).getCell(2).value).toBe(inWord);
    }
  });

  it('a hospital sees its own lines only; the register itself cannot be rewritten', async () => {
    const renhe = await env.as('renhe');
    const ruikang = await env.as('ruikang');
    expect((await renhe.get('/api/v1/goods-register')).data.total).toBe(2);
    expect((await ruikang.get('/api/v1/goods-register')).data.total).toBe(0);
    expect((await renhe.get(`/api/v1/work-orders/${c.workOrderId}/take-back`)).data).toHaveLength(1);
    expect((await ruikang.get(`/api/v1/work-orders/${c.workOrderId}/take-back`)).statusCode).toBe(404);
    await expect(env.database.exec(`update goods_register set condition = '完好'`)).rejects.toThrow();
    await expect(env.database.exec('delete from repair_card_entries')).rejects.toThrow();
    const admin = await env.as('admin');
    const trail = await admin.get('/api/v1/audit?entity=goods_register');
    expect(trail.data.total).toBe(2);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});
