// Reading the audit trail: one page of entries, filtered, newest first, each with the name people
// call its record by (audit.records.ts). Writes happen only through lib/audit.ts.
import { desc, eq, getTableColumns, gte, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditLog, auditSeals } from '../../lib/audit.tables.ts';
import { allOf, countOf, offsetOf } from '../../lib/records.ts';
import { recordLabels } from './audit.records.ts';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/**
 * Entity types a migration renamed. The ledger is insert-only, so earlier entries keep the old
 * name; filtering by the new name finds them too (the record kept its id).
 */
const EARLIER_NAMES: Record<string, readonly string[]> = {
  supplier_notice: ['adverse_event_notice'], // migration 0073
};

export async function listAudit(ex: Executor, q: AuditFilter) {
  const where = allOf(
    q.entity ? inArray(auditLog.entity, [q.entity, ...(EARLIER_NAMES[q.entity] ?? [])]) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  );
  // Newest written first, sealed or not; pos, prevHash and hash are null until the sealer chains the entry.
  const { xid: _xid, ...columns } = getTableColumns(auditLog);
  const rows = await ex
    .select({ ...columns, pos: auditSeals.pos, prevHash: auditSeals.prevHash, hash: auditSeals.hash })
    .from(auditLog)
    .leftJoin(auditSeals, eq(auditSeals.seq, auditLog.seq))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const labels = await recordLabels(ex, rows);
  return { rows: rows.map((r, i) => ({ ...r, recordLabel: labels[i] })), total: await countOf(ex, auditLog, where) };
}
