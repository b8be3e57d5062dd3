// The audit viewer's API: history of any record, the whole trail filtered, and chain
// verification (R-AU-1). There is deliberately no write endpoint.
import { desc, eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { auditLog } from '../../lib/audit.tables.ts';
import { verifyChain } from '../../lib/audit.ts';
import { pageOf, schemaId } from '../../lib/dto.ts';
import { allOf, countOf, offsetOf } from '../../lib/records.ts';
import { auditPolicy } from './audit.policy.ts';
import { recordLabels } from './audit.records.ts';

const entryDto = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    entity: z.string(),
    entityId: z.string(),
    /** What people call the record (request no., work-order no., serial, customer name …); null when it has no such name. */
    recordLabel: z.string().nullable(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta(schemaId('AuditEntry'));

const auditQuery = z.strictObject({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(50).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const verifyDto = z
  .object({
    ok: z.boolean(),
    checked: z.number(),
    lastSeq: z.number().nullable(),
    brokenAt: z.number().optional(),
    reason: z.enum(['hash_mismatch', 'link_mismatch']).optional(),
  })
  .meta(schemaId('AuditChainCheck'));

export function auditRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['audit'];

  app.get('/audit', { schema: { tags, summary: 'Audit entries, newest first', querystring: auditQuery, response: { 200: pageOf(entryDto) } } }, async (req) => {
    authorize(req, auditPolicy, 'read');
    const q = req.query;
    const where = allOf(
      q.entity ? eq(auditLog.entity, q.entity) : undefined,
      q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
      q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
      q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
    );
    const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(q.pageSize).offset(offsetOf(q));
    const labels = await recordLabels(db, rows);
    return {
      items: rows.map((r, i) => ({ ...r, at: r.at.toISOString(), recordLabel: labels[i] })),
      total: await countOf(db, auditLog, where),
      page: q.page,
      pageSize: q.pageSize,
    };
  });

  app.get(
    '/audit/verify',
    { schema: { tags, summary: 'Recompute the hash chain and report the first broken entry', response: { 200: verifyDto } } },
    async (req) => {
      authorize(req, auditPolicy, 'verify');
      return verifyChain(db);
    },
  );
}
