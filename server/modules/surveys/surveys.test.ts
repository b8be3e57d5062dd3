// Satisfaction surveys (R-SV-1): every closed work order gets one; the signed link works once,
// without login; forged, expired, revoked links are refused alike; phone entry and portal;
// a low rating or a complaint-like comment opens a complaint draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careSweep } from '../../jobs/sweeps.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count } from '../../test/service.ts';
import { closedRepair } from '../followups/followups.fixtures.ts';
import { complaintFlag, makeToken, verifyToken } from './surveys.service.ts';

let env: TestEnv;
let dispatcher: Client;
let renhe: Client;
let ruikang: Client;
const EN = { 'accept-language': 'en-US' };
const good = { attitude: 4, skill: 4, timeliness: 3, promise: 4, comments: '工程师很专业', respondentName: '王红' };

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, renhe, ruikang] = await Promise.all(['dispatcher', 'renhe', 'ruikang'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const surveyOf = async (workOrderId: string) =>
  (await env.database.query<{ id: string }>(`select id from surveys where work_order_id = '${workOrderId}'`)).rows[0]?.id;

describe('tokens', () => {
  const secret = 's'.repeat(40);
  const id = '0b7c1c7e-8a57-4c57-9d3c-0e7f7d3c2a11';
  it('verify only when signed by the secret and not expired', () => {
    const exp = new Date(Date.now() + 3_600_000);
    const t = makeToken(secret, id, exp, 'nonce123');
    expect(verifyToken(secret, t)).toEqual({ surveyId: id, nonce: 'nonce123' });
    expect(verifyToken('x'.repeat(40), t)).toBeNull();
    expect(verifyToken(secret, t.replace(id, '0b7c1c7e-8a57-4c57-9d3c-0e7f7d3c2a12'))).toBeNull();
    expect(verifyToken(secret, t, new Date(exp.getTime() + 1000))).toBeNull();
    expect(verifyToken(secret, 'a.b.c')).toBeNull();
  });
  it.each([
    [{ attitude: 4, skill: 4, timeliness: 4, promise: 4, comments: null }, null],
    [{ attitude: 4, skill: 1, timeliness: 4, promise: 1, comments: null }, 'low:skill,promise'],
    [{ attitude: 3, skill: 3, timeliness: 2, promise: 3, comments: '到达太慢，要投诉' }, 'comment'],
    [{ attitude: 3, skill: 3, timeliness: 2, promise: 3, comments: '一般' }, null],
  ])('complaint flag of %j is %s', (a, flag) => {
    expect(complaintFlag(a)).toBe(flag);
  });
});

describe('survey by link (R-SV-1)', () => {
  let workOrderId: string;
  let surveyId: string;
  let token: string;

  it('the sweep opens one survey per closed work order', async () => {
    ({ workOrderId } = await closedRepair(env, dispatcher, 'ST5020-21-0031', new Date('2026-11-10T02:00:00Z')));
    await Promise.all([careSweep(env.database.db, 'Asia/Shanghai'), careSweep(env.database.db, 'Asia/Shanghai')]);
    expect(await count(env, `select count(*)::int as n from surveys where work_order_id = '${workOrderId}'`)).toBe(1);
    surveyId = await surveyOf(workOrderId);
    const list = await dispatcher.get('/api/v1/surveys?answered=false');
    expect(list.data.items.map((s: { id: string }) => s.id)).toContain(surveyId);
  });

  it('customer service issues a link; the page opens without login', async () => {
    const link = await dispatcher.post(`/api/v1/surveys/${surveyId}/link`);
    expect(link.statusCode).toBe(200);
    token = link.data.token;
    expect(link.data.path).toBe(`/survey/${token}`);
    const page = await env.anonymous().get(`/api/v1/public/surveys/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.data).toMatchObject({ answered: false, serialNumber: 'ST5020-21-0031' });
  });

  it('forged, unknown and revoked links are refused the same way (no enumeration)', async () => {
    const anon = env.anonymous();
    const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    const other = token.replace(surveyId, '00000000-0000-4000-8000-000000000000');
    for (const t of [forged, other, 'not-a-token-at-all']) {
      const r = await anon.get(`/api/v1/public/surveys/${t}`, EN);
      expect(r.statusCode).toBe(404);
      expect(r.data).toMatchObject({ code: 'survey_link_invalid', detail: 'The survey link is invalid or has expired.' });
    }
    // A new link revokes the previous one.
    const again = await dispatcher.post(`/api/v1/surveys/${surveyId}/link`);
    expect((await anon.get(`/api/v1/public/surveys/${token}`)).statusCode).toBe(404);
    token = again.data.token;
  });

  it('answered once; the same link used twice is refused', async () => {
    const anon = env.anonymous();
    const bad = await anon.post(`/api/v1/public/surveys/${token}`, { ...good, attitude: 5 });
    expect(bad.statusCode).toBe(400);
    const r = await anon.post(`/api/v1/public/surveys/${token}`, good);
    expect(r.statusCode).toBe(200);
    const twice = await anon.post(`/api/v1/public/surveys/${token}`, good, EN);
    expect(twice.statusCode).toBe(409);
    expect(twice.data.code).toBe('survey_already_answered');
    const s = await dispatcher.get(`/api/v1/surveys/${surveyId}`);
    expect(s.data).toMatchObject({ channel: 'link', attitude: 4, timeliness: 3, respondentName: '王红', complaintFlag: null });
    expect((await dispatcher.post(`/api/v1/surveys/${surveyId}/link`)).statusCode).toBe(409);
    expect(await count(env, `select count(*)::int as n from complaints where survey_id = '${surveyId}'`)).toBe(0);
  });
});

describe('phone entry, portal, complaint drafts', () => {
  it('a low rating entered from a call opens a complaint draft linked to the survey and work order', async () => {
    const { workOrderId } = await closedRepair(env, dispatcher, 'ST5020-23-0220', new Date('2026-11-11T02:00:00Z'));
    await careSweep(env.database.db, 'Asia/Shanghai');
    const id = await surveyOf(workOrderId);
    const r = await dispatcher.post(`/api/v1/surveys/${id}/answers`, {
      attitude: 1,
      skill: 3,
      timeliness: 2,
      promise: 3,
      comments: null,
      respondentName: '陈立',
    });
    expect(r.statusCode).toBe(200);
    expect(r.data).toMatchObject({ channel: 'phone', enteredByName: '李晓梅（客服）', complaintFlag: 'low:attitude' });
    const c = await env.database.query<{ status: string; channel: string; work_order_id: string; device_identifier: string }>(
      `select status, channel, work_order_id, device_identifier from complaints where survey_id = '${id}'`,
    );
    expect(c.rows).toEqual([
      expect.objectContaining({ status: 'draft', channel: 'survey', work_order_id: workOrderId, device_identifier: expect.stringContaining('ST5020-23-0220') }),
    ]);
  });

  it("a hospital user answers their own survey in the portal, never another hospital's", async () => {
    const { workOrderId } = await closedRepair(env, dispatcher, 'ST5020-25-0412', new Date('2026-11-12T02:00:00Z'));
    await careSweep(env.database.db, 'Asia/Shanghai');
    const id = await surveyOf(workOrderId);
    expect((await ruikang.get(`/api/v1/surveys/${id}`)).statusCode).toBe(404);
    expect((await ruikang.post(`/api/v1/surveys/${id}/answers`, good)).statusCode).toBe(404);
    const mine = await renhe.get('/api/v1/surveys?answered=false');
    expect(mine.data.items.map((s: { id: string }) => s.id)).toContain(id);
    const r = await renhe.post(`/api/v1/surveys/${id}/answers`, { ...good, comments: '响应太慢，没有解决问题' });
    expect(r.data).toMatchObject({ channel: 'portal', complaintFlag: 'comment' });
    expect((await ruikang.get('/api/v1/surveys')).data.items.map((s: { id: string }) => s.id)).not.toContain(id);
  });
});
