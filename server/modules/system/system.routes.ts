// Liveness and readiness: database reachable, job queue running, last heartbeat seen. 200 'ok'
// when all is well; 'degraded' when the queue is not running (200) or the database is
// unreachable (503, while the process itself stays up and recovers on its own).
import { z } from 'zod';
import pkg from '../../../package.json' with { type: 'json' };
import type { Api, AppContext } from '../../http/context.ts';
import { schemaId } from '../../lib/dto.ts';

const healthDto = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']),
    database: z.object({ ok: z.boolean(), kind: z.enum(['pglite', 'postgres']), latencyMs: z.number().nullable() }),
    queue: z.object({ ok: z.boolean(), running: z.boolean(), lastHeartbeat: z.string().nullable() }),
    version: z.string(),
  })
  .meta(schemaId('Health'));

export function systemRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Database and job-queue status', response: { 200: healthDto, 503: healthDto } } },
    async (_req, reply) => {
      const started = performance.now();
      let dbOk = true;
      let lastHeartbeat: string | null = null;
      try {
        const r = await ctx.database.query<{ value: { at: string } }>(`select value from system_state where key = 'heartbeat'`);
        lastHeartbeat = r.rows[0]?.value?.at ?? null;
      } catch {
        dbOk = false;
      }
      const latencyMs = dbOk ? Math.round((performance.now() - started) * 10) / 10 : null;
      const running = Boolean(ctx.queue?.started);
      const queueOk = dbOk && running;
      // A process that answers is never 'down' (that is what a failed probe means): without its
      // database it is 'degraded' and answers 503, so load balancers stop sending it work.
      const status = dbOk && queueOk ? 'ok' : 'degraded';
      const body = {
        status,
        database: { ok: dbOk, kind: ctx.database.kind, latencyMs },
        queue: { ok: queueOk, running, lastHeartbeat },
        version: pkg.version,
      } as const;
      return reply.status(dbOk ? 200 : 503).send(body);
    },
  );
}
