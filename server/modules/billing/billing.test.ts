// Invoice, receivable and budget stories (issue 15 §4, R-FE-1, R-FE-2; seed 002 §5, seed 004 §9):
// finance invoices a hospital's paid jobs, records a partial payment, reverses one recorded in
// error and issues a credit note — the open amount follows, worked out by hand; overdue invoices
// are reminded once per ageing bucket even with two runs at once; cash collected on site is handed
// to the accountant and confirmed; budget vs actual is checked against numbers worked out by hand;
// only finance writes, others get 403, the hospital reads only its own (another hospital: 404).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, notified, one, PNG_DATA_URL, userId } from '../../test/service.ts';
import { sendReminders } from './index.ts';

// Several stories work whole paid jobs through the API on a shared, busy machine.
vi.setConfig({ testTimeout: 180_000 });

let env: TestEnv;
let finance: Client;
let dispatcher: Client;
let engineer: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };

beforeAll(async () => {
  env = await createTestEnv();
  [finance, dispatcher, engineer, renhe, ruikang] = await Promise.all(['finance', 'dispatcher', 'engineer', 'renhe', 'ruikang'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const v = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data.version as number;

/** A paid job worked and resolved: `minutes` of labour, `km` driven. */
async function paidJob(serial: string, minutes: number, km: string) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '无法开机',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: 1, leadEngineerId: await userId(env, 'engineer') });
  for (const to of ['accepted', 'on_site']) await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to });
  const p = await engineer.patch(`/api/v1/work-orders/${id}`, {
    version: await v(id),
    phenomenon: '不加热',
    cause: '加热管断路',
    actions: '更换加热管',
    testResults: '正常',
    labourMinutes: minutes,
    travelKm: km,
  });
  if (p.statusCode !== 200) throw new Error(p.body);
  const t = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to: 'resolved' });
  if (t.statusCode !== 200) throw new Error(t.body);
  return id;
}
const balanceOf = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data.fee.balance as string;

