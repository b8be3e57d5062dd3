// Stories of what GET /auth/me tells the web the user may do (issue 11 item 3): the abilities
// are the modules' policies evaluated for the caller, so the UI never copies a role list.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { POLICIES } from './abilities.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

const abilitiesOf = async (username: string): Promise<Record<string, boolean>> => {
  const me = await (await env.as(username)).get('/api/v1/auth/me');
  expect(me.statusCode).toBe(200);
  return me.data.abilities;
};

/** Every exported `…Policy` object of every module, found on disk (as the access matrix does). */
async function policiesOnDisk(): Promise<Map<string, Record<string, unknown>>> {
  const dir = path.resolve(import.meta.dirname, '../modules');
  const out = new Map<string, Record<string, unknown>>();
  for (const m of readdirSync(dir))
    for (const f of readdirSync(path.join(dir, m)).filter((x) => /\.(policy|routes)\.ts$/.test(x))) {
      const mod = (await import(path.join(dir, m, f))) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod))
        if (name.endsWith('Policy') && v && typeof v === 'object' && Object.values(v).every(Array.isArray))
          out.set(`${m}/${name}`, v as Record<string, unknown>);
    }
  return out;
}

describe('abilities of the signed-in user', () => {
  it("a dispatcher's abilities follow the policies: dispatching and pausing yes, keeping parts and managing users no", async () => {
    const a = await abilitiesOf('dispatcher');
    expect(a).toMatchObject({
      'workorders.dispatch': true,
      'workorders.review': true,
      'requests.pause': true,
      'dispatch.board': true,
      'parts.read': true,
      'parts.receive': false,
      'parts.stocktake': false,
      'catalog.update': false,
      'users.list': false,
      'audit.read': false,
      'workorders.myWork': false,
      'workorders.pay': false,
    });
  });

  it("a hospital user's abilities are only the portal ones", async () => {
    const a = await abilitiesOf('renhe');
    const granted = Object.entries(a)
      .filter(([, v]) => v)
      .map(([k]) => k)
      .sort();
    const portal = Object.entries(POLICIES)
      .flatMap(([m, p]) => Object.entries(p).map(([action, roles]) => [`${m}.${action}`, roles as readonly string[]] as const))
      .filter(([, roles]) => roles.includes('customer_user'))
      .map(([k]) => k)
      .sort();
    expect(granted).toEqual(portal);
    // The portal: report a fault, sign the report, read one's own records and answer surveys.
    expect(granted).toEqual(expect.arrayContaining(['requests.register', 'workorders.sign', 'workorders.read', 'surveys.answer', 'devices.read']));
    for (const staffOnly of ['workorders.dispatch', 'parts.read', 'sla.read', 'requests.readLoanerPool', 'workorders.goodsRegister'])
      expect(a[staffOnly], staffOnly).toBe(false);
  });

  it('every action of every module policy appears as a key, for every role', async () => {
    const registered = new Set<unknown>(Object.values(POLICIES));
    const missing = [...(await policiesOnDisk())].filter(([, p]) => !registered.has(p)).map(([name]) => name);
    expect(missing, 'policies not listed in server/http/abilities.ts POLICIES').toEqual([]);
    const expected = Object.entries(POLICIES)
      .flatMap(([m, p]) => Object.keys(p).map((a) => `${m}.${a}`))
      .sort();
    for (const username of ['admin', 'engineer', 'renhe']) expect(Object.keys(await abilitiesOf(username)).sort()).toEqual(expected);
    // The admin holds every ability but the service manager's own approvals, field work and the
    // regulatory acts that are quality's (issue 14): the signature that releases a safety hold
    // (R-REG-1), the adverse-event decisions and reports (R-REG-2), closing a recall (R-REG-3) and
    // inspecting / deciding a return (R-REG-4); a branch's daily report is signed by its own
    // manager and received by head office's managers (R-ORG-1); writing and reviewing the service
    // handbook (R-KB-1: the people who solve problems write, an expert / quality / the service manager reviews).
    const admin = await abilitiesOf('admin');
    expect(
      Object.keys(admin)
        .filter((k) => !admin[k])
        .sort(),
    ).toEqual([
      // The monthly appraisal is the service manager's assessment and the employee's acknowledgement (R-AP-1).
      'appraisals.acknowledge',
      'appraisals.addItem',
      'appraisals.assess',
      'appraisals.generate',
      'campaigns.close',
      'escalations.answer',
      'handbook.review',
      'handbook.write',
      'holds.release',
      'parts.approvePlan',
      'quotes.answer',
      'quotes.decideExclusion',
      'quotes.manage',
      'quotes.proposeExclusion',
      'quotes.recordAcceptance',
      'quotes.respond',
      'returns.decide',
      'returns.inspect',
      // An adverse event's notice is answered by quality alone, also from the shared notice list (R-REG-2).
      'returns.replyEventNotice',
      'units.receiveBranchReport',
      'units.signBranchReport',
      'vigilance.close',
      'vigilance.decide',
      'vigilance.followUp',
      'vigilance.notifySupplier',
      'vigilance.reviewCluster',
      'vigilance.submit',
      // Cash collected on site is recorded by the engineer on the job; the admin records any payment (pay).
      'workorders.collect',
      'workorders.myWork',
      'workorders.review',
    ]);
  });

  it('logging in returns the same abilities as /auth/me', async () => {
    const login = await env.anonymous().post('/api/v1/auth/login', { username: 'engineer', password: DEMO_PASSWORD });
    expect(login.statusCode).toBe(200);
    expect(login.data.abilities).toEqual(await abilitiesOf('engineer'));
    expect(login.data.abilities['workorders.myWork']).toBe(true);
  });

  it('login and /auth/me name the company’s business time zone, so the browser offers the company’s today', async () => {
    const login = await env.anonymous().post('/api/v1/auth/login', { username: 'engineer', password: DEMO_PASSWORD });
    expect(login.data.timeZone).toBe('Asia/Shanghai');
    expect((await (await env.as('engineer')).get('/api/v1/auth/me')).data.timeZone).toBe('Asia/Shanghai');
  });
});
