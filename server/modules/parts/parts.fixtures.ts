// Test helpers for the parts stories: demo warehouses and parts by code, fresh parts, and
// work orders set up through the API (registered, dispatched to an engineer).
import type { Client, TestEnv } from '../../test/harness.ts';
import { deviceId, userId } from '../../test/service.ts';

export async function idOf(env: TestEnv, table: 'parts' | 'warehouses' | 'suppliers', code: string): Promise<string> {
  const r = await env.database.query<{ id: string }>(`select id from ${table} where code = '${code}'`);
  if (!r.rows[0]) throw new Error(`no ${table} ${code}`);
  return r.rows[0].id;
}

export async function balance(env: TestEnv, partId: string, warehouseId: string, lot = '', condition = 'good'): Promise<number> {
  const r = await env.database.query<{ qty: number }>(
    `select qty from stock_balances where part_id = '${partId}' and warehouse_id = '${warehouseId}' and lot = '${lot}' and condition = '${condition}'`,
  );
  return Number(r.rows[0]?.qty ?? 0);
}

let seq = 0;
/** A new untracked part, created by the parts administrator. */
export async function newPart(parts: Client, extra: Record<string, unknown> = {}): Promise<string> {
  seq += 1;
  const r = await parts.post('/api/v1/parts/catalog', {
    code: `T-${process.pid}-${Date.now().toString(36)}-${seq}`,
    name: '测试备件',
    unitCost: '10.00',
    ...extra,
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.data.id;
}

/** A work order for a demo device, dispatched to `lead` (username). */
export async function workOrder(env: TestEnv, dispatcher: Client, serial: string, urgency: 'emergency' | 'normal', lead = 'engineer') {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '试剂泵不工作',
    deviceDown: urgency === 'emergency',
    reporterName: '王红',
    reporterPhone: '13801010001',
    urgency,
    urgencyReason: '测试',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.workOrderId as string;
  const w = await dispatcher.get(`/api/v1/work-orders/${id}`);
  const d = await dispatcher.post(`/api/v1/work-orders/${id}/dispatch`, { version: w.data.version, leadEngineerId: await userId(env, lead) });
  if (d.statusCode !== 200) throw new Error(d.body);
  return id;
}
