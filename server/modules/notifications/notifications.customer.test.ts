// R-CN-1 (issue 10 item 8): the hospital is told how its case progresses. One request followed
// through the API from dispatch to archive gives the hospital's portal users exactly five
// notices — assigned (engineer, phone, planned arrival), on site, repaired — please sign, the
// survey link right after signing, archived with its PDF — in each reader's language, once
// even when a step is replayed, and by email through a real local SMTP server per each user's
// preferences. The other hospital's user hears nothing.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, PNG_DATA_URL, userId } from '../../test/service.ts';
import { deliver, fanOut } from '../channels/channels.service.ts';

let env: TestEnv;
let admin: Client;
let dispatcher: Client;
let engineer: Client;
let renhe: Client;
let smtp: SMTPServer;
let smtpPort: number;
const mails: { to: string; raw: string }[] = [];
const PUBLIC_URL = 'https://service.example.com';

function startSmtp() {
  return new Promise<void>((resolve) => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    smtp.listen(0, '127.0.0.1', () => {
      smtpPort = (smtp.server.address() as AddressInfo).port;
      resolve();
    });
  });
}

/** The decoded text of a mail (nodemailer sends UTF-8 as quoted-printable or base64). */
function textOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(head)) {
    const soft = body.replace(/=\r?\n/g, '');
    return Buffer.from(
      soft.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return body;
}
const subjectOf = (raw: string) => {
  const m = /^Subject: (.+(?:\r?\n[ \t].+)*)/m.exec(raw)?.[1] ?? '';
  return m.replace(/\r?\n[ \t]/g, ' ').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, s: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(s, 'base64').toString('utf8')
      : Buffer.from(
          s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x: string, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
};

beforeAll(async () => {
  await startSmtp();
  env = await createTestEnv();
  [admin, dispatcher, engineer, renhe] = await Promise.all([env.as('admin'), env.as('dispatcher'), env.as('engineer'), env.as('renhe')]);
  // Whatever the demo seed left in the outbox is not this story's business.
  await fanOut(env.database.db, 100_000);
  const put = await admin.raw({
    method: 'PUT',
    url: '/api/v1/channels/settings',
    payload: {
      version: 0,
      smtpHost: '127.0.0.1',
      smtpPort,
      smtpSecure: false,
      smtpUser: null,
      smtpPassword: null,
      fromAddress: 'service@medservice.example',
      emailEnabled: true,
    },
  });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe('the hospital is told how its case progresses (R-CN-1)', () => {
  it('a request followed from dispatch to archive gives the hospital exactly the expected notices, by inbox and email, in each reader’s language', async () => {
    // The hospital's users: renhe (zh-CN, email), a second portal user reading English who does
    // not want the on-site notice by email; the engineer has a phone number on file.
    const renheId = await userId(env, 'renhe');
    const me = await renhe.get('/api/v1/auth/me');
    const patched = await admin.patch(`/api/v1/users/${renheId}`, { version: me.data.version ?? 1, email: 'renhe@hospital.example' });
    expect(patched.statusCode, patched.body).toBe(200);
    const customerId = (await env.database.query<{ id: string }>(`select customer_id as id from users where id = '${renheId}'`)).rows[0].id;
    const created = await admin.post('/api/v1/users', {
      username: 'renhe_en',
      displayName: 'Dr. Smith (Renhe pathology)',
      roles: ['customer_user'],
      customerId,
      email: 'smith@hospital.example',
      locale: 'en-US',
      password: 'Hospital-Pass-2026',
    });
    expect(created.statusCode, created.body).toBe(201);
    const smith = await env.as('renhe_en', 'Hospital-Pass-2026');
    const pref = await smith.raw({
      method: 'PUT',
      url: '/api/v1/channels/preferences',
      payload: { version: 0, email: true, mutedKinds: ['customer_on_site'] },
    });
    expect(pref.statusCode, pref.body).toBe(200);
    await env.database.exec(`update users set phone = '138-0000-1234' where username = 'engineer'`);
    const ruikang = await env.as('ruikang');
    const ruikangBefore = (await ruikang.get('/api/v1/notifications?limit=200')).data.items.length;

    const reg = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'TP8000-24-0107'),
      faultDescription: '脱水机加热故障，程序中断',
      deviceDown: true,
      channel: 'phone',
      reporterName: '病理科 王红',
      reporterPhone: '010-66668002',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const woId = reg.data.workOrderId as string;
    const requestNumber = reg.data.number as string;
    const wo = async () => (await dispatcher.get(`/api/v1/work-orders/${woId}`)).data;

    // Dispatch, sent twice with the same Idempotency-Key (a client retry): one notice.
    const body = { version: (await wo()).version, leadEngineerId: await userId(env, 'engineer'), helperIds: [] };
    const key = { 'idempotency-key': `dispatch-${woId}` };
    const first = await dispatcher.post(`/api/v1/work-orders/${woId}/dispatch`, body, key);
    expect(first.statusCode, first.body).toBe(200);
    const replay = await dispatcher.post(`/api/v1/work-orders/${woId}/dispatch`, body, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // A stale resend without the key is refused (version) and tells nobody anything either.
    expect((await dispatcher.post(`/api/v1/work-orders/${woId}/dispatch`, body)).statusCode).toBe(409);

    const step = async (to: string) => {
      const r = await engineer.post(`/api/v1/work-orders/${woId}/transition`, { version: (await wo()).version, to });
      expect(r.statusCode, r.body).toBe(200);
    };
    await step('accepted');
    await step('on_the_way');
    await step('on_site');
    const content = await engineer.patch(`/api/v1/work-orders/${woId}`, {
      version: (await wo()).version,
      phenomenon: '加热模块不升温',
      cause: '加热管烧断',
      actions: '更换加热管',
      testResults: '升温至 60℃ 正常，运行一个完整程序无报警',
      labourMinutes: 60,
    });
    expect(content.statusCode, content.body).toBe(200);
    await step('resolved');
    // The hospital signs in the portal.
    const signed = await renhe.post(`/api/v1/work-orders/${woId}/sign`, {
      version: (await wo()).version,
      signerName: '王红',
      meaning: '确认服务已完成',
      signaturePng: PNG_DATA_URL,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const reviewed = await dispatcher.post(`/api/v1/work-orders/${woId}/review`, {
      version: (await wo()).version,
      verdict: 'approved',
      password: DEMO_PASSWORD,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect((await wo()).status).toBe('closed');

    // The inbox: exactly the five notices, oldest last, each naming the request, hospital and device.
    const inbox = (await renhe.get('/api/v1/notifications?limit=200')).data.items.filter((n: { refId: string }) => n.refId === woId);
    expect(inbox.map((n: { kind: string }) => n.kind)).toEqual([
      'customer_archived',
      'customer_survey',
      'customer_resolved',
      'customer_on_site',
      'customer_assigned',
    ]);
    const byKind = Object.fromEntries(inbox.map((n: { kind: string }) => [n.kind, n]));
    for (const n of inbox) {
      expect(n.context).toMatchObject({
        requestNumber,
        workOrderNumber: requestNumber.replace(/^BX/, 'WO'),
        customerName: '北京仁和医院',
        deviceModel: '全自动组织脱水机 TP-8000',
        deviceSerial: 'TP8000-24-0107',
      });
    }
    const arriveDue = (await dispatcher.get(`/api/v1/requests/${reg.data.id}`)).data.clocks.find((c: { kind: string }) => c.kind === 'arrive').dueAt as string;
    const local = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '); // Asia/Shanghai has no DST
    const engineerName = (await env.database.query<{ n: string }>(`select display_name as n from users where username = 'engineer'`)).rows[0].n;
    // No appointment was agreed at dispatch: the arrive deadline is what the hospital can count on.
    expect(byKind.customer_assigned).toMatchObject({
      title: `报修 ${requestNumber} 已派工程师`,
      body: `服务工程师${engineerName}已受理您的报修，联系电话 138-0000-1234，最迟于 ${local(arriveDue)} 前到达现场。`,
      link: `/work-orders/${woId}`,
    });
    expect(byKind.customer_on_site.body).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 到达现场/);
    expect(byKind.customer_resolved.title).toBe(`报修 ${requestNumber} 维修完成，请签字确认`);
    // The survey link is the survey module's signed single-use link, and it opens the survey.
    expect(byKind.customer_survey.link).toMatch(/^\/survey\/[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const token = byKind.customer_survey.link.slice('/survey/'.length);
    const pub = await env.anonymous().get(`/api/v1/public/surveys/${token}`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.data).toMatchObject({ customerName: '北京仁和医院', answered: false });
    expect(byKind.customer_archived).toMatchObject({
      title: `报修 ${requestNumber} 服务报告已归档`,
      link: `/work-orders/${woId}`,
      downloadUrl: `/api/v1/work-orders/${woId}/report.pdf`,
    });
    // The hospital may read that PDF.
    expect((await renhe.raw({ method: 'GET', url: byKind.customer_archived.downloadUrl })).statusCode).toBe(200);

    // English for the English reader (the screen asks in its language; email uses the stored one).
    const en = (await smith.get('/api/v1/notifications?limit=200', { 'accept-language': 'en-US' })).data.items.filter(
      (n: { refId: string }) => n.refId === woId,
    );
    expect(en.map((n: { title: string }) => n.title)).toEqual([
      `Request ${requestNumber}: service report archived`,
      `How did we do? ${requestNumber}`,
      `Request ${requestNumber} repaired: please sign`,
      `Request ${requestNumber}: the engineer is on site`,
      `Request ${requestNumber}: an engineer is assigned`,
    ]);

    // Isolation: the other hospital's user got nothing.
    expect((await ruikang.get('/api/v1/notifications?limit=200')).data.items.length).toBe(ruikangBefore);
    expect(
      Number(
        (
          await env.database.query<{ n: number }>(
            `select count(*)::int as n from notifications n join users u on u.id = n.user_id where n.ref_id = '${woId}' and n.kind like 'customer_%' and u.customer_id is distinct from '${customerId}'`,
          )
        ).rows[0].n,
      ),
    ).toBe(0);

    // Email, through the real SMTP server: renhe all five in Chinese, the English reader four
    // (on-site muted), each with the record line and absolute links.
    await fanOut(env.database.db, 100_000, { timeZone: 'Asia/Shanghai', publicUrl: PUBLIC_URL });
    await deliver(env.database.db);
    const toRenhe = mails.filter((m) => m.to === 'renhe@hospital.example');
    const toSmith = mails.filter((m) => m.to === 'smith@hospital.example');
    expect(toRenhe.map((m) => subjectOf(m.raw)).sort()).toEqual(
      [
        `报修 ${requestNumber} 已派工程师`,
        `报修 ${requestNumber}：工程师已到达现场`,
        `报修 ${requestNumber} 维修完成，请签字确认`,
        `请评价本次服务 ${requestNumber}`,
        `报修 ${requestNumber} 服务报告已归档`,
      ].sort(),
    );
    expect(toSmith.map((m) => subjectOf(m.raw))).not.toContain(`Request ${requestNumber}: the engineer is on site`);
    expect(toSmith).toHaveLength(4);
    const archivedMail = textOf(toRenhe.find((m) => subjectOf(m.raw).includes('归档'))?.raw ?? '');
    expect(archivedMail).toContain(
      `报修 ${requestNumber} · 工单 ${requestNumber.replace(/^BX/, 'WO')} · 北京仁和医院 · 全自动组织脱水机 TP-8000 TP8000-24-0107`,
    );
    expect(archivedMail).toContain(`${PUBLIC_URL}/api/v1/work-orders/${woId}/report.pdf`);
    const surveyMail = textOf(toRenhe.find((m) => subjectOf(m.raw).includes('评价'))?.raw ?? '');
    expect(surveyMail).toContain(`${PUBLIC_URL}/survey/${token}`);
    // Never the staff: the dispatcher's inbox has no customer notice.
    expect((await dispatcher.get('/api/v1/notifications?limit=200')).data.items.some((n: { kind: string }) => n.kind.startsWith('customer_'))).toBe(false);
  });
});
