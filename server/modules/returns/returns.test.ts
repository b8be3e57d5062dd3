// Return/exchange stories (退货/换货, issue 14 §4, R-REG-4; supplier/manufacturer notices, 经营办法§38):
// an engineer registers a hospital's unit coming back with its complaint and work order; it is
// received, quality checks the returned goods, the service manager decides and the follow-through
// closes it — each step audited, versioned, in order, by the right role; a part comes back too;
// bad input is a translated 400/422 that changes nothing; the hospital reads only its own; the
// register exports to Excel; a supplier is notified and its reply tracked, overdue after 15 days;
// a dead-on-arrival defect at installation lands here (installations.test.ts covers the call);
// a notice unanswered past its due day is chased once: quality and the sender told, however many sweeps;
// an adverse event's notice is a row of the same table: listed, filtered and chased with the others.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReturnsDemo } from '../../seed/returns.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate, count, notified, one } from '../../test/service.ts';
import { chaseOverdueNotices } from './index.ts';

let env: TestEnv;
let engineer: Client;
let dispatcher: Client;
let quality: Client;
let manager: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };
let unit: string;
let renheCustomer: string;
let workOrder: { id: string; number: string };

beforeAll(async () => {
  env = await createTestEnv();
  [engineer, dispatcher, quality, manager, renhe, ruikang] = await Promise.all(
    ['engineer', 'dispatcher', 'quality', 'manager', 'renhe', 'ruikang'].map((u) => env.as(u)),
  );
  renheCustomer = (await one<{ id: string }>(env, `select customer_id id from users where username = 'renhe'`)).id;
  unit = (
    await one<{ id: string }>(env, `select id from devices where customer_id = '${renheCustomer}' and status = 'in_service' order by serial_number limit 1`)
  ).id;
  const req = await dispatcher.post('/api/v1/requests', {
    deviceId: unit,
    faultDescription: '反复死机',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (req.statusCode !== 201) throw new Error(req.body);
  workOrder = await one(env, `select id, number from work_orders where id = '${req.data.workOrderId}'`);
});
afterAll(() => env?.close());

const auditCount = (id: string) => count(env, `select count(*) n from audit_log where entity = 'return_record' and entity_id = '${id}'`);

describe('a unit comes back: registered → received → inspected → decided → done (R-REG-4)', () => {
  let r: { id: string; version: number; number: string };

  it('an engineer registers it with its work order; the hospital comes from the unit; TH number', async () => {
    const res = await engineer.post('/api/v1/returns', {
      kind: 'exchange',
      item: 'device',
      deviceId: unit,
      reason: '使用一周内反复死机，客户要求换货',
      workOrderId: workOrder.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    r = res.data;
    expect(res.data).toMatchObject({
      number: expect.stringMatching(/^TH-\d{4}-\d{6}$/),
      status: 'registered',
      customerId: renheCustomer,
      deviceId: unit,
      workOrderNumber: workOrder.number,
      abilities: { receive: true, inspect: false, decide: false, complete: false, cancel: false },
    });
    expect(await auditCount(r.id)).toBe(1);
  });

  it('deciding before the inspection is a 409 and changes nothing; a hospital user or an engineer cannot inspect (403)', async () => {
    const early = await manager.post(`/api/v1/returns/${r.id}/decide`, { version: r.version, decision: 'exchange', reason: '换新' }, EN);
    expect(early.statusCode).toBe(409);
    expect(early.data.code).toBe('return_bad_transition');
    expect(early.data.detail).toMatch(/registered/);
    expect((await engineer.post(`/api/v1/returns/${r.id}/inspect`, { version: r.version, findings: 'x', result: 'fail' })).statusCode).toBe(403);
    expect(
      (await renhe.post(`/api/v1/returns/${r.id}/receive`, { version: r.version, receivedOn: '2026-12-20', receivedByName: '王', arrivalCondition: '好' }))
        .statusCode,
    ).toBe(403);
    expect(await one(env, `select status, version from return_records where id = '${r.id}'`)).toEqual({ status: 'registered', version: 1 });
  });

  it('bad input is a translated 400/422 naming the field, and changes nothing', async () => {
    const missing = await engineer.post(
      `/api/v1/returns/${r.id}/receive`,
      { version: r.version, receivedOn: '2026-02-30', receivedByName: '', arrivalCondition: '外包装完好' },
      EN,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['receivedByName', 'receivedOn']);
    const early = await engineer.post(`/api/v1/returns/${r.id}/receive`, {
      version: r.version,
      receivedOn: '2020-01-01',
      receivedByName: '张库管',
      arrivalCondition: '外包装完好',
    });
    expect(early.statusCode).toBe(422);
    expect(early.data.fields[0]).toMatchObject({ field: 'receivedOn', code: 'date_order', message: expect.stringContaining('不能早于') });
    const stale = await engineer.post(`/api/v1/returns/${r.id}/receive`, {
      version: r.version + 4,
      receivedOn: '2099-01-01',
      receivedByName: '张库管',
      arrivalCondition: '外包装完好',
    });
    expect(stale.statusCode).toBe(409);
    expect(await auditCount(r.id)).toBe(1);
  });

  it('received, inspected by quality, decided by the service manager, each step audited', async () => {
    const today = businessDate();
    let res = await engineer.post(`/api/v1/returns/${r.id}/receive`, {
      version: r.version,
      receivedOn: '2099-01-01',
      receivedByName: '张库管',
      arrivalCondition: '外包装完好，主机外壳有划痕',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ status: 'received', receivedByName: '张库管', arrivalCondition: '外包装完好，主机外壳有划痕' });
    expect(res.data.receivedOn >= today).toBe(true);
    res = await quality.post(`/api/v1/returns/${r.id}/inspect`, { version: res.data.version, findings: '主板电源管理芯片虚焊，复现死机', result: 'fail' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ status: 'inspected', inspectionResult: 'fail', inspectorName: expect.any(String), abilities: { decide: true } });
    res = await manager.post(`/api/v1/returns/${r.id}/decide`, { version: res.data.version, decision: 'exchange', reason: '新机质量问题，按合同换货' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ status: 'decided', decision: 'exchange', decidedByName: expect.any(String), decisionReason: '新机质量问题，按合同换货' });
    r = res.data;
    expect(await auditCount(r.id)).toBe(4);
  });

  it('done only with the follow-through the decision requires (exchange: the serial sent)', async () => {
    const none = await engineer.post(`/api/v1/returns/${r.id}/complete`, { version: r.version, refundReference: 'TK-1' }, EN);
    expect(none.statusCode).toBe(422);
    expect(none.data.code).toBe('return_followthrough_missing');
    expect(none.data.fields[0].field).toBe('exchangeSerial');
    expect(none.data.detail).toMatch(/follow-through/);
    const res = await engineer.post(`/api/v1/returns/${r.id}/complete`, {
      version: r.version,
      exchangeSerial: 'NEW-SN-0001',
      refundReference: 'ignored',
      note: '新机已发出',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({
      status: 'done',
      exchangeSerial: 'NEW-SN-0001',
      refundReference: null,
      followThroughNote: '新机已发出',
      doneAt: expect.any(String),
    });
    expect(res.data.abilities).toMatchObject({ receive: false, inspect: false, decide: false, complete: false, cancel: false });
    const cancel = await manager.post(`/api/v1/returns/${r.id}/cancel`, { version: res.data.version, reason: '晚了' });
    expect(cancel.statusCode).toBe(409);
  });

  it('the hospital reads its own return, read only; another hospital gets a 404 and an empty list', async () => {
    const own = await renhe.get(`/api/v1/returns/${r.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.data.abilities).toMatchObject({ receive: false, cancel: false, notifySupplier: false });
    expect(own.data.notices).toEqual([]);
    expect((await ruikang.get(`/api/v1/returns/${r.id}`)).statusCode).toBe(404);
    const list = await ruikang.get('/api/v1/returns?pageSize=200');
    expect(list.data.items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await ruikang.post(`/api/v1/returns/${r.id}/cancel`, { version: 1, reason: 'x' })).statusCode).toBe(403);
    expect((await ruikang.get('/api/v1/supplier-notices')).statusCode).toBe(403);
  });

  it('the register filters by state, decision and kind, searches, and exports to Excel', async () => {
    const found = await dispatcher.get(`/api/v1/returns?status=done&decision=exchange&kind=exchange&q=${encodeURIComponent(r.number)}`);
    expect(found.data.items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect((await dispatcher.get(`/api/v1/returns?status=registered&q=${encodeURIComponent(r.number)}`)).data.total).toBe(0);
    const bad = await dispatcher.get('/api/v1/returns?status=lost');
    expect(bad.statusCode).toBe(400);
    const x = await dispatcher.get(`/api/v1/returns/export?q=${encodeURIComponent(r.number)}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = ws.getRow(1).values as string[];
    expect(header).toContain('处理决定');
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(2).getCell(header.indexOf('退换货编号')).value)).toBe(r.number);
    expect(String(ws.getRow(2).getCell(header.indexOf('处理决定')).value)).toBe('换货');
  });

  it('the unit’s traceability line (returnsForDevice) names it', async () => {
    const { returnsForDevice } = await import('./index.ts');
    const lines = await returnsForDevice(env.database.db, unit);
    expect(lines.find((l) => l.number === r.number)).toMatchObject({
      kind: 'return',
      status: 'done',
      link: `/returns/${r.id}`,
      title: expect.stringContaining('换货'),
    });
  });
});

describe('a part comes back; links must agree (R-REG-4)', () => {
  it('a part needs part and quantity; the hospital comes from the complaint; a work order of another hospital is refused', async () => {
    const part = await one<{ id: string }>(env, `select id from parts order by code limit 1`);
    const ruikangCustomer = (await one<{ id: string }>(env, `select customer_id id from users where username = 'ruikang'`)).id;
    const made = await dispatcher.post('/api/v1/complaints', {
      channel: 'hotline',
      customerId: ruikangCustomer,
      complainantName: '李明',
      matter: '更换的配件两周内再次损坏',
      severity: 'normal',
    });
    expect(made.statusCode, made.body).toBe(201);
    const complaint = { id: made.data.id as string, customer_id: ruikangCustomer };
    const before = await count(env, 'select count(*) n from return_records');
    const noQty = await engineer.post('/api/v1/returns', { kind: 'return', item: 'part', partId: part.id, reason: '批次不良' }, EN);
    expect(noQty.statusCode).toBe(422);
    expect(noQty.data.fields[0]).toMatchObject({ field: 'quantity', code: 'required', message: 'Required' });
    const other = workOrder;
    const mismatch = await engineer.post('/api/v1/returns', {
      kind: 'return',
      item: 'part',
      partId: part.id,
      quantity: 2,
      reason: '批次不良',
      complaintId: complaint.id,
      workOrderId: other.id,
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.data.code).toBe('return_link_other_customer');
    expect(await count(env, 'select count(*) n from return_records')).toBe(before);
    const ok = await engineer.post('/api/v1/returns', {
      kind: 'return',
      item: 'part',
      partId: part.id,
      quantity: 2,
      lotOrSerial: 'LOT-2026-11',
      reason: '批次不良',
      complaintId: complaint.id,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.data).toMatchObject({ item: 'part', quantity: 2, lotOrSerial: 'LOT-2026-11', customerId: complaint.customer_id, deviceId: null });
    // Cancelled with a reason by quality.
    const c = await quality.post(`/api/v1/returns/${ok.data.id}/cancel`, { version: ok.data.version, reason: '客户撤回' });
    expect(c.data).toMatchObject({ status: 'cancelled', cancelReason: '客户撤回' });
  });
});

describe('a returned part waits in quarantine stock (R-REG-4)', () => {
  it('received into a warehouse’s faulty stock (not a van, not without one), scrapped out of it', async () => {
    const part = await one<{ id: string }>(env, `select id from parts where tracking = 'none' order by code limit 1`);
    const central = await one<{ id: string }>(env, `select id from warehouses where kind = 'central' order by code limit 1`);
    const van = await one<{ id: string }>(env, `select id from warehouses where kind = 'van' order by code limit 1`);
    const faulty = () =>
      count(env, `select coalesce(sum(qty), 0) n from stock_balances where part_id = '${part.id}' and warehouse_id = '${central.id}' and condition = 'faulty'`);
    const made = await engineer.post('/api/v1/returns', {
      kind: 'return',
      item: 'part',
      partId: part.id,
      quantity: 3,
      reason: '到货即损坏',
      customerId: renheCustomer,
    });
    expect(made.statusCode, made.body).toBe(201);
    const r = made.data;
    const before = await faulty();
    const step = { version: r.version, receivedOn: '2026-12-20', receivedByName: '库管 刘', arrivalCondition: '外包装破损' };
    const none = await engineer.post(`/api/v1/returns/${r.id}/receive`, step, EN);
    expect(none.statusCode).toBe(422);
    expect(none.data).toMatchObject({ code: 'return_warehouse_required', fields: [{ field: 'warehouseId', code: 'required' }] });
    const inVan = await engineer.post(`/api/v1/returns/${r.id}/receive`, { ...step, warehouseId: van.id }, EN);
    expect(inVan.statusCode).toBe(422);
    expect(inVan.data.code).toBe('quarantine_not_in_van');
    expect(await faulty()).toBe(before);
    const ok = await engineer.post(`/api/v1/returns/${r.id}/receive`, { ...step, warehouseId: central.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.data).toMatchObject({ status: 'received', warehouseId: central.id, warehouseName: expect.any(String) });
    expect(await faulty()).toBe(before + 3);
    const ledger = await one<{ kind: string; reference: string }>(env, `select kind, reference from parts_ledger where reference = '${r.number}'`);
    expect(ledger).toEqual({ kind: 'return_faulty', reference: r.number });
    let v = ok.data.version;
    v = (await quality.post(`/api/v1/returns/${r.id}/inspect`, { version: v, findings: '外壳碎裂', result: 'fail' })).data.version;
    v = (await manager.post(`/api/v1/returns/${r.id}/decide`, { version: v, decision: 'scrap', reason: '无法修复' })).data.version;
    const done = await engineer.post(`/api/v1/returns/${r.id}/complete`, { version: v, scrapRecord: 'BF-2026-001' });
    expect(done.statusCode, done.body).toBe(200);
    expect(await faulty()).toBe(before);
  });
});

describe('经营办法§38: the supplier/manufacturer is notified and the reply tracked', () => {
  it('quality notifies the manufacturer of a return; due in 15 days; overdue until the reply is recorded', async () => {
    const ret = await one<{ id: string; number: string }>(env, `select id, number from return_records where status = 'done' order by number limit 1`);
    const nobody = await quality.post(
      '/api/v1/supplier-notices',
      { subject: 'return', subjectId: ret.id, sentOn: '2026-01-05', channel: 'email', content: '请分析主板虚焊原因' },
      EN,
    );
    expect(nobody.statusCode).toBe(422);
    expect(nobody.data.code).toBe('supplier_notice_recipient_required');
    expect(
      (
        await engineer.post('/api/v1/supplier-notices', {
          subject: 'return',
          subjectId: ret.id,
          manufacturer: 'X',
          sentOn: '2026-01-05',
          channel: 'email',
          content: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const n = await quality.post('/api/v1/supplier-notices', {
      subject: 'return',
      subjectId: ret.id,
      manufacturer: '深圳迈瑞生物医疗电子股份有限公司',
      sentOn: '2026-01-05',
      channel: 'email',
      content: '请分析主板虚焊原因并反馈纠正措施',
    });
    expect(n.statusCode, n.body).toBe(201);
    expect(n.data).toMatchObject({ replyDueOn: '2026-01-20', overdue: true, subjectNumber: ret.number, repliedOn: null });
    const overdue = await dispatcher.get('/api/v1/supplier-notices?state=overdue&pageSize=200');
    expect(overdue.data.items.map((x: { id: string }) => x.id)).toContain(n.data.id);
    const detail = await quality.get(`/api/v1/returns/${ret.id}`);
    expect(detail.data.notices.map((x: { id: string }) => x.id)).toContain(n.data.id);
    const early = await quality.post(`/api/v1/supplier-notices/${n.data.id}/reply`, { version: n.data.version, repliedOn: '2026-01-01', replyText: '已收到' });
    expect(early.statusCode).toBe(422);
    const reply = await quality.post(`/api/v1/supplier-notices/${n.data.id}/reply`, {
      version: n.data.version,
      repliedOn: '2026-01-12',
      replyText: '已确认为来料不良，已更换供应商批次',
    });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.data).toMatchObject({ overdue: false, repliedOn: '2026-01-12', replyRecordedByName: expect.any(String) });
    expect(
      (await quality.post(`/api/v1/supplier-notices/${n.data.id}/reply`, { version: reply.data.version, repliedOn: '2026-01-13', replyText: 'x' })).statusCode,
    ).toBe(409);
    const after = await dispatcher.get('/api/v1/supplier-notices?state=overdue&pageSize=200');
    expect(after.data.items.map((x: { id: string }) => x.id)).not.toContain(n.data.id);
    expect(await count(env, `select count(*) n from audit_log where entity = 'supplier_notice' and entity_id = '${n.data.id}'`)).toBe(2);
  });

  it('a complaint goes to a parts supplier; the supplier name is the recipient', async () => {
    const complaint = await one<{ id: string }>(env, `select id from complaints order by number limit 1`);
    const supplier = await one<{ id: string; name: string }>(env, `select id, name from suppliers order by code limit 1`);
    const n = await manager.post('/api/v1/supplier-notices', {
      subject: 'complaint',
      subjectId: complaint.id,
      supplierId: supplier.id,
      sentOn: '2099-01-05',
      channel: 'phone',
      content: '配件批次质量投诉',
      replyDays: 5,
    });
    expect(n.statusCode, n.body).toBe(201);
    expect(n.data).toMatchObject({ recipientName: supplier.name, replyDueOn: '2099-01-10', overdue: false });
    const x = await dispatcher.get('/api/v1/supplier-notices/export?subject=complaint');
    expect(x.statusCode).toBe(200);
  });
});

describe('经营办法§38: an unanswered notice past its due day is chased once', () => {
  it('the daily job tells quality and the sender once, even when two sweeps run at once and again the next day; answered or not yet due notices are left alone', async () => {
    const complaint = await one<{ id: string }>(env, `select id from complaints order by number limit 1`);
    const send = async (sentOn: string) => {
      const r = await manager.post('/api/v1/supplier-notices', {
        subject: 'complaint',
        subjectId: complaint.id,
        manufacturer: '某医疗器械生产企业',
        sentOn,
        channel: 'email',
        content: '请回复纠正措施',
        replyDays: 10,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.data as { id: string; version: number };
    };
    const late = await send('2026-02-01');
    const answered = await send('2026-02-01');
    const notYet = await send('2099-02-01');
    const reply = await quality.post(`/api/v1/supplier-notices/${answered.id}/reply`, {
      version: answered.version,
      repliedOn: '2026-02-05',
      replyText: '已回复',
    });
    expect(reply.statusCode, reply.body).toBe(200);

    const [a, b] = await Promise.all([chaseOverdueNotices(env.database.db, 'Asia/Shanghai'), chaseOverdueNotices(env.database.db, 'Asia/Shanghai')]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await chaseOverdueNotices(env.database.db, 'Asia/Shanghai', new Date(Date.now() + 86_400_000))).toBe(0);
    expect(await notified(env, 'supplier_notice_overdue', late.id)).toEqual(['manager', 'quality']);
    expect(await notified(env, 'supplier_notice_overdue', answered.id)).toEqual([]);
    expect(await notified(env, 'supplier_notice_overdue', notYet.id)).toEqual([]);
    expect(await count(env, `select count(*) n from supplier_notices where id = '${late.id}' and overdue_notified_at is not null`)).toBe(1);
    expect(await count(env, `select count(*) n from supplier_notices where overdue_notified_at is not null and id in ('${answered.id}', '${notYet.id}')`)).toBe(
      0,
    );
    const inbox = await quality.get('/api/v1/notifications?limit=50');
    const told = inbox.data.items.filter((n: { kind: string }) => n.kind === 'supplier_notice_overdue');
    expect(told.length).toBeGreaterThanOrEqual(1);
    const mine = told.find((n: { body: string }) => n.body.includes('某医疗器械生产企业'));
    expect(mine).toMatchObject({ link: '/supplier-notices?state=overdue' });
    expect(`${mine.title} ${mine.body}`).toMatch(/供应商未按期回复.*2026-02-11/s);
  });
});

describe('one notice table (migration 0073): an adverse event’s notice and a complaint’s to the same supplier', () => {
  it('both appear in the supplier’s notice list and in the overdue chase, each once; the event’s notice keeps its page and its link', async () => {
    const supplier = await one<{ id: string; name: string }>(env, `select id, name from suppliers order by code desc limit 1`);
    const filed = await dispatcher.post('/api/v1/complaints', {
      channel: 'hotline',
      customerId: renheCustomer,
      complainantName: '王红',
      deviceId: unit,
      matter: '电源模块反复故障',
      severity: 'normal',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const complaint = filed.data as { id: string };
    const created = await engineer.post('/api/v1/adverse-events', {
      deviceId: unit,
      eventDate: '2026-03-01',
      awareAt: '2026-03-01T08:00:00+08:00',
      patientImpact: 'none',
      description: '设备报警后停机',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ev = created.data as { id: string; number: string; version: number };
    const today = businessDate();
    const sent = await quality.post(`/api/v1/adverse-events/${ev.id}/notices`, {
      version: ev.version,
      supplierId: supplier.id,
      content: '请分析该批次电源模块',
      replyDue: today,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.data.notices).toHaveLength(1);
    expect(sent.data.notices[0]).toMatchObject({ supplierId: supplier.id, recipient: supplier.name, overdue: false });
    const fromEvent = sent.data.notices[0] as { id: string };
    const fromComplaint = await manager.post('/api/v1/supplier-notices', {
      subject: 'complaint',
      subjectId: complaint.id,
      supplierId: supplier.id,
      sentOn: '2026-03-02',
      channel: 'email',
      content: '配件批次质量投诉',
      replyDays: 5,
    });
    expect(fromComplaint.statusCode, fromComplaint.body).toBe(201);
    // An adverse event's notice is sent from the event only (quality; the event's version moves).
    const direct = await quality.post(
      '/api/v1/supplier-notices',
      { subject: 'adverse_event', subjectId: ev.id, supplierId: supplier.id, sentOn: today, channel: 'email', content: 'x' },
      EN,
    );
    expect(direct.statusCode).toBe(400);
    // The event's notice is past its day (the event's page refuses a reply day in the past).
    await env.database.query(`update supplier_notices set reply_due_on = '2026-01-10' where id = '${fromEvent.id}'`);

    const mine = [fromEvent.id, fromComplaint.data.id];
    const listed = await dispatcher.get(`/api/v1/supplier-notices?q=${encodeURIComponent(supplier.name)}&pageSize=200`);
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = listed.data.items.map((x: { id: string }) => x.id).filter((id: string) => mine.includes(id));
    expect(ids.sort()).toEqual([...mine].sort());
    expect(listed.data.items.find((x: { id: string }) => x.id === fromEvent.id)).toMatchObject({
      subject: 'adverse_event',
      subjectId: ev.id,
      subjectNumber: ev.number,
      recipientName: supplier.name,
      replyDueOn: '2026-01-10',
      overdue: true,
    });
    const onlyEvents = await dispatcher.get('/api/v1/supplier-notices?subject=adverse_event&pageSize=200');
    expect(onlyEvents.data.items.map((x: { id: string }) => x.id)).toContain(fromEvent.id);
    expect(onlyEvents.data.items.map((x: { id: string }) => x.id)).not.toContain(fromComplaint.data.id);
    const overdue = await dispatcher.get('/api/v1/supplier-notices?state=overdue&pageSize=200');
    expect(overdue.data.items.filter((x: { id: string }) => mine.includes(x.id))).toHaveLength(2);

    // The shared list lets no more roles answer the event's notice than the event's page does:
    // quality alone. The service manager may answer the complaint's, not the event's (403, unchanged).
    const asManager = await manager.get(`/api/v1/supplier-notices?q=${encodeURIComponent(supplier.name)}&pageSize=200`);
    const managerSees = (id: string) => asManager.data.items.find((x: { id: string }) => x.id === id) as { canReply: boolean; version: number };
    expect(managerSees(fromEvent.id).canReply).toBe(false);
    expect(managerSees(fromComplaint.data.id).canReply).toBe(true);
    expect(listed.data.items.find((x: { id: string }) => x.id === fromComplaint.data.id).canReply).toBe(false); // the dispatcher
    const refused = await manager.post(
      `/api/v1/supplier-notices/${fromEvent.id}/reply`,
      { version: managerSees(fromEvent.id).version, repliedOn: today, replyText: '越权回复' },
      EN,
    );
    expect(refused.statusCode, refused.body).toBe(403);
    expect(await count(env, `select count(*) n from audit_log where entity = 'supplier_notice' and entity_id = '${fromEvent.id}'`)).toBe(1);

    expect(await chaseOverdueNotices(env.database.db, 'Asia/Shanghai')).toBeGreaterThanOrEqual(2);
    expect(await chaseOverdueNotices(env.database.db, 'Asia/Shanghai')).toBe(0);
    // The event's notice opens the event (its sender is quality: told once); the complaint's the overdue list.
    expect(await notified(env, 'ae_notice_overdue', ev.id)).toEqual(['quality']);
    expect(await notified(env, 'supplier_notice_overdue', fromComplaint.data.id)).toEqual(['manager', 'quality']);
    expect(await notified(env, 'supplier_notice_overdue', fromEvent.id)).toEqual([]);

    // The event's reply path answers only the event's own notices; the reply shows on both pages.
    const foreign = await quality.post(`/api/v1/adverse-events/${ev.id}/notices/${fromComplaint.data.id}/reply`, {
      version: fromComplaint.data.version,
      replyText: 'x',
      repliedOn: today,
    });
    expect(foreign.statusCode).toBe(404);
    const page = await quality.get(`/api/v1/adverse-events/${ev.id}`);
    expect(page.data.notices).toMatchObject([{ id: fromEvent.id, overdue: true }]);
    const answered = await quality.post(`/api/v1/adverse-events/${ev.id}/notices/${fromEvent.id}/reply`, {
      version: page.data.notices[0].version,
      replyText: '已确认批次问题',
      repliedOn: today,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.data.notices[0]).toMatchObject({ replyText: '已确认批次问题', overdue: false });
    const after = await dispatcher.get('/api/v1/supplier-notices?subject=adverse_event&state=replied&pageSize=200');
    expect(after.data.items.find((x: { id: string }) => x.id === fromEvent.id)).toMatchObject({ replyRecordedByName: expect.any(String) });
    expect(await count(env, `select count(*) n from audit_log where entity = 'supplier_notice' and entity_id = '${fromEvent.id}'`)).toBe(2);
  });
});

describe('the demo (server/seed/returns.ts)', () => {
  it('a device return inspected awaiting the decision, a part exchange done, a notice awaiting the reply', async () => {
    await seedReturnsDemo(env.database.db);
    const awaiting = await quality.get('/api/v1/returns?status=inspected&q=PM9000-26-0301');
    expect(awaiting.data.items).toHaveLength(1);
    expect(awaiting.data.items[0]).toMatchObject({ kind: 'return', item: 'device', inspectionResult: 'fail', decision: null });
    const detail = await quality.get(`/api/v1/returns/${awaiting.data.items[0].id}`);
    expect(detail.data.abilities.decide).toBe(true);
    expect(detail.data.notices).toHaveLength(1);
    expect(detail.data.notices[0]).toMatchObject({ repliedOn: null, overdue: false });
    const done = await quality.get('/api/v1/returns?status=done&kind=exchange&item=part');
    expect(done.data.items.some((x: { exchangeSerial: string | null }) => x.exchangeSerial === 'LOT-2026-11C')).toBe(true);
  });
});
