// The service report PDF (服务报告/服务凭证, R-WO-4/5): built from an order walked through the
// API, read back with a PDF parser to check the Chinese text really is there.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { term } from '../../lib/glossary.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { type Flow, runFlow } from '../reports/reports.fixtures.ts';

let env: TestEnv;
let dispatcher: Client;
let paid: Flow;
let open: Flow;

async function textOf(buf: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { totalPages, text: text.replace(/\s+/g, ' ') };
}

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  // HB-CD's stainer is under a paid-service agreement: the report shows the fee block.
  paid = await runFlow(env, dispatcher, {
    serial: 'ST5020-22-0145',
    lead: 'engineer',
    until: 'closed',
    signer: '李主任',
    content: {
      phenomenon: '染色槽温度不稳定',
      cause: '加热板老化，温控传感器漂移',
      actions: '更换加热板并校准温控传感器',
      testResults: '连续运行 3 个批次，染色均匀，温度波动 ±0.5℃',
      explanation: '已向科室说明日常清洁要求',
      labourMinutes: 95,
      travelMinutes: 40,
    },
    parts: [{ partNo: 'ST-HP-220', name: '加热板', quantity: 1, unitPrice: '860.00', removedSerial: 'HP-0091', installedSerial: 'HP-2230' }],
  });
  open = await runFlow(env, dispatcher, { serial: 'ST5020-25-0412', lead: 'engineer2', until: 'dispatched' });
}, 60_000);
afterAll(() => env?.close());

describe('the service report PDF', () => {
  it('a reviewed paid order: Chinese text, times, parts, fee, signature image with signer, reviewer and the signed hash', async () => {
    const r = await dispatcher.raw({ method: 'GET', url: `/api/v1/work-orders/${paid.workOrderId}/report.pdf` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(`filename="${paid.number}.pdf"`);
    const pdf = r.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(150_000); // the CJK font is embedded as a subset, not whole (~10 MB)
    const wo = (await dispatcher.get(`/api/v1/work-orders/${paid.workOrderId}`)).data;
    const { totalPages, text } = await textOf(pdf);
    expect(totalPages).toBeGreaterThanOrEqual(1);
    for (const s of [
      '服务报告（服务凭证）',
      paid.number,
      wo.requestNumber,
      '承德市中心医院',
      'ST5020-22-0145',
      term('serviceCategory', 'paid', 'zh-CN'), // the glossary's word (seed 002 §1: 有费服务)
      '加热板老化，温控传感器漂移',
      '更换加热板并校准温控传感器',
      'ST-HP-220',
      '¥ 860.00',
      '费用合计',
      '1小时35分',
      '李主任',
      '确认服务已完成，结果满意',
      '李晓梅（客服）',
      '通过，已归档',
      wo.signatures[0].contentHash,
    ]) {
      expect(text, s).toContain(s);
    }
    expect(pdf.includes('/Subtype /Image')).toBe(true); // the drawn signature
    expect(pdf.includes('/ToUnicode')).toBe(true);
  });

  it('an order not yet signed shows an empty signature box and no hash', async () => {
    const r = await dispatcher.raw({ method: 'GET', url: `/api/v1/work-orders/${open.workOrderId}/report.pdf` });
    expect(r.statusCode).toBe(200);
    const { text } = await textOf(r.rawPayload);
    expect(text).toContain('服务报告（服务凭证）');
    expect(text).toContain('尚未签字');
    expect(text).toContain('未签字');
    expect(text).not.toContain('SHA-256');
    expect(r.rawPayload.includes('/Subtype /Image')).toBe(false);
  });

  it('a hospital user gets the report of their own order; another hospital, strangers and bad ids do not', async () => {
    const renhe = await env.as('renhe'); // 北京仁和医院 owns ST5020-25-0412
    const own = await renhe.raw({ method: 'GET', url: `/api/v1/work-orders/${open.workOrderId}/report.pdf` });
    expect(own.statusCode).toBe(200);
    expect((await renhe.raw({ method: 'GET', url: `/api/v1/work-orders/${paid.workOrderId}/report.pdf` })).statusCode).toBe(404);
    const ruikang = await env.as('ruikang');
    const other = await ruikang.get(`/api/v1/work-orders/${open.workOrderId}/report.pdf`, { 'accept-language': 'en-US' });
    expect(other.statusCode).toBe(404);
    expect(other.data.detail).toBe('The record does not exist or you may not see it.');
    expect((await env.anonymous().get(`/api/v1/work-orders/${open.workOrderId}/report.pdf`)).statusCode).toBe(401);
    expect((await dispatcher.get('/api/v1/work-orders/not-a-uuid/report.pdf')).statusCode).toBe(400);
    expect((await dispatcher.get('/api/v1/work-orders/00000000-0000-4000-8000-000000000001/report.pdf')).statusCode).toBe(404);
  });
});
