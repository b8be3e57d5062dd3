// Warranty exclusion and quote stories (R-WX-1, R-FE-1, issue 15 §4; seed 003 人为或不可抗力 … 最低成本价):
// an engineer on a warranty job finds lightning damage and proposes the exclusion with its evidence;
// the service manager confirms it; the job becomes chargeable at cost and cannot be resolved until
// the hospital accepts the quote in its portal; the quote is priced from the price list, sent (the
// hospital is told), accepted once (two concurrent acceptances: one wins, 409 for the other) and
// then the work goes on. A quote rejected, a quote expired; another hospital gets 404; bad input is
// a 400/422 that changes nothing; the register exports to Excel and the quote prints as a PDF.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate, count, deviceId, notified, one, PNG_DATA_URL, userId } from '../../test/service.ts';
import { expireQuotes } from './index.ts';

let env: TestEnv;
let engineer: Client;
let dispatcher: Client;
let manager: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };
const inDays = (n: number) => businessDate(n);
let part: { id: string; unit_cost: string };

beforeAll(async () => {
  env = await createTestEnv();
  [engineer, dispatcher, manager, renhe, ruikang] = await Promise.all(['engineer', 'dispatcher', 'manager', 'renhe', 'ruikang'].map((u) => env.as(u)));
  part = await one(env, `select id, unit_cost::text from parts where unit_cost > 0 order by code limit 1`);
});
afterAll(() => env?.close());

const wo = async (id: string) => (await engineer.get(`/api/v1/work-orders/${id}`)).data;
const v = async (id: string) => (await wo(id)).version as number;
async function job(serial: string) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '雷雨后无法开机，电源板有烧蚀痕迹',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: 1, leadEngineerId: await userId(env, 'engineer') });
  for (const to of ['accepted', 'on_site']) {
    const t = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: await v(id), to });
    if (t.statusCode !== 200) throw new Error(t.body);
  }
  return id;
}
const quoteBody = (workOrderId: string, extra: Record<string, unknown> = {}) => ({
  workOrderId,
  validUntil: inDays(7),
  labourMinutes: 120,
  parts: [{ partId: part.id, quantity: '1' }],
  ...extra,
});

