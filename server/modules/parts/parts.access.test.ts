// Who may do what with spare parts (SPEC §1, §6): every role against each endpoint —
// allowed, or 403; anonymous 401. Hospital users see nothing of the stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../lib/access.ts';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { idOf } from './parts.fixtures.ts';

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
const STAFF = roles.filter((r) => r !== 'customer_user');
let ref: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv();
  for (const role of roles) clients.set(role, await env.as(usernameOf[role]));
  ref = {
    central: await idOf(env, 'warehouses', 'WH-CENTRAL'),
    emergency: await idOf(env, 'warehouses', 'WH-EMERGENCY'),
    filter: await idOf(env, 'parts', 'BJ-CT-FILTER'),
    supplier: await idOf(env, 'suppliers', 'SUP-LK'),
  };
});
afterAll(() => env?.close());

const uniq = (role: Role, p: string) => `${p}-${role}-${Math.random().toString(36).slice(2, 7)}`;
const keeper = () => clients.get('parts_admin') as Client;

async function submittedPlan() {
  const p = await keeper().post('/api/v1/parts/purchase-plans', { lines: [{ partId: ref.filter, qty: 5 }] });
  const s = await keeper().post(`/api/v1/parts/purchase-plans/${p.data.id}/submit`, { version: p.data.version });
  return s.data as { id: string; version: number };
}
async function submittedSheet(role: Role) {
  const w = await keeper().post('/api/v1/parts/warehouses', { code: uniq(role, 'WH'), name: '矩阵仓库', kind: 'central' });
  const s = await keeper().post('/api/v1/parts/stocktakes', { warehouseId: w.data.id });
  const sub = await keeper().post(`/api/v1/parts/stocktakes/${s.data.id}/submit`, { version: s.data.version });
  return sub.data as { id: string; version: number };
}

type Case = { name: string; allowed: Role[]; call: (c: Client, role: Role) => Promise<{ statusCode: number }> };
const cases: Case[] = [
  { name: 'GET /parts/catalog', allowed: STAFF, call: (c) => c.get('/api/v1/parts/catalog') },
  { name: 'POST /parts/catalog', allowed: ['admin', 'parts_admin'], call: (c, r) => c.post('/api/v1/parts/catalog', { code: uniq(r, 'P'), name: '矩阵备件' }) },
  {
    name: 'POST /parts/suppliers',
    allowed: ['admin', 'parts_admin'],
    call: (c, r) => c.post('/api/v1/parts/suppliers', { code: uniq(r, 'S'), name: '矩阵供应商' }),
  },
  { name: 'GET /parts/warehouses', allowed: STAFF, call: (c) => c.get('/api/v1/parts/warehouses') },
  { name: 'GET /parts/stock', allowed: STAFF, call: (c) => c.get('/api/v1/parts/stock') },
  { name: 'GET /parts/ledger', allowed: STAFF, call: (c) => c.get('/api/v1/parts/ledger') },
  { name: 'GET /parts/ledger/verify', allowed: ['admin', 'service_manager', 'parts_admin', 'quality'], call: (c) => c.get('/api/v1/parts/ledger/verify') },
  {
    name: 'POST /parts/receipts',
    allowed: ['admin', 'parts_admin'],
    call: (c) => c.post('/api/v1/parts/receipts', { warehouseId: ref.central, partId: ref.filter, qty: 1, supplierId: ref.supplier }),
  },
  {
    name: 'POST /parts/transfers',
    allowed: ['admin', 'service_manager', 'parts_admin'],
    call: (c) =>
      c.post('/api/v1/parts/transfers', { fromWarehouseId: ref.central, toWarehouseId: ref.emergency, partId: ref.filter, qty: 1, receiverName: '矩阵' }),
  },
  {
    name: 'POST /parts/purchase-plans',
    allowed: ['admin', 'service_manager', 'parts_admin'],
    call: (c) => c.post('/api/v1/parts/purchase-plans', { lines: [{ partId: ref.filter, qty: 1 }] }),
  },
  {
    name: 'POST /parts/purchase-plans/:id/decide',
    allowed: ['service_manager'],
    call: async (c) => {
      const p = await submittedPlan();
      return c.post(`/api/v1/parts/purchase-plans/${p.id}/decide`, { version: p.version, approve: true });
    },
  },
  {
    name: 'POST /parts/purchase-contracts',
    allowed: ['admin', 'service_manager', 'parts_admin'],
    call: (c, r) =>
      c.post('/api/v1/parts/purchase-contracts', {
        number: uniq(r, 'CG'),
        supplierId: ref.supplier,
        deliveryDate: '2026-12-31',
        lines: [{ partId: ref.filter, qty: 1, unitPrice: '90.00' }],
      }),
  },
  {
    name: 'POST /parts/stocktakes',
    allowed: ['admin', 'parts_admin'],
    call: async (c, r) => {
      const w = await keeper().post('/api/v1/parts/warehouses', { code: uniq(r, 'WHS'), name: '矩阵仓库', kind: 'central' });
      return c.post('/api/v1/parts/stocktakes', { warehouseId: w.data.id });
    },
  },
  {
    name: 'POST /parts/stocktakes/:id/decide',
    allowed: ['admin', 'service_manager'],
    call: async (c, r) => {
      const s = await submittedSheet(r);
      return c.post(`/api/v1/parts/stocktakes/${s.id}/decide`, { version: s.version, approve: true });
    },
  },
  { name: 'GET /parts/reports/reorder', allowed: STAFF, call: (c) => c.get('/api/v1/parts/reports/reorder') },
  { name: 'GET /parts/reports/consumption', allowed: STAFF, call: (c) => c.get('/api/v1/parts/reports/consumption') },
];

describe('parts: role × endpoint matrix', () => {
  for (const k of cases) {
    it(`${k.name}: ${k.allowed.length === STAFF.length ? 'all staff' : k.allowed.join(', ')} allowed, others 403, anonymous 401`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const role of roles) {
        const status = (await k.call(clients.get(role) as Client, role)).statusCode;
        const allowed = k.allowed.includes(role);
        got[role] = allowed ? (status >= 200 && status < 300 ? 1 : status) : status;
        want[role] = allowed ? 1 : 403;
      }
      expect(got).toEqual(want);
      expect((await k.call(env.anonymous(), 'admin')).statusCode).toBe(401);
    });
  }
});
