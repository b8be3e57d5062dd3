// Stories of maintaining customers, departments, sites and contacts (SPEC §2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let dispatcher: Client;
let admin: Client;
beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await env.as('dispatcher');
  admin = await env.as('admin');
});
afterAll(() => env?.close());

const auditCount = async () => Number((await env.database.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0].n);

describe('customers', () => {
  it('a dispatcher registers a hospital with a department and a remote site, then finds it by city', async () => {
    const c = await dispatcher.post('/api/v1/customers', { code: 'XJ-01', name: '新疆天山医院', kind: 'hospital', city: '乌鲁木齐', grade: '三级甲等' });
    expect(c.statusCode).toBe(201);
    expect(c.data.version).toBe(1);
    const d = await dispatcher.post('/api/v1/departments', { customerId: c.data.id, name: '病理科' });
    const s = await dispatcher.post('/api/v1/sites', { customerId: c.data.id, name: '本部', regionClass: 'remote' });
    expect([d.statusCode, s.statusCode]).toEqual([201, 201]);
    const found = await dispatcher.get('/api/v1/customers?q=乌鲁木齐');
    expect(found.data.items.map((x: { code: string }) => x.code)).toEqual(['XJ-01']);
    const sites = await dispatcher.get(`/api/v1/sites?customerId=${c.data.id}&regionClass=remote`);
    expect(sites.data.total).toBe(1);
  });

  it('a customer code is unique regardless of case, with a field error and no audit entry left behind', async () => {
    const before = await auditCount();
    const r = await dispatcher.post('/api/v1/customers', { code: 'bj-rh', name: '重复' });
    expect(r.statusCode).toBe(409);
    expect(r.data.code).toBe('duplicate');
    expect(r.data.fields).toEqual([{ field: 'code', code: 'duplicate', message: '已存在' }]);
    expect(r.data.detail).toContain('编号');
    expect(await auditCount()).toBe(before);
  });

  it('bad input gets a specific 400 and changes nothing: unknown field, wrong type, empty name, bad id, control characters', async () => {
    const before = await auditCount();
    const unknown = await dispatcher.post('/api/v1/customers', { code: 'Z1', name: 'Z', colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data.fields).toContainEqual(expect.objectContaining({ field: 'colour', code: 'unrecognized_keys' }));
    const wrongType = await dispatcher.post('/api/v1/customers', { code: 'Z1', name: 42 }, { 'accept-language': 'en-US' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.data.fields[0]).toMatchObject({ field: 'name', code: 'invalid_type' });
    expect(wrongType.data.detail).toBe('The input is invalid; check the fields marked.');
    const empty = await dispatcher.post('/api/v1/customers', { code: 'Z1', name: '   ' });
    expect(empty.data.fields[0]).toMatchObject({ field: 'name', code: 'too_small' });
    const nul = await dispatcher.post('/api/v1/customers', { code: 'Z1', name: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    const badId = await dispatcher.get('/api/v1/customers/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    const missing = await dispatcher.get('/api/v1/customers/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    const badSort = await dispatcher.get('/api/v1/customers?sort=password');
    expect(badSort.statusCode).toBe(400);
    const malformed = await dispatcher.raw({ method: 'POST', url: '/api/v1/customers', payload: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.code).toBe('invalid_json');
    const huge = await dispatcher.post('/api/v1/customers', { code: 'Z2', name: 'x', notes: 'x'.repeat(1_100_000) });
    expect(huge.statusCode).toBe(413);
    expect(await auditCount()).toBe(before);
  });

  it('search text is taken literally: % and _ match themselves, quotes do no harm', async () => {
    for (const q of ['%', '_', "'; drop table customers; --", '\\']) {
      const r = await dispatcher.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(r.statusCode).toBe(200);
      expect(r.data.total).toBe(0);
    }
    expect((await dispatcher.get('/api/v1/customers')).data.total).toBeGreaterThanOrEqual(6);
  });

  it('lists sort both ways and page', async () => {
    const asc = await dispatcher.get('/api/v1/customers?sort=code&pageSize=2&page=1');
    const desc = await dispatcher.get('/api/v1/customers?sort=-code&pageSize=2');
    expect(asc.data.items).toHaveLength(2);
    expect(asc.data.items[0].code < asc.data.items[1].code).toBe(true);
    expect(desc.data.items[0].code > desc.data.items[1].code).toBe(true);
    const page2 = await dispatcher.get('/api/v1/customers?sort=code&pageSize=2&page=2');
    expect(page2.data.items[0].code > asc.data.items[1].code).toBe(true);
    expect(page2.data.total).toBe(asc.data.total);
  });

  it('an update needs the version read; the second of two editors gets 409 and the first edit stands', async () => {
    const c = await dispatcher.post('/api/v1/customers', { code: 'V-1', name: '版本医院' });
    const a = await dispatcher.patch(`/api/v1/customers/${c.data.id}`, { version: 1, phone: '010-1' });
    const b = await admin.patch(`/api/v1/customers/${c.data.id}`, { version: 1, phone: '010-2' });
    expect(a.statusCode).toBe(200);
    expect(a.data.version).toBe(2);
    expect(b.statusCode).toBe(409);
    expect(b.data.currentVersion).toBe(2);
    expect((await admin.get(`/api/v1/customers/${c.data.id}`)).data.phone).toBe('010-1');
  });

  it('concurrent updates with one version: exactly one wins', async () => {
    const c = await dispatcher.post('/api/v1/customers', { code: 'V-2', name: '并发医院' });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => dispatcher.patch(`/api/v1/customers/${c.data.id}`, { version: 1, notes: `edit ${i}` })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
    const history = await admin.get(`/api/v1/audit?entity=customer&entityId=${c.data.id}`);
    expect(history.data.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
  });

  it('a customer with devices cannot be deleted; an empty one can, by a manager, and the trail keeps it', async () => {
    const manager = await env.as('manager');
    const withDevices = (await manager.get('/api/v1/customers?q=BJ-RH')).data.items[0];
    const refused = await manager.delete(`/api/v1/customers/${withDevices.id}?version=${withDevices.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.data.code).toBe('in_use');
    const c = await dispatcher.post('/api/v1/customers', { code: 'DEL-1', name: '待删除' });
    expect((await dispatcher.delete(`/api/v1/customers/${c.data.id}?version=1`)).statusCode).toBe(403);
    expect((await manager.delete(`/api/v1/customers/${c.data.id}?version=1`)).statusCode).toBe(204);
    const trail = await admin.get(`/api/v1/audit?entity=customer&entityId=${c.data.id}`);
    expect(trail.data.items[0]).toMatchObject({ action: 'delete', before: { code: 'DEL-1' }, after: null });
  });

  it('a contact may only name a department of its own customer', async () => {
    const rh = (await admin.get('/api/v1/customers?q=BJ-RH')).data.items[0];
    const rk = (await admin.get('/api/v1/customers?q=SH-RK')).data.items[0];
    const rkDept = (await admin.get(`/api/v1/departments?customerId=${rk.id}`)).data.items[0];
    const r = await dispatcher.post('/api/v1/contacts', { customerId: rh.id, departmentId: rkDept.id, name: '错科室' });
    expect(r.statusCode).toBe(422);
    expect(r.data.code).toBe('customer_mismatch');
    const dup = await dispatcher.post('/api/v1/departments', { customerId: rh.id, name: '病理科' });
    expect(dup.statusCode).toBe(409);
  });
});
