// The maintenance visits demo (issue 13 §1, §2): on the demo instruments, three visits of the Renhe
// stainer whose reagent deviation trends up to out of range (with its repair request), the last one
// too short — so the trend chart and the manager's 巡检证据异常 list show something after `npm start`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../test/harness.ts';
import { deviceId } from '../test/service.ts';
import { seedInstrumentsDemo } from './instruments.ts';
import { seedMaintenanceVisitsDemo } from './maintenance.ts';

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
