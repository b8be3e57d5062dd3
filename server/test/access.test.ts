// Authorization as a matrix: for each role and each endpoint, allowed or 403 (401 without a
// session); and a hospital user never reads another hospital's records (SPEC §1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../lib/access.ts';
import { type Client, createTestEnv, type TestEnv } from './harness.ts';

let env: TestEnv;
const clients = new Map<Role, Client>();
const usernameOf: Record<Role, string> = {
  admin: 'admin',
  service_manager: 'manager',
  dispatcher: 'dispatcher',
  engineer: 'engineer',
  technician: 'technician',
  technical_expert: 'expert',
  parts_admin: 'parts',
  quality: 'quality',
  sales: 'sales',
  finance: 'finance',
  executive: 'executive',
  customer_user: 'renhe',
};
const roles = Object.keys(usernameOf) as Role[];
let ref: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv();
  for (const role of roles) clients.set(role, await env.as(usernameOf[role]));
  const one = async (sql: string) => (await env.database.query<{ id: string }>(sql)).rows[0].id;
  ref = {
    rh: await one(`select id from customers where code = 'BJ-RH'`),
    rhDevice: await one(`select d.id from devices d join customers c on c.id = d.customer_id where c.code = 'BJ-RH' limit 1`),
    stainer: await one(`select id from device_models where code = 'ST-5020'`),
    user: await one(`select id from users where username = 'engineer'`),
  };
});
afterAll(() => env?.close());

