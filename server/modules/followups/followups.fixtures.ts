// Helpers for the after-service stories (follow-ups, surveys, complaints): a repair request
// registered through the API whose work order is then marked closed at a given instant, as
// the work-order flow would leave it (that flow has its own tests).
import type { Client, TestEnv } from '../../test/harness.ts';
import { deviceId, userId } from '../../test/service.ts';

export async function closedRepair(env: TestEnv, dispatcher: Client, serial: string, resolvedAt: Date) {
  const r = await dispatcher.post('/api/v1/requests', {
    deviceId: await deviceId(env, serial),
    faultDescription: '染色不均匀',
    deviceDown: false,
    reporterName: '王红',
    reporterPhone: '13801010001',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const engineer = await userId(env, 'engineer');
  const at = resolvedAt.toISOString();
  const closed = new Date(resolvedAt.getTime() + 3_600_000).toISOString();
  await env.database.exec(
    `update work_orders set status = 'closed', lead_engineer_id = '${engineer}', resolved_at = '${at}', signed_at = '${at}', reviewed_at = '${closed}', closed_at = '${closed}' where id = '${r.data.workOrderId}'`,
  );
  return { requestId: r.data.id as string, workOrderId: r.data.workOrderId as string };
}
