// The work-order review is an electronic signature (issue 14 §6, R-AU-1): the reviewer types the
// password again; a wrong or missing one changes nothing; an approval records an e_signatures row
// (meaning 'review') bound to the hash of the archived report content, shown on the work order
// and printed on the service report PDF as its manifestation.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, one, userId } from '../../test/service.ts';
import { type Flow, runFlow } from '../reports/reports.fixtures.ts';
import { SIGNATURE_MEANINGS, signedContentHash } from '../signatures/index.ts';

let env: TestEnv;
let dispatcher: Client;
let flow: Flow;
let back: Flow;
const EN = { 'accept-language': 'en-US' };

const content = {
  phenomenon: '染色槽温度不稳定',
  cause: '加热板老化',
  actions: '更换加热板并校准温控传感器',
  testResults: '连续运行 3 个批次，温度波动 ±0.5℃',
  labourMinutes: 95,
  travelMinutes: 40,
};
const part = { partNo: 'ST-HP-220', name: '加热板', quantity: 1, unitPrice: '860.00', removedSerial: 'HP-0091', installedSerial: 'HP-2230' };

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  flow = await runFlow(env, dispatcher, { serial: 'ST5020-22-0145', lead: 'engineer', until: 'signed_off', signer: '李主任', content, parts: [part] });
  back = await runFlow(env, dispatcher, { serial: 'ST5020-25-0412', lead: 'engineer2', until: 'signed_off', content });
}, 60_000);
afterAll(() => env?.close());

const wo = async (id: string) => (await dispatcher.get(`/api/v1/work-orders/${id}`)).data;
const sigCount = (id: string) => count(env, `select count(*)::int as n from e_signatures where entity = 'work_order' and entity_id = '${id}'`);

