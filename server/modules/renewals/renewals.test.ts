// Renewal stories (issue 13 §3, R-CT-1; seed 002 part 1 §4 and §15): a maintenance contract's
// expiry notice reaches the hospital once — even when two workers sweep at once and when the job
// runs again after a restart — with its 保养到期通知书 letter in the portal; a warranty's expiry is
// reported to sales; the notice days are a setting; the renewal moves notice → visited → quoted →
// won and the new contract covers the same devices from the day after the old end; lost needs a
// reason; illegal moves are translated 409s; the rate counts won / decided; hospitals see only
// their own notices.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count } from '../../test/service.ts';
import { sendExpiryNotices } from './index.ts';

let env: TestEnv;
let sales: Client;
let manager: Client;
let renhe: Client;
let ruikang: Client;
let rh: string;
let rhDevices: string[];
const EN = { 'accept-language': 'en-US' };
const TZ = 'Asia/Shanghai';
// A fixed day far from the demo data's contracts, so only this story's contracts are in the windows.
const NOW = new Date('2031-06-01T02:00:00Z');
const sweep = () => sendExpiryNotices(env.database.db, TZ, NOW);

const contract = async (number: string, kind: string, startDate: string, endDate: string, deviceIds: string[] = []) => {
  const r = await sales.post('/api/v1/contracts', { number, customerId: rh, kind, startDate, endDate, deviceIds, visitsPerYear: 4, price: '36000.00' });
  expect(r.statusCode, r.body).toBe(201);
  return r.data as { id: string; number: string };
};
const put = (c: Client, url: string, body: unknown) => c.raw({ method: 'PUT', url, payload: body as object });
const renewalOf = async (contractId: string) => (await sales.get(`/api/v1/renewals?contractId=${contractId}`)).data.items[0];

let maint: { id: string; number: string };
let warranty: { id: string; number: string };
let later: { id: string; number: string };

beforeAll(async () => {
  env = await createTestEnv();
  [sales, manager, renhe, ruikang] = await Promise.all(['sales', 'manager', 'renhe', 'ruikang'].map((u) => env.as(u)));
  rh = (await env.database.query<{ id: string }>(`select id from customers where code = 'BJ-RH'`)).rows[0].id;
  rhDevices = (await env.database.query<{ id: string }>(`select id from devices where customer_id = '${rh}' order by serial_number limit 2`)).rows.map(
    (r) => r.id,
  );
  maint = await contract('HT-RN-M1', 'maintenance', '2030-07-01', '2031-06-30', rhDevices);
  warranty = await contract('HT-RN-W1', 'warranty', '2030-08-30', '2031-08-29', rhDevices.slice(0, 1));
  later = await contract('HT-RN-M2', 'maintenance', '2030-07-16', '2031-07-15');
  await contract('HT-RN-P1', 'paid', '2030-06-11', '2031-06-10');
});
afterAll(() => env?.close());

