// The maintenance visits demo (issue 13 §1, §2): on the demo instruments, three visits of the Renhe
// stainer whose reagent deviation trends up to out of range (with its repair request), the last one
// too short — so the trend chart and the manager's 巡检证据异常 list show something after `npm start`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenanceVisits, workOrders } from '../db/schema.ts';
import { fileBlobStore } from '../modules/attachments/index.ts';
import { type Client, createTestEnv, type TestEnv } from '../test/harness.ts';
import { deviceId } from '../test/service.ts';
import { seedInstrumentsDemo } from './instruments.ts';
import { seedMaintenancePlansDemo, seedMaintenanceVisitsDemo } from './maintenance.ts';

let env: TestEnv;
let manager: Client;
beforeAll(async () => {
  env = await createTestEnv();
  manager = await env.as('manager');
  await seedInstrumentsDemo(env.database.db, 'Asia/Shanghai');
  await seedMaintenanceVisitsDemo(env.database.db, 'Asia/Shanghai');
});
afterAll(() => env?.close());

describe('maintenance visits demo', () => {
  it('the reagent deviation trends up to out of range; its finding opened a repair; the short visit is an exception', async () => {
    const dev = await deviceId(env, 'ST5020-21-0031');
    const trend = await manager.get(`/api/v1/devices/${dev}/maintenance-readings?checkKey=reagent_volume`);
    expect(trend.statusCode, trend.body).toBe(200);
    expect(trend.data.items.map((r: { value: string; outOfRange: boolean }) => [r.value, r.outOfRange])).toEqual([
      ['1.8', false],
      ['3.9', false],
      ['6.4', true],
    ]);
    const ex = await manager.get('/api/v1/maintenance-evidence-exceptions');
    expect(ex.data.items.map((e: { kind: string }) => e.kind)).toContain('short_visit');
    const wo = ex.data.items.find((e: { kind: string }) => e.kind === 'short_visit').workOrderId;
    const visit = await manager.get(`/api/v1/work-orders/${wo}/maintenance-record`);
    expect(visit.data.findings[0].requestNumber).toMatch(/^BX/);
    expect(visit.data.missing).toEqual([{ code: 'evidence_photos', required: 2, inWindow: 0 }]);
  });
});

describe('maintenance demo on a first start (with a blob store)', () => {
  let env2: TestEnv;
  let dir: string;
  beforeAll(async () => {
    env2 = await createTestEnv();
    dir = mkdtempSync(path.join(tmpdir(), 'medservice-demo-blobs-'));
    const store = fileBlobStore(dir);
    await seedInstrumentsDemo(env2.database.db, 'Asia/Shanghai');
    await seedMaintenancePlansDemo(env2.database.db, 'Asia/Shanghai', new Date(), store);
    await seedMaintenanceVisitsDemo(env2.database.db, 'Asia/Shanghai', new Date(), store);
  });
  afterAll(async () => {
    await env2?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('past plan visits are worked through the product: a record with every task, readings in range, photos on site and the customer signature (R-PM-1, R-PM-2)', async () => {
    const db = env2.database.db;
    const done = await db
      .select({ workOrderId: maintenanceVisits.workOrderId, status: workOrders.status })
      .from(maintenanceVisits)
      .innerJoin(workOrders, eq(workOrders.id, maintenanceVisits.workOrderId))
      .where(inArray(workOrders.status, ['resolved', 'signed_off', 'closed']));
    expect(done.length).toBeGreaterThan(0);
    const mgr = await env2.as('manager');
    for (const v of done) {
      const rec = await mgr.get(`/api/v1/work-orders/${v.workOrderId}/maintenance-record`);
      expect(rec.statusCode, rec.body).toBe(200);
      expect(v.status).toBe('signed_off');
      expect(rec.data.missing).toEqual([]);
      expect(rec.data.photos.length).toBeGreaterThan(0);
      expect(rec.data.photos.every((ph: { inWindow: boolean }) => ph.inWindow)).toBe(true);
      expect(rec.data.record.tasks.every((t: { done: boolean | null }) => t.done === true)).toBe(true);
      expect(rec.data.readings.length).toBe(rec.data.record.checks.length);
      expect(rec.data.readings.every((r: { outOfRange: boolean }) => !r.outOfRange)).toBe(true);
    }
  });

  it('the stainer visits get their photos, are resolved and signed; the short one is still an exception', async () => {
    const mgr = await env2.as('manager');
    const ex = await mgr.get('/api/v1/maintenance-evidence-exceptions');
    expect(ex.data.items.map((e: { kind: string }) => e.kind)).toContain('short_visit');
    expect(ex.data.items.map((e: { kind: string }) => e.kind)).not.toContain('photo_reused');
    expect(ex.data.items.map((e: { kind: string }) => e.kind)).not.toContain('identical_readings');
    const wo = ex.data.items.find((e: { kind: string }) => e.kind === 'short_visit').workOrderId;
    const visit = await mgr.get(`/api/v1/work-orders/${wo}/maintenance-record`);
    expect(visit.data.missing).toEqual([]);
    const order = await mgr.get(`/api/v1/work-orders/${wo}`);
    expect(order.data.status).toBe('signed_off');
  });
});