describe('review signs the archived report (R-AU-1, R-WO-5)', () => {
  it('without the password the body is refused (400 naming password); nothing changes', async () => {
    const w = await wo(flow.workOrderId);
    const r = await dispatcher.post(`/api/v1/work-orders/${flow.workOrderId}/review`, { version: w.version, verdict: 'approved' }, EN);
    expect(r.statusCode).toBe(400);
    expect(r.data).toMatchObject({ code: 'validation_failed' });
    expect(r.data.fields.map((f: { field: string }) => f.field)).toContain('password');
    expect((await wo(flow.workOrderId)).status).toBe('signed_off');
    expect(await sigCount(flow.workOrderId)).toBe(0);
  });

  it('with a wrong password: 422 signature_password_invalid naming password, translated; nothing changes', async () => {
    const w = await wo(flow.workOrderId);
    for (const password of ['not-my-password-1', '']) {
      const r = await dispatcher.post(`/api/v1/work-orders/${flow.workOrderId}/review`, { version: w.version, verdict: 'approved', password }, EN);
      if (password === '') {
        expect(r.statusCode).toBe(400); // schema: min length 1
        continue;
      }
      expect(r.statusCode).toBe(422);
      expect(r.data).toMatchObject({ code: 'signature_password_invalid', fields: [{ field: 'password' }] });
      expect(r.data.detail).toBe('Signature not confirmed: the password is not correct.');
    }
    const zh = await dispatcher.post(`/api/v1/work-orders/${flow.workOrderId}/review`, { version: w.version, verdict: 'approved', password: 'x' });
    expect(zh.data.detail).toBe('签名确认失败：密码不正确。');
    const after = await wo(flow.workOrderId);
    expect(after).toMatchObject({ status: 'signed_off', version: w.version, reviews: [], eSignatures: [] });
    expect(await sigCount(flow.workOrderId)).toBe(0);
  });

  it("only the signer's own password signs", async () => {
    const w = await wo(flow.workOrderId);
    // Re-authentication checks the signer's own account: any other string is refused.
    const r = await dispatcher.post(`/api/v1/work-orders/${flow.workOrderId}/review`, { version: w.version, verdict: 'approved', password: 'manager' });
    expect(r.statusCode).toBe(422);
    expect(await sigCount(flow.workOrderId)).toBe(0);
  });

  it('with the password: archived, and an e_signatures row whose hash is that of the archived content', async () => {
    const w = await wo(flow.workOrderId);
    const r = await dispatcher.post(`/api/v1/work-orders/${flow.workOrderId}/review`, { version: w.version, verdict: 'approved', password: DEMO_PASSWORD });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.status).toBe('closed');
    expect(r.data.eSignatures).toEqual([
      expect.objectContaining({ meaning: 'review', meaningText: SIGNATURE_MEANINGS.review, signerName: r.data.reviews[0].reviewerName }),
    ]);
    const e = r.data.eSignatures[0];
    const row = await one<{ signer_id: string; entity: string; content_hash: string; signed_at: Date }>(
      env,
      `select signer_id, entity, content_hash, signed_at from e_signatures where id = '${e.id}'`,
    );
    expect(row.signer_id).toBe(await userId(env, 'dispatcher'));
    expect(row.content_hash).toBe(e.contentHash);
    const customer = w.signatures.at(-1);
    const signed = {
      number: flow.number,
      contentVersion: 1,
      phenomenon: content.phenomenon,
      cause: content.cause,
      actions: content.actions,
      testResults: content.testResults,
      parts: [{ partNo: part.partNo, name: part.name, quantity: '1.000', removedSerial: part.removedSerial, installedSerial: part.installedSerial }],
      customerSignature: { name: '李主任', signedAt: customer.signedAt },
    };
    const expected = signedContentHash({ ...signed, signer: row.signer_id, signedAt: e.signedAt, meaning: SIGNATURE_MEANINGS.review });
    expect(e.contentHash).toBe(expected);
    // Any other content (a different test result) would not hash the same.
    expect(signedContentHash({ ...signed, testResults: '改过', signer: row.signer_id, signedAt: e.signedAt, meaning: SIGNATURE_MEANINGS.review })).not.toBe(
      expected,
    );
    // The signature row is insert-only in the database.
    await expect(env.database.exec(`update e_signatures set signer_name = 'x' where id = '${e.id}'`)).rejects.toThrow();
    await expect(env.database.exec(`delete from e_signatures where id = '${e.id}'`)).rejects.toThrow();
  });

  it('the service report PDF prints the review signature: signer, meaning and the hash prefix', async () => {
    const w = await wo(flow.workOrderId);
    const r = await dispatcher.raw({ method: 'GET', url: `/api/v1/work-orders/${flow.workOrderId}/report.pdf` });
    expect(r.statusCode).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(r.rawPayload));
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
    const e = w.eSignatures[0];
    expect(text).toContain('电子签名');
    expect(text).toContain(e.signerName);
    expect(text).toContain('审核签字');
    expect(text).toContain(e.contentHash.slice(0, 16));
  });

  it('verification recomputes the hash from the current report: valid, and no longer once the archived content is altered', async () => {
    const url = `/api/v1/work-orders/${flow.workOrderId}/signatures/verify`;
    const ok = await dispatcher.get(url);
    expect(ok.statusCode).toBe(200);
    expect(ok.data.items).toEqual([expect.objectContaining({ meaning: 'review', valid: true })]);
    // Another hospital does not see it at all.
    expect((await (await env.as('renhe')).get(url)).statusCode).toBe(404);
    // Altered behind the product's back (straight in the database): the signature no longer covers it.
    await env.database.exec(`update work_orders set test_results = '改过的结果' where id = '${flow.workOrderId}'`);
    expect((await dispatcher.get(url)).data.items).toEqual([expect.objectContaining({ valid: false })]);
  });

  it('sending a report back also needs the password but is no archive signature', async () => {
    const w = await wo(back.workOrderId);
    const wrong = await dispatcher.post(`/api/v1/work-orders/${back.workOrderId}/review`, {
      version: w.version,
      verdict: 'returned',
      comments: '请补充照片',
      password: 'wrong-password-1',
    });
    expect(wrong.statusCode).toBe(422);
    expect((await wo(back.workOrderId)).status).toBe('signed_off');
    const r = await dispatcher.post(`/api/v1/work-orders/${back.workOrderId}/review`, {
      version: w.version,
      verdict: 'returned',
      comments: '请补充照片',
      password: DEMO_PASSWORD,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ status: 'resolved', eSignatures: [] });
    expect(await sigCount(back.workOrderId)).toBe(0);
  });
});
