// The audit viewer's API: history of any record, the whole trail filtered, and chain
// verification (R-AU-1). There is deliberately no write endpoint.
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { verifyChain } from '../../lib/audit.ledger.ts';
import { pageOf, schemaId } from '../../lib/dto.ts';
import { auditPolicy } from './audit.policy.ts';
import { listAudit } from './audit.service.ts';

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
    /** Place in the hash chain; null (with prevHash and hash) until the sealer has chained the entry, within seconds. */
    pos: z.number().nullable(),
    prevHash: z.string().nullable(),
    hash: z.string().nullable(),
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
    /** Chain position of the last chained entry. */
    lastSeq: z.number().nullable(),
    /** Entries written but not chained yet (sealed every few seconds). */
    unsealed: z.number(),
    batches: z.number(),
    /** Signed checkpoint lines verified (outside the database). */
    checkpoints: z.number(),
    brokenAt: z.number().optional(),
    reason: z.enum(['hash_mismatch', 'link_mismatch', 'row_missing', 'batch_mismatch', 'tail_deleted', 'checkpoint_invalid']).optional(),
    detail: z.string().optional(),
  })
  .meta(schemaId('AuditChainCheck'));

export function auditRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['audit'];

  app.get('/audit', { schema: { tags, summary: 'Audit entries, newest first', querystring: auditQuery, response: { 200: pageOf(entryDto) } } }, async (req) => {
    authorize(req, auditPolicy, 'read');
    const q = req.query;
    const { rows, total } = await listAudit(db, q);
    return {
      items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  });

  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify the audit ledger (entries, links, batches, signed checkpoints) and report the first fault',
        response: { 200: verifyDto },
      },
    },
    async (req) => {
      authorize(req, auditPolicy, 'verify');
      return verifyChain(db);
    },
  );
}