describe('expiry notices are sent exactly once (R-CT-1)', () => {
  it('two workers sweeping at once send each notice once, and a re-run after a restart sends nothing', async () => {
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a + b).toBe(2); // the maintenance contract (29 days out) and the warranty (89 days out)
    expect(await sweep()).toBe(0);
    expect(await count(env, `select count(*)::int as n from renewal_notices where contract_id = '${maint.id}'`)).toBe(1);
    expect(await count(env, `select count(*)::int as n from renewal_notices where contract_id = '${warranty.id}'`)).toBe(1);
    // 45 days out and a paid agreement: no notice yet / never.
    expect(
      await count(env, `select count(*)::int as n from renewal_notices n join contracts c on c.id = n.contract_id where c.number in ('HT-RN-M2', 'HT-RN-P1')`),
    ).toBe(0);
  });

  it('the hospital is told once, sales get the warranty report once; each expiring contract is one renewal owned by sales', async () => {
    const toHospital = await env.database.query<{ username: string; n: number }>(
      `select u.username, count(*)::int as n from notifications x join users u on u.id = x.user_id where x.kind = 'contract_expiry_notice' and x.params->>'contractId' = '${maint.id}' group by u.username`,
    );
    expect(toHospital.rows).toEqual([{ username: 'renhe', n: 1 }]);
    const toSales = await env.database.query<{ username: string; n: number }>(
      `select u.username, count(*)::int as n from notifications x join users u on u.id = x.user_id where x.kind = 'warranty_expiry_report' and x.params->>'contractId' = '${warranty.id}' group by u.username`,
    );
    expect(toSales.rows).toEqual([{ username: 'sales', n: 1 }]);
    const r = await renewalOf(maint.id);
    expect(r).toMatchObject({
      stage: 'notice_sent',
      source: 'maintenance_contract',
      expiresOn: '2031-06-30',
      ownerName: expect.stringContaining('吴刚'),
      deviceCount: 2,
    });
    expect((await renewalOf(warranty.id)).source).toBe('warranty_contract');
  });

  it('the notice days are a setting: a 50-day customer window catches the contract 45 days out', async () => {
    const s = await manager.get('/api/v1/renewals/settings');
    expect(s.data).toMatchObject({ customerNoticeDays: 30, salesNoticeDays: 90 });
    const bad = await put(manager, '/api/v1/renewals/settings', { version: s.data.version, customerNoticeDays: 0, salesNoticeDays: 90 });
    expect(bad.statusCode).toBe(400);
    const saved = await put(manager, '/api/v1/renewals/settings', { version: s.data.version, customerNoticeDays: 50, salesNoticeDays: 90 });
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await put(manager, '/api/v1/renewals/settings', { version: s.data.version, customerNoticeDays: 40, salesNoticeDays: 90 });
    expect(stale.statusCode).toBe(409);
    expect(await sweep()).toBe(1);
    expect((await renewalOf(later.id)).stage).toBe('notice_sent');
    const n = await env.database.query<{ days_before: number }>(`select days_before from renewal_notices where contract_id = '${later.id}'`);
    expect(n.rows[0].days_before).toBe(50);
    expect(await count(env, `select count(*)::int as n from audit_log where entity = 'renewal_settings'`)).toBeGreaterThan(0);
  });

  it('the hospital finds its 保养到期通知书 in the portal as a Chinese PDF; another hospital gets 404', async () => {
    const mine = await renhe.get('/api/v1/renewal-notices');
    expect(mine.statusCode).toBe(200);
    const notice = mine.data.find((n: { contractId: string }) => n.contractId === maint.id);
    expect(notice).toMatchObject({ kind: 'customer_expiry', expiresOn: '2031-06-30', recipients: 1 });
    // The sales report is internal.
    expect(mine.data.some((n: { kind: string }) => n.kind === 'sales_warranty_expiry')).toBe(false);
    const pdf = await renhe.get(notice.letterUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text.replace(/\s+/g, '');
    expect(text).toContain('保养到期通知书');
    expect(text).toContain('HT-RN-M1');
    expect(text).toContain('2031年6月30日');
    expect((await ruikang.get(notice.letterUrl)).statusCode).toBe(404);
    expect((await ruikang.get('/api/v1/renewal-notices')).data.some((n: { contractId: string }) => n.contractId === maint.id)).toBe(false);
    expect((await renhe.get('/api/v1/renewals')).statusCode).toBe(403);
  });
});

