// Stories of the morning after (SPEC R-DSP-1) at fixed instants: a request still undispatched
// at close of business is flagged, and the dispatchers and the service manager are told once,
// when the next working day of the business calendar opens — not at night, not on the
// weekend or a public holiday, and not at all when it was dispatched before the opening.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../jobs/sweeps.ts';
import type { Principal } from '../../lib/access.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { at, count, deviceId, iso, notified, one, principal } from '../../test/service.ts';
import { dispatch } from '../workorders/index.ts';

let env: TestEnv;
let dispatcher: Client;
let p: Record<'dispatcher' | 'engineer', Principal>;

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  p = { dispatcher: await principal(env, 'dispatcher'), engineer: await principal(env, 'engineer') };
});
afterAll(() => env?.close());

const db = () => env.database.db;
async function register(serial: string, receivedLocal: string) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '开机自检失败',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
    receivedAt: iso(receivedLocal),
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.data as { id: string; workOrderId: string };
}
const notices = (id: string) => count(env, `select count(*)::int as n from notifications where kind = 'priority_dispatch' and ref_id = '${id}'`);

describe('flagged at close of business, announced at the next opening (R-DSP-1)', () => {
  it('Friday’s leftover reaches the dispatchers and the service manager at 08:30 on Monday, once', async () => {
    const r = await register('SV600-25-2201', '2026-11-20 15:00');
    await sweep(db(), at('2026-11-20 17:30'));
    expect((await dispatcher.get(`/api/v1/requests/${r.id}`)).data.priorityDispatch).toBe(true);
    expect((await sweep(db(), at('2026-11-20 23:00'))).morningNotified).toBe(0);
    expect((await sweep(db(), at('2026-11-21 09:00'))).morningNotified).toBe(0); // Saturday
    expect((await sweep(db(), at('2026-11-23 08:29'))).morningNotified).toBe(0);
    expect((await sweep(db(), at('2026-11-23 08:30'))).morningNotified).toBe(1);
    const to = await notified(env, 'priority_dispatch', r.id);
    expect(to).toEqual(expect.arrayContaining(['dispatcher', 'manager']));
    expect(to).not.toContain('engineer');
    expect((await sweep(db(), at('2026-11-23 08:31'))).morningNotified).toBe(0);
    expect((await sweep(db(), at('2026-11-24 08:30'))).morningNotified).toBe(0);
    expect(await notices(r.id)).toBe(to.length);
    const inbox = (await dispatcher.get('/api/v1/notifications', { 'accept-language': 'en-US' })).data.items;
    expect(inbox).toContainEqual(expect.objectContaining({ kind: 'priority_dispatch', refId: r.id, title: expect.stringContaining('Dispatch first') }));
    const row = await one<{ priority_notified_at: Date }>(env, `select priority_notified_at from service_requests where id = '${r.id}'`);
    expect(new Date(row.priority_notified_at).toISOString()).toBe(iso('2026-11-23 08:30'));
  });

  it('the sweep down overnight: the notice goes out when it runs again, still once', async () => {
    const r = await register('PM9000-26-0301', '2026-11-10 16:00');
    expect((await sweep(db(), at('2026-11-11 10:15'))).morningNotified).toBe(1); // flag and notice in one late run
    expect((await sweep(db(), at('2026-11-11 10:16'))).morningNotified).toBe(0);
    expect(await notices(r.id)).toBeGreaterThan(0);
  });

  it('over the National Day holiday the notice waits for the first working day', async () => {
    const r = await register('ST5020-21-0031', '2026-09-30 16:30');
    await sweep(db(), at('2026-09-30 17:30'));
    expect((await sweep(db(), at('2026-10-01 08:30'))).morningNotified).toBe(0);
    expect((await sweep(db(), at('2026-10-07 08:30'))).morningNotified).toBe(0);
    expect((await sweep(db(), at('2026-10-08 08:30'))).morningNotified).toBe(1);
    expect(await notices(r.id)).toBeGreaterThan(0);
  });

  it('dispatched before the opening: no notice', async () => {
    const r = await register('TP8000-24-0107', '2026-11-12 17:00');
    await sweep(db(), at('2026-11-12 17:30'));
    const v = (await one<{ version: number }>(env, `select version from work_orders where id = '${r.workOrderId}'`)).version;
    await dispatch(db(), p.dispatcher, r.workOrderId, { version: v, leadEngineerId: p.engineer.id, helperIds: [] }, at('2026-11-13 08:00'));
    expect((await sweep(db(), at('2026-11-13 08:30'))).morningNotified).toBe(0);
    expect(await notices(r.id)).toBe(0);
  });

  it('each notice is audited and the chain verifies', async () => {
    const admin = await env.as('admin');
    const trail = await admin.get('/api/v1/audit?entity=service_request&pageSize=200');
    expect(trail.data.items.filter((e: { action: string }) => e.action === 'priority_notified')).toHaveLength(3);
    expect((await admin.get('/api/v1/audit/verify')).data.ok).toBe(true);
  });
});
