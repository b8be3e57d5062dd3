// Follow-up stories (R-FU-1..4): a closed repair gets its plan from the scan (once, however
// often the scan runs), follow-ups come due at the rule's times, a poor result turns the
// cadence daily until resolved and then resumes it; the questionnaire of the device's
// category; the R-FU-3 escalation with the manager's approval; the department head's review;
// a new rule version applies only to services completed after it.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, deviceId, notified, principal } from '../../test/service.ts';
import { followupView } from './followups.dto.ts';
import { closedRepair } from './followups.fixtures.ts';
import { answer, listFollowUps, planClosedWorkOrders, planStandingCadences, remindDue } from './followups.service.ts';

let env: TestEnv;
let dispatcher: Client;
let manager: Client;
let engineer: Client;
let renhe: Client;
const EN = { 'accept-language': 'en-US' };
const H = 3_600_000;

beforeAll(async () => {
  env = await createTestEnv();
  [dispatcher, manager, engineer, renhe] = await Promise.all(['dispatcher', 'manager', 'engineer', 'renhe'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

const pending = async (workOrderId: string) =>
  (
    await env.database.query<{ id: string; key: string; earliest_at: Date; due_at: Date; version: number; status: string }>(
      `select f.id, f.key, f.earliest_at, f.due_at, f.version, f.status from followups f join followup_plans p on p.id = f.plan_id
       where p.work_order_id = '${workOrderId}' and f.status = 'pending' order by f.key`,
    )
  ).rows.map((r) => ({ ...r, earliest_at: new Date(r.earliest_at), due_at: new Date(r.due_at) }));

describe('a repair closed → follow-ups by rule → poor result → daily → resolved → cadence resumes (R-FU-1, R-FU-3)', () => {
  const T = new Date('2026-11-02T02:00:00Z');
  let wo: { workOrderId: string };
  let questionnaireId: string;

  it('the scan plans the closed repair once, however often it runs', async () => {
    wo = await closedRepair(env, dispatcher, 'ST5020-25-0412', T);
    const before = await count(env, `select count(*)::int as n from followup_plans`);
    await Promise.all([planClosedWorkOrders(env.database.db), planClosedWorkOrders(env.database.db)]);
    await planClosedWorkOrders(env.database.db);
    expect(await count(env, `select count(*)::int as n from followup_plans where work_order_id = '${wo.workOrderId}'`)).toBe(1);
    expect(await count(env, `select count(*)::int as n from followup_plans`)).toBeGreaterThan(before);
    const due = await pending(wo.workOrderId);
    expect(due.map((f) => [f.key, f.earliest_at.toISOString(), f.due_at.toISOString()])).toEqual([
      ['s1', T.toISOString(), new Date(T.getTime() + 48 * H).toISOString()],
      ['t1', new Date(T.getTime() + 21 * 24 * H).toISOString(), new Date(T.getTime() + 28 * 24 * H).toISOString()],
    ]);
  });

  it('my follow-ups show it, overdue first; the pathology questionnaire of seed 000 comes with it', async () => {
    const list = await dispatcher.get('/api/v1/followups?scope=mine&status=open&pageSize=200');
    expect(list.statusCode).toBe(200);
    const mine = list.data.items.filter((f: { workOrderId: string }) => f.workOrderId === wo.workOrderId);
    expect(mine.map((f: { key: string }) => f.key)).toEqual(['s1', 't1']);
    expect(mine[0]).toMatchObject({ overdue: true, serviceType: 'repair', ruleVersionNo: 0, serialNumber: 'ST5020-25-0412' });
    const overdueFlags = list.data.items.map((f: { overdue: boolean }) => f.overdue);
    expect(overdueFlags.indexOf(false) === -1 || overdueFlags.lastIndexOf(true) < overdueFlags.indexOf(false)).toBe(true);
    const d = await dispatcher.get(`/api/v1/followups/${mine[0].id}`);
    expect(d.data.questionnaire.code).toBe('pathology');
    expect(d.data.questionnaire.items.map((i: { label: { 'zh-CN': string } }) => i.label['zh-CN'])).toEqual([
      '科室开展状况（未开展要询问原因）',
      '设备使用/运行状况',
      '出片质量',
      '检验员操作是否规范',
      '科室常做标本类型及试剂使用量',
      '标本处理时间、温度',
      '科室对公司产品有什么好的意见建议',
    ]);
    questionnaireId = d.data.questionnaire.id;
    expect((await renhe.get('/api/v1/followups')).statusCode).toBe(403);
  });

  it('required questionnaire answers are checked, in the caller language', async () => {
    const [s1] = await pending(wo.workOrderId);
    const r = await dispatcher.post(
      `/api/v1/followups/${s1.id}/answer`,
      { version: s1.version, questionnaireId, answers: { device_state: 'normal' }, outcome: 'no_problem', record: '设备正常' },
      EN,
    );
    expect(r.statusCode).toBe(422);
    expect(r.data.fields.map((f: { field: string }) => f.field)).toEqual(['answers.slide_quality']);
  });

  it('a poor slide quality at the first follow-up turns the cadence daily: the whole next local day (seed 000 第二天)', async () => {
    const me = await principal(env, 'dispatcher');
    const [s1] = await pending(wo.workOrderId);
    const at1 = new Date(T.getTime() + 20 * H); // 2026-11-03 06:00 in Shanghai
    await answer(
      env.database.db,
      me,
      s1.id,
      {
        version: s1.version,
        questionnaireId,
        answers: { device_state: 'normal', slide_quality: 'poor' },
        outcome: 'solved_by_phone',
        record: '出片偏淡，指导调整染色时间',
      },
      at1,
    );
    const due = await pending(wo.workOrderId);
    expect(due.map((f) => [f.key, f.earliest_at.toISOString(), f.due_at.toISOString()])).toEqual([
      ['d1', '2026-11-03T16:00:00.000Z', '2026-11-04T15:59:59.999Z'], // 2026-11-04 00:00–23:59:59.999 local
      ['t1', expect.any(String), expect.any(String)],
    ]);
    // Still poor the next day: another daily follow-up.
    const at2 = new Date(at1.getTime() + 25 * H); // 2026-11-04 07:00 local
    const d1 = due[0];
    await answer(
      env.database.db,
      me,
      d1.id,
      { version: d1.version, questionnaireId, answers: { device_state: 'normal', slide_quality: 'poor' }, outcome: 'solved_by_phone', record: '仍偏淡' },
      at2,
    );
    const [d2] = await pending(wo.workOrderId);
    expect(d2.key).toBe('d2');
    expect([d2.earliest_at.toISOString(), d2.due_at.toISOString()]).toEqual(['2026-11-04T16:00:00.000Z', '2026-11-05T15:59:59.999Z']);
    // Resolved: the second step of the repair cadence resumes from the resolution.
    const at3 = new Date(at2.getTime() + 24 * H);
    await answer(
      env.database.db,
      me,
      d2.id,
      { version: d2.version, questionnaireId, answers: { device_state: 'normal', slide_quality: 'normal' }, outcome: 'no_problem', record: '出片正常' },
      at3,
    );
    const after = await pending(wo.workOrderId);
    expect(after.map((f) => [f.key, f.earliest_at.toISOString(), f.due_at.toISOString()])).toEqual([
      ['s2', new Date(at3.getTime() + 48 * H).toISOString(), new Date(at3.getTime() + 7 * 24 * H).toISOString()],
      ['t1', new Date(T.getTime() + 21 * 24 * H).toISOString(), new Date(T.getTime() + 28 * 24 * H).toISOString()],
    ]);
    // The 跟踪回访单 numbers the records done.
    const numbers = await env.database.query<{ number: string }>(
      `select number from followups f join followup_plans p on p.id = f.plan_id where p.work_order_id = '${wo.workOrderId}' and number is not null order by done_at`,
    );
    expect(numbers.rows.map((r) => r.number)).toEqual([expect.stringMatching(/^HF-2026-\d{6}$/), expect.any(String), expect.any(String)]);
  });

  it('answering twice is refused; a stale version gets 409', async () => {
    const done = await env.database.query<{ id: string; version: number }>(
      `select f.id, f.version from followups f join followup_plans p on p.id = f.plan_id where p.work_order_id = '${wo.workOrderId}' and f.key = 's1'`,
    );
    const again = await dispatcher.post(
      `/api/v1/followups/${done.rows[0].id}/answer`,
      { version: done.rows[0].version, outcome: 'no_problem', record: 'x' },
      EN,
    );
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('followup_not_pending');
    const [s2] = await pending(wo.workOrderId);
    const stale = await dispatcher.post(`/api/v1/followups/${s2.id}/answer`, { version: s2.version + 5, outcome: 'no_problem', record: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.code).toBe('version_conflict');
  });

  it('not solvable by phone: escalated → the manager approves a plan → the customer is told, a repair request linked (R-FU-3)', async () => {
    const [s2] = await pending(wo.workOrderId);
    // Each caller's abilities on the follow-up, exactly as the step endpoints accept (issue 11 item 3).
    const abilities = async (c: Client) => (await c.get(`/api/v1/followups/${s2.id}`)).data.abilities;
    const none = { answer: false, approve: false, inform: false, review: false };
    expect(await abilities(dispatcher)).toEqual({ ...none, answer: true });
    expect(await abilities(manager)).toEqual({ ...none, answer: true });
    const noProblem = await dispatcher.post(`/api/v1/followups/${s2.id}/answer`, { version: s2.version, outcome: 'escalated', record: '客户反映报警' }, EN);
    expect(noProblem.statusCode).toBe(422);
    expect(noProblem.data.fields[0].field).toBe('problem');
    const esc = await dispatcher.post(`/api/v1/followups/${s2.id}/answer`, {
      version: s2.version,
      questionnaireId,
      answers: { device_state: 'abnormal', slide_quality: 'normal' },
      outcome: 'escalated',
      record: '设备偶发报警',
      problem: '加热模块偶发温度报警，电话指导无效',
      proposedPlan: '派工程师上门检查加热模块',
    });
    expect(esc.statusCode).toBe(200);
    expect(esc.data).toMatchObject({ status: 'escalated', outcome: 'escalated', visitorName: '李晓梅（客服）' });
    expect(esc.data.abilities).toEqual(none);
    expect(await abilities(manager)).toEqual({ ...none, approve: true, review: true });
    expect((await dispatcher.post(`/api/v1/followups/${s2.id}/answer`, { version: esc.data.version, outcome: 'no_problem', record: 'x' })).statusCode).toBe(
      409,
    );
    expect(await notified(env, 'followup_escalated', s2.id)).toEqual(['manager']);
    const inbox = await manager.get('/api/v1/notifications');
    expect(inbox.data.items.find((n: { refId: string }) => n.refId === s2.id).title).toMatch(/^回访问题待审批 HF-2026-/);

    expect((await dispatcher.post(`/api/v1/followups/${s2.id}/approve`, { version: esc.data.version, approvedPlan: 'x' })).statusCode).toBe(403);
    const early = await dispatcher.post(`/api/v1/followups/${s2.id}/inform`, { version: esc.data.version }, EN);
    expect(early.data.code).toBe('followup_not_approved');
    const ok = await manager.post(`/api/v1/followups/${s2.id}/approve`, { version: esc.data.version, approvedPlan: '同意，安排张伟明天上门' });
    expect(ok.data).toMatchObject({ status: 'approved', approvedByName: '王建国（售后服务经理）' });
    expect(await notified(env, 'followup_approved', s2.id)).toEqual(['dispatcher']);
    expect(ok.data.abilities).toEqual({ ...none, inform: true, review: true });
    expect(await abilities(dispatcher)).toEqual({ ...none, inform: true });
    expect((await manager.post(`/api/v1/followups/${s2.id}/approve`, { version: ok.data.version, approvedPlan: 'x' })).statusCode).toBe(409);

    const req = await dispatcher.post('/api/v1/requests', {
      deviceId: ok.data.deviceId,
      faultDescription: '回访发现：加热模块偶发温度报警',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
    });
    expect(req.statusCode).toBe(201);
    const told = await dispatcher.post(`/api/v1/followups/${s2.id}/inform`, { version: ok.data.version, requestId: req.data.id, note: '已电话告知王红' });
    expect(told.data).toMatchObject({ status: 'done', requestId: req.data.id });
    expect(told.data.customerInformedAt).not.toBeNull();
    expect(told.data.abilities).toEqual(none);
    expect((await dispatcher.post(`/api/v1/followups/${s2.id}/inform`, { version: told.data.version })).statusCode).toBe(409);
  });

  it('the department head reviews the 跟踪回访单 with guidance (R-FU-4)', async () => {
    const list = await manager.get('/api/v1/followups?scope=all&status=done&reviewed=false&pageSize=200');
    const rec = list.data.items.find((f: { workOrderId: string; key: string }) => f.workOrderId === wo.workOrderId && f.key === 's1');
    expect(rec).toMatchObject({ record: '出片偏淡，指导调整染色时间', visitorName: '李晓梅（客服）', customerName: expect.any(String) });
    expect(rec.abilities).toMatchObject({ answer: false, review: true });
    expect((await dispatcher.get(`/api/v1/followups/${rec.id}`)).data.abilities.review).toBe(false);
    expect((await dispatcher.post(`/api/v1/followups/${rec.id}/review`, { version: rec.version, guidance: 'x' })).statusCode).toBe(403);
    const r = await manager.post(`/api/v1/followups/${rec.id}/review`, { version: rec.version, guidance: '出片问题要跟踪到底，注意记录染色参数' });
    expect(r.data).toMatchObject({ guidance: '出片问题要跟踪到底，注意记录染色参数', reviewedByName: '王建国（售后服务经理）' });
    const pendingOne = (await pending(wo.workOrderId))[0];
    expect((await manager.get(`/api/v1/followups/${pendingOne.id}`)).data.abilities).toMatchObject({ answer: true, review: false });
    const notYet = await manager.post(`/api/v1/followups/${pendingOne.id}/review`, { version: pendingOne.version, guidance: 'x' }, EN);
    expect(notYet.data.code).toBe('followup_not_answered');
  });

  it('reminders: a follow-up whose window is open is announced to its assignee once', async () => {
    const n = await remindDue(env.database.db);
    expect(n).toBeGreaterThan(0);
    expect(await remindDue(env.database.db)).toBe(0);
    const [t1] = await pending(wo.workOrderId);
    expect(t1.key).toBe('t1');
  });
});

describe('rule sets: versioned, applied as they stood when the service happened (R-FU-1)', () => {
  it('only an admin adds a version; it cannot start in the past', async () => {
    const admin = await env.as('admin');
    const list = await admin.get('/api/v1/followups/rule-sets');
    const repair0 = list.data.items.find((r: { serviceType: string; versionNo: number }) => r.serviceType === 'repair' && r.versionNo === 0);
    expect(repair0).toMatchObject({ inForce: true, rules: { steps: [{ earliestHours: 0, dueHours: 48 }, expect.anything()] } });
    const rules = { ...repair0.rules, steps: [{ earliestHours: 0, dueHours: 24 }] };
    expect((await dispatcher.post('/api/v1/followups/rule-sets', { serviceType: 'repair', rules })).statusCode).toBe(403);
    const past = await admin.post('/api/v1/followups/rule-sets', { serviceType: 'repair', rules, effectiveFrom: '2020-01-01T00:00:00Z' }, EN);
    expect(past.statusCode).toBe(422);
    const bad = await admin.post('/api/v1/followups/rule-sets', { serviceType: 'repair', rules: { ...rules, standingWindowDays: -1 } });
    expect(bad.statusCode).toBe(400);
    const v1 = await admin.post('/api/v1/followups/rule-sets', { serviceType: 'repair', rules, note: '维修回访改为24小时内' });
    expect(v1.statusCode).toBe(201);
    expect(v1.data).toMatchObject({ versionNo: 1, inForce: true });

    // A repair completed before the new version keeps the defaults; one after gets version 1.
    const old = await closedRepair(env, dispatcher, 'ST5020-23-0220', new Date('2026-11-01T02:00:00Z'));
    const fresh = await closedRepair(env, dispatcher, 'ST5020-24-0376', new Date(Date.now() + 60_000));
    await planClosedWorkOrders(env.database.db);
    const plans = await env.database.query<{ work_order_id: string; rule_version_no: number }>(
      `select work_order_id, rule_version_no from followup_plans where work_order_id in ('${old.workOrderId}', '${fresh.workOrderId}')`,
    );
    const byWo = Object.fromEntries(plans.rows.map((r) => [r.work_order_id, r.rule_version_no]));
    expect(byWo).toEqual({ [old.workOrderId]: 0, [fresh.workOrderId]: 1 });
    const freshDue = await pending(fresh.workOrderId);
    expect(freshDue.map((f) => f.key)).toEqual(['s1', 't1']);
    expect(freshDue[0].due_at.getTime() - freshDue[0].earliest_at.getTime()).toBe(24 * H);
  });

  it('a standing cadence is planned by hand: warranty period with on-site and phone tracks', async () => {
    const device = { id: await deviceId(env, 'ST5020-26-0588') };
    const r = await dispatcher.post('/api/v1/followups/plans', {
      deviceId: device.id,
      serviceType: 'warranty_period',
      completedAt: '2026-05-20T02:00:00Z',
      endsAt: '2027-05-20T02:00:00Z',
    });
    expect(r.statusCode).toBe(201);
    const keys = await env.database.query<{ key: string; method: string; due_at: Date }>(
      `select key, method, due_at from followups where plan_id = '${r.data.id}' order by key`,
    );
    expect(keys.rows.map((k) => [k.key, k.method, new Date(k.due_at).toISOString()])).toEqual([
      ['o1', 'onsite', '2026-08-20T02:00:00.000Z'],
      ['p1', 'phone', '2026-06-20T02:00:00.000Z'],
    ]);
    expect(
      (await engineer.post('/api/v1/followups/plans', { deviceId: device.id, serviceType: 'repair', completedAt: '2026-05-20T02:00:00Z' })).statusCode,
    ).toBe(403);
  });
});

describe('questionnaires per device category and service type (R-FU-2)', () => {
  it('an admin adds one for CT installations; it is chosen over the generic one; bad ones are refused', async () => {
    const admin = await env.as('admin');
    const item = (key: string, zh: string) => ({ key, label: { 'zh-CN': zh, 'en-US': key }, kind: 'text' });
    const body = {
      code: 'ct-install',
      name: 'CT 装机回访',
      deviceCategories: ['ct'],
      serviceTypes: ['installation'],
      active: true,
      items: [
        item('image', '图像质量'),
        {
          key: 'quality',
          label: { 'zh-CN': '图像是否达到常规', 'en-US': 'Images as usual?' },
          kind: 'quality',
          options: [
            { value: 'normal', label: { 'zh-CN': '是', 'en-US': 'yes' } },
            { value: 'poor', label: { 'zh-CN': '否', 'en-US': 'no' } },
          ],
          required: true,
        },
      ],
    };
    expect((await dispatcher.post('/api/v1/followups/questionnaires', body)).statusCode).toBe(403);
    const bad = await admin.post('/api/v1/followups/questionnaires', { ...body, code: 'x1', items: [item('a', 'A'), item('a', 'B')] });
    expect(bad.statusCode).toBe(400);
    const r = await admin.post('/api/v1/followups/questionnaires', body);
    expect(r.statusCode).toBe(201);
    const dup = await admin.post('/api/v1/followups/questionnaires', body, EN);
    expect(dup.statusCode).toBe(409);
    expect(dup.data.fields[0].field).toBe('code');
    const off = await admin.patch(`/api/v1/followups/questionnaires/${r.data.id}`, { version: r.data.version, name: 'CT 安装回访' });
    expect(off.data).toMatchObject({ name: 'CT 安装回访', version: 2 });
    const stale = await admin.patch(`/api/v1/followups/questionnaires/${r.data.id}`, { version: 1, active: false });
    expect(stale.statusCode).toBe(409);

    const ct = { id: await deviceId(env, 'UCT760-23-1009') };
    const plan = await dispatcher.post('/api/v1/followups/plans', { deviceId: ct.id, serviceType: 'installation', completedAt: '2026-11-20T02:00:00Z' });
    const [s1] = (await env.database.query<{ id: string }>(`select id from followups where plan_id = '${plan.data.id}' and key = 's1'`)).rows;
    expect((await dispatcher.get(`/api/v1/followups/${s1.id}`)).data.questionnaire.code).toBe('ct-install');
    const repair = await dispatcher.post('/api/v1/followups/plans', { deviceId: ct.id, serviceType: 'repair', completedAt: '2026-11-20T02:00:00Z' });
    const [r1] = (await env.database.query<{ id: string }>(`select id from followups where plan_id = '${repair.data.id}' and key = 's1'`)).rows;
    expect((await dispatcher.get(`/api/v1/followups/${r1.id}`)).data.questionnaire.code).toBe('generic');
  });
});

describe('standing cadences for every accepted device (R-FU-1, seed 003 §6)', () => {
  it('under warranty: 3-monthly on site and monthly phone until the warranty ends; after it: 6-monthly, from now on; once per device', async () => {
    const now = new Date('2026-11-23T02:00:00Z');
    const n = await planStandingCadences(env.database.db, 'Asia/Shanghai', now);
    expect(n).toBeGreaterThan(5);
    expect(await planStandingCadences(env.database.db, 'Asia/Shanghai', now)).toBe(0);
    const plans = await env.database.query<{ serial_number: string; service_type: string; ends_at: Date | null }>(
      `select d.serial_number, p.service_type, p.ends_at from followup_plans p join devices d on d.id = p.device_id
       where p.service_type in ('warranty_period', 'post_warranty') order by d.serial_number, p.service_type`,
    );
    const byDevice = (serial: string) => plans.rows.filter((r) => r.serial_number === serial).map((r) => r.service_type);
    // A CT accepted 2025-11-05 (24 months): under warranty. A stainer accepted 2021: long after.
    expect(byDevice('UCT760-25-1290')).toEqual(['warranty_period']);
    expect(plans.rows.find((r) => r.serial_number === 'UCT760-25-1290')?.ends_at).toBeTruthy();
    expect(byDevice('ST5020-21-0031')).toEqual(['post_warranty']);
    const due = await env.database.query<{ key: string; due_at: Date }>(
      `select f.key, f.due_at from followups f join followup_plans p on p.id = f.plan_id join devices d on d.id = p.device_id
       where d.serial_number = 'ST5020-21-0031' and p.service_type = 'post_warranty' order by f.key`,
    );
    // Nothing years overdue: the next slots from today on.
    for (const f of due.rows) expect(new Date(f.due_at).getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(due.rows.map((f) => f.key[0]).sort()).toEqual(['o', 'p']);
    const again = await dispatcher.post(
      '/api/v1/followups/plans',
      { deviceId: await deviceId(env, 'UCT760-25-1290'), serviceType: 'warranty_period', completedAt: '2025-11-05T01:00:00Z' },
      EN,
    );
    expect(again.statusCode).toBe(409);
    expect(again.data.code).toBe('followup_plan_exists');
  });
});

describe('poor output quality is followed up the next calendar day (R-FU-1, seed 000 第二天, issue 10 item 1)', () => {
  it('answering "poor" now shows the next call due tomorrow, not overdue today, overdue the day after', async () => {
    const woP = await closedRepair(env, dispatcher, 'TP8000-22-0046', new Date(Date.now() - 2 * H));
    await planClosedWorkOrders(env.database.db);
    const [s1] = await pending(woP.workOrderId);
    expect(s1.key).toBe('s1');
    const a = await dispatcher.post(`/api/v1/followups/${s1.id}/answer`, {
      version: s1.version,
      quality: 'poor',
      outcome: 'solved_by_phone',
      record: '出片效果次于常规，指导调整',
    });
    expect(a.statusCode).toBe(200);
    const answered = DateTime.fromISO(a.data.doneAt).setZone('Asia/Shanghai');
    const tomorrow = answered.startOf('day').plus({ days: 1 });

    const list = await dispatcher.get('/api/v1/followups?scope=all&status=open&pageSize=200');
    const d1 = list.data.items.find((f: { workOrderId: string; key: string }) => f.workOrderId === woP.workOrderId && f.key === 'd1');
    expect(d1).toMatchObject({ overdue: false, earliestAt: tomorrow.toUTC().toISO(), dueAt: tomorrow.endOf('day').toUTC().toISO() });

    // Late tomorrow evening it is still on time; one millisecond into the day after it is overdue.
    const me = await principal(env, 'dispatcher');
    const at = async (t: DateTime) => {
      const { rows } = await listFollowUps(env.database.db, me, { scope: 'all', status: 'open', page: 1, pageSize: 500 }, t.toJSDate());
      const row = rows.find((r) => r.f.key === 'd1' && r.plan.workOrderId === woP.workOrderId);
      if (!row) throw new Error('d1 not listed');
      return followupView(row, null, t.toJSDate()).overdue;
    };
    expect(await at(tomorrow.set({ hour: 23, minute: 59 }))).toBe(false);
    expect(await at(tomorrow.plus({ days: 1 }))).toBe(true);
  });
});
