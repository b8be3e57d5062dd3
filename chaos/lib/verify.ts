// After a fault, read the database directly (the server stopped): every acknowledged request is
// there with its work order, no request or work order exists without its audit 'create' entry
// (and no such entry without its row), and the audit hash chain verifies end to end.
import type { Database } from '../../server/db/client.ts';
import { openLedger, verifyChain } from '../../server/lib/audit.ledger.ts';
import type { Ack } from './load.ts';

export interface Findings {
  /** Rows and audit entries looked at. */
  checked: number;
  failures: string[];
  chain: Awaited<ReturnType<typeof verifyChain>>;
}

const n = (rows: { n: number | string }[]) => Number(rows[0]?.n ?? 0);

/**
 * With `dataDir` (the server's, stopped cleanly after its last restart) the audit ledger is
 * checked against its key and checkpoint file too, and every entry must be sealed: a crash
 * leaves entries unsealed, the next start seals them (issue 17 item 2).
 */
export async function verifyWrites(database: Database, acked: Ack[], opts: { dataDir?: string } = {}): Promise<Findings> {
  const failures: string[] = [];
  const ids = acked.map((a) => a.requestId);
  const found = await database.query<{ id: string; wo: string | null }>(
    `select r.id::text as id, w.id::text as wo
       from service_requests r left join work_orders w on w.request_id = r.id
      where r.id = any($1::uuid[])`,
    [ids],
  );
  const byId = new Map(found.rows.map((r) => [r.id, r.wo]));
  for (const a of acked) {
    if (!byId.has(a.requestId)) failures.push(`acknowledged request ${a.requestId} is missing`);
    else if (byId.get(a.requestId) !== a.workOrderId) failures.push(`acknowledged request ${a.requestId} lost its work order ${a.workOrderId}`);
  }

  const pairs = [
    ['service_request', 'service_requests'],
    ['work_order', 'work_orders'],
  ] as const;
  let checked = acked.length;
  for (const [entity, table] of pairs) {
    checked += n((await database.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows);
    const orphanRows = await database.query<{ id: string }>(
      `select t.id::text as id from ${table} t
        where not exists (select 1 from audit_log a where a.entity = $1 and a.action = 'create' and a.entity_id = t.id::text)`,
      [entity],
    );
    for (const r of orphanRows.rows) failures.push(`${table} ${r.id} has no audit 'create' entry`);
    const orphanAudit = await database.query<{ seq: string; id: string }>(
      `select a.seq::text as seq, a.entity_id as id from audit_log a
        where a.entity = $1 and a.action = 'create'
          and not exists (select 1 from ${table} t where t.id::text = a.entity_id)`,
      [entity],
    );
    for (const r of orphanAudit.rows) failures.push(`audit entry ${r.seq} creates ${entity} ${r.id}, which does not exist`);
  }
  const ledger = opts.dataDir ? openLedger({ dataDir: opts.dataDir }) : null;
  const chain = await verifyChain(database.db, { ledger });
  if (!chain.ok) failures.push(`audit chain broken at ${chain.brokenAt} (${chain.reason}: ${chain.detail})`);
  if (chain.ok && ledger) {
    if (!ledger.publicKey) failures.push(`no audit ledger key in ${opts.dataDir}`);
    if (chain.unsealed > 0) failures.push(`${chain.unsealed} audit entries left unsealed after the restart and a clean stop`);
    if (chain.checkpoints !== chain.batches) failures.push(`${chain.batches} sealed batches but ${chain.checkpoints} checkpoints`);
  }
  checked += chain.checked;
  return { checked, failures, chain };
}
