// Stories of contracts and the devices they cover (SPEC §2, R-CT-1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { businessDate } from '../../test/service.ts';

let env: TestEnv;
let sales: Client;
let rh: string;
let rhDevices: string[];
let rkDevice: string;

beforeAll(async () => {
  env = await createTestEnv();
  sales = await env.as('sales');
  rh = (await env.database.query<{ id: string }>(`select id from customers where code = 'BJ-RH'`)).rows[0].id;
  rhDevices = (await env.database.query<{ id: string }>(`select id from devices where customer_id = '${rh}' order by serial_number limit 3`)).rows.map(
    (r) => r.id,
  );
  rkDevice = (await env.database.query<{ id: string }>(`select d.id from devices d join customers c on c.id = d.customer_id where c.code = 'SH-RK' limit 1`))
    .rows[0].id;
});
afterAll(() => env?.close());

describe('contracts', () => {
  it('sales signs a maintenance contract for two units; they show it as their cover', async () => {
    const r = await sales.post('/api/v1/contracts', {
      number: 'HT-TEST-001',
      customerId: rh,
      kind: 'maintenance',
      startDate: '2020-01-01',
      endDate: '2099-12-31',
      deviceIds: rhDevices.slice(0, 2),
      slaPolicy: '标准服务',
      visitsPerYear: 4,
      price: '48000.50',
    });
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ deviceCount: 2, state: 'active', price: '48000.50', currency: 'CNY', customerName: '北京仁和医院' });
    const page = await sales.get(`/api/v1/devices/${rhDevices[0]}`);
    expect(page.data.contracts.map((c: { number: string }) => c.number)).toContain('HT-TEST-001');
    const list = await sales.get(`/api/v1/contracts?deviceId=${rhDevices[0]}`);
    expect(list.data.items.map((c: { number: string }) => c.number)).toContain('HT-TEST-001');
  });

  it('a contract cannot cover another hospital’s device, end before it starts, or carry a bad price', async () => {
    const base = { customerId: rh, kind: 'maintenance', startDate: '2026-01-01', endDate: '2026-12-31' };
    const other = await sales.post('/api/v1/contracts', { ...base, number: 'HT-BAD-1', deviceIds: [rkDevice] });
    expect(other.statusCode).toBe(422);
    expect(other.data.code).toBe('customer_mismatch');
    const reversed = await sales.post('/api/v1/contracts', { ...base, number: 'HT-BAD-2', endDate: '2025-12-31' });
    expect(reversed.statusCode).toBe(422);
    expect(reversed.data.code).toBe('date_order');
    const price = await sales.post('/api/v1/contracts', { ...base, number: 'HT-BAD-3', price: '12,000' });
    expect(price.statusCode).toBe(400);
    const ghost = await sales.post('/api/v1/contracts', { ...base, number: 'HT-BAD-4', deviceIds: ['00000000-0000-4000-8000-000000000009'] });
    expect(ghost.statusCode).toBe(422);
    expect((await sales.get('/api/v1/contracts?q=HT-BAD')).data.total).toBe(0);
  });

  it('replacing the covered devices is one audited change showing both lists', async () => {
    const c = (await sales.get('/api/v1/contracts?q=HT-TEST-001')).data.items[0];
    const r = await sales.patch(`/api/v1/contracts/${c.id}`, { version: c.version, deviceIds: [rhDevices[2]] });
    expect(r.statusCode).toBe(200);
    expect(r.data.deviceIds).toEqual([rhDevices[2]]);
    const admin = await env.as('admin');
    const trail = await admin.get(`/api/v1/audit?entity=contract&entityId=${c.id}`);
    expect(trail.data.items[0].before.deviceIds).toEqual([...rhDevices.slice(0, 2)].sort());
    expect(trail.data.items[0].after.deviceIds).toEqual([rhDevices[2]]);
  });

  it('renewal follow-up: active contracts ending soon, and expired ones, are listed by state', async () => {
    const soon = businessDate(20);
    await sales.post('/api/v1/contracts', { number: 'HT-SOON', customerId: rh, kind: 'maintenance', startDate: '2025-01-01', endDate: soon });
    await sales.post('/api/v1/contracts', { number: 'HT-OLD', customerId: rh, kind: 'paid', startDate: '2020-01-01', endDate: '2020-12-31' });
    const expiring = await sales.get('/api/v1/contracts?expiringWithinDays=30');
    const numbers = expiring.data.items.map((c: { number: string }) => c.number);
    expect(numbers).toContain('HT-SOON');
    expect(numbers).not.toContain('HT-OLD');
    expect(numbers).not.toContain('HT-TEST-001');
    const expired = await sales.get('/api/v1/contracts?state=expired');
    expect(expired.data.items.map((c: { number: string }) => c.number)).toContain('HT-OLD');
    expect(expired.data.items.every((c: { state: string }) => c.state === 'expired')).toBe(true);
  });

  it('two people saving the same contract at once: one wins, one gets 409', async () => {
    const c = (await sales.get('/api/v1/contracts?q=HT-SOON')).data.items[0];
    const finance = await env.as('finance');
    const [a, b] = await Promise.all([
      sales.patch(`/api/v1/contracts/${c.id}`, { version: c.version, notes: 'sales' }),
      finance.patch(`/api/v1/contracts/${c.id}`, { version: c.version, price: '1.00' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('a dispatcher may read contracts but not sign them', async () => {
    const dispatcher = await env.as('dispatcher');
    expect((await dispatcher.get('/api/v1/contracts')).statusCode).toBe(200);
    const r = await dispatcher.post('/api/v1/contracts', { number: 'HT-DSP', customerId: rh, kind: 'paid', startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(r.statusCode).toBe(403);
  });
});
