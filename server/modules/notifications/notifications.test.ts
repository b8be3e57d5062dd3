// Notifications people can read (issue 10 item 11): every notice names the business numbers,
// the hospital and the device and links to the record; instants read in company-local time and
// follow-up keys in words; one event is one notice. Rows keep structured data only (kind,
// record, parameters), so a row written before this change reads the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { deviceId, userId } from '../../test/service.ts';
import { followupStep, localTime, notify } from './notifications.service.ts';

let env: TestEnv;
let dispatcher: Client;
beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
});
afterAll(() => env?.close());

const mine = async (c: Client, refId: string, lang = 'zh-CN') =>
  (await c.get('/api/v1/notifications?limit=200', { 'accept-language': lang })).data.items.filter((n: { refId: string }) => n.refId === refId);

describe('a notice says what it is about', () => {
  it('an SLA notice names the request and work-order numbers, the hospital and the device, links to the request, and reads the deadline in local time', async () => {
    const reg = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'ST5020-25-0412'),
      faultDescription: '染色机报错 E21',
      deviceDown: false,
      channel: 'phone',
      reporterName: '病理科 王红',
      reporterPhone: '010-66668002',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const manager = await userId(env, 'dispatcher');
    // Written the way the SLA sweep writes it: an ISO instant in UTC among the parameters.
    await env.database.db.transaction((tx) =>
      notify(
        tx,
        [manager],
        'sla_warning',
        { number: reg.data.number, clock: 'arrive', dueAt: '2026-12-07T03:30:00.000Z' },
        { entity: 'service_request', id: reg.data.id },
      ),
    );
    const [n] = await mine(dispatcher, reg.data.id);
    expect(n).toMatchObject({
      kind: 'sla_warning',
      title: expect.stringMatching(new RegExp(`^${reg.data.number} .+时限即将到期$`)),
      body: '已用去 75% 的时限，截止 2026-12-07 11:30。', // 03:30 UTC is 11:30 in Shanghai
      link: `/requests/${reg.data.id}`,
      context: {
        requestNumber: reg.data.number,
        workOrderNumber: reg.data.number.replace(/^BX/, 'WO'),
        customerName: '北京仁和医院',
        deviceSerial: 'ST5020-25-0412',
        deviceModel: expect.stringContaining('ST-5020'),
      },
    });
    expect(n.createdAt).toMatch(/Z$/); // the instant itself stays UTC; the screen shows it locally
  });

  it('one event told twice (a retried sweep) is one notice; the next event of the same kind is its own', async () => {
    const reg = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, 'UCT760-23-1009'),
      faultDescription: 'CT 球管报警',
      deviceDown: false,
      channel: 'phone',
      reporterName: '放射科',
      reporterPhone: '010-1',
    });
    const me = await userId(env, 'dispatcher');
    const ref = { entity: 'service_request', id: reg.data.id };
    const warn = { number: reg.data.number, clock: 'respond', dueAt: '2026-12-07T01:00:00.000Z' };
    for (let i = 0; i < 2; i++) await env.database.db.transaction((tx) => notify(tx, [me], 'sla_warning', warn, ref));
    expect(await mine(dispatcher, reg.data.id)).toHaveLength(1);
    await env.database.db.transaction((tx) => notify(tx, [me], 'sla_warning', { ...warn, clock: 'arrive' }, ref));
    expect(await mine(dispatcher, reg.data.id)).toHaveLength(2);
  });

  it('an old follow-up reminder (key and UTC instant, no numbers stored) reads in words, with the plan’s hospital and device', async () => {
    const [f] = (
      await env.database.query<{ id: string; key: string }>(
        `select f.id, f.key from followups f join followup_plans p on p.id = f.plan_id order by f.created_at limit 1`,
      )
    ).rows;
    if (!f) return; // the template holds no follow-up: nothing to read back
    const me = await userId(env, 'dispatcher');
    await env.database.exec(
      `insert into notifications (user_id, kind, params, ref_entity, ref_id) values ('${me}', 'followup_due', '{"key":"s1","dueAt":"2026-12-06T15:59:00.000Z"}', 'followup', '${f.id}')`,
    );
    const [n] = await mine(dispatcher, f.id);
    expect(n.body).toBe('第 1 次回访须于 2026-12-06 23:59 前完成。');
    expect(n.link).toBe('/followups');
    expect(n.context.customerName).toBeTruthy();
    expect(n.context.deviceSerial).toBeTruthy();
    const [en] = await mine(dispatcher, f.id, 'en-US');
    expect(en.body).toBe('The follow-up no. 1 is due by 2026-12-06 23:59.');
  });
});

describe('readable parameters (pure)', () => {
  it.each([
    ['s1', '第 1 次回访', 'follow-up no. 1'],
    ['d2', '出片效果跟踪第 2 天', 'daily quality call, day 2'],
    ['p26', '第 26 次电话回访', 'phone follow-up no. 26'],
    ['o3', '第 3 次上门巡访', 'on-site visit no. 3'],
    ['x9', 'x9', 'x9'],
  ])('follow-up key %s reads "%s" / "%s"', (key, zh, en) => {
    expect(followupStep(key, 'zh-CN')).toBe(zh);
    expect(followupStep(key, 'en-US')).toBe(en);
  });
  it('an ISO instant is shown in the company zone; other strings are left alone', () => {
    expect(localTime('2026-12-31T16:30:00.000Z', 'Asia/Shanghai')).toBe('2027-01-01 00:30');
    expect(localTime('2026-12-31', 'Asia/Shanghai')).toBe('2026-12-31');
    expect(localTime('BX-2026-000001', 'Asia/Shanghai')).toBe('BX-2026-000001');
  });
});
