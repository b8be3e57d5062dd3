// Issue 17 item 1: registering a repair request stays a handful of statements — lock the unit,
// read what it brings, insert the request (its number drawn in the statement), insert the work
// order, start the three clocks with their events, append the audit entries at COMMIT. The
// session check (0 while http/session-cache.ts holds it, 1 otherwise) comes on top: ≤ 6.

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, workOrders } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { toAuditJson, withAuditAtCommit } from '../../lib/audit.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { recordingDb } from '../../test/plans.ts';
import { deviceId, iso, principal } from '../../test/service.ts';
import { registerRequest } from './requests.registration.ts';
import { getRequest } from './requests.service.ts';

let env: TestEnv;
let dispatcher: Principal;
const TZ = 'Asia/Shanghai';

beforeAll(async () => {
  env = await createTestEnv();
  dispatcher = await principal(env, 'dispatcher');
});
afterAll(() => env?.close());

const call = (device: string) => ({
  deviceId: device,
  faultDescription: '开机后报错 E102，无法染色',
  deviceDown: false,
  channel: 'phone' as const,
  reporterName: '王红',
  reporterPhone: '13801010001',
  receivedAt: iso('2026-11-17 10:00'),
  internal: false,
  urgencyReason: undefined,
});

async function registeredCounting(serial: string) {
  const rec = recordingDb(env.database);
  const db = withAuditAtCommit(rec.db);
  const r = await registerRequest(db, dispatcher, call(await deviceId(env, serial)), TZ);
  const statements = rec.statements.map((s) => s.sql).filter((s) => !/^(begin|commit)\b/i.test(s.trim()));
  return { r, statements };
}

describe('registering a repair request costs a fixed, small number of statements', () => {
  it('a registration on a unit under contract runs five statements once the SLA caches are warm, and answers what a read-back would', async () => {
    await registeredCounting('SV600-25-2201'); // warms the policy and calendar caches
    const { r, statements } = await registeredCounting('ST5020-21-0031');
    expect(statements, statements.join('\n\n')).toHaveLength(5);
    expect(statements[0]).toMatch(/for update of "devices"/);
    expect(statements[2]).toMatch(/next_number\(/);
    expect(statements[3]).toMatch(/insert into "work_orders".*insert into "sla_clocks".*insert into "sla_events"/s);
    expect(statements.some((s) => /counters/.test(s))).toBe(false);
    // The answer built from the rows in hand is the answer a fresh read gives.
    expect(JSON.parse(JSON.stringify(r.detail))).toEqual(JSON.parse(JSON.stringify(await getRequest(env.database.db, dispatcher, r.requestId))));
    // The work order's audit entry, built without reading the row back, is the row as stored
    // (but for the next deadline, which the clocks' trigger fills after the insert).
    const [wo] = await env.database.db.select().from(workOrders).where(eq(workOrders.id, r.workOrderId));
    const [entry] = await env.database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'work_order'), eq(auditLog.entityId, r.workOrderId)));
    expect(wo.nextDueAt?.toISOString()).toBe(r.detail.nextDueAt);
    expect(entry.after).toEqual(toAuditJson({ ...wo, nextDueAt: null, nextDueKind: null, atRiskFrom: null }));
  });

  it('numbers come from a sequence per business-calendar year, continuing after what the counters row handed out', async () => {
    await env.database.db.execute(sql`insert into counters (key, value) values ('BX-2024', 41) on conflict (key) do update set value = 41`);
    const device = await deviceId(env, 'SV600-22-0815');
    const at = async (instant: string) => {
      const r = await registerRequest(env.database.db, dispatcher, { ...call(device), receivedAt: instant }, TZ);
      return [r.detail.number, r.detail.workOrderNumber];
    };
    expect(await at('2024-06-01T02:00:00.000Z')).toEqual(['BX-2024-000042', 'WO-2024-000042']);
    expect(await at('2024-06-02T02:00:00.000Z')).toEqual(['BX-2024-000043', 'WO-2024-000043']);
    // 23:30 on 31 December in Beijing is still 2025; 00:30 on 1 January is 2026, though UTC says 2025.
    expect((await at('2025-12-31T15:30:00.000Z'))[0]).toMatch(/^BX-2025-\d{6}$/);
    expect((await at('2025-12-31T16:30:00.000Z'))[0]).toMatch(/^BX-2026-\d{6}$/);
  });
});
