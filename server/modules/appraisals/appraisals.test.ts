// Monthly appraisal stories (月度考核, R-AP-1; seed 002 §17): the service manager draws up April
// 2031 — a 乐捐 per verified complaint, doubled for a repeat, the team lead's when no one is
// responsible, nothing for an unfounded one; a second run adds nothing; a reward for an
// improvement; the assessment; the employee's acknowledgement, after which nothing changes;
// field staff see only their own; bad input and stale versions are refused; every write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { count, one, userId } from '../../test/service.ts';

let env: TestEnv;
let manager: Client;
let engineer: Client;
let engineer2: Client;
let renhe: Client;
let managerId: string;
let engineerId: string;
const MONTH = '2031-04';

const exec = (q: string) => env.database.db.execute(q as never);

async function complaint(n: number, opts: { substantiated: boolean | null; responsible: string | null; repeatOf?: string }) {
  const id = (await one<{ id: string }>(env, 'select gen_random_uuid()::text id')).id;
  const customer = (await one<{ id: string }>(env, `select customer_id::text id from users where username = 'renhe'`)).id;
  await exec(`insert into complaints (id, number, status, channel, received_at, customer_id, complainant_name, matter, substantiated, responsible_id, repeat_of_id)
    select '${id}', 'TS-KH-${n}', 'verified', channel, '2031-04-0${n} 10:00+08', '${customer}', '王红', '考核测试投诉 ${n}',
      ${opts.substantiated === null ? 'null' : opts.substantiated}, ${opts.responsible ? `'${opts.responsible}'` : 'null'}, ${opts.repeatOf ? `'${opts.repeatOf}'` : 'null'}
    from (select 'hotline'::complaint_channel channel) c`);
  return id;
}

beforeAll(async () => {
  env = await createTestEnv();
  [manager, engineer, engineer2, renhe] = await Promise.all(['manager', 'engineer', 'engineer2', 'renhe'].map((u) => env.as(u)));
  managerId = await userId(env, 'manager');
  engineerId = await userId(env, 'engineer');
  const first = await complaint(1, { substantiated: true, responsible: engineerId });
  await complaint(2, { substantiated: true, responsible: engineerId, repeatOf: first });
  await complaint(3, { substantiated: true, responsible: null });
  await complaint(4, { substantiated: false, responsible: engineerId });
}, 300_000);
afterAll(() => env?.close());

const mine = async (c: Client, who: string) => {
  const r = await c.get(`/api/v1/appraisals?month=${MONTH}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.data.items.find((a: { engineerId: string }) => a.engineerId === who);
};

describe('the month is drawn up with its 乐捐 (seed 002 §17)', () => {
  it('a verified complaint costs 100, its repeat 200, one with no one responsible falls on the team lead; an unfounded one costs nothing', async () => {
    const r = await manager.post('/api/v1/appraisals/generate', { month: MONTH, teamLeadId: managerId });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.penalties).toBe(3);
    const zhang = await mine(manager, engineerId);
    expect(zhang.status).toBe('draft');
    expect(zhang.penaltyTotal).toBe(300);
    expect(zhang.items.map((i: { amount: number; repeat: boolean }) => [i.amount, i.repeat]).sort()).toEqual([
      [100, false],
      [200, true],
    ]);
    const lead = await mine(manager, managerId);
    expect(lead.penaltyTotal).toBe(100);
    expect(lead.items[0].reason).toContain('由组长承担');
  });

  it('a second run adds nothing', async () => {
    const before = await count(env, `select count(*) n from appraisal_items`);
    const r = await manager.post('/api/v1/appraisals/generate', { month: MONTH, teamLeadId: managerId });
    expect(r.data).toEqual({ created: 0, penalties: 0 });
    expect(await count(env, `select count(*) n from appraisal_items`)).toBe(before);
  });

  it('a team lead who is a hospital user is refused (422); a bad month is 400; an engineer may not draw up', async () => {
    const hospital = await userId(env, 'renhe');
    const r = await manager.post('/api/v1/appraisals/generate', { month: MONTH, teamLeadId: hospital });
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('appraisal_team_lead_invalid');
    expect((await manager.post('/api/v1/appraisals/generate', { month: '2031-13', teamLeadId: managerId })).statusCode).toBe(400);
    expect((await engineer.post('/api/v1/appraisals/generate', { month: MONTH, teamLeadId: managerId })).statusCode).toBe(403);
  });
});

describe('reward, assessment, acknowledgement (R-AP-1)', () => {
  it('field staff see only their own; a hospital user nothing', async () => {
    const list = await engineer.get(`/api/v1/appraisals?month=${MONTH}`);
    expect(list.data.items.map((a: { engineerId: string }) => a.engineerId)).toEqual([engineerId]);
    const zhang = list.data.items[0];
    expect((await engineer2.get(`/api/v1/appraisals/${zhang.id}`)).statusCode).toBe(404);
    expect((await renhe.get(`/api/v1/appraisals?month=${MONTH}`)).statusCode).toBe(403);
  });

  it('not before the assessment; the reward and the assessment; only he acknowledges; then nothing changes', async () => {
    let a = await mine(manager, engineerId);
    const early = await engineer.post(`/api/v1/appraisals/${a.id}/acknowledge`, { version: a.version });
    expect(early.statusCode).toBe(422);
    expect(early.data.code).toBe('appraisal_not_assessed');
    const reward = await manager.post(`/api/v1/appraisals/${a.id}/items`, {
      version: a.version,
      kind: 'reward',
      reason: '提出的优化措施效果显著',
      amount: 200,
    });
    expect(reward.statusCode, reward.body).toBe(200);
    expect(reward.data.rewardTotal).toBe(200);
    expect((await manager.post(`/api/v1/appraisals/${a.id}/assess`, { version: a.version, supervisorScore: 85, comment: '认真负责' })).statusCode).toBe(409);
    expect((await manager.post(`/api/v1/appraisals/${a.id}/assess`, { version: reward.data.version, supervisorScore: 101, comment: 'x' })).statusCode).toBe(
      400,
    );
    const assessed = await manager.post(`/api/v1/appraisals/${a.id}/assess`, { version: reward.data.version, supervisorScore: 85, comment: '认真负责' });
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect(assessed.data.status).toBe('assessed');
    // No KPIs or ratings in April 2031: the score is the supervisor's alone.
    expect(assessed.data.score).toBe(85);
    a = assessed.data;
    expect((await engineer2.post(`/api/v1/appraisals/${a.id}/acknowledge`, { version: a.version })).statusCode).toBe(403);
    const view = await engineer.get(`/api/v1/appraisals/${a.id}`);
    expect(view.data.abilities).toEqual({ assess: false, addItem: false, acknowledge: true });
    const ack = await engineer.post(`/api/v1/appraisals/${a.id}/acknowledge`, { version: a.version, note: '无异议' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.data.status).toBe('acknowledged');
    const late = await manager.post(`/api/v1/appraisals/${a.id}/items`, { version: ack.data.version, kind: 'penalty', reason: '补扣', amount: 50 });
    expect(late.statusCode).toBe(422);
    expect(late.data.code).toBe('appraisal_acknowledged');
    expect(await count(env, `select count(*) n from audit_log where entity = 'appraisal' and entity_id = '${a.id}'`)).toBeGreaterThanOrEqual(4);
  });
});