type Case = { name: string; allowed: Role[] | 'all'; call: (c: Client, role: Role) => Promise<{ statusCode: number }> };
const uniq = (role: Role, p: string) => `${p}-${role}-${Math.random().toString(36).slice(2, 7)}`;
/** A validate-only import of a one-row CSV, as multipart/form-data. */
const sheetUpload = (kind: string, csv: string) => {
  const b = 'matrix-boundary';
  const payload = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`;
  return { method: 'POST' as const, url: `/api/v1/imports/${kind}?mode=validate`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
};

const cases: Case[] = [
  { name: 'GET /customers', allowed: 'all', call: (c) => c.get('/api/v1/customers') },
  {
    name: 'POST /customers',
    allowed: ['admin', 'service_manager', 'dispatcher', 'sales'],
    call: (c, r) => c.post('/api/v1/customers', { code: uniq(r, 'C'), name: '矩阵医院' }),
  },
  { name: 'GET /departments', allowed: 'all', call: (c) => c.get('/api/v1/departments') },
  {
    name: 'POST /sites',
    allowed: ['admin', 'service_manager', 'dispatcher', 'sales'],
    call: (c, r) => c.post('/api/v1/sites', { customerId: ref.rh, name: uniq(r, 'S') }),
  },
  { name: 'GET /device-models', allowed: 'all', call: (c) => c.get('/api/v1/device-models') },
  {
    name: 'POST /device-models',
    allowed: ['admin', 'service_manager', 'quality'],
    call: (c, r) => c.post('/api/v1/device-models', { code: uniq(r, 'M'), name: '型号', category: 'other', regulatoryClass: 'II' }),
  },
  { name: 'GET /devices', allowed: 'all', call: (c) => c.get('/api/v1/devices') },
  { name: 'GET /devices/:id', allowed: 'all', call: (c) => c.get(`/api/v1/devices/${ref.rhDevice}`) },
  {
    name: 'POST /devices',
    allowed: ['admin', 'service_manager', 'dispatcher', 'engineer'],
    call: (c, r) => c.post('/api/v1/devices', { serialNumber: uniq(r, 'SN'), modelId: ref.stainer, customerId: ref.rh }),
  },
  { name: 'GET /contracts', allowed: 'all', call: (c) => c.get('/api/v1/contracts') },
  {
    name: 'POST /contracts',
    allowed: ['admin', 'service_manager', 'sales', 'finance'],
    call: (c, r) => c.post('/api/v1/contracts', { number: uniq(r, 'HT'), customerId: ref.rh, kind: 'paid', startDate: '2026-01-01', endDate: '2026-12-31' }),
  },
  { name: 'GET /customers/export', allowed: 'all', call: (c) => c.get('/api/v1/customers/export') },
  { name: 'GET /devices/export', allowed: 'all', call: (c) => c.get('/api/v1/devices/export') },
  { name: 'GET /contracts/export', allowed: 'all', call: (c) => c.get('/api/v1/contracts/export') },
  {
    name: 'GET /imports/templates/customers',
    allowed: ['admin', 'service_manager', 'dispatcher', 'sales'],
    call: (c) => c.get('/api/v1/imports/templates/customers'),
  },
  { name: 'GET /imports/templates/devices', allowed: ['admin', 'service_manager', 'dispatcher'], call: (c) => c.get('/api/v1/imports/templates/devices') },
  {
    name: 'POST /imports/customers',
    allowed: ['admin', 'service_manager', 'dispatcher', 'sales'],
    call: (c, r) => c.raw(sheetUpload('customers', `code,name\n${uniq(r, 'IMP')},矩阵医院\n`)),
  },
  {
    name: 'POST /imports/devices',
    allowed: ['admin', 'service_manager', 'dispatcher'],
    call: (c, r) => c.raw(sheetUpload('devices', `serialNumber,modelCode,customerCode\n${uniq(r, 'SN')},ST-5020,BJ-RH\n`)),
  },
  { name: 'GET /users', allowed: ['admin'], call: (c) => c.get('/api/v1/users') },
  { name: 'GET /users/:id', allowed: ['admin'], call: (c) => c.get(`/api/v1/users/${ref.user}`) },
  {
    name: 'POST /users',
    allowed: ['admin'],
    call: (c, r) => c.post('/api/v1/users', { username: uniq(r, 'u'), displayName: 'U', roles: ['engineer'], password: 'Matrix-pass-2026' }),
  },
  { name: 'GET /audit', allowed: ['admin', 'quality'], call: (c) => c.get('/api/v1/audit') },
  { name: 'GET /audit/verify', allowed: ['admin', 'quality'], call: (c) => c.get('/api/v1/audit/verify') },
];

describe('role × endpoint matrix', () => {
  for (const k of cases) {
    it(`${k.name}: ${k.allowed === 'all' ? 'every role' : k.allowed.join(', ')} allowed, others 403, anonymous 401`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number | string> = {};
      for (const role of roles) {
        const status = (await k.call(clients.get(role) as Client, role)).statusCode;
        const allowed = k.allowed === 'all' || k.allowed.includes(role);
        got[role] = allowed ? (status >= 200 && status < 300 ? 1 : status) : status;
        want[role] = allowed ? 1 : 403;
      }
      expect(got).toEqual(want);
      expect((await k.call(env.anonymous(), 'admin')).statusCode).toBe(401);
    });
  }
});

describe('a hospital user sees only their own hospital', () => {
  it('every record of another hospital is 404 to them, by id, and absent from lists, filters and search', async () => {
    const renhe = clients.get('customer_user') as Client;
    const other = await env.database.query<{ kind: string; id: string }>(`
      select 'customers' as kind, id::text from customers where code <> 'BJ-RH'
      union all select 'departments', d.id::text from departments d join customers c on c.id = d.customer_id where c.code <> 'BJ-RH'
      union all select 'sites', s.id::text from sites s join customers c on c.id = s.customer_id where c.code <> 'BJ-RH'
      union all select 'contacts', k.id::text from contacts k join customers c on c.id = k.customer_id where c.code <> 'BJ-RH'
      union all select 'devices', d.id::text from devices d join customers c on c.id = d.customer_id where c.code <> 'BJ-RH'
      union all select 'contracts', k.id::text from contracts k join customers c on c.id = k.customer_id where c.code <> 'BJ-RH'`);
    expect(other.rows.length).toBeGreaterThan(40);
    for (const { kind, id } of other.rows) {
      const r = await renhe.get(`/api/v1/${kind}/${id}`);
      expect(r.statusCode, `${kind}/${id}`).toBe(404);
      if (kind === 'devices') expect((await renhe.get(`/api/v1/devices/${id}/coverage`)).statusCode).toBe(404);
    }
    const rk = other.rows.find((r) => r.kind === 'customers')?.id;
    for (const path of ['customers', 'departments', 'sites', 'contacts', 'devices', 'contracts']) {
      const all = await renhe.get(`/api/v1/${path}?pageSize=200`);
      expect(all.statusCode).toBe(200);
      const owners = new Set(all.data.items.map((x: { customerId?: string; id: string }) => (path === 'customers' ? x.id : x.customerId)));
      expect([...owners]).toEqual([ref.rh]);
      if (path !== 'customers') expect((await renhe.get(`/api/v1/${path}?customerId=${rk}`)).data.total).toBe(0);
    }
    expect((await renhe.get('/api/v1/devices?q=瑞康')).data.total).toBe(0);
    // Another hospital's contract by its number and by its hospital's name (not "SH": a contract this
    // file creates for 仁和 has a random base-36 suffix that can hold those letters).
    expect((await renhe.get('/api/v1/contracts?q=YB-2024-002')).data.total).toBe(0);
    expect((await renhe.get('/api/v1/contracts?q=瑞康')).data.total).toBe(0);
  });

  it('they cannot write the registry even for their own hospital', async () => {
    const renhe = clients.get('customer_user') as Client;
    expect((await renhe.post('/api/v1/departments', { customerId: ref.rh, name: '新科室' })).statusCode).toBe(403);
    const d = (await renhe.get(`/api/v1/devices/${ref.rhDevice}`)).data.device;
    expect((await renhe.patch(`/api/v1/devices/${ref.rhDevice}`, { version: d.version, location: 'x' })).statusCode).toBe(403);
  });
});