describe('the renewal pipeline (R-CT-1)', () => {
  it('an illegal move is a translated 409; lost without a reason is a 422 naming the field', async () => {
    const r = await renewalOf(maint.id);
    const skip = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'won' }, EN);
    expect(skip.statusCode).toBe(409);
    expect(skip.data.code).toBe('renewal_stage_illegal');
    expect(skip.data.detail).toBe('A renewal cannot move from "Notice sent" to "Won".');
    const lost = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'lost' });
    expect(lost.statusCode).toBe(422);
    expect(lost.data.code).toBe('renewal_lost_reason_required');
    expect(lost.data.fields.map((f: { field: string }) => f.field)).toEqual(['lostReason']);
    const noQuote = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'quoted' });
    expect(noQuote.statusCode).toBe(422);
  });

  it('visited → quoted → won creates the new contract for the same devices from the day after the old end, priced at the quote', async () => {
    let r = await renewalOf(maint.id);
    r = (await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'visited' })).data;
    expect(r.stage).toBe('visited');
    const q = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'quoted', quoteAmount: '39800.00' });
    expect(q.statusCode, q.body).toBe(200);
    const won = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: q.data.version, stage: 'won' });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.data).toMatchObject({ stage: 'won', quoteAmount: '39800.00', newContractNumber: 'HT-RN-M1-R2031' });
    const next = (await sales.get(`/api/v1/contracts/${won.data.newContractId}`)).data;
    expect(next).toMatchObject({
      customerId: rh,
      kind: 'maintenance',
      startDate: '2031-07-01',
      endDate: '2032-06-30',
      price: '39800.00',
      previousContractId: maint.id,
      visitsPerYear: 4,
    });
    expect(next.deviceIds).toEqual([...rhDevices].sort());
    const audit = await env.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity = 'renewal' and entity_id = '${r.id}' and action = 'update'`,
    );
    expect(audit.rows[0].n).toBe(3);
    // Closed now; and the renewed contract is not noticed again.
    const again = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: won.data.version, stage: 'lost', lostReason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('renewal_closed');
    await env.database.query(`delete from renewal_notices where contract_id = '${maint.id}'`);
    expect(await sweep()).toBe(0);
  });

  it('a renewal is lost with its reason; the owner can be reassigned only to a sales user', async () => {
    const r = await renewalOf(later.id);
    const notSales = await put(manager, `/api/v1/renewals/${r.id}/owner`, {
      version: r.version,
      ownerId: (await env.database.query<{ id: string }>(`select id from users where username = 'engineer'`)).rows[0].id,
    });
    expect(notSales.statusCode).toBe(422);
    const lost = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'lost', lostReason: '医院设备已报废' });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.data).toMatchObject({ stage: 'lost', lostReason: '医院设备已报废', newContractId: null });
  });

  it('the rate is won / decided, by month of expiry and by salesperson, and exports to Excel', async () => {
    const rate = await sales.get('/api/v1/renewals/rate?from=2031-06&to=2031-08');
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.data.byMonth).toEqual([
      expect.objectContaining({ key: '2031-06', won: 1, lost: 0, rate: 1 }),
      expect.objectContaining({ key: '2031-07', won: 0, lost: 1, rate: 0 }),
      expect.objectContaining({ key: '2031-08', won: 0, lost: 0, open: 1, rate: null }),
    ]);
    expect(rate.data.byOwner[0]).toMatchObject({ label: expect.stringContaining('吴刚'), won: 1, lost: 1, rate: 0.5 });
    const xlsx = await sales.get('/api/v1/renewals/rate/export?from=2031-06&to=2031-08');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const pipeline = await sales.get('/api/v1/renewals/export?month=2031-06');
    expect(pipeline.statusCode).toBe(200);
    expect(pipeline.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('a quote from the price list (issue 13 §3)', () => {
  it('sales keep annual contract prices per model or category; bad input is refused naming the field; others may not', async () => {
    const dev = (
      await env.database.query<{ model_id: string; category: string }>(
        `select m.id as model_id, m.category::text as category from devices d join device_models m on m.id = d.model_id where d.id = '${rhDevices[0]}'`,
      )
    ).rows[0];
    const cat = await sales.post('/api/v1/renewal-price-lines', { category: dev.category, annualPrice: '20000.00', effectiveFrom: '2030-01-01' });
    expect(cat.statusCode, cat.body).toBe(201);
    const model = await sales.post('/api/v1/renewal-price-lines', {
      modelId: dev.model_id,
      annualPrice: '24500.50',
      effectiveFrom: '2031-01-01',
      note: '含球管',
    });
    expect(model.statusCode, model.body).toBe(201);
    expect(model.data).toMatchObject({ annualPrice: '24500.50', modelName: expect.any(String) });
    // A later price not yet in force on the new period's first day is not used.
    await sales.post('/api/v1/renewal-price-lines', { modelId: dev.model_id, annualPrice: '99999.00', effectiveFrom: '2033-01-01' });
    const both = await sales.post(
      '/api/v1/renewal-price-lines',
      { modelId: dev.model_id, category: dev.category, annualPrice: '1', effectiveFrom: '2031-01-01' },
      EN,
    );
    expect(both.statusCode).toBe(422);
    expect(both.data.fields).toEqual([{ field: 'modelId', code: 'model_or_category', message: 'Give either a model or a device category (one of them)' }]);
    const dup = await sales.post('/api/v1/renewal-price-lines', { modelId: dev.model_id, annualPrice: '1.00', effectiveFrom: '2031-01-01' });
    expect(dup.statusCode).toBe(409);
    expect((await manager.post('/api/v1/renewal-price-lines', { category: dev.category, annualPrice: '1.00', effectiveFrom: '2031-02-01' })).statusCode).toBe(
      403,
    );
    expect(await count(env, 'select count(*)::int as n from renewal_price_lines')).toBe(3);
  });

  it("the quote is computed from the lines (the device's model line × years); quoting from the price list records the lines", async () => {
    const r = await renewalOf(warranty.id);
    const q = await sales.get(`/api/v1/renewals/${r.id}/price-list-quote?years=2`);
    expect(q.statusCode, q.body).toBe(200);
    expect(q.data).toMatchObject({ years: 2, day: '2031-08-30', total: '49001.00', unpriced: 0 });
    expect(q.data.lines).toEqual([expect.objectContaining({ deviceId: rhDevices[0], basis: 'model', annualPrice: '24500.50', amount: '49001.00' })]);
    const quoted = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'quoted', fromPriceList: true, years: 2 });
    expect(quoted.statusCode, quoted.body).toBe(200);
    expect(quoted.data).toMatchObject({ stage: 'quoted', quoteAmount: '49001.00', quoteComputed: '49001.00', quoteOverrideReason: null });
    expect(quoted.data.quoteLines).toHaveLength(1);
  });

  it('an override needs a reason (translated 422 naming the field, nothing changed); with it the reason is recorded beside the computed amount', async () => {
    const r = await renewalOf(warranty.id);
    const bare = await sales.post(
      `/api/v1/renewals/${r.id}/stage`,
      { version: r.version, stage: 'quoted', fromPriceList: true, years: 2, quoteAmount: '45000.00' },
      EN,
    );
    expect(bare.statusCode).toBe(422);
    expect(bare.data.code).toBe('renewal_quote_override_reason');
    expect(bare.data.detail).toContain('49001.00');
    expect(bare.data.fields.map((f: { field: string }) => f.field)).toEqual(['quoteOverrideReason']);
    expect((await renewalOf(warranty.id)).quoteAmount).toBe('49001.00');
    const over = await sales.post(`/api/v1/renewals/${r.id}/stage`, {
      version: r.version,
      stage: 'quoted',
      fromPriceList: true,
      years: 2,
      quoteAmount: '45000.00',
      quoteOverrideReason: '老客户两年期优惠',
    });
    expect(over.statusCode, over.body).toBe(200);
    expect(over.data).toMatchObject({ quoteAmount: '45000.00', quoteComputed: '49001.00', quoteOverrideReason: '老客户两年期优惠' });
    const audit = await env.database.query<{ after: { quoteOverrideReason: string } }>(
      `select after from audit_log where entity = 'renewal' and entity_id = '${r.id}' order by at desc limit 1`,
    );
    expect(audit.rows[0].after.quoteOverrideReason).toBe('老客户两年期优惠');
  });
});

describe('demo data (issue 13: an expiring contract at each stage)', () => {
  it('the renewals demo puts an expiring contract at each stage, the won one renewed without a gap', async () => {
    const { seedRenewalsDemo } = await import('../../seed/renewals.ts');
    await seedRenewalsDemo(env.database.db, TZ, new Date());
    const rows = await env.database.query<{ number: string; stage: string; gap: number | null }>(
      `select c.number, r.stage, (n.start_date - c.end_date) as gap from renewals r join contracts c on c.id = r.contract_id
       left join contracts n on n.id = r.new_contract_id where c.number like 'HT-DEMO-RN-%' order by c.number`,
    );
    expect(rows.rows.map((r) => [r.number, r.stage])).toEqual([
      ['HT-DEMO-RN-01', 'won'],
      ['HT-DEMO-RN-02', 'lost'],
      ['HT-DEMO-RN-03', 'notice_sent'],
      ['HT-DEMO-RN-04', 'visited'],
      ['HT-DEMO-RN-05', 'quoted'],
      ['HT-DEMO-RN-06', 'won'],
      ['HT-DEMO-RN-07', 'lost'],
      ['HT-DEMO-RN-08', 'notice_sent'],
    ]);
    expect(rows.rows.filter((r) => r.stage === 'won').map((r) => r.gap)).toEqual([1, 1]);
  });
});

describe('a device’s free warranty (factory warranty) ending (R-CT-1, seed 002 part 1 §4)', () => {
  it('is reported to sales once, and won becomes the device’s first maintenance contract from the day after', async () => {
    const dev = (
      await env.database.query<{ id: string }>(
        `select id from devices where customer_id = '${rh}' and id not in (select device_id from contract_devices) order by serial_number limit 1`,
      )
    ).rows[0].id;
    await env.database.query(`update devices set acceptance_date = '2030-08-01', warranty_end = '2031-07-31' where id = '${dev}'`);
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a + b).toBe(1);
    expect(await sweep()).toBe(0);
    const told = await env.database.query<{ username: string }>(
      `select u.username from notifications x join users u on u.id = x.user_id where x.kind = 'warranty_expiry_report' and x.params->>'deviceId' = '${dev}'`,
    );
    expect(told.rows.map((r) => r.username)).toEqual(['sales']);
    const list = await sales.get(`/api/v1/renewals?q=&stage=notice_sent`);
    const r = list.data.items.find((x: { deviceId: string | null }) => x.deviceId === dev);
    expect(r).toMatchObject({ source: 'factory_warranty', contractId: null, expiresOn: '2031-07-31', deviceCount: 1 });
    const q = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: r.version, stage: 'quoted', quoteAmount: 12000 });
    expect(q.statusCode, q.body).toBe(200);
    const won = await sales.post(`/api/v1/renewals/${r.id}/stage`, { version: q.data.version, stage: 'won' });
    expect(won.statusCode, won.body).toBe(200);
    const c = (await sales.get(`/api/v1/contracts/${won.data.newContractId}`)).data;
    expect(c).toMatchObject({
      kind: 'maintenance',
      startDate: '2031-08-01',
      endDate: '2032-07-31',
      price: '12000.00',
      deviceIds: [dev],
      previousContractId: null,
    });
  });
});