describe('a warranty job damaged by lightning: excluded, quoted, accepted in the portal, then repaired (R-WX-1)', () => {
  let id: string;
  let exclusionId: string;
  let quote: { id: string; version: number; number: string; total: string };

  beforeAll(async () => {
    id = await job('PM9000-26-0301');
  });

  it('a warranty job is not quoted before it is excluded (422), and is free', async () => {
    expect((await wo(id)).fee.chargeable).toBe(false);
    const r = await engineer.post('/api/v1/quotes', quoteBody(id), EN);
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('quote_not_chargeable');
  });

  it('bad exclusion input is refused and nothing is recorded', async () => {
    for (const bad of [{ category: 'flood' }, { reason: '' }, { evidence: '   ' }, { extra: 1 }]) {
      const r = await engineer.post(`/api/v1/work-orders/${id}/warranty-exclusion`, { category: 'lightning', reason: '雷击', evidence: '照片', ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await ruikang.post(`/api/v1/work-orders/${id}/warranty-exclusion`, { category: 'lightning', reason: '雷击', evidence: '照片' })).statusCode).toBe(
      403,
    );
    expect(await count(env, `select count(*) n from warranty_exclusions where work_order_id = '${id}'`)).toBe(0);
  });

  it('the engineer proposes it with category, reason and evidence; a second proposal is 409', async () => {
    const r = await engineer.post(`/api/v1/work-orders/${id}/warranty-exclusion`, {
      category: 'lightning',
      reason: '7月雷雨后电源板烧蚀，配电箱浪涌保护器击穿',
      evidence: '现场照片3张（电源板烧蚀、浪涌保护器）；医院设备科确认当晚雷击停电',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data.exclusion).toMatchObject({ category: 'lightning', forceMajeure: true, status: 'proposed', proposedByName: expect.any(String) });
    expect(r.data.abilities.proposeExclusion).toBe(false);
    exclusionId = r.data.exclusion.id;
    const again = await engineer.post(`/api/v1/work-orders/${id}/warranty-exclusion`, { category: 'misuse', reason: 'x', evidence: 'y' });
    expect(again.statusCode).toBe(409);
    expect(await count(env, `select count(*) n from audit_log where entity = 'warranty_exclusion' and entity_id = '${exclusionId}'`)).toBe(1);
  });

  it('only the service manager confirms it; the job becomes chargeable at cost and cannot be resolved yet', async () => {
    expect((await engineer.post(`/api/v1/warranty-exclusions/${exclusionId}/decide`, { version: 1, verdict: 'confirmed' })).statusCode).toBe(403);
    const r = await manager.post(`/api/v1/warranty-exclusions/${exclusionId}/decide`, {
      version: 1,
      verdict: 'confirmed',
      note: '雷击属不可抗力，按最低成本价收费',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ status: 'confirmed' });
    const w = await wo(id);
    expect(w.fee).toMatchObject({ chargeable: true, callOut: '0.00' });
    expect(w.nextSteps).not.toContain('resolved');
    const resolve = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: w.version, to: 'resolved' }, EN);
    expect(resolve.statusCode).toBe(409);
    expect(resolve.data.code).toBe('quote_not_accepted');
    const section = (await engineer.get(`/api/v1/work-orders/${id}/quotes`)).data;
    expect(section).toMatchObject({ awaitingQuote: true, abilities: { createQuote: true } });
  });

  it('bad quotes are refused and nothing is saved', async () => {
    for (const bad of [
      { labourMinutes: -1 },
      { validUntil: '2026-02-30' },
      { parts: [{ partId: part.id, quantity: '0' }] },
      { parts: [{ partId: 'x', quantity: '1' }] },
    ]) {
      const r = await engineer.post('/api/v1/quotes', quoteBody(id, bad));
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const past = await engineer.post('/api/v1/quotes', quoteBody(id, { validUntil: '2026-01-01' }), EN);
    expect(past.statusCode).toBe(422);
    expect(past.data.code).toBe('quote_validity_past');
    const unknown = await engineer.post('/api/v1/quotes', quoteBody(id, { parts: [{ partId: '00000000-0000-4000-8000-000000000000', quantity: '1' }] }));
    expect(unknown.statusCode).toBe(422);
    expect(await count(env, `select count(*) n from quotes where work_order_id = '${id}'`)).toBe(0);
  });

  it('the engineer draws up the quote: labour 2 h, the part at cost, travel; no call-out (最低成本价); BJ number', async () => {
    const r = await engineer.post('/api/v1/quotes', quoteBody(id, { note: '更换电源板' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.data).toMatchObject({
      status: 'draft',
      basis: 'exclusion',
      exclusionCategory: 'lightning',
      labour: '600.00',
      parts: part.unit_cost,
      callOut: '0.00',
    });
    expect(r.data.number).toMatch(/^BJ-\d{4}-\d+/);
    expect(r.data.lines.map((l: { kind: string }) => l.kind)).toEqual(['labour', 'part', 'travel']);
    const total = Number(r.data.labour) + Number(r.data.parts) + Number(r.data.travel);
    expect(Number(r.data.total)).toBeCloseTo(total, 2);
    quote = r.data;
    // One open quote per job.
    expect((await engineer.post('/api/v1/quotes', quoteBody(id))).statusCode).toBe(409);
    // The hospital does not see a draft.
    expect((await renhe.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(404);
  });

  it('sent: the hospital’s portal users are told; another hospital gets 404', async () => {
    const r = await engineer.post(`/api/v1/quotes/${quote.id}/send`, { version: quote.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.status).toBe('sent');
    expect(await notified(env, 'quote_sent', quote.id)).toEqual(['renhe']);
    const mine = await renhe.get('/api/v1/quotes?status=sent');
    expect(mine.data.items.map((q: { id: string }) => q.id)).toContain(quote.id);
    expect((await ruikang.get('/api/v1/quotes')).data.items.map((q: { id: string }) => q.id)).not.toContain(quote.id);
    expect((await ruikang.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(404);
    expect((await ruikang.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'portal', signerName: '陈立' })).statusCode).toBe(404);
    expect((await ruikang.get(`/api/v1/work-orders/${id}/quotes`)).statusCode).toBe(404);
    const pdf = await renhe.raw({ method: 'GET', url: `/api/v1/quotes/${quote.id}/quote.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('how an acceptance is recorded: the hospital in the portal, staff by signature or with a reason (422 otherwise)', async () => {
    const staffPortal = await engineer.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'portal', signerName: '王红' }, EN);
    expect(staffPortal.data.code).toBe('quote_accept_via_invalid');
    const noSig = await engineer.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'signature', signerName: '王红' });
    expect(noSig.statusCode).toBe(422);
    expect(noSig.data.code).toBe('quote_signature_required');
    const noReason = await engineer.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'staff', signerName: '王红' });
    expect(noReason.data.code).toBe('quote_reason_required');
    const hospitalStaff = await renhe.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'staff', signerName: '王红', reason: 'x' });
    expect(hospitalStaff.statusCode).toBe(422);
    expect((await renhe.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'portal', signerName: '' })).statusCode).toBe(400);
    expect((await one<{ status: string }>(env, `select status from quotes where id = '${quote.id}'`)).status).toBe('sent');
  });

  it('two acceptances at once: one wins, the other is 409; the work then goes on', async () => {
    const [a, b] = await Promise.all([
      renhe.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'portal', signerName: '王红' }),
      engineer.post(`/api/v1/quotes/${quote.id}/accept`, { via: 'signature', signerName: '王红', signaturePng: PNG_DATA_URL }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = (await renhe.get(`/api/v1/quotes/${quote.id}`)).data;
    expect(after).toMatchObject({ status: 'accepted', signerName: '王红' });
    expect(after.abilities).toEqual({ send: false, accept: false, reject: false });
    expect(await count(env, `select count(*) n from audit_log where entity = 'quote' and entity_id = '${quote.id}'`)).toBe(3);
    const w = await wo(id);
    expect(w.nextSteps).toContain('resolved');
    const resolve = await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: w.version, to: 'resolved' });
    expect(resolve.statusCode, resolve.body).toBe(200);
  });
});

describe('a quote rejected, a quote expired (contract job, misuse: materials only)', () => {
  let id: string;
  beforeAll(async () => {
    id = await job('TP8000-24-0107');
    const p = await engineer.post(`/api/v1/work-orders/${id}/warranty-exclusion`, {
      category: 'misuse',
      reason: '使用非原厂试剂导致管路堵塞',
      evidence: '试剂瓶照片',
    });
    expect(p.statusCode, p.body).toBe(201);
    const c = await manager.post(`/api/v1/warranty-exclusions/${p.data.exclusion.id}/decide`, { version: 1, verdict: 'confirmed' });
    expect(c.statusCode, c.body).toBe(200);
  });

  it('misuse: only the materials are quoted; the hospital rejects it with a reason; the job stays held', async () => {
    const q = (await engineer.post('/api/v1/quotes', quoteBody(id))).data;
    expect(q).toMatchObject({ labour: '0.00', travel: '0.00', callOut: '0.00', total: part.unit_cost });
    expect((await renhe.post(`/api/v1/quotes/${q.id}/reject`, { reason: '未发送不能拒绝' })).statusCode).toBe(404);
    await engineer.post(`/api/v1/quotes/${q.id}/send`, { version: q.version });
    expect((await renhe.post(`/api/v1/quotes/${q.id}/reject`, { reason: '' })).statusCode).toBe(400);
    const r = await renhe.post(`/api/v1/quotes/${q.id}/reject`, { reason: '费用需院内审批，暂不维修' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ status: 'rejected', decisionReason: '费用需院内审批，暂不维修' });
    expect(await notified(env, 'quote_rejected', q.id)).toEqual(['engineer']);
    expect((await renhe.post(`/api/v1/quotes/${q.id}/accept`, { via: 'portal', signerName: '王红' })).statusCode).toBe(409);
    const w = await wo(id);
    expect((await engineer.post(`/api/v1/work-orders/${id}/transition`, { version: w.version, to: 'resolved' })).statusCode).toBe(409);
  });

  it('a sent quote past its validity cannot be accepted (409) and the daily job expires it once', async () => {
    const q = (await engineer.post('/api/v1/quotes', quoteBody(id))).data;
    await engineer.post(`/api/v1/quotes/${q.id}/send`, { version: q.version });
    await env.database.query(`update quotes set valid_until = current_date - 2 where id = '${q.id}'`);
    const late = await renhe.post(`/api/v1/quotes/${q.id}/accept`, { via: 'portal', signerName: '王红' }, EN);
    expect(late.statusCode).toBe(409);
    expect(late.data.code).toBe('quote_expired');
    const [a, b] = await Promise.all([expireQuotes(env.database.db, 'Asia/Shanghai'), expireQuotes(env.database.db, 'Asia/Shanghai')]);
    expect(a + b).toBe(1);
    expect(await expireQuotes(env.database.db, 'Asia/Shanghai')).toBe(0);
    expect((await renhe.get(`/api/v1/quotes/${q.id}`)).data.status).toBe('expired');
    // A new quote may be drawn up after an expired one.
    expect((await engineer.get(`/api/v1/work-orders/${id}/quotes`)).data.abilities.createQuote).toBe(true);
  });

  it('the register: filters, search and the Excel export', async () => {
    const list = await manager.get('/api/v1/quotes?basis=exclusion&pageSize=50');
    expect(list.data.total).toBeGreaterThanOrEqual(3);
    const byNumber = await manager.get(`/api/v1/quotes?q=${encodeURIComponent(list.data.items[0].number)}`);
    expect(byNumber.data.items).toHaveLength(1);
    const x = await manager.raw({ method: 'GET', url: '/api/v1/quotes/export?status=rejected' });
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('报价单号');
    expect(sheet.rowCount).toBe(2);
  });
});