describe('invoice → partial payment → reversal → credit note → open amount (R-FE-1)', () => {
  let a: string;
  let b: string;
  let other: string;
  let invoice: { id: string; number: string; total: string };

  it('only final fees of paid jobs of one hospital go on an invoice; bad input changes nothing', async () => {
    a = await paidJob('ST5020-25-0412', 60, '10');
    b = await paidJob('UCT760-23-1009', 30, '5');
    other = await paidJob('MT2255-24-0901', 60, '10');
    const before = await count(env, 'select count(*)::int n from invoices');
    const mixed = await finance.post('/api/v1/invoices', { workOrderIds: [a, other] }, EN);
    expect(mixed.statusCode).toBe(422);
    expect(mixed.data).toMatchObject({ code: 'invoice_mixed_customers', detail: 'One invoice holds work orders of one customer only.' });
    for (const bad of [
      { workOrderIds: [] },
      { workOrderIds: ['x'] },
      { workOrderIds: [a], termsDays: -1 },
      { workOrderIds: [a], issueDate: '2026-02-30' },
      { workOrderIds: [a], extra: 1 },
    ]) {
      expect((await finance.post('/api/v1/invoices', bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await count(env, 'select count(*)::int n from invoices')).toBe(before);
  });

  it('finance invoices two jobs: FP number, due after 30 days, total = the two balances', async () => {
    const [ba, bb] = [await balanceOf(a), await balanceOf(b)];
    const r = await finance.post('/api/v1/invoices', { workOrderIds: [a, b], issueDate: '2026-11-01', note: '11 月服务费' });
    expect(r.statusCode, r.body).toBe(201);
    const total = ((Math.round(Number(ba) * 100) + Math.round(Number(bb) * 100)) / 100).toFixed(2);
    expect(r.data).toMatchObject({ issueDate: '2026-11-01', termsDays: 30, dueDate: '2026-12-01', total, open: total, customerName: expect.any(String) });
    expect(r.data.number).toMatch(/^FP-2026-\d{6}$/);
    expect(r.data.lines).toHaveLength(2);
    invoice = r.data;
    const again = await finance.post('/api/v1/invoices', { workOrderIds: [b] });
    expect(again.statusCode).toBe(422);
    expect(again.data.code).toBe('invoice_already_invoiced');
  });

  it('a partial payment, a payment reversed, a credit note: open = total − paid + reversed − credited', async () => {
    const totalCents = Math.round(Number(invoice.total) * 100);
    const p1 = await finance.post(`/api/v1/invoices/${invoice.id}/payments`, { amount: '100.00', reference: 'YH-001' });
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.data.open).toBe(((totalCents - 10000) / 100).toFixed(2));
    const wrong = await finance.post(`/api/v1/invoices/${invoice.id}/payments`, { amount: '50', reference: 'YH-002' });
    const wrongId = wrong.data.entries.find((e: { reference: string }) => e.reference === 'YH-002').id;
    const rev = await finance.post(`/api/v1/invoices/${invoice.id}/entries/${wrongId}/reverse`, { reason: '银行退票' });
    expect(rev.statusCode).toBe(200);
    expect((await finance.post(`/api/v1/invoices/${invoice.id}/entries/${wrongId}/reverse`, { reason: 'again' })).statusCode).toBe(409);
    const cn = await finance.post(`/api/v1/invoices/${invoice.id}/credit-notes`, { amount: '20.50', reason: '工时多计 4 分钟' });
    expect(cn.statusCode).toBe(200);
    // 100.00 paid, 50.00 paid and reversed, 20.50 credited.
    expect(cn.data.open).toBe(((totalCents - 10000 - 2050) / 100).toFixed(2));
    expect(cn.data).toMatchObject({ paid: '100.00', credited: '20.50' });
    const note = cn.data.entries.find((e: { kind: string }) => e.kind === 'credit_note');
    expect(note.number).toMatch(/^HZ-\d{4}-\d{6}$/);
    expect(cn.data.entries.find((e: { id: string }) => e.id === wrongId).reversedById).toBeTruthy();
    // A credit note cannot be reversed; nothing beyond the open amount is accepted.
    expect((await finance.post(`/api/v1/invoices/${invoice.id}/entries/${note.id}/reverse`, { reason: 'x' })).statusCode).toBe(409);
    const over = await finance.post(`/api/v1/invoices/${invoice.id}/payments`, { amount: '999999', reference: 'x' }, EN);
    expect(over.statusCode).toBe(422);
    expect(over.data).toMatchObject({ code: 'entry_exceeds_open', fields: [expect.objectContaining({ field: 'amount' })] });
    for (const bad of [{ amount: '0', reference: 'x' }, { amount: '-5', reference: 'x' }, { amount: '1.234', reference: 'x' }, { amount: '5' }]) {
      expect((await finance.post(`/api/v1/invoices/${invoice.id}/payments`, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    // Entries are insert-only; every one is audited.
    await expect(env.database.exec(`update invoice_entries set amount = 1`)).rejects.toThrow();
    expect(await count(env, `select count(*)::int n from audit_log where entity = 'invoice_entry'`)).toBe(4);
  });

  it('settling the rest leaves nothing open; it then drops out of the open filter', async () => {
    const d = (await finance.get(`/api/v1/invoices/${invoice.id}`)).data;
    const pay = await finance.post(`/api/v1/invoices/${invoice.id}/payments`, { amount: d.open, reference: 'YH-003' });
    expect(pay.data).toMatchObject({ open: '0.00', bucket: null, abilities: { pay: false, credit: false } });
    expect((await finance.post(`/api/v1/invoices/${invoice.id}/payments`, { amount: '1', reference: 'x' })).data.code).toBe('invoice_settled');
    const open = (await finance.get('/api/v1/invoices?open=true')).data.items.map((i: { id: string }) => i.id);
    expect(open).not.toContain(invoice.id);
  });

  it('only finance writes; engineers and dispatchers get 403; the hospital reads only its own (other: 404)', async () => {
    for (const c of [engineer, dispatcher]) {
      expect((await c.get('/api/v1/invoices')).statusCode).toBe(403);
      expect((await c.get(`/api/v1/invoices/${invoice.id}`)).statusCode).toBe(403);
      expect((await c.post('/api/v1/invoices', { workOrderIds: [other] })).statusCode).toBe(403);
      expect((await c.get('/api/v1/budgets/2026')).statusCode).toBe(403);
    }
    expect((await renhe.post(`/api/v1/invoices/${invoice.id}/payments`, { amount: '1', reference: 'x' })).statusCode).toBe(403);
    const own = await renhe.get(`/api/v1/invoices/${invoice.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.data.abilities).toEqual({ pay: false, credit: false, reverse: false });
    expect((await ruikang.get(`/api/v1/invoices/${invoice.id}`)).statusCode).toBe(404);
    const made = await finance.post('/api/v1/invoices', { workOrderIds: [other], issueDate: '2026-08-01' });
    expect(made.statusCode, made.body).toBe(201);
    const theirs = made.data;
    expect((await renhe.get(`/api/v1/invoices/${theirs.id}`)).statusCode).toBe(404);
    expect((await renhe.get('/api/v1/invoices')).data.items.every((i: { customerName: string }) => i.customerName === own.data.customerName)).toBe(true);
    expect((await ruikang.get('/api/v1/invoices')).data.items.map((i: { id: string }) => i.id)).toEqual([theirs.id]);
  });
});

describe('ageing and reminders (R-FE-1)', () => {
  it('an invoice 120 days past due is in the >90 bucket; two reminder runs at once remind once, finance and the sales owner', async () => {
    const id = (await one<{ id: string }>(env, `select id from invoices where customer_id = (select customer_id from users where username = 'ruikang')`)).id;
    // Due 2026-08-31 (issued 2026-08-01 + 30 days): put today 120 days later.
    const customerId = (await one<{ c: string }>(env, `select customer_id c from invoices where id = '${id}'`)).c;
    await env.database.exec(
      `insert into billing_accounts (customer_id, payment_terms_days, sales_owner_id) values ('${customerId}', 30, (select id from users where username = 'sales'))`,
    );
    const now = new Date('2026-12-29T02:00:00Z');
    const runs = await Promise.all([sendReminders(env.database.db, now, 'Asia/Shanghai'), sendReminders(env.database.db, now, 'Asia/Shanghai')]);
    expect(runs.reduce((n, x) => n + x, 0)).toBe(1);
    expect(await count(env, `select count(*)::int n from invoice_reminders where invoice_id = '${id}'`)).toBe(1);
    expect((await one<{ bucket: string }>(env, `select bucket from invoice_reminders where invoice_id = '${id}'`)).bucket).toBe('d90_plus');
    const to = await notified(env, 'invoice_overdue', id);
    expect(to).toEqual(expect.arrayContaining(['finance', 'sales']));
    expect(await sendReminders(env.database.db, now, 'Asia/Shanghai')).toBe(0);
    const overdue = (await finance.get('/api/v1/invoices?bucket=d90_plus')).data.items;
    // Today (the real clock) decides the list's bucket; the invoice due 2026-08-31 is > 90 days due from 2026-11-30 on.
    if (Date.now() > Date.parse('2026-11-30T00:00:00+08:00')) expect(overdue.map((i: { id: string }) => i.id)).toContain(id);
    const summary = (await finance.get('/api/v1/receivables')).data;
    expect(summary.customers.find((c: { customerId: string }) => c.customerId === customerId)).toBeTruthy();
  });
});

describe('cash collected on site is handed to the accountant (seed 002 §5)', () => {
  it('finance records cash collected; the engineer… hands over; finance confirms once; handed-over cash cannot go twice', async () => {
    const id = await paidJob('SV600-25-2201', 30, '2');
    await engineer.post(`/api/v1/work-orders/${id}/sign`, { version: await v(id), signerName: '王红', signaturePng: PNG_DATA_URL });
    const pay = await finance.post(`/api/v1/work-orders/${id}/payment`, { method: 'collected', reference: 'SK-9', amount: '50' });
    expect(pay.statusCode, pay.body).toBe(200);
    const onHand = (await finance.get('/api/v1/cash-handovers/on-hand')).data;
    const p = onHand.items.find((i: { reference: string }) => i.reference === 'SK-9');
    expect(p).toBeTruthy();
    const h = await finance.post('/api/v1/cash-handovers', { paymentIds: [p.id], note: '现金已交财务' });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.data).toMatchObject({ amount: '50.00', status: 'pending', abilities: { confirm: true } });
    expect(h.data.number).toMatch(/^XJ-\d{4}-\d{6}$/);
    const twice = await finance.post('/api/v1/cash-handovers', { paymentIds: [p.id] });
    expect(twice.statusCode).toBe(422);
    expect(twice.data.code).toBe('handover_not_on_hand');
    expect((await engineer.post(`/api/v1/cash-handovers/${h.data.id}/confirm`, { version: 1 })).statusCode).toBe(403);
    const ok = await finance.post(`/api/v1/cash-handovers/${h.data.id}/confirm`, { version: 1 });
    expect(ok.data).toMatchObject({ status: 'confirmed', confirmedByName: '郑芳（财务）' });
    expect((await finance.post(`/api/v1/cash-handovers/${h.data.id}/confirm`, { version: 2 })).statusCode).toBe(409);
    expect((await dispatcher.get('/api/v1/cash-handovers')).statusCode).toBe(403);
  });
});

describe('the engineer records the cash he collected on site and hands it over (seed 002 §5, R-FE-1)', () => {
  it('the engineer on the job records cash (not invoices); another engineer cannot; his hand-over is confirmed by finance', async () => {
    const id = await paidJob('SV600-25-2201', 60, '4');
    const before = (await engineer.get(`/api/v1/work-orders/${id}`)).data;
    expect(before.fee).toMatchObject({ chargeable: true, final: true });
    expect(before.abilities.pay).toBe(true);
    // An invoiced payment is finance's: refused in words, nothing recorded.
    const invoiced = await engineer.post(`/api/v1/work-orders/${id}/payment`, { method: 'invoiced', reference: 'FP-1', amount: '10' });
    expect(invoiced.statusCode).toBe(403);
    expect(invoiced.data.detail).toBe('工程师只能登记现场收取的现金；开票收款由财务登记。');
    // An engineer who is not on the job records nothing on it.
    const engineer2 = await env.as('engineer2');
    expect((await engineer2.get(`/api/v1/work-orders/${id}`)).data.abilities.pay).toBe(false);
    const stranger = await engineer2.post(`/api/v1/work-orders/${id}/payment`, { method: 'collected', reference: 'SK-X', amount: '10' }, EN);
    expect(stranger.statusCode).toBe(403);
    expect(stranger.data.detail).toBe(`You are not on the team of work order ${before.number}; you cannot record cash collected for it.`);
    // Dispatchers record no payments at all.
    expect((await dispatcher.post(`/api/v1/work-orders/${id}/payment`, { method: 'collected', reference: 'SK-D', amount: '10' })).statusCode).toBe(403);
    expect((await dispatcher.get(`/api/v1/work-orders/${id}`)).data.fee.payments).toEqual([]);

    const cash = await engineer.post(`/api/v1/work-orders/${id}/payment`, { method: 'collected', reference: 'SK-ENG-1', amount: '30' });
    expect(cash.statusCode, cash.body).toBe(200);
    expect(cash.data.fee.payments).toEqual([expect.objectContaining({ method: 'collected', amount: '30.00', recordedByName: '张伟（工程师）' })]);
    const mine = (await engineer.get('/api/v1/cash-handovers/on-hand')).data.items;
    const p = mine.find((i: { reference: string }) => i.reference === 'SK-ENG-1');
    expect(p).toBeTruthy();
    expect((await engineer2.get('/api/v1/cash-handovers/on-hand')).data.items.some((i: { reference: string }) => i.reference === 'SK-ENG-1')).toBe(false);
    const h = await engineer.post('/api/v1/cash-handovers', { paymentIds: [p.id] });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.data).toMatchObject({ amount: '30.00', status: 'pending', engineerName: '张伟（工程师）', abilities: { confirm: false } });
    const ok = await finance.post(`/api/v1/cash-handovers/${h.data.id}/confirm`, { version: h.data.version });
    expect(ok.data).toMatchObject({ status: 'confirmed', confirmedByName: '郑芳（财务）' });
  });
});

describe('budget vs actual by category, department and project (R-FE-2)', () => {
  const year = new Date().getUTCFullYear();
  it('finance saves the grid; bad or duplicate lines are refused; a stale version gets 409', async () => {
    const base = { version: 0, labourCostPerHour: '120', travelCostPerKm: '2' };
    expect((await finance.post(`/api/v1/budgets/${year}`, { ...base, lines: [{ category: 'fuel', amount: '1' }] })).statusCode).toBe(400);
    expect((await finance.post(`/api/v1/budgets/${year}`, { ...base, lines: [{ category: 'travel', amount: '-1' }] })).statusCode).toBe(400);
    const dup = await finance.post(`/api/v1/budgets/${year}`, {
      ...base,
      lines: [
        { category: 'travel', department: '北京分公司', amount: '1' },
        { category: 'travel', department: '北京分公司', amount: '2' },
      ],
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.data.code).toBe('budget_line_duplicate');
    const r = await finance.post(`/api/v1/budgets/${year}`, {
      ...base,
      lines: [
        { category: 'maintenance', department: '北京分公司', project: 'P-PATH', amount: '200' },
        { category: 'travel', department: '北京分公司', project: 'P-PATH', amount: '100' },
        { category: 'training', department: '北京分公司', amount: '500' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ version: 1, labourCostPerHour: '120.00', lines: expect.any(Array) });
    expect((await finance.post(`/api/v1/budgets/${year}`, { ...base, lines: [] })).statusCode).toBe(409);
  });

  it('two jobs booked to 北京分公司 / P-PATH: 90 + 45 labour minutes at 120/h, 30 + 12.5 km at 2/km, by hand', async () => {
    const x = await paidJob('TP8000-24-0107', 90, '30');
    const y = await paidJob('SV600-22-0815', 45, '12.5');
    for (const id of [x, y]) {
      const t = await finance.post('/api/v1/cost-tags', { workOrderId: id, department: '北京分公司', project: 'P-PATH' });
      expect(t.statusCode, t.body).toBe(200);
    }
    expect((await engineer.post('/api/v1/cost-tags', { workOrderId: x, department: 'x' })).statusCode).toBe(403);
    const r = (await finance.get(`/api/v1/budgets/${year}/actual`)).data;
    const cell = (category: string) =>
      r.rows.find(
        (c: { category: string; department: string; project: string }) => c.category === category && c.department === '北京分公司' && c.project === 'P-PATH',
      );
    // Labour: 135 min × 120/h = 270.00 against 200.00 → variance −70.00, 135 % used, overrun.
    expect(cell('maintenance')).toEqual({
      category: 'maintenance',
      department: '北京分公司',
      project: 'P-PATH',
      budget: '200.00',
      actual: '270.00',
      variance: '-70.00',
      usedPercent: 135,
      overrun: true,
    });
    // Travel: 42.5 km × 2 = 85.00 against 100.00 → 15.00 left, 85 % used.
    expect(cell('travel')).toMatchObject({ budget: '100.00', actual: '85.00', variance: '15.00', usedPercent: 85, overrun: false });
    const dept = r.byDepartment.find((d: { department: string }) => d.department === '北京分公司');
    // 200 + 100 + 500 budget; 270 + 85 actual.
    expect(dept).toMatchObject({ budget: '800.00', actual: '355.00', variance: '445.00', overrun: false });
    expect(r.byProject.find((p: { project: string }) => p.project === 'P-PATH')).toMatchObject({ budget: '300.00', actual: '355.00', overrun: true });
    const xlsx = await finance.get(`/api/v1/budgets/${year}/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
